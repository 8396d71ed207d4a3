/** A feature's keyboard shortcuts, written down: each key and what it does there. */
export function ShortcutTable({
  rows,
}: {
  rows: readonly (readonly [key: string, what: string])[];
}) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col" className="table__header">
            Key
          </th>
          <th scope="col" className="table__header">
            What it does
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([key, what]) => (
          <tr key={`${key}:${what}`}>
            <td className="table__cell">
              <kbd>{key}</kbd>
            </td>
            <td className="table__cell">{what}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

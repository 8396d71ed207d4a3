import type { ReactNode } from 'react';

interface DataTableProps<Row> {
  /** Read to screen reader users only: the page's heading already says what the table is. */
  caption: string;
  headers: readonly string[];
  rows: readonly Row[];
  rowKey(row: Row): string;
  /** The cells of a row, one for each header. */
  cells(row: Row): readonly ReactNode[];
}

/** A table of records, one row each, that scrolls sideways on a narrow screen. */
export function DataTable<Row>({ caption, headers, rows, rowKey, cells }: DataTableProps<Row>) {
  return (
    <div className="table-wrapper">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col" className="table__header">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {cells(row).map((cell, index) => (
                <td key={headers[index]} className="table__cell">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

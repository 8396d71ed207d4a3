/** A plain status line: spinners mean little to screen readers and on slow laptops. */
export function Loading({ children = 'Loading…' }: { children?: string }) {
  return (
    <p className="page loading" role="status">
      {children}
    </p>
  );
}

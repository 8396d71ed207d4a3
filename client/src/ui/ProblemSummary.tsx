import { useEffect, useRef } from 'react';

/** One problem to show: in the error summary, linked to the field it is about. */
export interface Problem {
  /** The id of the field to move to; absent for a problem with no field. */
  field?: string;
  message: string;
}

/**
 * GOV.UK error summary for a page's own form (a dialog's is `ErrorSummary` in fields.tsx): takes focus when it
 * appears so the problem is read out first. `problems` must keep its identity between renders.
 */
export function ProblemSummary({ problems }: { problems: Problem[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problems.length > 0) ref.current?.focus();
  }, [problems]);
  if (problems.length === 0) return null;
  return (
    <div
      ref={ref}
      className="error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
    >
      <h2 id="error-summary-title" className="error-summary__title">
        There is a problem
      </h2>
      <ul className="error-summary__list">
        {problems.map((problem) => (
          <li key={`${problem.field ?? ''}${problem.message}`}>
            {problem.field ? <a href={`#${problem.field}`}>{problem.message}</a> : problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

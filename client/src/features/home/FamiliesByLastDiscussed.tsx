import { addDays, reviewEveryDays, type FamilySummary } from '@unitroom/shared';
import { Link } from 'react-router';
import { familyPath } from '../../navigation/paths';
import { formatMeetingDate, todayIsoDate } from '../../ui/dates';

/**
 * The unit's families, the longest undiscussed first: the list a coordinator builds an agenda
 * from. Facts about families only, never about people.
 */
export function FamiliesByLastDiscussed({ families }: { families: FamilySummary[] }) {
  const today = todayIsoDate();
  const ordered = [...families].sort(
    (a, b) =>
      (a.lastDiscussed ?? '').localeCompare(b.lastDiscussed ?? '') || a.name.localeCompare(b.name),
  );
  return (
    <section className="home-section" aria-labelledby="families-heading">
      <h2 id="families-heading" className="heading-m">
        Families by when last discussed
      </h2>
      {ordered.length === 0 ? (
        <p>Your unit has no families yet.</p>
      ) : (
        <ul className="card-list">
          {ordered.map((family) => {
            const due =
              family.lastDiscussed === null ||
              addDays(family.lastDiscussed, reviewEveryDays(family.veryActive)) <= today;
            return (
              <li key={family.id} className="card">
                <h3 className="card__title heading-s">
                  <Link to={familyPath(family.id)}>{family.name}</Link>
                  {due && <strong className="tag tag--chair">Due</strong>}
                  {family.veryActive && <strong className="tag">Very active</strong>}
                </h3>
                <p className="card__meta">
                  {family.lastDiscussed === null
                    ? 'Not discussed yet'
                    : `Last discussed ${formatMeetingDate(family.lastDiscussed)}`}
                  {family.children.length > 0 &&
                    ` · Children: ${family.children.map((child) => child.name).join(', ')}`}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

import type { ChildSummary, FamilySummary } from '@unitroom/shared';
import { Link } from 'react-router';
import { familyPath } from '../../app/paths';

const childLabel = (child: ChildSummary) =>
  child.birthYear === null ? child.name : `${child.name} (born ${child.birthYear})`;

export function FamiliesList({ families }: { families: FamilySummary[] }) {
  return (
    <section className="home-section" aria-labelledby="families-heading">
      <h2 id="families-heading" className="heading-m">
        Families
      </h2>
      {families.length === 0 ? (
        <p>Your unit has no families yet.</p>
      ) : (
        <ul className="card-list">
          {families.map((family) => (
            <li key={family.id} className="card">
              <h3 className="card__title heading-s">
                <Link to={familyPath(family.id)}>{family.name}</Link>
              </h3>
              <p className="card__meta">
                {family.children.length === 0
                  ? 'No children recorded'
                  : `Children: ${family.children.map(childLabel).join(', ')}`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

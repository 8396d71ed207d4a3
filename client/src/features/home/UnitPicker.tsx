import type { UnitMembership } from '@unitroom/shared';
import { Link } from 'react-router';
import { unitHomePath } from '../../navigation/paths';

export function UnitPicker({ units, selectedId }: { units: UnitMembership[]; selectedId: string }) {
  return (
    <nav className="unit-picker" aria-label="Your units">
      <ul className="unit-picker__list">
        {units.map((unit) => (
          <li key={unit.id}>
            <Link
              to={unitHomePath(unit.id)}
              aria-current={unit.id === selectedId ? 'page' : undefined}
              className="unit-picker__link"
            >
              {unit.name}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

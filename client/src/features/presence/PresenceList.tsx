import { ROLE_LABELS, ROLE_SHORT } from '@unitroom/shared';
import type { Awareness } from 'y-protocols/awareness';
import { textColourOn } from '../../ui/colour';
import { initials } from '../../ui/initials';
import { usePresentUsers } from './usePresentUsers';
import './presence.css';

interface PresenceListProps {
  awareness: Awareness;
  selfId: string;
  /** What the list is of: "In this meeting", "Looking at this family". */
  label?: string;
}

export function PresenceList({ awareness, selfId, label = 'In this meeting' }: PresenceListProps) {
  const people = usePresentUsers(awareness, selfId);
  return (
    <ul className="presence" aria-label={label}>
      {people.map((person) => {
        const description = `${person.name}${person.isSelf ? ' (you)' : ''}, ${ROLE_LABELS[person.role]}`;
        return (
          <li key={person.id} className="presence__person" title={description}>
            <span
              className="presence__avatar"
              style={{ backgroundColor: person.color, color: textColourOn(person.color) }}
              aria-hidden="true"
            >
              {initials(person.name)}
            </span>
            <span className="role-badge" aria-hidden="true">
              {ROLE_SHORT[person.role]}
            </span>
            <span className="visually-hidden">{description}</span>
          </li>
        );
      })}
    </ul>
  );
}

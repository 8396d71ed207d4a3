import type { FamilyOpenItems, OpenAction } from '@unitroom/shared';
import { formatMeetingDate } from '../../ui/dates';
import './carryOver.css';

/** "By 6 March 2026", or the partial date as written ("2026-03"). */
const byDate = (date: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(date) ? formatMeetingDate(date) : date;

export function ActionLine({ action, showFamily }: { action: OpenAction; showFamily?: boolean }) {
  return (
    <>
      {showFamily && <strong>{action.familyName}: </strong>}
      {action.text}
      <span className="open-items__meta">
        {action.owner && ` · ${action.owner}`}
        {action.due && ` · by ${byDate(action.due)}`}
      </span>
    </>
  );
}

/** The actions of the family's last discussion, under a heading. */
export function OpenItemsList({
  items,
  headingLevel,
}: {
  items: FamilyOpenItems;
  headingLevel: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingClass = headingLevel === 2 ? 'heading-m' : 'heading-s';
  return (
    <>
      <Heading className={headingClass}>
        {items.from
          ? `Actions from ${formatMeetingDate(items.from.date)}`
          : 'Actions from the last discussion'}
      </Heading>
      {items.actions.length === 0 ? (
        <p>
          {items.from ? 'No actions were written down.' : 'This family has not been discussed yet.'}
        </p>
      ) : (
        <ul className="open-items__list">
          {items.actions.map((action, index) => (
            <li key={`${action.meetingId}:${index}`}>
              <ActionLine action={action} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

import { ROLE_LABELS, roleSchema, type FamilyOverview } from '@unitroom/shared';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { fetchFamilyOverview } from '../../api/meetings';
import { meetingFamilyPath } from '../../navigation/paths';
import { formatMeetingDate } from '../../ui/dates';
import { OpenItemsList } from '../carryOver';
import { useOpenItems } from '../carryOver';

type Loaded =
  { state: 'loading' } | { state: 'failed' } | { state: 'ready'; value: FamilyOverview };

const roleLabel = (role: string) => {
  const parsed = roleSchema.safeParse(role);
  return parsed.success ? ROLE_LABELS[parsed.data] : role;
};

/**
 * The family's discussions over time (each meeting that had it on its agenda, with a link to the
 * family's discussion in that meeting) and who in the unit has worked with it, so nobody has to
 * ask the family to tell its story again. Names and roles only: never a count or score per person.
 */
export function FamilyHistory({ familyId }: { familyId: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const openItems = useOpenItems(familyId);
  useEffect(() => {
    let live = true;
    fetchFamilyOverview(familyId).then(
      (value) => live && setLoaded({ state: 'ready', value }),
      () => live && setLoaded({ state: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [familyId]);

  if (loaded.state === 'loading') return <p role="status">Loading the family's history…</p>;
  // Guests are not given the unit's history of the family; the section is simply not there.
  if (loaded.state === 'failed') return null;
  const { discussions, workedWith } = loaded.value;

  return (
    <div className="family-history">
      {openItems.state === 'ready' && (
        <section className="home-section" aria-label="Open actions">
          <OpenItemsList items={openItems.items} headingLevel={2} />
        </section>
      )}
      <section className="home-section" aria-labelledby="discussions-heading">
        <h2 id="discussions-heading" className="heading-m">
          Discussions over time
        </h2>
        {discussions.length === 0 ? (
          <p>This family has not been on a meeting's agenda yet.</p>
        ) : (
          <ol className="family-history__list" reversed>
            {discussions.map((discussion) => (
              <li key={discussion.meetingId}>
                <Link to={meetingFamilyPath(discussion.meetingId, familyId)}>
                  {discussion.meetingTitle}, {formatMeetingDate(discussion.date)}
                </Link>{' '}
                <span className="family-history__state">
                  {discussion.reached
                    ? 'discussed'
                    : discussion.status === 'closed'
                      ? 'not reached, carried over'
                      : 'planned'}
                  {discussion.carriedFrom && ' · carried over from an earlier meeting'}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="home-section" aria-labelledby="worked-with-heading">
        <h2 id="worked-with-heading" className="heading-m">
          Who in the unit has worked with this family
        </h2>
        {workedWith.length === 0 ? (
          // "In this unit": after a transfer, those who worked with it before are in another unit.
          <p>Nobody in this unit has opened this family's records yet.</p>
        ) : (
          <ul className="member-list">
            {workedWith.map((person) => (
              <li key={person.userId} className="member-list__item">
                <span className="member-list__name">{person.name}</span>{' '}
                <span className="member-list__role">
                  {roleLabel(person.role)} · last on {formatMeetingDate(person.lastAt.slice(0, 10))}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

import type { AwarenessUser } from '@unitroom/shared';
import { useEffect, useId, useMemo, useState } from 'react';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  fetchGenogramSnapshot,
  listGenogramSnapshots,
  type GenogramSnapshotSummary,
} from '../../api/families';
import { formatMeetingDate } from '../../ui/dates';
import { GenogramWorkspace } from '../genogram';

type Loaded<T> = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; value: T };

/**
 * The genogram as it stood at each past meeting (kept by the server when the chair moved on from
 * the family). A kept genogram is drawn by the same workspace, read-only, from a local document
 * that no provider connects: nothing typed here could reach anyone.
 */
export function GenogramHistory({
  familyId,
  familyName,
  user,
}: {
  familyId: string;
  familyName: string;
  user: AwarenessUser;
}) {
  const headingId = useId();
  const [snapshots, setSnapshots] = useState<Loaded<GenogramSnapshotSummary[]>>({
    state: 'loading',
  });
  const [selected, setSelected] = useState<GenogramSnapshotSummary | null>(null);

  useEffect(() => {
    let live = true;
    listGenogramSnapshots(familyId).then(
      (value) => live && setSnapshots({ state: 'ready', value }),
      () => live && setSnapshots({ state: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [familyId]);

  return (
    <section className="genogram-history" aria-labelledby={headingId}>
      <h2 id={headingId} className="heading-m">
        The genogram at past meetings
      </h2>
      {snapshots.state === 'loading' && <p>Loading…</p>}
      {snapshots.state === 'failed' && (
        <p>The past genograms could not be loaded. Reload the page to try again.</p>
      )}
      {snapshots.state === 'ready' && snapshots.value.length === 0 && (
        <p>
          None yet. Unitroom keeps the genogram as it stands each time a meeting moves on from this
          family.
        </p>
      )}
      {snapshots.state === 'ready' && snapshots.value.length > 0 && (
        <ul className="genogram-history__list">
          {snapshots.value.map((snapshot) => (
            <li key={snapshot.meetingId}>
              <button
                type="button"
                className="button button--secondary"
                aria-pressed={selected?.meetingId === snapshot.meetingId}
                onClick={() => setSelected(snapshot)}
              >
                {snapshot.meetingTitle}, {formatMeetingDate(snapshot.meetingDate)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {selected && (
        <KeptGenogram
          key={selected.meetingId}
          familyId={familyId}
          familyName={familyName}
          snapshot={selected}
          user={user}
        />
      )}
    </section>
  );
}

function KeptGenogram({
  familyId,
  familyName,
  snapshot,
  user,
}: {
  familyId: string;
  familyName: string;
  snapshot: GenogramSnapshotSummary;
  user: AwarenessUser;
}) {
  const [state, setState] = useState<Loaded<Uint8Array>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    fetchGenogramSnapshot(familyId, snapshot.meetingId).then(
      (value) => live && setState({ state: 'ready', value }),
      () => live && setState({ state: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [familyId, snapshot.meetingId]);

  const kept = useMemo(() => {
    if (state.state !== 'ready') return null;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state.value);
    return { doc, awareness: new Awareness(doc) };
  }, [state]);
  useEffect(
    () => () => {
      kept?.awareness.destroy();
      kept?.doc.destroy();
    },
    [kept],
  );

  if (state.state === 'loading') return <p>Loading the genogram…</p>;
  if (state.state === 'failed' || !kept) {
    return <p>This genogram could not be loaded. Try again in a moment.</p>;
  }
  const when = formatMeetingDate(snapshot.meetingDate);
  return (
    <GenogramWorkspace
      doc={kept.doc}
      awareness={kept.awareness}
      user={user}
      familyName={`${familyName} at ${snapshot.meetingTitle}, ${when}`}
      readOnly
      readOnlyNotice={`This is the genogram as it stood at ${snapshot.meetingTitle} on ${when}. It cannot be changed; the live genogram is above.`}
      headingLevel={3}
    />
  );
}

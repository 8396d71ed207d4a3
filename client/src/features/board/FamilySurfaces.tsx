import {
  DEFAULT_QUESTION_BANK,
  type AwarenessUser,
  type HypothesisId,
  type MeetingId,
  type MeetingSummary,
  type PersonId,
} from '@unitroom/shared';
import { memo, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { questionBankPath } from '../../navigation/paths';
import { formatMeetingDate } from '../../ui/dates';
import { useMountedAfterFirst } from '../../ui/useMountedAfterFirst';
import { useUnitQuestionBank } from '../questionBank';
import { GenogramWorkspace } from '../genogram';
import type { HeadingLevel } from '../../ui/Heading';
import { useGenogram } from '../genogram';
import { peopleOf, type BoardMeeting } from './boardContext';
import { HypothesesBoard } from './HypothesesBoard';
import { useBoard } from './useBoard';
import './board.css';

// The room around them re-renders for every status, presence and timer change while it starts;
// with props that have not changed, the genogram and board need not be drawn again for it.
const GenogramPane = memo(GenogramWorkspace);
const BoardPane = memo(HypothesesBoard);

export interface FamilySurfacesProps {
  doc: Y.Doc;
  awareness: Awareness;
  user: AwarenessUser;
  familyName: string;
  readOnly: boolean;
  /** The meeting this is open in; null on the family page. */
  meeting: BoardMeeting | null;
  /** The unit's meetings, to name where a hypothesis came from. */
  meetings: readonly MeetingSummary[];
  /** The unit holding the family: its question bank feeds the board's proposals. */
  unitId: string;
  headingLevel?: HeadingLevel;
  /** False keeps the genogram out (the meeting room draws it only while its pane is open). */
  showGenogram?: boolean;
  /** Places the two surfaces somewhere else than side by side (the meeting room's panes). */
  arrange?: (parts: { genogram: ReactNode; board: ReactNode }) => ReactNode;
  /**
   * Draws the genogram and board only once the first render is on screen, so what is arranged
   * beside them (the meeting room's minutes) is usable first on a slow laptop.
   */
  drawAfterFirstPaint?: boolean;
  /** What to open from outside: the chair's person and hypothesis, while following ([W10]). */
  shown?: OpenedItems;
  /** Told what is open whenever it changes (the chair's room shares it). */
  onOpened?(opened: OpenedItems): void;
}

/** The person whose details are open on the genogram and the hypothesis open on the board. */
export interface OpenedItems {
  personId: PersonId | null;
  hypothesisId: HypothesisId | null;
}

/**
 * A family document's genogram and hypotheses board side by side, linked: selecting a person on
 * the genogram filters the board to hypotheses about them, and opening a hypothesis marks its
 * people on the genogram.
 */
export function FamilySurfaces({
  doc,
  awareness,
  user,
  familyName,
  readOnly,
  meeting,
  meetings,
  unitId,
  headingLevel = 2,
  showGenogram = true,
  arrange,
  drawAfterFirstPaint = false,
  shown,
  onOpened,
}: FamilySurfacesProps) {
  const painted = useMountedAfterFirst();
  const drawn = painted || !drawAfterFirstPaint;
  const genogram = useGenogram(doc);
  const [personFilter, setPersonFilter] = useState<PersonId | null>(null);
  const [chosen, setChosen] = useState<HypothesisId | null>(null);
  const onPersonSelected = useCallback((id: PersonId | null) => setPersonFilter(id), []);
  // The chair's hypothesis, applied as it changes (during render: a prop followed into state).
  const shownHypothesis = shown?.hypothesisId;
  const [appliedHypothesis, setAppliedHypothesis] = useState<HypothesisId | null | undefined>(
    undefined,
  );
  if (shownHypothesis !== appliedHypothesis) {
    setAppliedHypothesis(shownHypothesis);
    if (shownHypothesis !== undefined) setChosen(shownHypothesis);
  }
  useEffect(
    () => onOpened?.({ personId: personFilter, hypothesisId: chosen }),
    [onOpened, personFilter, chosen],
  );

  const board = useBoard(doc, genogram);
  const unitBank = useUnitQuestionBank(unitId).bank;
  const chosenHypothesis = board.hypotheses.find((h) => h.id === chosen) ?? null;
  // A new set only when the people change, so the canvas is not redrawn on every board edit.
  const highlightKey = chosenHypothesis
    ? [...peopleOf(chosenHypothesis, genogram)].sort().join(' ')
    : '';
  const highlighted = useMemo(
    () => new Set(highlightKey === '' ? [] : highlightKey.split(' ')),
    [highlightKey],
  );

  const describeMeeting = useCallback(
    (id: MeetingId | null) => {
      if (id === null) return 'between meetings';
      if (meeting && id === meeting.id) return 'this meeting';
      const found = meetings.find((m) => m.id === id);
      return found ? `the meeting of ${formatMeetingDate(found.date)}` : 'an earlier meeting';
    },
    [meeting, meetings],
  );

  const isEarlierMeeting = useCallback(
    (id: MeetingId) => {
      const other = meetings.find((m) => m.id === id);
      // A meeting the page does not know of (another unit's list, say) is taken as earlier.
      return !meeting || !other || other.date <= meeting.date;
    },
    [meeting, meetings],
  );

  const drawing = <p>Drawing the family&rsquo;s genogram and board…</p>;
  const genogramView = !showGenogram ? null : !drawn ? (
    drawing
  ) : (
    <GenogramPane
      doc={doc}
      awareness={awareness}
      user={user}
      familyName={familyName}
      readOnly={readOnly}
      headingLevel={headingLevel}
      onPersonSelected={onPersonSelected}
      highlighted={highlighted}
      shownPerson={shown?.personId}
    />
  );
  const boardView = !drawn ? (
    drawing
  ) : (
    <BoardPane
      doc={doc}
      genogram={genogram}
      user={user}
      readOnly={readOnly}
      meeting={meeting}
      bank={unitBank?.bank ?? DEFAULT_QUESTION_BANK}
      bankPath={questionBankPath(unitId)}
      describeMeeting={describeMeeting}
      isEarlierMeeting={isEarlierMeeting}
      headingLevel={headingLevel}
      personFilter={personFilter}
      onPersonFilter={setPersonFilter}
      board={board}
      chosen={chosenHypothesis?.id ?? null}
      onChoose={setChosen}
    />
  );
  if (arrange) return arrange({ genogram: genogramView, board: boardView });

  return (
    <div className="family-surfaces">
      <div className={`family-surfaces__grid${showGenogram ? ' family-surfaces__grid--both' : ''}`}>
        {genogramView && <div className="family-surfaces__genogram">{genogramView}</div>}
        <div className="family-surfaces__board">{boardView}</div>
      </div>
    </div>
  );
}

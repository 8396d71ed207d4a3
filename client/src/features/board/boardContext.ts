import {
  HYPOTHESIS_STATUS_LABELS,
  type BoardAbilities,
  type Genogram,
  type Hypothesis,
  type HypothesisStatus,
  type MeetingId,
  type PersonId,
  type QuestionTemplate,
  type Role,
} from '@unitroom/shared';
import { createContext, useContext } from 'react';
import { namesOf, relationshipTitle } from '../genogram';
import type { BoardEditor } from './useBoardEditor';

/** The meeting the board is open in; null on the family page, between meetings. */
export interface BoardMeeting {
  id: MeetingId;
  /** `YYYY-MM-DD`. */
  date: string;
}

/** What every part of the board needs: who is writing, what they may do, and how to say so. */
export interface BoardEnv {
  editor: BoardEditor;
  abilities: BoardAbilities;
  /** How this member's name is written as an author. */
  author: string;
  role: Role;
  genogram: Genogram;
  meeting: BoardMeeting | null;
  /** The unit's question bank ([Q5]); the default bank until it has loaded. */
  bank: readonly QuestionTemplate[];
  /** The page where the unit edits its bank. */
  bankPath: string;
  /** Whether a meeting came before the one the board is open in (by date). */
  isEarlierMeeting(id: MeetingId): boolean;
  /** "this meeting", "the meeting of Monday 16 November 2026", ... */
  describeMeeting(id: MeetingId | null): string;
  nameOf(id: string): string;
  /**
   * Runs board commands as one undo step; says `success` in the status line, or shows the
   * refusal in the error summary. Returns whether it went through.
   */
  act(action: Parameters<BoardEditor['perform']>[0], success: string): boolean;
}

export const BoardEnvContext = createContext<BoardEnv | null>(null);

export function useBoardEnv(): BoardEnv {
  const env = useContext(BoardEnvContext);
  if (!env) throw new Error('Board parts must be inside the hypotheses board');
  return env;
}

/** The exports' words ([W8]): one table, so the board and the record never disagree. */
export const STATUS_LABELS: Record<HypothesisStatus, string> = HYPOTHESIS_STATUS_LABELS;

export const STATUS_HINTS: Record<HypothesisStatus, string> = {
  open: 'Offered, not yet explored with the family',
  exploring: 'Conversations are planned or under way',
  supported: 'What we have seen and heard bears it out',
  set_aside: 'Not held for now; kept, with the reason',
};

/** Everyone a hypothesis is about: its people and both people of each relationship. */
export function peopleOf(hypothesis: Hypothesis, genogram: Genogram): Set<PersonId> {
  const people = new Set<PersonId>(hypothesis.aboutPeople);
  const wanted = new Set<string>(hypothesis.aboutRelationships);
  for (const r of genogram.relationships) if (wanted.has(r.id)) people.add(r.a).add(r.b);
  return people;
}

export function aboutLabel(hypothesis: Hypothesis, genogram: Genogram): string {
  const nameOf = namesOf(genogram);
  const relationships = genogram.relationships.filter((r) =>
    hypothesis.aboutRelationships.includes(r.id),
  );
  const parts = [
    ...hypothesis.aboutPeople.map(nameOf),
    ...relationships.map((r) => relationshipTitle(r, nameOf)),
  ];
  return parts.length > 0 ? parts.join('; ') : 'Not linked to anyone on the genogram yet';
}

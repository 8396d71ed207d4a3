import * as Y from 'yjs';
import type { HypothesisId, MeetingId, PersonId, RelationshipId } from '../../../ids.js';
import {
  defaultHypothesis,
  hypothesisSchema,
  type Evidence,
  type Hypothesis,
  type HypothesisStatus,
} from '../../../model/board/hypothesis.js';
import type { Role } from '../../../model/role.js';
import {
  arrayField,
  given,
  insertEntity,
  removeAll,
  writeChanged,
} from '../../family/commands/context.js';
import { BoardRuleError } from '../errors.js';
import { checkShape, landingBefore, moveInList, setList, type BoardContext } from './context.js';

/** A new hypothesis added directly by whoever offers it. */
export interface HypothesisInput {
  text: string;
  offeredBy: string;
  offeredRole?: Role | null;
  aboutPeople?: PersonId[];
  aboutRelationships?: RelationshipId[];
  fromMeeting?: MeetingId | null;
}

/** A hypothesis suggested for the worker to accept or decline ([B7]). */
export interface SuggestHypothesisInput extends Omit<HypothesisInput, 'offeredBy'> {
  suggestedBy: string;
}

export type HypothesisPatch = Partial<
  Pick<
    Hypothesis,
    | 'text'
    | 'offeredBy'
    | 'offeredRole'
    | 'fromMeeting'
    | 'lastDiscussedMeeting'
    | 'lastDiscussedAt'
  >
>;

export type EvidenceSide = 'for' | 'against';

/** Deletes a conversation and its questions, as stored (concurrent additions included) ([B12]). */
export function deleteConversationEntry(ctx: BoardContext, id: string): void {
  for (const question of ctx.idsWhere('questions', 'conversationId', id))
    ctx.root('questions').delete(question);
  ctx.root('conversations').delete(id);
}

export function hypothesesCommands(ctx: BoardContext) {
  const create = (
    input: HypothesisInput,
    suggestion: Pick<Hypothesis, 'suggestion' | 'suggestedBy'>,
  ): HypothesisId => {
    const view = ctx.read();
    const id = ctx.freshId('hypotheses') as HypothesisId;
    const hypothesis = checkShape(
      hypothesisSchema,
      { ...defaultHypothesis(id, input.text, input.offeredBy), ...given(input), ...suggestion, id },
      'hypothesis',
    );
    view.checkPeople(hypothesis.aboutPeople);
    view.checkRelationships(hypothesis.aboutRelationships);
    const {
      id: _id,
      status,
      statusReason,
      aboutPeople,
      aboutRelationships,
      evidenceFor: _for,
      evidenceAgainst: _against,
      ...fields
    } = hypothesis;
    ctx.transact(() => {
      const entry = insertEntity(ctx.root('hypotheses'), id, {
        ...fields,
        status: { status, reason: statusReason },
      });
      entry.set('aboutPeople', Y.Array.from<string>([...new Set(aboutPeople)]));
      entry.set('aboutRelationships', Y.Array.from<string>([...new Set(aboutRelationships)]));
      entry.set('evidenceFor', new Y.Array<unknown>());
      entry.set('evidenceAgainst', new Y.Array<unknown>());
      ctx.order().push([id]);
    });
    return id;
  };

  /** The read hypothesis and its stored entry, for writing. */
  const target = (id: HypothesisId) => {
    const view = ctx.read();
    const hypothesis = view.hypothesis(id);
    const entry = ctx.entity('hypotheses', id);
    if (!entry) throw new BoardRuleError('B6', 'That hypothesis is no longer on the board');
    return { view, hypothesis, entry };
  };

  const decide = (id: HypothesisId, state: 'accepted' | 'declined') => {
    const { hypothesis, entry } = target(id);
    if (hypothesis.suggestion !== 'suggested')
      throw new BoardRuleError(
        'B8',
        `That hypothesis is not a suggestion (it is ${hypothesis.suggestion})`,
      );
    ctx.transact(() => entry.set('suggestion', state));
  };

  return {
    /** Adds a hypothesis to the end of the board and returns its id. */
    addHypothesis(input: HypothesisInput): HypothesisId {
      return create(input, { suggestion: 'accepted', suggestedBy: null });
    },

    /** Puts a suggestion on the board, by its author, for the worker to accept or decline ([B7]). */
    suggestHypothesis(input: SuggestHypothesisInput): HypothesisId {
      const { suggestedBy, ...rest } = input;
      return create({ ...rest, offeredBy: suggestedBy }, { suggestion: 'suggested', suggestedBy });
    },

    /** Accepts a suggested hypothesis: its state changes, nothing else ([B8]). */
    acceptHypothesis(id: HypothesisId): void {
      decide(id, 'accepted');
    },

    declineHypothesis(id: HypothesisId): void {
      decide(id, 'declined');
    },

    /**
     * Changes the given fields. The words of a suggestion (or a declined one) stay its author's
     * until it is accepted ([B8]).
     */
    updateHypothesis(id: HypothesisId, patch: HypothesisPatch): void {
      const { hypothesis, entry } = target(id);
      const changes = given(patch);
      if (
        hypothesis.suggestion !== 'accepted' &&
        (changes.text !== undefined || changes.offeredBy !== undefined)
      )
        throw new BoardRuleError(
          'B8',
          'A suggestion keeps its author’s words: accept it before editing them',
        );
      checkShape(hypothesisSchema, { ...hypothesis, ...changes }, 'hypothesis');
      ctx.transact(() => writeChanged(entry, changes));
    },

    /** Moves a hypothesis along the status path, with the reason for the change ([B10]). */
    setHypothesisStatus(id: HypothesisId, status: HypothesisStatus, reason: string): void {
      const { hypothesis, entry } = target(id);
      const value = checkShape(
        hypothesisSchema,
        { ...hypothesis, status, statusReason: reason.trim() },
        'hypothesis',
      );
      if (status !== hypothesis.status && value.statusReason === '')
        throw new BoardRuleError('B10', 'Say why the hypothesis’s status is changing');
      ctx.transact(() => writeChanged(entry, { status: { status, reason: value.statusReason } }));
    },

    /** Adds (or with `linked: false` removes) a person or relationship the hypothesis is about. */
    linkHypothesis(
      id: HypothesisId,
      to: { person: PersonId } | { relationship: RelationshipId },
      linked = true,
    ): void {
      const { view, hypothesis, entry } = target(id);
      const [key, ref, current] =
        'person' in to
          ? (['aboutPeople', to.person, hypothesis.aboutPeople] as const)
          : (['aboutRelationships', to.relationship, hypothesis.aboutRelationships] as const);
      if (linked) {
        if ('person' in to) view.checkPeople([ref]);
        else view.checkRelationships([ref]);
      }
      const next = linked
        ? [...new Set<string>([...current, ref])]
        : current.filter((other) => other !== ref);
      ctx.transact(() => setList(arrayField(entry, key), next));
    },

    /** Appends a piece of evidence; evidence is never edited, so concurrent adds both stay ([B11]). */
    addEvidence(id: HypothesisId, side: EvidenceSide, text: string, addedBy: string): void {
      const { hypothesis, entry } = target(id);
      const evidence: Evidence = { text: text.trim(), addedBy };
      checkShape(hypothesisSchema, { ...hypothesis, evidenceFor: [evidence] }, 'evidence');
      const key = side === 'for' ? 'evidenceFor' : 'evidenceAgainst';
      ctx.transact(() => arrayField<Evidence>(entry, key).push([evidence]));
    },

    /** Moves a hypothesis to `index` on the board (clamped) ([B14]). */
    reorderHypothesis(id: HypothesisId, index: number): void {
      const view = ctx.read();
      view.hypothesis(id);
      const before = landingBefore(
        view.board.hypotheses.map((h) => h.id),
        id,
        index,
      );
      ctx.transact(() => moveInList(ctx.order(), id, before));
    },

    /** Deletes a hypothesis with its conversations and their questions ([B12]). */
    deleteHypothesis(id: HypothesisId): void {
      ctx.read().hypothesis(id);
      ctx.transact(() => {
        for (const conversation of ctx.idsWhere('conversations', 'hypothesisId', id))
          deleteConversationEntry(ctx, conversation);
        ctx.root('hypotheses').delete(id);
        removeAll(ctx.order(), id);
      });
    },
  };
}

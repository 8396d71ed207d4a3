import * as Y from 'yjs';
import type {
  ConversationId,
  HypothesisId,
  MeetingId,
  PersonId,
  QuestionId,
} from '../../../ids.js';
import {
  conversationSchema,
  defaultConversation,
  type Conversation,
} from '../../../model/board/conversation.js';
import { hypothesisSchema } from '../../../model/board/hypothesis.js';
import { questionSchema, type Question } from '../../../model/board/question.js';
import type { QuestionKind } from '../../../questions/kinds.js';
import { arrayField, given, insertEntity, writeChanged } from '../../family/commands/context.js';
import { BoardRuleError } from '../errors.js';
import { deleteConversationEntry } from './hypotheses.js';
import { checkShape, landingBefore, moveInList, setList, type BoardContext } from './context.js';

/** The plan for a conversation; everything left out takes `defaultConversation`'s value. */
export type ConversationPatch = Partial<
  Pick<Conversation, 'workers' | 'familyMembers' | 'where' | 'by' | 'purpose' | 'ifYes' | 'ifNo'>
>;
/** A new plan, with the meeting it is planned in (fixed from then on, [B18]). */
export type ConversationInput = ConversationPatch & { plannedInMeeting?: MeetingId | null };

/** What a review of the conversation at a later meeting records ([B20]). */
export interface ReviewInput {
  /** Did it happen: a review answers yes or no. */
  happened: boolean;
  learned: string;
  next: string;
  /** The meeting reviewing it. */
  meeting: MeetingId;
  /** The meeting's date, `YYYY-MM-DD`: when its hypothesis was last discussed. */
  date: string;
}

export interface OutcomeInput {
  happened: boolean | null;
  learned?: string;
  next?: string;
}

/** A question written straight into the plan, or suggested for it ([B7]). */
export interface QuestionInput {
  text: string;
  kind: QuestionKind;
  addressedTo?: PersonId | null;
  /** Who wrote it. */
  suggestedBy: string;
}

const LIST_FIELDS = ['workers', 'familyMembers'] as const;

export function conversationsCommands(ctx: BoardContext) {
  const target = (id: ConversationId) => {
    const view = ctx.read();
    const conversation = view.conversation(id);
    const entry = ctx.entity('conversations', id);
    if (!entry) throw new BoardRuleError('B6', 'That conversation is no longer on the board');
    return { view, conversation, entry };
  };

  const questionTarget = (id: QuestionId) => {
    const view = ctx.read();
    const question = view.question(id);
    const entry = ctx.entity('questions', id);
    const conversation = ctx.entity('conversations', question.conversationId);
    if (!entry || !conversation)
      throw new BoardRuleError('B6', 'That question is no longer on the board');
    return { view, question, entry, conversation };
  };

  const createQuestion = (
    conversationId: ConversationId,
    input: QuestionInput,
    state: Question['state'],
  ): QuestionId => {
    const { view, entry: conversation } = target(conversationId);
    const id = ctx.freshId('questions') as QuestionId;
    const { id: _id, ...fields } = checkShape(
      questionSchema,
      {
        text: input.text.trim(),
        kind: input.kind,
        addressedTo: input.addressedTo ?? null,
        suggestedBy: input.suggestedBy,
        state,
        conversationId,
        id,
      },
      'question',
    );
    if (fields.addressedTo !== null) view.checkPeople([fields.addressedTo]);
    ctx.transact(() => {
      insertEntity(ctx.root('questions'), id, fields);
      if (state === 'accepted') arrayField<unknown>(conversation, 'questions').push([id]);
    });
    return id;
  };

  return {
    /** Plans a conversation to explore an accepted hypothesis ([B13]); returns its id. */
    addConversation(hypothesisId: HypothesisId, input: ConversationInput = {}): ConversationId {
      const view = ctx.read();
      const hypothesis = view.hypothesis(hypothesisId);
      if (hypothesis.suggestion !== 'accepted')
        throw new BoardRuleError(
          'B13',
          'Accept the hypothesis before planning a conversation for it',
        );
      const id = ctx.freshId('conversations') as ConversationId;
      const {
        id: _id,
        workers,
        familyMembers,
        questions: _q,
        ...fields
      } = checkShape(
        conversationSchema,
        { ...defaultConversation(id, hypothesisId), ...given(input), id },
        'conversation',
      );
      view.checkPeople(familyMembers);
      ctx.transact(() => {
        const entry = insertEntity(ctx.root('conversations'), id, fields);
        entry.set('workers', Y.Array.from<string>([...new Set(workers)]));
        entry.set('familyMembers', Y.Array.from<string>([...new Set(familyMembers)]));
        entry.set('questions', new Y.Array<unknown>());
      });
      return id;
    },

    /** Changes the given fields of the plan; lists are changed member by member ([B14]). */
    updateConversation(id: ConversationId, patch: ConversationPatch): void {
      const { view, conversation, entry } = target(id);
      if ('plannedInMeeting' in patch || 'reviewedInMeeting' in patch)
        throw new BoardRuleError('B18', 'Where a conversation was planned and reviewed is fixed');
      const changes = given(patch);
      checkShape(conversationSchema, { ...conversation, ...changes }, 'conversation');
      if (changes.familyMembers) view.checkPeople(changes.familyMembers);
      const { workers, familyMembers, ...fields } = changes;
      ctx.transact(() => {
        writeChanged(entry, fields);
        for (const key of LIST_FIELDS) {
          const list = key === 'workers' ? workers : familyMembers;
          if (list) setList(arrayField(entry, key), list);
        }
      });
    },

    /**
     * Reviews a conversation when its family comes back: whether it happened, what we learned and
     * what next, the meeting that reviewed it, and its hypothesis marked as discussed in that
     * meeting, all in one transaction ([B20]).
     */
    reviewConversation(id: ConversationId, review: ReviewInput): void {
      const { view, conversation, entry } = target(id);
      const hypothesis = view.hypothesis(conversation.hypothesisId);
      const hypothesisEntry = ctx.entity('hypotheses', hypothesis.id);
      if (!hypothesisEntry)
        throw new BoardRuleError('B6', 'That hypothesis is no longer on the board');
      if (typeof review.happened !== 'boolean')
        throw new BoardRuleError('B20', 'Say whether the conversation happened');
      const outcome = {
        happened: review.happened,
        learned: review.learned.trim(),
        next: review.next.trim(),
        reviewedInMeeting: review.meeting,
      };
      checkShape(conversationSchema, { ...conversation, ...outcome }, 'review');
      const discussed = { lastDiscussedMeeting: review.meeting, lastDiscussedAt: review.date };
      checkShape(hypothesisSchema, { ...hypothesis, ...discussed }, 'review');
      ctx.transact(() => {
        writeChanged(entry, outcome);
        writeChanged(hypothesisEntry, discussed);
      });
    },

    /** Records whether the conversation happened, what we learned and what next. */
    recordOutcome(id: ConversationId, outcome: OutcomeInput): void {
      const { conversation, entry } = target(id);
      const changes = given(outcome);
      checkShape(conversationSchema, { ...conversation, ...changes }, 'outcome');
      ctx.transact(() => writeChanged(entry, changes));
    },

    /** Deletes a conversation and its questions ([B12]). */
    deleteConversation(id: ConversationId): void {
      target(id);
      ctx.transact(() => deleteConversationEntry(ctx, id));
    },

    /** Adds a question straight into the plan, at the end of the conversation's questions. */
    addQuestion(conversationId: ConversationId, input: QuestionInput): QuestionId {
      return createQuestion(conversationId, input, 'accepted');
    },

    /**
     * Suggests a question: its own entity, with its author, outside the plan until the worker
     * accepts it ([B7]).
     */
    suggestQuestion(conversationId: ConversationId, input: QuestionInput): QuestionId {
      return createQuestion(conversationId, input, 'suggested');
    },

    /**
     * Accepts a suggested question into the plan: its state changes and its id is appended to the
     * conversation's questions; its text and author are not touched ([B8]).
     */
    acceptQuestion(id: QuestionId): void {
      const { question, entry, conversation } = questionTarget(id);
      if (question.state !== 'suggested')
        throw new BoardRuleError(
          'B8',
          `That question is not a suggestion (it is ${question.state})`,
        );
      ctx.transact(() => {
        entry.set('state', 'accepted');
        arrayField<unknown>(conversation, 'questions').push([id]);
      });
    },

    /** Declines a suggested question: only its state changes ([B8]). */
    declineQuestion(id: QuestionId): void {
      const { question, entry } = questionTarget(id);
      if (question.state !== 'suggested')
        throw new BoardRuleError(
          'B8',
          `That question is not a suggestion (it is ${question.state})`,
        );
      ctx.transact(() => entry.set('state', 'declined'));
    },

    /** Moves an accepted question to `index` in its conversation (clamped) ([B14]). */
    moveQuestion(id: QuestionId, index: number): void {
      const { view, question, conversation } = questionTarget(id);
      if (question.state !== 'accepted')
        throw new BoardRuleError('B3', 'Only questions in the plan have a place in it');
      const order = view.conversation(question.conversationId).questions;
      const before = landingBefore(order, id, index);
      ctx.transact(() => moveInList(arrayField(conversation, 'questions'), id, before));
    },

    /** Deletes a question, suggested or not ([B12]). */
    deleteQuestion(id: QuestionId): void {
      const { conversation } = questionTarget(id);
      ctx.transact(() => {
        ctx.root('questions').delete(id);
        const list = arrayField<unknown>(conversation, 'questions');
        for (let i = list.length - 1; i >= 0; i -= 1) if (list.get(i) === id) list.delete(i, 1);
      });
    },
  };
}

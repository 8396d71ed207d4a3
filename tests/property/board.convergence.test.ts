import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BOARD_NOTE_KINDS,
  BoardRuleError,
  GenogramRuleError,
  HYPOTHESIS_STATUSES,
  QUESTION_KINDS,
  boardCommands,
  boardRoot,
  readBoard,
  readGenogram,
  validateBoard,
  type Board,
  type BoardCommands,
  type Genogram,
  type MeetingId,
  type PersonId,
} from '@unitroom/shared';
import { familyDoc, seedPinners, sequentialIds, type FamilyDoc } from '../helpers/familyDoc.js';
import { TestNetwork } from '../helpers/network.js';
import { itLongFuzzRun } from '../helpers/fuzz.js';
import { seededRandom } from '../helpers/random.js';

/**
 * [B16] Seeded random board commands (with some genogram edits, so references dangle) on two to
 * four replicas of one family document, with random deliveries, disconnects and reconnects; once
 * everything is delivered, every replica must read the same board and it must pass
 * `validateBoard`. One seed replays one run exactly (fixed client ids, seeded choices, seeded
 * delivery order).
 *
 * CI runs `CI_SEEDS`. For a long run: `BOARD_FUZZ_RUNS=2000 [BOARD_FUZZ_SEED=1000]
 * [BOARD_FUZZ_STEPS=400]`. A failing seed is printed with its step; pin it in `PINNED_SEEDS`
 * with what it found.
 */
const CI_SEEDS = Array.from({ length: 60 }, (_, i) => i + 1);
const STEPS = 200;

const TEXTS = [
  'Kelly finds it hard to be "the adult" as the youngest',
  'Kelly feels guilty about Mia',
  'Dean feels shut out by the Pinner women',
  'Who worries most when Mia cries? Who next?',
  'What would your mum say if she were here?',
  'On 0-10, how worried are you?',
  'If things got better, who would notice first?',
];
const AUTHORS = ['user-ana', 'user-ben', 'user-cleo'];

function expectValid(board: Board, genogram: Genogram): void {
  const problems = validateBoard(board, genogram);
  expect(problems, problems.join('; ')).toEqual([]);
}

interface User extends FamilyDoc {
  index: number;
  board: BoardCommands;
  readBoard: () => Board;
}

interface Stats {
  refused: number;
  accepted: number;
  /** Stored questions the reader left out at the end (dangling after concurrent deletes). */
  droppedQuestions: number;
  questionsInPlans: number;
}

function runScenario(seed: number, steps = Number(process.env.BOARD_FUZZ_STEPS ?? STEPS)): Stats {
  const replicas = 2 + (seed % 3);
  const random = seededRandom(seed);
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]): T | undefined =>
    items[Math.floor(random() * items.length)];
  const net = new TestNetwork(replicas, seed * 7919 + 3);
  const users: User[] = net.replicas.map((replica) => {
    const family = familyDoc(
      replica.doc,
      `user-${replica.index}`,
      sequentialIds(`r${replica.index}g`),
    );
    return {
      ...family,
      index: replica.index,
      board: boardCommands(replica.doc, family.origin, {
        newId: sequentialIds(`r${replica.index}b`),
      }),
      readBoard: () => readBoard(replica.doc),
    };
  });
  const stats: Stats = { refused: 0, accepted: 0, droppedQuestions: 0, questionsInPlans: 0 };
  const user = () => users[Math.floor(random() * users.length)] as User;
  const text = () => pick(TEXTS) ?? 'An idea';
  const author = () => pick(AUTHORS) ?? 'user-ana';

  /** Runs one command; a refusal is an expected outcome, anything else is a bug. */
  const attempt = (u: User, command: () => unknown) => {
    try {
      command();
    } catch (error) {
      if (!(error instanceof BoardRuleError) && !(error instanceof GenogramRuleError)) throw error;
      stats.refused += 1;
    }
  };

  const randomCommand = (u: User) => {
    const b = u.readBoard();
    const g = u.read();
    const c = u.board;
    const h = pick(b.hypotheses)?.id;
    const conv = pick(b.conversations)?.id;
    const q = pick(b.questions)?.id;
    // Mostly act on what a command can take (accepted hypotheses, open suggestions), sometimes not.
    const accepted = chance(0.8)
      ? b.hypotheses.filter((x) => x.suggestion === 'accepted')
      : b.hypotheses;
    const planH = pick(accepted)?.id;
    const suggested = chance(0.8)
      ? b.questions.filter((x) => x.state === 'suggested')
      : b.questions;
    const suggestion = pick(suggested)?.id;
    const person = pick(g.people)?.id ?? ('gone' as PersonId);
    const roll = Math.floor(random() * 24);
    attempt(u, () => {
      switch (roll) {
        case 0:
          return c.addHypothesis({ text: text(), offeredBy: author(), aboutPeople: [person] });
        case 1:
        case 2:
          return c.suggestHypothesis({ text: text(), suggestedBy: author() });
        case 3:
          if (!h) return;
          stats.accepted += 1;
          return chance(0.6) ? c.acceptHypothesis(h) : c.declineHypothesis(h);
        case 4:
          return (
            h &&
            c.updateHypothesis(h, chance(0.5) ? { text: text() } : { lastDiscussedAt: '2026-11' })
          );
        case 5:
          return h && c.setHypothesisStatus(h, pick(HYPOTHESIS_STATUSES) ?? 'open', text());
        case 6:
          return h && c.linkHypothesis(h, { person }, chance(0.7));
        case 7:
          return h && c.addEvidence(h, chance(0.5) ? 'for' : 'against', text(), author());
        case 8:
          return h && c.reorderHypothesis(h, Math.floor(random() * 5));
        case 9:
          return h && chance(0.15) && c.deleteHypothesis(h);
        case 10:
          return (
            planH && c.addConversation(planH, { familyMembers: [person], where: 'Home visit' })
          );
        case 11:
          return (
            conv &&
            c.updateConversation(
              conv,
              chance(0.5) ? { familyMembers: [person] } : { ifYes: text() },
            )
          );
        case 12: {
          if (!conv) return;
          const outcome = { happened: chance(0.5), learned: text() };
          // Alternates without drawing from the seed, so pinned seeds replay as they did.
          if (b.conversations.length % 2 === 0) return c.recordOutcome(conv, outcome);
          return c.reviewConversation(conv, {
            ...outcome,
            next: 'Ask again',
            meeting: 'meeting-2' as MeetingId,
            date: '2026-11-23',
          });
        }
        case 13:
        case 22:
        case 23:
          return (
            conv &&
            c.addQuestion(conv, {
              text: text(),
              kind: pick(QUESTION_KINDS) ?? 'circular',
              suggestedBy: author(),
            })
          );
        case 14:
        case 15:
          return (
            conv &&
            c.suggestQuestion(conv, {
              text: text(),
              kind: pick(QUESTION_KINDS) ?? 'circular',
              addressedTo: chance(0.5) ? person : null,
              suggestedBy: 'user-cleo',
            })
          );
        case 16:
          if (!suggestion) return;
          stats.accepted += 1;
          return chance(0.7) ? c.acceptQuestion(suggestion) : c.declineQuestion(suggestion);
        case 17:
          return q && c.moveQuestion(q, Math.floor(random() * 4));
        case 18:
          return q && chance(0.3) && c.deleteQuestion(q);
        case 19: {
          const note = pick(b.notes);
          if (note && chance(0.3)) return c.deleteNote(note.id);
          if (note && chance(0.5)) return c.updateNote(note.id, { text: text() });
          return c.addNote(pick(BOARD_NOTE_KINDS) ?? 'dilemma', text(), author());
        }
        case 20:
          return conv && chance(0.15) && c.deleteConversation(conv);
        default:
          // The genogram changes under the board: people come and go.
          return chance(0.5)
            ? u.commands.addPerson({ name: 'Ava' })
            : u.commands.deletePerson(person);
      }
    });
  };

  /** Two users act on the same things before either hears of the other. */
  const concurrentPattern = () => {
    const a = user();
    const other = users[
      (a.index + 1 + Math.floor(random() * (users.length - 1))) % users.length
    ] as User;
    const b = a.readBoard();
    const h = pick(b.hypotheses)?.id;
    const conv = pick(b.conversations)?.id;
    const q = pick(b.questions)?.id;
    switch (Math.floor(random() * 6)) {
      case 0: // accept and decline one suggestion at once
        if (q) {
          attempt(a, () => a.board.acceptQuestion(q));
          attempt(other, () => other.board.declineQuestion(q));
        }
        return;
      case 1: // both move one question, and both add one
        if (q) {
          attempt(a, () => a.board.moveQuestion(q, 0));
          attempt(other, () => other.board.moveQuestion(q, 2));
        }
        if (conv) {
          attempt(a, () =>
            a.board.addQuestion(conv, { text: text(), kind: 'circular', suggestedBy: 'a' }),
          );
          attempt(other, () =>
            other.board.suggestQuestion(conv, {
              text: text(),
              kind: 'triadic',
              suggestedBy: 'user-cleo',
            }),
          );
        }
        return;
      case 2: // deleted while someone else plans on it
        if (h) {
          attempt(a, () => a.board.deleteHypothesis(h));
          attempt(other, () => other.board.addConversation(h));
          attempt(other, () => other.board.addEvidence(h, 'for', text(), 'user-ben'));
        }
        return;
      case 3: // a conversation deleted while a question is suggested into it
        if (conv) {
          attempt(a, () => a.board.deleteConversation(conv));
          attempt(other, () =>
            other.board.suggestQuestion(conv, {
              text: text(),
              kind: 'scaling',
              suggestedBy: 'user-cleo',
            }),
          );
        }
        return;
      case 4: // both reorder the board
        if (h) {
          attempt(a, () => a.board.reorderHypothesis(h, 0));
          attempt(other, () => other.board.reorderHypothesis(h, 3));
        }
        return;
      default: {
        // a person deleted while a hypothesis is linked to them
        const person = pick(a.read().people)?.id;
        if (person && h) {
          attempt(a, () => a.commands.deletePerson(person));
          attempt(other, () => other.board.linkHypothesis(h, { person }));
        }
        return;
      }
    }
  };

  seedPinners((users[0] as User).commands);
  net.flushAll();
  let step = 0;
  try {
    for (; step < steps; step += 1) {
      const roll = random();
      if (roll < 0.6) randomCommand(user());
      else if (roll < 0.72) concurrentPattern();
      else if (roll < 0.87) net.deliver(1 + Math.floor(random() * 6));
      else if (roll < 0.95) {
        const replica = net.replica(Math.floor(random() * replicas));
        if (replica.online) net.disconnect(replica.index);
        else net.reconnect(replica.index);
      } else {
        // Half-synced replicas must read valid boards too, not only converged ones.
        const u = user();
        expectValid(u.readBoard(), u.read());
      }
    }
    net.flushAll();
    const reads = users.map((u) => u.readBoard());
    for (const [i, u] of users.entries()) {
      expect(Y.encodeStateVector(u.doc)).toEqual(Y.encodeStateVector(users[0]?.doc ?? u.doc));
      expectValid(reads[i] as Board, readGenogram(u.doc));
      expect(reads[i]).toEqual(reads[0]);
    }
    const first = reads[0] as Board;
    stats.droppedQuestions =
      boardRoot((users[0] as User).doc, 'questions').size - first.questions.length;
    stats.questionsInPlans = first.conversations.reduce((n, c) => n + c.questions.length, 0);
    return stats;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`board fuzz failed: seed ${seed}, step ${step}: ${reason}`, { cause: error });
  } finally {
    net.destroy();
  }
}

/** Seeds that once failed, with what they found; each replays as its own test, in CI too. */
const PINNED_SEEDS: Record<number, string> = {};

describe('[B16] [B20] board replicas converge to a valid board, reviews included', () => {
  for (const [seed, finding] of Object.entries(PINNED_SEEDS))
    it(`[B16] pinned seed ${seed}: ${finding}`, () => {
      runScenario(Number(seed));
    });

  const totals = { refused: 0, accepted: 0, droppedQuestions: 0, questionsInPlans: 0 };

  it.each(CI_SEEDS)('[B16] seed %i', (seed) => {
    const stats = runScenario(seed);
    totals.refused += stats.refused;
    totals.accepted += stats.accepted;
    totals.droppedQuestions += stats.droppedQuestions;
    totals.questionsInPlans += stats.questionsInPlans;
    if (process.env.FUZZ_DEBUG) console.log(seed, JSON.stringify(stats));
  });

  it('[B16] the seeds exercise refusals, suggestions, dangling questions and non-empty plans', () => {
    expect(totals.refused).toBeGreaterThan(CI_SEEDS.length);
    expect(totals.accepted).toBeGreaterThan(CI_SEEDS.length);
    expect(totals.droppedQuestions).toBeGreaterThan(0);
    expect(totals.questionsInPlans / CI_SEEDS.length).toBeGreaterThan(1);
  });

  itLongFuzzRun('B16', 'BOARD_FUZZ', runScenario);
});

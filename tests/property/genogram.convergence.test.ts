import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CHILD_LINK_KINDS,
  ECOMAP_KINDS,
  GENDERS,
  GenogramRuleError,
  RELATIONSHIP_KINDS,
  TIE_STRENGTHS,
  UNION_KINDS,
  UNION_STATUSES,
  createGenogramUndoManager,
  genogramRoot,
  validateGenogram,
  type ChildSource,
  type Genogram,
  type PersonId,
  type UnionId,
} from '@unitroom/shared';
import { familyDoc, seedPinners, sequentialIds, type FamilyDoc } from '../helpers/familyDoc.js';
import { TestNetwork } from '../helpers/network.js';
import { itLongFuzzRun } from '../helpers/fuzz.js';
import { seededRandom } from '../helpers/random.js';

/**
 * [G23] Seeded random commands, undos, deliveries, disconnects and reconnects on several replicas
 * of one family document; once everything is delivered, every replica must read the same genogram
 * and it must pass `validateGenogram`. One seed replays one run exactly (fixed client ids, seeded
 * choices, seeded delivery order).
 *
 * CI runs `CI_SEEDS`. For a long run: `GENOGRAM_FUZZ_RUNS=2000 [GENOGRAM_FUZZ_SEED=1000]
 * [GENOGRAM_FUZZ_STEPS=400]`. A failing seed is printed with its step; pin it in `PINNED_SEEDS`
 * with what it found.
 */
const CI_SEEDS = Array.from({ length: 100 }, (_, i) => i + 1);
const STEPS = 200;

const NAMES = ['Mia', 'Leo', 'Ava', 'Noah', 'Priya', 'Tomasz', 'Aisha', 'Callum', 'Grace', ''];

/** Lists the broken rules in the failure message, not just how many there were. */
function expectValid(genogram: Genogram): void {
  const problems = validateGenogram(genogram);
  expect(problems, problems.join('; ')).toEqual([]);
}

interface User extends FamilyDoc {
  index: number;
  undo: Y.UndoManager;
}

interface Stats {
  refused: number;
  /** Stored child links the reader left out at the end: repairs the run exercised. */
  droppedLinks: number;
  people: number;
}

function runScenario(
  seed: number,
  steps = Number(process.env.GENOGRAM_FUZZ_STEPS ?? STEPS),
): Stats {
  // Two to four replicas: two is where most conflicts meet, more is where relays reorder them.
  const replicas = 2 + (seed % 3);
  const random = seededRandom(seed);
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]): T | undefined =>
    items[Math.floor(random() * items.length)];
  const net = new TestNetwork(replicas, seed * 7919 + 1);
  const users: User[] = net.replicas.map((replica) => {
    const family = familyDoc(
      replica.doc,
      `user-${replica.index}`,
      sequentialIds(`r${replica.index}x`),
    );
    return {
      ...family,
      index: replica.index,
      undo: createGenogramUndoManager(replica.doc, family.origin),
    };
  });
  const stats: Stats = { refused: 0, droppedLinks: 0, people: 0 };
  const user = () => users[Math.floor(random() * users.length)] as User;

  /**
   * Runs one command; a refusal is an expected outcome, anything else is a bug. What a command
   * says it made must be on its own replica's genogram at once: the reader may only drop what
   * concurrent edits broke, never what a command just checked.
   */
  const attempt = (u: User, command: () => unknown) => {
    let made: unknown;
    try {
      made = command();
    } catch (error) {
      if (!(error instanceof GenogramRuleError)) throw error;
      stats.refused += 1;
      return;
    }
    const ids = typeof made === 'string' ? [made] : Object.values(made ?? {});
    if (ids.length === 0) return;
    const g = u.read();
    const visible = new Set<unknown>(
      [
        g.people,
        g.unions,
        g.childLinks,
        g.relationships,
        g.households,
        g.ecomap,
        g.parentalResponsibility,
        g.contactRestrictions,
      ].flatMap((items: readonly { id: string }[]) => items.map((item) => item.id)),
    );
    for (const id of ids)
      expect(visible.has(id), `${String(id)} made by user ${u.index}`).toBe(true);
  };

  const personOf = (g: Genogram) => pick(g.people)?.id ?? ('gone' as PersonId);
  const sourceOf = (g: Genogram): ChildSource =>
    chance(0.6) && g.unions.length > 0
      ? { union: (pick(g.unions)?.id ?? 'gone') as UnionId }
      : { parent: personOf(g) };

  const randomCommand = (u: User) => {
    const g = u.read();
    const c = u.commands;
    const person = personOf(g);
    const other = personOf(g);
    const roll = Math.floor(random() * 24);
    attempt(u, () => {
      switch (roll) {
        case 0:
        case 1:
          return c.addPerson({ name: pick(NAMES), gender: pick(GENDERS) });
        case 2:
          return c.updatePerson(
            person,
            pick([
              { name: pick(NAMES) },
              { age: Math.floor(random() * 90) },
              { deceased: chance(0.5) },
              { attributes: { culture: pick(NAMES) } },
              { attributes: { language: pick(NAMES), health: 'asthma' } },
            ]) ?? {},
          );
        case 3:
          return c.deletePerson(person);
        case 4:
          return c.addUnion({ partnerA: person, partnerB: other, kind: pick(UNION_KINDS) });
        case 5: {
          const union = pick(g.unions);
          if (!union) return;
          if (chance(0.5)) return c.updateUnion(union.id, { kind: pick(UNION_KINDS) });
          if (chance(0.7))
            return c.addUnionEvent(
              union.id,
              pick(UNION_STATUSES) ?? 'separated',
              chance(0.7) ? String(1990 + Math.floor(random() * 30)) : null,
            );
          return c.removeUnionEvent(union.id, Math.floor(random() * 3));
        }
        case 6: {
          const union = pick(g.unions);
          return union && c.deleteUnion(union.id);
        }
        case 7: {
          const to = sourceOf(g);
          const sibling = pick(g.childLinks)?.child;
          return c.addChild(to, {
            person: { name: pick(NAMES) },
            kind: pick(CHILD_LINK_KINDS),
            ...(chance(0.3) ? { twinOf: sibling, identical: chance(0.5) } : {}),
          });
        }
        case 8:
        case 9:
          return c.linkChild(person, sourceOf(g), { kind: pick(CHILD_LINK_KINDS) });
        case 10:
          return chance(0.5)
            ? c.addParents(person, { kind: pick(CHILD_LINK_KINDS) })
            : c.addParent(person, { kind: pick(CHILD_LINK_KINDS) });
        case 11:
          return c.addSibling(person, chance(0.3) ? { twin: 'identical' } : {});
        case 12: {
          const link = pick(g.childLinks);
          if (!link) return;
          return c.updateChildLink(
            link.id,
            pick([
              { kind: pick(CHILD_LINK_KINDS) },
              { to: sourceOf(g) },
              { twinGroup: pick(['tA', 'tB', null]) },
              { twinGroup: 'tA', identical: true },
              { identical: chance(0.5) },
            ]) ?? {},
          );
        }
        case 13: {
          const link = pick(g.childLinks);
          return link && c.deleteChildLink(link.id);
        }
        case 14:
          return c.addRelationship({
            a: person,
            b: other,
            kind: pick(RELATIONSHIP_KINDS) ?? 'close',
          });
        case 15: {
          const rel = pick(g.relationships);
          if (!rel) return;
          return chance(0.6)
            ? c.updateRelationship(rel.id, { direction: 'a_to_b', note: pick(NAMES) })
            : c.deleteRelationship(rel.id);
        }
        case 16:
          return c.addHousehold({ label: pick(NAMES), members: [person, other] });
        case 17: {
          const household = pick(g.households);
          if (!household) return;
          if (chance(0.15)) return c.deleteHousehold(household.id);
          if (chance(0.2)) return c.updateHousehold(household.id, { label: pick(NAMES) });
          return c.setHouseholdMember(household.id, person, chance(0.6));
        }
        case 18:
          return c.addEcomapEntry({
            label: pick(NAMES) ?? '',
            kind: pick(ECOMAP_KINDS) ?? 'other',
            tie: pick(TIE_STRENGTHS) ?? 'strong',
            connectedTo: chance(0.3) ? [] : [person],
          });
        case 19: {
          const entry = pick(g.ecomap);
          if (!entry) return;
          if (chance(0.2)) return c.deleteEcomapEntry(entry.id);
          return c.updateEcomapEntry(entry.id, {
            connectedTo: chance(0.5) ? [person, other] : entry.connectedTo.slice(1),
            tie: pick(TIE_STRENGTHS),
          });
        }
        case 20:
          return chance(0.7)
            ? c.setParentalResponsibility(person, other, pick(NAMES))
            : c.removeParentalResponsibility(person, other);
        case 21: {
          const restriction = pick(g.contactRestrictions);
          if (restriction && chance(0.4)) return c.removeContactRestriction(restriction.id);
          return c.addContactRestriction({ person, child: chance(0.5) ? other : null });
        }
        case 22:
          return c.setNudge(person, Math.round(random() * 40 - 20), Math.round(random() * 40 - 20));
        default:
          return c.clearNudge(person);
      }
    });
  };

  /** Two users act on the same things before either hears of the other. */
  const concurrentPattern = () => {
    const a = user();
    const b = users[
      (a.index + 1 + Math.floor(random() * (users.length - 1))) % users.length
    ] as User;
    const g = a.read();
    const x = personOf(g);
    const y = personOf(g);
    switch (Math.floor(random() * 7)) {
      case 0: // each makes the other's person their parent: a loop only together
        attempt(a, () => a.commands.linkChild(y, { parent: x }, { kind: 'fostered' }));
        attempt(b, () => b.commands.linkChild(x, { parent: y }, { kind: 'kinship' }));
        return;
      case 1: // a loop through a union
        attempt(a, () => {
          const union = a.commands.addUnion({ partnerA: x, partnerB: personOf(g) });
          a.commands.linkChild(y, { union }, { kind: 'adopted' });
        });
        attempt(b, () => b.commands.linkChild(x, { parent: y }, { kind: 'step' }));
        return;
      case 2: // the same person edited twice
        attempt(a, () => a.commands.updatePerson(x, { name: pick(NAMES), age: 30 }));
        attempt(b, () =>
          b.commands.updatePerson(x, { name: pick(NAMES), attributes: { religion: 'Sikh' } }),
        );
        return;
      case 3: // deleted while someone else builds on them
        attempt(a, () => a.commands.deletePerson(x));
        attempt(b, () => b.commands.addUnion({ partnerA: x, partnerB: y }));
        attempt(b, () => b.commands.addChild({ parent: x }));
        attempt(b, () => b.commands.setNudge(x, 3, 3));
        attempt(b, () => b.commands.addRelationship({ a: x, b: y, kind: 'cut_off' }));
        return;
      case 4: // two birth parents at once
        attempt(a, () => a.commands.addParent(y));
        attempt(b, () => b.commands.addParents(y));
        return;
      case 5: // one child hung from one parent twice
        attempt(a, () => a.commands.linkChild(y, { parent: x }, { kind: 'kinship' }));
        attempt(b, () => b.commands.linkChild(y, { parent: x }, { kind: 'fostered' }));
        return;
      default: {
        // one twin group started under two different parents
        const links = g.childLinks;
        const [first, second] = [pick(links), pick(links)];
        if (first) attempt(a, () => a.commands.updateChildLink(first.id, { twinGroup: 'tC' }));
        if (second) attempt(b, () => b.commands.updateChildLink(second.id, { twinGroup: 'tC' }));
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
      if (roll < 0.55) randomCommand(user());
      else if (roll < 0.65) concurrentPattern();
      else if (roll < 0.73) {
        const u = user();
        if (chance(0.7)) u.undo.undo();
        else u.undo.redo();
      } else if (roll < 0.88) net.deliver(1 + Math.floor(random() * 6));
      else if (roll < 0.95) {
        const replica = net.replica(Math.floor(random() * replicas));
        if (replica.online) net.disconnect(replica.index);
        else net.reconnect(replica.index);
      } else {
        // Half-synced replicas must read valid genograms too, not only converged ones.
        expectValid(user().read());
      }
    }
    net.flushAll();
    const reads = users.map((u) => u.read());
    for (const [i, u] of users.entries()) {
      expect(Y.encodeStateVector(u.doc)).toEqual(Y.encodeStateVector(users[0]?.doc ?? u.doc));
      expectValid(reads[i] as Genogram);
      expect(reads[i]).toEqual(reads[0]);
    }
    const first = users[0] as User;
    stats.droppedLinks =
      genogramRoot(first.doc, 'childLinks').size - (reads[0]?.childLinks.length ?? 0);
    stats.people = reads[0]?.people.length ?? 0;
    return stats;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`genogram fuzz failed: seed ${seed}, step ${step}: ${reason}`, {
      cause: error,
    });
  } finally {
    net.destroy();
  }
}

/** Seeds that once failed, with what they found; each replays as its own test, in CI too. */
const PINNED_SEEDS: Record<number, string> = {};

describe('[G23] genogram replicas converge to a valid genogram', () => {
  for (const [seed, finding] of Object.entries(PINNED_SEEDS))
    it(`[G23] pinned seed ${seed}: ${finding}`, () => {
      runScenario(Number(seed));
    });

  const totals = { refused: 0, droppedLinks: 0, people: 0 };

  it.each(CI_SEEDS)('[G23] seed %i', (seed) => {
    const stats = runScenario(seed);
    totals.refused += stats.refused;
    totals.droppedLinks += stats.droppedLinks;
    totals.people += stats.people;
    if (process.env.FUZZ_DEBUG) console.log(seed, JSON.stringify(stats));
  });

  it('[G23] the seeds exercise refusals and the reader’s repairs, on genograms that are not empty', () => {
    expect(totals.refused).toBeGreaterThan(CI_SEEDS.length);
    expect(totals.droppedLinks).toBeGreaterThan(0);
    expect(totals.people / CI_SEEDS.length).toBeGreaterThan(5);
  });

  itLongFuzzRun('G23', 'GENOGRAM_FUZZ', runScenario);
});

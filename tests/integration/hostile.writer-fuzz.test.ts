import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BACKLOG_REMOVAL_FACTOR,
  BOARD_ROOTS,
  CLOSE_CODES,
  DOCUMENT_SHAPES,
  GENOGRAM_ROOTS,
  boardCommands,
  closeCodeName,
  genogramCommands,
  readBoard,
  readGenogram,
  userOrigin,
  type PersonId,
} from '@unitroom/shared';
import {
  deleteSetUpdate,
  nestedMapsUpdate,
  replicaOf,
  sendUpdate,
  updateOf,
  type Outcome,
} from '../helpers/hostileWriter.js';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectYClient, eventually, serverSaved, type YClient } from '../helpers/yClient.js';

/**
 * A structure-aware fuzzer of hostile writers ([V1]-[V7]): fast-check generates updates that are
 * valid Yjs but hostile (commands on a replica under forged client ids, deletes of other people's
 * ranges, deep maps, unknown roots, field wipes, many commands at once), a writer of the unit
 * (child practitioner or clinician) sends each as a raw frame, and after each the invariants are
 * checked: the worker's content is intact unless the writer's role allows the change, and then
 * by no more than one command's worth; readers never throw; the honest clients stay connected.
 * Each input is followed by a bystander's edit round trip, measured, and the same round trips
 * are measured first with no attack in between.
 *
 * CI runs `RUNS` inputs from a fixed seed; HOSTILE_WRITER_FUZZ_LONG=1 runs the long run too.
 */
const SEED = Number(process.env.HOSTILE_WRITER_FUZZ_SEED ?? 16);
const RUNS = 60;
const LONG_RUNS = Number(process.env.HOSTILE_WRITER_FUZZ_RUNS ?? 2_000);
const LONG = process.env.HOSTILE_WRITER_FUZZ_LONG === '1';

const STRICT = { collabAuthority: { allowUnknownRoots: false } };
const FAMILY = DOCUMENT_SHAPES.family;

type Attacker = 'cp' | 'clinician';

type Op =
  | { op: 'deletePerson'; index: number }
  | { op: 'renamePerson'; index: number }
  | { op: 'deleteHypothesis'; index: number }
  | { op: 'rewriteHypothesis'; index: number }
  | { op: 'addEvidence'; index: number }
  | { op: 'addPerson' }
  | { op: 'wipeField'; index: number };

type Attack =
  | { kind: 'forge'; attacker: Attacker; whose: 'worker' | 'bystander'; ops: Op[] }
  | {
      kind: 'deleteRange';
      attacker: Attacker;
      whose: 'worker' | 'bystander';
      start: number;
      len: number;
      beyond: boolean;
    }
  | { kind: 'deep'; attacker: Attacker; root: string; depth: number }
  | { kind: 'unknownRoot'; attacker: Attacker; name: string }
  | { kind: 'commands'; attacker: Attacker; ops: Op[]; asBacklog: boolean };

const index = fc.nat(40);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  index.map((i) => ({ op: 'deletePerson' as const, index: i })),
  index.map((i) => ({ op: 'renamePerson' as const, index: i })),
  index.map((i) => ({ op: 'deleteHypothesis' as const, index: i })),
  index.map((i) => ({ op: 'rewriteHypothesis' as const, index: i })),
  index.map((i) => ({ op: 'addEvidence' as const, index: i })),
  fc.constant({ op: 'addPerson' as const }),
  index.map((i) => ({ op: 'wipeField' as const, index: i })),
);
const attacker = fc.constantFrom<Attacker>('cp', 'clinician');
const knownRoots = [...Object.values(GENOGRAM_ROOTS), ...Object.values(BOARD_ROOTS)];
const attackArb: fc.Arbitrary<Attack> = fc.oneof(
  fc.record({
    kind: fc.constant('forge' as const),
    attacker,
    whose: fc.constantFrom('worker' as const, 'bystander' as const),
    ops: fc.array(opArb, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant('deleteRange' as const),
    attacker,
    whose: fc.constantFrom('worker' as const, 'bystander' as const),
    start: fc.nat(600),
    len: fc.integer({ min: 1, max: 3_000 }),
    beyond: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('deep' as const),
    attacker,
    root: fc.constantFrom(...knownRoots),
    depth: fc.integer({ min: FAMILY.maxDepth + 1, max: 400 }),
  }),
  fc.record({
    kind: fc.constant('unknownRoot' as const),
    attacker,
    name: fc
      .string({ minLength: 1, maxLength: 24 })
      .filter((name) => FAMILY.rootUse(name) === null),
  }),
  {
    arbitrary: fc.record({
      kind: fc.constant('commands' as const),
      attacker,
      ops: fc.array(opArb, { minLength: 1, maxLength: 6 }),
      asBacklog: fc.boolean(),
    }),
    weight: 4,
  },
);

interface Room {
  server: TestServer;
  docName: string;
  worker: YClient;
  bystander: YClient;
  cookies: Record<Attacker, string>;
  /** The bystander's own person, renamed for each round trip. */
  marker: PersonId;
  /** Times an honest client's socket closed. */
  honestCloses: number;
}

async function openRoom(): Promise<Room> {
  const server = await startTestServer({ config: STRICT });
  const docName = `family:${server.demo.familyIds[0]}`;
  const worker = connectYClient(server.url, docName, {
    cookie: await signIn(server.url, 'sw@demo.test'),
  });
  const bystander = connectYClient(server.url, docName, {
    cookie: await signIn(server.url, 'csw@demo.test'),
  });
  await Promise.all([worker.synced, bystander.synced]);
  const room: Room = {
    server,
    docName,
    worker,
    bystander,
    cookies: {
      cp: await signIn(server.url, 'cp@demo.test'),
      clinician: await signIn(server.url, 'clinician@demo.test'),
    },
    marker: genogramCommands(bystander.doc, userOrigin('csw')).addPerson({ name: 'marker' }),
    honestCloses: 0,
  };
  for (const client of [worker, bystander])
    client.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'disconnected') room.honestCloses += 1;
    });
  await replenish(room);
  await serverSaved(bystander);
  return room;
}

/** The worker keeps at least 12 people and 3 hypotheses, each with evidence. */
async function replenish(room: Room): Promise<void> {
  const genogram = genogramCommands(room.worker.doc, userOrigin('sw'));
  const board = boardCommands(room.worker.doc, userOrigin('sw'));
  const mine = () => workerContent(room).people.length;
  while (mine() < 12) genogram.addPerson({ name: `Person ${mine() + 1}` });
  while (workerContent(room).hypotheses.length < 3) {
    const id = board.addHypothesis({ text: `Hypothesis ${Date.now()}`, offeredBy: 'sw' });
    board.addEvidence(id, 'for', 'Seen at school', 'sw');
  }
  await serverSaved(room.worker);
}

/** What the worker wrote, as the worker's own replica reads it. */
function workerContent(room: Room) {
  const doc = room.worker.doc;
  const own = (root: string) =>
    new Set(
      [...doc.getMap(root).entries()]
        .filter(([, value]) => value instanceof Y.Map && value._item?.id.client === doc.clientID)
        .map(([key]) => key),
    );
  const people = own(GENOGRAM_ROOTS.people);
  const hypotheses = own(BOARD_ROOTS.hypotheses);
  return {
    people: readGenogram(doc).people.filter((p) => people.has(p.id)),
    hypotheses: readBoard(doc).hypotheses.filter((h) => hypotheses.has(h.id)),
  };
}

/** An honest edit by the bystander, until the worker's replica shows it; milliseconds. */
async function roundTrip(room: Room, label: string): Promise<number> {
  const seen = new Promise<void>((resolve) => {
    const check = () => {
      if (readGenogram(room.worker.doc).people.some((p) => p.name === label)) {
        room.worker.doc.off('update', check);
        resolve();
      }
    };
    room.worker.doc.on('update', check);
  });
  const genogram = genogramCommands(room.bystander.doc, userOrigin('csw'));
  // A writer of the unit may remove one person per update, the bystander's own too.
  if (!readGenogram(room.bystander.doc).people.some((p) => p.id === room.marker))
    room.marker = genogram.addPerson({ name: 'marker' });
  const started = performance.now();
  genogram.updatePerson(room.marker, { name: label });
  await seen;
  return performance.now() - started;
}

function applyOps(doc: Y.Doc, ops: readonly Op[], who: string): void {
  const genogram = genogramCommands(doc, userOrigin(who));
  const board = boardCommands(doc, userOrigin(who));
  const people = () => readGenogram(doc).people;
  const hypotheses = () => readBoard(doc).hypotheses;
  const at = <T>(list: readonly T[], i: number): T | undefined =>
    list.length === 0 ? undefined : list[i % list.length];
  for (const op of ops) {
    try {
      switch (op.op) {
        case 'deletePerson': {
          const person = at(people(), op.index);
          if (person) genogram.deletePerson(person.id);
          break;
        }
        case 'renamePerson': {
          const person = at(people(), op.index);
          if (person) genogram.updatePerson(person.id, { name: `renamed by ${who}` });
          break;
        }
        case 'deleteHypothesis': {
          const hypothesis = at(hypotheses(), op.index);
          if (hypothesis) board.deleteHypothesis(hypothesis.id);
          break;
        }
        case 'rewriteHypothesis': {
          const hypothesis = at(hypotheses(), op.index);
          if (hypothesis && hypothesis.suggestion === 'accepted')
            board.updateHypothesis(hypothesis.id, { text: `rewritten by ${who}` });
          break;
        }
        case 'addEvidence': {
          const hypothesis = at(hypotheses(), op.index);
          if (hypothesis) board.addEvidence(hypothesis.id, 'against', `from ${who}`, who);
          break;
        }
        case 'addPerson':
          genogram.addPerson({ name: `added by ${who}` });
          break;
        case 'wipeField': {
          const person = at(people(), op.index);
          const entry = person && doc.getMap(GENOGRAM_ROOTS.people).get(person.id);
          if (entry instanceof Y.Map) entry.delete('name');
          break;
        }
      }
    } catch {
      // A command's own rule refused it on the replica: nothing written.
    }
  }
}

/** The update an attack sends, and what must happen to it whatever the server decides. */
function build(
  room: Room,
  attack: Attack,
): { update: Uint8Array; mustRefuse: boolean; mustAccept: boolean; asBacklog: boolean } {
  const state = room.bystander.doc;
  switch (attack.kind) {
    case 'forge': {
      const victim = attack.whose === 'worker' ? room.worker.doc : room.bystander.doc;
      const replica = replicaOf(state, victim.clientID);
      const update = updateOf(replica, () => applyOps(replica, attack.ops, attack.attacker));
      // Only if it writes anything new under the victim's id.
      const writes = Y.decodeUpdate(update).structs.some((s) => s.id.client === victim.clientID);
      return { update, mustAccept: false, mustRefuse: writes, asBacklog: false };
    }
    case 'deleteRange': {
      const victim = attack.whose === 'worker' ? room.worker.doc : room.bystander.doc;
      const reach = Y.getState(state.store, victim.clientID);
      const start = attack.beyond ? attack.start : attack.start % Math.max(1, reach);
      const len = attack.beyond ? reach + attack.len : Math.min(attack.len, reach - start);
      return {
        update: deleteSetUpdate([[victim.clientID, start, Math.max(1, len)]]),
        mustAccept: false,
        mustRefuse: attack.beyond,
        asBacklog: false,
      };
    }
    case 'deep':
      return {
        update: nestedMapsUpdate(attack.root, 'deep0000000000000001', attack.depth),
        mustAccept: false,
        mustRefuse: true,
        asBacklog: false,
      };
    case 'unknownRoot': {
      const doc = new Y.Doc();
      return {
        update: updateOf(doc, () => doc.getMap(attack.name).set('k', 'v')),
        mustAccept: false,
        mustRefuse: true,
        asBacklog: false,
      };
    }
    case 'commands': {
      const replica = replicaOf(state);
      const before = { people: readGenogram(replica).people, board: readBoard(replica) };
      const update = updateOf(replica, () => applyOps(replica, attack.ops, attack.attacker));
      // What one command of the product does (or a backlog's few) always gets in: the referee
      // must never refuse an honest writer.
      const factor = attack.asBacklog ? BACKLOG_REMOVAL_FACTOR : 1;
      const removedPeople = before.people.length - readGenogram(replica).people.length;
      const removedHypotheses =
        before.board.hypotheses.length - readBoard(replica).hypotheses.length;
      const planning = attack.attacker === 'cp';
      const mustAccept =
        !attack.ops.some((op) => op.op === 'wipeField') &&
        removedPeople <= factor &&
        removedHypotheses <= factor &&
        (planning ||
          attack.ops.every((op) => op.op !== 'rewriteHypothesis' && op.op !== 'deleteHypothesis'));
      return { update, mustRefuse: false, mustAccept, asBacklog: attack.asBacklog };
    }
  }
}

interface Tally {
  inputs: number;
  accepted: number;
  refused: Record<string, number>;
  invariants: number;
  latencies: number[];
}

async function attackOnce(room: Room, attack: Attack, tally: Tally): Promise<void> {
  const before = workerContent(room);
  const { update, mustRefuse, mustAccept, asBacklog } = build(room, attack);
  const outcome: Outcome = await sendUpdate(
    room.server.url,
    room.docName,
    room.cookies[attack.attacker],
    update,
    { asBacklog },
  );
  tally.inputs += 1;
  if (outcome.accepted) tally.accepted += 1;
  else {
    const name = closeCodeName(outcome.code) ?? String(outcome.code);
    tally.refused[name] = (tally.refused[name] ?? 0) + 1;
  }
  // The bystander's edit comes back after the attack's effect (if any) reached both replicas.
  tally.latencies.push(await roundTrip(room, `mark ${tally.inputs}`));

  const check = (condition: boolean, what: string) => {
    tally.invariants += 1;
    expect(condition, `${what} after ${JSON.stringify(attack)} (${JSON.stringify(outcome)})`).toBe(
      true,
    );
  };
  check(
    !mustRefuse || !outcome.accepted,
    'a forged id, a pending delete, a deep map or an unknown root was refused',
  );
  check(!mustAccept || outcome.accepted, 'one command’s worth of honest work was accepted');
  // Readers never throw, on either honest replica.
  for (const client of [room.worker, room.bystander]) {
    let threw = false;
    try {
      readBoard(client.doc, readGenogram(client.doc));
    } catch {
      threw = true;
    }
    check(!threw, 'readers did not throw');
  }
  const after = workerContent(room);
  const removedPeople = before.people.filter((p) => !after.people.some((q) => q.id === p.id));
  const removedHypotheses = before.hypotheses.filter(
    (h) => !after.hypotheses.some((k) => k.id === h.id),
  );
  const factor = asBacklog ? BACKLOG_REMOVAL_FACTOR : 1;
  if (!outcome.accepted) {
    check(
      removedPeople.length === 0 && removedHypotheses.length === 0,
      'a refused update removed nothing',
    );
    check(
      JSON.stringify(after.people.map((p) => p.name)) ===
        JSON.stringify(before.people.map((p) => p.name)),
      'a refused update renamed nobody',
    );
  }
  check(removedPeople.length <= factor, 'at most one command’s worth of people removed');
  check(removedHypotheses.length <= factor, 'at most one command’s worth of hypotheses removed');
  if (attack.attacker === 'clinician') {
    check(removedHypotheses.length === 0, 'a clinician removed no worker’s hypothesis');
    const texts = (content: ReturnType<typeof workerContent>) =>
      content.hypotheses.map((h) => `${h.id}:${h.text}`).join('|');
    check(texts(after) === texts(before), 'a clinician rewrote no worker’s hypothesis');
  }
  check(
    after.people.every((p) => typeof p.name === 'string'),
    'every person of the worker still has a name',
  );
  check(room.honestCloses === 0, 'the honest clients were never closed');
  check(
    room.worker.provider.wsconnected && room.bystander.provider.wsconnected,
    'honest clients connected',
  );
  await replenish(room);
}

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    n: sorted.length,
    medianMs: +at(0.5).toFixed(1),
    p95Ms: +at(0.95).toFixed(1),
    maxMs: +at(1).toFixed(1),
  };
};

async function run(runs: number): Promise<void> {
  const room = await openRoom();
  const baseline: number[] = [];
  for (let i = 0; i < runs; i += 1) baseline.push(await roundTrip(room, `calm ${i}`));
  const tally: Tally = { inputs: 0, accepted: 0, refused: {}, invariants: 0, latencies: [] };
  await fc.assert(
    fc.asyncProperty(attackArb, async (attack) => attackOnce(room, attack, tally)),
    { seed: SEED, numRuns: runs, endOnFailure: true },
  );
  await eventually(() =>
    expect(readGenogram(room.worker.doc).people).toEqual(readGenogram(room.bystander.doc).people),
  );
  console.log('hostile writer fuzz', {
    seed: SEED,
    inputs: tally.inputs,
    accepted: tally.accepted,
    refused: tally.refused,
    invariantsChecked: tally.invariants,
    bystanderRoundTripNoAttack: summary(baseline),
    bystanderRoundTripUnderAttack: summary(tally.latencies),
  });
  expect(tally.inputs).toBe(runs);
  expect(Object.keys(tally.refused).length).toBeGreaterThan(2);
  expect(tally.refused[closeCodeName(CLOSE_CODES.PROTOCOL_ERROR) ?? '']).toBeUndefined();
}

describe('hostile writer fuzz: valid but hostile updates from writers of the unit', () => {
  it(`[V1] [V2] [V3] [V4] [V5] [V6] [V7] ${RUNS} generated attacks (seed ${SEED}): others’ work intact unless the role allows, readers never throw, honest clients stay connected`, async () => {
    await run(RUNS);
  }, 60_000);

  it.skipIf(!LONG)(
    `[V1]-[V7] the long run: ${LONG_RUNS} attacks (opt-in with HOSTILE_WRITER_FUZZ_LONG=1: it takes minutes, too long for every CI run)`,
    async () => {
      await run(LONG_RUNS);
    },
    3_600_000,
  );
});

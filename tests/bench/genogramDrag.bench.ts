import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { genogramCommands, userOrigin, type PersonId } from '@unitroom/shared';
import { seededRandom } from '../helpers/random.js';
import { sequentialIds } from '../helpers/familyDoc.js';
import { buildFamily } from '../fixtures/familyDocuments.js';

/**
 * `npm run bench:genogram-drag` — how much a family document grows over a drag-heavy meeting.
 *
 * Five people at a meeting rearrange a 30-person genogram for 30 minutes: someone drops a person
 * every few seconds. The canvas sends the pointer's path through awareness (never stored) and
 * writes one nudge on drop, so the document should grow by a few bytes per drop. For contrast,
 * the same session writing every pointer move (60 per second of dragging) is measured too.
 * Goal from the issue: under 50 KB of growth. Never pass/fail; it prints figures.
 *
 * Options: --minutes (default 30), --drop-every-s (default 3), --drag-s (default 1.5).
 */

const { values } = parseArgs({
  options: {
    minutes: { type: 'string' },
    'drop-every-s': { type: 'string' },
    'drag-s': { type: 'string' },
  },
  strict: true,
});
const minutes = Number(values.minutes ?? 30);
const dropEverySeconds = Number(values['drop-every-s'] ?? 3);
const dragSeconds = Number(values['drag-s'] ?? 1.5);
const POINTER_MOVES_PER_SECOND = 60;
const USERS = 5;
const GOAL_BYTES = 50 * 1024;
const FAMILY_SIZE = 30;

/** A 30-person fictional family built through the real commands. */
function seedFamily(doc: Y.Doc): PersonId[] {
  return buildFamily(
    genogramCommands(doc, userOrigin('seed'), { newId: sequentialIds('p') }),
    FAMILY_SIZE,
  );
}

interface SessionResult {
  writes: number;
  stateBefore: number;
  stateAfter: number;
  /** Sum of every update the server appends to its log before compaction. */
  loggedBytes: number;
}

/**
 * Every user edits their own replica; each update goes to the "server" document and on to the
 * other replicas, as the sync server relays it. What the server receives is what it would log.
 */
function runSession(writeEveryMove: boolean): SessionResult {
  const server = new Y.Doc();
  const people = seedFamily(server);
  const stateBefore = Y.encodeStateAsUpdate(server).length;
  const replicas = Array.from({ length: USERS }, () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    return doc;
  });
  let loggedBytes = 0;
  const RELAY = 'relay';
  for (const replica of replicas) {
    replica.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === RELAY) return;
      loggedBytes += update.length;
      Y.applyUpdate(server, update, RELAY);
      for (const other of replicas) if (other !== replica) Y.applyUpdate(other, update, RELAY);
    });
  }
  const users = replicas.map((doc, i) => genogramCommands(doc, userOrigin(`user-${i}`)));

  const random = seededRandom(42);
  const drops = Math.floor((minutes * 60) / dropEverySeconds);
  const movesPerDrag = Math.round(dragSeconds * POINTER_MOVES_PER_SECOND);
  let writes = 0;
  for (let drop = 0; drop < drops; drop += 1) {
    const commands = users[Math.floor(random() * USERS)]!;
    const person = people[Math.floor(random() * people.length)]!;
    const dx = random() * 400 - 200;
    const dy = random() * 60 - 30;
    // Dropping writes the final offset once; the naive canvas writes every pointer move.
    const steps = writeEveryMove ? movesPerDrag : 1;
    for (let step = 1; step <= steps; step += 1) {
      commands.setNudge(person, Math.round((dx * step) / steps), Math.round((dy * step) / steps));
      writes += 1;
    }
  }
  return { writes, stateBefore, stateAfter: Y.encodeStateAsUpdate(server).length, loggedBytes };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const onDrop = runSession(false);
const everyMove = runSession(true);

console.log(
  `Drag-heavy session: ${USERS} people, ${minutes} min, a drop every ${dropEverySeconds} s ` +
    `(${dragSeconds} s drags at ${POINTER_MOVES_PER_SECOND} pointer moves/s), ${FAMILY_SIZE}-person family`,
);
console.log('');
console.log(
  'strategy                                           | writes | doc before | doc after | growth   | log before compaction',
);
console.log(
  '---------------------------------------------------|--------|------------|-----------|----------|----------------------',
);
for (const [name, r] of [
  ['awareness while dragging, write on drop (Unitroom)', onDrop],
  ['write every pointer move', everyMove],
] as const) {
  console.log(
    `${name.padEnd(50)} | ${String(r.writes).padStart(6)} | ${kb(r.stateBefore).padStart(10)} | ` +
      `${kb(r.stateAfter).padStart(9)} | ${kb(r.stateAfter - r.stateBefore).padStart(8)} | ${kb(r.loggedBytes)}`,
  );
}
const growth = onDrop.stateAfter - onDrop.stateBefore;
console.log('');
console.log(
  `Goal (growth under ${kb(GOAL_BYTES)} over ${minutes} min): ${growth < GOAL_BYTES ? 'met' : 'NOT met'} ` +
    `(${kb(growth)}; writing every move would grow ${kb(everyMove.stateAfter - everyMove.stateBefore)})`,
);

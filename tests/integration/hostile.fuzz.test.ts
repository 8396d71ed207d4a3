import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
  CLOSE_CODES,
  COLLAB_PATH,
  DEFAULT_COLLAB_LIMITS,
  MESSAGE_TYPE,
  closeCodeName,
  type MeResponse,
} from '@unitroom/shared';
import { childStats, startChildServer, type ChildServer } from '../helpers/childServer.js';
import {
  int,
  manyStructsUpdate,
  pick,
  restInput,
  socketIoInput,
  syncInput,
  type Random,
  type WsInput,
} from '../helpers/hostileInputs.js';
import { seededRandom } from '../helpers/random.js';
import { updateFrame } from '../helpers/frames.js';
import { signIn } from '../helpers/session.js';
import { makeDataDir } from '../helpers/testServer.js';
import { connectYClient, eventually, serverSaved, type YClient } from '../helpers/yClient.js';

/**
 * The fuzz run of issue 7: seeded hostile input against the sync endpoint, the socket.io
 * endpoint and the REST API, before and after authentication, on a server in its own process
 * (so that its event loop is measured alone, from inside: server/src/ops/eventLoopStats.ts).
 * CI runs SCALE 1 (over 10,000 inputs); HOSTILE_FUZZ_SCALE=10 runs ten times as many, and
 * HOSTILE_FUZZ_SEED replays another seed.
 */
const SCALE = Number(process.env.HOSTILE_FUZZ_SCALE ?? 1);
const SEED = Number(process.env.HOSTILE_FUZZ_SEED ?? 7);
const SYNC_SESSIONS = 1_000 * SCALE;
const SOCKET_IO_SESSIONS = 300 * SCALE;
const REST_REQUESTS = 2_500 * SCALE;
const CONCURRENCY = 6;
/**
 * A liveness bound for one session, not a performance figure: a hang is a failure. Generous,
 * because large updates are vetted on one worker thread in turn: six sessions of struct bombs at
 * once queue there, and on a slow or busy machine the last waits for all the others.
 */
const SESSION_DEADLINE_MS = 60_000;

const PROBE_SEQ = 987_654;
const probeFrame = (() => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_TYPE.SAVED);
  encoding.writeVarUint(e, PROBE_SEQ);
  return encoding.toUint8Array(e);
})();

interface Counters {
  inputs: number;
  byKind: Map<string, number>;
  closes: Map<string, number>;
  /** Sessions the server closed (or refused over HTTP): each must show up in its log. */
  offenders: number;
}

let totalInputs = 0;
const counters = (): Counters => ({
  inputs: 0,
  byKind: new Map(),
  closes: new Map(),
  offenders: 0,
});
const bump = (map: Map<string, number>, key: string, by = 1) =>
  map.set(key, (map.get(key) ?? 0) + by);

async function inPool<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

interface SessionOutcome {
  /** Close code from the server, or null when we closed after the probe was answered. */
  serverCode: number | null;
  /** HTTP status when the upgrade itself was refused. */
  httpStatus: number | null;
  messages: Uint8Array[];
}

/** One raw WebSocket session: send every input, then a probe; end on its answer or a close. */
function wsSession(
  url: string,
  headers: Record<string, string>,
  inputs: WsInput[],
  probe: { frame: Uint8Array | string; answered(data: Buffer): boolean },
): Promise<SessionOutcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, maxPayload: 64 * 1024 * 1024 });
    const messages: Uint8Array[] = [];
    let weClosed = false;
    const deadline = setTimeout(
      () => reject(new Error(`session hung: ${inputs.map((i) => i.kind).join(', ')}`)),
      SESSION_DEADLINE_MS,
    );
    const done = (outcome: SessionOutcome) => {
      clearTimeout(deadline);
      resolve(outcome);
    };
    ws.on('open', () => {
      for (const input of inputs) ws.send(input.data, { binary: !input.text });
      ws.send(probe.frame);
    });
    ws.on('message', (data: Buffer) => {
      messages.push(new Uint8Array(data));
      if (!weClosed && probe.answered(data)) {
        weClosed = true;
        ws.close(1000);
      }
    });
    ws.on('unexpected-response', (_request, response) => {
      done({ serverCode: null, httpStatus: response.statusCode ?? 0, messages });
      ws.terminate();
    });
    ws.on('close', (code) =>
      done({ serverCode: weClosed ? null : code, httpStatus: null, messages }),
    );
    ws.on('error', () => undefined);
  });
}

const isProbeAnswer = (data: Buffer): boolean => {
  try {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    return (
      decoding.readVarUint(decoder) === MESSAGE_TYPE.SAVED &&
      decoding.readVarUint(decoder) === PROBE_SEQ
    );
  } catch {
    return false;
  }
};

describe('hostile input: a seeded fuzz run against every endpoint, before and after sign-in', () => {
  let server: ChildServer;
  let cookies: Record<string, string>;
  let signedOut: string;
  let ids: { unitId: string; meetingId: string; familyId: string };
  let bystanders: YClient[];
  let bystanderDrops = 0;
  let typed = 0;
  const random: Random = seededRandom(SEED);

  beforeAll(async () => {
    server = await startChildServer(makeDataDir(), {}, { ipc: true });
    cookies = {};
    for (const email of [
      'csw@demo.test',
      'clinician@demo.test',
      'coordinator@demo.test',
      'manager@demo.test',
      'sw@demo.test',
      'cp@demo.test',
    ])
      cookies[email] = await signIn(server.url, email);
    signedOut = await signIn(server.url, 'csw@demo.test');
    await fetch(`${server.url}/api/session`, {
      method: 'DELETE',
      headers: { cookie: signedOut, origin: server.url },
    });
    const me = (await (
      await fetch(`${server.url}/api/me`, { headers: { cookie: cookies['csw@demo.test'] ?? '' } })
    ).json()) as MeResponse;
    const unit = me.units[0];
    if (!unit?.meetings[0] || !unit.families[0]) throw new Error('demo unit missing');
    ids = { unitId: unit.id, meetingId: unit.meetings[0].id, familyId: unit.families[0].id };
    // Well-behaved stock clients of the very documents under attack, typing all along.
    bystanders = [
      connectYClient(server.url, `meeting:${ids.meetingId}`, { cookie: cookies['sw@demo.test'] }),
      connectYClient(server.url, `meeting:${ids.meetingId}`, { cookie: cookies['cp@demo.test'] }),
      connectYClient(server.url, `family:${ids.familyId}`, { cookie: cookies['sw@demo.test'] }),
    ];
    await Promise.all(bystanders.map((client) => client.synced));
    for (const client of bystanders)
      client.provider.on('status', ({ status }: { status: string }) => {
        if (status === 'disconnected') bystanderDrops += 1;
      });
    await childStats(server, true);
  }, 60_000);

  afterAll(async () => {
    for (const client of bystanders ?? []) client.destroy();
    server?.process.kill('SIGTERM');
    await server?.exited;
  });

  const typeSomething = () => {
    const client = bystanders[typed % 2] as YClient;
    client.doc.getText('wellBehaved').insert(0, `${typed} `);
    (bystanders[2] as YClient).doc.getText('wellBehaved').insert(0, `${typed} `);
    typed += 1;
  };

  const offenderLogLines = () =>
    server
      .output()
      .split('\n')
      .filter((line) =>
        /refused a socket|closing connection|closed by the transport|before it joined|refused a malformed HTTP request/.test(
          line,
        ),
      ).length;

  it('sync endpoint: every offender is closed with a named code and logged; no refusal sends document bytes', async () => {
    const stats = counters();
    const prebuilt = {
      manyStructs: [
        manyStructsUpdate(random, 1_500, 'fuzzMany'),
        manyStructsUpdate(random, 20_000, 'fuzzMany'),
      ],
    };
    const logBefore = offenderLogLines();
    const sessions = Array.from({ length: SYNC_SESSIONS }, (_, index) => index);
    await inPool(sessions, async (index) => {
      if (index % 20 === 0) typeSomething();
      const access = pick(random, [
        'member',
        'member',
        'member',
        'member',
        'read-only',
        'none',
        'signed-out',
        'wrong-origin',
        'huge-header',
      ] as const);
      const docName = pick(random, [
        `meeting:${ids.meetingId}`,
        `family:${ids.familyId}`,
        `meeting:${ids.meetingId}`,
        'meeting:nosuch',
        '..%2F..%2Fetc%2Fpasswd',
        '%FF%FE',
        `family:${'x'.repeat(300)}`,
        '__proto__',
      ]);
      const member = pick(random, [
        'csw@demo.test',
        'clinician@demo.test',
        'coordinator@demo.test',
      ]);
      const headers: Record<string, string> = {
        origin: access === 'wrong-origin' ? 'http://evil.example' : server.url,
      };
      if (access === 'member' || access === 'wrong-origin') headers.cookie = cookies[member] ?? '';
      if (access === 'read-only') headers.cookie = cookies['manager@demo.test'] ?? '';
      if (access === 'signed-out') headers.cookie = signedOut;
      if (access === 'huge-header') headers['x-padding'] = 'p'.repeat(20 * 1024);
      const inputs = Array.from({ length: 1 + int(random, 10) }, () => syncInput(random, prebuilt));
      for (const input of inputs) bump(stats.byKind, input.kind);
      stats.inputs += inputs.length;
      const outcome = await wsSession(
        `${server.url.replace('http', 'ws')}${COLLAB_PATH}/${docName}`,
        headers,
        inputs,
        {
          frame: probeFrame,
          answered: isProbeAnswer,
        },
      );
      if (outcome.httpStatus !== null) {
        expect(outcome.httpStatus, access).toBe(431);
        bump(stats.closes, `HTTP ${outcome.httpStatus}`);
        stats.offenders += 1;
        return;
      }
      const refusedBeforeJoining =
        access === 'none' ||
        access === 'signed-out' ||
        access === 'wrong-origin' ||
        (!docName.startsWith(`meeting:${ids.meetingId}`) &&
          !docName.startsWith(`family:${ids.familyId}`));
      if (outcome.serverCode === null) {
        expect(refusedBeforeJoining, 'a refused socket answered').toBe(false);
        bump(stats.closes, 'survived');
        return;
      }
      const name = closeCodeName(outcome.serverCode);
      expect(
        name,
        `close code ${outcome.serverCode} (${access} ${docName}) after ${inputs.map((i) => i.kind).join(', ')}`,
      ).toBeDefined();
      bump(stats.closes, name ?? 'unnamed');
      stats.offenders += 1;
      if (refusedBeforeJoining) {
        expect(outcome.messages, `${access} ${docName}`).toHaveLength(0);
      } else if (inputs.every((input) => input.benign)) {
        throw new Error(
          `a well-formed session was closed with ${name}: ${inputs.map((i) => i.kind).join(', ')}`,
        );
      }
    });
    // A few of each oversized class: cheap to check, costly to send often.
    for (const [data, code] of [
      [new Uint8Array(8 * 1024 * 1024 + 1), CLOSE_CODES.MESSAGE_TOO_BIG],
      [
        encoding.encode((e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, 2);
          encoding.writeVarUint8Array(e, new Uint8Array(300 * 1024));
        }),
        CLOSE_CODES.UPDATE_TOO_LARGE,
      ],
      [
        encoding.encode((e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint8Array(e, new Uint8Array(20 * 1024));
        }),
        CLOSE_CODES.AWARENESS_TOO_LARGE,
      ],
    ] as const) {
      const outcome = await wsSession(
        `${server.url.replace('http', 'ws')}${COLLAB_PATH}/meeting:${ids.meetingId}`,
        { origin: server.url, cookie: cookies['csw@demo.test'] ?? '' },
        [{ kind: 'oversized', data }],
        { frame: probeFrame, answered: isProbeAnswer },
      );
      expect(outcome.serverCode).toBe(code);
      stats.inputs += 1;
      stats.offenders += 1;
      bump(stats.closes, closeCodeName(code) ?? '');
    }
    // One update just under the size limit, of the costliest kind per byte: applied, not closed.
    const heaviest = manyStructsUpdate(random, 13_000, 'fuzzHeaviest');
    expect(heaviest.byteLength).toBeLessThan(DEFAULT_COLLAB_LIMITS.maxUpdateBytes);
    const survived = await wsSession(
      `${server.url.replace('http', 'ws')}${COLLAB_PATH}/meeting:${ids.meetingId}`,
      { origin: server.url, cookie: cookies['csw@demo.test'] ?? '' },
      [{ kind: 'struct-bomb-at-the-limit', data: updateFrame(heaviest) }],
      { frame: probeFrame, answered: isProbeAnswer },
    );
    // Applied either way; on a loaded machine it may also use up the processing budget.
    expect([null, CLOSE_CODES.PROCESSING_BUDGET_EXCEEDED]).toContain(survived.serverCode);
    if (survived.serverCode !== null) stats.offenders += 1;
    stats.inputs += 1;
    await eventually(() => expect(offenderLogLines() - logBefore).toBe(stats.offenders), 10_000);
    totalInputs += stats.inputs;
    console.log(
      `sync fuzz: ${stats.inputs} inputs in ${SYNC_SESSIONS} sessions`,
      Object.fromEntries(stats.closes),
      Object.fromEntries(stats.byKind),
    );
    expect(stats.inputs).toBeGreaterThan(5_000 * SCALE);
  }, 300_000);

  it('socket.io endpoint: malformed packets and hostile events never take the server down', async () => {
    const stats = counters();
    await inPool(
      Array.from({ length: SOCKET_IO_SESSIONS }, (_, i) => i),
      async (index) => {
        if (index % 20 === 0) typeSomething();
        const access = pick(random, [
          'member',
          'member',
          'none',
          'signed-out',
          'wrong-origin',
        ] as const);
        const headers: Record<string, string> = {
          origin: access === 'wrong-origin' ? 'http://evil.example' : server.url,
        };
        if (access === 'member' || access === 'wrong-origin')
          headers.cookie = cookies['clinician@demo.test'] ?? '';
        if (access === 'signed-out') headers.cookie = signedOut;
        const inputs: WsInput[] = [
          { kind: 'connect', text: true, data: new TextEncoder().encode('40') },
        ];
        for (let n = 1 + int(random, 12); n > 0; n -= 1)
          inputs.push(socketIoInput(random, ids.unitId));
        for (const input of inputs) bump(stats.byKind, input.kind);
        stats.inputs += inputs.length;
        const outcome = await wsSession(
          `${server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`,
          headers,
          inputs,
          {
            // An acknowledged event: answered (43...) once everything before it was handled.
            frame: '42424242["unit:watch","nosuchunit"]',
            answered: (data) => /^4(3424242|4)/.test(data.toString()),
          },
        );
        bump(
          stats.closes,
          outcome.httpStatus !== null
            ? `HTTP ${outcome.httpStatus}`
            : outcome.serverCode === null
              ? 'answered'
              : `closed ${outcome.serverCode}`,
        );
        if (access === 'wrong-origin')
          expect(outcome.httpStatus ?? outcome.serverCode).not.toBeNull();
      },
    );
    console.log(
      `socket.io fuzz: ${stats.inputs} inputs in ${SOCKET_IO_SESSIONS} sessions`,
      Object.fromEntries(stats.closes),
    );
    expect(stats.inputs).toBeGreaterThan(1_500 * SCALE);
    totalInputs += stats.inputs;
  }, 300_000);

  it('REST API: hostile requests get a 4xx, never a 5xx, before and after sign-in', async () => {
    const stats = counters();
    await inPool(
      Array.from({ length: REST_REQUESTS }, (_, i) => i),
      async (index) => {
        if (index % 50 === 0) typeSomething();
        const input = restInput(random, ids);
        const access = pick(random, [
          'member',
          'none',
          'signed-out',
          'wrong-origin',
          'huge-header',
        ] as const);
        const headers: Record<string, string> = {
          ...input.headers,
          origin: access === 'wrong-origin' ? 'http://evil.example' : server.url,
        };
        if (access === 'member' || access === 'wrong-origin')
          headers.cookie = cookies['coordinator@demo.test'] ?? '';
        if (access === 'signed-out') headers.cookie = signedOut;
        if (access === 'huge-header') headers.cookie = `x=${'c'.repeat(20 * 1024)}`;
        bump(stats.byKind, input.kind);
        stats.inputs += 1;
        const hasBody =
          input.body !== undefined && input.method !== 'GET' && input.method !== 'HEAD';
        const response = await fetch(`${server.url}${input.path}`, {
          method: input.method,
          headers,
          ...(hasBody ? { body: input.body } : {}),
        });
        await response.arrayBuffer();
        bump(stats.closes, String(response.status));
        expect(
          response.status,
          `${input.method} ${input.path} ${input.kind} ${access}`,
        ).toBeLessThan(500);
        if (access === 'huge-header') expect(response.status).toBe(431);
      },
    );
    console.log(`REST fuzz: ${stats.inputs} requests`, Object.fromEntries(stats.closes));
    totalInputs += stats.inputs;
  }, 300_000);

  it('afterwards: the process is up, nothing was polluted, and the bystanders converged without a drop', async () => {
    const stats = await childStats(server);
    // The server's event-loop figures are reported, not asserted: a bound on them measured the
    // machine's load as much as the server. The long on-CPU turns of issue 20 were whole-document
    // encodings (sync answers, states handed to the worker, snapshots) made while orphan updates
    // of the fuzz run sat pending in the room: Yjs then merges the pending data back in through
    // mergeUpdates, which re-encodes the whole document at about three times the cost
    // (docs/performance-findings.md). What keeps the loop free is asserted by counts below.
    console.log(
      `server event loop during the fuzz run of ${totalInputs} inputs (load ${(os.loadavg()[0] ?? 0).toFixed(1)})`,
      stats,
    );
    expect(totalInputs).toBeGreaterThanOrEqual(10_000 * SCALE);
    expect(server.process.exitCode).toBeNull();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(stats.prototypePolluted).toBe(false);
    // Nothing heavier than maxUpdateBytes was integrated in one turn; heavier updates were
    // vetted on the worker (or refused there).
    expect(stats.work.vettedOnWorker).toBeGreaterThan(0);
    expect(stats.work.largestInlineUpdateBytes).toBeLessThanOrEqual(
      DEFAULT_COLLAB_LIMITS.maxUpdateBytes,
    );
    // Orphan updates were pending in the rooms while the server encoded their documents, and
    // every such encoding left them out rather than merging them back in...
    expect(stats.work.pendingLeftOut).toBeGreaterThan(0);
    // ...so what a client syncing now is sent holds nothing pending: had a sync answer merged
    // the orphans in, the fresh client would hold them pending too.
    for (const docName of [`meeting:${ids.meetingId}`, `family:${ids.familyId}`]) {
      const fresh = connectYClient(server.url, docName, { cookie: cookies['csw@demo.test'] });
      try {
        await fresh.synced;
        expect(fresh.doc.store.pendingStructs, docName).toBeNull();
        expect(fresh.doc.store.pendingDs, docName).toBeNull();
      } finally {
        fresh.destroy();
      }
    }
    await Promise.all(bystanders.map((client) => serverSaved(client)));
    const [first, second, family] = bystanders as [YClient, YClient, YClient];
    await eventually(() => {
      expect(first.doc.getText('wellBehaved').toString()).toBe(
        second.doc.getText('wellBehaved').toString(),
      );
      expect(first.doc.getText('wellBehaved').toString().split(' ').filter(Boolean)).toHaveLength(
        typed,
      );
    });
    expect(family.doc.getText('wellBehaved').toString().split(' ').filter(Boolean)).toHaveLength(
      typed,
    );
    expect(bystanderDrops).toBe(0);
  }, 60_000);
});

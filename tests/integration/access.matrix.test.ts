import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  CLOSE_CODES,
  COLLAB_PATH,
  MESSAGE_TYPE,
  type AddGuestResponse,
  type AddPersonResponse,
  type AdminUnit,
  type MeResponse,
} from '@unitroom/shared';
import { addAccount, signedInOutsider } from '../helpers/accounts.js';
import { api } from '../helpers/api.js';
import { awarenessFrame, syncStep1Frame, textUpdate, updateFrame } from '../helpers/frames.js';
import { signIn } from '../helpers/session.js';
import { loadStoredDoc, startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectYClient, serverSaved, type YClient } from '../helpers/yClient.js';

/**
 * Who may do what to which document, declared once and checked against the real server with real
 * sockets and REST requests. A refused socket must receive no byte at all.
 *
 * Rows are roles (how to get their credentials, and an access class); columns are actions (how
 * to try it, and the expected outcome per access class, or per role where a role differs from
 * its class). A new role is one line in ROLES (plus its class in each action if the class is
 * new); a new action is one line in ACTIONS.
 */
type Outcome =
  /** Done: read the document, wrote to the store, was seen by others, got the data. */
  | 'ok'
  /** Accepted on the wire and silently dropped by the server (a read-only member's write). */
  | 'dropped'
  /** REST: answered, but without this unit's data (404, or absent from a listing). */
  | 'hidden'
  /** Socket closed with this code before anything was sent; REST: this status. */
  | `refused ${number}`;

type Kind = 'family' | 'meeting' | 'discussion';
type AccessClass =
  'writer' | 'readOnly' | 'guest' | 'guestEditor' | 'nonMember' | 'unauthenticated' | 'wrongOrigin';

interface Credentials {
  cookie?: string;
  origin: string;
}

interface Context {
  server: TestServer;
  docName: Record<Kind, string>;
  familyId: string;
  meetingId: string;
  /** On the meeting's agenda, finalised before the matrix runs: what exports read. */
  finalised: { familyId: string; familyName: string };
  /** On the meeting's agenda, marked ready before the matrix runs: what approving approves. */
  readyFamilyId: string;
  coordinator: string;
  /** The demo's consultant, who is also the deployment's administrator. */
  administrator: string;
  observer: Record<Kind, YClient>;
}

const refused = (code: number): Outcome => `refused ${code}`;
const UNAUTHENTICATED = refused(CLOSE_CODES.UNAUTHENTICATED);
const FORBIDDEN = refused(CLOSE_CODES.FORBIDDEN);
const ORIGIN = refused(CLOSE_CODES.ORIGIN_NOT_ALLOWED);

// prettier-ignore
const ROLES: Record<string, { access: AccessClass; credentials(ctx: Context): Promise<Credentials> }> = {
  consultant:     { access: 'writer',          credentials: (ctx) => member(ctx, 'csw@demo.test') },
  socialWorker:   { access: 'writer',          credentials: (ctx) => member(ctx, 'sw@demo.test') },
  practitioner:   { access: 'writer',          credentials: (ctx) => member(ctx, 'cp@demo.test') },
  clinician:      { access: 'writer',          credentials: (ctx) => member(ctx, 'clinician@demo.test') },
  coordinator:    { access: 'writer',          credentials: (ctx) => member(ctx, 'coordinator@demo.test') },
  manager:        { access: 'readOnly',        credentials: (ctx) => member(ctx, 'manager@demo.test') },
  guest:          { access: 'guest',           credentials: (ctx) => guest(ctx, 'health.visitor@nhs.test', false) },
  guestEditor:    { access: 'guestEditor',     credentials: (ctx) => guest(ctx, 'school.nurse@nhs.test', true) },
  otherGuest:     { access: 'nonMember',       credentials: (ctx) => guestOfAnotherMeeting(ctx) },
  otherUnit:      { access: 'nonMember',       credentials: (ctx) => outsider(ctx) },
  removedMember:  { access: 'nonMember',       credentials: (ctx) => removedMember(ctx) },
  sendingUnit:    { access: 'nonMember',       credentials: (ctx) => sendingUnitAfterTransfer(ctx) },
  expiredSession: { access: 'unauthenticated', credentials: (ctx) => expiredSession(ctx) },
  signedOut:      { access: 'unauthenticated', credentials: (ctx) => signedOut(ctx) },
  noSession:      { access: 'unauthenticated', credentials: async (ctx) => ({ origin: ctx.server.url }) },
  // [A1] Administering the deployment gives no access to any unit's case data.
  administrator:  { access: 'nonMember',       credentials: (ctx) => administered(ctx, 'administrator', { administrator: true }) },
  // [A2] A clinician half-time in two units: a writer in each.
  twoUnits:       { access: 'writer',          credentials: (ctx) => administered(ctx, 'halftime', { units: 'both' }) },
  // [A7] A member, signed in, then deactivated: known to nobody any more.
  deactivated:    { access: 'unauthenticated', credentials: (ctx) => administered(ctx, 'deactivated', { deactivate: true }) },
  wrongOrigin:    { access: 'wrongOrigin',     credentials: async (ctx) => ({ ...(await member(ctx, 'csw@demo.test')), origin: 'http://evil.example' }) },
};

const GUEST_REST: Record<Kind, Outcome> = { family: 'hidden', meeting: 'ok', discussion: 'hidden' };

type Expected = Partial<Record<AccessClass | keyof typeof ROLES, Outcome | Record<Kind, Outcome>>>;

const ALL_KINDS: Kind[] = ['family', 'meeting', 'discussion'];

// [M6] A guest opens their meeting and its discussions (writing only if allowed to edit) and the
// families on its agenda (always read-only); over REST they get their meeting listed and a 404
// for everything else. [M9] The unit's record of a family (its discussions' states, finalised
// minutes and their exports, genogram history) is for members only.
// [R1]-[R3] The coordinator (or the consultant) marks ready; only the consultant approves.
// [R10] Exports exist for finalised discussions: whoever reads the unit's record downloads them.
// prettier-ignore
const ACTIONS: Record<string, { run(ctx: Context, who: Credentials, kind: Kind): Promise<Outcome>; kinds?: Kind[]; expected: Expected }> = {
  read:      { run: read,      expected: { writer: 'ok', readOnly: 'ok',      guest: 'ok',      guestEditor: 'ok', nonMember: FORBIDDEN, unauthenticated: UNAUTHENTICATED, wrongOrigin: ORIGIN } },
  write:     { run: write,     expected: { writer: 'ok', readOnly: 'dropped', guest: 'dropped', guestEditor: { family: 'dropped', meeting: 'ok', discussion: 'ok' }, nonMember: FORBIDDEN, unauthenticated: UNAUTHENTICATED, wrongOrigin: ORIGIN } },
  awareness: { run: awareness, expected: { writer: 'ok', readOnly: 'ok',      guest: 'ok',      guestEditor: 'ok', nonMember: FORBIDDEN, unauthenticated: UNAUTHENTICATED, wrongOrigin: ORIGIN } },
  // GETs are not Origin-checked: SameSite=Strict keeps the cookie off other sites' requests and
  // no CORS header lets another site read an answer.
  restRead:  { run: restRead,  expected: { writer: 'ok', readOnly: 'ok',      guest: GUEST_REST, guestEditor: GUEST_REST, nonMember: 'hidden', unauthenticated: refused(401), wrongOrigin: 'ok' } },
  export:    { run: exportRecord, kinds: ['meeting', 'discussion'],
               expected: { writer: 'ok', readOnly: 'ok',      guest: 'hidden',  guestEditor: 'hidden', nonMember: 'hidden', unauthenticated: refused(401), wrongOrigin: 'ok' } },
  // Changes: Origin-checked. The demo unit has a coordinator; the consultant may still mark
  // ready (see the report on [R1]'s wording).
  ready:     { run: markReady, kinds: ['discussion'],
               expected: { coordinator: 'ok', consultant: 'ok', writer: refused(403), readOnly: refused(403), guest: 'hidden', guestEditor: 'hidden', nonMember: 'hidden', unauthenticated: refused(401), wrongOrigin: refused(403) } },
  // [A1] The administration area: administrators only (the demo's consultant is one).
  administer: { run: administer, kinds: ['meeting'],
               expected: { administrator: 'ok', consultant: 'ok', writer: refused(403), readOnly: refused(403), guest: refused(403), guestEditor: refused(403), nonMember: refused(403), unauthenticated: refused(401), wrongOrigin: 'ok' } },
  approve:   { run: approve,   kinds: ['discussion'],
               expected: { consultant: 'ok', writer: refused(403), readOnly: refused(403), guest: 'hidden', guestEditor: 'hidden', nonMember: 'hidden', unauthenticated: refused(401), wrongOrigin: refused(403) } },
};

function expectedOutcome(role: string, action: string, kind: Kind): Outcome | 'undeclared' {
  const expected = ACTIONS[action]?.expected ?? {};
  const cell = expected[role] ?? expected[ROLES[role]?.access ?? 'writer'];
  if (!cell) return 'undeclared';
  return typeof cell === 'string' ? cell : cell[kind];
}

async function member(ctx: Context, email: string): Promise<Credentials> {
  return { cookie: await signIn(ctx.server.url, email), origin: ctx.server.url };
}

async function outsider(ctx: Context): Promise<Credentials> {
  return { cookie: await signedInOutsider(ctx.server), origin: ctx.server.url };
}

async function removedMember(ctx: Context): Promise<Credentials> {
  await addAccount(ctx.server.app, {
    id: 'leaver',
    email: 'leaver@demo.test',
    password: 'leaver-pass',
    unitId: ctx.server.demo.unitId,
    role: 'social_worker',
  });
  const cookie = await signIn(ctx.server.url, 'leaver@demo.test', 'leaver-pass');
  const coordinator = await signIn(ctx.server.url, 'coordinator@demo.test');
  const response = await fetch(
    `${ctx.server.url}/api/units/${ctx.server.demo.unitId}/members/leaver`,
    { method: 'DELETE', headers: { cookie: coordinator, origin: ctx.server.url } },
  );
  expect(response.status).toBe(204);
  return { cookie, origin: ctx.server.url };
}

/**
 * A person made through the administration API by the demo's consultant (an administrator), who
 * chooses a password with their set-up link: as a new council's staff arrive.
 */
async function administered(
  ctx: Context,
  name: string,
  options: { administrator?: boolean; units?: 'both'; deactivate?: boolean },
): Promise<Credentials> {
  const { url } = ctx.server;
  const email = `${name}@council.test`;
  const added = await api<AddPersonResponse>(url, ctx.administrator, 'POST', '/admin/people', {
    name: `Test ${name}`,
    email,
    administrator: options.administrator === true,
  });
  expect(added.status).toBe(201);
  const userId = added.body.person.id;
  const units = [ctx.server.demo.unitId];
  if (options.units === 'both') {
    const other = await api<AdminUnit>(url, ctx.administrator, 'POST', '/admin/units', {
      name: `Unit of ${name}`,
    });
    units.push(other.body.id);
  }
  if (!options.administrator) {
    for (const unitId of units) {
      const set = await api(
        url,
        ctx.administrator,
        'PUT',
        `/admin/units/${unitId}/members/${userId}`,
        {
          role: options.units === 'both' ? 'clinician' : 'social_worker',
        },
      );
      expect(set.status).toBe(204);
    }
  }
  const password = `${name} password long enough`;
  const token = new URL(added.body.link.url).hash.slice(1);
  expect((await api(url, '', 'POST', '/account/link', { token, password })).status).toBe(204);
  const cookie = await signIn(url, email, password);
  if (options.deactivate) {
    const done = await api(url, ctx.administrator, 'POST', `/admin/people/${userId}/deactivate`);
    expect(done.status).toBe(204);
  }
  return { cookie, origin: url };
}

/**
 * [F7] The consultant of the unit that held the family before it was transferred to the demo
 * unit: their socket on the family's document closed at the transfer, and nothing of the family
 * is theirs any more.
 */
async function sendingUnitAfterTransfer(ctx: Context): Promise<Credentials> {
  const db = ctx.server.app.persistence.db;
  await db
    .insertInto('units')
    .values({ id: 'senderunit', name: 'Assessment Unit 1', created_at: new Date().toISOString() })
    .execute();
  await addAccount(ctx.server.app, {
    id: 'sender',
    email: 'sender@demo.test',
    password: 'sender-pass',
    unitId: 'senderunit',
    role: 'consultant_social_worker',
  });
  // The family starts in the assessment unit (as if referred there), then moves to the demo unit.
  await db
    .updateTable('families')
    .set({ unit_id: 'senderunit' })
    .where('id', '=', ctx.familyId)
    .execute();
  const cookie = await signIn(ctx.server.url, 'sender@demo.test', 'sender-pass');
  const open = connectYClient(ctx.server.url, ctx.docName.family, { cookie });
  await open.synced;
  const moved = await api(ctx.server.url, cookie, 'POST', `/families/${ctx.familyId}/transfer`, {
    toUnitId: ctx.server.demo.unitId,
  });
  expect(moved.status).toBe(204);
  expect(await open.refused).toBe(CLOSE_CODES.FAMILY_MOVED);
  open.destroy();
  return { cookie, origin: ctx.server.url };
}

/** A partner professional invited to the meeting, signed in with the password shown once. */
async function guest(ctx: Context, email: string, canEdit: boolean): Promise<Credentials> {
  const added = await api<AddGuestResponse>(
    ctx.server.url,
    ctx.coordinator,
    'POST',
    `/meetings/${ctx.meetingId}/guests`,
    { name: email.split('@')[0] ?? email, email, canEdit },
  );
  expect(added.status).toBe(201);
  return {
    cookie: await signIn(ctx.server.url, email, added.body.oneTimePassword ?? ''),
    origin: ctx.server.url,
  };
}

/** A guest of another meeting of the same unit: nothing of this meeting is theirs ([M6]). */
async function guestOfAnotherMeeting(ctx: Context): Promise<Credentials> {
  const series = await api<{ meetingIds: string[] }>(
    ctx.server.url,
    ctx.coordinator,
    'POST',
    `/units/${ctx.server.demo.unitId}/meeting-series`,
    { title: 'Another meeting', firstDate: '2026-05-05', startTime: '10:00', weeks: 1 },
  );
  expect(series.status).toBe(201);
  const email = 'police.liaison@police.test';
  const added = await api<AddGuestResponse>(
    ctx.server.url,
    ctx.coordinator,
    'POST',
    `/meetings/${series.body.meetingIds[0] ?? ''}/guests`,
    { name: 'Police liaison', email, canEdit: true },
  );
  expect(added.status).toBe(201);
  return {
    cookie: await signIn(ctx.server.url, email, added.body.oneTimePassword ?? ''),
    origin: ctx.server.url,
  };
}

async function expiredSession(ctx: Context): Promise<Credentials> {
  // A member of the unit in every respect but the age of their session.
  await addAccount(ctx.server.app, {
    id: 'lapsed',
    email: 'lapsed@demo.test',
    password: 'lapsed-pass',
    unitId: ctx.server.demo.unitId,
    role: 'social_worker',
  });
  const cookie = await signIn(ctx.server.url, 'lapsed@demo.test', 'lapsed-pass');
  await ctx.server.app.persistence.db
    .updateTable('sessions')
    .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
    .where('user_id', '=', 'lapsed')
    .execute();
  return { cookie, origin: ctx.server.url };
}

async function signedOut(ctx: Context): Promise<Credentials> {
  const cookie = await signIn(ctx.server.url, 'cp@demo.test');
  await fetch(`${ctx.server.url}/api/session`, {
    method: 'DELETE',
    headers: { cookie, origin: ctx.server.url },
  });
  return { cookie, origin: ctx.server.url };
}

const PROBE_SEQ = 424_242;
const probe = (() => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_TYPE.SAVED);
  encoding.writeVarUint(e, PROBE_SEQ);
  return encoding.toUint8Array(e);
})();

/**
 * Sends `frames` then a SAVED probe on a raw socket; resolves with every message received and
 * the close code, once the probe is answered (everything before it was handled) or the server
 * closes the socket.
 */
function rawExchange(
  ctx: Context,
  who: Credentials,
  kind: Kind,
  frames: Uint8Array[],
): Promise<{ code: number | null; messages: Uint8Array[] }> {
  const headers: Record<string, string> = { origin: who.origin };
  if (who.cookie) headers.cookie = who.cookie;
  const ws = new WebSocket(`${ctx.server.wsUrl}${COLLAB_PATH}/${ctx.docName[kind]}`, { headers });
  const messages: Uint8Array[] = [];
  return new Promise((resolve, reject) => {
    let answered = false;
    ws.on('open', () => {
      for (const frame of [...frames, probe]) ws.send(frame);
    });
    ws.on('message', (data: Buffer) => {
      const message = new Uint8Array(data);
      messages.push(message);
      const decoder = decoding.createDecoder(message);
      if (
        decoding.readVarUint(decoder) === MESSAGE_TYPE.SAVED &&
        decoding.readVarUint(decoder) === PROBE_SEQ
      ) {
        answered = true;
        ws.close(1000);
      }
    });
    ws.on('close', (code) => resolve({ code: answered ? null : code, messages }));
    ws.on('error', reject);
  });
}

/** A refusal is a close before a single byte of anything reached the client. */
function refusalOrNull(outcome: { code: number | null; messages: Uint8Array[] }): Outcome | null {
  if (outcome.code === null) return null;
  expect(outcome.messages, `bytes sent before refusal ${outcome.code}`).toHaveLength(0);
  return refused(outcome.code);
}

const MARKER = 'matrix marker: only members may read this';

async function read(ctx: Context, who: Credentials, kind: Kind): Promise<Outcome> {
  const outcome = await rawExchange(ctx, who, kind, [syncStep1Frame()]);
  const refusal = refusalOrNull(outcome);
  if (refusal) return refusal;
  const doc = new Y.Doc();
  for (const message of outcome.messages) {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_TYPE.SYNC) continue;
    syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, 'server');
  }
  return doc.getText('matrix').toString().includes(MARKER) ? 'ok' : 'hidden';
}

let writes = 0;
async function write(ctx: Context, who: Credentials, kind: Kind): Promise<Outcome> {
  writes += 1;
  const text = `write ${writes}`;
  const refusal = refusalOrNull(
    await rawExchange(ctx, who, kind, [updateFrame(textUpdate(text, 'matrixWrites'))]),
  );
  if (refusal) return refusal;
  const stored = await loadStoredDoc(ctx.server, ctx.docName[kind]);
  const inStore = stored.getText('matrixWrites').toString().includes(text);
  await serverSaved(ctx.observer[kind]);
  const seen = ctx.observer[kind].doc.getText('matrixWrites').toString().includes(text);
  expect(seen, `${text} reached others: ${seen}, stored: ${inStore}`).toBe(inStore);
  return inStore ? 'ok' : 'dropped';
}

let presences = 0;
async function awareness(ctx: Context, who: Credentials, kind: Kind): Promise<Outcome> {
  presences += 1;
  const name = `presence ${presences}`;
  const refusal = refusalOrNull(
    // Only the fields a client may state reach others ([E1]): its identity comes from the server.
    await rawExchange(ctx, who, kind, [awarenessFrame({ cursor: { probe: name } })]),
  );
  if (refusal) return refusal;
  // The server broadcast it (or not) before answering the probe; the observer's own round trip
  // delivers whatever was sent to it before.
  await serverSaved(ctx.observer[kind]);
  const seen = Array.from(ctx.observer[kind].provider.awareness.getStates().values()).some(
    (state) => (state as { cursor?: { probe?: string } }).cursor?.probe === name,
  );
  // The socket has closed since, so its presence may already be gone: look at the history.
  return seen || seenNames[kind].has(name) ? 'ok' : 'dropped';
}
const seenNames: Record<Kind, Set<string>> = {
  family: new Set(),
  meeting: new Set(),
  discussion: new Set(),
};

function restHeaders(who: Credentials): Record<string, string> {
  const headers: Record<string, string> = { origin: who.origin };
  if (who.cookie) headers.cookie = who.cookie;
  return headers;
}

/** 200 is `ok`, 404 `hidden`, anything else a refusal; an answer that is not 200 holds no record. */
async function restOutcome(ctx: Context, response: Response): Promise<Outcome> {
  const body = await response.text();
  if (response.status === 200) return 'ok';
  expect(body, `a ${response.status} carries no minutes`).not.toContain(ctx.finalised.familyName);
  return response.status === 404 ? 'hidden' : refused(response.status);
}

async function restRead(ctx: Context, who: Credentials, kind: Kind): Promise<Outcome> {
  const headers = restHeaders(who);
  if (kind === 'discussion') {
    return restOutcome(
      ctx,
      await fetch(`${ctx.server.url}/api/meetings/${ctx.meetingId}/discussions/${ctx.familyId}`, {
        headers,
      }),
    );
  }
  if (kind === 'family') {
    const response = await fetch(`${ctx.server.url}/api/families/${ctx.familyId}/genograms`, {
      headers,
    });
    await response.arrayBuffer();
    if (response.status === 200) return 'ok';
    return response.status === 404 ? 'hidden' : refused(response.status);
  }
  const response = await fetch(`${ctx.server.url}/api/me`, { headers });
  if (response.status !== 200) return refused(response.status);
  const me = (await response.json()) as MeResponse;
  const listed = me.units.some((unit) => unit.meetings.some((m) => m.id === ctx.meetingId));
  return listed ? 'ok' : 'hidden';
}

/** The finalised record as plain text: the whole meeting's minutes, or one family's. */
async function exportRecord(ctx: Context, who: Credentials, kind: Kind): Promise<Outcome> {
  const path =
    kind === 'meeting'
      ? `/meetings/${ctx.meetingId}/export/minutes/txt`
      : `/meetings/${ctx.meetingId}/discussions/${ctx.finalised.familyId}/export/minutes/txt`;
  const response = await fetch(`${ctx.server.url}/api${path}`, { headers: restHeaders(who) });
  if (response.status === 200) {
    expect(await response.clone().text()).toContain(ctx.finalised.familyName);
  }
  return restOutcome(ctx, response);
}

/** Marks the live discussion ready; when that worked, the coordinator returns it to draft. */
async function markReady(ctx: Context, who: Credentials): Promise<Outcome> {
  const path = `/meetings/${ctx.meetingId}/discussions/${ctx.familyId}`;
  const outcome = await restOutcome(
    ctx,
    await fetch(`${ctx.server.url}/api${path}/ready`, {
      method: 'POST',
      headers: restHeaders(who),
    }),
  );
  if (outcome === 'ok') {
    expect((await api(ctx.server.url, ctx.coordinator, 'POST', `${path}/reopen`)).status).toBe(200);
  }
  return outcome;
}

/** The administration's list of people: never case data, so a refusal has none to leak. */
async function administer(ctx: Context, who: Credentials): Promise<Outcome> {
  return restOutcome(
    ctx,
    await fetch(`${ctx.server.url}/api/admin/people`, { headers: restHeaders(who) }),
  );
}

/**
 * Approves the discussion marked ready. Approving is once only: a second role wrongly allowed to
 * approve would meet 409, which disagrees with the table as well.
 */
async function approve(ctx: Context, who: Credentials): Promise<Outcome> {
  const path = `/meetings/${ctx.meetingId}/discussions/${ctx.readyFamilyId}/approve`;
  return restOutcome(
    ctx,
    await fetch(`${ctx.server.url}/api${path}`, { method: 'POST', headers: restHeaders(who) }),
  );
}

/** Finalises a discussion the way the unit does: ready by the coordinator, approved by the consultant. */
async function finalise(server: TestServer, meetingId: string, familyId: string): Promise<void> {
  const path = `/meetings/${meetingId}/discussions/${familyId}`;
  const coordinator = await signIn(server.url, 'coordinator@demo.test');
  const consultant = await signIn(server.url, 'csw@demo.test');
  expect((await api(server.url, coordinator, 'POST', `${path}/ready`)).status).toBe(200);
  expect((await api(server.url, consultant, 'POST', `${path}/approve`)).status).toBe(200);
}

describe('access matrix: every role against every document kind and action', () => {
  let ctx: Context;
  const credentials: Record<string, Credentials> = {};

  beforeAll(async () => {
    const stops: Array<() => Promise<void>> = [];
    const server = await startTestServer({ register: (stop) => stops.push(stop) });
    const [familyId, finalisedFamilyId, readyFamilyId] = server.demo.familyIds as [
      string,
      string,
      string,
    ];
    const { meetingId } = server.demo;
    const docName: Record<Kind, string> = {
      family: `family:${familyId}`,
      meeting: `meeting:${meetingId}`,
      discussion: `discussion:${meetingId}:${familyId}`,
    };
    await finalise(server, meetingId, finalisedFamilyId);
    const coordinator = await signIn(server.url, 'coordinator@demo.test');
    const ready = `/meetings/${meetingId}/discussions/${readyFamilyId}/ready`;
    expect((await api(server.url, coordinator, 'POST', ready)).status).toBe(200);
    const finalisedFamily = await server.app.persistence.db
      .selectFrom('families')
      .select('name')
      .where('id', '=', finalisedFamilyId)
      .executeTakeFirstOrThrow();
    const writer = await signIn(server.url, 'csw@demo.test');
    const observer = {
      family: connectYClient(server.url, docName.family, { cookie: writer }),
      meeting: connectYClient(server.url, docName.meeting, { cookie: writer }),
      discussion: connectYClient(server.url, docName.discussion, { cookie: writer }),
    };
    for (const kind of ALL_KINDS) {
      await observer[kind].synced;
      observer[kind].doc.getText('matrix').insert(0, MARKER);
      await serverSaved(observer[kind]);
      observer[kind].provider.awareness.on('change', () => {
        for (const state of observer[kind].provider.awareness.getStates().values()) {
          const name = (state as { cursor?: { probe?: string } }).cursor?.probe;
          if (name) seenNames[kind].add(name);
        }
      });
    }
    ctx = {
      server,
      docName,
      familyId,
      meetingId,
      finalised: { familyId: finalisedFamilyId, familyName: finalisedFamily.name },
      readyFamilyId,
      coordinator,
      administrator: writer,
      observer,
    };
    for (const [role, { credentials: make }] of Object.entries(ROLES))
      credentials[role] = await make(ctx);
    return async () => {
      for (const kind of ALL_KINDS) observer[kind].destroy();
      for (const stop of stops) await stop();
    };
  }, 60_000);

  it('[M6][M9][R1][R3][R10][A1][A2][A7][F7] matches the declared table in every cell, and no refusal sends a byte', async () => {
    const actual: Record<string, Record<string, Outcome | 'undeclared'>> = {};
    const expected: Record<string, Record<string, Outcome | 'undeclared'>> = {};
    for (const role of Object.keys(ROLES)) {
      actual[role] = {};
      expected[role] = {};
      for (const [action, { run, kinds = ALL_KINDS }] of Object.entries(ACTIONS)) {
        for (const kind of kinds) {
          const cell = `${kind} ${action}`;
          const who = credentials[role] as Credentials;
          (actual[role] as Record<string, Outcome>)[cell] = await run(ctx, who, kind);
          (expected[role] as Record<string, Outcome | 'undeclared'>)[cell] = expectedOutcome(
            role,
            action,
            kind,
          );
        }
      }
    }
    expect(actual).toEqual(expected);
    const cells = Object.values(actual).flatMap((row) => Object.values(row));
    const cellsPerRole = Object.values(ACTIONS).reduce(
      (sum, { kinds = ALL_KINDS }) => sum + kinds.length,
      0,
    );
    expect(cells).toHaveLength(Object.keys(ROLES).length * cellsPerRole);
  }, 120_000);
});

import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import {
  CLOSE_CODES,
  DEFAULT_COLLAB_LIMITS,
  MESSAGE_TYPE,
  readDiscussion,
  roleSchema,
  type CollabLimits,
} from '@unitroom/shared';
import { discussionCommands } from '@unitroom/shared/minutes';
import { frame } from '../helpers/frames.js';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { connectYClient, eventually, serverSaved, type YClient } from '../helpers/yClient.js';

/**
 * Finding 3 of issue 16, through stock y-websocket clients: presence is what the server knows,
 * not what a client states.
 */

interface Entry {
  clientId: number;
  clock: number;
  /** The state's JSON exactly as sent (so a test can send JSON no encoder would write). */
  json: string;
}

/** An awareness frame built by hand from raw entries. */
function rawAwarenessFrame(entries: readonly Entry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  const update = encoding.toUint8Array(encoder);
  return frame(
    (e) => encoding.writeVarUint(e, MESSAGE_TYPE.AWARENESS),
    (e) => encoding.writeVarUint8Array(e, update),
  );
}

async function serverWith(limits: Partial<CollabLimits> = {}) {
  const server = await startTestServer({
    config: { collabLimits: { ...DEFAULT_COLLAB_LIMITS, ...limits } },
  });
  return { server, docName: `meeting:${server.demo.meetingId}` };
}

async function member(server: TestServer, docName: string, email: string): Promise<YClient> {
  const client = connectYClient(server.url, docName, { cookie: await signIn(server.url, email) });
  await client.synced;
  return client;
}

interface SeenUser {
  id?: string;
  name?: string;
  role?: string;
}

function usersSeenBy(client: YClient): SeenUser[] {
  return Array.from(client.provider.awareness.getStates().values()).map(
    (state) => ((state as { user?: SeenUser }).user ?? {}) as SeenUser,
  );
}

function stateOf(client: YClient, clientId: number): Record<string, unknown> | undefined {
  return client.provider.awareness.getStates().get(clientId) as Record<string, unknown> | undefined;
}

/** Waits until `observer` has seen `sender`'s latest mark: everything `sender` sent before it has been handled. */
async function marked(sender: YClient, observer: YClient, mark: string): Promise<void> {
  sender.provider.awareness.setLocalStateField('cursor', { mark });
  await eventually(() =>
    expect(
      (stateOf(observer, sender.provider.awareness.clientID)?.cursor as { mark?: string })?.mark,
    ).toBe(mark),
  );
}

const userIdOf = (server: TestServer, email: string): string => {
  const id = server.demo.userIds[email];
  if (!id) throw new Error(`no demo user ${email}`);
  return id;
};

describe('presence comes from the session, not from what a client states', () => {
  it('[E1] identity and role in awareness are set by the server from the session', async () => {
    const { server, docName } = await serverWith();
    const honest = await member(server, docName, 'sw@demo.test');
    const manager = await member(server, docName, 'manager@demo.test');
    manager.provider.awareness.setLocalStateField('user', {
      id: 'officer-0001',
      name: 'PC Invented',
      role: 'consultant_social_worker',
      color: '#1d70b8',
    });
    await marked(manager, honest, 'after-claim');
    const seen = stateOf(honest, manager.provider.awareness.clientID)?.user as SeenUser;
    expect(seen).toMatchObject({
      id: userIdOf(server, 'manager@demo.test'),
      name: 'Grace Adeyemi',
      role: 'manager',
    });
    expect(usersSeenBy(honest).map((user) => user.name)).not.toContain('PC Invented');
    honest.destroy();
    manager.destroy();
  });

  it('[E1] a client may state only its own ephemeral fields (cursor, selection); others are dropped', async () => {
    const { server, docName } = await serverWith();
    const honest = await member(server, docName, 'sw@demo.test');
    const manager = await member(server, docName, 'manager@demo.test');
    manager.provider.awareness.setLocalStateField('attendance', ['PC Invented']);
    await marked(manager, honest, 'fields');
    const state = stateOf(honest, manager.provider.awareness.clientID) ?? {};
    expect(Object.keys(state).sort()).toEqual(['cursor', 'user']);
    honest.destroy();
    manager.destroy();
  });

  it('[E2] a connection cannot publish presence for invented people (client ids it does not own)', async () => {
    const { server, docName } = await serverWith();
    const honest = await member(server, docName, 'sw@demo.test');
    const manager = await member(server, docName, 'manager@demo.test');
    await marked(manager, honest, 'first');
    const invented = 424242;
    manager.provider.ws?.send(
      rawAwarenessFrame([
        {
          clientId: invented,
          clock: 1,
          json: JSON.stringify({
            user: { id: 'officer-0001', name: 'PC Invented', role: 'social_worker' },
          }),
        },
      ]),
    );
    await marked(manager, honest, 'second');
    expect(honest.provider.awareness.getStates().has(invented)).toBe(false);
    expect(usersSeenBy(honest).map((user) => user.name)).not.toContain('PC Invented');
    honest.destroy();
    manager.destroy();
  });

  it("[E2] a connection cannot overwrite another client id's presence", async () => {
    const { server, docName } = await serverWith();
    const victim = await member(server, docName, 'sw@demo.test');
    const bystander = await member(server, docName, 'cp@demo.test');
    const manager = await member(server, docName, 'manager@demo.test');
    await marked(victim, bystander, 'victim-here');
    await marked(manager, bystander, 'manager-here');
    const victimId = victim.provider.awareness.clientID;
    manager.provider.ws?.send(
      rawAwarenessFrame([
        {
          clientId: victimId,
          clock: 1000,
          json: JSON.stringify({ user: { name: 'Someone else' }, cursor: { mark: 'forged' } }),
        },
      ]),
    );
    await marked(manager, bystander, 'manager-after');
    const seen = stateOf(bystander, victimId);
    expect((seen?.cursor as { mark?: string }).mark).toBe('victim-here');
    expect((seen?.user as SeenUser).name).toBe('Tom Whitfield');
    victim.destroy();
    bystander.destroy();
    manager.destroy();
  });

  it('[E4] attendance recorded from presence lists only people the server saw connected', async () => {
    const { server } = await serverWith();
    const meetingDoc = `meeting:${server.demo.meetingId}`;
    const familyId = server.demo.familyIds[0] ?? '';
    const discussionDoc = `discussion:${server.demo.meetingId}:${familyId}`;
    const writerMeeting = await member(server, meetingDoc, 'csw@demo.test');
    const writerDiscussion = await member(server, discussionDoc, 'csw@demo.test');
    const manager = await member(server, meetingDoc, 'manager@demo.test');
    await marked(manager, writerMeeting, 'here');
    // The read-only manager claims to be someone else and invents a police officer.
    manager.provider.awareness.setLocalStateField('user', {
      id: 'officer-0001',
      name: 'PC Invented',
      role: 'social_worker',
      color: '#1d70b8',
    });
    manager.provider.ws?.send(
      rawAwarenessFrame([
        {
          clientId: 777_001,
          clock: 1,
          json: JSON.stringify({
            user: {
              id: 'officer-0002',
              name: 'PC Also Invented',
              role: 'manager',
              color: '#1d70b8',
            },
          }),
        },
      ]),
    );
    await marked(manager, writerMeeting, 'after');
    // What the writer's browser does: everyone present in the meeting goes into the attendance.
    const present = usersSeenBy(writerMeeting).flatMap((user) => {
      const role = roleSchema.safeParse(user.role);
      return typeof user.id === 'string' && typeof user.name === 'string' && role.success
        ? [{ id: user.id, name: user.name, role: role.data }]
        : [];
    });
    discussionCommands(writerDiscussion.doc, { kind: 'user', userId: 'x' }).recordPresence(present);
    await serverSaved(writerDiscussion);
    const names = readDiscussion(writerDiscussion.doc).attendance.map((a) => a.name);
    expect(names).toContain('Grace Adeyemi');
    expect(names).not.toContain('PC Invented');
    expect(names).not.toContain('PC Also Invented');
    writerMeeting.destroy();
    writerDiscussion.destroy();
    manager.destroy();
  });
});

describe('the stock client re-broadcasts what it receives: that echo is never charged to it', () => {
  it('[E3] one 15 KB awareness message from a read-only member closes nobody else', async () => {
    const { server, docName } = await serverWith();
    const honest = await Promise.all(
      ['csw@demo.test', 'sw@demo.test', 'cp@demo.test'].map((email) =>
        member(server, docName, email),
      ),
    );
    const closed: number[] = [];
    for (const client of honest)
      client.provider.on('connection-close', (event: CloseEvent | null) =>
        closed.push(event?.code ?? 0),
      );
    const manager = await member(server, docName, 'manager@demo.test');
    // 15 KB as sent; every stock client that re-encodes it writes 1e20 as 21 digits.
    const json = `{"cursor":[${Array.from({ length: 3000 }, () => '1e20').join(',')}]}`;
    expect(json.length).toBeLessThan(DEFAULT_COLLAB_LIMITS.maxAwarenessBytes);
    const managerClosed = manager.refused;
    manager.provider.ws?.send(
      rawAwarenessFrame([{ clientId: manager.provider.awareness.clientID, clock: 50, json }]),
    );
    // Everyone else still edits and is heard.
    const [first, second] = honest;
    if (!first || !second) throw new Error('two honest clients expected');
    for (const client of honest)
      await marked(client, second, `alive-${client.provider.awareness.clientID}`);
    first.doc.getText('scratch').insert(0, 'still here ');
    await serverSaved(first);
    await eventually(() => expect(second.doc.getText('scratch').toString()).toContain('still'));
    expect(closed).toEqual([]);
    // The sender pays for what its message costs everyone once the server has encoded it.
    expect(await managerClosed).toBe(CLOSE_CODES.AWARENESS_TOO_LARGE);
    for (const client of honest) client.destroy();
    manager.destroy();
  });

  it("[E3] echoes of other people's presence cost the honest client nothing against its rate", async () => {
    // A budget an honest client spends in a few of its own messages; echoes must not count.
    const { server, docName } = await serverWith({ awarenessRate: { perSecond: 0.01, burst: 6 } });
    const honest = await member(server, docName, 'sw@demo.test');
    // Any close, retried or not: the stock client reconnects after some codes.
    const closed: number[] = [];
    honest.provider.on('connection-close', (event: CloseEvent | null) =>
      closed.push(event?.code ?? 0),
    );
    const others = await Promise.all(
      ['csw@demo.test', 'cp@demo.test', 'clinician@demo.test'].map((email) =>
        member(server, docName, email),
      ),
    );
    // Each of the others moves a few times: the honest client echoes every change.
    for (const [index, other] of others.entries())
      for (let move = 0; move < 4; move += 1) await marked(other, honest, `m${index}-${move}`);
    await marked(honest, others[0] as YClient, 'honest-still-here');
    expect(closed).toEqual([]);
    expect(honest.provider.wsconnected).toBe(true);
    for (const client of [honest, ...others]) client.destroy();
  });
});

import { expect, it } from 'vitest';
import { CLOSE_CODES, genogramCommands, readGenogram, userOrigin } from '@unitroom/shared';
import WebSocket from 'ws';
import { COLLAB_PATH } from '@unitroom/shared';
import { updateFrame } from '../helpers/frames.js';
import { replicaOf, sendUpdate, updateOf } from '../helpers/hostileWriter.js';
import { describeEachStore } from '../helpers/postgres.js';
import { signIn } from '../helpers/session.js';
import { loadStoredDoc, startTestServer } from '../helpers/testServer.js';
import { connectYClient, eventually, serverSaved } from '../helpers/yClient.js';

/**
 * Issue 16, scale mode: a client id is claimed by the first update that writes with it ([V1]).
 * With several processes, two can see the same id as fresh at once: the victim's process claims
 * it for the victim, and, before the victim's update is relayed, an attacker connected to another
 * process writes with the id they read in the victim's presence. The store keeps the first claim;
 * the process that lost must neither store nor relay the update it let through ([U4]).
 *
 * The other process's claim is the row it writes, written here into the same table at the moment
 * the race needs it (two processes cannot be made to interleave there on demand).
 */
/**
 * Sends `update` once the server has answered the join (the claims were read then) and
 * `meanwhile` has run, the window in which another process claims the id; resolves with the
 * code the server closes the socket with.
 */
function sendAfterJoining(
  baseUrl: string,
  docName: string,
  cookie: string,
  update: Uint8Array,
  meanwhile: () => Promise<void>,
): Promise<number> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${COLLAB_PATH}/${docName}`, {
    headers: { cookie, origin: new URL(baseUrl).origin },
  });
  let joined = false;
  return new Promise((resolve, reject) => {
    ws.on('message', () => {
      if (joined) return;
      joined = true;
      meanwhile().then(() => ws.send(updateFrame(update)), reject);
    });
    ws.on('close', (code) => resolve(code));
    ws.on('error', reject);
  });
}

describeEachStore('a client id claimed by two processes at once', (store) => {
  it('[U4] the process whose claim lost stores and relays nothing of the update, and the writer is then refused', async () => {
    const server = await startTestServer({
      ...store,
      config: { collabAuthority: { allowUnknownRoots: false } },
    });
    const docName = `family:${server.demo.familyIds[0]}`;
    const db = server.app.persistence.db;
    const victim = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'sw@demo.test'),
    });
    const bystander = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'csw@demo.test'),
    });
    await Promise.all([victim.synced, bystander.synced]);
    const stolen = victim.doc.clientID;

    // The attacker joins (this process reads the claims: none for that id yet); then the
    // victim's process claims the id for the victim, their first edit on its way here; then the
    // attacker writes with it.
    const forged = replicaOf(bystander.doc, stolen);
    const update = updateOf(forged, () =>
      genogramCommands(forged, userOrigin('x')).addPerson({ name: 'Forged by another' }),
    );
    const attacker = await signIn(server.url, 'cp@demo.test');
    const otherProcessClaims = async () => {
      await db
        .insertInto('collab_client_ids')
        .values({
          doc_name: docName,
          client_id: String(stolen),
          user_id: server.demo.userIds['sw@demo.test']!,
          claimed_at: new Date().toISOString(),
        })
        .execute();
    };
    expect(await sendAfterJoining(server.url, docName, attacker, update, otherProcessClaims)).toBe(
      CLOSE_CODES.STORE_FAILED,
    );

    // Nothing of it was stored; the claim stored is the victim's.
    const stored = await loadStoredDoc(server, docName);
    expect(readGenogram(stored).people.map((p) => p.name)).not.toContain('Forged by another');
    const claim = await db
      .selectFrom('collab_client_ids')
      .select('user_id')
      .where('doc_name', '=', docName)
      .where('client_id', '=', String(stolen))
      .executeTakeFirstOrThrow();
    expect(claim.user_id).toBe(server.demo.userIds['sw@demo.test']);

    // Sent again to the reloaded room, it is refused as someone else's id.
    expect(await sendUpdate(server.url, docName, attacker, update)).toEqual({
      accepted: false,
      code: CLOSE_CODES.UPDATE_FOREIGN_CLIENT_ID,
    });

    // The honest clients came back on their own (STORE_FAILED is retried) and work on.
    await eventually(() => {
      expect(victim.provider.wsconnected && victim.provider.synced).toBe(true);
      expect(bystander.provider.wsconnected && bystander.provider.synced).toBe(true);
    }, 30_000);
    const id = genogramCommands(victim.doc, userOrigin('sw')).addPerson({ name: 'Still mine' });
    await serverSaved(victim);
    await eventually(() =>
      expect(readGenogram(bystander.doc).people.map((p) => p.id)).toContain(id),
    );
    expect(readGenogram(bystander.doc).people.map((p) => p.name)).not.toContain(
      'Forged by another',
    );
    victim.destroy();
    bystander.destroy();
  }, 120_000);
});

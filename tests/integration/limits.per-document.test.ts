import { expect, it } from 'vitest';
import {
  CLOSE_CODES,
  DEFAULT_COLLAB_LIMITS,
  EXPENSIVE_MESSAGE_COST,
  asFamilyId,
  familyDocName,
  type CollabLimits,
} from '@unitroom/shared';
import { describeEachStore } from '../helpers/postgres.js';
import { syncFlood } from '../helpers/rawSocket.js';
import { signIn } from '../helpers/session.js';
import { startTestServer } from '../helpers/testServer.js';
import { connectYClient, eventually, serverSaved, type YClient } from '../helpers/yClient.js';

/**
 * Issue 16, finding 5, the part per-user limits leave open: many accounts together, or one user
 * across documents, could still make one document cost without bound, and a whole-document sync
 * answer cost one message whatever the document weighed ([U2]).
 */

/** Sync answers one connection's message budget pays for at once. */
const PER_CONNECTION = DEFAULT_COLLAB_LIMITS.messageRate.burst / EXPENSIVE_MESSAGE_COST;
/** Within one connection's message budget, and so within its user's. */
const REQUESTS_PER_SOCKET = PER_CONNECTION - 2;

async function honestPair(url: string, docName: string): Promise<[YClient, YClient]> {
  const writer = connectYClient(url, docName, { cookie: await signIn(url, 'sw@demo.test') });
  const reader = connectYClient(url, docName, {
    cookie: await signIn(url, 'coordinator@demo.test'),
  });
  await Promise.all([writer.synced, reader.synced]);
  return [writer, reader];
}

describeEachStore('limits per document, whoever sends', (store) => {
  it('[U2] five accounts, each within its own budget, get one document’s budget of sync answers between them; another document’s members carry on', async () => {
    const limits: CollabLimits = { ...DEFAULT_COLLAB_LIMITS, documentBudgetFactor: 1 };
    const server = await startTestServer({ ...store, config: { collabLimits: limits } });
    const flooded = familyDocName(asFamilyId(server.demo.familyIds[0]!));
    const elsewhere = familyDocName(asFamilyId(server.demo.familyIds[1]!));
    const [writer, reader] = await honestPair(server.url, elsewhere);

    const accounts = [
      'csw@demo.test',
      'cp@demo.test',
      'clinician@demo.test',
      'manager@demo.test',
      'sw@demo.test',
    ];
    const cookies = await Promise.all(accounts.map((email) => signIn(server.url, email)));
    let typed = 0;
    const typing = (async () => {
      for (; typed < 10; typed += 1) {
        writer.doc.getText('scratch').insert(0, `e${typed};`);
        await eventually(
          () => expect(reader.doc.getText('scratch').toString()).toContain(`e${typed};`),
          60_000,
        );
      }
    })();
    const sockets = await Promise.all(
      cookies.map((cookie) => syncFlood(server.url, flooded, cookie, REQUESTS_PER_SOCKET)),
    );
    await typing;

    const answers = sockets.reduce((sum, socket) => sum + socket.answers, 0);
    console.log(
      `[U2] sync answers on one document to five accounts: ${answers} ` +
        `(per-user budgets alone: ${accounts.length * REQUESTS_PER_SOCKET})`,
    );
    // One connection's worth (the document's budget here) and what refills meanwhile.
    expect(answers).toBeLessThan(accounts.length * REQUESTS_PER_SOCKET * 0.6);
    expect(sockets.some((socket) => socket.code === CLOSE_CODES.MESSAGE_RATE_EXCEEDED)).toBe(true);
    expect(writer.provider.wsconnected && reader.provider.wsconnected).toBe(true);
    expect(typed).toBe(10);
    writer.destroy();
    reader.destroy();
  }, 120_000);

  it('[U2] repeated whole-document sync answers are charged by what the document weighs, not as one message each', async () => {
    const limits: CollabLimits = {
      ...DEFAULT_COLLAB_LIMITS,
      // A first sync of this 300 KB document fits; a few more do not.
      syncAnswerBytesRate: { perSecond: 16 * 1024, burst: 1024 * 1024 },
    };
    const server = await startTestServer({ ...store, config: { collabLimits: limits } });
    const docName = familyDocName(asFamilyId(server.demo.familyIds[0]!));
    const [writer, reader] = await honestPair(server.url, docName);
    for (let i = 0; i < 3; i += 1) {
      writer.doc.getText('scratch').insert(0, `${i}`.repeat(100_000));
      await serverSaved(writer);
    }
    await eventually(() => expect(reader.doc.getText('scratch').length).toBe(300_000));

    const attacker = await signIn(server.url, 'clinician@demo.test');
    const flood = await syncFlood(server.url, docName, attacker, REQUESTS_PER_SOCKET);
    console.log(
      `[U2] answers of 300 KB each before the close: ${flood.answers} of ${REQUESTS_PER_SOCKET}`,
    );
    // Within the message budget (as before), refused by the bytes the answers weigh.
    expect(flood).toEqual({ answers: 3, code: CLOSE_CODES.MESSAGE_RATE_EXCEEDED });

    // The honest members are untouched, and a newcomer's first sync of the whole document passes.
    const newcomer = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'csw@demo.test'),
    });
    await newcomer.synced;
    expect(newcomer.doc.getText('scratch').length).toBe(300_000);
    writer.doc.getText('scratch').insert(0, 'after');
    await eventually(() =>
      expect(reader.doc.getText('scratch').toString().startsWith('after')).toBe(true),
    );
    expect(writer.provider.wsconnected && reader.provider.wsconnected).toBe(true);
    writer.destroy();
    reader.destroy();
    newcomer.destroy();
  }, 120_000);
});

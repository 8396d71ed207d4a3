import { expect, it } from 'vitest';
import {
  CLOSE_CODES,
  DEFAULT_COLLAB_LIMITS,
  EXPENSIVE_MESSAGE_COST,
  asFamilyId,
  familyDocName,
} from '@unitroom/shared';
import { describeEachStore } from '../helpers/postgres.js';
import { syncFlood } from '../helpers/rawSocket.js';
import { signIn } from '../helpers/session.js';
import { startTestServer } from '../helpers/testServer.js';
import { connectYClient, eventually, serverSaved } from '../helpers/yClient.js';

/** One member's sockets, as many as one user may open at once. */
const SOCKETS = DEFAULT_COLLAB_LIMITS.maxSocketsPerUser;
/** Sync answers one connection's message budget pays for at once. */
const PER_CONNECTION = DEFAULT_COLLAB_LIMITS.messageRate.burst / EXPENSIVE_MESSAGE_COST;
/**
 * Sync requests each socket sends at once, each answered with the whole document: within one
 * connection's budget, so that only a budget shared by the user's sockets can refuse them.
 */
const REQUESTS_PER_SOCKET = PER_CONNECTION - 2;

describeEachStore('limits per user, not only per connection', (store) => {
  it("[T1] a member with 24 sockets, reconnecting, gets one user's budget of whole-document sync answers, and another member's edits keep arriving", async () => {
    const server = await startTestServer(store);
    const docName = familyDocName(asFamilyId(server.demo.familyIds[0]!));
    // The honest members: one writing, one reading what they write.
    const writer = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'sw@demo.test'),
    });
    const reader = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'coordinator@demo.test'),
    });
    await Promise.all([writer.synced, reader.synced]);
    writer.doc.getText('scratch').insert(0, 'x'.repeat(20_000));
    await serverSaved(writer);

    const attacker = await signIn(server.url, 'clinician@demo.test');
    const flood = () =>
      Promise.all(
        Array.from({ length: SOCKETS }, () =>
          syncFlood(server.url, docName, attacker, REQUESTS_PER_SOCKET),
        ),
      );
    let typed = 0;
    const typing = (async () => {
      // The honest member types on through both rounds; each edit must reach the reader.
      for (; typed < 20; typed += 1) {
        writer.doc.getText('scratch').insert(0, `e${typed};`);
        await eventually(
          () => expect(reader.doc.getText('scratch').toString()).toContain(`e${typed};`),
          60_000,
        );
      }
    })();
    const first = await flood();
    // Reconnecting at once buys nothing: the user's budget outlives the sockets.
    const second = await flood();
    await typing;

    const answers = (round: typeof first) => round.reduce((sum, socket) => sum + socket.answers, 0);
    console.log(
      `[T1] sync answers to one member: ${answers(first)} then ${answers(second)} ` +
        `(per-connection budgets alone: ${SOCKETS * REQUESTS_PER_SOCKET} a round)`,
    );
    // Twice one connection's budget, and what refills while the rounds run.
    expect(answers(first) + answers(second)).toBeLessThan(SOCKETS * REQUESTS_PER_SOCKET * 0.3);
    const refused = [...first, ...second].filter(
      (socket) => socket.code === CLOSE_CODES.MESSAGE_RATE_EXCEEDED,
    );
    expect(refused.length).toBeGreaterThan(SOCKETS);
    // The honest members were never closed and saw every edit.
    expect(writer.provider.wsconnected && reader.provider.wsconnected).toBe(true);
    expect(typed).toBe(20);
    writer.destroy();
    reader.destroy();
  }, 180_000);
});

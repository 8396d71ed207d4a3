import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '@unitroom/shared';
import { api } from '../helpers/api.js';
import type { ChildServer } from '../helpers/childServer.js';
import { demoMeeting, startCluster } from '../helpers/cluster.js';
import {
  destroyAll,
  expectClosed,
  expectStillOpen,
  openEverything,
} from '../helpers/openSockets.js';
import { SCALE_OUT_SKIP_REASON } from '../helpers/redis.js';
import { signIn } from '../helpers/session.js';

/**
 * A revocation handled by one process closes the affected sockets on every process: it is
 * published on Redis and each process applies it to its own open sockets. Without Redis behind
 * it, the sockets on the other process would stay open.
 */

const databaseUrl = process.env.DATABASE_URL ?? '';
const redisUrl = process.env.REDIS_URL ?? '';
const scaleOut = Boolean(databaseUrl && redisUrl);
const CLUSTER_TEST_TIMEOUT_MS = 120_000;

async function twoProcesses() {
  const cluster = await startCluster('revoke', 2);
  const [first, second] = cluster.servers as [ChildServer, ChildServer];
  const coordinator = await signIn(first.url, 'coordinator@demo.test');
  const meeting = await demoMeeting(first, coordinator);
  const place = { ...meeting, familyId: meeting.familyIds[0] ?? '' };
  return { first, second, coordinator, place };
}

describe.skipIf(!scaleOut)(
  `scale-out: revocations close sockets on every process${scaleOut ? '' : ` (${SCALE_OUT_SKIP_REASON})`}`,
  () => {
    it(
      'removing a member through one process closes their collaboration sockets (ACCESS_REVOKED) and unit channel on another within 5 s, and nobody else’s',
      async () => {
        const { first, second, coordinator, place } = await twoProcesses();
        const workerCookie = await signIn(second.url, 'sw@demo.test');
        const worker = await openEverything(second, place, workerCookie, true);
        const { userId: workerId } = await demoMeeting(second, workerCookie);
        const practitioner = await openEverything(
          second,
          place,
          await signIn(second.url, 'cp@demo.test'),
          true,
        );

        const removed = await api(
          first.url,
          coordinator,
          'DELETE',
          `/units/${place.unitId}/members/${workerId}`,
        );
        expect(removed.status).toBe(204);

        await expectClosed(worker, CLOSE_CODES.ACCESS_REVOKED);
        expect(worker.revokedUnits).toEqual([place.unitId]);
        await expectStillOpen(practitioner);
        destroyAll(worker, practitioner);
      },
      CLUSTER_TEST_TIMEOUT_MS,
    );

    it(
      "signing out through one process closes that session's sockets on another (UNAUTHENTICATED) within 5 s; the same person's other session keeps its own",
      async () => {
        const { first, second, place } = await twoProcesses();
        const laptop = await signIn(first.url, 'sw@demo.test');
        const desktop = await signIn(second.url, 'sw@demo.test');
        const signingOut = await openEverything(second, place, laptop, true);
        const staying = await openEverything(second, place, desktop, true);

        const response = await fetch(`${first.url}/api/session`, {
          method: 'DELETE',
          headers: { cookie: laptop, origin: first.url },
        });
        expect(response.status).toBe(204);

        await expectClosed(signingOut, CLOSE_CODES.UNAUTHENTICATED);
        await expectStillOpen(staying);
        destroyAll(signingOut, staying);
      },
      CLUSTER_TEST_TIMEOUT_MS,
    );
  },
);

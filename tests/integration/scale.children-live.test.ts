import { describe, expect, it, onTestFinished } from 'vitest';
import {
  asFamilyId,
  asMeetingId,
  discussionDocName,
  familyDocName,
  genogramCommands,
  readDiscussion,
  userOrigin,
  type PersonId,
} from '@unitroom/shared';
import { type ChildServer } from '../helpers/childServer.js';
import { demoMeeting, startCluster } from '../helpers/cluster.js';
import { SCALE_OUT_SKIP_REASON } from '../helpers/redis.js';
import { signIn } from '../helpers/session.js';
import { connectYClient, eventually, serverSaved } from '../helpers/yClient.js';

const databaseUrl = process.env.DATABASE_URL ?? '';
const redisUrl = process.env.REDIS_URL ?? '';
/** Two server processes start one after another; a busy two-core box needs time. */
const CLUSTER_TEST_TIMEOUT_MS = 120_000;
/** A wait for a real signal (the section arriving), bounded only so a failure ends. */
const ARRIVAL_TIMEOUT_MS = 20_000;

describe.skipIf(!databaseUrl || !redisUrl)(
  `scale-out: the children a unit works for, live across processes${!databaseUrl || !redisUrl ? ` (${SCALE_OUT_SKIP_REASON})` : ''}`,
  () => {
    it(
      '[F4][K2] a child marked on a genogram held by one process gets a section, once, in the minutes open on another',
      async () => {
        const cluster = await startCluster('children', 2);
        const [genogramSide, meetingSide] = cluster.servers as [ChildServer, ChildServer];
        const coordinator = await signIn(meetingSide.url, 'coordinator@demo.test');
        const socialWorker = await signIn(genogramSide.url, 'sw@demo.test');
        const { meetingId, familyIds } = await demoMeeting(meetingSide, coordinator);
        const familyId = familyIds[0]!;

        // The meeting room's minutes on one process; the family's genogram only on the other.
        const minutes = connectYClient(
          meetingSide.url,
          discussionDocName(asMeetingId(meetingId), asFamilyId(familyId)),
          { cookie: coordinator },
        );
        const family = connectYClient(genogramSide.url, familyDocName(asFamilyId(familyId)), {
          cookie: socialWorker,
        });
        onTestFinished(() => {
          minutes.destroy();
          family.destroy();
        });
        await Promise.all([minutes.synced, family.synced]);
        const sections = () =>
          readDiscussion(minutes.doc).children.map((child) => child.childId as string);
        const before = sections();
        expect(before.length).toBeGreaterThan(0);

        const me = await fetch(`${genogramSide.url}/api/me`, {
          headers: { cookie: socialWorker },
        });
        const { user } = (await me.json()) as { user: { id: string } };
        const genogram = genogramCommands(family.doc, userOrigin(user.id));
        const newborn: PersonId = genogram.addPerson({
          name: 'Ruby Harper',
          gender: 'female',
          birthDate: '2026-11-02',
          childOfConcern: true,
        });
        await serverSaved(family);

        await eventually(() => expect(sections()).toContain(newborn as string), ARRIVAL_TIMEOUT_MS);
        expect(sections()).toEqual([...before, newborn as string]);
        // Still once after the processes have exchanged everything they hold.
        await serverSaved(minutes);
        expect(sections().filter((id) => id === (newborn as string))).toHaveLength(1);
      },
      CLUSTER_TEST_TIMEOUT_MS,
    );
  },
);

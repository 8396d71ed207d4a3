import { describe, expect, it } from 'vitest';
import {
  boardCommands,
  genogramCommands,
  userOrigin,
  type DiscussionActivity,
} from '@unitroom/shared';
import { api, rebuiltFromStoredStates, step, storedVersion } from '../helpers/finalisation.js';
import { signIn } from '../helpers/session.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { unitSocket } from '../helpers/unitSocket.js';
import { connectYClient, serverSaved } from '../helpers/yClient.js';

async function activity(
  server: TestServer,
  cookie: string,
  meetingId: string,
  familyId: string,
): Promise<{
  status: number;
  body: Pick<DiscussionActivity, 'genogramUsed' | 'boardContributors'>;
}> {
  const response = await api(
    server,
    cookie,
    'GET',
    `/meetings/${meetingId}/discussions/${familyId}/activity`,
  );
  return { status: response.status, body: (await response.json()) as never };
}

describe('criteria activity: what the unit did on the genogram and board while a family was in focus', () => {
  it('[C13][C2][C6] records genogram and board changes made while the family is in focus, and finalisation passes them to the prompts', async () => {
    const server = await startTestServer();
    const { meetingId, familyIds } = server.demo;
    const [harper = '', kowalski = ''] = familyIds;
    const cookies = {
      chair: await signIn(server.url, 'csw@demo.test'),
      worker: await signIn(server.url, 'sw@demo.test'),
      clinician: await signIn(server.url, 'clinician@demo.test'),
      coordinator: await signIn(server.url, 'coordinator@demo.test'),
    };
    const chair = unitSocket(server, cookies.chair);
    expect((await chair.emitWithAck('meeting:enter', meetingId)).ok).toBe(true);

    // Before the chair focuses anyone, a change to the genogram is not part of a discussion.
    const kowalskiDoc = connectYClient(server.url, `family:${kowalski}`, {
      cookie: cookies.worker,
    });
    await kowalskiDoc.synced;
    genogramCommands(kowalskiDoc.doc, userOrigin('sw')).addPerson({
      name: 'Anna Kowalska',
      gender: 'female',
    });
    await serverSaved(kowalskiDoc);

    expect((await chair.emitWithAck('meeting:set-focus', { meetingId, familyId: harper })).ok).toBe(
      true,
    );
    const workerDoc = connectYClient(server.url, `family:${harper}`, { cookie: cookies.worker });
    const clinicianDoc = connectYClient(server.url, `family:${harper}`, {
      cookie: cookies.clinician,
    });
    await Promise.all([workerDoc.synced, clinicianDoc.synced]);
    expect((await activity(server, cookies.coordinator, meetingId, harper)).body).toEqual({
      genogramUsed: false,
      boardContributors: [],
    });

    genogramCommands(workerDoc.doc, userOrigin('sw')).addPerson({
      name: 'Jean Harper',
      gender: 'female',
    });
    await serverSaved(workerDoc);
    boardCommands(clinicianDoc.doc, userOrigin('cl')).suggestHypothesis({
      text: 'Kelly may feel guilty about needing help',
      suggestedBy: 'cl',
      offeredRole: 'clinician',
    });
    await serverSaved(clinicianDoc);

    const harperActivity = await activity(server, cookies.coordinator, meetingId, harper);
    expect(harperActivity.status).toBe(200);
    expect(harperActivity.body.genogramUsed).toBe(true);
    expect(harperActivity.body.boardContributors.map((c) => c.role)).toEqual(['clinician']);
    expect(
      (await activity(server, cookies.coordinator, meetingId, kowalski)).body.genogramUsed,
    ).toBe(false);

    // Members read it; a family not on the agenda is not found.
    expect((await activity(server, cookies.worker, meetingId, 'no-such-family')).status).toBe(404);

    workerDoc.destroy();
    clinicianDoc.destroy();
    kowalskiDoc.destroy();
    await step(server, cookies.coordinator, meetingId, harper, 'ready');
    await step(server, cookies.chair, meetingId, harper, 'approve');
    const stored = await storedVersion(server, meetingId, harper);
    const { record } = stored;
    const f2 = record.criteria.criteria.find((c) => c.id === 'F2');
    expect(f2?.evidence).toContain(
      'The genogram was looked at or changed while the family was in focus.',
    );
    // The record keeps the activity, so a rebuild from the stored states gives the same hash.
    expect(record.activity.genogramUsed).toBe(true);
    expect(rebuiltFromStoredStates(stored).contentHash).toBe(stored.row.content_hash);
  });
});

import { expect, it } from 'vitest';
import type { AddGuestResponse, FamilyOpenItems, OpenAction } from '@unitroom/shared';
import { writeDiscussion } from '../fixtures/discussions.js';
import { api } from '../helpers/api.js';
import { describeEachStore } from '../helpers/postgres.js';
import { signIn } from '../helpers/session.js';
import { startTestServer } from '../helpers/testServer.js';
import { channelMember, ok } from '../helpers/unitSocket.js';
import { connectYClient, serverSaved } from '../helpers/yClient.js';

describeEachStore('meetings: what comes back at the next discussion', (store) => {
  it('[M9] the last discussion’s actions open the next one, with owners by name; actions due show for the unit', async () => {
    const server = await startTestServer(store);
    const coordinator = await signIn(server.url, 'coordinator@demo.test');
    const worker = await signIn(server.url, 'sw@demo.test');
    const harper = server.demo.familyIds[0] ?? '';
    const series = await api<{ meetingIds: string[] }>(
      server.url,
      coordinator,
      'POST',
      `/units/${server.demo.unitId}/meeting-series`,
      { title: 'Tuesday unit meeting', firstDate: '2026-03-03', startTime: '09:30', weeks: 2 },
    );
    const [first, second] = series.body.meetingIds as [string, string];
    for (const meetingId of [first, second])
      await api(server.url, coordinator, 'PUT', `/meetings/${meetingId}/agenda`, {
        items: [{ familyId: harper, timeboxMinutes: 45 }],
      });

    // The chair reaches Harper at the first meeting, where the social worker writes the minutes.
    const chair = await channelMember(server, 'csw@demo.test');
    ok(await chair.socket.emitWithAck('meeting:enter', first));
    ok(await chair.socket.emitWithAck('meeting:set-focus', { meetingId: first, familyId: harper }));
    const discussion = connectYClient(server.url, `discussion:${first}:${harper}`, {
      cookie: worker,
    });
    await discussion.synced;
    writeDiscussion(discussion.doc, {
      context: ['Mum and the children moved in September.'],
      actions: [
        {
          text: 'Ask the school how Mia’s attendance is',
          owner: server.demo.userIds['sw@demo.test'],
          due: '2026-03-06',
        },
        { text: 'Write to Kelly setting out her choices', owner: 'Pat Harper', due: '2026-04-30' },
        { text: 'Offer a family group conference' },
      ],
    });
    await serverSaved(discussion);
    discussion.destroy();

    const next = await api<FamilyOpenItems>(
      server.url,
      worker,
      'GET',
      `/families/${harper}/open-items?before=${second}`,
    );
    expect(next.status).toBe(200);
    expect(next.body.from).toEqual({
      meetingId: first,
      title: 'Tuesday unit meeting',
      date: '2026-03-03',
    });
    expect(next.body.actions.map((action) => [action.text, action.owner, action.due])).toEqual([
      ['Ask the school how Mia’s attendance is', 'Tom Whitfield', '2026-03-06'],
      ['Write to Kelly setting out her choices', 'Pat Harper', '2026-04-30'],
      ['Offer a family group conference', null, null],
    ]);
    // At the first meeting itself nothing came before.
    const atFirst = await api<FamilyOpenItems>(
      server.url,
      worker,
      'GET',
      `/families/${harper}/open-items?before=${first}`,
    );
    expect(atFirst.body.from).toBeNull();
    expect(atFirst.body.actions).toEqual([]);

    const due = await api<{ actions: OpenAction[] }>(
      server.url,
      worker,
      'GET',
      `/units/${server.demo.unitId}/actions-due?today=2026-03-04`,
    );
    expect(due.body.actions.map((action) => [action.familyName, action.text, action.due])).toEqual([
      ['Harper family', 'Ask the school how Mia’s attendance is', '2026-03-06'],
    ]);

    // A guest of the next meeting is not given the unit's history of the family.
    const added = await api<AddGuestResponse>(
      server.url,
      coordinator,
      'POST',
      `/meetings/${second}/guests`,
      {
        name: 'Hana Visitor',
        email: 'hana@health.test',
      },
    );
    const guest = await signIn(server.url, 'hana@health.test', added.body.oneTimePassword ?? '');
    for (const path of [
      `/families/${harper}/open-items?before=${second}`,
      `/units/${server.demo.unitId}/actions-due`,
    ]) {
      expect((await api(server.url, guest, 'GET', path)).status, path).toBe(404);
    }
  });
});

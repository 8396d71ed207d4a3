import { expect } from 'vitest';
import { channelMember, ok } from './unitSocket.js';
import { connectYClient, eventually, serverSaved, type YClient } from './yClient.js';

/** Where in the unit a person's sockets are opened. */
export interface OpenedIn {
  unitId: string;
  meetingId: string;
  familyId: string;
}

/**
 * One person's open sockets on `server`: the meeting, its first discussion, the family (stock
 * y-websocket clients) and the unit channel in the meeting (watching the unit too if asked), with
 * what closes them recorded.
 */
export async function openEverything(
  server: { url: string },
  where: OpenedIn,
  cookie: string,
  watchUnit: boolean,
) {
  const { unitId, meetingId, familyId } = where;
  const docs = [
    `meeting:${meetingId}`,
    `discussion:${meetingId}:${familyId}`,
    `family:${familyId}`,
  ].map((docName) => connectYClient(server.url, docName, { cookie }));
  await Promise.all(docs.map((client) => client.synced));
  const channel = await channelMember(server, { cookie });
  if (watchUnit) ok(await channel.socket.emitWithAck('unit:watch', unitId));
  ok(await channel.socket.emitWithAck('meeting:enter', meetingId));
  const codes: number[] = [];
  for (const client of docs) void client.refused.then((code) => codes.push(code));
  const disconnects: string[] = [];
  channel.socket.on('disconnect', (reason) => disconnects.push(reason));
  const revokedUnits: string[] = [];
  channel.socket.on('unit:access-revoked', ({ unitId: revoked }) => revokedUnits.push(revoked));
  return { docs, channel, codes, disconnects, revokedUnits };
}

export type OpenSockets = Awaited<ReturnType<typeof openEverything>>;

/** Every collaboration socket closed with `code` and the unit channel by the server, within 5 s. */
export async function expectClosed(opened: OpenSockets, code: number): Promise<void> {
  // eventually() gives up after 5 s: the bound the issue sets.
  await eventually(() => {
    expect(opened.codes).toEqual([code, code, code]);
    expect(opened.disconnects).toEqual(['io server disconnect']);
  }, 5_000);
}

/** Still open: a write of theirs reaches the server and the unit channel answers. */
export async function expectStillOpen(opened: OpenSockets): Promise<void> {
  expect(opened.codes).toEqual([]);
  expect(opened.disconnects).toEqual([]);
  const [meeting] = opened.docs as [YClient];
  meeting.doc.getText('scratch').insert(0, 'carry on');
  await serverSaved(meeting);
  expect(meeting.provider.wsconnected).toBe(true);
  expect(opened.channel.socket.connected).toBe(true);
}

export function destroyAll(...opened: OpenSockets[]): void {
  for (const { docs } of opened) for (const client of docs) client.destroy();
}

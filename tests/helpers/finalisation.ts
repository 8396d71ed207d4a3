import type { DiscussionStatus } from '@unitroom/shared';
import { buildRecord, parseRecord } from '@unitroom/server';
import type { TestServer } from './testServer.js';
import { originOf } from './session.js';

/** A REST call as the signed-in browser would make it: its cookie and its page's Origin. */
export async function api(
  server: Pick<TestServer, 'url'>,
  cookie: string,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${server.url}/api${path}`, {
    method,
    headers: {
      cookie,
      origin: originOf(server.url),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** POSTs a finalisation step and returns the discussion's status; throws on anything but 200. */
export async function step(
  server: Pick<TestServer, 'url'>,
  cookie: string,
  meetingId: string,
  familyId: string,
  action: 'ready' | 'reopen' | 'approve',
): Promise<DiscussionStatus> {
  const response = await api(
    server,
    cookie,
    'POST',
    `/meetings/${meetingId}/discussions/${familyId}/${action}`,
  );
  if (response.status !== 200) {
    throw new Error(`${action} answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as DiscussionStatus;
}

/** The demo family's children as the unit's records hold them, eldest first. */
export async function childrenOf(
  server: TestServer,
  familyId: string,
): Promise<Array<{ id: string; name: string }>> {
  return server.app.persistence.db
    .selectFrom('children')
    .select(['id', 'name'])
    .where('family_id', '=', familyId)
    .orderBy('birth_year')
    .orderBy('id')
    .execute();
}

/** The stored version of a finalised discussion, with its record parsed. */
export async function storedVersion(server: TestServer, meetingId: string, familyId: string) {
  const row = await server.app.persistence.db
    .selectFrom('discussion_versions')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('family_id', '=', familyId)
    .executeTakeFirstOrThrow();
  return { row, record: parseRecord(row.content) };
}

/**
 * The record rebuilt from a stored version's two states and what its record says besides, as
 * anyone holding them can: its hash must be the stored one.
 */
export function rebuiltFromStoredStates({
  row,
  record,
}: Awaited<ReturnType<typeof storedVersion>>): ReturnType<typeof buildRecord> {
  return buildRecord({
    unit: record.unit,
    meeting: record.meeting,
    family: record.family,
    children: record.children,
    members: record.members,
    discussionState: new Uint8Array(row.discussion_state),
    familyState: new Uint8Array(row.family_state),
    activity: record.activity,
    finalisedAt: record.finalisedAt,
    finalisedBy: record.finalisedBy,
    approvedBy: record.approvedBy,
    recordedBy: record.recordedBy ?? null,
    seenAttendees: record.seenAttendees,
  });
}

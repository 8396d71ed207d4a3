import type { DiscussionStatus } from '@unitroom/shared';
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

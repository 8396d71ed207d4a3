import WebSocket from 'ws';
import { COLLAB_PATH } from '@unitroom/shared';
import { syncStep1Frame } from './frames.js';

export interface RawOutcome {
  /** Close code the server sent. */
  code: number;
  /** Every binary message received before the close. */
  messages: Uint8Array[];
}

/**
 * Opens a bare WebSocket to a document, sends `send` once open, and reports how the server
 * closed it and what (if anything) it sent first. For refusal tests: no provider in between.
 */
export function openRaw(
  baseUrl: string,
  docName: string,
  options: { cookie?: string; origin?: string | null; query?: string; send?: Uint8Array[] } = {},
): Promise<RawOutcome> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.origin !== null) headers.origin = options.origin ?? new URL(baseUrl).origin;
  const ws = new WebSocket(
    `${baseUrl.replace(/^http/, 'ws')}${COLLAB_PATH}/${docName}${options.query ?? ''}`,
    { headers },
  );
  const messages: Uint8Array[] = [];
  return new Promise((resolve, reject) => {
    ws.on('open', () => {
      for (const message of options.send ?? []) ws.send(message);
    });
    ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
    ws.on('close', (code) => resolve({ code, messages }));
    ws.on('error', reject);
  });
}

/**
 * A bare socket that sends `requests` sync requests and ends when the server closes it or has
 * answered them all (then it closes itself): how many answers it got, and the close code.
 */
export function syncFlood(url: string, docName: string, cookie: string, requests: number) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${COLLAB_PATH}/${docName}`, {
    headers: { cookie, origin: new URL(url).origin },
  });
  let answers = 0;
  return new Promise<{ answers: number; code: number | null }>((resolve, reject) => {
    ws.on('open', () => {
      for (let i = 0; i < requests; i += 1) ws.send(syncStep1Frame());
    });
    ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1) answers += 1;
      if (answers === requests) {
        resolve({ answers, code: null });
        ws.close();
      }
    });
    ws.on('close', (code) => resolve({ answers, code }));
    ws.on('error', reject);
  });
}

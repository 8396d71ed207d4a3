import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { CLOSE_CODES, COLLAB_PATH } from '@unitroom/shared';
import { openRaw } from '../helpers/rawSocket.js';
import { signIn } from '../helpers/session.js';
import { startTestServer } from '../helpers/testServer.js';
import { connectYClient, eventually } from '../helpers/yClient.js';

const frame = (...parts: Array<(e: encoding.Encoder) => void>) => {
  const encoder = encoding.createEncoder();
  for (const part of parts) part(encoder);
  return encoding.toUint8Array(encoder);
};

describe('sync: hostile input closes the offender and nobody else notices', () => {
  it('closes sockets that send malformed frames, and a well-behaved client keeps editing', async () => {
    const server = await startTestServer({ config: { maxMessageBytes: 64 * 1024 } });
    const docName = `meeting:${server.demo.meetingId}`;
    const cookie = await signIn(server.url, 'csw@demo.test');
    const good = connectYClient(server.url, docName, {
      cookie: await signIn(server.url, 'sw@demo.test'),
    });
    await good.synced;

    const cases: Array<{ name: string; send: Uint8Array[]; code: number }> = [
      {
        name: 'truncated varint',
        send: [new Uint8Array([0x80])],
        code: CLOSE_CODES.PROTOCOL_ERROR,
      },
      {
        name: 'unknown message type',
        send: [new Uint8Array([42, 0])],
        code: CLOSE_CODES.PROTOCOL_ERROR,
      },
      { name: 'empty frame', send: [new Uint8Array([])], code: CLOSE_CODES.PROTOCOL_ERROR },
      {
        name: 'inflated length prefix',
        send: [
          frame(
            (e) => encoding.writeVarUint(e, 0),
            (e) => encoding.writeVarUint(e, 2),
            (e) => encoding.writeVarUint(e, 2 ** 31),
          ),
        ],
        code: CLOSE_CODES.PROTOCOL_ERROR,
      },
      {
        name: 'garbage update',
        send: [
          frame(
            (e) => encoding.writeVarUint(e, 0),
            (e) => encoding.writeVarUint(e, 2),
            (e) => encoding.writeVarUint8Array(e, new Uint8Array([5, 200, 1, 9, 9, 9, 255, 255])),
          ),
        ],
        code: CLOSE_CODES.PROTOCOL_ERROR,
      },
      {
        name: 'oversized message',
        send: [new Uint8Array(65 * 1024)],
        code: CLOSE_CODES.MESSAGE_TOO_BIG,
      },
    ];
    for (const testCase of cases) {
      const outcome = await openRaw(server.url, docName, { cookie, send: testCase.send });
      expect(outcome.code, testCase.name).toBe(testCase.code);
    }

    // A text frame is not the protocol either.
    const textCode = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.wsUrl}${COLLAB_PATH}/${docName}`, {
        headers: { cookie, origin: server.url },
      });
      ws.on('open', () => ws.send('{"__proto__": {"polluted": true}}'));
      ws.on('close', (code) => resolve(code));
    });
    expect(textCode).toBe(CLOSE_CODES.PROTOCOL_ERROR);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    good.doc.getText('scratch').insert(0, 'still here');
    const other = connectYClient(server.url, docName, { cookie });
    await other.synced;
    await eventually(() => expect(other.doc.getText('scratch').toString()).toBe('still here'));
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    good.destroy();
    other.destroy();
  });
});

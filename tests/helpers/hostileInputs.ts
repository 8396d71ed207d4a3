import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MESSAGE_TYPE } from '@unitroom/shared';
import { awarenessFrame, frame, syncStep1Frame, textUpdate, updateFrame } from './frames.js';

/**
 * Seeded generators of hostile input for the three endpoints, one class per kind of attack the
 * server must shrug off. Each input is named by its class, so a failure says what was sent.
 */
export type Random = () => number;

export const int = (random: Random, maxExclusive: number): number =>
  Math.floor(random() * maxExclusive);
export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[int(random, items.length)] as T;
export const randomBytes = (random: Random, length: number): Uint8Array<ArrayBuffer> =>
  Uint8Array.from({ length }, () => int(random, 256));

/** A WebSocket frame: binary, or text (given as bytes so that invalid UTF-8 can be sent). */
export interface WsInput {
  kind: string;
  data: Uint8Array;
  text?: boolean;
  /** True when an honest server must accept it without closing. */
  benign?: boolean;
}

const encode = (build: (e: encoding.Encoder) => void): Uint8Array => frame(build);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const INVALID_UTF8 = [0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80];
const PROTO_JSON = [
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"user":{"__proto__":{"isAdmin":true},"name":"x"}}',
];

/** An awareness message built by hand, so its JSON and clocks can be anything. */
function rawAwareness(clientId: number, clock: number, json: Uint8Array): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, MESSAGE_TYPE.AWARENESS);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarUint8Array(inner, json);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  });
}

/** Replaces the first occurrence of `marker`'s bytes in `bytes`. */
function splice(bytes: Uint8Array, marker: string, replacement: number[]): Uint8Array {
  const needle = utf8(marker);
  for (let i = 0; i + needle.length <= bytes.length; i += 1) {
    if (needle.every((b, j) => bytes[i + j] === b)) {
      return Uint8Array.from([
        ...bytes.subarray(0, i),
        ...replacement,
        ...bytes.subarray(i + needle.length),
      ]);
    }
  }
  throw new Error(`marker ${marker} not found`);
}

/** The bytes of a varint written without its terminating byte, or longer than 53 bits. */
const inflatedVarint = (random: Random): number[] =>
  pick(random, [
    [0xff, 0xff, 0xff, 0xff, 0x0f],
    Array.from({ length: 10 }, () => 0xff).concat([0x01]),
    [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
  ]);

const nestedBombs = new Map<number, Uint8Array>();

/** A Y.Map update whose single value is an array nested `depth` deep (a parser-stack bomb). */
function nestedAnyUpdate(depth: number): Uint8Array {
  let bomb = nestedBombs.get(depth);
  if (!bomb) {
    bomb = buildNestedAnyUpdate(depth);
    nestedBombs.set(depth, bomb);
  }
  return bomb;
}

function buildNestedAnyUpdate(depth: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('fuzzMap').set('bomb', [424242]);
  const update = Y.encodeStateAsUpdate(doc);
  // writeAny: 117 array, length 1; 125 integer. Find [117, 1, 125] and nest.
  for (let i = 0; i < update.length - 2; i += 1) {
    if (update[i] === 117 && update[i + 1] === 1 && update[i + 2] === 125) {
      const nest = new Array<number>(depth * 2);
      for (let d = 0; d < depth; d += 1) {
        nest[d * 2] = 117;
        nest[d * 2 + 1] = 1;
      }
      return Uint8Array.from([...update.subarray(0, i), ...nest, ...update.subarray(i + 2)]);
    }
  }
  throw new Error('array marker not found');
}

/** Many tiny structs: the most expensive update per byte to integrate. */
export function manyStructsUpdate(random: Random, inserts: number, root: string): Uint8Array {
  const doc = new Y.Doc();
  const text = doc.getText(root);
  doc.transact(() => {
    for (let i = 0; i < inserts; i += 1) text.insert(int(random, text.length + 1), 'a');
  });
  return Y.encodeStateAsUpdate(doc);
}

/**
 * `count` one-character insertions of one client, each right after a random earlier one, encoded
 * by hand (building it through a Y.Doc takes minutes at this size): what random insertions
 * make, the costliest update per byte to integrate. 400,000 make about 3.5 MB.
 */
export function tinyStructsUpdate(random: Random, count: number, root: string): Uint8Array {
  const client = 1 + int(random, 2 ** 30);
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoding.writeVarUint(encoder.restEncoder, count);
  encoder.writeClient(client);
  encoding.writeVarUint(encoder.restEncoder, 0);
  for (let clock = 0; clock < count; clock += 1) {
    if (clock === 0) {
      // ContentString (4) in the root type `root`.
      encoder.writeInfo(4);
      encoder.writeParentInfo(true);
      encoder.writeString(root);
    } else {
      // ContentString with a left origin (bit 8).
      encoder.writeInfo(4 | 128);
      encoder.writeLeftID(Y.createID(client, int(random, clock)));
    }
    encoder.writeString('a');
  }
  encoding.writeVarUint(encoder.restEncoder, 0);
  return encoder.toUint8Array();
}

/**
 * `count` clients each inserting one character into the empty root `root`, all concurrently:
 * every insertion scans all the others, so integrating them grows with the square of `count`.
 */
export function concurrentInsertionsUpdate(count: number, root: string): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, count);
  for (let i = 0; i < count; i += 1) {
    encoding.writeVarUint(encoder.restEncoder, 1);
    encoder.writeClient(1_000 + i);
    encoding.writeVarUint(encoder.restEncoder, 0);
    encoder.writeInfo(4);
    encoder.writeParentInfo(true);
    encoder.writeString(root);
    encoder.writeString('x');
  }
  encoding.writeVarUint(encoder.restEncoder, 0);
  return encoder.toUint8Array();
}

/** Updates that build on a change never sent: Yjs would keep them pending forever. */
function orphanUpdate(random: Random): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('fuzzText').insert(0, 'never sent');
  let last: Uint8Array = new Uint8Array();
  doc.on('update', (update: Uint8Array) => (last = update));
  doc.getText('fuzzText').insert(int(random, 10), 'orphan');
  return last;
}

function protoUpdate(random: Random): Uint8Array {
  const doc = new Y.Doc();
  const root = pick(random, ['__proto__', 'constructor', 'prototype', 'fuzzMap']);
  const map = doc.getMap(root);
  map.set('__proto__', [JSON.parse(pick(random, PROTO_JSON)) as object]);
  map.set('constructor', { prototype: { polluted: true } });
  return Y.encodeStateAsUpdate(doc);
}

/**
 * One random sync-endpoint input. `prebuilt` holds the expensive ones (made once per run).
 */
export function syncInput(random: Random, prebuilt: { manyStructs: Uint8Array[] }): WsInput {
  const roll = int(random, 22);
  switch (roll) {
    case 0:
      return {
        kind: 'valid-update',
        data: updateFrame(textUpdate(`w${int(random, 1e6)}`, 'fuzzText')),
        benign: true,
      };
    case 1:
      return {
        kind: 'valid-awareness',
        data: awarenessFrame({ user: { name: `n${int(random, 100)}` } }),
        benign: true,
      };
    case 2:
      return { kind: 'sync-request', data: syncStep1Frame(), benign: true };
    case 3:
      return { kind: 'proto-keys-update', data: updateFrame(protoUpdate(random)), benign: true };
    case 4:
      return {
        kind: 'proto-keys-awareness',
        data: rawAwareness(
          int(random, 2 ** 30),
          1 + int(random, 5),
          utf8(pick(random, PROTO_JSON)),
        ),
      };
    case 5:
      return {
        kind: 'invalid-utf8-update',
        data: updateFrame(splice(textUpdate('ZZZZZZZ', 'fuzzText'), 'ZZZZZZZ', INVALID_UTF8)),
      };
    case 6:
      return {
        kind: 'invalid-utf8-awareness',
        data: rawAwareness(
          int(random, 2 ** 30),
          1,
          Uint8Array.from([...utf8('{"a":"'), ...INVALID_UTF8, ...utf8('"}')]),
        ),
      };
    case 7:
      return {
        kind: 'truncated-varint',
        data: Uint8Array.from(
          pick(random, [[0x80], [0, 0x80], [0, 2, 0xff], [1, 0x81], [100, 0xff]]),
        ),
      };
    case 8:
      return {
        kind: 'inflated-varint',
        data: Uint8Array.from([
          pick(random, [0, 1, 100]),
          ...(random() < 0.5 ? [2] : []),
          ...inflatedVarint(random),
          1,
          2,
          3,
        ]),
      };
    case 9:
      return { kind: 'empty-frame', data: new Uint8Array() };
    case 10:
      return {
        kind: 'unknown-type',
        data: Uint8Array.from([4 + int(random, 90), ...randomBytes(random, int(random, 8))]),
      };
    case 11:
      return { kind: 'random-bytes', data: randomBytes(random, 1 + int(random, 64)) };
    case 12: {
      const update = textUpdate(`flip${int(random, 1000)}`, 'fuzzText');
      for (let flips = 1 + int(random, 3); flips > 0; flips -= 1) {
        const at = int(random, update.length);
        update[at] = (update[at] ?? 0) ^ (1 << int(random, 8));
      }
      return { kind: 'bit-flipped-update', data: updateFrame(update) };
    }
    case 13:
      return {
        kind: 'struct-bomb-header',
        // An update claiming 2^32 clients, each with 2^32 structs, and then nothing.
        data: updateFrame(
          Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0xff, 0xff, 0xff, 0xff, 0x0f]),
        ),
      };
    case 14:
      return {
        kind: 'struct-bomb-nesting',
        data: updateFrame(nestedAnyUpdate(pick(random, [1000, 20_000, 100_000]))),
      };
    case 15:
      return {
        kind: 'struct-bomb-many-structs',
        data: updateFrame(pick(random, prebuilt.manyStructs)),
      };
    case 16:
      return {
        kind: 'struct-bomb-deletes',
        // No structs; a delete set of one client deleting 2^50 items from clock 0.
        data: updateFrame(
          encode((e) => {
            encoding.writeVarUint(e, 0);
            encoding.writeVarUint(e, 1);
            encoding.writeVarUint(e, int(random, 2 ** 30));
            encoding.writeVarUint(e, 1);
            encoding.writeVarUint(e, 0);
            encoding.writeVarUint(e, 2 ** 50);
          }),
        ),
      };
    case 17:
      return { kind: 'orphan-update', data: updateFrame(orphanUpdate(random)) };
    case 18:
      return {
        kind: 'text-frame',
        text: true,
        data: utf8(pick(random, [...PROTO_JSON, 'hello', '\u0000', '💥'.repeat(50)])),
      };
    case 19:
      return { kind: 'text-frame-invalid-utf8', text: true, data: Uint8Array.from(INVALID_UTF8) };
    case 20:
      return {
        kind: 'garbage-state-vector',
        data: encode((e) => {
          encoding.writeVarUint(e, MESSAGE_TYPE.SYNC);
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint8Array(
            e,
            Uint8Array.from([...inflatedVarint(random), ...randomBytes(random, 4)]),
          );
        }),
      };
    default:
      return {
        kind: 'saved-or-auth',
        data:
          random() < 0.5
            ? encode((e) => {
                encoding.writeVarUint(e, MESSAGE_TYPE.SAVED);
                encoding.writeVarUint(e, int(random, 2 ** 31));
              })
            : Uint8Array.from([MESSAGE_TYPE.AUTH, 0, 0]),
        benign: true,
      };
  }
}

/** One random engine.io / socket.io text or binary frame, sent after a proper connect ('40'). */
export function socketIoInput(random: Random, unitId: string): WsInput {
  const event = pick(random, [
    'unit:watch',
    'meeting:enter',
    'meeting:leave',
    'meeting:set-focus',
    '__proto__',
    'constructor',
    'x'.repeat(300),
  ]);
  const arg = pick(random, [
    JSON.stringify(unitId),
    '"nosuchunit"',
    '{"__proto__":{"polluted":true}}',
    '{"meetingId":{"__proto__":{}},"familyId":[1,2]}',
    '[' + '['.repeat(2000) + ']'.repeat(2000) + ']',
    JSON.stringify('u'.repeat(1 + int(random, 20_000))),
    'null',
    '1e309',
  ]);
  const ackId = pick(random, ['', String(int(random, 1000)), '99999999999999999999999']);
  const roll = int(random, 9);
  const text = (kind: string, body: string): WsInput => ({ kind, text: true, data: utf8(body) });
  switch (roll) {
    case 0:
    case 1:
      return text('event', `42${ackId}[${JSON.stringify(event)},${arg}]`);
    case 2:
      return text(
        'malformed-packet',
        `4${pick(random, ['2[', '2{"a":', '9', '5-[', '51-["x",{"_placeholder":true,"num":5}]', '0/nsp,', '2' + ']'.repeat(10)])}`,
      );
    case 3:
      return text(
        'engine-garbage',
        pick(random, ['', '7', '6', '2probe', '1', '0', String.fromCharCode(int(random, 128))]),
      );
    case 4:
      return { kind: 'binary-frame', data: randomBytes(random, 1 + int(random, 64)) };
    case 5:
      return {
        kind: 'invalid-utf8',
        text: true,
        data: Uint8Array.from([0x34, 0x32, ...INVALID_UTF8]),
      };
    case 6:
      return text(
        'proto-event',
        `42["${event}",{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}]`,
      );
    case 7:
      return text('oversized', `42["unit:watch","${'x'.repeat(17 * 1024)}"]`);
    default:
      return text(
        'reconnect-namespace',
        pick(random, ['40', '40{"token":"__proto__"}', '41', '40/admin,']),
      );
  }
}

export interface RestInput {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array<ArrayBuffer> | string;
}

/** One random REST request; the caller adds cookie and Origin. Never a real member id to remove. */
export function restInput(
  random: Random,
  ids: { unitId: string; familyId: string; meetingId: string },
): RestInput {
  const method = pick(random, ['GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS', 'HEAD']);
  const path = pick(random, [
    '/api/session',
    '/api/me',
    '/api/health',
    `/api/families/${ids.familyId}/genograms`,
    `/api/families/${ids.familyId}/genograms/${ids.meetingId}`,
    `/api/families/${pick(random, ['%FF', '..%2F..%2Fetc', '__proto__', 'x'.repeat(200)])}/genograms`,
    `/api/units/${ids.unitId}/members/nosuchmember${int(random, 100)}`,
    `/api/units/__proto__/members/constructor`,
    `/api/units/${ids.unitId}/question-bank`,
    '/api/units/__proto__/question-bank',
    `/api/${'%E0%A4%A'.repeat(1 + int(random, 3))}`,
    `/api/${'a/'.repeat(int(random, 500))}`,
    '/api/constructor/prototype',
    '/collab/meeting:x',
    '/socket.io/?EIO=4&transport=polling',
    '/%FF%FE',
    '/',
    '/assets/../../etc/passwd',
  ]);
  const roll = int(random, 8);
  const json = { 'content-type': 'application/json' };
  switch (roll) {
    case 0:
      return {
        kind: 'proto-json',
        method,
        path,
        headers: json,
        body: pick(
          random,
          PROTO_JSON.map((p) => p.replace('}', ',"email":"a@b.test","password":"x"}')),
        ),
      };
    case 1:
      return {
        kind: 'invalid-json',
        method,
        path,
        headers: json,
        body: pick(random, ['{', '{"email":', 'null', '[]', '"str"', '{"email":1e999}']),
      };
    case 2:
      return {
        kind: 'invalid-utf8',
        method,
        path,
        headers: json,
        body: Uint8Array.from([0x7b, 0x22, ...INVALID_UTF8, 0x22, 0x7d]),
      };
    case 3:
      return {
        kind: 'deep-json',
        method,
        path,
        headers: json,
        body: '['.repeat(10_000) + ']'.repeat(10_000),
      };
    case 4:
      return {
        kind: 'oversized-body',
        method,
        path,
        headers: json,
        body: `{"email":"${'a'.repeat(70 * 1024)}"}`,
      };
    case 5:
      return {
        kind: 'odd-content-type',
        method,
        path,
        headers: {
          'content-type': pick(random, [
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/json; charset=utf-16',
          ]),
        },
        body: randomBytes(random, int(random, 200)),
      };
    case 6:
      return {
        kind: 'random-headers',
        method,
        path,
        headers: {
          'x-forwarded-for': pick(random, ['1.2.3.4', '::1, evil', '']),
          range: 'bytes=0-999999999',
          'if-none-match': '*',
        },
      };
    default:
      return { kind: 'plain', method, path, headers: {} };
  }
}

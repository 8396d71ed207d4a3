import * as Y from 'yjs';

type Decoded = ReturnType<typeof Y.decodeUpdate>;

/**
 * An update decoded once for everyone who reads it before it is applied: the referee
 * (`inspectUpdate`) and the limits' check for missing dependencies both walked a fresh
 * `Y.decodeUpdate` of the same bytes, twice the decoding for every keystroke. Keyed by the bytes
 * object, so the entry goes with the message; readers must not modify what they get.
 */
const decodedByBytes = new WeakMap<Uint8Array, Decoded>();

export function decodeUpdateOnce(update: Uint8Array): Decoded {
  let decoded = decodedByBytes.get(update);
  if (!decoded) {
    decoded = Y.decodeUpdate(update);
    decodedByBytes.set(update, decoded);
  }
  return decoded;
}

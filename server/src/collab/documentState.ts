import * as Y from 'yjs';
import { mainThreadWork } from '../ops/mainThreadWork.js';

/**
 * The document's integrated state as one update (all of it, or what a client with
 * `stateVector` lacks), without the structs and deletions Yjs holds pending for want of what
 * they build on.
 *
 * `Y.encodeStateAsUpdate` appends the pending data and then runs `mergeUpdates` over the result,
 * which decodes and re-encodes the whole document: one 30-byte orphan update left pending (a
 * hostile client may leave up to MAX_PENDING_BYTES, for as long as the room lives) made every
 * encoding of a 2.6 MB document take about 150 ms of CPU instead of 55 ms
 * (docs/performance-findings.md, issue 20), on the event loop, for every sync answer, every
 * large update's vetting and every compaction. Leaving it out loses nothing: pending data was
 * never stored nor sent on (a room stores and fans out what a transaction integrated), and once
 * what it builds on arrives it integrates, and is stored and fanned out, like any other update.
 */
export function encodeIntegratedState(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const store = doc.store;
  const { pendingStructs, pendingDs } = store;
  const pending = pendingStructs !== null || pendingDs !== null;
  mainThreadWork.encodedDocument(pending);
  if (!pending) return Y.encodeStateAsUpdate(doc, stateVector);
  // Set aside for the length of one synchronous call: nothing else can see the store meanwhile.
  store.pendingStructs = null;
  store.pendingDs = null;
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } finally {
    store.pendingStructs = pendingStructs;
    store.pendingDs = pendingDs;
  }
}

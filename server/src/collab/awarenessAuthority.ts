import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { AWARENESS_CLIENT_FIELDS, colourFor, type AwarenessUser } from '@unitroom/shared';
import type { ConnectionContext } from './types.js';

/**
 * The server's authority over presence ([E1]-[E3]). An awareness update is a list of entries,
 * one per Yjs client id: its clock and its state as JSON. A connection speaks for the one client
 * id it claimed first; the identity in its state (`user`) is the session's, whatever it says;
 * entries about other client ids are the stock client's echo of what it received (never
 * charged) or an attempt to speak for someone else (dropped, and charged like any message).
 */

export interface AwarenessEntry {
  readonly clientId: number;
  readonly clock: number;
  /** The state as JSON; `null` when the client went away. */
  readonly json: string;
}

/**
 * States longer than this are not parsed at all: the connection is charged their length, which
 * is over any awareness size limit, and its limits close it before anything is applied.
 */
const PARSE_AT_MOST_CHARS = 256 * 1024;

/** Per entry on the wire besides its JSON: client id, clock and length, as varints. */
const ENTRY_OVERHEAD_BYTES = 12;

/** Throws on a truncated or malformed update; the caller closes the sender. */
export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    entries.push({ clientId, clock, json });
  }
  return entries;
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return encoding.toUint8Array(encoder);
}

/** Who the session says this connection is, as every client reads it from presence. */
export function sessionUser(context: ConnectionContext): AwarenessUser {
  return {
    id: context.user.id,
    name: context.user.name,
    role: context.role,
    color: colourFor(context.user.id),
  };
}

/**
 * The state the room keeps and sends for a connection's own entry: only the fields a client may
 * state, and the session's identity. Throws on JSON that is not an object or null.
 */
export function stampedState(json: string, context: ConnectionContext): string {
  const parsed: unknown = JSON.parse(json);
  if (parsed === null) return 'null';
  if (typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error('an awareness state is an object or null');
  const stated = parsed as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const field of AWARENESS_CLIENT_FIELDS) {
    if (Object.prototype.hasOwnProperty.call(stated, field)) kept[field] = stated[field];
  }
  kept.user = sessionUser(context);
  return JSON.stringify(kept);
}

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** What a room knows about who speaks for which client id. */
export interface AwarenessOwnership {
  /** The connection that claimed `clientId`, if one of this process's did. */
  ownerOf(clientId: number): unknown;
  /** Whether the room has ever held a state for `clientId` (here or from another process). */
  isKnown(clientId: number): boolean;
  /** Whether the room holds a state for `clientId` now. */
  isPresent(clientId: number): boolean;
}

export interface VettedAwareness {
  /** Entries to apply (the sender's own, stamped); may be empty. */
  readonly update: Uint8Array;
  /** What the message costs its sender against the size limit: its own and stray entries. */
  readonly chargedBytes: number;
  /** A client id the sender claims with this message, if it held none. */
  readonly claimed: number | null;
}

/**
 * Sorts a connection's awareness update into what it may say. Returns null for a pure echo
 * (nothing to apply, nothing to charge).
 */
export function vetAwareness(
  update: Uint8Array,
  sender: { readonly owned: ReadonlySet<number>; readonly context: ConnectionContext },
  connection: unknown,
  room: AwarenessOwnership,
): VettedAwareness | null {
  const entries = decodeAwarenessEntries(update);
  const keep: AwarenessEntry[] = [];
  let chargedBytes = 0;
  /** Other people's presence echoed back: never charged to the sender ([E3]). */
  const echoed: AwarenessEntry[] = [];
  let claimed: number | null = null;
  for (const entry of entries) {
    const owner = room.ownerOf(entry.clientId);
    const claimable =
      owner === undefined &&
      sender.owned.size === 0 &&
      claimed === null &&
      !room.isPresent(entry.clientId);
    if (owner === connection || claimable) {
      if (claimable) claimed = entry.clientId;
      const sent = utf8Bytes(entry.json);
      if (entry.json.length > PARSE_AT_MOST_CHARS) {
        chargedBytes += sent + ENTRY_OVERHEAD_BYTES;
        continue;
      }
      const json = stampedState(entry.json, sender.context);
      // The sender pays for what it sends and for what the room sends everyone in its name.
      chargedBytes += Math.max(sent, utf8Bytes(json)) + ENTRY_OVERHEAD_BYTES;
      keep.push({ clientId: entry.clientId, clock: entry.clock, json });
      continue;
    }
    // Someone else's presence, which the stock client re-broadcasts as it receives it.
    if (owner !== undefined || room.isKnown(entry.clientId)) {
      echoed.push(entry);
      continue;
    }
    // A client id nobody has: presence for an invented person. Dropped, and charged.
    chargedBytes += utf8Bytes(entry.json) + ENTRY_OVERHEAD_BYTES;
  }
  // Whatever the message holds besides echoes is the sender's, entries or not (padding after
  // the entries, an empty list followed by kilobytes): charged, so the size limit sees it.
  // A message of echoes alone re-encodes to exactly its own bytes, so it is charged nothing.
  const echoedBytes = echoed.length > 0 ? encodeAwarenessEntries(echoed).byteLength : 0;
  chargedBytes = Math.max(chargedBytes, update.byteLength - echoedBytes);
  if (keep.length === 0 && chargedBytes <= 1) return null;
  return { update: encodeAwarenessEntries(keep), chargedBytes, claimed };
}

/**
 * An awareness update relayed from another process, without the entries for client ids a
 * connection of this process speaks for: only it sets their presence. Null if nothing is left.
 */
export function withoutLocallyOwned(
  update: Uint8Array,
  isOwnedHere: (clientId: number) => boolean,
): Uint8Array | null {
  const entries = decodeAwarenessEntries(update);
  const kept = entries.filter((entry) => !isOwnedHere(entry.clientId));
  if (kept.length === entries.length) return update;
  return kept.length === 0 ? null : encodeAwarenessEntries(kept);
}

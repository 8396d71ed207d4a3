import fs from 'node:fs';
import { crc32 } from 'node:zlib';
import * as decoding from 'lib0/decoding';

/**
 * An append-only file that makes updates durable with one `write` and one shared `fdatasync`,
 * so the SQLite store can commit many of them at once a few seconds later instead of one
 * transaction (whole 4 KiB WAL pages, twice with the checkpoint) per keystroke.
 *
 * Durability (shared/SPEC.md [J7]): `append` writes the records at once, so they survive the
 * process being killed from then on; `sync` resolves once they are on stable storage, so they
 * survive a power cut or an OS crash too. Syncs are grouped: while one `fdatasync` runs on
 * libuv's thread pool, every append made meanwhile waits for the next one, so a busy server
 * pays one sync for all the updates of a millisecond or two, not one per keystroke.
 *
 * Layout: a header (magic, then the generation as u32 LE), then records
 *   tag varuint · payload length varuint · payload · CRC-32 (u32 LE) of everything before it
 * where the tag is a document index shifted left by one, its low bit set when the record
 * declares the document name (UTF-8) behind the next index, clear when it carries one update
 * for an index declared earlier in the same generation. A document name is
 * written once per generation, so an update of a few bytes costs a few bytes more, not its name.
 *
 * Reading stops at the first record that is cut short or fails its checksum: a torn tail (the
 * process died inside a multi-page `write`, or the OS lost a page) is dropped, never applied.
 *
 * A generation ends when the store has committed everything in it: the store records the
 * generation in the same transaction, then `restart` empties the file for the next one. On
 * opening, a journal whose generation the store has already committed is ignored, so a crash
 * between that commit and the restart replays nothing twice.
 */
export interface JournalRecord {
  readonly name: string;
  readonly update: Uint8Array;
}

export interface OpenedJournal {
  readonly journal: UpdateJournal;
  /** The generation found in the file and its intact records, in the order they were written. */
  readonly found: { readonly generation: number; readonly records: readonly JournalRecord[] };
  /** Bytes after the last intact record (a torn tail), dropped. */
  readonly droppedBytes: number;
}

const MAGIC = Buffer.from('URJRNL01', 'latin1');
const HEADER_BYTES = MAGIC.length + 4;
const CRC_BYTES = 4;
const TAG_NAME = 1;

export class UpdateJournal {
  private names = new Map<string, number>();
  private fd: number;
  /** The `fdatasync` under way, if any. */
  private syncing: Promise<void> | null = null;
  /** The one after it, which covers everything written while `syncing` runs. */
  private nextSync: Promise<void> | null = null;

  private constructor(
    fd: number,
    private currentGeneration: number,
  ) {
    this.fd = fd;
  }

  /**
   * Opens (creating if needed) the journal at `file` and reads what it holds. The file is left
   * as found: the caller commits the records and then calls `restart`.
   */
  static open(file: string): OpenedJournal {
    const existing = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
    const parsed = parse(existing);
    const fd = fs.openSync(file, 'a');
    const journal = new UpdateJournal(fd, parsed.generation);
    if (!parsed.headerValid) {
      // Nothing readable: start the file afresh rather than append after garbage.
      fs.ftruncateSync(fd, 0);
      journal.writeHeader(parsed.generation);
    }
    return {
      journal,
      found: { generation: parsed.generation, records: parsed.records },
      droppedBytes: existing.length - parsed.intactBytes,
    };
  }

  get generation(): number {
    return this.currentGeneration;
  }

  /** Writes `updates` of `name` with one system call; when it returns they survive a crash. */
  append(name: string, updates: readonly Uint8Array[]): void {
    this.appendAll([{ name, updates }]);
  }

  /**
   * Writes the updates of several documents with one system call (a document and its history,
   * made durable together); when it returns they all survive a crash.
   */
  appendAll(appends: readonly { name: string; updates: readonly Uint8Array[] }[]): void {
    const records: Uint8Array[] = [];
    const declared = new Map<string, number>();
    for (const { name, updates } of appends) {
      let index = this.names.get(name) ?? declared.get(name);
      if (index === undefined) {
        index = this.names.size + declared.size;
        declared.set(name, index);
        records.push(record(index, true, Buffer.from(name, 'utf8')));
      }
      for (const update of updates) records.push(record(index, false, update));
    }
    const bytes = records.length === 1 ? (records[0] as Uint8Array) : Buffer.concat(records);
    let written = 0;
    while (written < bytes.length) {
      written += fs.writeSync(this.fd, bytes, written, bytes.length - written);
    }
    // Only once the names are on disk may later appends refer to them by index alone.
    for (const [name, index] of declared) this.names.set(name, index);
  }

  /**
   * Resolves once everything appended so far is on stable storage. A sync already under way may
   * have started before the last write, so a caller arriving then waits for the next one, which
   * every caller arriving meanwhile shares.
   */
  sync(): Promise<void> {
    if (this.nextSync) return this.nextSync;
    if (!this.syncing) return this.startSync();
    const next = this.syncing
      .catch(() => undefined)
      .then(() => {
        this.nextSync = null;
        return this.startSync();
      });
    this.nextSync = next;
    return next;
  }

  private startSync(): Promise<void> {
    const fd = this.fd;
    const syncing = new Promise<void>((resolve, reject) =>
      fs.fdatasync(fd, (error) => (error ? reject(error) : resolve())),
    );
    this.syncing = syncing;
    const done = () => {
      if (this.syncing === syncing) this.syncing = null;
    };
    syncing.then(done, done);
    return syncing;
  }

  /** Empties the journal and starts `generation`; call only once everything in it is committed. */
  restart(generation: number): void {
    fs.ftruncateSync(this.fd, 0);
    this.names = new Map();
    this.writeHeader(generation);
    this.currentGeneration = generation;
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  private writeHeader(generation: number): void {
    const header = Buffer.alloc(HEADER_BYTES);
    MAGIC.copy(header, 0);
    header.writeUInt32LE(generation, MAGIC.length);
    fs.writeSync(this.fd, header);
  }
}

/** One record in one allocation (it is written for every update, on the hot path). */
function record(index: number, declaresName: boolean, payload: Uint8Array): Uint8Array {
  const tag = index * 2 + (declaresName ? TAG_NAME : 0);
  const bodyLength = varUintLength(tag) + varUintLength(payload.length) + payload.length;
  const bytes = Buffer.allocUnsafe(bodyLength + CRC_BYTES);
  let offset = writeVarUint(bytes, 0, tag);
  offset = writeVarUint(bytes, offset, payload.length);
  bytes.set(payload, offset);
  bytes.writeUInt32LE(crc32(bytes.subarray(0, bodyLength)), bodyLength);
  return bytes;
}

/** Bytes of `value` as lib0's unsigned varint (7 bits a byte), as `parse` reads it back. */
function varUintLength(value: number): number {
  let length = 1;
  while (value > 0x7f) {
    value = Math.floor(value / 128);
    length += 1;
  }
  return length;
}

function writeVarUint(bytes: Buffer, offset: number, value: number): number {
  while (value > 0x7f) {
    bytes[offset++] = 0x80 | (value % 128);
    value = Math.floor(value / 128);
  }
  bytes[offset++] = value;
  return offset;
}

interface Parsed {
  headerValid: boolean;
  generation: number;
  records: JournalRecord[];
  intactBytes: number;
}

function parse(bytes: Buffer): Parsed {
  const headerValid = bytes.length >= HEADER_BYTES && bytes.subarray(0, MAGIC.length).equals(MAGIC);
  if (!headerValid) return { headerValid, generation: 0, records: [], intactBytes: 0 };
  const generation = bytes.readUInt32LE(MAGIC.length);
  const records: JournalRecord[] = [];
  const names: string[] = [];
  let intactBytes = HEADER_BYTES;
  const body = bytes.subarray(HEADER_BYTES);
  const decoder = decoding.createDecoder(body);
  // lib0's readers do not check bounds (a read past the end yields zeros or pooled bytes), so
  // every step checks that the record is all there before trusting it.
  const remaining = () => body.length - decoder.pos;
  try {
    while (remaining() > 0) {
      const start = decoder.pos;
      const tag = decoding.readVarUint(decoder);
      const index = Math.floor(tag / 2);
      const length = decoding.readVarUint(decoder);
      if (remaining() < length + CRC_BYTES) break;
      const payload = decoding.readUint8Array(decoder, length);
      const end = decoder.pos;
      const checksum = decoding.readUint32(decoder); // little-endian, as written
      if (checksum !== crc32(body.subarray(start, end))) break;
      if (tag % 2 === TAG_NAME && index === names.length) {
        names.push(Buffer.from(payload).toString('utf8'));
      } else if (tag % 2 === 0 && index < names.length) {
        // Copied out: the records outlive the file's buffer.
        records.push({ name: names[index] ?? '', update: Uint8Array.from(payload) });
      } else {
        break;
      }
      intactBytes = HEADER_BYTES + decoder.pos;
    }
  } catch {
    // readVarUint throws at the end of the bytes: a record cut short inside a number.
  }
  return { headerValid, generation, records, intactBytes };
}

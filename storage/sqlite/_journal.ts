// Copyright 2026 the k1s authors. Apache-2.0 license.
// The journal file format: a 64-byte header naming the store and snapshot generation it
// continues, then checksummed records appended one per committed write or transaction.
// The layout is documented in docs/storage-sqlite.md; keep both in step.
import { StorageError } from "../../core/storage/storage_error.ts";
import { crc32 } from "./_crc32.ts";

/** The journal format this code writes and reads. */
export const JOURNAL_VERSION = 1;
/** Bytes before the first record. */
export const JOURNAL_HEADER_SIZE = 64;
/** Bytes of a record's length and checksum fields. */
export const RECORD_HEADER_SIZE = 8;

const MAGIC = "K1SJRNL\0";

/** A record with committed writes. */
export const REC_COMMIT = 1;
/** A record raising the compacted revision. */
export const REC_COMPACT = 2;
/** A no-op record: "look again", appended to a journal before it is replaced or rewound. */
export const REC_HINT = 3;

/** Operation types, also used in the snapshot's `changes.type` column. */
export const OP_ADDED = 1;
/** An update. */
export const OP_MODIFIED = 2;
/** A deletion. */
export const OP_DELETED = 3;

const OP_HEADER_SIZE = 20;
const BODY_HEADER_SIZE = 16;
const TWO32 = 2 ** 32;

/** The fields of a journal header. */
export interface JournalHeader {
  /** Format version. */
  version: number;
  /** 16 random bytes shared with the snapshot (`k1s_meta.store_id`), as 32 hex digits. */
  storeId: string;
  /** The snapshot generation this journal continues. */
  generation: number;
  /** The snapshot's revision: the first record's first revision is this + 1. */
  baseRevision: number;
}

/**
 * One write in a commit record, shaped as the storage keeps it in memory (so replaying a
 * journal allocates one object per write).
 */
export interface JournalOp {
  /** The revision of the write. */
  rev: number;
  /** {@linkcode OP_ADDED}, {@linkcode OP_MODIFIED} or {@linkcode OP_DELETED}. */
  type: number;
  /** The key. */
  key: string;
  /** The key's revision before this write (0 for ADDED). */
  prevRev: number;
  /** The new object's stored JSON, once decoded from `bytes`. */
  json: string | undefined;
  /** The new object's stored JSON as UTF-8 (absent for DELETED, and once decoded). */
  bytes: Uint8Array | undefined;
}

/** A decoded record. */
export type JournalRecord =
  | { kind: typeof REC_COMMIT; firstRev: number; ops: JournalOp[] }
  | { kind: typeof REC_COMPACT; revision: number }
  | { kind: typeof REC_HINT };

/** The outcome of scanning a run of records. */
export interface ScanResult {
  /** The records, in file order, each with the offset just past it. */
  records: { record: JournalRecord; end: number }[];
  /** Offset just past the last valid record. */
  end: number;
  /** Whether bytes after `end` are the remains of an interrupted append (never acknowledged). */
  torn: boolean;
  /** Set when a record before the last one is damaged: the journal is corrupt at `offset`. */
  corrupt?: { offset: number; reason: string };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: false });

function setU64(v: DataView, at: number, n: number): void {
  v.setUint32(at, n % TWO32, true);
  v.setUint32(at + 4, Math.floor(n / TWO32), true);
}

function getU64(v: DataView, at: number): number {
  return v.getUint32(at, true) + v.getUint32(at + 4, true) * TWO32;
}

function hexToBytes(hex: string, out: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++) out[at + i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
}

function bytesToHex(b: Uint8Array, at: number): string {
  let s = "";
  for (let i = 0; i < 16; i++) s += b[at + i].toString(16).padStart(2, "0");
  return s;
}

/** Encodes a journal header. */
export function encodeJournalHeader(h: JournalHeader): Uint8Array {
  const out = new Uint8Array(JOURNAL_HEADER_SIZE);
  const v = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) out[i] = MAGIC.charCodeAt(i);
  v.setUint32(8, h.version, true);
  hexToBytes(h.storeId, out, 16);
  setU64(v, 32, h.generation);
  setU64(v, 40, h.baseRevision);
  v.setUint32(60, crc32(out, 0, 60), true);
  return out;
}

/**
 * Decodes a journal header; throws a Corrupt StorageError naming `path` when the bytes are not a
 * k1s journal header or are of a newer format.
 */
export function decodeJournalHeader(bytes: Uint8Array, path: string): JournalHeader {
  const fail = (why: string, fix: string) =>
    new StorageError("Corrupt", { message: `Cannot open store journal "${path}": ${why}; ${fix}` });
  const aside = "move it aside to open the store as of its last snapshot, or restore a backup";
  if (bytes.length < JOURNAL_HEADER_SIZE) throw fail("the file is too short", aside);
  for (let i = 0; i < 8; i++) {
    if (bytes[i] !== MAGIC.charCodeAt(i)) throw fail("it is not a k1s journal", aside);
  }
  const v = new DataView(bytes.buffer, bytes.byteOffset, JOURNAL_HEADER_SIZE);
  const version = v.getUint32(8, true);
  if (version > JOURNAL_VERSION) {
    throw fail(
      `it was written by a newer k1s (journal format ${version}, this k1s reads ${JOURNAL_VERSION})`,
      "upgrade k1s to open this store",
    );
  }
  if (v.getUint32(60, true) !== crc32(bytes, 0, 60)) {
    throw fail("its header checksum is wrong", aside);
  }
  return {
    version,
    storeId: bytesToHex(bytes, 16),
    generation: getU64(v, 32),
    baseRevision: getU64(v, 40),
  };
}

function finish(out: Uint8Array): Uint8Array {
  const v = new DataView(out.buffer, out.byteOffset, out.byteLength);
  v.setUint32(0, out.length - RECORD_HEADER_SIZE, true);
  const crc = crc32(out, RECORD_HEADER_SIZE, out.length, crc32(out, 0, 4));
  v.setUint32(4, crc, true);
  return out;
}

/** An operation to encode: the value as a JSON string. */
export interface NewOp {
  /** Operation type. */
  type: number;
  /** The key. */
  key: string;
  /** Revision before the write (0 for ADDED). */
  prevRev: number;
  /** Stored JSON; absent for DELETED. */
  json: string | undefined;
}

/** Encodes a commit record whose operations get revisions `firstRev`, `firstRev + 1`, .... */
export function encodeCommit(firstRev: number, ops: readonly NewOp[]): Uint8Array {
  // UTF-8 takes at most 3 bytes per UTF-16 code unit: encode straight into one buffer.
  let max = RECORD_HEADER_SIZE + BODY_HEADER_SIZE;
  for (const op of ops) max += OP_HEADER_SIZE + 3 * (op.key.length + (op.json?.length ?? 0));
  const out = new Uint8Array(max);
  const v = new DataView(out.buffer);
  let at = RECORD_HEADER_SIZE;
  out[at] = REC_COMMIT;
  v.setUint32(at + 4, ops.length, true);
  setU64(v, at + 8, firstRev);
  at += BODY_HEADER_SIZE;
  for (const op of ops) {
    const head = at;
    at += OP_HEADER_SIZE;
    const keyLen = encoder.encodeInto(op.key, out.subarray(at)).written;
    at += keyLen;
    const valueLen = op.json === undefined
      ? 0
      : encoder.encodeInto(op.json, out.subarray(at)).written;
    at += valueLen;
    out[head] = op.type;
    v.setUint32(head + 4, keyLen, true);
    v.setUint32(head + 8, valueLen, true);
    setU64(v, head + 12, op.prevRev);
  }
  return finish(out.subarray(0, at));
}

/** Encodes a record raising the compacted revision to `revision`. */
export function encodeCompact(revision: number): Uint8Array {
  const out = new Uint8Array(RECORD_HEADER_SIZE + BODY_HEADER_SIZE);
  out[RECORD_HEADER_SIZE] = REC_COMPACT;
  setU64(new DataView(out.buffer), RECORD_HEADER_SIZE + 8, revision);
  return finish(out);
}

/** Encodes a hint record, `padding` bytes longer than the smallest one. */
export function encodeHint(padding = 0): Uint8Array {
  const out = new Uint8Array(RECORD_HEADER_SIZE + BODY_HEADER_SIZE + padding);
  out[RECORD_HEADER_SIZE] = REC_HINT;
  new DataView(out.buffer).setUint32(RECORD_HEADER_SIZE + 4, padding, true);
  return finish(out);
}

/**
 * Whether intact records (valid checksums, each where the one before ends) run from some offset
 * at or after `from` to the very end of the file: what follows a record whose length was
 * damaged, and never what an append cut short leaves (the rest of one record's body, which
 * cannot end exactly at the end of the file in a chain of valid records but by a CRC-32
 * collision). Only offsets whose length fits in the file and whose body starts with a record
 * kind are checksummed, so the search costs little even over a long tail.
 */
function intactRecordAfter(buf: Uint8Array, v: DataView, from: number): boolean {
  const size = buf.length;
  const intactAt = (o: number): number => {
    if (o + RECORD_HEADER_SIZE + BODY_HEADER_SIZE > size) return -1;
    const kind = buf[o + RECORD_HEADER_SIZE];
    if (kind !== REC_COMMIT && kind !== REC_COMPACT && kind !== REC_HINT) return -1;
    const len = v.getUint32(o, true);
    const end = o + RECORD_HEADER_SIZE + len;
    if (len < BODY_HEADER_SIZE || end > size) return -1;
    const crc = crc32(buf, o + RECORD_HEADER_SIZE, end, crc32(buf, o, o + 4));
    return crc === v.getUint32(o + 4, true) ? end : -1;
  };
  for (let o = from; o + RECORD_HEADER_SIZE + BODY_HEADER_SIZE <= size; o++) {
    let end = intactAt(o);
    while (end > 0 && end < size) end = intactAt(end);
    if (end === size) return true;
  }
  return false;
}

function allZero(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i] !== 0) return false;
  return true;
}

function decodeBody(buf: Uint8Array, start: number, end: number): JournalRecord | string {
  if (end - start < BODY_HEADER_SIZE) return "record body too short";
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const kind = buf[start];
  if (kind === REC_HINT) return { kind: REC_HINT };
  if (kind === REC_COMPACT) return { kind: REC_COMPACT, revision: getU64(v, start + 8) };
  if (kind !== REC_COMMIT) return `unknown record kind ${kind}`;
  const count = v.getUint32(start + 4, true);
  const firstRev = getU64(v, start + 8);
  const ops: JournalOp[] = [];
  let at = start + BODY_HEADER_SIZE;
  for (let i = 0; i < count; i++) {
    if (at + OP_HEADER_SIZE > end) return "operation header past the record end";
    const type = buf[at];
    const keyLen = v.getUint32(at + 4, true);
    const valueLen = v.getUint32(at + 8, true);
    const prevRev = getU64(v, at + 12);
    at += OP_HEADER_SIZE;
    if (type < OP_ADDED || type > OP_DELETED) return `unknown operation type ${type}`;
    if (at + keyLen + valueLen > end) return "operation data past the record end";
    const key = decoder.decode(buf.subarray(at, at + keyLen));
    at += keyLen;
    const bytes = type === OP_DELETED ? undefined : buf.subarray(at, at + valueLen);
    at += valueLen;
    ops.push({ rev: firstRev + i, type, key, prevRev, json: undefined, bytes });
  }
  if (count === 0 || at !== end) return "operation count does not match the record size";
  return { kind: REC_COMMIT, firstRev, ops };
}

/**
 * Scans the records in `buf[start, buf.length)`, where `buf` ends at the end of the file.
 *
 * A damaged record that reaches the end of the file is the remains of an append that was cut
 * short (by a crash, a kill or a full disk) and was therefore never acknowledged: scanning stops
 * before it and reports `torn`. A damaged record followed by more data is corruption.
 *
 * @param buf The journal bytes (or a tail of them; offsets are relative to `buf`).
 * @param start Where the first record starts.
 * @returns The records and where the valid data ends.
 */
export function scanRecords(buf: Uint8Array, start: number): ScanResult {
  const records: ScanResult["records"] = [];
  const size = buf.length;
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let at = start;
  while (at < size) {
    const torn = { records, end: at, torn: true };
    if (size - at < RECORD_HEADER_SIZE) return torn;
    const len = v.getUint32(at, true);
    const bodyEnd = at + RECORD_HEADER_SIZE + len;
    if (len === 0) {
      if (allZero(buf, at, size)) return torn;
      return {
        records,
        end: at,
        torn: false,
        corrupt: { offset: at, reason: "zero record length" },
      };
    }
    if (bodyEnd > size) {
      // An append cut short is the last thing in the file. A length damaged on disk runs past
      // the end too, but intact records follow it: that is corruption, not a torn append
      // (which the next writer would cut off, losing those records).
      if (!intactRecordAfter(buf, v, at + RECORD_HEADER_SIZE)) return torn;
      return {
        records,
        end: at,
        torn: false,
        corrupt: { offset: at, reason: "record length past the end of the file" },
      };
    }
    const crc = crc32(buf, at + RECORD_HEADER_SIZE, bodyEnd, crc32(buf, at, at + 4));
    if (crc !== v.getUint32(at + 4, true)) {
      if (bodyEnd === size) return torn;
      return {
        records,
        end: at,
        torn: false,
        corrupt: { offset: at, reason: "checksum mismatch" },
      };
    }
    const record = decodeBody(buf, at + RECORD_HEADER_SIZE, bodyEnd);
    if (typeof record === "string") {
      return { records, end: at, torn: false, corrupt: { offset: at, reason: record } };
    }
    records.push({ record, end: bodyEnd });
    at = bodyEnd;
  }
  return { records, end: at, torn: false };
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The sqlite storage backend: a SQLite snapshot (written by sql.js) plus an append-only,
 * checksummed journal, shared by many processes through file locks.
 * The on-disk format and the protocols are described in docs/storage-sqlite.md.
 *
 * @module
 */
import type { KubeObject } from "../../core/object/types.ts";
import type {
  Storage,
  StorageCreateOptions,
  StorageDeleteOptions,
  StorageEvent,
  StorageListOptions,
  StorageListResult,
  StoragePrecondition,
  StorageTransactionOptions,
  StorageUpdateOptions,
  StorageWatch,
  StorageWatchOptions,
  Summarizer,
} from "../../core/storage/types.ts";
import { decodeSummary, summaryObject } from "../../core/storage/summary.ts";
import { StorageError } from "../../core/storage/storage_error.ts";
import { ObjectCache } from "./_object_cache.ts";
import {
  compactedError,
  decodeObject,
  encodeObject,
  EventQueue,
  keyMatches,
  tooLargeError,
} from "../../core/storage/_util.ts";
import {
  dirname,
  fsyncDir,
  isNotFound,
  preadSync,
  readError,
  writeAllSync,
  writeError,
} from "./_files.ts";
import {
  decodeJournalHeader,
  encodeCommit,
  encodeCompact,
  encodeHint,
  encodeJournalHeader,
  JOURNAL_HEADER_SIZE,
  JOURNAL_VERSION,
  type JournalHeader,
  type JournalOp,
  type JournalRecord,
  type NewOp,
  OP_ADDED,
  OP_DELETED,
  OP_MODIFIED,
  REC_COMMIT,
  REC_COMPACT,
  REC_HINT,
  scanRecords,
} from "./_journal.ts";
import {
  compactionThreshold,
  type CompactionTuning,
  DEFAULT_COMPACT_MIN_BYTES,
  DEFAULT_COMPACT_SCALE_BYTES,
} from "./_compaction.ts";
import {
  type BuildOp,
  buildSnapshot,
  type ChangeRow,
  type ObjectRow,
  Snapshot,
  SNAPSHOT_VERSION,
  utf8,
} from "./_snapshot.ts";

/** Options of {@linkcode createSqliteStorage}. */
export interface SqliteStorageOptions {
  /**
   * The store's snapshot file, e.g. `/home/me/.k1s/store.db`. Next to it live
   * `<path>.k1s-journal` and `<path>.k1s-lock`. A relative path is resolved against the
   * current directory. Missing directories are created by the first write.
   */
  path: string;
  /**
   * How many changes the change log keeps for watch-from-revision and paging; older starts
   * get `Compacted`. Applied when a snapshot is written; between snapshots the log also holds
   * every change in the journal.
   *
   * @default {10000}
   */
  historySize?: number;
  /**
   * The journal is folded into a new snapshot once it is larger than this many bytes and than
   * √(`compactScaleBytes` × the snapshot's size). Smaller values make cold opens faster and
   * snapshots more frequent.
   *
   * @default {65536}
   */
  compactMinBytes?: number;
  /**
   * The journal is folded into a new snapshot once it is larger than the geometric mean of
   * this and the snapshot's size (and than `compactMinBytes`): 88 KiB for a 1.9 MB snapshot
   * (1,000 ConfigMaps of 1 KB), 280 KiB for 19 MB. Every cold process reads the whole journal
   * while a compaction rewrites the whole snapshot, and a threshold growing with the square
   * root of the snapshot keeps the sum of the two costs near its minimum at every size
   * (docs/storage-sqlite.md, Compaction). 0 leaves `compactMinBytes` alone.
   *
   * @default {4096}
   */
  compactScaleBytes?: number;
  /**
   * How often, in milliseconds, an active watch checks for other processes' writes. File
   * system notifications (`Deno.watchFs`) usually deliver them sooner; polling is the fallback,
   * and one check costs a single `lseek`.
   *
   * @default {50}
   */
  pollInterval?: number;
  /**
   * Whether watches use `Deno.watchFs` notifications in addition to polling.
   *
   * @default {true}
   */
  watchFs?: boolean;
  /**
   * Open the store for reading only: every write fails with `ReadOnly`, and nothing is ever
   * created, locked exclusively or modified on disk.
   *
   * @default {false}
   */
  readOnly?: boolean;
  /**
   * Memory for caching snapshot pages and decoded rows, in bytes. Recently read objects are
   * kept decoded in up to half as much again.
   *
   * @default {8388608}
   */
  cacheBytes?: number;
  /**
   * Called about what the store recovered from or failed at without failing a request: a
   * compaction that could not write its new snapshot (e.g. on a full disk; it is retried after
   * more writes), or an unfinished write at the end of the journal that is ignored.
   *
   * @default {undefined} (ignored)
   */
  onWarning?: (message: string, cause: unknown) => void;
}

/** An operation of the journal, in memory. The value is decoded from `bytes` on first use. */
type MemOp = JournalOp;

interface JournalState {
  file: Deno.FsFile;
  ino: number | null;
  header: JournalHeader;
  /** Just past the last valid record. */
  end: number;
  /** The file size when last looked at under a lock. */
  seen: number;
  /** Whether the bytes after `end` are a torn append. */
  torn: boolean;
  /** The journal belongs to an older snapshot generation: its records are in the snapshot. */
  obsolete: boolean;
}

interface Watcher {
  prefix: string;
  lastRev: number;
  queue: EventQueue;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Byte-wise comparison (SQLite's BINARY collation on UTF-8). */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i] - b[i];
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Orders keys by code point, as SQLite's BINARY collation orders their UTF-8 bytes. */
function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

function lowerBoundKey(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(keys[mid], key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function opJson(op: MemOp): string {
  if (op.json === undefined && op.bytes) {
    op.json = utf8(op.bytes);
    op.bytes = undefined;
  }
  return op.json ?? "";
}

/**
 * The object a stored summary stands for, or undefined when the summary cannot be read: the list
 * then reads the whole object, which the summary only repeats.
 */
function summaryOf(bytes: Uint8Array, rev: number): KubeObject | undefined {
  try {
    return decodeSummary(decoder.decode(bytes), rev);
  } catch {
    return undefined;
  }
}

function statIno(path: string): number | null | undefined {
  try {
    return Deno.statSync(path).ino;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw readError(err, path);
  }
}

function randomId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

function resolvePath(path: string): string {
  let abs = path;
  if (!path.startsWith("/")) {
    const cwd = Deno.cwd();
    abs = (cwd.endsWith("/") ? cwd : cwd + "/") + path.replace(/^\.\//, "");
  }
  // A symlinked store means its target: renaming over the link would replace the link.
  try {
    if (Deno.lstatSync(abs).isSymlink) return Deno.realPathSync(abs);
  } catch {
    // Missing: created by the first write.
  }
  return abs;
}

/**
 * Opens (or prepares to create) the sqlite store at `options.path`: the default persistent
 * store. Many processes may open the same store at once; every write is atomic and durable
 * before it resolves, and reads always see every write acknowledged before they started.
 *
 * Opening reads only the journal and a few pages of the snapshot, so it is cheap whatever the
 * store's size. A store that does not exist reads as empty and is created by the first write.
 *
 * @param options The store path and tuning knobs.
 * @returns The storage. Rejects with a `StorageError` (`Corrupt`, `Unreachable`) when the
 *   files are not a readable k1s store; the error message names the file and what to do.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createSqliteStorage } from "@k1s/core/storage/sqlite";
 * const dir = await Deno.makeTempDir();
 * const s = await createSqliteStorage({ path: `${dir}/store.db` });
 * const o = await s.create("/registry/things/a", { apiVersion: "v1", kind: "Thing", metadata: { name: "a" } });
 * assertEquals(o.metadata.resourceVersion, "1");
 * await s.close();
 * const again = await createSqliteStorage({ path: `${dir}/store.db` });
 * assertEquals((await again.get("/registry/things/a"))?.metadata.resourceVersion, "1");
 * await again.close();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function createSqliteStorage(options: SqliteStorageOptions): Promise<Storage> {
  if (!options?.path) {
    throw new StorageError("Invalid", { message: "A sqlite store needs a path" });
  }
  const s = new SqliteStorage(options);
  try {
    await s.open();
  } catch (err) {
    await s.close().catch(() => {});
    throw err;
  }
  return s;
}

class SqliteStorage implements Storage {
  readonly name = "sqlite";
  readonly #path: string;
  readonly #journalPath: string;
  readonly #lockPath: string;
  readonly #dir: string;
  readonly #historySize: number;
  readonly #tuning: CompactionTuning;
  readonly #pollInterval: number;
  readonly #useWatchFs: boolean;
  readonly #readOnly: boolean;
  readonly #cacheBytes: number;
  readonly #onWarning: ((message: string, cause: unknown) => void) | undefined;

  #lock: Deno.FsFile | undefined;
  /** The store's directory, locked by writers (null: not lockable on this platform). */
  #gate: Deno.FsFile | null | undefined;
  #snap: Snapshot | undefined;
  #snapIno: number | null | undefined;
  #journal: JournalState | undefined;
  #journalWriter: Deno.FsFile | undefined;
  #base = 0;
  #ops: MemOp[] = [];
  #overlay = new Map<string, MemOp>();
  #sortedOverlay: string[] | undefined;
  #compacted = 0;
  readonly #objects: ObjectCache;
  #summarizer: Summarizer | undefined;

  #tail: Promise<void> = Promise.resolve();
  #mutexHeld = false;
  #exclusive = false;
  #closed = false;
  #compaction: Promise<void> | undefined;
  #compactAfter = 0;
  /** The torn journal tail last warned about (inode and offset), to warn once per tail. */
  #warnedTorn = "";

  #watchers = new Set<Watcher>();
  #fsWatcher: Deno.FsWatcher | undefined;
  #pollTimer: ReturnType<typeof setInterval> | undefined;

  constructor(options: SqliteStorageOptions) {
    this.#path = resolvePath(options.path);
    this.#journalPath = this.#path + ".k1s-journal";
    this.#lockPath = this.#path + ".k1s-lock";
    this.#dir = dirname(this.#path);
    this.#historySize = Math.max(1, options.historySize ?? 10_000);
    this.#tuning = {
      minBytes: Math.max(0, options.compactMinBytes ?? DEFAULT_COMPACT_MIN_BYTES),
      scaleBytes: Math.max(0, options.compactScaleBytes ?? DEFAULT_COMPACT_SCALE_BYTES),
    };
    this.#pollInterval = Math.max(1, options.pollInterval ?? 50);
    this.#useWatchFs = options.watchFs ?? true;
    this.#readOnly = options.readOnly ?? false;
    this.#cacheBytes = Math.max(64 * 1024, options.cacheBytes ?? 8 * 1024 * 1024);
    this.#onWarning = options.onWarning;
    this.#objects = new ObjectCache(this.#cacheBytes / 2);
  }

  get #rev(): number {
    return this.#base + this.#ops.length;
  }

  // ---- opening, locking and catching up ------------------------------------------------

  async open(): Promise<void> {
    await this.#withMutex(() => this.#refreshLocked(true));
  }

  #check(): void {
    if (this.#closed) throw new StorageError("Unreachable", { message: "storage is closed" });
  }

  async #withMutex<T>(fn: () => Promise<T> | T): Promise<T> {
    const prev = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((r) => release = r);
    await prev;
    this.#mutexHeld = true;
    try {
      return await fn();
    } finally {
      this.#mutexHeld = false;
      release();
    }
  }

  /** The lock file, opened for locking only; undefined when it does not exist. */
  #lockFile(): Deno.FsFile | undefined {
    if (this.#lock) return this.#lock;
    try {
      this.#lock = Deno.openSync(this.#lockPath, { read: true });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw readError(err, this.#lockPath);
    }
    return this.#lock;
  }

  /**
   * Whether another process may have written since we last looked: one `lseek` on the
   * journal. Writers append to the journal, and append a hint record to a journal before they
   * replace it, so its size changes on every change that matters.
   */
  #mayHaveChanged(): boolean {
    const j = this.#journal;
    if (j) {
      try {
        return j.file.seekSync(0, Deno.SeekMode.End) !== j.seen;
      } catch {
        return true;
      }
    }
    // No journal open: a missing store, or a snapshot whose journal is missing.
    try {
      if (statIno(this.#journalPath) !== undefined) return true;
      return statIno(this.#path) !== this.#snapIno;
    } catch {
      return true;
    }
  }

  #needsRefresh(): boolean {
    return !this.#exclusive && this.#mayHaveChanged();
  }

  /** Brings the in-memory view up to date with the files. */
  async #refresh(): Promise<void> {
    await this.#withMutex(() => {
      this.#check();
      if (!this.#mayHaveChanged()) return;
      return this.#refreshLocked(false);
    });
  }

  /** Catches up under a shared lock (or none, when there is no lock file). Needs the mutex. */
  async #refreshLocked(initial: boolean): Promise<void> {
    for (let attempt = 0;; attempt++) {
      const lock = this.#lockFile();
      if (!lock) {
        // Nobody ever wrote with locks here: a missing store, or files copied without their
        // lock file. Read without locking; a writer creating the lock file meanwhile is
        // handled by retrying once with the lock.
        try {
          this.#sync(false, initial);
          return;
        } catch (err) {
          if (attempt === 0 && this.#lockFile()) continue;
          throw err;
        }
      }
      if (!lock.tryLockSync(false)) await lock.lock(false);
      try {
        this.#sync(false, initial);
      } finally {
        lock.unlockSync();
      }
      return;
    }
  }

  /** Like {@linkcode #refreshLocked} but synchronous; only when the mutex is free. */
  #refreshSync(): void {
    const lock = this.#lockFile();
    if (!lock) return this.#sync(false, false);
    lock.lockSync(false);
    try {
      this.#sync(false, false);
    } finally {
      lock.unlockSync();
    }
  }

  /**
   * Catches up with the files; the caller holds the lock file (shared or exclusive). Writers
   * also check that neither file was replaced behind a journal that did not change.
   */
  #sync(writer: boolean, initial: boolean): void {
    const j = this.#journal;
    if (initial || !j || writer) {
      const snapIno = statIno(this.#path);
      const journalIno = statIno(this.#journalPath);
      if (initial || snapIno !== this.#snapIno || journalIno !== (j ? j.ino : undefined)) {
        return this.#reload();
      }
      if (!j) return;
    }
    let size: number;
    try {
      size = j.file.statSync().size;
    } catch (err) {
      throw readError(err, this.#journalPath);
    }
    if (size === j.seen) return;
    if (size < j.end || j.obsolete) return this.#reload();
    const buf = new Uint8Array(size - j.end);
    const got = preadSync(j.file, buf, j.end);
    const scan = scanRecords(buf.subarray(0, got), 0);
    if (scan.corrupt || scan.records.some((r) => r.record.kind === REC_HINT)) {
      // A hint, or damage, may mean the files were replaced: read them afresh.
      return this.#reload();
    }
    if (scan.torn && statIno(this.#journalPath) !== j.ino) {
      // A torn tail can swallow the hint appended after it when the journal was rewritten.
      return this.#reload();
    }
    try {
      this.#apply(scan.records.map((r) => r.record), this.#journalPath);
    } catch {
      // Never leave the view half caught up: read everything again (and fail properly).
      return this.#reload();
    }
    j.end += scan.end;
    j.seen = j.end + (got - scan.end);
    j.torn = scan.torn;
    this.#deliver();
  }

  #closeFiles(): void {
    this.#snap?.close();
    this.#snap = undefined;
    this.#snapIno = undefined;
    if (this.#journal) {
      try {
        this.#journal.file.close();
      } catch {
        // Already closed.
      }
    }
    this.#journal = undefined;
    try {
      this.#journalWriter?.close();
    } catch {
      // Already closed.
    }
    this.#journalWriter = undefined;
  }

  /** Reads the files afresh and tells the watchers what changed. */
  #reload(): void {
    this.#load();
    this.#deliver();
  }

  /** Reads the snapshot and journal from scratch. */
  #load(): void {
    this.#closeFiles();
    this.#objects.clear();
    this.#base = 0;
    this.#ops = [];
    this.#overlay = new Map();
    this.#sortedOverlay = undefined;
    this.#compacted = 0;
    let snap: Snapshot | undefined;
    try {
      snap = Snapshot.open(this.#path, this.#cacheBytes);
    } catch (err) {
      throw readError(err, this.#path);
    }
    let jfile: Deno.FsFile | undefined;
    try {
      jfile = Deno.openSync(this.#journalPath, { read: true });
    } catch (err) {
      if (!isNotFound(err)) {
        snap?.close();
        throw readError(err, this.#journalPath);
      }
    }
    if (!snap) {
      if (jfile) {
        jfile.close();
        throw new StorageError("Corrupt", {
          message: `Cannot open store "${this.#path}": the snapshot file is missing but its ` +
            `journal "${this.#journalPath}" exists; restore the snapshot from a backup, or move ` +
            "the journal aside to start an empty store",
        });
      }
      return;
    }
    this.#snap = snap;
    this.#snapIno = snap.ino;
    this.#base = snap.meta.revision;
    this.#compacted = snap.meta.compacted;
    if (!jfile) return;
    try {
      this.#loadJournal(jfile, snap);
    } catch (err) {
      jfile.close();
      this.#closeFiles();
      throw err;
    }
  }

  #loadJournal(file: Deno.FsFile, snap: Snapshot): void {
    const path = this.#journalPath;
    const st = file.statSync();
    const bytes = new Uint8Array(st.size);
    const got = preadSync(file, bytes, 0);
    const header = decodeJournalHeader(bytes.subarray(0, got), path);
    const meta = snap.meta;
    const mismatch = (why: string) =>
      new StorageError("Corrupt", {
        message: `Cannot open store "${this.#path}": its journal "${path}" ${why}; restore both ` +
          "files from a backup, or move the journal aside to open the store as of its " +
          `snapshot (revision ${meta.revision}), losing later writes`,
      });
    if (header.storeId !== meta.storeId) throw mismatch("belongs to another store");
    const j: JournalState = {
      file,
      ino: st.ino,
      header,
      end: JOURNAL_HEADER_SIZE,
      seen: got,
      torn: false,
      obsolete: header.generation < meta.generation,
    };
    if (header.generation > meta.generation) {
      throw mismatch(
        `is newer than the snapshot (generation ${header.generation}, snapshot ${meta.generation})`,
      );
    }
    if (j.obsolete) {
      this.#journal = j;
      return;
    }
    if (header.baseRevision !== meta.revision) {
      throw mismatch(
        `continues revision ${header.baseRevision}, but the snapshot is at ${meta.revision}`,
      );
    }
    const scan = scanRecords(bytes.subarray(0, got), JOURNAL_HEADER_SIZE);
    if (scan.corrupt) {
      throw new StorageError("Corrupt", {
        message: `Cannot open store "${this.#path}": its journal "${path}" is damaged at byte ` +
          `${scan.corrupt.offset} (${scan.corrupt.reason}) with ${
            got - scan.corrupt.offset
          } bytes after it; restore the store from a backup, or copy the journal's first ` +
          `${scan.corrupt.offset} bytes over it to keep the writes before the damage`,
      });
    }
    this.#apply(scan.records.map((r) => r.record), path);
    j.end = scan.end;
    j.torn = scan.torn;
    this.#journal = j;
    if (scan.torn && this.#warnedTorn !== `${j.ino}:${j.end}`) {
      // A crash during an append leaves this, and the write was never acknowledged; a journal
      // cut short by other means (a partial copy) looks the same, so say what was done.
      this.#warnedTorn = `${j.ino}:${j.end}`;
      this.#onWarning?.(
        `store "${this.#path}": ignoring ${got - scan.end} bytes of an unfinished write at ` +
          `byte ${scan.end} of its journal "${path}" (left by a process that stopped while ` +
          `writing; that write was never acknowledged). The next write removes them. If the ` +
          `journal was copied or cut short instead, restore it from where it came from.`,
        undefined,
      );
    }
  }

  /** Applies journal records to the in-memory view. */
  #apply(records: JournalRecord[], path: string): void {
    for (const rec of records) {
      if (rec.kind === REC_COMPACT) {
        this.#compacted = Math.max(this.#compacted, Math.min(rec.revision, this.#rev));
        continue;
      }
      if (rec.kind !== REC_COMMIT) continue;
      if (rec.firstRev !== this.#rev + 1) {
        throw new StorageError("Corrupt", {
          message: `Cannot open store "${this.#path}": its journal "${path}" skips from ` +
            `revision ${this.#rev} to ${rec.firstRev}; restore the store from a backup`,
        });
      }
      for (const op of rec.ops) this.#push(op);
    }
  }

  #push(op: MemOp): void {
    this.#ops.push(op);
    if (!this.#overlay.has(op.key)) this.#sortedOverlay = undefined;
    this.#overlay.set(op.key, op);
  }

  // ---- reading the view ------------------------------------------------------------------

  #current(key: string): ObjectRow | undefined {
    const op = this.#overlay.get(key);
    if (op) return op.type === OP_DELETED ? undefined : { rev: op.rev, json: opJson(op) };
    return this.#snap?.get(key);
  }

  /** The state a journal operation replaced. */
  #before(op: MemOp): ObjectRow | undefined {
    if (op.type === OP_ADDED) return undefined;
    if (op.prevRev > this.#base) {
      const p = this.#ops[op.prevRev - this.#base - 1];
      return p ? { rev: p.rev, json: opJson(p) } : undefined;
    }
    const cur = this.#snap?.get(op.key);
    return cur?.rev === op.prevRev ? cur : this.#snap?.state(op.prevRev);
  }

  /** The state a snapshot change replaced (kept in the snapshot while the change is). */
  #changeBefore(row: ChangeRow): ObjectRow | undefined {
    return row.type === OP_ADDED ? undefined : this.#snap?.state(row.prevRev);
  }

  #event(
    type: number,
    key: string,
    rev: number,
    json: string | undefined,
    prev: ObjectRow | undefined,
  ): StorageEvent {
    if (type === OP_DELETED) {
      const ev: StorageEvent = {
        type: "DELETED",
        key,
        revision: rev,
        object: decodeObject(prev?.json ?? "{}", rev),
      };
      if (prev) ev.prevObject = decodeObject(prev.json, prev.rev);
      return ev;
    }
    const ev: StorageEvent = {
      type: type === OP_ADDED ? "ADDED" : "MODIFIED",
      key,
      revision: rev,
      object: decodeObject(json ?? "{}", rev),
    };
    if (prev) ev.prevObject = decodeObject(prev.json, prev.rev);
    return ev;
  }

  /** Changes with a revision greater than `from` under `prefix`, in revision order. */
  *#eventsAfter(from: number, prefix: string): Generator<StorageEvent> {
    if (from < this.#base && this.#snap) {
      for (const row of this.#snap.changesAfter(from)) {
        if (row.rev > this.#base) break;
        if (!keyMatches(row.key, prefix)) continue;
        yield this.#event(row.type, row.key, row.rev, row.json, this.#changeBefore(row));
      }
    }
    for (let i = Math.max(0, from - this.#base); i < this.#ops.length; i++) {
      const op = this.#ops[i];
      if (!keyMatches(op.key, prefix)) continue;
      yield this.#event(
        op.type,
        op.key,
        op.rev,
        op.type === OP_DELETED ? undefined : opJson(op),
        this.#before(op),
      );
    }
  }

  /** The state at `rev` of the keys under `prefix` that changed after it. */
  #stateAt(prefix: string, rev: number): Map<string, ObjectRow | null> {
    const view = new Map<string, ObjectRow | null>();
    if (rev < this.#base && this.#snap) {
      for (const row of this.#snap.changesAfter(rev)) {
        if (row.rev > this.#base) break;
        if (view.has(row.key) || !keyMatches(row.key, prefix)) continue;
        view.set(row.key, this.#changeBefore(row) ?? null);
      }
    }
    for (let i = Math.max(0, rev - this.#base); i < this.#ops.length; i++) {
      const op = this.#ops[i];
      if (view.has(op.key) || !keyMatches(op.key, prefix)) continue;
      view.set(op.key, this.#before(op) ?? null);
    }
    return view;
  }

  #overlayKeys(): string[] {
    return this.#sortedOverlay ??= [...this.#overlay.keys()].sort(compareKeys);
  }

  /** Lists at a revision, with `top` (a transaction's pending writes) over the store. */
  #list(
    options: StorageListOptions,
    top: Map<string, ObjectRow | null> | undefined,
  ): StorageListResult {
    const { prefix, filter } = options;
    const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
    let at = this.#rev;
    let view = top;
    if (options.revision && options.revision !== this.#rev) {
      if (options.revision > this.#rev) throw tooLargeError(options.revision, this.#rev);
      if (options.revision < this.#compacted) {
        throw compactedError(options.revision, this.#compacted);
      }
      at = options.revision;
      view = this.#stateAt(prefix, at);
    }
    const start = options.start && compareKeys(options.start, prefix) > 0 ? options.start : prefix;
    // Keys whose state does not come from the snapshot: written since it, or in the view.
    // Everything else is merged from the snapshot's key index without decoding the keys.
    const extraSet = new Set<string>();
    const ov = this.#overlayKeys();
    for (let i = lowerBoundKey(ov, start); i < ov.length && ov[i].startsWith(prefix); i++) {
      extraSet.add(ov[i]);
    }
    if (view) {
      for (const k of view.keys()) {
        if (k.startsWith(prefix) && compareKeys(k, start) >= 0) extraSet.add(k);
      }
    }
    const extra = [...extraSet].sort(compareKeys);
    const extraBytes = extra.map((k) => encoder.encode(k));
    // Summaries stand for the snapshot's states, when written by this process's summarizer.
    const summaries = !!options.summaries && !!this.#summarizer &&
      this.#snap?.meta.summaries === this.#summarizer.version;
    if (summaries && start === prefix && limit === Infinity && prefix.endsWith("/")) {
      const listed = this.#listSummaryList(prefix, extra, view, filter, at);
      if (listed) return listed;
    }
    const snapKeys = this.#snap?.keys(encoder.encode(start), encoder.encode(prefix), summaries);
    let s = snapKeys?.next();
    let xi = 0;
    // The current candidate: its key (when known as a string), bytes, snapshot revision (0
    // when not in the snapshot) and summary, and whether its state comes from the overlay or
    // the view.
    let key: string | undefined;
    let bytes: Uint8Array = new Uint8Array();
    let snapRev = 0;
    let summary: Uint8Array | undefined;
    let fromExtra = false;
    const advance = (): boolean => {
      const sv = s && !s.done ? s.value : undefined;
      const xb = xi < extra.length ? extraBytes[xi] : undefined;
      if (!sv && !xb) return false;
      const c = !sv ? 1 : !xb ? -1 : compareBytes(sv.bytes, xb);
      if (c <= 0) {
        bytes = sv!.bytes;
        snapRev = sv!.rev;
        summary = sv!.summary;
        s = snapKeys!.next();
      } else {
        snapRev = 0;
      }
      fromExtra = c >= 0;
      if (fromExtra) {
        key = extra[xi];
        bytes = xb!;
        xi++;
      } else {
        key = undefined;
      }
      return true;
    };
    const state = (): ObjectRow | undefined => {
      if (!fromExtra) return this.#snap!.row(undefined, snapRev);
      const later = this.#laterState(key!, view);
      if (later !== null) return later;
      return snapRev ? this.#snap!.row(key!, snapRev) : undefined;
    };
    const exists = (): boolean => {
      if (!fromExtra) return true;
      const k = key!;
      if (view?.has(k)) return view.get(k) !== null;
      const op = this.#overlay.get(k);
      if (op) return op.type !== OP_DELETED;
      return snapRev !== 0;
    };
    const items: KubeObject[] = [];
    const result: StorageListResult = { items, revision: at, more: false };
    while (advance()) {
      if (items.length >= limit) {
        if (!exists()) continue;
        result.more = true;
        result.next = key ?? decoder.decode(bytes);
        if (!filter) {
          let remaining = 1;
          while (advance()) if (exists()) remaining++;
          result.remaining = remaining;
        }
        break;
      }
      let obj = !fromExtra && summary ? summaryOf(summary, snapRev) : undefined;
      if (!obj) {
        const st = state();
        if (!st) continue;
        obj = decodeObject(st.json, st.rev);
      }
      if (filter && !filter(obj)) continue;
      items.push(obj);
    }
    return result;
  }

  /**
   * The state of `key` as written since the snapshot (in `view`, else in the overlay):
   * undefined when it is deleted there, null when neither has it.
   */
  #laterState(
    key: string,
    view: Map<string, ObjectRow | null> | undefined,
  ): ObjectRow | undefined | null {
    if (view?.has(key)) return view.get(key) ?? undefined;
    const op = this.#overlay.get(key);
    if (!op) return null;
    return op.type === OP_DELETED ? undefined : { rev: op.rev, json: opJson(op) };
  }

  /**
   * A list for a table of a whole key group the snapshot keeps a summary list of: one JSON text
   * parsed instead of an index walk, merged with the keys written since the snapshot (`extra`,
   * sorted, whose states come from `view` or the overlay). Undefined when there is no list, or
   * it cannot be read: the index is walked instead.
   */
  #listSummaryList(
    prefix: string,
    extra: string[],
    view: Map<string, ObjectRow | null> | undefined,
    filter: ((obj: KubeObject) => boolean) | undefined,
    at: number,
  ): StorageListResult | undefined {
    const text = this.#snap!.summaryList(prefix);
    if (text === undefined) return undefined;
    let names: unknown[];
    const objects: KubeObject[] = [];
    try {
      const list = JSON.parse(text);
      names = list?.n;
      const revs = list?.r;
      const summaries = list?.s;
      if (
        !Array.isArray(names) || !Array.isArray(revs) || !Array.isArray(summaries) ||
        revs.length !== names.length || summaries.length !== names.length
      ) return undefined;
      for (let i = 0; i < names.length; i++) {
        if (typeof names[i] !== "string" || typeof revs[i] !== "number") return undefined;
        objects.push(summaryObject(summaries[i], revs[i]));
      }
    } catch {
      return undefined;
    }
    const written = (k: string): KubeObject | undefined => {
      const later = this.#laterState(k, view);
      const st = later === null ? this.#snap!.get(k) : later;
      return st && decodeObject(st.json, st.rev);
    };
    const items: KubeObject[] = [];
    const add = (obj: KubeObject | undefined) => {
      if (obj && (!filter || filter(obj))) items.push(obj);
    };
    // Every key in `extra` starts with `prefix`: compare the names after it, so that keys
    // written after the whole list (new names sorting last) cost a short comparison per item.
    const extraNames = extra.map((k) => k.slice(prefix.length));
    let j = 0;
    for (let i = 0; i < objects.length; i++) {
      if (j < extra.length) {
        const name = names[i] as string;
        while (j < extra.length && compareKeys(extraNames[j], name) < 0) add(written(extra[j++]));
        if (j < extra.length && extraNames[j] === name) {
          add(written(extra[j++]));
          continue;
        }
      }
      add(objects[i]);
    }
    while (j < extra.length) add(written(extra[j++]));
    return { items, revision: at, more: false };
  }

  // ---- watchers --------------------------------------------------------------------------

  #deliver(): void {
    for (const w of this.#watchers) this.#catchUpWatcher(w);
  }

  #catchUpWatcher(w: Watcher): void {
    const to = this.#rev;
    if (w.queue.closed || w.lastRev >= to) return;
    if (w.lastRev < this.#compacted) {
      w.queue.fail(compactedError(w.lastRev, this.#compacted));
      return;
    }
    try {
      for (const ev of this.#eventsAfter(w.lastRev, w.prefix)) w.queue.push(ev);
    } catch (err) {
      w.queue.fail(err);
      return;
    }
    w.lastRev = to;
  }

  #failWatchers(err: unknown): void {
    for (const w of [...this.#watchers]) w.queue.fail(err);
  }

  /** Looks for other processes' writes on behalf of the watchers. */
  #poke(): void {
    if (this.#closed || this.#watchers.size === 0) return;
    if (!this.#needsRefresh()) return;
    this.#refresh().catch((err) => {
      if (!this.#closed) this.#failWatchers(err);
    });
  }

  #startWatching(): void {
    if (this.#pollTimer === undefined) {
      this.#pollTimer = setInterval(() => {
        if (this.#useWatchFs && !this.#fsWatcher) this.#startFsWatcher();
        this.#poke();
      }, this.#pollInterval);
    }
    if (this.#useWatchFs && !this.#fsWatcher) this.#startFsWatcher();
  }

  #startFsWatcher(): void {
    let fsw: Deno.FsWatcher;
    try {
      fsw = Deno.watchFs(this.#dir, { recursive: false });
    } catch {
      return; // Directory missing, or no notifications here: polling covers it.
    }
    this.#fsWatcher = fsw;
    (async () => {
      for await (const ev of fsw) {
        if (ev.paths.some((p) => p.startsWith(this.#path))) this.#poke();
      }
    })().catch(() => {
      if (this.#fsWatcher === fsw) this.#fsWatcher = undefined;
    });
  }

  #stopWatching(): void {
    if (this.#pollTimer !== undefined) clearInterval(this.#pollTimer);
    this.#pollTimer = undefined;
    const fsw = this.#fsWatcher;
    this.#fsWatcher = undefined;
    try {
      fsw?.close();
    } catch {
      // Already closed.
    }
  }

  watch(options: StorageWatchOptions): StorageWatch {
    const w: Watcher = { prefix: options.prefix, lastRev: 0, queue: undefined! };
    // Caught up with the history: a consumer waiting from now on needs live events.
    let caughtUp = false;
    w.queue = new EventQueue(() => {
      this.#watchers.delete(w);
      if (this.#watchers.size === 0) this.#stopWatching();
    }, () => {
      if (caughtUp) this.#startWatching();
    });
    if (this.#closed) {
      w.queue.fail(new StorageError("Unreachable", { message: "storage is closed" }));
      return w.queue;
    }
    const from = options.fromRevision ?? 0;
    if (from > 0) {
      (async () => {
        if (this.#needsRefresh()) await this.#refresh();
        if (w.queue.closed) return;
        if (from < this.#compacted) return w.queue.fail(compactedError(from, this.#compacted));
        if (from > this.#rev) return w.queue.fail(tooLargeError(from, this.#rev));
        w.lastRev = from;
        this.#watchers.add(w);
        this.#catchUpWatcher(w);
        // The file watcher and poll timer start when the consumer first waits for more: a
        // reader of a bounded range of the history (a controller catching up) takes what is
        // queued and stops without them. Writes made before they start are found by their
        // first look, which reads everything after the last revision delivered.
        caughtUp = true;
        if (w.queue.waiting) this.#startWatching();
      })().catch((err) => w.queue.fail(err));
      return w.queue;
    }
    // "From now": settle what now is synchronously, so that a write issued right after
    // watch() returns is delivered.
    try {
      if (!this.#mutexHeld && this.#needsRefresh()) this.#refreshSync();
    } catch (err) {
      w.queue.fail(err);
      return w.queue;
    }
    w.lastRev = this.#rev;
    this.#watchers.add(w);
    this.#startWatching();
    return w.queue;
  }

  // ---- writing ---------------------------------------------------------------------------

  /** Runs `fn` holding the exclusive lock, with the view up to date. */
  #locked<T>(fn: () => Promise<T> | T): Promise<T> {
    return this.#withMutex(async () => {
      this.#check();
      if (this.#readOnly) {
        throw new StorageError("ReadOnly", {
          message: `Cannot write store "${this.#path}": it was opened read-only`,
        });
      }
      const gate = await this.#lockGate();
      let lock: Deno.FsFile;
      try {
        lock = await this.#lockExclusive();
      } catch (err) {
        gate?.unlockSync();
        throw err;
      }
      this.#exclusive = true;
      try {
        this.#sync(true, false);
        return await fn();
      } finally {
        this.#exclusive = false;
        lock.unlockSync();
        gate?.unlockSync();
      }
    });
  }

  /**
   * Locks the store's directory exclusively: writers exclude each other through it even when
   * the lock file is deleted by hand (a writer that locked the old file and one that created
   * and locked a new one would otherwise both write). A directory cannot be deleted while the
   * store's files are in it. Readers keep to the lock file. Only a directory no one else may
   * read (the default `~/.k1s` is 0700), and not on Windows, where a directory cannot be opened
   * as a file.
   */
  async #lockGate(): Promise<Deno.FsFile | null> {
    if (this.#gate === undefined) {
      if (Deno.build.os === "windows") {
        this.#gate = null;
      } else {
        let gate: Deno.FsFile;
        try {
          gate = Deno.openSync(this.#dir, { read: true });
        } catch (err) {
          if (!isNotFound(err)) throw readError(err, this.#dir);
          // A new store: its directories are made as #lockForWrite makes them.
          try {
            Deno.mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
            gate = Deno.openSync(this.#dir, { read: true });
          } catch (err) {
            throw writeError(err, this.#dir);
          }
        }
        // Whoever can open a directory can lock it: in one that others may read (/tmp, a
        // shared project), they could hold up every writer. There the lock file alone serves.
        const mode = gate.statSync().mode;
        if (mode === null || (mode & 0o044) !== 0) {
          gate.close();
          this.#gate = null;
        } else this.#gate = gate;
      }
    }
    const gate = this.#gate;
    if (gate && !gate.tryLockSync(true)) await gate.lock(true);
    return gate;
  }

  /**
   * Takes the lock file exclusively. If the file was deleted or replaced meanwhile, the lock
   * taken is on a file other processes no longer use: take the current one instead.
   */
  async #lockExclusive(): Promise<Deno.FsFile> {
    for (let attempt = 0;; attempt++) {
      const lock = this.#lockForWrite();
      // An uncontended lock is taken at once; the async call costs a round trip through a
      // blocking thread (about a third of a durable create's time besides its fdatasync).
      if (!lock.tryLockSync(true)) await lock.lock(true);
      let current: number | null | undefined;
      try {
        current = statIno(this.#lockPath);
      } catch (err) {
        lock.unlockSync();
        throw err;
      }
      if (current === lock.statSync().ino || attempt === 3) return lock;
      lock.unlockSync();
      lock.close();
      this.#lock = undefined;
    }
  }

  #lockForWrite(): Deno.FsFile {
    const existing = this.#lockFile();
    if (existing) return existing;
    try {
      // A store holds Secrets and the token signing key: what k1s creates is private to its
      // owner (directories it makes 0700, files 0600); existing ones keep their modes.
      Deno.mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
      this.#lock = Deno.openSync(this.#lockPath, {
        read: true,
        write: true,
        create: true,
        mode: this.#modeOf(this.#path) ?? 0o600,
      });
    } catch (err) {
      throw writeError(err, this.#lockPath);
    }
    return this.#lock;
  }

  /** Writes a file durably under a temporary name, for a later rename. */
  #writeTemp(path: string, parts: Uint8Array[]): void {
    try {
      const f = Deno.openSync(path, { write: true, create: true, truncate: true, mode: 0o600 });
      try {
        for (const p of parts) writeAllSync(f, p);
        // The replacement keeps the mode the user gave the file it replaces; a new journal
        // takes the snapshot's. New stores are private (see #lockForWrite).
        const mode = this.#modeOf(
          path.startsWith(this.#journalPath) ? this.#journalPath : this.#path,
        ) ?? (path.startsWith(this.#journalPath) ? this.#modeOf(this.#path) : null);
        if (mode !== null) Deno.chmodSync(path, mode);
        f.syncSync();
      } finally {
        f.close();
      }
    } catch (err) {
      try {
        Deno.removeSync(path);
      } catch {
        // Nothing to clean up.
      }
      throw writeError(err, path);
    }
  }

  #modeOf(path: string): number | null {
    if (Deno.build.os === "windows") return null;
    try {
      const mode = Deno.statSync(path).mode;
      return mode === null ? null : mode & 0o7777;
    } catch {
      return null;
    }
  }

  /** Appends a hint to the journal file being replaced, so that its readers look again. */
  #hintOld(): void {
    const j = this.#journal;
    if (!j) return;
    try {
      const w = this.#journalWriter ??= Deno.openSync(this.#journalPath, { write: true });
      w.seekSync(0, Deno.SeekMode.End);
      writeAllSync(w, encodeHint());
    } catch (err) {
      throw writeError(err, this.#journalPath);
    }
  }

  /**
   * Installs a new journal: written aside, the old one hinted, then renamed over it. With
   * `snapshotTemp`, the snapshot is renamed into place first (compaction).
   */
  #installJournal(
    header: JournalHeader,
    records: Uint8Array | undefined,
    snapshotTemp?: string,
  ): void {
    const tmp = this.#journalPath + ".tmp";
    const parts = [encodeJournalHeader(header)];
    if (records) parts.push(records);
    try {
      this.#writeTemp(tmp, parts);
      this.#hintOld();
      if (snapshotTemp) Deno.renameSync(snapshotTemp, this.#path);
      Deno.renameSync(tmp, this.#journalPath);
      fsyncDir(this.#dir);
    } catch (err) {
      for (const leftover of [tmp, snapshotTemp]) {
        try {
          if (leftover) Deno.removeSync(leftover);
        } catch {
          // Already renamed or gone.
        }
      }
      try {
        // Whatever step failed, the files on disk are consistent; read them again.
        this.#load();
      } catch {
        // Reported by the next request.
      }
      throw writeError(err, this.#journalPath);
    }
    this.#load();
  }

  /** Creates the store's files (first write). */
  async #createStore(): Promise<void> {
    const meta = {
      version: SNAPSHOT_VERSION,
      storeId: randomId(),
      generation: 1,
      revision: 0,
      compacted: 0,
    };
    const { bytes } = await buildSnapshot({
      base: undefined,
      baseCompacted: 0,
      meta,
      ops: [],
      historySize: this.#historySize,
      vacuumShare: 1,
      summarizer: this.#summarizer,
    });
    const tmp = this.#path + ".k1s-snapshot.tmp";
    this.#writeTemp(tmp, [bytes]);
    try {
      Deno.renameSync(tmp, this.#path);
      fsyncDir(this.#dir);
      try {
        // Makes a just-created store directory's own entry durable. A process allowed to read
        // only the store's directory (the CLI's narrow permissions) cannot open the parent;
        // the store files themselves are already durable, so carry on.
        fsyncDir(dirname(this.#dir));
      } catch (e) {
        if (!(e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied)) {
          throw e;
        }
      }
    } catch (err) {
      throw writeError(err, this.#path);
    }
    this.#load();
  }

  /** Makes the files ready for an append: store created, journal current and clean. */
  async #prepareAppend(): Promise<JournalState> {
    if (!this.#snap) await this.#createStore();
    const snap = this.#snap!;
    let j = this.#journal;
    if (!j || j.obsolete) {
      this.#installJournal({
        version: JOURNAL_VERSION,
        storeId: snap.meta.storeId,
        generation: snap.meta.generation,
        baseRevision: snap.meta.revision,
      }, undefined);
      j = this.#journal!;
    } else if (j.torn || j.seen !== j.end) {
      // A crashed append left a partial record. Journal files only ever grow (readers detect
      // change by size), so the valid prefix goes to a new file rather than a truncation.
      const valid = new Uint8Array(j.end - JOURNAL_HEADER_SIZE);
      preadSync(j.file, valid, JOURNAL_HEADER_SIZE);
      this.#installJournal(j.header, valid);
      j = this.#journal!;
    }
    return j;
  }

  /**
   * Appends one record, durably unless told otherwise; on failure nothing is applied and the
   * tail is cut back. A record appended without fdatasync is made durable by the next one
   * with it (in any process): fdatasync flushes the whole file, so a crash can lose only a
   * tail of non-durable records, which readers drop as torn.
   */
  #append(j: JournalState, record: Uint8Array, durable = true): void {
    let w: Deno.FsFile;
    try {
      w = this.#journalWriter ??= Deno.openSync(this.#journalPath, { write: true });
    } catch (err) {
      throw writeError(err, this.#journalPath);
    }
    try {
      w.seekSync(j.end, Deno.SeekMode.Start);
      writeAllSync(w, record);
      if (durable) w.syncDataSync();
    } catch (err) {
      // Nobody can have read the partial record (we hold the lock), so cutting it off keeps
      // sizes seen under the lock growing. If even that fails, readers drop it as torn.
      try {
        w.truncateSync(j.end);
        w.syncDataSync();
      } catch {
        j.torn = true;
        j.seen = -1;
      }
      throw writeError(err, this.#journalPath);
    }
    j.end += record.length;
    j.seen = j.end;
  }

  /** Commits validated operations (the lock is held): one record, one fsync. */
  async #commit(ops: NewOp[], durable = true): Promise<number> {
    const j = await this.#prepareAppend();
    const first = this.#rev + 1;
    this.#append(j, encodeCommit(first, ops), durable);
    for (const op of ops) {
      this.#push({
        rev: this.#rev + 1,
        type: op.type,
        key: op.key,
        prevRev: op.prevRev,
        json: op.json,
        bytes: undefined,
      });
    }
    this.#deliver();
    this.#maybeCompact();
    return first;
  }

  #threshold(): number {
    return compactionThreshold(this.#snap?.size ?? 0, this.#tuning);
  }

  #maybeCompact(): void {
    const j = this.#journal;
    if (!j || this.#compaction || this.#closed) return;
    if (j.end < Math.max(this.#threshold(), this.#compactAfter)) return;
    this.#compaction = this.#locked(() => this.#compactLocked())
      .catch((err) => {
        if (this.#closed) return;
        this.#compactAfter = (this.#journal?.end ?? 0) + this.#threshold();
        this.#onWarning?.(
          `Could not compact store "${this.#path}" (will retry later): ${(err as Error).message}`,
          err,
        );
      })
      .finally(() => this.#compaction = undefined);
  }

  /** Folds the journal into a new snapshot generation. */
  async #compactLocked(): Promise<void> {
    const snap = this.#snap;
    const j = this.#journal;
    if (!snap || !j || j.obsolete || j.end < this.#threshold()) return;
    let base: Uint8Array;
    try {
      base = Deno.readFileSync(this.#path);
    } catch (err) {
      throw readError(err, this.#path);
    }
    const ops: BuildOp[] = this.#ops.map((op) => ({
      rev: op.rev,
      type: op.type,
      key: op.key,
      prevRev: op.prevRev,
      value: op.type === OP_DELETED ? undefined : (op.bytes ?? encoder.encode(opJson(op))),
    }));
    const meta = {
      ...snap.meta,
      version: SNAPSHOT_VERSION,
      generation: snap.meta.generation + 1,
      revision: this.#rev,
      compacted: this.#compacted,
    };
    const { bytes } = await buildSnapshot({
      base,
      baseCompacted: snap.meta.compacted,
      meta,
      ops,
      historySize: this.#historySize,
      vacuumShare: 0.25,
      summarizer: this.#summarizer,
    });
    const tmp = this.#path + ".k1s-snapshot.tmp";
    this.#writeTemp(tmp, [bytes]);
    // #installJournal removes the temporary snapshot if it fails before renaming it.
    this.#installJournal(
      {
        version: JOURNAL_VERSION,
        storeId: meta.storeId,
        generation: meta.generation,
        baseRevision: meta.revision,
      },
      undefined,
      tmp,
    );
    this.#compactAfter = 0;
  }

  #validateKey(key: string): void {
    if (!key) throw new StorageError("Invalid", { message: "empty key" });
  }

  /** Whether the store does not exist yet (so a write that needs an existing key fails). */
  #missing(): boolean {
    return !this.#snap && !this.#lock && statIno(this.#lockPath) === undefined;
  }

  async create(
    key: string,
    obj: KubeObject,
    options: StorageCreateOptions = {},
  ): Promise<KubeObject> {
    this.#check();
    this.#validateKey(key);
    const json = encodeObject(obj);
    const rev = await this.#locked(() => {
      checkPrecondition(options.precondition, (k) => this.#current(k));
      const cur = this.#current(key);
      if (cur) throw new StorageError("KeyExists", { key, revision: cur.rev });
      return this.#commit([{ type: OP_ADDED, key, prevRev: 0, json }]);
    });
    return decodeObject(json, rev);
  }

  async update(key: string, obj: KubeObject, options: StorageUpdateOptions): Promise<KubeObject> {
    this.#check();
    const json = encodeObject(obj);
    if (this.#missing()) throw new StorageError("KeyNotFound", { key });
    const rev = await this.#locked(() => {
      const cur = this.#current(key);
      if (!cur) throw new StorageError("KeyNotFound", { key });
      if (options.expectedRevision !== cur.rev) {
        throw new StorageError("Conflict", { key, revision: cur.rev });
      }
      return this.#commit([{ type: OP_MODIFIED, key, prevRev: cur.rev, json }]);
    });
    return decodeObject(json, rev);
  }

  async delete(key: string, options: StorageDeleteOptions = {}): Promise<KubeObject> {
    this.#check();
    if (this.#missing()) throw new StorageError("KeyNotFound", { key });
    let last = "";
    const rev = await this.#locked(() => {
      const cur = this.#current(key);
      if (!cur) throw new StorageError("KeyNotFound", { key });
      if (options.expectedRevision !== undefined && options.expectedRevision !== cur.rev) {
        throw new StorageError("Conflict", { key, revision: cur.rev });
      }
      last = cur.json;
      return this.#commit([{ type: OP_DELETED, key, prevRev: cur.rev, json: undefined }]);
    });
    return decodeObject(last, rev);
  }

  async get(key: string): Promise<KubeObject | undefined> {
    this.#check();
    if (this.#needsRefresh()) await this.#refresh();
    const cur = this.#current(key);
    return cur ? this.#objects.get(key, cur.rev, cur.json) : undefined;
  }

  setSummarizer(summarizer: Summarizer): void {
    this.#summarizer = summarizer;
  }

  async list(options: StorageListOptions): Promise<StorageListResult> {
    this.#check();
    if (this.#needsRefresh()) await this.#refresh();
    return this.#list(options, undefined);
  }

  async revision(): Promise<number> {
    this.#check();
    if (this.#needsRefresh()) await this.#refresh();
    return this.#rev;
  }

  async compactedRevision(): Promise<number> {
    this.#check();
    if (this.#needsRefresh()) await this.#refresh();
    return this.#compacted;
  }

  async compact(revision: number): Promise<void> {
    this.#check();
    if (this.#missing()) {
      if (revision > 0) throw tooLargeError(revision, 0);
      return;
    }
    await this.#locked(async () => {
      if (revision > this.#rev) throw tooLargeError(revision, this.#rev);
      if (revision <= this.#compacted) return;
      const j = await this.#prepareAppend();
      this.#append(j, encodeCompact(revision));
      this.#compacted = revision;
      this.#deliver();
    });
  }

  async transaction<T>(
    fn: (tx: Storage) => Promise<T>,
    options: StorageTransactionOptions = {},
  ): Promise<T> {
    this.#check();
    return await this.#locked(async () => {
      const tx = new SqliteTransaction(this.#txApi());
      try {
        const result = await fn(tx);
        tx.finish();
        this.#check();
        if (tx.ops.length) await this.#commit(tx.ops, options.durable ?? true);
        return result;
      } finally {
        tx.finish();
      }
    });
  }

  #txApi(): TxApi {
    return {
      current: (key) => this.#current(key),
      list: (options, top) => this.#list(options, top),
      rev: () => this.#rev,
      compacted: () => this.#compacted,
      storage: this,
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#compaction;
    this.#closed = true;
    for (const w of [...this.#watchers]) w.queue.stop();
    this.#stopWatching();
    await this.#withMutex(() => {
      this.#closeFiles();
      for (const f of [this.#lock, this.#gate]) {
        try {
          f?.close();
        } catch {
          // Already closed.
        }
      }
      this.#lock = undefined;
      this.#gate = undefined;
      this.#ops = [];
      this.#overlay = new Map();
      this.#sortedOverlay = undefined;
    });
  }
}

/** Fails with `Conflict` unless the precondition's key is at its revision (0: absent). */
function checkPrecondition(
  p: StoragePrecondition | undefined,
  current: (key: string) => ObjectRow | undefined,
): void {
  if (!p) return;
  const rev = current(p.key)?.rev ?? 0;
  if (rev !== p.revision) throw new StorageError("Conflict", { key: p.key, revision: rev });
}

interface TxApi {
  current(key: string): ObjectRow | undefined;
  list(options: StorageListOptions, top: Map<string, ObjectRow | null>): StorageListResult;
  rev(): number;
  compacted(): number;
  storage: Storage;
}

/**
 * Buffers a transaction's writes; they commit as one journal record. It is the view `fn` gets,
 * a class rather than closures so that a short process compiles only the methods it calls.
 */
class SqliteTransaction implements Storage {
  readonly name = "sqlite";
  ops: NewOp[] = [];
  #api: TxApi;
  #top = new Map<string, ObjectRow | null>();
  #done = false;

  constructor(api: TxApi) {
    this.#api = api;
  }

  #current(key: string): ObjectRow | undefined {
    const top = this.#top;
    return top.has(key) ? top.get(key) ?? undefined : this.#api.current(key);
  }

  #nextRev(): number {
    return this.#api.rev() + this.ops.length + 1;
  }

  #existing(key: string, expected: number | undefined): ObjectRow {
    const cur = this.#current(key);
    if (!cur) throw new StorageError("KeyNotFound", { key });
    if (expected !== undefined && expected !== cur.rev) {
      throw new StorageError("Conflict", { key, revision: cur.rev });
    }
    return cur;
  }

  async get(key: string): Promise<KubeObject | undefined> {
    this.#live();
    const cur = this.#current(key);
    await Promise.resolve();
    return cur ? decodeObject(cur.json, cur.rev) : undefined;
  }

  async list(options: StorageListOptions): Promise<StorageListResult> {
    this.#live();
    await Promise.resolve();
    return this.#api.list({ ...options, revision: 0 }, this.#top);
  }

  async create(
    key: string,
    obj: KubeObject,
    options: StorageCreateOptions = {},
  ): Promise<KubeObject> {
    this.#live();
    if (!key) throw new StorageError("Invalid", { message: "empty key" });
    checkPrecondition(options.precondition, (k) => this.#current(k));
    const cur = this.#current(key);
    if (cur) throw new StorageError("KeyExists", { key, revision: cur.rev });
    const json = encodeObject(obj);
    const rev = this.#nextRev();
    this.ops.push({ type: OP_ADDED, key, prevRev: 0, json });
    this.#top.set(key, { rev, json });
    await Promise.resolve();
    return decodeObject(json, rev);
  }

  async update(
    key: string,
    obj: KubeObject,
    options: StorageUpdateOptions,
  ): Promise<KubeObject> {
    this.#live();
    const cur = this.#existing(key, options.expectedRevision);
    const json = encodeObject(obj);
    const rev = this.#nextRev();
    this.ops.push({ type: OP_MODIFIED, key, prevRev: cur.rev, json });
    this.#top.set(key, { rev, json });
    await Promise.resolve();
    return decodeObject(json, rev);
  }

  async delete(key: string, options: StorageDeleteOptions = {}): Promise<KubeObject> {
    this.#live();
    const cur = this.#existing(key, options.expectedRevision);
    const rev = this.#nextRev();
    this.ops.push({ type: OP_DELETED, key, prevRev: cur.rev, json: undefined });
    this.#top.set(key, null);
    await Promise.resolve();
    return decodeObject(cur.json, rev);
  }

  watch(options: StorageWatchOptions): StorageWatch {
    return this.#api.storage.watch(options);
  }

  revision(): Promise<number> {
    return Promise.resolve(this.#api.rev() + this.ops.length);
  }

  compactedRevision(): Promise<number> {
    return Promise.resolve(this.#api.compacted());
  }

  compact(): Promise<void> {
    return Promise.reject(
      new StorageError("Invalid", { message: "compact inside a transaction" }),
    );
  }

  transaction<T>(fn: (tx: Storage) => Promise<T>): Promise<T> {
    return fn(this);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  #live(): void {
    if (this.#done) {
      throw new StorageError("Invalid", { message: "transaction already finished" });
    }
  }

  finish(): void {
    this.#done = true;
  }
}

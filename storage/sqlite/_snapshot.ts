// Copyright 2026 the k1s authors. Apache-2.0 license.
// The snapshot: an ordinary SQLite database (written by sql.js) holding the objects and the
// recent change log as of one revision. Read through SqliteReader, written by buildSnapshot.
//
// Layout (kine-like): `revs` has one row per retained revision with the state written at it;
// `objects` maps each live key to the revision of its current state. A value is stored once
// whether it is current, history, or both. `objects.summary` is the object's table row (see
// core/storage/summary.ts), computed when the snapshot is written, under the summarizer version
// `k1s_meta.summary_version`; it is absent in stores written before it and then added.
// `summary_lists` holds, for each large group of keys sharing a parent (the objects of one kind
// in one namespace), the group's names, revisions and summaries as one JSON text, so that a list
// made for a table parses one text instead of walking the index; it is valid for the generation
// in `k1s_meta.summary_lists_generation` only (a k1s that does not know it leaves it stale).
import { StorageError } from "../../core/storage/storage_error.ts";
import type { Summarizer } from "../../core/storage/types.ts";
import { OP_DELETED } from "./_journal.ts";
import { columnBytes, columnNumber, columnText, SqliteReader } from "./_sqlite_reader.ts";
import { loadSqlJs, type SqlDatabase } from "./_sqljs.ts";

/** The snapshot format this code writes and reads. */
export const SNAPSHOT_VERSION = 1;
const FORMAT = "k1s-store";

const SCHEMA = `
CREATE TABLE k1s_meta (name TEXT PRIMARY KEY, value);
CREATE TABLE objects (key TEXT PRIMARY KEY, rev INTEGER NOT NULL, summary TEXT) WITHOUT ROWID;
CREATE TABLE revs (
  rev INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  type INTEGER NOT NULL,
  prev_rev INTEGER NOT NULL,
  value TEXT
);
CREATE VIEW current_objects AS
  SELECT o.key AS key, o.rev AS rev, r.value AS value FROM objects o JOIN revs r ON r.rev = o.rev;
`;

/** The `k1s_meta` values of a snapshot. */
export interface SnapshotMeta {
  /** Snapshot format version. */
  version: number;
  /** 32 hex digits naming the store; its journal carries the same. */
  storeId: string;
  /** +1 per snapshot written; the journal names the generation it continues. */
  generation: number;
  /** The store revision the snapshot holds. */
  revision: number;
  /** Changes up to and including this revision are forgotten. */
  compacted: number;
  /** The summarizer version of the summaries in `objects`, if any. */
  summaries?: string;
  /** The generation `summary_lists` was written for, if any. */
  summaryLists?: number;
}

/** Groups smaller than this get no summary list: walking their index entries costs little. */
const MIN_SUMMARY_LIST = 64;

/** An object's state at a revision. */
export interface ObjectRow {
  /** Revision of the change that wrote it. */
  rev: number;
  /** Stored JSON. */
  json: string;
}

/** A row of `revs`: one change. */
export interface ChangeRow {
  /** Revision of the change. */
  rev: number;
  /** The key. */
  key: string;
  /** OP_ADDED, OP_MODIFIED or OP_DELETED. */
  type: number;
  /** The key's revision before the change (0 for ADDED); that row is kept while this one is. */
  prevRev: number;
  /** The new state (ADDED, MODIFIED). */
  json: string | undefined;
}

/** A key listed by {@linkcode Snapshot.keys}, before decoding. */
export interface KeyEntry {
  /**
   * The key's UTF-8 bytes: a view of a page the page cache handed out, whose buffer is never
   * reused, so it stays valid after the iteration moves on (lists compare it with the next).
   */
  bytes: Uint8Array;
  /** The revision of its current state. */
  rev: number;
  /** Its summary's UTF-8 bytes (a view, as `bytes`), when asked for and present. */
  summary: Uint8Array | undefined;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function corrupt(path: string, why: string, fix: string): StorageError {
  return new StorageError("Corrupt", { message: `Cannot open store "${path}": ${why}; ${fix}` });
}

/** An open snapshot file. */
export class Snapshot {
  /** Its metadata. */
  readonly meta: SnapshotMeta;
  /** File size in bytes. */
  readonly size: number;
  /** The file's inode number (null where the platform has none). */
  readonly ino: number | null;
  readonly #db: SqliteReader;
  readonly #path: string;
  readonly #objects: number;
  readonly #revs: number;
  readonly #lists: number;
  readonly #rows = new Map<string, ObjectRow | null>();
  #rowBytes = 0;
  readonly #maxRowBytes: number;

  private constructor(
    db: SqliteReader,
    path: string,
    ino: number | null,
    size: number,
    meta: SnapshotMeta,
    roots: [number, number, number],
    maxRowBytes: number,
  ) {
    this.#db = db;
    this.#path = path;
    this.ino = ino;
    this.size = size;
    this.meta = meta;
    [this.#objects, this.#revs, this.#lists] = roots;
    this.#maxRowBytes = maxRowBytes;
  }

  /**
   * Opens the snapshot at `path`; undefined when it does not exist. Throws a Corrupt
   * StorageError when the file is not a k1s snapshot this code can read.
   *
   * @param path The file.
   * @param cacheBytes Memory for the page cache and the decoded-row cache together.
   */
  static open(path: string, cacheBytes: number): Snapshot | undefined {
    let file: Deno.FsFile;
    try {
      file = Deno.openSync(path, { read: true });
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return undefined;
      throw err;
    }
    try {
      const st = file.statSync();
      const db = new SqliteReader(file, path, st.size, Math.ceil(cacheBytes / 2 / 4096));
      const tables = new Map<string, number>();
      for (const [, payload] of db.tableScan(1)) {
        const cols = db.columns(payload);
        if (cols.length < 4) continue;
        const name = columnText(payload, cols[1]);
        const root = columnNumber(payload, cols[3]);
        if (name !== undefined && root !== undefined) tables.set(name, root);
      }
      const metaRoot = tables.get("k1s_meta");
      if (metaRoot === undefined) {
        throw corrupt(
          path,
          "the file is an SQLite database but not a k1s store (it has no k1s_meta table)",
          "choose another store path",
        );
      }
      const values = new Map<string, string | number | undefined>();
      for (const [, payload] of db.tableScan(metaRoot)) {
        const cols = db.columns(payload);
        if (cols.length < 2) continue;
        const name = columnText(payload, cols[0]);
        const c = cols[1];
        const value = c.type >= 13 && c.type & 1
          ? columnText(payload, c)
          : columnNumber(payload, c);
        if (name !== undefined) values.set(name, value);
      }
      if (values.get("format") !== FORMAT) {
        throw corrupt(
          path,
          "the file is an SQLite database but not a k1s store (k1s_meta.format is not " +
            `"${FORMAT}")`,
          "choose another store path",
        );
      }
      const version = Number(values.get("version"));
      if (!(version >= 1)) {
        throw corrupt(path, "k1s_meta.version is missing", "restore a backup");
      }
      if (version > SNAPSHOT_VERSION) {
        throw corrupt(
          path,
          `it was written by a newer k1s (store format ${version}, this k1s reads ${SNAPSHOT_VERSION})`,
          "upgrade k1s to open this store",
        );
      }
      const num = (name: string) => {
        const v = values.get(name);
        if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
          throw corrupt(path, `k1s_meta.${name} is missing or invalid`, "restore a backup");
        }
        return v;
      };
      const storeId = values.get("store_id");
      if (typeof storeId !== "string" || !/^[0-9a-f]{32}$/.test(storeId)) {
        throw corrupt(path, "k1s_meta.store_id is missing or invalid", "restore a backup");
      }
      const meta: SnapshotMeta = {
        version,
        storeId,
        generation: num("generation"),
        revision: num("revision"),
        compacted: num("compacted"),
      };
      const summaries = values.get("summary_version");
      if (typeof summaries === "string") meta.summaries = summaries;
      const lists = values.get("summary_lists_generation");
      if (typeof lists === "number") meta.summaryLists = lists;
      const roots: [number, number, number] = [
        tables.get("objects") ?? 0,
        tables.get("revs") ?? 0,
        tables.get("summary_lists") ?? 0,
      ];
      if (roots[0] === 0 || roots[1] === 0) {
        throw corrupt(path, "the k1s tables are missing", "restore a backup");
      }
      return new Snapshot(db, path, st.ino, st.size, meta, roots, Math.floor(cacheBytes / 2));
    } catch (err) {
      file.close();
      throw err;
    }
  }

  #missing(what: string): StorageError {
    return corrupt(this.#path, `the snapshot is damaged (${what})`, "restore a backup");
  }

  /** The state written at revision `rev` (a row of `revs`). */
  #revRow(rev: number): ChangeRow | undefined {
    const payload = this.#db.tableGet(this.#revs, rev);
    if (!payload) return undefined;
    const c = this.#db.columns(payload);
    return {
      rev,
      key: columnText(payload, c[1]) ?? "",
      type: columnNumber(payload, c[2]) ?? 0,
      prevRev: columnNumber(payload, c[3]) ?? 0,
      json: c[4] ? columnText(payload, c[4]) : undefined,
    };
  }

  /**
   * The summary list of the keys whose parent is `parent` (a prefix ending with `/`): JSON
   * `{"n": [names], "r": [revisions], "s": [summaries]}`, a key being `parent` + its name, in key
   * order, holding every key that begins with `parent`. Undefined when the snapshot has none for
   * it, or none written for its generation.
   */
  summaryList(parent: string): string | undefined {
    if (this.#lists === 0 || this.meta.summaryLists !== this.meta.generation) return undefined;
    const entry = this.#db.indexGet(this.#lists, encoder.encode(parent));
    return entry && columnText(entry, this.#db.column(entry, 1));
  }

  /** The state of `key` as of the snapshot, or undefined. */
  get(key: string): ObjectRow | undefined {
    const hit = this.#rows.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const entry = this.#db.indexGet(this.#objects, encoder.encode(key));
    let row: ObjectRow | null = null;
    if (entry) {
      const rev = this.#db.keyInt(entry).int;
      row = { rev, json: this.#json(rev) };
    }
    this.#cache(key, row);
    return row ?? undefined;
  }

  /** The value written at `rev` (only that column of the `revs` row is decoded). */
  #json(rev: number): string {
    // Decoded at once, so the page may come from a scan's reused buffer.
    const payload = this.#db.tableGet(this.#revs, rev, true);
    const json = payload && columnText(payload, this.#db.column(payload, 4));
    if (json === undefined) throw this.#missing(`no value for revision ${rev}`);
    return json;
  }

  #cache(key: string, row: ObjectRow | null): void {
    const size = key.length + (row?.json.length ?? 0) + 64;
    if (this.#rowBytes + size > this.#maxRowBytes) {
      // Evict the oldest quarter in one pass: a Map keeps deleted slots until it rehashes, so
      // starting a new iteration per eviction would rescan them every time.
      const goal = this.#maxRowBytes * 0.75 - size;
      for (const [k, v] of this.#rows) {
        if (this.#rowBytes <= goal) break;
        this.#rows.delete(k);
        this.#rowBytes -= k.length + (v?.json.length ?? 0) + 64;
      }
    }
    this.#rows.set(key, row);
    this.#rowBytes += size;
  }

  /**
   * Current keys from `start` on that begin with `prefix`, in key order (UTF-8 byte order,
   * which is code point order), with their summaries when `summaries` is set.
   */
  *keys(start: Uint8Array, prefix: Uint8Array, summaries = false): Generator<KeyEntry> {
    const entry: KeyEntry = { bytes: start, rev: 0, summary: undefined };
    // SQLite pages carry no checksums: a damaged key would end a scan early, silently. Keys come
    // in strictly increasing order, so one out of order (checked against the key before it, and
    // past the prefix against the key after it) is damage.
    let prev: Uint8Array | undefined;
    const scan = this.#db.indexScan(this.#objects, start);
    for (const payload of scan) {
      const k = this.#db.keyInt(payload);
      const bytes = payload.subarray(k.start, k.start + k.length);
      const rev = k.int;
      if (prev && compareBytes(bytes, prev) <= 0) throw this.#missing("index keys out of order");
      if (!startsWith(bytes, prefix)) {
        const next = scan.next();
        if (
          compareBytes(bytes, prefix) < 0 ||
          (!next.done && compareBytes(keyOf(this.#db, next.value), bytes) <= 0)
        ) throw this.#missing("index keys out of order");
        return;
      }
      prev = bytes;
      entry.bytes = bytes;
      entry.rev = rev;
      if (summaries) entry.summary = columnBytes(payload, this.#db.column(payload, 2));
      yield entry;
    }
  }

  /** The state of `key` written at `rev` (from {@linkcode Snapshot.keys}). */
  row(key: string | undefined, rev: number): ObjectRow {
    if (key !== undefined) {
      const hit = this.#rows.get(key);
      if (hit && hit.rev === rev) return hit;
    }
    return { rev, json: this.#json(rev) };
  }

  /** Changes with a revision greater than `rev`, in revision order. */
  *changesAfter(rev: number): Generator<ChangeRow> {
    for (const [id, payload] of this.#db.tableScan(this.#revs, rev + 1)) {
      const c = this.#db.columns(payload);
      yield {
        rev: id,
        key: columnText(payload, c[1]) ?? "",
        type: columnNumber(payload, c[2]) ?? 0,
        prevRev: columnNumber(payload, c[3]) ?? 0,
        json: c[4] ? columnText(payload, c[4]) : undefined,
      };
    }
  }

  /** The state written at revision `rev`, or undefined when it is not kept. */
  state(rev: number): ObjectRow | undefined {
    const r = this.#revRow(rev);
    return r && r.type !== OP_DELETED && r.json !== undefined ? { rev, json: r.json } : undefined;
  }

  /** Releases the file. */
  close(): void {
    this.#rows.clear();
    this.#db.close();
  }
}

/** A change to fold into a snapshot. */
export interface BuildOp {
  /** Its revision. */
  rev: number;
  /** OP_ADDED, OP_MODIFIED or OP_DELETED. */
  type: number;
  /** The key. */
  key: string;
  /** Revision before (0 for ADDED). */
  prevRev: number;
  /** New stored JSON as UTF-8 (absent for DELETED). */
  value: Uint8Array | undefined;
}

/** What {@linkcode buildSnapshot} needs. */
export interface BuildInput {
  /** The current snapshot's bytes; absent to start a new store. */
  base: Uint8Array | undefined;
  /** The compacted revision recorded in `base`. */
  baseCompacted: number;
  /** The new snapshot's metadata. `compacted` is raised to keep at most `historySize` changes. */
  meta: SnapshotMeta;
  /** The changes since `base`, in revision order. */
  ops: readonly BuildOp[];
  /** How many changes to keep in the log. */
  historySize: number;
  /** Rewrite the file without free pages when at least this share of pages is free. */
  vacuumShare: number;
  /** Computes the objects' summaries; without it, changed objects have none. */
  summarizer?: Summarizer;
}

/**
 * Builds the next snapshot with sql.js: applies `ops` to `base`, forgets history up to the
 * new compacted revision and returns the database file image and that revision.
 */
export async function buildSnapshot(
  input: BuildInput,
): Promise<{ bytes: Uint8Array; compacted: number }> {
  const SQL = await loadSqlJs();
  const db: SqlDatabase = new SQL.Database(input.base);
  try {
    // The image lives in memory and is discarded on any error: no rollback journal needed,
    // and a large page cache keeps SQLite from spilling pages into sql.js's file system.
    db.exec("PRAGMA journal_mode=OFF; PRAGMA cache_size=-65536;");
    if (input.base) {
      // SQLite pages carry no checksums: a damaged snapshot would be copied into the next one,
      // its damage made permanent. The whole check costs a few milliseconds per megabyte.
      const check = db.prepare("PRAGMA integrity_check");
      const problems: string[] = [];
      try {
        while (check.step()) problems.push(String((check.get() as unknown[])[0]));
      } finally {
        check.free();
      }
      if (problems.length !== 1 || problems[0] !== "ok") {
        throw new StorageError("Corrupt", {
          message: `the snapshot is damaged (SQLite's integrity check: ${
            problems.slice(0, 3).join("; ")
          }); restore a backup`,
        });
      }
    } else db.exec(SCHEMA);
    const { meta, ops, summarizer } = input;
    const compacted = Math.max(meta.compacted, meta.revision - input.historySize);
    db.exec("BEGIN");
    const summaries = prepareSummaries(db, summarizer);
    const insRev = db.prepare(
      "INSERT INTO revs (rev, key, type, prev_rev, value) VALUES (?, ?, ?, ?, CAST(? AS TEXT))",
    );
    const setObject = db.prepare(
      summaries
        ? "INSERT OR REPLACE INTO objects (key, rev, summary) VALUES (?, ?, ?)"
        : "INSERT OR REPLACE INTO objects (key, rev) VALUES (?, ?)",
    );
    const delObject = db.prepare("DELETE FROM objects WHERE key = ?");
    try {
      for (const op of ops) {
        insRev.run([op.rev, op.key, op.type, op.prevRev, op.value ?? null]);
        if (op.type === OP_DELETED) delObject.run([op.key]);
        else if (!summaries) setObject.run([op.key, op.rev]);
        else {
          const summary = summarizer && op.value ? summarizer.summarize(utf8(op.value)) : undefined;
          setObject.run([op.key, op.rev, summary ?? null]);
        }
      }
    } finally {
      insRev.free();
      setObject.free();
      delObject.free();
    }
    if (compacted > input.baseCompacted) {
      // Forget states superseded by a change at or before `compacted`, and deletions there.
      // A state superseded later stays: it is the previous state of a change still kept.
      const window = [input.baseCompacted, compacted];
      const superseded = db.prepare(
        "DELETE FROM revs WHERE rev IN (SELECT prev_rev FROM revs WHERE rev > ? AND rev <= ? " +
          "AND type <> 1)",
      );
      superseded.run(window);
      superseded.free();
      const tombstones = db.prepare("DELETE FROM revs WHERE rev > ? AND rev <= ? AND type = 3");
      tombstones.run(window);
      tombstones.free();
    }
    // Summary lists are rewritten with the summaries; without a summarizer they would go stale.
    const lists = !!summarizer;
    if (lists) writeSummaryLists(db);
    else db.exec("DROP TABLE IF EXISTS summary_lists");
    const setMeta = db.prepare("INSERT OR REPLACE INTO k1s_meta (name, value) VALUES (?, ?)");
    for (
      const [k, v] of [
        ["format", FORMAT],
        ["version", SNAPSHOT_VERSION],
        ["store_id", meta.storeId],
        ["generation", meta.generation],
        ["revision", meta.revision],
        ["compacted", compacted],
        ...(summarizer ? [["summary_version", summarizer.version] as const] : []),
        ...(lists ? [["summary_lists_generation", meta.generation] as const] : []),
      ] as const
    ) setMeta.run([k, v]);
    setMeta.free();
    if (!lists) db.exec("DELETE FROM k1s_meta WHERE name = 'summary_lists_generation'");
    db.exec("COMMIT");
    if (input.base && input.vacuumShare < 1) {
      const pages = db.prepare(
        "SELECT freelist_count, page_count FROM pragma_freelist_count, pragma_page_count",
      );
      pages.step();
      const [free, total] = pages.get() as number[];
      pages.free();
      if (total > 64 && free / total >= input.vacuumShare) db.exec("VACUUM");
    }
    return { bytes: db.export(), compacted };
  } finally {
    db.close();
  }
}

/**
 * Readies `objects` for this build's summaries: adds the column to a snapshot written before
 * it, and recomputes every summary written under another summarizer version (or none). Returns
 * whether the table has the column.
 */
function prepareSummaries(db: SqlDatabase, summarizer: Summarizer | undefined): boolean {
  const info = db.prepare(
    "SELECT count(*) FROM pragma_table_info('objects') WHERE name = 'summary'",
  );
  info.step();
  let has = (info.get() as number[])[0] > 0;
  info.free();
  if (!summarizer) return has;
  if (!has) {
    db.exec("ALTER TABLE objects ADD COLUMN summary TEXT");
    has = true;
  }
  const version = db.prepare("SELECT value FROM k1s_meta WHERE name = 'summary_version'");
  const current = version.step() ? (version.get() as unknown[])[0] : undefined;
  version.free();
  if (current === summarizer.version) return has;
  const rows = db.prepare(
    "SELECT o.key, r.value FROM objects o JOIN revs r ON r.rev = o.rev",
  );
  const set = db.prepare("UPDATE objects SET summary = ? WHERE key = ?");
  try {
    const updates: [string | null, string][] = [];
    while (rows.step()) {
      const [key, value] = rows.get() as [string, string | null];
      updates.push([value === null ? null : summarizer.summarize(value) ?? null, key]);
    }
    for (const u of updates) set.run(u);
  } finally {
    rows.free();
    set.free();
  }
  return has;
}

/**
 * Rewrites `summary_lists` from `objects`: one list per parent prefix (the key up to its last
 * `/`) whose keys all have summaries, that no deeper key shares, and that has at least
 * {@linkcode MIN_SUMMARY_LIST} keys.
 */
function writeSummaryLists(db: SqlDatabase): void {
  db.exec(
    "CREATE TABLE IF NOT EXISTS summary_lists (parent TEXT PRIMARY KEY, body TEXT NOT NULL) " +
      "WITHOUT ROWID; DELETE FROM summary_lists;",
  );
  // SQLite's BINARY order of TEXT is UTF-8 byte order, the order of the store's keys.
  const rows = db.prepare("SELECT key, rev, summary FROM objects ORDER BY key");
  const groups = new Map<
    string,
    { names: string[]; revs: number[]; summaries: string[]; complete: boolean }
  >();
  // Prefixes that some key extends beyond its last `/` (a list of them holds deeper keys too).
  const deeper = new Set<string>();
  try {
    while (rows.step()) {
      const [key, rev, summary] = rows.get() as [string, number, string | null];
      const cut = key.lastIndexOf("/") + 1;
      if (cut === 0) continue;
      const parent = key.slice(0, cut);
      for (let i = key.indexOf("/"); i >= 0 && i + 1 < cut; i = key.indexOf("/", i + 1)) {
        deeper.add(key.slice(0, i + 1));
      }
      let g = groups.get(parent);
      if (!g) groups.set(parent, g = { names: [], revs: [], summaries: [], complete: true });
      if (summary === null) g.complete = false;
      else if (g.complete) {
        g.names.push(JSON.stringify(key.slice(cut)));
        g.revs.push(rev);
        g.summaries.push(summary);
      }
    }
  } finally {
    rows.free();
  }
  const insert = db.prepare("INSERT INTO summary_lists (parent, body) VALUES (?, ?)");
  try {
    for (const [parent, g] of groups) {
      if (!g.complete || g.names.length < MIN_SUMMARY_LIST || deeper.has(parent)) continue;
      const body = `{"n":[${g.names.join(",")}],"r":[${g.revs.join(",")}],"s":[${
        g.summaries.join(",")
      }]}`;
      insert.run([parent, body]);
    }
  } finally {
    insert.free();
  }
}

/** The key (first column) of an index entry of `objects`. */
function keyOf(db: SqliteReader, payload: Uint8Array): Uint8Array {
  const k = db.keyInt(payload);
  return payload.subarray(k.start, k.start + k.length);
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** Byte order (UTF-8 byte order is code point order, SQLite's BINARY collation). */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Decodes stored UTF-8 JSON. */
export function utf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

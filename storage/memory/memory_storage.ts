// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The in-memory storage backend.
 *
 * @module
 */
import type { KubeObject } from "../../core/object/types.ts";
import type {
  Storage,
  StorageCreateOptions,
  StorageDeleteOptions,
  StorageEvent,
  StorageEventType,
  StorageGetOptions,
  StorageListOptions,
  StorageListResult,
  StoragePrecondition,
  StorageUpdateOptions,
  StorageWatch,
  StorageWatchOptions,
} from "../../core/storage/types.ts";
import { StorageError } from "../../core/storage/storage_error.ts";
import {
  compactedError,
  EventQueue,
  keyMatches,
  lowerBound,
  tooLargeError,
} from "../../core/storage/_util.ts";
import { cloneJson } from "../../core/object/clone.ts";

/** A private copy of an object without resourceVersion; never handed out, never mutated. */
function store(obj: KubeObject): KubeObject {
  const copy = cloneJson(obj);
  if (!copy.metadata) copy.metadata = {};
  else if (copy.metadata.resourceVersion !== undefined) delete copy.metadata.resourceVersion;
  return copy;
}

/** A caller-owned copy of a stored object at a revision. */
function out(obj: KubeObject, rev: number): KubeObject {
  const copy = cloneJson(obj);
  copy.metadata.resourceVersion = String(rev);
  return copy;
}

/** The object passed in, stamped with its new revision (the caller owns it). */
function stamp(obj: KubeObject, rev: number): KubeObject {
  (obj.metadata ??= {}).resourceVersion = String(rev);
  return obj;
}

/** Options of {@linkcode createMemoryStorage}. */
export interface MemoryStorageOptions {
  /**
   * How many changes the change log keeps for watch-from-revision and paging; older starts
   * get `Compacted`.
   *
   * @default {10000}
   */
  historySize?: number;
}

interface Entry {
  obj: KubeObject;
  rev: number;
}

interface LogEntry {
  rev: number;
  key: string;
  type: StorageEventType;
  obj: KubeObject;
  prev: Entry | undefined;
}

interface Op {
  kind: "create" | "update" | "delete";
  key: string;
  obj: KubeObject | undefined;
  /** The object the caller passed, returned stamped with its revision. */
  input?: KubeObject;
}

/**
 * Creates an in-memory {@linkcode Storage}: fast, process-local, gone when the process ends.
 *
 * @param options History size.
 * @returns The storage.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createMemoryStorage } from "@k1s/core/storage/memory";
 * const s = createMemoryStorage();
 * const o = await s.create("/registry/things/a", { apiVersion: "v1", kind: "Thing", metadata: { name: "a" } });
 * assertEquals(o.metadata.resourceVersion, "1");
 * await s.close();
 * ```
 */
export function createMemoryStorage(options: MemoryStorageOptions = {}): Storage {
  return new MemoryStorage(options.historySize ?? 10_000);
}

class MemoryStorage implements Storage {
  readonly name = "memory";
  #entries = new Map<string, Entry>();
  #sorted: string[] | undefined;
  /** Keys created and deleted since `#sorted` was brought up to date, in no order. */
  #added: string[] = [];
  #deleted: string[] = [];
  #rev = 0;
  #log: LogEntry[] = [];
  #compacted = 0;
  #historySize: number;
  #watchers = new Set<{ prefix: string; queue: EventQueue }>();
  #closed = false;
  // Transactions hold the write lock; other writes queue behind it.
  #lock: Promise<void> | undefined;

  constructor(historySize: number) {
    this.#historySize = Math.max(1, historySize);
  }

  #check(): void {
    if (this.#closed) {
      throw new StorageError("Unreachable", { message: "storage is closed" });
    }
  }

  get(key: string, options?: StorageGetOptions): Promise<KubeObject | undefined> {
    try {
      this.#check();
      const e = this.#entries.get(key);
      if (e && options?.noCopy) {
        // The caller promised not to modify it; the stored copy has no resourceVersion.
        return Promise.resolve(e.obj);
      }
      return Promise.resolve(e ? out(e.obj, e.rev) : undefined);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  list(options: StorageListOptions): Promise<StorageListResult> {
    try {
      this.#check();
      return Promise.resolve(this.#list(options, undefined));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /**
   * All keys, sorted. Kept up to date lazily: writes only note the keys they create or delete,
   * and the next list folds them in, by binary-search inserts when they are few and one merge
   * when they are many, so a burst of N creates costs O(N log N) rather than N splices of an
   * ever longer array.
   */
  #keys(): string[] {
    if (!this.#sorted) {
      this.#sorted = [...this.#entries.keys()].sort();
      this.#added = [];
      this.#deleted = [];
      return this.#sorted;
    }
    if (!this.#added.length && !this.#deleted.length) return this.#sorted;
    const sorted = this.#sorted;
    const has = (k: string) => this.#entries.has(k);
    if (this.#added.length + this.#deleted.length <= 64) {
      for (const k of this.#deleted) {
        if (has(k)) continue;
        const i = lowerBound(sorted, k);
        if (sorted[i] === k) sorted.splice(i, 1);
      }
      for (const k of this.#added) {
        if (!has(k)) continue;
        const i = lowerBound(sorted, k);
        if (sorted[i] !== k) sorted.splice(i, 0, k);
      }
    } else {
      const added = this.#added.filter(has).sort();
      const check = this.#deleted.length > 0;
      const merged: string[] = [];
      let i = 0;
      let j = 0;
      while (i < sorted.length || j < added.length) {
        const a = sorted[i];
        const b = added[j];
        let k: string;
        if (j >= added.length || (i < sorted.length && a < b)) k = sorted[i++];
        else if (i >= sorted.length || b < a) k = added[j++];
        else {
          k = a;
          i++;
          j++;
        }
        if (check && !has(k)) continue;
        if (merged.length && merged[merged.length - 1] === k) continue;
        merged.push(k);
      }
      this.#sorted = merged;
    }
    this.#added = [];
    this.#deleted = [];
    return this.#sorted;
  }

  /** Lists at a revision, overlaying `overlay` (a transaction's pending writes) on the store. */
  #list(
    options: StorageListOptions,
    overlay: Map<string, Entry | null> | undefined,
  ): StorageListResult {
    const { prefix, filter } = options;
    const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
    let at = this.#rev;
    let view: Map<string, Entry | null> | undefined = overlay;
    if (options.revision && options.revision !== this.#rev) {
      if (options.revision > this.#rev) throw tooLargeError(options.revision, this.#rev);
      if (options.revision < this.#compacted) {
        throw compactedError(options.revision, this.#compacted);
      }
      at = options.revision;
      view = this.#stateAt(prefix, at);
    }
    const start = options.start && options.start > prefix ? options.start : prefix;
    const keys = this.#keys();
    let i = lowerBound(keys, start);
    let candidates: string[] | undefined;
    if (view && view.size) {
      // Merge the keys that exist only in the view (deleted since, or created in a transaction).
      const extra = [...view.keys()].filter((k) =>
        k >= start && keyMatches(k, prefix) && !this.#entries.has(k)
      );
      if (extra.length) {
        candidates = [];
        for (let j = i; j < keys.length && keys[j].startsWith(prefix); j++) {
          candidates.push(keys[j]);
        }
        candidates.push(...extra);
        candidates.sort();
        i = 0;
      }
    }
    const src = candidates ?? keys;
    const items: KubeObject[] = [];
    for (; i < src.length; i++) {
      const key = src[i];
      if (!key.startsWith(prefix)) break;
      if (items.length >= limit) break;
      const e = view?.has(key) ? view.get(key) : this.#entries.get(key);
      if (!e) continue;
      // Filter on the private copy; copy out only what matches.
      if (filter && !filter(e.obj)) continue;
      items.push(out(e.obj, e.rev));
    }
    let more = false;
    let next: string | undefined;
    let remaining: number | undefined;
    for (let j = i; j < src.length && src[j].startsWith(prefix); j++) {
      const e = view?.has(src[j]) ? view.get(src[j]) : this.#entries.get(src[j]);
      if (!e) continue;
      more = true;
      next = src[j];
      if (!filter && !view) {
        let end = j;
        while (end < src.length && src[end].startsWith(prefix)) end++;
        remaining = end - j;
      }
      break;
    }
    const result: StorageListResult = { items, revision: at, more };
    if (next !== undefined) result.next = next;
    if (remaining !== undefined) result.remaining = remaining;
    return result;
  }

  /** The state of the keys under `prefix` that changed after `rev`, as of `rev`. */
  #stateAt(prefix: string, rev: number): Map<string, Entry | null> {
    const view = new Map<string, Entry | null>();
    for (let j = this.#log.length - 1; j >= 0; j--) {
      const l = this.#log[j];
      if (l.rev <= rev) break;
      if (keyMatches(l.key, prefix)) view.set(l.key, l.prev ?? null);
    }
    return view;
  }

  async create(
    key: string,
    obj: KubeObject,
    options: StorageCreateOptions = {},
  ): Promise<KubeObject> {
    this.#check();
    if (this.#lock) await this.#waitUnlocked();
    this.#validateCreate(key, undefined, options.precondition);
    return this.#commit([{ kind: "create", key, obj: store(obj), input: obj }])[0];
  }

  async update(key: string, obj: KubeObject, options: StorageUpdateOptions): Promise<KubeObject> {
    this.#check();
    if (this.#lock) await this.#waitUnlocked();
    this.#validateUpdate(key, options.expectedRevision, undefined);
    return this.#commit([{ kind: "update", key, obj: store(obj), input: obj }])[0];
  }

  async delete(key: string, options: StorageDeleteOptions = {}): Promise<KubeObject> {
    this.#check();
    if (this.#lock) await this.#waitUnlocked();
    this.#validateUpdate(key, options.expectedRevision, undefined);
    return this.#commit([{ kind: "delete", key, obj: undefined }])[0];
  }

  #current(key: string, overlay: Map<string, Entry | null> | undefined): Entry | undefined {
    if (overlay?.has(key)) return overlay.get(key) ?? undefined;
    return this.#entries.get(key);
  }

  #validateCreate(
    key: string,
    overlay: Map<string, Entry | null> | undefined,
    precondition: StoragePrecondition | undefined,
  ): void {
    if (!key) throw new StorageError("Invalid", { message: "empty key" });
    if (precondition) {
      const rev = this.#current(precondition.key, overlay)?.rev ?? 0;
      if (rev !== precondition.revision) {
        throw new StorageError("Conflict", { key: precondition.key, revision: rev });
      }
    }
    const cur = this.#current(key, overlay);
    if (cur) throw new StorageError("KeyExists", { key, revision: cur.rev });
  }

  #validateUpdate(
    key: string,
    expected: number | undefined,
    overlay: Map<string, Entry | null> | undefined,
  ): Entry {
    const cur = this.#current(key, overlay);
    if (!cur) throw new StorageError("KeyNotFound", { key });
    if (expected !== undefined && expected !== cur.rev) {
      throw new StorageError("Conflict", { key, revision: cur.rev });
    }
    return cur;
  }

  /** Applies validated operations atomically, each with the next revision. */
  #commit(ops: Op[]): KubeObject[] {
    const results: KubeObject[] = [];
    const events: LogEntry[] = [];
    for (const op of ops) {
      const rev = ++this.#rev;
      const prev = this.#entries.get(op.key);
      if (op.kind === "delete") {
        const p = prev!;
        this.#entries.delete(op.key);
        if (this.#sorted) this.#deleted.push(op.key);
        events.push({ rev, key: op.key, type: "DELETED", obj: p.obj, prev: p });
        results.push(out(p.obj, rev));
      } else {
        this.#entries.set(op.key, { obj: op.obj!, rev });
        if (!prev && this.#sorted) this.#added.push(op.key);
        events.push({ rev, key: op.key, type: prev ? "MODIFIED" : "ADDED", obj: op.obj!, prev });
        results.push(op.input ? stamp(op.input, rev) : out(op.obj!, rev));
      }
    }
    for (const e of events) this.#log.push(e);
    if (this.#log.length > this.#historySize * 2) {
      const drop = this.#log.length - this.#historySize;
      this.#compacted = Math.max(this.#compacted, this.#log[drop - 1].rev);
      this.#log.splice(0, drop);
    }
    if (this.#watchers.size) {
      for (const e of events) this.#notify(e);
    }
    return results;
  }

  #toEvent(l: LogEntry): StorageEvent {
    const ev: StorageEvent = {
      type: l.type,
      key: l.key,
      revision: l.rev,
      object: out(l.obj, l.rev),
    };
    if (l.prev) ev.prevObject = out(l.prev.obj, l.prev.rev);
    return ev;
  }

  #notify(l: LogEntry): void {
    for (const w of this.#watchers) {
      if (keyMatches(l.key, w.prefix)) w.queue.push(this.#toEvent(l));
    }
  }

  watch(options: StorageWatchOptions): StorageWatch {
    const w = { prefix: options.prefix, queue: undefined as unknown as EventQueue };
    w.queue = new EventQueue(() => this.#watchers.delete(w));
    if (this.#closed) {
      w.queue.fail(new StorageError("Unreachable", { message: "storage is closed" }));
      return w.queue;
    }
    const from = options.fromRevision ?? 0;
    if (from > 0) {
      if (from < this.#compacted) {
        w.queue.fail(compactedError(from, this.#compacted));
        return w.queue;
      }
      if (from > this.#rev) {
        w.queue.fail(tooLargeError(from, this.#rev));
        return w.queue;
      }
      let j = this.#log.length;
      while (j > 0 && this.#log[j - 1].rev > from) j--;
      for (; j < this.#log.length; j++) {
        if (keyMatches(this.#log[j].key, w.prefix)) w.queue.push(this.#toEvent(this.#log[j]));
      }
    }
    this.#watchers.add(w);
    return w.queue;
  }

  revision(): Promise<number> {
    try {
      this.#check();
      return Promise.resolve(this.#rev);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  compactedRevision(): Promise<number> {
    try {
      this.#check();
      return Promise.resolve(this.#compacted);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  compact(revision: number): Promise<void> {
    try {
      this.#check();
      if (revision > this.#rev) throw tooLargeError(revision, this.#rev);
      if (revision > this.#compacted) {
        this.#compacted = revision;
        let j = 0;
        while (j < this.#log.length && this.#log[j].rev <= revision) j++;
        this.#log.splice(0, j);
      }
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err);
    }
  }

  async #waitUnlocked(): Promise<void> {
    while (this.#lock) await this.#lock;
  }

  async transaction<T>(fn: (tx: Storage) => Promise<T>): Promise<T> {
    this.#check();
    await this.#waitUnlocked();
    let release!: () => void;
    this.#lock = new Promise<void>((r) => release = r);
    const tx = new MemoryTransaction(this);
    try {
      const result = await fn(tx.view);
      tx.finish();
      this.#check();
      this.#commit(tx.ops);
      return result;
    } finally {
      tx.finish();
      this.#lock = undefined;
      release();
    }
  }

  /** Internal hooks for {@linkcode MemoryTransaction}. */
  txApi(): TxApi {
    return {
      current: (key, overlay) => this.#current(key, overlay),
      validateCreate: (key, overlay, precondition) =>
        this.#validateCreate(key, overlay, precondition),
      validateUpdate: (key, expected, overlay) => this.#validateUpdate(key, expected, overlay),
      list: (options, overlay) => this.#list(options, overlay),
      rev: () => this.#rev,
      storage: this,
    };
  }

  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      for (const w of [...this.#watchers]) w.queue.stop();
      this.#entries.clear();
      this.#sorted = undefined;
      this.#added = [];
      this.#deleted = [];
      this.#log = [];
    }
    return Promise.resolve();
  }
}

interface TxApi {
  current(key: string, overlay: Map<string, Entry | null>): Entry | undefined;
  validateCreate(
    key: string,
    overlay: Map<string, Entry | null>,
    precondition: StoragePrecondition | undefined,
  ): void;
  validateUpdate(
    key: string,
    expected: number | undefined,
    overlay: Map<string, Entry | null>,
  ): Entry;
  list(options: StorageListOptions, overlay: Map<string, Entry | null>): StorageListResult;
  rev(): number;
  storage: MemoryStorage;
}

/** Buffers a transaction's writes; revisions are assigned on commit, in order. */
class MemoryTransaction {
  ops: Op[] = [];
  #overlay = new Map<string, Entry | null>();
  #done = false;
  #api: TxApi;
  readonly view: Storage;

  constructor(storage: MemoryStorage) {
    this.#api = storage.txApi();
    const api = this.#api;
    const overlay = this.#overlay;
    // deno-lint-ignore no-this-alias
    const tx = this;
    const nextRev = () => api.rev() + tx.ops.length + 1;
    this.view = {
      name: "memory",
      async get(key) {
        tx.#live();
        await Promise.resolve();
        const e = api.current(key, overlay);
        return e ? out(e.obj, e.rev) : undefined;
      },
      async list(options) {
        tx.#live();
        await Promise.resolve();
        return api.list({ ...options, revision: 0 }, overlay);
      },
      async create(key, obj, options = {}) {
        tx.#live();
        api.validateCreate(key, overlay, options.precondition);
        const stored = store(obj);
        const rev = nextRev();
        tx.ops.push({ kind: "create", key, obj: stored });
        overlay.set(key, { obj: stored, rev });
        await Promise.resolve();
        return out(stored, rev);
      },
      async update(key, obj, options) {
        tx.#live();
        api.validateUpdate(key, options.expectedRevision, overlay);
        const stored = store(obj);
        const rev = nextRev();
        tx.ops.push({ kind: "update", key, obj: stored });
        overlay.set(key, { obj: stored, rev });
        await Promise.resolve();
        return out(stored, rev);
      },
      async delete(key, options = {}) {
        tx.#live();
        const cur = api.validateUpdate(key, options.expectedRevision, overlay);
        const rev = nextRev();
        tx.ops.push({ kind: "delete", key, obj: undefined });
        overlay.set(key, null);
        await Promise.resolve();
        return out(cur.obj, rev);
      },
      watch(options) {
        return api.storage.watch(options);
      },
      revision() {
        return Promise.resolve(api.rev() + tx.ops.length);
      },
      compactedRevision() {
        return api.storage.compactedRevision();
      },
      compact() {
        return Promise.reject(
          new StorageError("Invalid", { message: "compact inside a transaction" }),
        );
      },
      transaction(fn) {
        return fn(this);
      },
      close() {
        return Promise.resolve();
      },
    };
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

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The storage contract every backend implements: a revisioned key/value store of objects with
 * compare-and-swap writes, a bounded change log for watch, and transactions.
 *
 * Semantics (shared by memory, sqlite and etcd; checked by `runStorageConformance`):
 * - One global revision, +1 per committed create, update or delete. A write's result carries
 *   its revision in `metadata.resourceVersion` (decimal string). Stored bytes never contain
 *   `metadata.resourceVersion`; backends set it on every object they return.
 * - Objects passed in are not retained, though `create` and `update` may stamp
 *   `metadata.resourceVersion` on the object passed in and return it; objects returned are owned
 *   by the caller.
 * - Keys are `/`-separated strings; a list prefix ends with `/`.
 *
 * @module
 */
import type { KubeObject } from "../object/types.ts";

/** Options of {@linkcode Storage.get}. */
export interface StorageGetOptions {
  /**
   * The caller will not modify the object, so a backend may return shared state instead of a
   * copy (the memory backend does; others ignore it).
   */
  noCopy?: boolean;
}

/** Options of {@linkcode Storage.list}. */
export interface StorageListOptions {
  /** Key prefix to list; ends with `/`. */
  prefix: string;
  /** First key to include (inclusive); used by paging. */
  start?: string;
  /**
   * Read the state as of this revision (for consistent paging). Absent or 0: the latest.
   * Older than the compacted revision: `Compacted`; ahead of the store: `TooLargeRevision`.
   */
  revision?: number;
  /** Most items to return, counted after `filter`. 0 or absent: all. */
  limit?: number;
  /** Keeps only the objects it accepts; evaluated by the backend before copying out. */
  filter?: (obj: KubeObject) => boolean;
  /**
   * Items may be summaries instead of whole objects: for keys the backend holds a summary of
   * (see {@linkcode Summarizer}), a metadata-only object whose table cells `tableCells`
   * returns. `filter` then sees that object. Backends without summaries ignore it.
   */
  summaries?: boolean;
}

/**
 * Computes the summary a backend may keep beside a stored object: its table row, so that a
 * table of many objects does not decode them whole (see `createSummarizer`).
 */
export interface Summarizer {
  /** How summaries are computed; a backend ignores summaries written under another version. */
  readonly version: string;
  /** The summary of a stored object (its JSON text), or undefined when it has none. */
  summarize(json: string): string | undefined;
}

/** Result of {@linkcode Storage.list}. */
export interface StorageListResult {
  /** The objects, in key order, each with its `metadata.resourceVersion` set. */
  items: KubeObject[];
  /** The revision the list was read at (the store revision, not the largest item revision). */
  revision: number;
  /** Whether keys remain in the prefix after the last one examined. */
  more: boolean;
  /** The key to pass as `start` for the next page, when `more`. */
  next?: string;
  /** Number of keys after this page, when there is no filter and the backend knows it. */
  remaining?: number;
}

/** The kind of a {@linkcode StorageEvent}. */
export type StorageEventType = "ADDED" | "MODIFIED" | "DELETED";

/** One committed change, as delivered by {@linkcode Storage.watch}. */
export interface StorageEvent {
  /** What happened. */
  type: StorageEventType;
  /** The key that changed. */
  key: string;
  /** The revision of the change. */
  revision: number;
  /**
   * The new state; for DELETED the last state with `metadata.resourceVersion` set to the
   * deletion revision.
   */
  object: KubeObject;
  /** The state before the change (MODIFIED and DELETED), with its own resourceVersion. */
  prevObject?: KubeObject;
}

/** Options of {@linkcode Storage.watch}. */
export interface StorageWatchOptions {
  /** Watch every key under this prefix (ends with `/`), or exactly this key. */
  prefix: string;
  /** Deliver only changes with a revision greater than this. 0: changes after now. */
  fromRevision?: number;
}

/**
 * A stream of {@linkcode StorageEvent}s in revision order. Iterating it throws a
 * `StorageError` with code `Compacted` when `fromRevision` is older than the change log.
 */
export interface StorageWatch extends AsyncIterable<StorageEvent> {
  /** Ends the stream; a pending `next()` resolves as done. */
  stop(): void;
  /**
   * Events the stream can deliver without waiting, when the backend knows: a reader of a
   * bounded range stops when it has what it wants and nothing more is buffered, rather than
   * wait (and make the backend start its live machinery) for an event that may never come.
   */
  readonly buffered?: number;
}

/** Options of {@linkcode Storage.transaction}. */
export interface StorageTransactionOptions {
  /**
   * `false`: the commit need not be on disk when the promise resolves. If the machine crashes
   * before the store's next durable write, it may be lost, wholly and never in part; later
   * commits are not. For records that can be recomputed (controller watermarks), where an
   * fsync would be most of the cost. Backends that are always durable ignore it.
   *
   * @default {true}
   */
  durable?: boolean;
}

/**
 * Another key a write depends on, at the revision the caller read it (the namespace an object
 * is created in): the write commits only if that key still has that revision.
 */
export interface StoragePrecondition {
  /** The key. */
  key: string;
  /** Its revision when read (`metadata.resourceVersion`). */
  revision: number;
}

/** Options of {@linkcode Storage.create}. */
export interface StorageCreateOptions {
  /**
   * When set, the create happens only if `precondition.key` is still at
   * `precondition.revision`; otherwise it fails with `Conflict` naming that key and its
   * revision now (0 when it is gone). The precondition is checked before the created key.
   */
  precondition?: StoragePrecondition;
}

/** Options of {@linkcode Storage.update}. */
export interface StorageUpdateOptions {
  /** The revision the key must have now; otherwise the write fails with `Conflict`. */
  expectedRevision: number;
}

/** Options of {@linkcode Storage.delete}. */
export interface StorageDeleteOptions {
  /** When set, the key must have this revision; otherwise the delete fails with `Conflict`. */
  expectedRevision?: number;
}

/**
 * Storage knows how to keep objects by key under one global revision.
 *
 * Errors are `StorageError`s: `KeyNotFound`, `KeyExists`, `Conflict`, `Compacted`,
 * `TooLargeRevision`, `Unreachable`, `Corrupt`, `ReadOnly`, `Invalid`.
 */
export interface Storage {
  /** The backend's name, e.g. `memory`, `sqlite`, `etcd`. */
  readonly name: string;

  /** Reads the latest state of `key`; `undefined` when absent. */
  get(key: string, options?: StorageGetOptions): Promise<KubeObject | undefined>;

  /** Lists the keys under a prefix, in key order. */
  list(options: StorageListOptions): Promise<StorageListResult>;

  /**
   * Hands the backend the summarizer of the runtime that uses it, for backends that keep
   * summaries (sqlite, in its snapshot); others do not implement it.
   */
  setSummarizer?(summarizer: Summarizer): void;

  /**
   * Creates `key`; fails with `KeyExists` when it exists (or `Conflict` when a precondition
   * does not hold). Resolves to the stored object.
   */
  create(key: string, obj: KubeObject, options?: StorageCreateOptions): Promise<KubeObject>;

  /**
   * Replaces `key` if its revision is `options.expectedRevision`. Fails with `KeyNotFound` or
   * `Conflict`. Resolves to the stored object with its new revision.
   */
  update(key: string, obj: KubeObject, options: StorageUpdateOptions): Promise<KubeObject>;

  /**
   * Deletes `key`, optionally only at an expected revision. Resolves to the last state, with
   * `metadata.resourceVersion` set to the deletion revision. Fails with `KeyNotFound` or `Conflict`.
   */
  delete(key: string, options?: StorageDeleteOptions): Promise<KubeObject>;

  /** Streams the changes under a prefix with revisions greater than `fromRevision`. */
  watch(options: StorageWatchOptions): StorageWatch;

  /** The current store revision (0 for a new store). */
  revision(): Promise<number>;

  /**
   * The oldest revision a watch or a list at a revision may start from; older requests fail
   * with `Compacted`.
   */
  compactedRevision(): Promise<number>;

  /** Forgets change history up to and including `revision`. */
  compact(revision: number): Promise<void>;

  /**
   * Runs `fn` with a view of the store whose writes commit together: all of them, durably and
   * with consecutive revisions, when `fn` resolves; none of them when it rejects. Reads in
   * `fn` see its own writes. Backends that can only group writes without atomicity say so in
   * their documentation and in the conformance suite's skip list.
   */
  transaction<T>(fn: (tx: Storage) => Promise<T>, options?: StorageTransactionOptions): Promise<T>;

  /** Releases files, locks and connections. Further calls fail. */
  close(): Promise<void>;
}

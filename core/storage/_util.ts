// Copyright 2026 the k1s authors. Apache-2.0 license.
// Helpers shared by storage backends: serialisation without resourceVersion, key ranges and
// an async event queue for watches.
import type { KubeObject } from "../object/types.ts";
import type { StorageEvent, StorageWatch } from "./types.ts";
import { StorageError } from "./storage_error.ts";

/** Serialises an object for storage, leaving out `metadata.resourceVersion`. */
export function encodeObject(obj: KubeObject): string {
  const meta = obj.metadata;
  if (meta && meta.resourceVersion !== undefined) {
    return JSON.stringify({ ...obj, metadata: { ...meta, resourceVersion: undefined } });
  }
  return JSON.stringify(obj);
}

/** Parses stored bytes and stamps the revision as `metadata.resourceVersion`. */
export function decodeObject(json: string, revision: number): KubeObject {
  const obj = JSON.parse(json) as KubeObject;
  (obj.metadata ??= {}).resourceVersion = String(revision);
  return obj;
}

/** The first string greater than every string starting with `prefix`. */
export function prefixEnd(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/** Whether `key` is selected by a watch/list prefix (a prefix ending in `/`, or an exact key). */
export function keyMatches(key: string, prefix: string): boolean {
  return prefix.endsWith("/") ? key.startsWith(prefix) : key === prefix;
}

/** Index of the first element of sorted `keys` that is >= `key`. */
export function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A push-based queue that a backend feeds and a watcher iterates. An error pushed with
 * {@linkcode EventQueue.fail} is thrown by the next `next()` after the queued events.
 */
export class EventQueue implements StorageWatch {
  #items: StorageEvent[] = [];
  #waiter: ((r: IteratorResult<StorageEvent>) => void) | undefined;
  #rejecter: ((e: unknown) => void) | undefined;
  #done = false;
  #error: unknown;
  #onStop: (() => void) | undefined;
  #onWait: (() => void) | undefined;

  /**
   * @param onStop Called once when the stream ends.
   * @param onWait Called when `next()` has to wait for an event (the backend may start what
   * delivers live events only then).
   */
  constructor(onStop?: () => void, onWait?: () => void) {
    this.#onStop = onStop;
    this.#onWait = onWait;
  }

  /** Events queued and not yet taken. */
  get buffered(): number {
    return this.#items.length;
  }

  /** Whether a `next()` is waiting for an event. */
  get waiting(): boolean {
    return this.#waiter !== undefined;
  }

  /** Whether the consumer stopped or the producer ended the stream. */
  get closed(): boolean {
    return this.#done;
  }

  /** Adds an event. */
  push(ev: StorageEvent): void {
    if (this.#done) return;
    const w = this.#waiter;
    if (w) {
      this.#waiter = undefined;
      this.#rejecter = undefined;
      w({ value: ev, done: false });
    } else {
      this.#items.push(ev);
    }
  }

  /** Ends the stream with an error (after queued events). */
  fail(err: unknown): void {
    if (this.#done) return;
    this.#error = err;
    this.#done = true;
    const r = this.#rejecter;
    if (r && this.#items.length === 0) {
      this.#waiter = undefined;
      this.#rejecter = undefined;
      r(err);
    }
    this.#onStop?.();
  }

  /** Ends the stream normally. */
  stop(): void {
    if (this.#done) return;
    this.#done = true;
    this.#items.length = 0;
    const w = this.#waiter;
    this.#waiter = undefined;
    this.#rejecter = undefined;
    w?.({ value: undefined, done: true });
    this.#onStop?.();
  }

  next(): Promise<IteratorResult<StorageEvent>> {
    const item = this.#items.shift();
    if (item) return Promise.resolve({ value: item, done: false });
    if (this.#done) {
      if (this.#error !== undefined) {
        const e = this.#error;
        this.#error = undefined;
        return Promise.reject(e);
      }
      return Promise.resolve({ value: undefined, done: true });
    }
    const p = new Promise<IteratorResult<StorageEvent>>((resolve, reject) => {
      this.#waiter = resolve;
      this.#rejecter = reject;
    });
    this.#onWait?.();
    return p;
  }

  [Symbol.asyncIterator](): AsyncIterator<StorageEvent> {
    return {
      next: () => this.next(),
      return: () => {
        this.stop();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

/** The error for a watch or list that starts before the change log. */
export function compactedError(requested: number, compacted: number): StorageError {
  return new StorageError("Compacted", {
    revision: compacted,
    message: `too old resource version: ${requested} (${compacted})`,
  });
}

/** The error for a revision ahead of the store. */
export function tooLargeError(requested: number, current: number): StorageError {
  return new StorageError("TooLargeRevision", {
    revision: current,
    message: `Too large resource version: ${requested}, current: ${current}`,
  });
}

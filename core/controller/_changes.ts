// Copyright 2026 the k1s authors. Apache-2.0 license.
// Reading the store's change log between two revisions: a watch from the lower revision,
// stopped once the upper one is delivered, with every change that shares it (the writes of one
// etcd transaction share a revision). Every backend numbers each commit with the next revision
// and a watch of "/" sees every key, so the upper revision always arrives; an idle timer covers
// stores that share revisions with keys outside the backend's prefix.
import type { KubeObject } from "../object/types.ts";
import type { Storage, StorageEvent } from "../storage/types.ts";

/** One committed change of a registry object, as controllers see it. */
export interface Change {
  /** What happened. */
  type: "ADDED" | "MODIFIED" | "DELETED";
  /** The store revision of the change. */
  revision: number;
  /** The new state (DELETED: the last state). */
  object: KubeObject;
  /** The previous state (MODIFIED, DELETED). */
  old?: KubeObject;
}

/** Options of {@linkcode replayChanges}. */
export interface ReplayOptions {
  /** Only keys under this prefix are reported (the tenant's registry prefix plus `/`). */
  keyPrefix: string;
  /** Give up waiting for the upper revision after this long without an event. */
  idleMs: number;
}

/**
 * Calls `onChange` for every change of a registry object with a revision in `(from, to]`.
 * Throws the storage's `Compacted` error when `from` is older than the change log.
 */
export async function replayChanges(
  storage: Storage,
  from: number,
  to: number,
  options: ReplayOptions,
  onChange: (ch: Change) => void,
): Promise<void> {
  if (to <= from) return;
  // Brings a file store's view up to date first, so that the watch below queues the whole
  // range at once and no timer (costly to start in a fresh process) is needed.
  await storage.revision();
  const w = storage.watch({ prefix: "/", fromRevision: from });
  const it = w[Symbol.asyncIterator]();
  const idle = Symbol("idle");
  // On etcd the writes of one transaction share a revision: once `to` is reached, the other
  // changes at it are those delivered with it.
  let reached = false;
  try {
    for (;;) {
      // Past `to`, only what is already buffered can share its revision: do not wait.
      if (reached && w.buffered === 0) break;
      const next = it.next();
      // Backends deliver the catch-up at once; a timer (costly to start in a fresh process)
      // is armed only when the stream makes us wait.
      const first = await Promise.race([next, Promise.resolve(idle)]);
      let r: IteratorResult<StorageEvent> | typeof idle = first;
      if (r === idle && reached) break;
      if (r === idle) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<typeof idle>((res) => {
          timer = setTimeout(() => res(idle), options.idleMs);
        });
        r = await Promise.race([next, timeout]);
        clearTimeout(timer);
        if (r === idle) break;
      }
      if (r.done) break;
      const ev = r.value;
      if (ev.revision > to) break;
      if (ev.key.startsWith(options.keyPrefix)) {
        onChange({
          type: ev.type,
          revision: ev.revision,
          object: ev.object,
          ...(ev.prevObject ? { old: ev.prevObject } : {}),
        });
      }
      if (ev.revision >= to) reached = true;
    }
  } finally {
    w.stop();
  }
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The watch verb: initial state, then changes, with selector semantics (an object that starts
 * matching is ADDED, one that stops matching is DELETED) and 410 ERROR events on compaction.
 *
 * @module
 */
import type { KubeObject, TypedObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import type { RequestContext, ServerContext } from "./context.ts";
import type { Status } from "../errors/status_error.ts";
import { newGone, StatusError } from "../errors/status_error.ts";
import { isStorageError } from "../storage/storage_error.ts";
import type { StorageWatch } from "../storage/types.ts";
import { authorize, groupResource } from "./_common.ts";
import { collectionPrefix, objectKey } from "./_keys.ts";
import { toStatusError } from "./_errors.ts";
import { applySchemaOnRead } from "./_schema.ts";
import { buildPredicate, selectedName, type SelectorOptions } from "./_predicate.ts";
import { checkMinResourceVersion } from "./get.ts";

/** A watch event about an object. */
export interface ObjectWatchEvent<T extends TypedObject = KubeObject> {
  /** ADDED, MODIFIED or DELETED. */
  type: "ADDED" | "MODIFIED" | "DELETED";
  /** The object; for DELETED its last state at the deletion revision. */
  object: T;
}

/** A watch error: a `Status`, e.g. 410 Expired when the start revision was compacted. */
export interface ErrorWatchEvent {
  /** Always ERROR. */
  type: "ERROR";
  /** The failure. */
  object: Status;
}

/** One event of a watch. */
export type WatchEvent<T extends TypedObject = KubeObject> = ObjectWatchEvent<T> | ErrorWatchEvent;

/** A running watch: iterate it; `stop()` ends it. */
export interface WatchStream<T extends TypedObject = KubeObject>
  extends AsyncIterable<WatchEvent<T>> {
  /** Ends the watch; iteration finishes. */
  stop(): void;
}

/** Options of {@linkcode watchObjects}. */
export interface WatchObjectsOptions extends SelectorOptions {
  /** Namespace; absent: all namespaces. */
  namespace?: string;
  /** Watch one object by name (a `metadata.name` field selector, as kubectl does). */
  name?: string;
  /**
   * `""` or `"0"`: synthetic ADDED events for the current objects, then changes; `"N"`: only
   * changes after revision N.
   */
  resourceVersion?: string;
  /** Internal watches of the runtime skip authorization. */
  skipAuthorization?: boolean;
}

/**
 * Starts a watch.
 *
 * @param ctx The server context.
 * @param req Who asks.
 * @param type The resource type.
 * @param options Namespace, selectors and start revision.
 * @returns The stream.
 */
export function watchObjects<T extends TypedObject = KubeObject>(
  ctx: ServerContext,
  req: RequestContext,
  type: ResourceType,
  options: WatchObjectsOptions = {},
): WatchStream<T> {
  let inner: StorageWatch | undefined;
  let stopped = false;
  const gen = run(ctx, req, type, options, (w) => {
    inner = w;
    if (stopped) w.stop();
  }, () => stopped);
  return {
    stop() {
      stopped = true;
      inner?.stop();
    },
    [Symbol.asyncIterator]() {
      return gen as AsyncGenerator<WatchEvent<T>>;
    },
  };
}

async function* run(
  ctx: ServerContext,
  req: RequestContext,
  type: ResourceType,
  options: WatchObjectsOptions,
  setInner: (w: StorageWatch) => void,
  isStopped: () => boolean,
): AsyncGenerator<WatchEvent> {
  const namespace = type.namespaced && options.namespace ? options.namespace : undefined;
  const pinned = options.name ?? selectedName(options);
  if (ctx.authorizer && !options.skipAuthorization) {
    await authorize(ctx, req, type, {
      verb: "watch",
      namespace,
      ...(pinned ? { name: pinned } : {}),
    });
  }
  const selected = buildPredicate(type, options);
  const byName = options.name;
  const pred = byName
    ? (o: KubeObject) => o.metadata.name === byName && (!selected || selected(o))
    : selected;
  // One object's key when it is fully named; otherwise the collection, filtered by name.
  const prefix = byName && (!type.namespaced || namespace)
    ? objectKey(ctx.keyPrefix, type, namespace, byName)
    : collectionPrefix(ctx.keyPrefix, type, namespace);
  const rv = options.resourceVersion ?? "";
  let from: number;
  const initial: KubeObject[] = [];
  if (rv === "" || rv === "0") {
    let start: string | undefined;
    let revision = 0;
    for (;;) {
      const page = await ctx.storage.list({
        prefix: prefix.endsWith("/") ? prefix : prefix.slice(0, prefix.lastIndexOf("/") + 1),
        ...(start ? { start } : {}),
        ...(revision ? { revision } : {}),
        limit: 500,
        ...(pred ? { filter: pred } : {}),
      }).catch((e) => {
        throw toStatusError(e, groupResource(type), "");
      });
      revision = page.revision;
      initial.push(...page.items);
      if (!page.more || !page.next) break;
      start = page.next;
    }
    from = revision;
  } else {
    from = await checkMinResourceVersion(ctx, rv);
  }
  for (const o of initial) {
    if (isStopped()) return;
    yield { type: "ADDED", object: applySchemaOnRead(ctx, type, o) };
  }
  if (isStopped()) return;
  const w = ctx.storage.watch({ prefix, fromRevision: from });
  setInner(w);
  try {
    for await (const ev of w) {
      const cur = !pred || pred(ev.object);
      const prev = ev.prevObject ? (!pred || pred(ev.prevObject)) : false;
      let out: WatchEvent | undefined;
      switch (ev.type) {
        case "ADDED":
          if (cur) out = { type: "ADDED", object: ev.object };
          break;
        case "MODIFIED":
          if (cur && prev) out = { type: "MODIFIED", object: ev.object };
          else if (cur) out = { type: "ADDED", object: ev.object };
          else if (prev) {
            const old = ev.prevObject!;
            old.metadata.resourceVersion = String(ev.revision);
            out = { type: "DELETED", object: old };
          }
          break;
        case "DELETED":
          // The object of a DELETED event is the last state.
          if (cur) out = { type: "DELETED", object: ev.object };
          break;
      }
      if (out) {
        if (out.type !== "ERROR") applySchemaOnRead(ctx, type, out.object);
        yield out;
      }
    }
  } catch (e) {
    if (isStorageError(e, "Compacted")) {
      yield { type: "ERROR", object: newGone(e.message).status };
      return;
    }
    const err = toStatusError(e, groupResource(type), "");
    if (err instanceof StatusError) {
      yield { type: "ERROR", object: err.status };
      return;
    }
    throw err;
  } finally {
    w.stop();
  }
}

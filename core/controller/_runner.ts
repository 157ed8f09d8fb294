// Copyright 2026 the k1s authors. Apache-2.0 license.
// What the manager drives: a runner maps changes to queue keys and processes batches of keys.
// User controllers run through the reconciler runner; the garbage collector and the namespace
// controller process whole batches (one scan, one transaction) for speed.
import type { KubeObject, TypeMeta } from "../object/types.ts";
import { parseApiVersion } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import type { RequestContext, ServerContext, WriteEvent } from "../apiserver/context.ts";
import type { Runtime } from "../runtime/runtime.ts";
import { STORE_OWNER } from "../runtime/runtime.ts";
import { isNotFound } from "../errors/status_error.ts";
import type { Controller, Request } from "./types.ts";
import type { Change } from "./_changes.ts";
import type { WorkItem } from "./_queue.ts";

/** How one processed item went. */
export interface ItemOutcome {
  /** Run again after this many milliseconds. */
  requeueAfter?: number;
  /** Run again after the backoff. */
  requeue?: boolean;
  /** The error the attempt failed with. */
  error?: unknown;
}

/** What a runner gets while processing. */
export interface ProcessEnv {
  /** The clock (epoch ms). */
  now(): number;
  /** Whether to stop before the next item (abort, deadline). */
  stopping(): boolean;
  /** Reports a processed item. Items not reported stay queued. */
  done(item: WorkItem, outcome?: ItemOutcome): void;
  /** Queues follow-up work (runs in a later pass). */
  add(item: WorkItem): void;
  /** Aborted when the process is asked to stop. */
  signal: AbortSignal;
  /** Logs a line. */
  log(line: string): void;
}

/** A controller as the manager drives it. */
export interface Runner {
  /** The controller's name. */
  readonly name: string;
  /** The controller (for `list()` and one-off reconciles). */
  readonly controller: Controller;
  /** Resolves the kinds it needs before a drain or run. */
  prepare(): Promise<void>;
  /** Queues the keys a change concerns. Must be cheap: it runs for every write. */
  map(change: Change, add: (item: WorkItem) => void): void;
  /** Queues everything it is concerned with (first start, or after the change log compacted). */
  relist(add: (item: WorkItem) => void): Promise<void>;
  /** Processes a batch. */
  process(items: WorkItem[], env: ProcessEnv): Promise<void>;
  /** The request a persisted key stands for. */
  requestOf(key: string): Request;
}

/**
 * Processes a batch one item at a time with `sync`, reporting each as done (with its error when
 * it throws), until the environment asks to stop.
 */
export async function processEach(
  items: readonly WorkItem[],
  env: ProcessEnv,
  sync: (item: WorkItem) => Promise<void>,
): Promise<void> {
  for (const it of items) {
    if (env.stopping()) return;
    try {
      await sync(it);
      env.done(it);
    } catch (error) {
      env.done(it, { error });
    }
  }
}

/** `group/Kind`, the version-independent identity of a kind. */
export function groupKind(t: TypeMeta): string {
  return `${parseApiVersion(t.apiVersion ?? "").group}/${t.kind}`;
}

/** The key of a namespaced or cluster-scoped request. */
export function requestKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** The request of a key made by {@linkcode requestKey}. */
export function parseRequestKey(key: string): Request {
  const i = key.indexOf("/");
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/** The namespace and name of a request, for log lines. */
export function describe(req: Request): string {
  const kind = req.kind ? `${req.kind} ` : "";
  return `${kind}${req.namespace ? `${req.namespace}/` : ""}${req.name}`;
}

/** Makes custom kinds stored as CRDs known to the registry (runs the runtime's kind loaders). */
export async function loadAllKinds(rt: Runtime): Promise<void> {
  try {
    await rt.resolveType({ apiVersion: "k1s.io/v0", kind: "\u0000" });
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}

/** The type of an apiVersion/kind, any served version of the same group and kind as fallback. */
export async function findType(
  rt: Runtime,
  type: TypeMeta,
): Promise<ResourceType | undefined> {
  const exact = rt.registry.get(type.apiVersion, type.kind);
  if (exact) return exact;
  const gk = groupKind(type);
  const same = () => rt.registry.all().find((t) => `${t.group}/${t.kind}` === gk);
  const found = same();
  if (found) return found;
  try {
    return await rt.resolveType(type);
  } catch (e) {
    if (isNotFound(e)) return same();
    throw e;
  }
}

/** The registry's kinds, one per storage location. */
export function storedTypes(rt: Runtime): ResourceType[] {
  const seen = new Set<string>();
  const out: ResourceType[] = [];
  for (const t of rt.registry.all()) {
    const k = `${t.group}/${t.plural}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(t);
  }
  return out;
}

/**
 * Runs internal writes in one storage transaction (one flush), as the store owner with
 * `fieldManager`. The write events reach the runtime's listeners only after the commit.
 */
export async function inTransaction<T>(
  rt: Runtime,
  fieldManager: string,
  fn: (ctx: ServerContext, req: RequestContext) => Promise<T>,
): Promise<T> {
  const events: WriteEvent[] = [];
  const result = await rt.storage.transaction(async (tx) => {
    events.length = 0;
    const ctx = Object.create(rt.server) as ServerContext;
    ctx.storage = tx;
    ctx.listeners = [(ev) => void events.push(ev)];
    return await fn(ctx, { user: STORE_OWNER, fieldManager });
  });
  notify(rt, events);
  return result;
}

/** Delivers write events to the runtime's listeners, isolating their failures. */
export function notify(rt: Runtime, events: WriteEvent[]): void {
  for (const ev of events) {
    for (const l of [...rt.server.listeners]) {
      try {
        l(ev);
      } catch {
        // A listener's failure must not undo a committed write.
      }
    }
  }
}

/** Whether `obj` has a finalizer. */
export function hasFinalizer(obj: KubeObject, name: string): boolean {
  return obj.metadata?.finalizers?.includes(name) ?? false;
}

/** Message of an error, for reports. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

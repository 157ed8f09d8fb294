// Copyright 2026 the k1s authors. Apache-2.0 license.
// The garbage collector (kube-controller-manager's garbagecollector), for short-lived
// processes. Instead of an in-memory graph of every object it scans, per batch, the scopes
// the batch touches (a namespace for a namespaced owner, everything for a cluster-scoped one)
// for objects with owner references, and runs the batch's writes in one transaction.
//
// Work items:
// - D: an object was deleted; its dependents are checked.
// - O: an owner to look at: deleting with `orphan` (strip its references from the dependents,
//   then drop the finalizer) or `foregroundDeletion` (delete the dependents, then drop the
//   finalizer once no dependent with blockOwnerDeletion remains).
// - C: a dependent to check (attemptToDeleteItem): deleted when none of its owners (matched
//   by uid) remains; references to owners gone or waiting for their dependents are removed
//   when another owner remains.
import type { KubeObject, OwnerReference } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import type { RequestContext, ServerContext } from "../apiserver/context.ts";
import type { Runtime } from "../runtime/runtime.ts";
import { StatusError } from "../errors/status_error.ts";
import { collectionPrefix, objectKey } from "../apiserver/_keys.ts";
import { deleteObject, type PropagationPolicy } from "../apiserver/delete.ts";
import { patchObject } from "../apiserver/patch.ts";
import type { Controller, ReconcileContext, Request } from "./types.ts";
import type { Change } from "./_changes.ts";
import type { WorkItem } from "./_queue.ts";
import {
  findType,
  hasFinalizer,
  inTransaction,
  loadAllKinds,
  type ProcessEnv,
  type Runner,
  storedTypes,
} from "./_runner.ts";

/** The garbage collector's name (watermark record, logs). */
export const GARBAGE_COLLECTOR = "garbage-collector";
/** The source component of the garbage collector's events, as Kubernetes names it. */
export const GARBAGE_COLLECTOR_COMPONENT = "garbage-collector-controller";
/** The field manager of the built-in controllers' writes. */
export const CONTROLLER_MANAGER = "kube-controller-manager";

const ORPHAN = "orphan";
const FOREGROUND = "foregroundDeletion";
const ALL = "\u0000all";
/** Items per transaction: bounds the time the store stays locked. */
const CHUNK = 2000;

type Op = "D" | "O" | "C";

/** An object the collector looks at, by identity. */
interface Ref {
  apiVersion: string;
  kind: string;
  /** The object's namespace; for O items made from a dependent's reference, the dependent's. */
  namespace: string;
  name: string;
  uid: string;
}

function keyOf(op: Op, r: Ref): string {
  return JSON.stringify([op, r.apiVersion, r.kind, r.namespace, r.name, r.uid]);
}

function parseKey(key: string): { op: Op; ref: Ref } | undefined {
  try {
    const [op, apiVersion, kind, namespace, name, uid] = JSON.parse(key);
    if (op !== "D" && op !== "O" && op !== "C") return undefined;
    return { op, ref: { apiVersion, kind, namespace, name, uid } };
  } catch {
    return undefined;
  }
}

function refOf(obj: KubeObject): Ref {
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace: obj.metadata.namespace ?? "",
    name: obj.metadata.name ?? "",
    uid: obj.metadata.uid ?? "",
  };
}

function item(op: Op, r: Ref): WorkItem {
  return {
    key: keyOf(op, r),
    request: {
      apiVersion: r.apiVersion,
      kind: r.kind,
      ...(r.namespace ? { namespace: r.namespace } : {}),
      name: r.name,
    },
  };
}

function ownerItem(ref: OwnerReference, dependentNamespace: string | undefined): WorkItem {
  return item("O", {
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    namespace: dependentNamespace ?? "",
    name: ref.name,
    uid: ref.uid,
  });
}

function deleting(obj: KubeObject): boolean {
  return !!obj.metadata?.deletionTimestamp;
}

function sameRefs(a: OwnerReference[] | undefined, b: OwnerReference[] | undefined): boolean {
  if ((a?.length ?? 0) !== (b?.length ?? 0)) return false;
  return (a ?? []).every((r, i) => {
    const o = b![i];
    return r.uid === o.uid && r.name === o.name && r.kind === o.kind &&
      r.apiVersion === o.apiVersion && !!r.controller === !!o.controller &&
      !!r.blockOwnerDeletion === !!o.blockOwnerDeletion;
  });
}

function ignorable(e: unknown): boolean {
  return e instanceof StatusError &&
    (e.status.reason === "NotFound" || e.status.reason === "Conflict");
}

/** A dependent found by a scan. */
interface Dependent {
  ref: Ref;
  refs: OwnerReference[];
}

/** One batch: its reads and writes share a transaction. */
class Batch {
  #rt: Runtime;
  #ctx: ServerContext;
  #req: RequestContext;
  #env: ProcessEnv;
  #graphs = new Map<string, Map<string, Dependent[]>>();
  #objects = new Map<string, KubeObject | null>();
  #deleted = new Set<string>();
  /** Errors per item key. */
  readonly errors: Map<string, unknown> = new Map();

  constructor(rt: Runtime, ctx: ServerContext, req: RequestContext, env: ProcessEnv) {
    this.#rt = rt;
    this.#ctx = ctx;
    this.#req = req;
    this.#env = env;
  }

  async #graph(scope: string): Promise<Map<string, Dependent[]>> {
    const all = this.#graphs.get(ALL);
    if (all) return all;
    let g = this.#graphs.get(scope);
    if (g) return g;
    g = new Map();
    const withRefs = (o: KubeObject) => !!o.metadata?.ownerReferences?.length;
    for (const t of storedTypes(this.#rt)) {
      if (scope !== ALL && !t.namespaced) continue;
      const prefix = collectionPrefix(this.#ctx.keyPrefix, t, scope === ALL ? undefined : scope);
      const list = await this.#ctx.storage.list({ prefix, filter: withRefs });
      for (const o of list.items) {
        const dep: Dependent = { ref: refOf(o), refs: o.metadata.ownerReferences ?? [] };
        for (const r of dep.refs) {
          const deps = g.get(r.uid);
          if (deps) deps.push(dep);
          else g.set(r.uid, [dep]);
        }
      }
    }
    this.#graphs.set(scope, g);
    return g;
  }

  /** The dependents of an owner: in its namespace, or anywhere for a cluster-scoped owner. */
  async dependentsOf(uid: string, namespace: string | undefined): Promise<Dependent[]> {
    const g = await this.#graph(namespace || ALL);
    return (g.get(uid) ?? []).filter((d) => !this.#deleted.has(d.ref.uid));
  }

  async #type(r: { apiVersion: string; kind: string }): Promise<ResourceType> {
    const t = await findType(this.#rt, r);
    if (!t) {
      throw new Error(`Cannot find the kind "${r.kind}" in version "${r.apiVersion}"`);
    }
    return t;
  }

  async #get(t: ResourceType, namespace: string | undefined, name: string) {
    const key = objectKey(this.#ctx.keyPrefix, t, t.namespaced ? namespace : undefined, name);
    if (this.#objects.has(key)) return this.#objects.get(key) ?? undefined;
    const o = await this.#ctx.storage.get(key);
    this.#objects.set(key, o ?? null);
    return o;
  }

  #forget(t: ResourceType, obj: KubeObject): void {
    this.#objects.delete(
      objectKey(this.#ctx.keyPrefix, t, obj.metadata.namespace, obj.metadata.name ?? ""),
    );
  }

  async #delete(t: ResourceType, obj: KubeObject, policy: PropagationPolicy): Promise<void> {
    this.#forget(t, obj);
    try {
      await deleteObject(this.#ctx, this.#req, t, {
        namespace: obj.metadata.namespace,
        name: obj.metadata.name ?? "",
      }, {
        propagationPolicy: policy,
        preconditions: { uid: obj.metadata.uid },
        skipAuthorization: true,
      });
      if (!(await this.#get(t, obj.metadata.namespace, obj.metadata.name ?? ""))) {
        this.#deleted.add(obj.metadata.uid ?? "");
      }
    } catch (e) {
      if (!ignorable(e)) throw e;
    }
  }

  /** Patches metadata at `obj`'s resourceVersion; false when it changed meanwhile (retried). */
  async #patchMeta(
    t: ResourceType,
    obj: KubeObject,
    meta: Record<string, unknown>,
  ): Promise<boolean> {
    this.#forget(t, obj);
    try {
      await patchObject(
        this.#ctx,
        this.#req,
        t,
        {
          namespace: obj.metadata.namespace,
          name: obj.metadata.name ?? "",
        },
        "merge",
        {
          metadata: {
            ...meta,
            uid: obj.metadata.uid,
            resourceVersion: obj.metadata.resourceVersion,
          },
        },
        { skipAuthorization: true },
      );
      return true;
    } catch (e) {
      if (e instanceof StatusError && e.status.reason === "Conflict") {
        // Changed meanwhile: look again in a later pass.
        this.#env.add(item("C", refOf(obj)));
        return false;
      }
      if (!ignorable(e)) throw e;
      return false;
    }
  }

  /** attemptToDeleteItem: deletes a dependent none of whose owners remains. */
  async check(dep: Ref): Promise<void> {
    const t = await this.#type(dep);
    const latest = await this.#get(t, dep.namespace || undefined, dep.name);
    if (!latest || latest.metadata.uid !== dep.uid) return;
    if (deleting(latest)) {
      if (hasFinalizer(latest, FOREGROUND)) this.#env.add(item("O", refOf(latest)));
      return;
    }
    const refs = latest.metadata.ownerReferences ?? [];
    if (!refs.length) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const ot = await this.#type(ref);
      if (!latest.metadata.namespace && ot.namespaced) {
        // A cluster-scoped object cannot have a namespaced owner; retrying cannot fix it.
        this.#rt.recorder(GARBAGE_COLLECTOR_COMPONENT).event(
          latest,
          "Warning",
          "OwnerRefInvalidNamespace",
          `ownerRef [${ref.apiVersion}/${ref.kind}, namespace: , name: ${ref.name}, uid: ${ref.uid}] does not exist in namespace ""`,
        );
        return;
      }
      const owner = await this.#get(ot, latest.metadata.namespace, ref.name);
      if (!owner || owner.metadata.uid !== ref.uid) dangling.push(ref);
      else if (deleting(owner) && hasFinalizer(owner, FOREGROUND)) waiting.push(ref);
      else solid.push(ref);
    }
    if (solid.length) {
      if (!dangling.length && !waiting.length) return;
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      const kept = refs.filter((r) => !drop.has(r.uid));
      await this.#patchMeta(t, latest, { ownerReferences: kept.length ? kept : null });
      return;
    }
    if (waiting.length) {
      const scope = t.namespaced ? latest.metadata.namespace : undefined;
      const deps = await this.dependentsOf(latest.metadata.uid ?? "", scope);
      if (deps.length) {
        // An owner waits for this object, and a dependent of it waits for its own dependents:
        // maybe a cycle (owners that own each other), where each would wait for the other for
        // ever. As Kubernetes' collector, stop blocking the owners first.
        if (await this.#someDeletingDependents(deps) && refs.some((r) => r.blockOwnerDeletion)) {
          const unblocked = refs.map((r) =>
            r.blockOwnerDeletion ? { ...r, blockOwnerDeletion: false } : r
          );
          if (!await this.#patchMeta(t, latest, { ownerReferences: unblocked })) return;
        }
        await this.#delete(t, latest, "Foreground");
        return;
      }
    }
    const policy: PropagationPolicy = hasFinalizer(latest, ORPHAN)
      ? "Orphan"
      : hasFinalizer(latest, FOREGROUND)
      ? "Foreground"
      : "Background";
    await this.#delete(t, latest, policy);
  }

  /** Whether one of the dependents is itself deleted in the foreground (isDeletingDependents). */
  async #someDeletingDependents(deps: Dependent[]): Promise<boolean> {
    for (const d of deps) {
      const dt = await this.#type(d.ref);
      const latest = await this.#get(dt, d.ref.namespace || undefined, d.ref.name);
      if (
        latest && latest.metadata.uid === d.ref.uid && deleting(latest) &&
        hasFinalizer(latest, FOREGROUND)
      ) return true;
    }
    return false;
  }

  /** The latest state of an owner named by an item, if it is still the same object. */
  async owner(r: Ref): Promise<{ type: ResourceType; obj: KubeObject | undefined }> {
    const t = await this.#type(r);
    const obj = await this.#get(t, r.namespace || undefined, r.name);
    return { type: t, obj: obj && obj.metadata.uid === r.uid ? obj : undefined };
  }

  /** Orphans the dependents of an owner deleted with `orphan`, then drops the finalizer. */
  async orphan(t: ResourceType, owner: KubeObject): Promise<void> {
    const uid = owner.metadata.uid ?? "";
    for (const d of await this.dependentsOf(uid, owner.metadata.namespace)) {
      const dt = await this.#type(d.ref);
      const latest = await this.#get(dt, d.ref.namespace || undefined, d.ref.name);
      if (!latest || latest.metadata.uid !== d.ref.uid) continue;
      const refs = latest.metadata.ownerReferences ?? [];
      if (!refs.some((r) => r.uid === uid)) continue;
      const kept = refs.filter((r) => r.uid !== uid);
      await this.#patchMeta(dt, latest, { ownerReferences: kept.length ? kept : null });
    }
    await this.#dropFinalizer(t, owner, ORPHAN);
  }

  /** Drops `foregroundDeletion` once no dependent with blockOwnerDeletion remains. */
  async foreground(t: ResourceType, owner: KubeObject): Promise<boolean> {
    const uid = owner.metadata.uid ?? "";
    for (const d of await this.dependentsOf(uid, owner.metadata.namespace)) {
      const dt = await this.#type(d.ref);
      const latest = await this.#get(dt, d.ref.namespace || undefined, d.ref.name);
      if (!latest || latest.metadata.uid !== d.ref.uid) continue;
      if (latest.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion)) {
        return false;
      }
    }
    await this.#dropFinalizer(t, owner, FOREGROUND);
    return true;
  }

  async #dropFinalizer(t: ResourceType, owner: KubeObject, name: string): Promise<void> {
    const latest = await this.#get(t, owner.metadata.namespace, owner.metadata.name ?? "");
    if (!latest || latest.metadata.uid !== owner.metadata.uid) return;
    if (!hasFinalizer(latest, name)) return;
    const kept = (latest.metadata.finalizers ?? []).filter((f) => f !== name);
    await this.#patchMeta(t, latest, { finalizers: kept.length ? kept : null });
  }
}

/** The garbage collector as a runner. */
export class GarbageCollector implements Runner {
  readonly name: string = GARBAGE_COLLECTOR;
  readonly controller: Controller;
  #rt: Runtime;

  constructor(rt: Runtime) {
    this.#rt = rt;
    this.controller = {
      name: GARBAGE_COLLECTOR,
      for: { apiVersion: "*", kind: "*" },
      reconcile: (ctx, req) => this.#reconcileOne(ctx, req),
    };
  }

  prepare(): Promise<void> {
    return Promise.resolve();
  }

  requestOf(key: string): Request {
    const p = parseKey(key);
    return p ? item(p.op, p.ref).request : { name: key };
  }

  map(change: Change, add: (item: WorkItem) => void): void {
    const o = change.object;
    const meta = o?.metadata;
    if (!meta?.uid) return;
    if (change.type === "DELETED") {
      add(item("D", refOf(o)));
      // A foreground owner may have been waiting for this dependent.
      for (const r of meta.ownerReferences ?? []) {
        if (r.blockOwnerDeletion) add(ownerItem(r, meta.namespace));
      }
      return;
    }
    if (meta.deletionTimestamp && (hasFinalizer(o, ORPHAN) || hasFinalizer(o, FOREGROUND))) {
      add(item("O", refOf(o)));
    }
    const refs = meta.ownerReferences;
    if (change.type === "ADDED" || !change.old) {
      if (refs?.length) add(item("C", refOf(o)));
      return;
    }
    const oldRefs = change.old.metadata?.ownerReferences;
    if (sameRefs(refs, oldRefs)) return;
    if (refs?.length) add(item("C", refOf(o)));
    for (const r of oldRefs ?? []) {
      const now = refs?.find((x) => x.uid === r.uid);
      if (r.blockOwnerDeletion && !now?.blockOwnerDeletion) add(ownerItem(r, meta.namespace));
    }
  }

  async relist(add: (item: WorkItem) => void): Promise<void> {
    await loadAllKinds(this.#rt);
    const prefix = this.#rt.server.keyPrefix;
    for (const t of storedTypes(this.#rt)) {
      const list = await this.#rt.storage.list({
        prefix: collectionPrefix(prefix, t),
        filter: (o) =>
          !!o.metadata?.ownerReferences?.length ||
          (!!o.metadata?.deletionTimestamp &&
            (hasFinalizer(o, ORPHAN) || hasFinalizer(o, FOREGROUND))),
      });
      for (const o of list.items) this.map({ type: "ADDED", revision: 0, object: o }, add);
    }
  }

  async process(items: WorkItem[], env: ProcessEnv): Promise<void> {
    await loadAllKinds(this.#rt);
    for (let i = 0; i < items.length; i += CHUNK) {
      if (env.stopping()) return;
      await this.#chunk(items.slice(i, i + CHUNK), env);
    }
  }

  async #chunk(items: WorkItem[], env: ProcessEnv): Promise<void> {
    let errors: Map<string, unknown>;
    try {
      errors = await inTransaction(this.#rt, CONTROLLER_MANAGER, async (ctx, req) => {
        const b = new Batch(this.#rt, ctx, req, env);
        await this.#run(b, items);
        return b.errors;
      });
    } catch (error) {
      for (const it of items) env.done(it, { error });
      return;
    }
    for (const it of items) {
      const error = errors.get(it.key);
      env.done(it, error === undefined ? {} : { error });
    }
  }

  async #run(b: Batch, items: WorkItem[]): Promise<void> {
    const checks = new Map<string, { ref: Ref; origin: string }>();
    const owners: { key: string; type: ResourceType; obj: KubeObject; mode: string }[] = [];
    const guard = async (origin: string, fn: () => Promise<void>) => {
      try {
        await fn();
      } catch (e) {
        if (!b.errors.has(origin)) b.errors.set(origin, e);
      }
    };
    const checkDependents = async (origin: string, uid: string, ns: string | undefined) => {
      for (const d of await b.dependentsOf(uid, ns)) {
        if (!checks.has(d.ref.uid)) checks.set(d.ref.uid, { ref: d.ref, origin });
      }
    };
    for (const it of items) {
      const p = parseKey(it.key);
      if (!p) continue;
      const { op, ref } = p;
      await guard(it.key, async () => {
        if (op === "C") {
          if (!checks.has(ref.uid)) checks.set(ref.uid, { ref, origin: it.key });
        } else if (op === "D") {
          await checkDependents(it.key, ref.uid, ref.namespace || undefined);
        } else {
          const { type, obj } = await b.owner(ref);
          const ns = type.namespaced ? ref.namespace || undefined : undefined;
          if (!obj) {
            // Gone (or replaced): its dependents lost an owner.
            await checkDependents(it.key, ref.uid, ns);
          } else if (deleting(obj) && hasFinalizer(obj, FOREGROUND)) {
            await checkDependents(it.key, ref.uid, ns);
            owners.push({ key: it.key, type, obj, mode: FOREGROUND });
          } else if (deleting(obj) && hasFinalizer(obj, ORPHAN)) {
            owners.push({ key: it.key, type, obj, mode: ORPHAN });
          }
        }
      });
    }
    for (const { ref, origin } of checks.values()) await guard(origin, () => b.check(ref));
    for (const o of owners) {
      await guard(o.key, async () => {
        if (o.mode === ORPHAN) await b.orphan(o.type, o.obj);
        else await b.foreground(o.type, o.obj);
      });
    }
  }

  async #reconcileOne(_ctx: ReconcileContext, req: Request): Promise<void> {
    if (!req.apiVersion || !req.kind) {
      throw new TypeError("Cannot garbage-collect a request without apiVersion and kind");
    }
    const t = await findType(this.#rt, { apiVersion: req.apiVersion, kind: req.kind });
    if (!t) throw new Error(`Cannot find the kind "${req.kind}" in version "${req.apiVersion}"`);
    const obj = await this.#rt.storage.get(
      objectKey(this.#rt.server.keyPrefix, t, t.namespaced ? req.namespace : undefined, req.name),
    );
    if (!obj) return;
    const items: WorkItem[] = [];
    this.map({ type: "ADDED", revision: 0, object: obj }, (i) => items.push(i));
    const failures: unknown[] = [];
    await this.process(items, {
      now: () => this.#rt.server.now().getTime(),
      stopping: () => false,
      done: (_i, outcome) => void (outcome?.error && failures.push(outcome.error)),
      add: () => {},
      signal: new AbortController().signal,
      log: () => {},
    });
    if (failures.length) throw failures[0];
  }
}

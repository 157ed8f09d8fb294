// Copyright 2026 the k1s authors. Apache-2.0 license.
// The namespace lifecycle controller (kube-controller-manager's namespace deleter): a
// Terminating namespace's content is deleted, every namespaced kind in the registry included;
// the NamespaceDeletion* conditions report progress; once nothing is left, `kubernetes` is
// removed from spec.finalizers through /finalize and the namespace goes.
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import type { RequestContext, ServerContext } from "../apiserver/context.ts";
import type { Runtime } from "../runtime/runtime.ts";
import { StatusError } from "../errors/status_error.ts";
import { collectionPrefix, objectKey } from "../apiserver/_keys.ts";
import { rfc3339 } from "../apiserver/_time.ts";
import { deleteObject } from "../apiserver/delete.ts";
import { updateObject } from "../apiserver/update.ts";
import type { Controller, ReconcileContext, Request } from "./types.ts";
import type { Change } from "./_changes.ts";
import type { WorkItem } from "./_queue.ts";
import {
  errorMessage,
  inTransaction,
  loadAllKinds,
  parseRequestKey,
  processEach,
  type ProcessEnv,
  type Runner,
  storedTypes,
} from "./_runner.ts";
import { CONTROLLER_MANAGER } from "./_garbage_collector.ts";

/** The namespace controller's name. */
export const NAMESPACE_CONTROLLER = "namespace-controller";

const FINALIZER = "kubernetes";

interface Condition {
  type: string;
  status: "True" | "False";
  lastTransitionTime?: string;
  reason: string;
  message: string;
}

/** The condition types the deleter maintains, in Kubernetes' order, with their "ok" variants. */
const CONDITIONS: { type: string; reason: string; message: string }[] = [
  {
    type: "NamespaceDeletionDiscoveryFailure",
    reason: "ResourcesDiscovered",
    message: "All resources successfully discovered",
  },
  {
    type: "NamespaceDeletionGroupVersionParsingFailure",
    reason: "ParsedGroupVersions",
    message: "All legacy kube types successfully parsed",
  },
  {
    type: "NamespaceDeletionContentFailure",
    reason: "ContentDeleted",
    message: "All content successfully deleted, may be waiting on finalization",
  },
  {
    type: "NamespaceContentRemaining",
    reason: "ContentRemoved",
    message: "All content successfully removed",
  },
  {
    type: "NamespaceFinalizersRemaining",
    reason: "ContentHasNoFinalizers",
    message: "All content-preserving finalizers finished",
  },
];

/** What is left in a namespace after a deletion round. */
interface Totals {
  /** `<resource>.<group>` → objects remaining. */
  resources: Map<string, number>;
  /** finalizer → objects remaining that carry it. */
  finalizers: Map<string, number>;
  /** Messages of failed deletions. */
  errors: string[];
}

/** The conditions for a round's totals (namespaceConditionUpdater). */
function conditionsFor(t: Totals): Map<string, Omit<Condition, "lastTransitionTime">> {
  const out = new Map<string, Omit<Condition, "lastTransitionTime">>();
  for (const c of CONDITIONS) out.set(c.type, { ...c, status: "False" });
  if (t.errors.length) {
    out.set("NamespaceDeletionContentFailure", {
      type: "NamespaceDeletionContentFailure",
      status: "True",
      reason: "ContentDeletionFailed",
      message: `Failed to delete all resource types, ${t.errors.length} remaining: ${
        [...t.errors].sort().join(", ")
      }`,
    });
  }
  if (t.resources.size) {
    const parts = [...t.resources].map(([r, n]) => `${r} has ${n} resource instances`).sort();
    out.set("NamespaceContentRemaining", {
      type: "NamespaceContentRemaining",
      status: "True",
      reason: "SomeResourcesRemain",
      message: `Some resources are remaining: ${parts.join(", ")}`,
    });
  }
  if (t.finalizers.size) {
    const parts = [...t.finalizers].map(([f, n]) => `${f} in ${n} resource instances`).sort();
    out.set("NamespaceFinalizersRemaining", {
      type: "NamespaceFinalizersRemaining",
      status: "True",
      reason: "SomeFinalizersRemain",
      message: `Some content in the namespace has finalizers remaining: ${parts.join(", ")}`,
    });
  }
  return out;
}

/** Applies new conditions to a status (updateConditions); returns whether anything changed. */
function updateConditions(
  status: { conditions?: Condition[] },
  wanted: Map<string, Omit<Condition, "lastTransitionTime">>,
  now: string,
): boolean {
  let changed = false;
  const conditions = status.conditions ?? [];
  for (const c of CONDITIONS) {
    const want = wanted.get(c.type)!;
    const old = conditions.find((x) => x.type === c.type);
    if (!old) {
      conditions.push({ ...want, lastTransitionTime: now });
      changed = true;
    } else if (
      old.status !== want.status || old.message !== want.message || old.reason !== want.reason
    ) {
      if (old.status !== want.status) old.lastTransitionTime = now;
      old.status = want.status;
      old.reason = want.reason;
      old.message = want.message;
      changed = true;
    }
  }
  status.conditions = conditions;
  return changed;
}

function resourceLabel(t: ResourceType): string {
  return `${t.plural}.${t.group}`;
}

function isNamespace(o: KubeObject): boolean {
  return o.kind === "Namespace" && o.apiVersion === "v1";
}

/** The namespace controller as a runner. */
export class NamespaceController implements Runner {
  readonly name: string = NAMESPACE_CONTROLLER;
  readonly controller: Controller;
  #rt: Runtime;

  constructor(rt: Runtime) {
    this.#rt = rt;
    this.controller = {
      name: NAMESPACE_CONTROLLER,
      for: { apiVersion: "v1", kind: "Namespace" },
      reconcile: (ctx: ReconcileContext, req: Request) => this.#sync(req.name, ctx.signal),
    };
  }

  prepare(): Promise<void> {
    return Promise.resolve();
  }

  requestOf(key: string): Request {
    return parseRequestKey(key);
  }

  map(change: Change, add: (item: WorkItem) => void): void {
    const o = change.object;
    if (isNamespace(o)) {
      if (change.type !== "DELETED" && o.metadata.deletionTimestamp) {
        add({ key: o.metadata.name!, request: { name: o.metadata.name! } });
      }
      return;
    }
    // Content going away may be what a Terminating namespace waits for.
    const ns = o.metadata?.namespace;
    if (change.type === "DELETED" && ns) add({ key: ns, request: { name: ns } });
  }

  async relist(add: (item: WorkItem) => void): Promise<void> {
    const t = this.#nsType();
    const list = await this.#rt.storage.list({
      prefix: collectionPrefix(this.#rt.server.keyPrefix, t),
      filter: (o) => !!o.metadata?.deletionTimestamp,
    });
    for (const o of list.items) add({ key: o.metadata.name!, request: { name: o.metadata.name! } });
  }

  process(items: WorkItem[], env: ProcessEnv): Promise<void> {
    return processEach(items, env, (it) => this.#sync(it.request.name, env.signal));
  }

  #nsType(): ResourceType {
    return this.#rt.registry.get("v1", "Namespace")!;
  }

  async #sync(name: string, _signal: AbortSignal): Promise<void> {
    const nsType = this.#nsType();
    const key = objectKey(this.#rt.server.keyPrefix, nsType, undefined, name);
    const first = await this.#rt.storage.get(key);
    if (!first?.metadata.deletionTimestamp) return;
    await loadAllKinds(this.#rt);
    const types = storedTypes(this.#rt).filter((t) =>
      t.namespaced && (t.verbs.length === 0 || t.verbs.includes("delete"))
    );
    await inTransaction(this.#rt, CONTROLLER_MANAGER, async (ctx, req) => {
      let ns = await ctx.storage.get(key);
      if (!ns?.metadata.deletionTimestamp) return;
      const status = (ns.status ?? {}) as { phase?: string; conditions?: Condition[] };
      if (status.phase !== "Terminating") {
        ns = await updateObject(ctx, req, nsType, {
          ...ns,
          status: { ...status, phase: "Terminating" },
        }, { subresource: "status", skipAuthorization: true });
      }
      const totals = await this.#deleteContent(ctx, req, name, types);
      const next = structuredClone(ns);
      const nextStatus = (next.status ??= {}) as { conditions?: Condition[] };
      if (updateConditions(nextStatus, conditionsFor(totals), rfc3339(ctx.now()))) {
        ns = await updateObject(ctx, req, nsType, next, {
          subresource: "status",
          skipAuthorization: true,
        });
      }
      if (totals.resources.size || totals.errors.length) return;
      const spec = (ns.spec ?? {}) as { finalizers?: string[] };
      if (!spec.finalizers?.includes(FINALIZER)) return;
      const finalizers = [...new Set(spec.finalizers.filter((f) => f !== FINALIZER))].sort();
      await updateObject(ctx, req, nsType, {
        ...ns,
        spec: { ...spec, finalizers },
      }, { subresource: "finalize", skipAuthorization: true });
    });
  }

  /** Deletes everything in the namespace; counts what remains (deleteAllContent). */
  async #deleteContent(
    ctx: ServerContext,
    req: RequestContext,
    namespace: string,
    types: ResourceType[],
  ): Promise<Totals> {
    const totals: Totals = { resources: new Map(), finalizers: new Map(), errors: [] };
    for (const t of types) {
      const prefix = collectionPrefix(ctx.keyPrefix, t, namespace);
      const items = (await ctx.storage.list({ prefix })).items;
      let failed: string | undefined;
      for (const o of items) {
        if (o.metadata.deletionTimestamp) continue;
        try {
          await deleteObject(ctx, req, t, { namespace, name: o.metadata.name ?? "" }, {
            propagationPolicy: "Background",
            skipAuthorization: true,
          });
        } catch (e) {
          if (e instanceof StatusError && e.status.reason === "NotFound") continue;
          failed ??= errorMessage(e);
        }
      }
      if (failed) {
        totals.errors.push(`${failed} for gvr: ${t.group}/${t.version}, Resource=${t.plural}`);
      }
      const left = items.length ? (await ctx.storage.list({ prefix })).items : [];
      if (!left.length) continue;
      totals.resources.set(resourceLabel(t), left.length);
      for (const o of left) {
        for (const f of o.metadata.finalizers ?? []) {
          totals.finalizers.set(f, (totals.finalizers.get(f) ?? 0) + 1);
        }
      }
    }
    return totals;
  }
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
// Runs a user controller: maps changes of its `for`, `owns` and `watches` kinds to requests
// as controller-runtime's handlers do (EnqueueRequestForObject, EnqueueRequestForOwner with
// OnlyControllerOwner, EnqueueRequestsFromMapFunc, each seeing old and new objects), and
// reconciles requests one at a time.
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import type { Client } from "../client/types.ts";
import type { ServerContext } from "../apiserver/context.ts";
import type { Runtime } from "../runtime/runtime.ts";
import { STORE_OWNER } from "../runtime/runtime.ts";
import { K1sClient } from "../client/client.ts";
import type { Controller, MapFunc, Request, Result } from "./types.ts";
import type { Change } from "./_changes.ts";
import type { WorkItem } from "./_queue.ts";
import {
  describe,
  findType,
  groupKind,
  parseRequestKey,
  type ProcessEnv,
  requestKey,
  type Runner,
} from "./_runner.ts";

/** A client acting as the controller: its writes are recorded under the controller's name. */
function controllerClient(rt: Runtime, controller: Controller): Client {
  const user = controller.user;
  if (user && user.username !== STORE_OWNER.username) return rt.clientFor(user);
  const ctx = Object.create(rt.server) as ServerContext;
  ctx.defaultFieldManager = controller.name;
  return new K1sClient({
    ctx,
    user: STORE_OWNER,
    namespace: "default",
    resolve: (t) => rt.registry.get(t.apiVersion, t.kind) ?? rt.resolveType(t),
    beforeWrite: () => undefined,
  });
}

/** The runner of a user controller. */
export class ReconcilerRunner implements Runner {
  readonly name: string;
  readonly controller: Controller;
  #rt: Runtime;
  #for: string;
  #owns: Set<string>;
  #watches: Map<string, MapFunc[]>;
  #forType: ResourceType | undefined;
  #client: Client | undefined;
  #override: () => Client | undefined;

  constructor(rt: Runtime, controller: Controller, override: () => Client | undefined) {
    this.#rt = rt;
    this.#override = override;
    this.controller = controller;
    this.name = controller.name;
    this.#for = groupKind(controller.for);
    this.#owns = new Set((controller.owns ?? []).map(groupKind));
    this.#watches = new Map();
    for (const w of controller.watches ?? []) {
      const k = groupKind(w.type);
      this.#watches.set(k, [...(this.#watches.get(k) ?? []), w.map]);
    }
  }

  async prepare(): Promise<void> {
    this.#forType ??= await findType(this.#rt, this.controller.for);
  }

  requestOf(key: string): Request {
    return parseRequestKey(key);
  }

  #add(add: (item: WorkItem) => void, namespace: string | undefined, name: string): void {
    const ns = namespace || undefined;
    add({ key: requestKey(ns, name), request: ns ? { namespace: ns, name } : { name } });
  }

  #mapOwner(obj: KubeObject, add: (item: WorkItem) => void): void {
    for (const ref of obj.metadata?.ownerReferences ?? []) {
      if (!ref.controller || groupKind(ref) !== this.#for) continue;
      // The owner shares the dependent's namespace unless its kind is cluster-scoped.
      const namespaced = this.#forType ? this.#forType.namespaced : !!obj.metadata.namespace;
      this.#add(add, namespaced ? obj.metadata.namespace : undefined, ref.name);
    }
  }

  #mapFunc(fns: MapFunc[], obj: KubeObject, add: (item: WorkItem) => void): void {
    for (const fn of fns) {
      let reqs: Request[];
      try {
        reqs = fn(obj);
      } catch {
        continue;
      }
      for (const r of reqs ?? []) if (r?.name) this.#add(add, r.namespace, r.name);
    }
  }

  map(change: Change, add: (item: WorkItem) => void): void {
    const obj = change.object;
    const gk = groupKind(obj);
    if (gk === this.#for) this.#add(add, obj.metadata?.namespace, obj.metadata?.name ?? "");
    if (this.#owns.has(gk)) {
      this.#mapOwner(obj, add);
      if (change.old && change.type === "MODIFIED") this.#mapOwner(change.old, add);
    }
    const fns = this.#watches.get(gk);
    if (fns) {
      this.#mapFunc(fns, obj, add);
      if (change.old && change.type === "MODIFIED") this.#mapFunc(fns, change.old, add);
    }
  }

  async relist(add: (item: WorkItem) => void): Promise<void> {
    const c = this.#clientOf();
    const listAll = async (t: { apiVersion: string; kind: string }) => {
      try {
        return (await c.list(t)).items;
      } catch {
        return [];
      }
    };
    for (const o of await listAll(this.controller.for)) {
      this.#add(add, o.metadata.namespace, o.metadata.name ?? "");
    }
    for (const t of this.controller.owns ?? []) {
      for (const o of await listAll(t)) this.#mapOwner(o, add);
    }
    for (const w of this.controller.watches ?? []) {
      for (const o of await listAll(w.type)) this.#mapFunc([w.map], o, add);
    }
  }

  #clientOf(): Client {
    return this.#override() ?? (this.#client ??= controllerClient(this.#rt, this.controller));
  }

  async process(items: WorkItem[], env: ProcessEnv): Promise<void> {
    const client = this.#clientOf();
    const recorder = this.#rt.recorder(this.name);
    for (const item of items) {
      if (env.stopping()) return;
      const where = describe(item.request);
      const ctx = {
        client,
        recorder,
        signal: env.signal,
        log: (message: string) => env.log(`[${this.name}] ${where}: ${message}`),
      };
      let result: Result | void;
      try {
        result = await this.controller.reconcile(ctx, { ...item.request });
      } catch (error) {
        env.done(item, { error });
        continue;
      }
      env.done(item, {
        ...(result?.requeueAfter && result.requeueAfter > 0
          ? { requeueAfter: result.requeueAfter }
          : {}),
        ...(result?.requeue ? { requeue: true } : {}),
      });
    }
  }
}

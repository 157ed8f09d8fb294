// Copyright 2026 the k1s authors. Apache-2.0 license.
// kube-controller-manager's serviceaccounts controller: every active namespace has a `default`
// ServiceAccount. It is created when a namespace is created (or found without one), and again
// when it is deleted while its namespace stays; a Terminating namespace gets none.
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import type { Runtime } from "../runtime/runtime.ts";
import { StatusError } from "../errors/status_error.ts";
import { collectionPrefix, objectKey } from "../apiserver/_keys.ts";
import { createObject } from "../apiserver/create.ts";
import type { Controller, ReconcileContext, Request } from "./types.ts";
import type { Change } from "./_changes.ts";
import type { WorkItem } from "./_queue.ts";
import {
  inTransaction,
  parseRequestKey,
  processEach,
  type ProcessEnv,
  type Runner,
} from "./_runner.ts";
import { CONTROLLER_MANAGER } from "./_garbage_collector.ts";

/** The serviceaccounts controller's name. */
export const SERVICE_ACCOUNT_CONTROLLER = "serviceaccount-controller";

/** The ServiceAccount every namespace has. */
export const DEFAULT_SERVICE_ACCOUNT = "default";

function item(namespace: string): WorkItem {
  return { key: namespace, request: { name: namespace } };
}

/** The serviceaccounts controller as a runner; its requests name namespaces. */
export class ServiceAccountController implements Runner {
  readonly name: string = SERVICE_ACCOUNT_CONTROLLER;
  readonly controller: Controller;
  #rt: Runtime;

  constructor(rt: Runtime) {
    this.#rt = rt;
    this.controller = {
      name: SERVICE_ACCOUNT_CONTROLLER,
      for: { apiVersion: "v1", kind: "Namespace" },
      reconcile: (_ctx: ReconcileContext, req: Request) => this.#sync(req.name),
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
    if (o.apiVersion !== "v1") return;
    if (o.kind === "Namespace") {
      if (change.type !== "DELETED" && !o.metadata.deletionTimestamp) add(item(o.metadata.name!));
    } else if (
      o.kind === "ServiceAccount" && change.type === "DELETED" &&
      o.metadata.name === DEFAULT_SERVICE_ACCOUNT && o.metadata.namespace
    ) {
      add(item(o.metadata.namespace));
    }
  }

  async relist(add: (item: WorkItem) => void): Promise<void> {
    const list = await this.#rt.storage.list({
      prefix: collectionPrefix(this.#rt.server.keyPrefix, this.#type("Namespace")),
      filter: (o) => !o.metadata?.deletionTimestamp,
    });
    for (const o of list.items) add(item(o.metadata.name!));
  }

  process(items: WorkItem[], env: ProcessEnv): Promise<void> {
    return processEach(items, env, (it) => this.#sync(it.request.name));
  }

  #type(kind: string): ResourceType {
    return this.#rt.registry.get("v1", kind)!;
  }

  async #sync(namespace: string): Promise<void> {
    const nsType = this.#type("Namespace");
    const saType = this.#type("ServiceAccount");
    const prefix = this.#rt.server.keyPrefix;
    await inTransaction(this.#rt, CONTROLLER_MANAGER, async (ctx, req) => {
      const ns = await ctx.storage.get(objectKey(prefix, nsType, undefined, namespace));
      if (!ns || ns.metadata.deletionTimestamp) return;
      const key = objectKey(prefix, saType, namespace, DEFAULT_SERVICE_ACCOUNT);
      if (await ctx.storage.get(key)) return;
      const sa: KubeObject = {
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace },
      };
      try {
        await createObject(ctx, req, saType, sa, { skipAuthorization: true });
      } catch (e) {
        if (!(e instanceof StatusError && e.status.reason === "AlreadyExists")) throw e;
      }
    });
  }
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * CustomResourceDefinitions in a runtime: the CRD kind, its validation and name acceptance,
 * custom kinds loaded from the store on demand, schema handling of every kind and the cleanup
 * of deleted CRDs.
 *
 * @module
 */
import type { Runtime } from "../runtime/runtime.ts";
import type { Controller, ControllerManager } from "../controller/types.ts";
import type { CustomResourceDefinition } from "./types.ts";
import { CustomResourceState } from "./_state.ts";
import { crdCleanupController } from "./_cleanup_controller.ts";

const states = new WeakMap<Runtime, CustomResourceState>();

/**
 * Enables CustomResourceDefinitions on a runtime: registers the CRD kind, the schema provider
 * (pruning for every kind; defaulting and validation for custom kinds), a kind loader that
 * reads the stored CRDs when an unknown kind is asked for, a write listener that follows this
 * process's CRD changes, and the controller that deletes a deleted CRD's custom resources.
 * `createRuntime` calls it; it reads nothing from the store and loads no CEL.
 *
 * @param rt The runtime.
 *
 * @example The runtime already has it
 * ```ts
 * import { assert } from "@std/assert";
 * import { createRuntime } from "@k1s/core";
 * await using rt = await createRuntime({ store: "memory:" });
 * assert(rt.registry.get("apiextensions.k8s.io/v1", "CustomResourceDefinition"));
 * ```
 */
export function installCustomResourceSupport(rt: Runtime): void {
  if (states.has(rt)) return;
  const state = new CustomResourceState(rt);
  states.set(rt, state);
  if (!rt.registry.get("apiextensions.k8s.io/v1", "CustomResourceDefinition")) {
    rt.registry.add(state.crdType);
  }
  rt.setSchemaProvider((type) => state.schemaFor(type));
  rt.addKindLoader(() => state.load());
  rt.onWrite((ev) => {
    if (ev.resource === state.crdType) state.onWrite(ev);
  });
  const cleanup = crdCleanupController(state, () => rt.server.now());
  // Before the runtime loads its controller manager, the stand-in keeps the built-in
  // controllers' names reserved; `addOwn` is how their installers add them.
  const controllers = rt.controllers as ControllerManager & { addOwn?(c: Controller): void };
  if (controllers.addOwn) controllers.addOwn(cleanup);
  else controllers.add(cleanup);
}

function stateOf(rt: Runtime): CustomResourceState {
  let s = states.get(rt);
  if (!s) {
    installCustomResourceSupport(rt);
    s = states.get(rt)!;
  }
  return s;
}

/**
 * Registers the kinds of the stored CRDs that changed since the last look (and unregisters
 * those of removed ones). The runtime does this by itself when a client asks for an unknown
 * kind; a CLI calls it before resolving a resource name it does not know (`kubectl get
 * widgets`). Costs one revision read when nothing changed.
 *
 * @param rt The runtime.
 * @returns When the registry is up to date.
 *
 * @example Resolve a custom resource's name after another process created its CRD
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createRuntime, loadCustomResources } from "@k1s/core";
 * await using rt = await createRuntime({ store: "memory:" });
 * await rt.client.create({
 *   apiVersion: "apiextensions.k8s.io/v1",
 *   kind: "CustomResourceDefinition",
 *   metadata: { name: "widgets.example.com" },
 *   spec: {
 *     group: "example.com",
 *     scope: "Namespaced",
 *     names: { plural: "widgets", kind: "Widget", shortNames: ["wd"] },
 *     versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object" } } }],
 *   },
 * });
 * await loadCustomResources(rt);
 * assertEquals(rt.registry.resolve("wd").map((t) => `${t.plural}.${t.group}`), ["widgets.example.com"]);
 * ```
 */
export function loadCustomResources(rt: Runtime): Promise<void> {
  return stateOf(rt).load();
}

/**
 * Registers custom kinds in this process from CRD objects (generated code's `register(rt)`
 * calls this), without writing them to the store. Each CRD is defaulted and validated as the
 * API server would, except for its schemas, which the generator checked (re-checking them
 * would cost every command milliseconds); its served versions become resource types, whose
 * schemas compile at first use. A stored CRD of the same name is then ignored.
 *
 * @param rt The runtime.
 * @param crds The definitions.
 * @throws {StatusError} Invalid, with Kubernetes' messages, when a CRD is invalid.
 * @throws {TypeError} When a kind or name is already registered.
 *
 * @example Serve a kind compiled into the program
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createRuntime, installCustomResourceDefinitions } from "@k1s/core";
 * await using rt = await createRuntime({ store: "memory:" });
 * installCustomResourceDefinitions(rt, [{
 *   apiVersion: "apiextensions.k8s.io/v1",
 *   kind: "CustomResourceDefinition",
 *   metadata: { name: "widgets.example.com" },
 *   spec: {
 *     group: "example.com",
 *     scope: "Namespaced",
 *     names: { plural: "widgets", kind: "Widget" },
 *     versions: [{
 *       name: "v1", served: true, storage: true,
 *       schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object", properties: { size: { type: "integer", default: 1 } } } } } },
 *     }],
 *   },
 * }]);
 * const w = await rt.client.create({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "a", namespace: "default" }, spec: {} });
 * assertEquals(w.spec, { size: 1 });
 * ```
 */
export function installCustomResourceDefinitions(
  rt: Runtime,
  crds: CustomResourceDefinition[],
): void {
  const state = stateOf(rt);
  for (const crd of crds) state.installCompiled(crd);
}

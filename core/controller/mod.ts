// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Controllers for k1s: reconcilers in controller-runtime's shape, run by triggered execution
 * in short-lived processes (`rt.controllers.drain()`) or continuously (`rt.controllers.run()`),
 * with the built-in garbage collector and namespace controller, finalizer and owner reference
 * helpers, and an event recorder that deduplicates and aggregates like client-go's.
 *
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createRuntime, setControllerReference } from "@k1s/core";
 *
 * await using rt = await createRuntime({ store: "memory:" });
 * rt.controllers.add({
 *   name: "mirror",
 *   for: { apiVersion: "v1", kind: "ConfigMap" },
 *   owns: [{ apiVersion: "v1", kind: "Secret" }],
 *   async reconcile({ client }, req) {
 *     if (req.name.endsWith("-mirror")) return;
 *     const cm = await client.get({ apiVersion: "v1", kind: "ConfigMap" }, req).catch(() => undefined);
 *     if (!cm) return; // deleted: the garbage collector removes the Secret
 *     const secret = setControllerReference(cm, {
 *       apiVersion: "v1", kind: "Secret",
 *       metadata: { name: `${req.name}-mirror`, namespace: req.namespace },
 *       stringData: (cm.data ?? {}) as Record<string, string>,
 *     });
 *     await client.create(secret).catch(() => {});
 *   },
 * });
 * await rt.client.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app", namespace: "default" }, data: { k: "v" } });
 * await rt.controllers.drain();
 * await rt.client.get({ apiVersion: "v1", kind: "Secret" }, { namespace: "default", name: "app-mirror" });
 * await rt.client.delete({ apiVersion: "v1", kind: "ConfigMap" }, { namespace: "default", name: "app" });
 * await rt.controllers.drain();
 * const left = await rt.client.list({ apiVersion: "v1", kind: "Secret" }, { namespace: "default" });
 * assertEquals(left.items.length, 0);
 * ```
 *
 * @module
 */
export type * from "./types.ts";
export { isTerminalError, TerminalError, terminalError } from "./terminal_error.ts";
export {
  addFinalizer,
  containsFinalizer,
  type FinalizerOutcome,
  handleFinalizer,
  isBeingDeleted,
  removeFinalizer,
} from "./finalizers.ts";
export { setControllerReference, setOwnerReference } from "./owner_references.ts";
export { createControllerManager, createEventRecorder } from "./install.ts";

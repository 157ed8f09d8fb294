// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The runtime's entry points into the controller runtime: the controller manager (with the
 * built-in garbage collector and namespace controller) and event recorders.
 *
 * @module
 */
import type { ControllerManager, EventRecorder } from "./types.ts";
import type { Runtime } from "../runtime/runtime.ts";
import { CHECKPOINT_COMPONENT, K1sControllerManager } from "./_manager.ts";
import { K1sEventRecorder } from "./_event_recorder.ts";

/**
 * Creates the runtime's controller manager with the built-in controllers: the garbage
 * collector (owner references; Background, Foreground and Orphan propagation) and the
 * namespace controller (deleting a Terminating namespace's content). The runtime calls it;
 * use `rt.controllers`.
 *
 * @param rt The runtime.
 * @returns The manager.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createRuntime } from "@k1s/core";
 * await using rt = await createRuntime({ store: "memory:" });
 * const names = rt.controllers.list().map((c) => c.name);
 * assertEquals(names.slice(0, 2), ["garbage-collector", "namespace-controller"]);
 * ```
 */
export function createControllerManager(rt: Runtime): ControllerManager {
  return new K1sControllerManager(rt);
}

/**
 * Creates an event recorder for a component. The runtime calls it; use
 * `rt.recorder(component)`, which keeps one recorder per component and flushes it on close.
 *
 * @param rt The runtime.
 * @param component The source component of the events, e.g. `widget-controller`.
 * @returns The recorder.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createRuntime } from "@k1s/core";
 * await using rt = await createRuntime({ store: "memory:" });
 * const cm = await rt.client.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "default" } });
 * const rec = rt.recorder("demo");
 * rec.event(cm, "Normal", "Synced", "all good");
 * rec.event(cm, "Normal", "Synced", "all good");
 * await rec.flush();
 * const events = await rt.client.list({ apiVersion: "v1", kind: "Event" }, { namespace: "default" });
 * assertEquals(events.items.map((e) => [e.reason, e.count]), [["Synced", 2]]);
 * ```
 */
export function createEventRecorder(rt: Runtime, component: string): EventRecorder {
  const m = rt.controllers as unknown;
  if (component === CHECKPOINT_COMPONENT && m instanceof K1sControllerManager) {
    // Not an event source: the runtime flushes it on close, which checkpoints the watermarks.
    return { event: () => {}, flush: () => m.checkpoint() };
  }
  const r = new K1sEventRecorder(rt, component);
  if (m instanceof K1sControllerManager) m.trackRecorder(r);
  return r;
}

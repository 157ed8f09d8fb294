// Copyright 2026 the k1s authors. Apache-2.0 license.
// Stub until the controller runtime lands: a manager that runs nothing.
import type { ControllerManager, EventRecorder } from "./types.ts";
import type { Runtime } from "../runtime/runtime.ts";

/** Creates the runtime's controller manager with the built-in controllers. */
export function createControllerManager(_rt: Runtime): ControllerManager {
  const controllers: import("./types.ts").Controller[] = [];
  return {
    add: (c) => void controllers.push(c),
    list: () => [...controllers],
    drain: () => Promise.resolve({ reconciled: 0, remaining: [], failed: [], scheduled: [] }),
    run: () => Promise.resolve(),
  };
}

/** Creates an event recorder for a component. */
export function createEventRecorder(_rt: Runtime, _component: string): EventRecorder {
  return { event: () => {}, flush: () => Promise.resolve() };
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
// Stand-ins for the controller manager and event recorders of a runtime whose write machinery
// is not loaded yet (see `runtime.ts`): they take what they are given, and load the machinery
// when something has to run.
import type { KubeObject } from "../object/types.ts";
import type {
  Controller,
  ControllerManager,
  DrainOptions,
  DrainResult,
  EventRecorder,
  RunOptions,
} from "../controller/types.ts";
import { checkController } from "../controller/_check_controller.ts";

/** What the stand-ins need from their runtime. */
export interface DeferredHost {
  /** Loads and installs the machinery; afterwards `manager()` is set. */
  install(): Promise<void>;
  /** The real manager, once installed. */
  manager(): ControllerManager | undefined;
  /** The runtime's clock. */
  now(): Date;
}

/**
 * The controllers every runtime has, in the order the machinery registers them. Their names
 * are taken before it loads, as they are after.
 */
const BUILTIN_CONTROLLERS: readonly Pick<Controller, "name" | "for">[] = [
  { name: "garbage-collector", for: { apiVersion: "*", kind: "*" } },
  { name: "namespace-controller", for: { apiVersion: "v1", kind: "Namespace" } },
  { name: "serviceaccount-controller", for: { apiVersion: "v1", kind: "Namespace" } },
  {
    name: "apiextensions-crd-finalizer",
    for: { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition" },
  },
  {
    name: "clusterrole-aggregation-controller",
    for: { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole" },
  },
];

const BUILTIN_NAMES = new Set(BUILTIN_CONTROLLERS.map((c) => c.name));

/**
 * The controller manager before the machinery loads: `add` checks and keeps controllers,
 * `list` shows what the manager will hold, `drain` and `run` load the machinery first.
 */
export class DeferredControllers implements ControllerManager {
  #host: DeferredHost;
  #pending: Controller[] = [];

  constructor(host: DeferredHost) {
    this.#host = host;
  }

  /**
   * Hands the built-in controllers added so far (by the machinery's installers, when they ran
   * before the manager loaded) to the real manager, in their usual order; `installCrd` runs
   * in the place of the CRD controller (it adds it, unless it was added already).
   */
  adoptBuiltins(manager: ControllerManager, installCrd: () => void): void {
    const own = this.#pending.filter((c) => BUILTIN_NAMES.has(c.name));
    this.#pending = this.#pending.filter((c) => !BUILTIN_NAMES.has(c.name));
    for (const b of BUILTIN_CONTROLLERS) {
      const c = own.find((x) => x.name === b.name);
      if (c) manager.add(c);
      if (b.name === "apiextensions-crd-finalizer") installCrd();
    }
  }

  /** Hands everyone else's controllers to the real manager, in the order they were added. */
  adoptRest(manager: ControllerManager): void {
    const rest = this.#pending;
    this.#pending = [];
    for (const c of rest) manager.add(c);
  }

  add(controller: Controller): void {
    const real = this.#host.manager();
    if (real) return real.add(controller);
    // The built-in names are taken, as they are once the manager holds the built-ins.
    checkController(
      controller,
      (name) => BUILTIN_NAMES.has(name) || this.#pending.some((c) => c.name === name),
    );
    this.#pending.push(controller);
  }

  /**
   * Adds one of the built-in controllers (the machinery's installers call it when they run
   * before the manager is loaded, as the CRD support does when CRDs are loaded first).
   */
  addOwn(controller: Controller): void {
    const real = this.#host.manager();
    if (real) return real.add(controller);
    checkController(controller, (name) => this.#pending.some((c) => c.name === name));
    this.#pending.push(controller);
  }

  list(): Controller[] {
    const real = this.#host.manager();
    if (real) return real.list();
    const out: Controller[] = [];
    for (const b of BUILTIN_CONTROLLERS) {
      out.push(this.#pending.find((c) => c.name === b.name) ?? this.#stub(b));
    }
    for (const c of this.#pending) if (!BUILTIN_NAMES.has(c.name)) out.push(c);
    return out;
  }

  // A built-in controller before the machinery loads: reconciling loads it and runs the real one.
  #stub(b: Pick<Controller, "name" | "for">): Controller {
    const host = this.#host;
    return {
      name: b.name,
      for: { ...b.for },
      async reconcile(ctx, req) {
        await host.install();
        const real = host.manager()!.list().find((c) => c.name === b.name);
        if (!real) throw new Error(`Controller "${b.name}" is not registered`);
        return await real.reconcile(ctx, req);
      },
    };
  }

  async drain(options?: DrainOptions): Promise<DrainResult> {
    await this.#host.install();
    return await this.#host.manager()!.drain(options);
  }

  async run(options: RunOptions): Promise<void> {
    await this.#host.install();
    return await this.#host.manager()!.run(options);
  }
}

/** An event as recorded before the machinery loaded, with the time it was recorded at. */
type PendingEvent = [
  at: number,
  obj: KubeObject,
  type: "Normal" | "Warning",
  reason: string,
  message: string,
];

/** A recorder that can take events recorded earlier with their time (the runtime's own). */
interface TimedRecorder extends EventRecorder {
  eventAt?(
    at: number,
    obj: KubeObject,
    type: "Normal" | "Warning",
    reason: string,
    message: string,
  ): void;
}

/**
 * An event recorder before the machinery loads: keeps events (with the time they happened) and
 * hands them to the real recorder when the machinery loads, or when flushed.
 */
export class DeferredRecorder implements EventRecorder {
  #host: DeferredHost;
  #pending: PendingEvent[] = [];
  #real: TimedRecorder | undefined;

  constructor(host: DeferredHost) {
    this.#host = host;
  }

  /** Switches to the real recorder, replaying the events kept so far. */
  adopt(real: EventRecorder): void {
    const r = real as TimedRecorder;
    this.#real = r;
    for (const [at, obj, type, reason, message] of this.#pending) {
      if (r.eventAt) r.eventAt(at, obj, type, reason, message);
      else r.event(obj, type, reason, message);
    }
    this.#pending = [];
  }

  event(obj: KubeObject, type: "Normal" | "Warning", reason: string, message: string): void {
    if (this.#real) return this.#real.event(obj, type, reason, message);
    this.#pending.push([this.#host.now().getTime(), obj, type, reason, message]);
  }

  async flush(): Promise<void> {
    if (!this.#real) {
      if (this.#pending.length === 0) return;
      await this.#host.install();
    }
    await this.#real!.flush();
  }
}

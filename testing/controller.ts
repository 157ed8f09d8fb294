// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Runs controllers deterministically against a fake client: seed objects, run single
 * reconciles or drain until quiet, and move a fake clock to reach `requeueAfter` due times.
 *
 * @module
 */
import type { KubeObject } from "../core/object/types.ts";
import type { Runtime } from "../core/runtime/runtime.ts";
import type {
  Controller,
  DrainOptions,
  DrainResult,
  Request,
  Result,
} from "../core/controller/types.ts";
import { K1sControllerManager } from "../core/controller/_manager.ts";
import { installMachinery } from "../core/runtime/runtime.ts";
import { createFakeClient, type FakeClient, type FakeClientOptions } from "./fake_client.ts";

/** A clock that moves only when told to. */
export interface FakeClock {
  /** The current time, epoch milliseconds. */
  now(): number;
  /** Moves the clock forward. */
  advance(ms: number): void;
}

/** Options of {@linkcode createControllerTestEnv}. */
export interface ControllerTestOptions extends Omit<FakeClientOptions, "now"> {
  /** The controllers under test; the built-in garbage collector and namespace controller run too. */
  controllers?: Controller[];
  /** Start of the fake clock. @default {"2026-01-01T00:00:00Z"} */
  start?: Date;
}

/** A runtime with controllers on a fake client and a fake clock. */
export interface ControllerTestEnv extends AsyncDisposable {
  /** The fake client (interceptors apply to the controllers' requests too). */
  readonly client: FakeClient;
  /** The runtime behind it. */
  readonly runtime: Runtime;
  /** The fake clock: the runtime's clock, due times and event timestamps. */
  readonly clock: FakeClock;
  /**
   * Runs one reconcile of a registered controller directly (no queue, no backoff) and flushes
   * its events; throws what the reconcile throws.
   */
  reconcile(controller: string, request: Request): Promise<Result | void>;
  /**
   * Drains until the queues are quiet. Nothing sleeps: failed requests and `requeueAfter`
   * become due times; `clock.advance()` past them and drain again to run them.
   */
  drain(options?: DrainOptions): Promise<DrainResult>;
  /** The core/v1 Events recorded so far (flushed), oldest first. */
  events(namespace?: string): Promise<KubeObject[]>;
  /** Closes the store. */
  close(): Promise<void>;
}

/**
 * Creates a controller test environment.
 *
 * @param options Controllers, seed objects, interceptors and the clock's start.
 * @returns The environment; close it (or `await using`) when done.
 *
 * @example Requeue after a delay
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createControllerTestEnv } from "@k1s/core/testing";
 * let runs = 0;
 * await using env = await createControllerTestEnv({
 *   objects: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "default" } }],
 *   controllers: [{
 *     name: "poller",
 *     for: { apiVersion: "v1", kind: "ConfigMap" },
 *     reconcile: () => { runs++; return Promise.resolve({ requeueAfter: 60_000 }); },
 *   }],
 * });
 * const first = await env.drain();
 * assertEquals([runs, first.scheduled.length], [1, 1]);
 * await env.drain();
 * assertEquals(runs, 1); // not due yet
 * env.clock.advance(60_000);
 * await env.drain();
 * assertEquals(runs, 2);
 * ```
 */
export async function createControllerTestEnv(
  options: ControllerTestOptions = {},
): Promise<ControllerTestEnv> {
  const { controllers = [], start, ...rest } = options;
  let t = (start ?? new Date("2026-01-01T00:00:00Z")).getTime();
  const clock: FakeClock = {
    now: () => t,
    advance: (ms: number) => {
      if (!(ms >= 0)) throw new RangeError(`Cannot move the clock by ${ms} ms`);
      t += ms;
    },
  };
  const client = await createFakeClient({ ...rest, now: () => new Date(t) });
  const runtime = client.runtime;
  // The real manager, to set its clock and settings (a runtime loads it with its first write).
  await installMachinery(runtime);
  const manager = runtime.controllers;
  if (manager instanceof K1sControllerManager) {
    manager.settings.retryWaitMs = 0;
    manager.settings.clientFor = () => client;
    manager.clock = { now: () => t, sleep: () => Promise.resolve() };
  }
  for (const c of controllers) manager.add(c);
  return {
    client,
    runtime,
    clock,
    async reconcile(name: string, request: Request): Promise<Result | void> {
      const c = manager.list().find((x) => x.name === name);
      if (!c) throw new TypeError(`Cannot reconcile with controller "${name}": not registered`);
      const recorder = runtime.recorder(name);
      try {
        return await c.reconcile({
          client,
          recorder,
          signal: new AbortController().signal,
          log: () => {},
        }, { ...request });
      } finally {
        await recorder.flush();
      }
    },
    drain(drainOptions?: DrainOptions): Promise<DrainResult> {
      return manager.drain(drainOptions);
    },
    async events(namespace?: string): Promise<KubeObject[]> {
      const l = await client.list({ apiVersion: "v1", kind: "Event" }, {
        ...(namespace ? { namespace } : {}),
      });
      return l.items.sort((a, b) =>
        String(a.firstTimestamp).localeCompare(String(b.firstTimestamp)) ||
        String(a.metadata.name).localeCompare(String(b.metadata.name))
      );
    },
    close: () => client.close(),
    [Symbol.asyncDispose]: () => client.close(),
  };
}

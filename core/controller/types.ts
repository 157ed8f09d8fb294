// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Controller runtime types: reconcilers in the shape of controller-runtime, run by triggered
 * execution in short-lived processes.
 *
 * @module
 */
import type { KubeObject, TypeMeta } from "../object/types.ts";
import type { Client } from "../client/types.ts";

/** The object a reconcile is about (controller-runtime's `reconcile.Request`). */
export interface Request {
  /** Namespace; empty for cluster-scoped objects. */
  namespace?: string;
  /** Name. */
  name: string;
}

/** What a reconcile asks for next (controller-runtime's `reconcile.Result`). */
export interface Result {
  /** Run again soon (with backoff). */
  requeue?: boolean;
  /** Run again after this many milliseconds (persisted; honoured by a later process). */
  requeueAfter?: number;
}

/** What a reconcile function receives besides the request. */
export interface ReconcileContext {
  /** A client acting as the controller. */
  client: Client;
  /** Records events as this controller. */
  recorder: EventRecorder;
  /** Aborted when the process is asked to stop. */
  signal: AbortSignal;
  /** Logs a line about this reconcile. */
  log(message: string): void;
}

/** Maps an object of a watched kind to the requests it should trigger. */
export type MapFunc = (obj: KubeObject) => Request[];

/** A controller: what it reconciles and how. */
export interface Controller {
  /** Unique name (watermarks and due times are stored under it). */
  name: string;
  /** The kind reconciled; its own changes trigger reconciles of its key. */
  for: TypeMeta;
  /** Kinds it creates; their changes trigger the owning (controller: true) object's key. */
  owns?: TypeMeta[];
  /** Other kinds whose changes trigger the requests `map` returns. */
  watches?: { type: TypeMeta; map: MapFunc }[];
  /** Brings the world in line with the object; throw to retry with backoff. */
  reconcile(ctx: ReconcileContext, req: Request): Promise<Result | void>;
}

/** The outcome of {@linkcode ControllerManager.drain}. */
export interface DrainResult {
  /** Reconciles run. */
  reconciled: number;
  /** Requests still queued when the time or pass budget ran out. */
  remaining: { controller: string; request: Request }[];
  /** Requests whose last attempt failed. */
  failed: { controller: string; request: Request; error: string }[];
  /** Requeues scheduled for later processes, with their due times (epoch ms). */
  scheduled: { controller: string; request: Request; due: number }[];
}

/** A ControllerManager knows how to run controllers in short-lived and long-running processes. */
export interface ControllerManager {
  /** Registers a controller. */
  add(controller: Controller): void;
  /** The registered controllers (built-ins included). */
  list(): Controller[];
  /**
   * Runs every pending reconcile (this process's writes, changes other processes made since
   * each controller's watermark, due requeues) until the queue is quiet or a budget runs out.
   */
  drain(
    options?: { timeoutMs?: number; maxPasses?: number; signal?: AbortSignal },
  ): Promise<DrainResult>;
  /** Runs until `signal` aborts (operator mode). */
  run(options: { signal: AbortSignal }): Promise<void>;
}

/** Records core/v1 Events about objects, deduplicated like client-go's recorder. */
export interface EventRecorder {
  /** Records an event (flushed by `flush()`, and before the runtime closes). */
  event(obj: KubeObject, type: "Normal" | "Warning", reason: string, message: string): void;
  /** Writes every recorded event to the store. */
  flush(): Promise<void>;
}

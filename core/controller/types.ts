// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Controller runtime types: reconcilers in the shape of controller-runtime, run by triggered
 * execution in short-lived processes (see docs/controllers.md).
 *
 * @module
 */
import type { KubeObject, TypedObject, TypeMeta } from "../object/types.ts";
import type { Client } from "../client/types.ts";
import type { UserInfo } from "../apiserver/context.ts";

/** The object a reconcile is about (controller-runtime's `reconcile.Request`). */
export interface Request {
  /** Namespace; absent for cluster-scoped objects. */
  namespace?: string;
  /** Name. */
  name: string;
  /**
   * API version of the object, set only by controllers that reconcile several kinds (the
   * garbage collector); a controller's own requests are always about its `for` kind.
   */
  apiVersion?: string;
  /** Kind of the object, set with `apiVersion`. */
  kind?: string;
}

/** What a reconcile asks for next (controller-runtime's `reconcile.Result`). */
export interface Result {
  /** Run again soon, with the per-request exponential backoff. */
  requeue?: boolean;
  /**
   * Run again after this many milliseconds. Persisted as a due time in the store, so a later
   * process that drains after it is due runs it. Wins over `requeue`.
   */
  requeueAfter?: number;
}

/** What a reconcile function receives besides the request. */
export interface ReconcileContext {
  /** A client acting as the controller (the store owner unless the controller names a user). */
  client: Client;
  /** Records events as this controller (source component: the controller's name). */
  recorder: EventRecorder;
  /** Aborted when the process is asked to stop; the reconcile in flight may finish. */
  signal: AbortSignal;
  /** Logs a line about this reconcile. */
  log(message: string): void;
}

/** Maps an object of a watched kind to the requests it should trigger. */
export type MapFunc = (obj: KubeObject) => Request[];

/** A controller: what it reconciles and how (controller-runtime's builder and reconciler). */
export interface Controller {
  /**
   * Unique name: the watermark and due times are stored under it, and it is the field
   * manager of the controller's writes and the source component of its events. Letters,
   * digits, `-`, `.` and `_`.
   */
  name: string;
  /**
   * The kind reconciled; its own changes trigger reconciles of its key. The garbage
   * collector, which watches every kind, says `{ apiVersion: "*", kind: "*" }`.
   */
  for: TypeMeta;
  /** Kinds it creates; their changes trigger the owning (`controller: true`) object's key. */
  owns?: TypeMeta[];
  /** Other kinds whose changes trigger the requests `map` returns. */
  watches?: { type: TypeMeta; map: MapFunc }[];
  /** The identity the controller's client acts as. @default {STORE_OWNER} */
  user?: UserInfo;
  /**
   * Brings the world in line with the object. Throw to retry with exponential backoff; throw
   * `terminalError(err)` for an error that retrying cannot fix. Must be idempotent: a request
   * can run more than once (two processes draining at once, a crash before the watermark moved).
   */
  reconcile(ctx: ReconcileContext, req: Request): Promise<Result | void>;
}

/** A request of one controller, as {@linkcode DrainResult} reports it. */
export interface ControllerRequest {
  /** The controller's name. */
  controller: string;
  /** The request. */
  request: Request;
}

/** The outcome of {@linkcode ControllerManager.drain}. */
export interface DrainResult {
  /** Reconciles run. */
  reconciled: number;
  /** Requests still queued when the time or pass budget ran out (persisted as due now). */
  remaining: ControllerRequest[];
  /** Requests whose last attempt failed, with the error message. */
  failed: (ControllerRequest & { error: string })[];
  /** Requests due later (requeueAfter, backoff), with their due times (epoch ms). */
  scheduled: (ControllerRequest & { due: number })[];
}

/** Options of {@linkcode ControllerManager.drain}. */
export interface DrainOptions {
  /** Stop starting reconciles after this many milliseconds. @default {30000} */
  timeoutMs?: number;
  /**
   * Most passes: each pass runs everything queued at its start; the writes it makes queue
   * the next one (a cascade of depth n needs n + 1 passes). @default {100}
   */
  maxPasses?: number;
  /** Stops the drain after the reconcile in flight; what is left is persisted. */
  signal?: AbortSignal;
  /** Receives log lines (`[controller] namespace/name: message`). @default {discard} */
  log?: (line: string) => void;
}

/** Options of {@linkcode ControllerManager.run}. */
export interface RunOptions {
  /** Stops the manager: the reconcile in flight finishes, state and events are flushed. */
  signal: AbortSignal;
  /** Receives log lines. @default {discard} */
  log?: (line: string) => void;
}

/** A ControllerManager knows how to run controllers in short-lived and long-running processes. */
export interface ControllerManager {
  /** Registers a controller; throws a `TypeError` for a duplicate or invalid name. */
  add(controller: Controller): void;
  /** The registered controllers (built-ins included). */
  list(): Controller[];
  /**
   * Runs every pending reconcile (this process's writes, changes other processes made since
   * each controller's watermark, due requeues) until the queue is quiet or a budget runs out,
   * then persists the watermarks and due times and flushes events.
   */
  drain(options?: DrainOptions): Promise<DrainResult>;
  /** Runs until `signal` aborts (operator mode): watches every concerned kind, honours due times. */
  run(options: RunOptions): Promise<void>;
}

/** Records core/v1 Events about objects, deduplicated and aggregated like client-go's recorder. */
export interface EventRecorder {
  /** Records an event (buffered; written by `flush()`, by a drain and before the runtime closes). */
  event(obj: TypedObject, type: "Normal" | "Warning", reason: string, message: string): void;
  /** Writes every recorded event to the store. */
  flush(): Promise<void>;
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
// The controller manager: triggered execution in short-lived processes (drain) and the
// long-running operator mode (run). See docs/controllers.md for the model.
//
// Each controller has a watermark in the store: every change up to that revision has been
// handled (reconciled, or persisted as a due item). A drain reads the watermarks, maps the
// changes after them to queue keys (this process's writes, known from the write listener, or
// the store's change log when other processes wrote too), runs the queues until quiet, and
// merges the new watermarks and due items into the store with compare-and-swap. Watermarks
// are written lazily: only when the drain changes something else anyway, or when they lag by
// more than LAG_WRITE_THRESHOLD revisions, so a drain with nothing to do does not write; the
// runtime's close writes the watermarks its drains moved (the checkpoint). The drain every
// write command ends with, after writes that concern no controller, takes a short path of its
// own (#quietDrain): a runtime's first drain moves the watermarks in the transaction that
// reads them, later ones leave that to the checkpoint.
import type { KubeObject } from "../object/types.ts";
import type { WriteEvent } from "../apiserver/context.ts";
import type { Runtime } from "../runtime/runtime.ts";
import type { Client } from "../client/types.ts";
import { isStorageError } from "../storage/storage_error.ts";
import type {
  Controller,
  ControllerManager,
  ControllerRequest,
  DrainOptions,
  DrainResult,
  EventRecorder,
  RunOptions,
} from "./types.ts";
import { isTerminalError } from "./terminal_error.ts";
import { checkController } from "./_check_controller.ts";
import { type Change, replayChanges } from "./_changes.ts";
import { type WorkItem, WorkQueue } from "./_queue.ts";
import {
  advanceWatermarks,
  type ControllerState,
  loadStates,
  readAndAdvance,
  type ReadAndAdvanced,
  saveStates,
  type StateDelta,
  statePrefix,
} from "./_state.ts";
import {
  describe,
  errorMessage,
  type ItemOutcome,
  type ProcessEnv,
  type Runner,
} from "./_runner.ts";
import { ReconcilerRunner } from "./_reconciler_runner.ts";
import { GarbageCollector } from "./_garbage_collector.ts";
import { NamespaceController } from "./_namespace_controller.ts";
import { ServiceAccountController } from "./_service_account_controller.ts";

/** Watermarks lagging by more than this many revisions are written even when idle. */
export const LAG_WRITE_THRESHOLD = 100;
/**
 * The component of the recorder whose flush, when the runtime closes, writes the watermarks
 * this process moved (see {@linkcode K1sControllerManager.checkpoint}).
 */
export const CHECKPOINT_COMPONENT = "k1s:controller-checkpoint";
/** Most writes of this process remembered between drains; beyond, the change log is read. */
const MAX_OWN_WRITES = 100_000;

/** The manager's clock. */
export interface ManagerClock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` (or when `signal` aborts). */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** Tunables of the manager (tests and the testing helper change them). */
export interface ManagerSettings {
  /** A drain with nothing ready waits for a backoff retry due within this many ms. */
  retryWaitMs: number;
  /** Give up waiting for the end of a change-log read after this long without events. */
  replayIdleMs: number;
  /** Operator mode writes the watermarks at most this often while busy. */
  persistIntervalMs: number;
  /**
   * A drain that changes nothing else writes the watermarks only when they lag behind the
   * store by more than this many revisions (0: whenever they moved).
   */
  watermarkLag: number;
  /** The client a user controller's reconciles get (the testing helper's fake client). */
  clientFor?: (controller: Controller) => Client;
}

function realSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

/** One controller during a drain or run. */
interface Slot {
  runner: Runner;
  queue: WorkQueue;
  /** Changes up to this revision have been mapped to the queue. */
  seen: number;
  /** The watermark as stored (undefined: no record yet). */
  stored: number | undefined;
  /** Due items as stored: key → due. */
  loaded: Map<string, number>;
  /** Stored due items this process took. */
  removes: Map<string, number>;
  /** Items processed. */
  processed: number;
  /** Last error per key, for items whose last attempt failed. */
  failed: Map<string, string>;
}

/** One write of this process, mapped to queue keys when it happened. */
interface OwnWrite {
  revision: number;
  items: [Runner, WorkItem][];
}

/** The runtime's controller manager. */
export class K1sControllerManager implements ControllerManager {
  #rt: Runtime;
  #runners: Runner[] = [];
  #recorders = new Set<EventRecorder>();
  #own: OwnWrite[] = [];
  #ownIncomplete = false;
  /** Revisions of controller-state writes (not registry changes: nothing to map). */
  #stateWrites = new Set<number>();
  /** Per controller: the revision this process has handled through (between drains). */
  #handled = new Map<string, number>();
  /** Per controller: the watermark as last read or written by this process. */
  #stored = new Map<string, number>();
  /**
   * Per controller: the revision its record was written at, when the last drain found nothing
   * to do and the record no due items (what the close-time checkpoint may overwrite unread).
   */
  #idle: Map<string, number> | undefined;
  /** Whether a drain ran in this runtime. */
  #drained = false;
  #live = false;
  #tail: Promise<unknown> = Promise.resolve();
  clock: ManagerClock;
  settings: ManagerSettings = {
    retryWaitMs: 100,
    replayIdleMs: 250,
    persistIntervalMs: 1000,
    watermarkLag: LAG_WRITE_THRESHOLD,
  };

  constructor(rt: Runtime) {
    this.#rt = rt;
    this.clock = { now: () => rt.server.now().getTime(), sleep: realSleep };
    this.#runners.push(
      new GarbageCollector(rt),
      new NamespaceController(rt),
      new ServiceAccountController(rt),
    );
    rt.onWrite((ev) => this.#onWrite(ev));
  }

  add(controller: Controller): void {
    checkController(controller, (name) => this.#runners.some((r) => r.name === name));
    this.#runners.push(
      new ReconcilerRunner(this.#rt, controller, () => this.settings.clientFor?.(controller)),
    );
    // Writes made before it existed were not mapped for it: read the change log instead.
    if (this.#own.length) this.#ownIncomplete = true;
  }

  list(): Controller[] {
    return this.#runners.map((r) => r.controller);
  }

  /** Lets `drain` and the runtime flush a recorder. */
  trackRecorder(r: EventRecorder): void {
    this.#recorders.add(r);
  }

  #onWrite(ev: WriteEvent): void {
    if (this.#live) return;
    const revision = Number(ev.object?.metadata?.resourceVersion);
    if (!Number.isSafeInteger(revision)) return;
    if (this.#own.length >= MAX_OWN_WRITES) {
      this.#own = [];
      this.#ownIncomplete = true;
      return;
    }
    const change: Change = {
      type: ev.type,
      revision,
      object: ev.object,
      ...(ev.oldObject ? { old: ev.oldObject } : {}),
    };
    const items: [Runner, WorkItem][] = [];
    for (const r of this.#runners) {
      try {
        r.map(change, (item) => items.push([r, item]));
      } catch {
        // A map function's failure must not fail the write that triggered it.
      }
    }
    // Listeners hear of committed writes only, in the order they completed: concurrent writes
    // on etcd complete out of revision order, so keep the list sorted (writes of one etcd
    // transaction share a revision and stay together).
    const own = this.#own;
    let at = own.length;
    while (at > 0 && own[at - 1].revision > revision) at--;
    if (at === own.length) own.push({ revision, items });
    else own.splice(at, 0, { revision, items });
  }

  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(fn);
    this.#tail = run.catch(() => {});
    return run;
  }

  drain(options: DrainOptions = {}): Promise<DrainResult> {
    return this.#exclusive(async () =>
      await this.#quietDrain(options.log) ?? await this.#drain(options)
    );
  }

  run(options: RunOptions): Promise<void> {
    return this.#exclusive(async () => {
      this.#live = true;
      this.#own = [];
      try {
        await this.#run(options);
      } finally {
        this.#live = false;
        this.#ownIncomplete = true;
      }
    });
  }

  /**
   * The drain of a process whose writes concern no controller, when the store holds nothing
   * for them either: every change after the watermarks is one of this process's writes or a
   * controller record, and no controller has requests due. It reads the records and the
   * revision (a runtime's first drain also moves the watermarks, in the same transaction) and
   * does nothing else; `undefined` sends everything else to the full drain. Most commands end
   * here, so it is what a write that concerns no controller pays (bench/controller_bench.ts),
   * and it runs little code: in a short process all of it is compiled on the way.
   */
  async #quietDrain(log = (_: string) => {}): Promise<DrainResult | undefined> {
    await this.#flushRecorders(log);
    const first = !this.#drained;
    this.#drained = true;
    if (this.#ownIncomplete || this.#own.some((w) => w.items.length > 0)) return undefined;
    const rt = this.#rt;
    const names = this.#runners.map((r) => r.name);
    let quiet: ReadAndAdvanced | undefined;
    if (first) {
      // A runtime's first drain is most often its last (a CLI command's): it moves the
      // watermarks in the transaction that reads the records, instead of leaving that to close.
      quiet = await readAndAdvance(
        rt.storage,
        rt.server.keyPrefix,
        names,
        (states, revision) => this.#isQuiet(names, states, revision),
        { durable: false },
      );
    } else {
      const states = await loadStates(rt.storage, rt.server.keyPrefix, names);
      const revision = await rt.storage.revision();
      if (this.#isQuiet(names, states, revision)) quiet = { states, revision };
    }
    if (!quiet) return undefined;
    const { states, revision, written } = quiet;
    const idle = new Map<string, number>();
    for (const name of names) {
      const st = states.get(name)!;
      const at = written?.get(name) ?? st.writtenAt!;
      idle.set(name, at);
      this.#stateWrites.add(at);
      this.#stored.set(name, written ? revision : st.revision);
      this.#handled.set(name, revision);
    }
    this.#idle = idle;
    this.#own = this.#own.filter((w) => w.revision > revision);
    for (const r of this.#stateWrites) if (r <= revision) this.#stateWrites.delete(r);
    // Written when the runtime closes (see #persist).
    if (names.some((n) => this.#stored.get(n)! < revision)) {
      this.#rt.recorder(CHECKPOINT_COMPONENT);
    }
    return { reconciled: 0, remaining: [], failed: [], scheduled: [] };
  }

  /**
   * Whether the controllers have nothing to do at `revision`: every record exists without due
   * items, within the lag threshold, and every change after the watermarks is one of this
   * process's writes or a controller record.
   */
  #isQuiet(names: string[], states: Map<string, ControllerState>, revision: number): boolean {
    const known = new Set(this.#stateWrites);
    for (const w of this.#own) known.add(w.revision);
    let low = revision;
    let stored = revision;
    for (const name of names) {
      const st = states.get(name);
      if (!st || st.pending.length || !st.writtenAt) return false;
      known.add(st.writtenAt);
      stored = Math.min(stored, st.revision);
      low = Math.min(low, Math.max(st.revision, this.#handled.get(name) ?? -1));
    }
    if (revision - stored > this.settings.watermarkLag) return false;
    for (let r = low + 1; r <= revision; r++) if (!known.has(r)) return false;
    return true;
  }

  // ---- catching up ----------------------------------------------------------------------

  async #begin(): Promise<Slot[]> {
    const rt = this.#rt;
    for (const r of this.#runners) await r.prepare();
    const states = await loadStates(
      rt.storage,
      rt.server.keyPrefix,
      this.#runners.map((r) => r.name),
    );
    for (const st of states.values()) if (st.writtenAt) this.#stateWrites.add(st.writtenAt);
    const revision = await rt.storage.revision();
    const slots: Slot[] = [];
    for (const runner of this.#runners) {
      const st = states.get(runner.name);
      const queue = new WorkQueue();
      const loaded = new Map<string, number>();
      for (const p of st?.pending ?? []) {
        queue.addAt({ key: p.key, request: runner.requestOf(p.key) }, p.due, false);
        if (p.retries) queue.failures.set(p.key, p.retries);
        loaded.set(p.key, p.due);
      }
      const handled = this.#handled.get(runner.name);
      if (st) this.#stored.set(runner.name, st.revision);
      slots.push({
        runner,
        queue,
        seen: Math.max(st?.revision ?? -1, handled ?? -1),
        stored: st?.revision,
        loaded,
        removes: new Map(),
        processed: 0,
        failed: new Map(),
      });
    }
    for (const s of slots) {
      if (s.seen >= 0) continue;
      // First start of this controller on this store: everything is new to it.
      await s.runner.relist((item) => s.queue.add(item));
      s.seen = revision;
    }
    await this.#ingest(slots, revision);
    return slots;
  }

  /** Maps the changes up to `to` into the queues of the slots that have not seen them. */
  async #ingest(slots: Slot[], to: number): Promise<void> {
    const behind = slots.filter((s) => s.seen < to);
    if (!behind.length) return this.#pruneOwn(slots);
    const low = Math.min(...behind.map((s) => s.seen));
    const bySlot = new Map(slots.map((s) => [s.runner, s]));
    const own = this.#own.filter((w) => w.revision > low && w.revision <= to);
    // Revisions this process wrote, or controller records were written at, need no reading.
    const known = new Set(own.map((w) => w.revision));
    const coveredBy = (writes: Set<number>) => {
      for (const r of writes) if (r > low && r <= to) known.add(r);
      return !this.#ownIncomplete && known.size === to - low;
    };
    let covered = coveredBy(this.#stateWrites);
    if (!covered && !this.#ownIncomplete) {
      // Records of controllers this process does not run may fill the gap.
      const all = await loadStates(this.#rt.storage, this.#rt.server.keyPrefix);
      for (const st of all.values()) if (st.writtenAt) this.#stateWrites.add(st.writtenAt);
      covered = coveredBy(this.#stateWrites);
    }
    if (covered) {
      for (const w of own) {
        for (const [runner, item] of w.items) {
          const s = bySlot.get(runner);
          if (s && w.revision > s.seen) s.queue.add(item);
        }
      }
    } else {
      await this.#replay(behind, low, to);
      if (to >= (this.#own.at(-1)?.revision ?? 0)) this.#ownIncomplete = false;
    }
    for (const s of behind) s.seen = to;
    this.#pruneOwn(slots);
  }

  async #replay(slots: Slot[], low: number, to: number): Promise<void> {
    const rt = this.#rt;
    const compacted = await rt.storage.compactedRevision();
    for (const s of slots) {
      if (s.seen < compacted) {
        // The change log no longer reaches back: look at everything the controller watches.
        await s.runner.relist((item) => s.queue.add(item));
        s.seen = to;
      } else if (s.seen === 0) {
        // A watch cannot start at revision 0 ("from now"): the store's first change, an
        // addition, is found by listing; the watch from 1 brings the rest.
        await s.runner.relist((item) => s.queue.add(item));
        s.seen = 1;
      }
    }
    const rest = slots.filter((s) => s.seen < to);
    if (!rest.length) return;
    const from = Math.max(low, Math.min(...rest.map((s) => s.seen)));
    try {
      await replayChanges(rt.storage, from, to, {
        keyPrefix: rt.server.keyPrefix + "/",
        idleMs: this.settings.replayIdleMs,
      }, (ch) => {
        for (const s of slots) {
          if (ch.revision <= s.seen) continue;
          try {
            s.runner.map(ch, (item) => s.queue.add(item));
          } catch {
            // Same as for own writes: a failing map function drops that mapping only.
          }
        }
      });
    } catch (e) {
      if (!isStorageError(e, "Compacted")) throw e;
      for (const s of slots) {
        if (s.seen < to) await s.runner.relist((item) => s.queue.add(item));
      }
    }
  }

  #pruneOwn(slots: Slot[]): void {
    const min = Math.min(...slots.map((s) => s.seen));
    if (this.#own.length && this.#own[0].revision <= min) {
      this.#own = this.#own.filter((w) => w.revision > min);
    }
    for (const r of this.#stateWrites) if (r <= min) this.#stateWrites.delete(r);
  }

  // ---- processing -----------------------------------------------------------------------

  /** Moves due items to the ready queues. */
  #promote(slots: Slot[], now: number): void {
    for (const s of slots) s.queue.promote(now);
  }

  #apply(s: Slot, item: WorkItem, outcome: ItemOutcome, log: (line: string) => void): void {
    const now = this.clock.now();
    const q = s.queue;
    if (outcome.error !== undefined) {
      const message = errorMessage(outcome.error);
      s.failed.set(item.key, message);
      const where = `[${s.runner.name}] ${describe(item.request)}`;
      if (isTerminalError(outcome.error)) {
        q.forget(item.key);
        log(`${where}: terminal error: ${message}`);
      } else {
        const due = q.addRateLimited(item, now);
        log(`${where}: error (retry in ${due - now} ms): ${message}`);
      }
      return;
    }
    s.failed.delete(item.key);
    if (outcome.requeueAfter !== undefined && outcome.requeueAfter > 0) {
      q.forget(item.key);
      q.addAt(item, now + outcome.requeueAfter);
    } else if (outcome.requeue) {
      q.addRateLimited(item, now);
    } else {
      q.forget(item.key);
    }
  }

  /** Runs every ready item once; returns how many were processed. */
  async #pass(
    slots: Slot[],
    stopping: () => boolean,
    signal: AbortSignal,
    log: (line: string) => void,
  ): Promise<number> {
    let count = 0;
    for (const s of slots) {
      if (stopping()) break;
      const items = s.queue.take();
      if (!items.length) continue;
      const now = this.clock.now();
      for (const item of items) {
        // A stored due item that is due now is consumed by this run.
        const due = s.loaded.get(item.key);
        if (due !== undefined && due <= now && !s.removes.has(item.key)) {
          s.removes.set(item.key, due);
        }
      }
      const done = new Set<string>();
      const env: ProcessEnv = {
        now: () => this.clock.now(),
        stopping,
        done: (item, outcome = {}) => {
          if (done.has(item.key)) return;
          done.add(item.key);
          count++;
          s.processed++;
          this.#apply(s, item, outcome, log);
        },
        add: (item) => s.queue.add(item),
        signal,
        log,
      };
      try {
        await s.runner.process(items, env);
      } catch (error) {
        for (const item of items) if (!done.has(item.key)) env.done(item, { error });
      }
      // Not reached (stopping): still queued.
      for (const item of items) if (!done.has(item.key)) s.queue.add(item);
    }
    return count;
  }

  async #flushRecorders(log: (line: string) => void): Promise<void> {
    for (const r of this.#recorders) {
      try {
        await r.flush();
      } catch (e) {
        log(`[events] flush failed: ${errorMessage(e)}`);
      }
    }
  }

  // ---- persisting -----------------------------------------------------------------------

  /** The changes to write for each slot; `force` includes watermark-only moves. */
  #deltas(slots: Slot[], revision: number, includeReady: boolean): StateDelta[] {
    const now = this.clock.now();
    const out: StateDelta[] = [];
    for (const s of slots) {
      const upserts: StateDelta["upserts"] = new Map();
      for (const [key, w] of s.queue.waiting) {
        if (!w.touched) continue;
        upserts.set(key, {
          due: w.due,
          retries: s.queue.failures.get(key) ?? 0,
          ...(s.loaded.has(key) ? { seen: s.loaded.get(key) } : {}),
        });
      }
      if (includeReady) {
        for (const key of s.queue.ready.keys()) {
          upserts.set(key, {
            due: now,
            retries: s.queue.failures.get(key) ?? 0,
            ...(s.loaded.has(key) ? { seen: s.loaded.get(key) } : {}),
          });
        }
      }
      out.push({ name: s.runner.name, revision, removes: new Map(s.removes), upserts });
    }
    return out;
  }

  async #persist(
    slots: Slot[],
    revision: number,
    includeReady: boolean,
    force: boolean,
  ): Promise<void> {
    const now = this.clock.now();
    const deltas = this.#deltas(slots, revision, includeReady);
    const needed = force ||
      slots.some((s, i) =>
        s.stored === undefined || s.processed > 0 || deltas[i].removes.size > 0 ||
        deltas[i].upserts.size > 0 || revision - s.stored > this.settings.watermarkLag
      );
    if (needed) {
      const changed = deltas.filter((d, i) =>
        d.removes.size || d.upserts.size || slots[i].stored === undefined ||
        revision > (slots[i].stored ?? -1)
      );
      for (const r of await saveStates(this.#rt.storage, this.#rt.server.keyPrefix, changed)) {
        this.#stateWrites.add(r);
      }
      for (const s of slots) this.#stored.set(s.runner.name, Math.max(s.stored ?? 0, revision));
      // The store now holds what this process knows: rebase the deltas on it.
      for (const s of slots) {
        s.stored = Math.max(s.stored ?? 0, revision);
        for (const key of s.removes.keys()) s.loaded.delete(key);
        s.removes.clear();
        for (const [key, w] of s.queue.waiting) {
          if (w.touched) s.loaded.set(key, w.due);
          w.touched = false;
        }
        if (includeReady) { for (const key of s.queue.ready.keys()) s.loaded.set(key, now); }
        s.processed = 0;
      }
    }
    for (const s of slots) this.#handled.set(s.runner.name, revision);
    if (!needed && !this.#live) {
      // Write the moved watermarks once, when the runtime closes (it flushes recorders), so
      // the next process need not read this one's writes back from the change log.
      this.#rt.recorder(CHECKPOINT_COMPONENT);
    }
  }

  /**
   * Writes the watermarks this process has moved without writing them: up to what its last
   * drain handled, extended over the writes it made since that concern no controller. The
   * runtime's close() runs it (through the checkpoint recorder); a process that exits without
   * closing leaves the next drain to read those changes from the change log instead.
   */
  checkpoint(): Promise<void> {
    return this.#exclusive(async () => {
      if (this.#live || !this.#runners.every((r) => this.#handled.has(r.name))) return;
      const rt = this.#rt;
      const handled = Math.min(...this.#runners.map((r) => this.#handled.get(r.name)!));
      const stored = Math.min(...this.#runners.map((r) => this.#stored.get(r.name) ?? -1));
      let through = handled;
      // Per revision: whether any of the writes made at it (several on etcd) concerns a
      // controller.
      const own = new Map<number, boolean>();
      if (!this.#ownIncomplete) {
        for (const w of this.#own) own.set(w.revision, own.get(w.revision) || w.items.length > 0);
        const revision = await rt.storage.revision();
        for (let r = handled + 1; r <= revision; r++) {
          const concerns = own.get(r);
          if (concerns ?? !this.#stateWrites.has(r)) break;
          through = r;
        }
      }
      // Nothing but controller records (an earlier checkpoint's own) since the stored
      // watermarks: they concern no controller, and writing would only make more of them.
      let last = through;
      while (last > stored && this.#stateWrites.has(last) && !own.has(last)) last--;
      if (last <= stored) return;
      const deltas: StateDelta[] = this.#runners.map((r) => ({
        name: r.name,
        revision: through,
        removes: new Map(),
        upserts: new Map(),
      }));
      // Not durable: a checkpoint lost in a crash only makes the next drain read the change
      // log, and its fsync would be most of what closing costs.
      const options = { durable: false };
      const idle = this.#idle;
      const quick = idle && idle.size === this.#runners.length
        ? await advanceWatermarks(rt.storage, rt.server.keyPrefix, idle, through, options)
        : undefined;
      const written = quick ??
        await saveStates(rt.storage, rt.server.keyPrefix, deltas, options);
      for (const r of written) this.#stateWrites.add(r);
      this.#idle = quick && idle
        ? new Map([...idle.keys()].map((name, i) => [name, quick[i]]))
        : undefined;
      for (const r of this.#runners) {
        this.#stored.set(r.name, through);
        this.#handled.set(r.name, through);
      }
    });
  }

  #result(slots: Slot[], reconciled: number): DrainResult {
    const remaining: ControllerRequest[] = [];
    const failed: DrainResult["failed"] = [];
    const scheduled: DrainResult["scheduled"] = [];
    for (const s of slots) {
      const controller = s.runner.name;
      for (const item of s.queue.ready.values()) {
        remaining.push({ controller, request: item.request });
      }
      for (const [key, error] of s.failed) {
        failed.push({ controller, request: s.runner.requestOf(key), error });
      }
      for (const w of s.queue.waiting.values()) {
        scheduled.push({ controller, request: w.item.request, due: w.due });
      }
    }
    scheduled.sort((a, b) => a.due - b.due);
    return { reconciled, remaining, failed, scheduled };
  }

  // ---- drain ----------------------------------------------------------------------------

  async #drain(options: DrainOptions): Promise<DrainResult> {
    const log = options.log ?? (() => {});
    const signal = options.signal ?? new AbortController().signal;
    const maxPasses = options.maxPasses ?? 100;
    const deadline = this.clock.now() + (options.timeoutMs ?? 30_000);
    const stopping = () => signal.aborted || this.clock.now() >= deadline;
    this.#idle = undefined;
    const slots = await this.#begin();
    let reconciled = 0;
    let passes = 0;
    for (;;) {
      const now = this.clock.now();
      this.#promote(slots, now);
      if (slots.every((s) => s.queue.quiet)) {
        const next = Math.min(...slots.map((s) => s.queue.nextDue() ?? Infinity));
        if (
          next - now <= this.settings.retryWaitMs && next < deadline && !signal.aborted &&
          passes < maxPasses
        ) {
          await this.clock.sleep(next - now, signal);
          // A clock that does not move (tests) cannot make anything due.
          if (this.clock.now() > now) continue;
        }
        break;
      }
      if (passes >= maxPasses || stopping()) break;
      passes++;
      reconciled += await this.#pass(slots, stopping, signal, log);
      await this.#ingest(slots, await this.#rt.storage.revision());
    }
    await this.#flushRecorders(log);
    const revision = await this.#rt.storage.revision();
    await this.#ingest(slots, revision);
    const result = this.#result(slots, reconciled);
    await this.#persist(slots, revision, true, false);
    return result;
  }

  // ---- run ----------------------------------------------------------------------------

  async #run(options: RunOptions): Promise<void> {
    const rt = this.#rt;
    const log = options.log ?? (() => {});
    const signal = options.signal;
    const slots = await this.#begin();
    const bySlot = new Map(slots.map((s) => [s.runner.name, s]));
    const keyPrefix = rt.server.keyPrefix + "/";
    const states = statePrefix(rt.server.keyPrefix);
    const root = states.slice(0, -"k1s/controllers/".length) || "/";
    // Every change up to here is mapped to the queues.
    let mapped = Math.max(...slots.map((s) => s.seen));
    let wake: () => void = () => {};
    let failure: unknown;
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal.addEventListener("abort", onAbort, { once: true });

    /** Follows due items other processes persist (a drain that ran out of budget). */
    const onState = (obj: KubeObject) => {
      const s = bySlot.get(obj.metadata?.name ?? "");
      if (!s || !Array.isArray(obj.pending)) return;
      const stored = new Map<string, number>();
      for (const p of obj.pending as { key: string; due: number }[]) stored.set(p.key, p.due);
      for (const [key, due] of stored) {
        if (s.loaded.get(key) === due) continue;
        s.loaded.set(key, due);
        s.queue.addAt({ key, request: s.runner.requestOf(key) }, due, false);
      }
      for (const key of [...s.loaded.keys()]) {
        if (stored.has(key)) continue;
        s.loaded.delete(key);
        const w = s.queue.waiting.get(key);
        if (w && !w.touched) s.queue.waiting.delete(key);
      }
    };

    const pump = async () => {
      while (!stop.signal.aborted) {
        const w = rt.storage.watch({ prefix: root, fromRevision: mapped });
        const stopWatch = () => w.stop();
        stop.signal.addEventListener("abort", stopWatch, { once: true });
        try {
          for await (const ev of w) {
            if (ev.key.startsWith(keyPrefix)) {
              const ch: Change = {
                type: ev.type,
                revision: ev.revision,
                object: ev.object,
                ...(ev.prevObject ? { old: ev.prevObject } : {}),
              };
              for (const s of slots) {
                try {
                  s.runner.map(ch, (item) => s.queue.add(item));
                } catch {
                  // See #replay.
                }
              }
            } else if (ev.key.startsWith(states) && ev.type !== "DELETED") {
              onState(ev.object);
            }
            mapped = Math.max(mapped, ev.revision);
            wake();
          }
          return;
        } catch (e) {
          if (stop.signal.aborted) return;
          if (!isStorageError(e, "Compacted")) {
            failure = e;
            wake();
            return;
          }
          log("[manager] the watch fell behind the change log: relisting");
          const revision = await rt.storage.revision();
          for (const s of slots) await s.runner.relist((item) => s.queue.add(item));
          mapped = revision;
          wake();
        } finally {
          stop.signal.removeEventListener("abort", stopWatch);
        }
      }
    };
    const pumping = pump();

    let lastPersist = this.clock.now();
    let dirty = false;
    const quiet = () => slots.every((s) => s.queue.quiet);
    try {
      while (!signal.aborted && failure === undefined) {
        this.#promote(slots, this.clock.now());
        if (!quiet()) {
          await this.#pass(slots, () => signal.aborted, signal, log);
          dirty = true;
          // Busy for long: persist what is queued too, so a crash loses little.
          if (this.clock.now() - lastPersist >= 5 * this.settings.persistIntervalMs) {
            await this.#persist(slots, mapped, true, true);
            lastPersist = this.clock.now();
          }
          continue;
        }
        // Quiet: everything mapped so far is handled or waiting for its due time.
        const lagging = slots.some((s) => mapped - (s.stored ?? -1) > LAG_WRITE_THRESHOLD);
        if (
          (dirty || lagging) && this.clock.now() - lastPersist >= this.settings.persistIntervalMs
        ) {
          await this.#flushRecorders(log);
          await this.#persist(slots, mapped, false, false);
          lastPersist = this.clock.now();
          dirty = false;
          continue;
        }
        const nextDue = Math.min(...slots.map((s) => s.queue.nextDue() ?? Infinity));
        const until = Math.min(
          nextDue,
          dirty ? lastPersist + this.settings.persistIntervalMs : Infinity,
        );
        const ms = until === Infinity ? 3_600_000 : Math.max(0, until - this.clock.now());
        const nap = new AbortController();
        const cancel = () => nap.abort();
        stop.signal.addEventListener("abort", cancel, { once: true });
        wake = cancel;
        await this.clock.sleep(ms, nap.signal);
        wake = () => {};
        stop.signal.removeEventListener("abort", cancel);
      }
    } finally {
      stop.abort();
      signal.removeEventListener("abort", onAbort);
      await pumping;
      await this.#flushRecorders(log);
      await this.#persist(slots, mapped, true, false);
    }
    if (failure !== undefined) throw failure;
  }
}

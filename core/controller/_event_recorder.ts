// Copyright 2026 the k1s authors. Apache-2.0 license.
// The event recorder: client-go's tools/record recorder and EventCorrelator (aggregation of
// similar events, counting of identical ones, the per-object spam filter), buffering events in
// memory and writing them in one transaction on flush. The correlator's caches are seeded from
// the events already stored for the same object and component, so counting and aggregation
// continue across short-lived processes; the spam filter's token buckets live in one process.
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import type { Runtime } from "../runtime/runtime.ts";
import { StatusError } from "../errors/status_error.ts";
import { collectionPrefix } from "../apiserver/_keys.ts";
import { rfc3339, systemNow } from "../apiserver/_time.ts";
import { createObject } from "../apiserver/create.ts";
import { patchObject } from "../apiserver/patch.ts";
import type { EventRecorder } from "./types.ts";
import { inTransaction } from "./_runner.ts";

const LRU_SIZE = 4096;
/** More than this many similar events (differing only in message) in the interval aggregate. */
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
const SPAM_BURST = 25;
const SPAM_QPS = 1 / 300;
/** The prefix of aggregated messages (EventAggregatorByReasonMessageFunc). */
export const COMBINED_PREFIX = "(combined from similar events): ";

/** An involved object reference (core/v1 ObjectReference). */
interface InvolvedObject {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  apiVersion: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** A core/v1 Event as this recorder writes it. */
interface EventObject extends KubeObject {
  involvedObject: InvolvedObject;
  reason: string;
  message: string;
  source: { component: string; host?: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  type: string;
  eventTime: null;
  reportingComponent: string;
  reportingInstance: string;
}

interface Recorded {
  event: EventObject;
  at: number;
}

/** A Map with least-recently-used eviction. */
class Lru<V> {
  #m = new Map<string, V>();
  get(k: string): V | undefined {
    const v = this.#m.get(k);
    if (v !== undefined) {
      this.#m.delete(k);
      this.#m.set(k, v);
    }
    return v;
  }
  set(k: string, v: V): void {
    this.#m.delete(k);
    this.#m.set(k, v);
    if (this.#m.size > LRU_SIZE) this.#m.delete(this.#m.keys().next().value!);
  }
}

function involvedKey(e: EventObject): string[] {
  const i = e.involvedObject;
  return [i.kind, i.namespace ?? "", i.name, i.uid ?? "", i.apiVersion];
}

/** getEventKey: everything but the timestamps and count. */
function eventKey(e: EventObject): string {
  const i = e.involvedObject;
  return JSON.stringify([
    e.source.component,
    e.source.host ?? "",
    i.kind,
    i.namespace ?? "",
    i.name,
    i.fieldPath ?? "",
    i.uid ?? "",
    i.apiVersion,
    e.type,
    e.reason,
    e.message,
  ]);
}

/** EventAggregatorByReasonFunc: events differing only in message are similar. */
function aggregateKey(e: EventObject): string {
  return JSON.stringify([
    e.source.component,
    e.source.host ?? "",
    ...involvedKey(e),
    e.type,
    e.reason,
    e.reportingComponent,
    e.reportingInstance,
  ]);
}

function spamKey(e: EventObject): string {
  return JSON.stringify([e.source.component, e.source.host ?? "", ...involvedKey(e)]);
}

interface AggregateRecord {
  keys: Set<string>;
  last: number;
}

interface LogRecord {
  count: number;
  first: string;
  name: string;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** One write the flush makes. */
interface Write {
  event: EventObject;
  /** Patch the stored event (count > 1) rather than create it. */
  patch: boolean;
  /** The correlator's cache key of the event. */
  cacheKey: string;
}

/**
 * Event names end in the time in nanoseconds, as client-go's recorder names them. JavaScript
 * clocks stop at milliseconds: below that, a random part keeps processes recording at the same
 * millisecond apart, except under a fake clock, where names must repeat from run to run.
 */
function unixNanoHex(ms: number, last: bigint, deterministic: boolean): bigint {
  const sub = deterministic ? 0 : Math.floor(Math.random() * 1_000_000);
  let n = BigInt(Math.floor(ms)) * 1_000_000n + BigInt(sub);
  if (n <= last) n = last + 1n;
  return n;
}

/** The recorder of one component. */
export class K1sEventRecorder implements EventRecorder {
  readonly component: string;
  #rt: Runtime;
  #buffer: Recorded[] = [];
  #aggregates = new Lru<AggregateRecord>();
  #logs = new Lru<LogRecord>();
  #buckets = new Lru<Bucket>();
  #seeded = new Set<string>();
  #lastNano = 0n;
  #flushing: Promise<void> = Promise.resolve();

  constructor(rt: Runtime, component: string) {
    this.#rt = rt;
    this.component = component;
  }

  /** Events recorded and not yet flushed. */
  get buffered(): number {
    return this.#buffer.length;
  }

  event(obj: KubeObject, type: "Normal" | "Warning", reason: string, message: string): void {
    this.eventAt(this.#rt.server.now().getTime(), obj, type, reason, message);
  }

  /** {@linkcode event} at a given time (events the runtime recorded before loading this code). */
  eventAt(
    at: number,
    obj: KubeObject,
    type: "Normal" | "Warning",
    reason: string,
    message: string,
  ): void {
    if (type !== "Normal" && type !== "Warning") return;
    const meta = obj?.metadata ?? {};
    const ts = rfc3339(new Date(at));
    const involved: InvolvedObject = {
      kind: obj.kind,
      ...(meta.namespace ? { namespace: meta.namespace } : {}),
      name: meta.name ?? "",
      ...(meta.uid ? { uid: meta.uid } : {}),
      apiVersion: obj.apiVersion,
      ...(meta.resourceVersion ? { resourceVersion: meta.resourceVersion } : {}),
    };
    const event: EventObject = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: this.#name(involved.name, at), namespace: meta.namespace || "default" },
      involvedObject: involved,
      reason,
      message,
      source: { component: this.component },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.component,
      reportingInstance: "",
    };
    this.#buffer.push({ event, at });
  }

  #name(objName: string, at: number): string {
    this.#lastNano = unixNanoHex(at, this.#lastNano, this.#rt.server.now !== systemNow);
    return `${objName}.${this.#lastNano.toString(16)}`;
  }

  flush(): Promise<void> {
    const run = this.#flushing.then(() => this.#flush());
    this.#flushing = run.catch(() => {});
    return run;
  }

  async #flush(): Promise<void> {
    if (!this.#buffer.length) return;
    const recorded = this.#buffer.splice(0);
    const type = this.#rt.registry.get("v1", "Event");
    if (!type) return;
    await this.#seed(type, recorded);
    const writes = new Map<string, Write>();
    for (const r of recorded) {
      const w = this.#correlate(r);
      if (!w) continue;
      const key = `${w.event.metadata.namespace}/${w.event.metadata.name}`;
      const prior = writes.get(key);
      // Coalesce repeats within one flush: a create absorbs the patches after it.
      writes.set(key, prior && !prior.patch ? { ...w, patch: false } : w);
    }
    if (!writes.size) return;
    await inTransaction(this.#rt, this.component, async (ctx, req) => {
      for (const w of writes.values()) {
        const e = w.event;
        const ns = e.metadata.namespace!;
        try {
          if (w.patch) {
            try {
              await patchObject(
                ctx,
                req,
                type,
                { namespace: ns, name: e.metadata.name! },
                "merge",
                {
                  count: e.count,
                  lastTimestamp: e.lastTimestamp,
                  message: e.message,
                },
                { skipAuthorization: true },
              );
              continue;
            } catch (err) {
              // The stored event is gone (namespace cleanup): create it afresh.
              if (!(err instanceof StatusError && err.status.reason === "NotFound")) throw err;
            }
          }
          await this.#create(ctx, req, type, w);
        } catch (err) {
          // Events are best effort, as in client-go: a namespace that is gone or terminating
          // refuses them.
          if (!(err instanceof StatusError)) throw err;
        }
      }
    });
  }

  async #create(
    ctx: Parameters<typeof createObject>[0],
    req: Parameters<typeof createObject>[1],
    type: ResourceType,
    w: Write,
  ): Promise<void> {
    const e = w.event;
    for (let attempt = 0;; attempt++) {
      try {
        await createObject(ctx, req, type, e, { skipAuthorization: true });
        return;
      } catch (err) {
        // Another process chose the same name in the same nanosecond: pick another one.
        if (attempt < 3 && err instanceof StatusError && err.status.reason === "AlreadyExists") {
          e.metadata.name = this.#name(e.involvedObject.name, Date.parse(e.lastTimestamp));
          const log = this.#logs.get(w.cacheKey);
          if (log) this.#logs.set(w.cacheKey, { ...log, name: e.metadata.name });
          continue;
        }
        throw err;
      }
    }
  }

  /** Loads what is stored about the objects of these events, once per object and process. */
  async #seed(type: ResourceType, recorded: Recorded[]): Promise<void> {
    const byNs = new Map<string, Set<string>>();
    for (const { event } of recorded) {
      const id = `${event.metadata.namespace}\u0000${involvedKey(event).join("\u0000")}`;
      if (this.#seeded.has(id)) continue;
      this.#seeded.add(id);
      const ns = event.metadata.namespace!;
      const set = byNs.get(ns) ?? new Set<string>();
      set.add(involvedKey(event).join("\u0000"));
      byNs.set(ns, set);
    }
    const now = this.#rt.server.now().getTime();
    for (const [ns, objects] of byNs) {
      const list = await this.#rt.storage.list({
        prefix: collectionPrefix(this.#rt.server.keyPrefix, type, ns),
        filter: (o) =>
          (o as EventObject).source?.component === this.component &&
          objects.has(involvedKey(o as EventObject).join("\u0000")),
      });
      const stored = (list.items as EventObject[]).sort((a, b) =>
        Date.parse(a.lastTimestamp ?? "") - Date.parse(b.lastTimestamp ?? "")
      );
      for (const e of stored) {
        const last = Date.parse(e.lastTimestamp ?? e.firstTimestamp ?? "");
        const combined = typeof e.message === "string" && e.message.startsWith(COMBINED_PREFIX);
        const agg = aggregateKey(e);
        this.#logs.set(combined ? agg : eventKey(e), {
          count: typeof e.count === "number" ? e.count : 1,
          first: e.firstTimestamp,
          name: e.metadata.name!,
        });
        if (!(now - last <= AGGREGATE_INTERVAL_MS)) continue;
        let rec = this.#aggregates.get(agg);
        if (!rec) {
          rec = { keys: new Set(), last: 0 };
          this.#aggregates.set(agg, rec);
        }
        rec.last = Math.max(rec.last, last);
        if (!combined) rec.keys.add(e.message);
        else {
          // Aggregation had started: the set of similar messages was full.
          for (let i = 0; rec.keys.size < AGGREGATE_MAX_EVENTS - 1; i++) rec.keys.add(`\u0000${i}`);
        }
      }
    }
  }

  /** EventCorrelate: aggregate, count, filter. */
  #correlate(r: Recorded): Write | undefined {
    const now = r.at;
    let e = r.event;
    // EventAggregate
    const agg = aggregateKey(e);
    let rec = this.#aggregates.get(agg);
    if (!rec || now - rec.last > AGGREGATE_INTERVAL_MS) rec = { keys: new Set(), last: 0 };
    rec.keys.add(e.message);
    rec.last = now;
    this.#aggregates.set(agg, rec);
    let cacheKey = eventKey(e);
    if (rec.keys.size >= AGGREGATE_MAX_EVENTS) {
      rec.keys.delete(rec.keys.values().next().value!);
      const ts = rfc3339(new Date(now));
      e = {
        ...e,
        metadata: { name: this.#name(e.involvedObject.name, now), namespace: e.metadata.namespace },
        message: COMBINED_PREFIX + e.message,
        firstTimestamp: ts,
        lastTimestamp: ts,
        count: 1,
      };
      cacheKey = agg;
    }
    // eventObserve
    const last = this.#logs.get(cacheKey);
    let patch = false;
    if (last && last.count > 0) {
      e = {
        ...e,
        metadata: { ...e.metadata, name: last.name },
        firstTimestamp: last.first,
        count: last.count + 1,
      };
      patch = true;
    }
    this.#logs.set(cacheKey, { count: e.count, first: e.firstTimestamp, name: e.metadata.name! });
    // EventSourceObjectSpamFilter
    const sk = spamKey(e);
    const b = this.#buckets.get(sk) ?? { tokens: SPAM_BURST, at: now };
    b.tokens = Math.min(SPAM_BURST, b.tokens + ((now - b.at) / 1000) * SPAM_QPS);
    b.at = now;
    const allowed = b.tokens >= 1;
    if (allowed) b.tokens -= 1;
    this.#buckets.set(sk, b);
    if (!allowed) return undefined;
    return { event: e, patch, cacheKey };
  }
}

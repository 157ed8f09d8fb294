// Copyright 2026 the k1s authors. Apache-2.0 license.
// The etcd v3 JSON gateway client: endpoint order and failover, classification of failures
// (not sent / outcome unknown / definite answer) and the base64 codec of keys and values.
import { StorageError } from "../../core/storage/storage_error.ts";
import { Http1Error, Http1Pool, type Http1Response, type Http1Tls } from "./_http1.ts";

/** A key/value as the gateway returns it (base64 bytes, int64 as strings, zero fields omitted). */
export interface KeyValue {
  key?: string;
  create_revision?: string;
  mod_revision?: string;
  version?: string;
  value?: string;
}

/** The header of every response. */
export interface ResponseHeader {
  revision?: string;
  member_id?: string;
}

/** `/v3/kv/range` response. */
export interface RangeResponse {
  header?: ResponseHeader;
  kvs?: KeyValue[];
  more?: boolean;
  count?: string;
}

/** `/v3/kv/txn` response. */
export interface TxnResponse {
  header?: ResponseHeader;
  succeeded?: boolean;
  responses?: {
    response_range?: RangeResponse;
    response_put?: { header?: ResponseHeader };
    response_delete_range?: { header?: ResponseHeader; deleted?: string; prev_kvs?: KeyValue[] };
  }[];
}

/** A definite error answer from etcd (the request was processed and refused). */
export class EtcdServerError extends Error {
  /** The gRPC status code. */
  readonly code: number;

  constructor(message: string, code: number, options?: ErrorOptions) {
    super(message, options);
    this.name = "EtcdServerError";
    this.code = code;
  }
}

/** A write that reached a member whose answer was lost: it may or may not have been applied. */
export class OutcomeUnknownError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "OutcomeUnknownError";
  }
}

/** A member's client URL and what the client knows about its health. */
export interface Endpoint {
  url: string;
  /** Until when (epoch ms) the member is tried only after the others. */
  deadUntil: number;
  /** When (epoch ms) the member last answered a request successfully. */
  lastAnswer: number;
  /** The liveness probe in flight, shared by everyone who asks meanwhile. */
  probing?: Promise<boolean>;
}

/** Timeouts of an {@linkcode EtcdClient}, in milliseconds. */
export interface EtcdClientTimeouts {
  /** How long one request may take, and how long a call keeps retrying. */
  timeoutMs: number;
  /**
   * How long a request waits for a first answer before the member is probed; a member that
   * does not answer the probe within this time either is given up (see `#guard`).
   */
  firstResponseMs: number;
  /** How long a watch stream may be silent before its member is probed. */
  watchSilenceMs: number;
}

/** Options of an {@linkcode EtcdClient}: its timeouts, and TLS material for `https` members. */
export interface EtcdClientOptions extends EtcdClientTimeouts {
  /** For the connections of unary requests (watches and probes use the `Deno.HttpClient`). */
  tls?: Http1Tls;
}

type Attempt =
  | { ok: true; value: unknown }
  | { ok: false; kind: "not-sent" | "unknown"; error: Error }
  | { ok: false; kind: "server"; error: EtcdServerError };

// Refusals etcd gives before a request enters raft: safe to send elsewhere, even writes.
const NOT_APPLIED = [
  "etcdserver: no leader",
  "etcdserver: not leader",
  "etcdserver: not capable",
  "etcdserver: too many requests",
  "etcdserver: unhealthy cluster",
];
// gRPC Canceled, DeadlineExceeded and Unavailable: the member may have proposed the write.
const AMBIGUOUS_CODES = new Set([1, 4, 14]);

/** How long a member that failed is tried only after the others. */
const DEAD_MS = 5_000;

// With `hasleader`, a member that has no raft leader refuses requests at once ("no leader",
// which is safe to send elsewhere) instead of holding them, and cancels watches when it loses
// its leader, so they move to a member of the majority.
const HEADERS = { "content-type": "application/json", "grpc-metadata-hasleader": "true" };
const HEADER_LINES = Object.entries(HEADERS).map(([k, v]) => `${k}: ${v}\r\n`).join("");

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Base64 of the UTF-8 bytes of `s`. */
export function b64(s: string): string {
  return encoder.encode(s).toBase64();
}

/** The string whose UTF-8 bytes are base64 `s` (empty for absent). */
export function unb64(s: string | undefined): string {
  return s ? decoder.decode(Uint8Array.fromBase64(s)) : "";
}

/** Base64 of the first byte string greater than every key starting with `prefix` (etcd range_end). */
export function rangeEndB64(prefix: string): string {
  const bytes = encoder.encode(prefix);
  let n = bytes.length;
  while (n > 0 && bytes[n - 1] === 0xff) n--;
  // Every key starts with an all-0xff prefix: "\0" means "to the end of the key space".
  if (n === 0) return "AA==";
  const end = bytes.slice(0, n);
  end[n - 1]++;
  return end.toBase64();
}

/** The number in an int64 string field (0 when omitted). */
export function num(s: string | undefined): number {
  return s ? Number(s) : 0;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}

/** The error for calls after `close()`. */
export function closedError(): StorageError {
  return new StorageError("Unreachable", { message: "storage is closed" });
}

/**
 * Sends JSON requests to the first live member, in the configured order. A member that
 * refuses connections or times out is remembered as dead for a while and tried last.
 */
export class EtcdClient {
  #endpoints: Endpoint[];
  #http: Deno.HttpClient;
  #tls: Http1Tls | undefined;
  #pools = new Map<string, Http1Pool>();
  #timeoutMs: number;
  #firstResponseMs: number;
  #watchSilenceMs: number;
  #closer = new AbortController();
  #inflight = new Set<Promise<unknown>>();
  #controllers = new Set<AbortController>();
  /** The highest header revision seen in any answer. */
  lastRevision = 0;

  constructor(urls: string[], http: Deno.HttpClient, options: EtcdClientOptions) {
    this.#endpoints = urls.map((url) => ({ url, deadUntil: 0, lastAnswer: 0 }));
    this.#http = http;
    this.#tls = options.tls;
    this.#timeoutMs = options.timeoutMs;
    this.#firstResponseMs = Math.min(options.firstResponseMs, options.timeoutMs);
    this.#watchSilenceMs = options.watchSilenceMs;
  }

  /** Per-request timeout, in milliseconds. */
  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  /** How long a watch stream may be silent before its member is probed, in milliseconds. */
  get watchSilenceMs(): number {
    return this.#watchSilenceMs;
  }

  /** Aborted by {@linkcode EtcdClient.close}. */
  get closeSignal(): AbortSignal {
    return this.#closer.signal;
  }

  /** The endpoint URLs, in configured order. */
  get urls(): string[] {
    return this.#endpoints.map((e) => e.url);
  }

  /** Live members first (configured order), then dead ones, soonest-expiring first. */
  order(): Endpoint[] {
    const now = Date.now();
    const live = this.#endpoints.filter((e) => e.deadUntil <= now);
    if (live.length === this.#endpoints.length) return live;
    const dead = this.#endpoints.filter((e) => e.deadUntil > now).sort((a, b) =>
      a.deadUntil - b.deadUntil
    );
    return [...live, ...dead];
  }

  markDead(ep: Endpoint): void {
    ep.deadUntil = Date.now() + DEAD_MS;
  }

  markAlive(ep: Endpoint): void {
    ep.deadUntil = 0;
    ep.lastAnswer = Date.now();
  }

  /**
   * Whether `ep` is alive: it answered a request successfully after `since` (epoch ms), or it
   * answers `/v3/maintenance/status` within the first-response timeout and has a raft leader.
   * The status request is cheap (no raft round, no key scan) and answered by every member; one
   * probe per member is shared by all who ask while it is in flight.
   */
  async alive(ep: Endpoint, since: number): Promise<boolean> {
    if (ep.lastAnswer > since) return true;
    if (!ep.probing) {
      const p = this.#probe(ep).finally(() => {
        ep.probing = undefined;
        this.#inflight.delete(p);
      });
      this.#inflight.add(p);
      ep.probing = p;
    }
    return await ep.probing;
  }

  async #probe(ep: Endpoint): Promise<boolean> {
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), this.#firstResponseMs);
    try {
      // With `hasleader` a member without a leader answers 503: not a member to wait for.
      const res = await fetch(ep.url + "/v3/maintenance/status", {
        method: "POST",
        body: "{}",
        headers: HEADERS,
        signal: AbortSignal.any([ac.signal, this.#closer.signal]),
        client: this.#http,
      });
      await res.body?.cancel();
      if (res.ok) ep.lastAnswer = Date.now();
      return res.ok;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Aborts `ac` once `ep` has not answered for the first-response timeout and then fails a
   * liveness probe ({@linkcode EtcdClient.alive}); while the member passes probes, the request
   * may take up to the full timeout. Waiting the full timeout on a member that hangs (a stopped
   * process, a port that accepts and never answers) made every command take that long; giving
   * up at the first-response timeout alone would instead abandon legitimately slow requests
   * (a big range is answered only once etcd has encoded all of it) on every member in turn.
   * Returns the function that disarms the guard, for when the answer arrives.
   */
  #guard(ep: Endpoint, ac: AbortController): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let disarmed = false;
    const check = async () => {
      const alive = await this.alive(ep, Date.now() - this.#firstResponseMs);
      if (disarmed) return;
      if (alive) {
        timer = setTimeout(check, this.#firstResponseMs);
        return;
      }
      ac.abort(
        new DOMException(
          `no answer within ${this.#firstResponseMs}ms, and no answer to a status request either`,
          "TimeoutError",
        ),
      );
    };
    timer = setTimeout(check, this.#firstResponseMs);
    return () => {
      disarmed = true;
      clearTimeout(timer);
    };
  }

  /** Records the revision of a response header. */
  note(header: ResponseHeader | undefined): number {
    const rev = num(header?.revision);
    if (rev > this.lastRevision) this.lastRevision = rev;
    return rev;
  }

  /**
   * Posts `body` to `path` on the first member that answers. Reads move on to the next member
   * on any transport failure; writes only when the request surely was not sent, and otherwise
   * throw {@linkcode OutcomeUnknownError}. `rounds` bounds the passes over all members
   * (default: until the timeout has passed). `trace.failures` counts failed attempts.
   */
  async call<T>(
    path: string,
    body: unknown,
    write: boolean,
    rounds = Infinity,
    trace?: { failures: number },
  ): Promise<T> {
    if (this.#closer.signal.aborted) throw closedError();
    const payload = JSON.stringify(body);
    const deadline = Date.now() + this.#timeoutMs;
    let lastError: Error | undefined;
    for (let round = 0;; round++) {
      for (const ep of this.order()) {
        if (this.#closer.signal.aborted) throw closedError();
        const p = this.#attempt(ep, path, payload, write);
        this.#inflight.add(p);
        const r = await p.finally(() => this.#inflight.delete(p));
        if (r.ok) return r.value as T;
        if (r.kind === "server") throw r.error;
        if (trace) trace.failures++;
        lastError = r.error;
        if (r.kind === "unknown" && write) {
          throw new OutcomeUnknownError(
            `lost the answer of etcd at ${ep.url}: ${r.error.message}`,
            {
              cause: r.error,
            },
          );
        }
      }
      if (round + 1 >= rounds || Date.now() >= deadline) break;
      await sleep(Math.min(50 * 2 ** round, 1000), this.#closer.signal);
      if (this.#closer.signal.aborted) throw closedError();
    }
    throw new StorageError("Unreachable", {
      message: `etcd is unreachable at ${this.urls.join(",")}: ${lastError?.message}`,
      cause: lastError,
    });
  }

  async #attempt(ep: Endpoint, path: string, payload: string, write: boolean): Promise<Attempt> {
    const ac = new AbortController();
    this.#controllers.add(ac);
    const timer = setTimeout(
      () => ac.abort(new DOMException(`no answer within ${this.#timeoutMs}ms`, "TimeoutError")),
      this.#timeoutMs,
    );
    // A request given up by the guard is, for a write, an unknown outcome like any timeout:
    // the member may hold it (a stopped process still has it in its socket buffer and handles
    // it when resumed) and apply it later. `call` therefore fails over only reads; a write
    // becomes an OutcomeUnknownError, which the storage resolves by sending the same
    // compare-guarded txn to the next member (it cannot apply twice: the first apply changes
    // the mod_revision the copy compares) and, if that compare fails, by looking for the first
    // copy's revision. The shorter wait changes how soon that happens, not whether it is safe.
    const disarm = this.#guard(ep, ac);
    try {
      let res: Http1Response;
      try {
        // The member answered once the head arrives: the body may take up to the timeout.
        res = await this.#pool(ep).post(path, payload, HEADER_LINES, ac.signal, {
          onHead: disarm,
          retryStale: !write,
        });
      } catch (e) {
        if (this.#closer.signal.aborted) throw closedError();
        this.markDead(ep);
        const kind = e instanceof Http1Error && !e.sent ? "not-sent" : "unknown";
        return { ok: false, kind, error: transportError(e) };
      } finally {
        disarm();
      }
      const text = res.text;
      const ok = res.status >= 200 && res.status < 300;
      if (ok) {
        this.markAlive(ep);
        const value = JSON.parse(text) as { header?: ResponseHeader };
        this.note(value.header);
        return { ok: true, value };
      }
      let parsed: { error?: string; message?: string; code?: number } = {};
      try {
        parsed = JSON.parse(text);
      } catch {
        // Not a gateway answer (a proxy, or a member that is shutting down).
      }
      const message = parsed.message ?? parsed.error ?? `HTTP ${res.status} ${text.slice(0, 200)}`;
      const code = parsed.code ?? -1;
      if (res.status === 404) {
        return {
          ok: false,
          kind: "server",
          error: new EtcdServerError(
            `${ep.url} does not serve the etcd v3 JSON gateway (etcd 3.4 or later is required)`,
            5,
          ),
        };
      }
      if (NOT_APPLIED.some((m) => message.startsWith(m))) {
        this.markDead(ep);
        return { ok: false, kind: "not-sent", error: new Error(message) };
      }
      if (AMBIGUOUS_CODES.has(code) || code === -1) {
        this.markDead(ep);
        return { ok: false, kind: "unknown", error: new Error(message) };
      }
      return { ok: false, kind: "server", error: new EtcdServerError(message, code) };
    } finally {
      clearTimeout(timer);
      this.#controllers.delete(ac);
    }
  }

  /**
   * Opens a streaming request (a watch) on `ep`; resolves when the response headers arrive.
   * The connect phase is bounded by the timeout and by the first-response guard; the stream
   * itself is not (the watch checks it).
   */
  async openStream(
    ep: Endpoint,
    path: string,
    body: unknown,
    signal: AbortSignal,
  ): Promise<Response> {
    const connect = new AbortController();
    const timer = setTimeout(
      () =>
        connect.abort(new DOMException(`no answer within ${this.#timeoutMs}ms`, "TimeoutError")),
      this.#timeoutMs,
    );
    const disarm = this.#guard(ep, connect);
    try {
      const res = await fetch(ep.url + path, {
        method: "POST",
        body: JSON.stringify(body),
        headers: HEADERS,
        signal: AbortSignal.any([signal, connect.signal]),
        client: this.#http,
      });
      if (res.ok) ep.lastAnswer = Date.now();
      return res;
    } catch (e) {
      throw transportError(e);
    } finally {
      disarm();
      clearTimeout(timer);
    }
  }

  /** Aborts requests in flight, waits for them and releases connections. */
  async close(): Promise<void> {
    if (this.#closer.signal.aborted) return;
    this.#closer.abort();
    for (const ac of this.#controllers) ac.abort(closedError());
    await Promise.allSettled([...this.#inflight]);
    for (const pool of this.#pools.values()) pool.close();
    this.#http.close();
  }

  /** The connections of unary requests to `ep`. */
  #pool(ep: Endpoint): Http1Pool {
    // A pool made after close() would never be closed.
    if (this.#closer.signal.aborted) throw closedError();
    let pool = this.#pools.get(ep.url);
    if (!pool) this.#pools.set(ep.url, pool = new Http1Pool(ep.url, this.#tls));
    return pool;
  }
}

function transportError(e: unknown): Error {
  const err = e as Error;
  const cause = err?.cause instanceof Error ? `: ${err.cause.message}` : "";
  return new Error(`${err?.message ?? e}${cause}`, { cause: e });
}

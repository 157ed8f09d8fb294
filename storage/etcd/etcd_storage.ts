// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The etcd storage backend: etcd v3 (3.4 or later) through its JSON gateway, with the
 * apiserver's etcd3 semantics.
 *
 * @module
 */
import type { KubeObject } from "../../core/object/types.ts";
import type {
  Storage,
  StorageCreateOptions,
  StorageDeleteOptions,
  StorageListOptions,
  StorageListResult,
  StoragePrecondition,
  StorageUpdateOptions,
  StorageWatch,
  StorageWatchOptions,
} from "../../core/storage/types.ts";
import { StorageError } from "../../core/storage/storage_error.ts";
import {
  compactedError,
  decodeObject,
  encodeObject,
  EventQueue,
  tooLargeError,
} from "../../core/storage/_util.ts";
import {
  b64,
  closedError,
  EtcdClient,
  EtcdServerError,
  type KeyValue,
  num,
  OutcomeUnknownError,
  rangeEndB64,
  type RangeResponse,
  type TxnResponse,
  unb64,
} from "./_client.ts";
import { runWatch } from "./_watch.ts";

/** TLS material for `https` endpoints (`etcds://` store URLs). */
export interface EtcdTlsOptions {
  /** PEM file of the CA that signed the members' certificates (added to the system roots). */
  caFile?: string;
  /** PEM file of the client certificate, for members started with `--client-cert-auth`. */
  certFile?: string;
  /** PEM file of the client certificate's private key. */
  keyFile?: string;
}

/** Options of {@linkcode createEtcdStorage}. */
export interface EtcdStorageOptions {
  /**
   * Client URLs of the members, tried in this order: `http://host:port` or `https://host:port`
   * (a bare `host:port` means `http`, or `https` when `tls` is set).
   */
  endpoints: string[];
  /**
   * Prepended to every key (no trailing `/`), e.g. `/k1s`: the contract key
   * `/registry/configmaps/default/a` is stored at `/k1s/registry/configmaps/default/a`.
   *
   * @default {""}
   */
  prefix?: string;
  /** TLS files for `https` endpoints. */
  tls?: EtcdTlsOptions;
  /**
   * How long one request may take, in milliseconds; also how long an operation keeps
   * retrying when no member answers, and how long a broken watch tries to reconnect.
   *
   * @default {10000}
   */
  timeoutMs?: number;
  /**
   * How long a request waits for the first answer of a member before it checks that the
   * member is alive (a `/v3/maintenance/status` request that must be answered within the same
   * time, by a member with a raft leader), in milliseconds. A member that fails the check is
   * given up and the request goes to the next one: reads at once, writes through the
   * outcome-unknown resolution (re-sent with their compare, see `docs/storage-etcd.md`). A
   * member that passes it may take up to `timeoutMs`. Capped at `timeoutMs`.
   *
   * @default {1000}
   */
  firstResponseTimeoutMs?: number;
  /**
   * How long a watch stream may receive nothing before its member is probed the same way, in
   * milliseconds; if the member does not answer, the watch moves to the next member from the
   * revision after its last event (nothing lost or repeated).
   *
   * @default {3000}
   */
  watchSilenceMs?: number;
}

/** Conservative bound on etcd's `--max-txn-ops` (default 128). */
const MAX_TXN_OPS = 128;

/**
 * Connects to etcd and returns a {@linkcode Storage} on it. Checks that a member answers (one
 * pass over the endpoints) before resolving.
 *
 * @param options Endpoints, key prefix, TLS files and timeout.
 * @returns The storage; close it to release its connections.
 *
 * @example
 * ```ts ignore
 * import { assertEquals } from "@std/assert";
 * import { createEtcdStorage } from "@k1s/core/storage/etcd";
 * const s = await createEtcdStorage({ endpoints: ["http://127.0.0.1:2379"], prefix: "/k1s" });
 * const o = await s.create("/registry/things/a", { apiVersion: "v1", kind: "Thing", metadata: { name: "a" } });
 * assertEquals(o.metadata.resourceVersion, String(await s.revision()));
 * await s.close();
 * ```
 */
export async function createEtcdStorage(options: EtcdStorageOptions): Promise<Storage> {
  if (!options.endpoints?.length) {
    throw new StorageError("Invalid", { message: "etcd storage needs at least one endpoint" });
  }
  const prefix = options.prefix ?? "";
  if (prefix.endsWith("/") || (prefix && !prefix.startsWith("/"))) {
    throw new StorageError("Invalid", {
      message: `invalid etcd key prefix ${
        JSON.stringify(prefix)
      }: it must start with "/" and not end with "/"`,
    });
  }
  const tls = options.tls ?? {};
  const urls = options.endpoints.map((e) => normalizeEndpoint(e, options.tls !== undefined));
  const timeoutMs = positive(options.timeoutMs ?? 10_000, "timeout");
  const firstResponseMs = positive(
    options.firstResponseTimeoutMs ?? 1_000,
    "first-response timeout",
  );
  const watchSilenceMs = positive(options.watchSilenceMs ?? 3_000, "watch silence");
  if ((tls.certFile === undefined) !== (tls.keyFile === undefined)) {
    throw new StorageError("Invalid", {
      message: "etcd TLS needs both a client certificate and its key",
    });
  }
  const ca = tls.caFile !== undefined ? await readPem(tls.caFile, "CA") : undefined;
  const cert = tls.certFile !== undefined
    ? await readPem(tls.certFile, "client certificate")
    : undefined;
  const key = tls.keyFile !== undefined ? await readPem(tls.keyFile, "client key") : undefined;
  let http: Deno.HttpClient;
  try {
    http = Deno.createHttpClient({
      ...(ca ? { caCerts: [ca] } : {}),
      ...(cert && key ? { cert, key } : {}),
    });
  } catch (e) {
    throw new StorageError("Invalid", {
      message: `invalid etcd TLS material: ${(e as Error).message}`,
      cause: e,
    });
  }
  const storage = new EtcdStorage(
    new EtcdClient(urls, http, {
      timeoutMs,
      firstResponseMs,
      watchSilenceMs,
      tls: { ...(ca ? { caCerts: [ca] } : {}), ...(cert && key ? { cert, key } : {}) },
    }),
    prefix,
  );
  try {
    await storage.probe();
  } catch (e) {
    await storage.close();
    throw e;
  }
  return storage;
}

function positive(ms: number, what: string): number {
  if (!(ms > 0)) {
    throw new StorageError("Invalid", { message: `invalid etcd ${what} ${JSON.stringify(ms)}` });
  }
  return ms;
}

function normalizeEndpoint(endpoint: string, tls: boolean): string {
  let url: URL;
  try {
    url = new URL(
      /^[a-z]+:\/\//i.test(endpoint) ? endpoint : `${tls ? "https" : "http"}://${endpoint}`,
    );
  } catch (e) {
    throw new StorageError("Invalid", {
      message: `invalid etcd endpoint ${JSON.stringify(endpoint)}`,
      cause: e,
    });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new StorageError("Invalid", {
      message: `invalid etcd endpoint ${
        JSON.stringify(endpoint)
      }: the scheme must be http or https`,
    });
  }
  return `${url.protocol}//${url.host}`;
}

async function readPem(path: string, what: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    throw new StorageError("Invalid", {
      message: `cannot read the etcd ${what} file ${JSON.stringify(path)}: ${(e as Error).message}`,
      cause: e,
    });
  }
}

/** One key of a compare-guarded write: the revision it must have, and its new value. */
interface WriteOp {
  /** The etcd key. */
  key: string;
  /** The key's mod_revision the write builds on; 0: the key must be absent. */
  expected: number;
  /** The base64 value to put; undefined: delete (or, with `expected` 0, only compare). */
  value?: string;
  /** Only compare: the key is another key the write depends on (a precondition). */
  compareOnly?: boolean;
}

interface WriteResult {
  succeeded: boolean;
  revision: number;
  /** Previous state of deleted keys (success), or current state of every key (failure). */
  kvs: Map<string, KeyValue | undefined>;
}

interface Pending {
  json: string | null;
  rev: number;
  /** Written by the transaction (its revision is provisional). */
  own?: boolean;
}

class EtcdStorage implements Storage {
  readonly name = "etcd";
  #client: EtcdClient;
  #prefix: string;
  #closed = false;
  #watches = new Set<Promise<void>>();
  #queues = new Set<EventQueue>();
  // Watches "from now" that are not established yet: writes of this storage wait for them, so
  // a change made after watch() returned is never missed.
  #barriers = new Set<Promise<void>>();
  #compactedFloor = 0;

  constructor(client: EtcdClient, prefix: string) {
    this.#client = client;
    this.#prefix = prefix;
  }

  #check(): void {
    if (this.#closed) throw closedError();
  }

  #k(key: string): string {
    if (!key) throw new StorageError("Invalid", { message: "empty key" });
    return this.#prefix + key;
  }

  /** Fails fast when no member answers. */
  async probe(): Promise<void> {
    await this.#range({ key: b64(this.#prefix || "/"), count_only: true }, 1);
  }

  /** A range whose etcd errors stay raw (callers that map revision errors themselves). */
  #rangeRaw(req: Record<string, unknown>, rounds?: number): Promise<RangeResponse> {
    return this.#client.call<RangeResponse>("/v3/kv/range", req, false, rounds);
  }

  async #range(req: Record<string, unknown>, rounds?: number): Promise<RangeResponse> {
    try {
      return await this.#rangeRaw(req, rounds);
    } catch (e) {
      throw toStorageError(e);
    }
  }

  async #getKv(key: string): Promise<KeyValue | undefined> {
    const res = await this.#range({ key: b64(key) });
    return res.kvs?.[0];
  }

  #decode(kv: KeyValue, revision: number, key: string): KubeObject {
    try {
      return decodeObject(unb64(kv.value), revision);
    } catch (e) {
      throw new StorageError("Corrupt", {
        key,
        message: `cannot decode the value of key ${JSON.stringify(key)}: ${(e as Error).message}`,
        cause: e,
      });
    }
  }

  async get(key: string): Promise<KubeObject | undefined> {
    this.#check();
    const kv = await this.#getKv(this.#k(key));
    return kv ? this.#decode(kv, num(kv.mod_revision), key) : undefined;
  }

  async list(options: StorageListOptions): Promise<StorageListResult> {
    this.#check();
    const { prefix, filter } = options;
    const limit = options.limit && options.limit > 0 ? options.limit : 0;
    const start = options.start && options.start > prefix ? options.start : prefix;
    const rangeEnd = rangeEndB64(this.#prefix + prefix);
    let rev = options.revision && options.revision > 0 ? options.revision : 0;
    const items: KubeObject[] = [];
    let from = this.#prefix + start;
    let pageSize = limit;
    let listRev = rev;
    let lastKey: string | undefined;
    let more = false;
    let remaining: number | undefined;
    for (;;) {
      let res: RangeResponse;
      try {
        res = await this.#rangeRaw({
          key: b64(from),
          range_end: rangeEnd,
          ...(pageSize ? { limit: String(pageSize) } : {}),
          ...(rev ? { revision: String(rev) } : {}),
        });
      } catch (e) {
        throw await this.#revisionError(e, rev);
      }
      if (!rev) {
        // Later pages are read at the first page's revision.
        rev = num(res.header?.revision);
        listRev = rev;
      }
      const kvs = res.kvs ?? [];
      let full = false;
      for (let i = 0; i < kvs.length; i++) {
        if (limit && items.length >= limit) {
          full = true;
          more = true;
          break;
        }
        const kv = kvs[i];
        const key = unb64(kv.key);
        lastKey = key;
        const obj = this.#decode(kv, num(kv.mod_revision), key.slice(this.#prefix.length));
        if (filter && !filter(obj)) continue;
        items.push(obj);
      }
      if (full) break;
      if (!res.more) break;
      if (limit && items.length >= limit) {
        more = true;
        if (!filter) remaining = num(res.count) - kvs.length;
        break;
      }
      from = lastKey + "\0";
      // Filtered lists read bigger pages each time, as the apiserver does.
      if (pageSize && pageSize < 10_000) pageSize = Math.min(pageSize * 2, 10_000);
    }
    const result: StorageListResult = { items, revision: listRev, more };
    if (more && lastKey !== undefined) result.next = lastKey.slice(this.#prefix.length) + "\0";
    if (remaining !== undefined) result.remaining = remaining;
    return result;
  }

  /** Turns etcd's revision errors into `Compacted` / `TooLargeRevision`. */
  async #revisionError(e: unknown, requested: number): Promise<unknown> {
    if (!(e instanceof EtcdServerError)) return e;
    if (e.message.includes("required revision has been compacted")) {
      return compactedError(requested, await this.compactedRevision());
    }
    if (e.message.includes("required revision is a future revision")) {
      return tooLargeError(requested, await this.revision());
    }
    return toStorageError(e);
  }

  async #waitForWatches(): Promise<void> {
    while (this.#barriers.size) await Promise.all(this.#barriers);
  }

  async create(
    key: string,
    obj: KubeObject,
    options: StorageCreateOptions = {},
  ): Promise<KubeObject> {
    this.#check();
    const k = this.#k(key);
    const json = encodeObject(obj);
    if (this.#barriers.size) await this.#waitForWatches();
    const p = options.precondition;
    const ops: WriteOp[] = [{ key: k, expected: 0, value: b64(json) }];
    if (p) ops.push({ key: this.#k(p.key), expected: p.revision, compareOnly: true });
    const r = await this.#write(ops);
    if (!r.succeeded) {
      if (p) {
        const rev = num(r.kvs.get(ops[1].key)?.mod_revision);
        if (rev !== p.revision) throw new StorageError("Conflict", { key: p.key, revision: rev });
      }
      throw new StorageError("KeyExists", { key, revision: num(r.kvs.get(k)?.mod_revision) });
    }
    return decodeObject(json, r.revision);
  }

  async update(key: string, obj: KubeObject, options: StorageUpdateOptions): Promise<KubeObject> {
    this.#check();
    const k = this.#k(key);
    const json = encodeObject(obj);
    const expected = options.expectedRevision;
    if (this.#barriers.size) await this.#waitForWatches();
    if (!(expected > 0)) {
      // mod_revision == 0 would also hold for an absent key: never send it for an update.
      const cur = await this.#getKv(k);
      if (!cur) throw new StorageError("KeyNotFound", { key });
      throw new StorageError("Conflict", { key, revision: num(cur.mod_revision) });
    }
    const r = await this.#write([{ key: k, expected, value: b64(json) }]);
    if (!r.succeeded) throw failureError(key, expected, r.kvs.get(k));
    return decodeObject(json, r.revision);
  }

  async delete(key: string, options: StorageDeleteOptions = {}): Promise<KubeObject> {
    this.#check();
    const k = this.#k(key);
    if (this.#barriers.size) await this.#waitForWatches();
    const expected = options.expectedRevision;
    if (expected !== undefined && !(expected > 0)) {
      const cur = await this.#getKv(k);
      if (!cur) throw new StorageError("KeyNotFound", { key });
      throw new StorageError("Conflict", { key, revision: num(cur.mod_revision) });
    }
    // An unconditional delete is the apiserver's: read, then delete that revision, again on
    // conflict. Every write thus carries a compare, which is what makes it safe to re-send.
    let cur: KeyValue | undefined;
    if (expected === undefined) {
      cur = await this.#getKv(k);
      if (!cur) throw new StorageError("KeyNotFound", { key });
    }
    for (;;) {
      const exp = expected ?? num(cur!.mod_revision);
      const r = await this.#write([{ key: k, expected: exp }]);
      if (r.succeeded) {
        const prev = r.kvs.get(k);
        if (!prev) {
          throw new StorageError("Corrupt", {
            key,
            message: "etcd did not return the deleted value",
          });
        }
        return this.#decode(prev, r.revision, key);
      }
      const now = r.kvs.get(k);
      if (expected !== undefined || !now) throw failureError(key, exp, now);
      cur = now;
    }
  }

  /**
   * Sends one txn: a `mod_revision` compare per key, puts and deletes on success. When the
   * answer is lost, re-sends it (the compares make a second apply impossible) and, if the
   * compares then fail, checks whether the first one was applied.
   */
  async #write(ops: WriteOp[]): Promise<WriteResult> {
    if (ops.length > MAX_TXN_OPS) {
      throw new StorageError("Invalid", {
        message: `a transaction on etcd may write at most ${MAX_TXN_OPS} keys, got ${ops.length}`,
      });
    }
    // No failure branch: it makes every txn slower in etcd (about 15% at 64 in flight), while
    // the current state is only needed when the compares fail, and then a read gets it.
    const keys = ops.map((o) => b64(o.key));
    const txn = {
      compare: ops.map((o, i) => ({
        target: "MOD",
        result: "EQUAL",
        key: keys[i],
        mod_revision: String(o.expected),
      })),
      success: ops.flatMap((o, i): Record<string, unknown>[] =>
        o.compareOnly
          ? []
          : o.value !== undefined
          ? [{ request_put: { key: keys[i], value: o.value } }]
          : o.expected > 0
          ? [{ request_delete_range: { key: keys[i], prev_kv: true } }]
          : []
      ),
    };
    let res: TxnResponse;
    const trace = { failures: 0 };
    try {
      res = await this.#client.call<TxnResponse>("/v3/kv/txn", txn, true, Infinity, trace);
    } catch (e) {
      if (!(e instanceof OutcomeUnknownError)) throw toStorageError(e);
      return await this.#resolve(ops, txn, e);
    }
    if (!res.succeeded && trace.failures) {
      // An earlier attempt failed as "not sent" (a refused connection, or a refusal etcd gives
      // before raft), and the transport never re-sends a write on its own, so that copy was not
      // applied. The check stays as a guard on that classification: it costs a read only after
      // a compare failed.
      const applied = await this.#appliedAt(ops);
      if (applied === "unknown") {
        throw new StorageError("Unreachable", {
          key: ops.length === 1 ? ops[0].key.slice(this.#prefix.length) : undefined,
          message: "the outcome of the write is unknown: a member failed while it was sent",
        });
      }
      if (applied) return applied;
    }
    return this.#writeResult(ops, res);
  }

  async #writeResult(ops: WriteOp[], res: TxnResponse): Promise<WriteResult> {
    const kvs = new Map<string, KeyValue | undefined>();
    if (res.succeeded) {
      for (const r of res.responses ?? []) {
        const prev = r.response_delete_range?.prev_kvs?.[0];
        if (prev) kvs.set(unb64(prev.key), prev);
      }
    } else if (ops.length === 1) {
      kvs.set(ops[0].key, await this.#getKv(ops[0].key));
    } else {
      const now = await this.#client.call<TxnResponse>("/v3/kv/txn", {
        success: ops.map((o) => ({ request_range: { key: b64(o.key) } })),
      }, false).catch((e) => {
        throw toStorageError(e);
      });
      ops.forEach((o, i) => kvs.set(o.key, now.responses?.[i]?.response_range?.kvs?.[0]));
    }
    return { succeeded: res.succeeded === true, revision: num(res.header?.revision), kvs };
  }

  async #resolve(ops: WriteOp[], txn: unknown, first: OutcomeUnknownError): Promise<WriteResult> {
    const deadline = Date.now() + this.#client.timeoutMs;
    let last: Error = first;
    while (Date.now() < deadline) {
      this.#check();
      let res: TxnResponse;
      try {
        res = await this.#client.call<TxnResponse>("/v3/kv/txn", txn, true);
      } catch (e) {
        if (!(e instanceof OutcomeUnknownError)) throw toStorageError(e);
        last = e;
        continue;
      }
      if (res.succeeded) return this.#writeResult(ops, res);
      const applied = await this.#appliedAt(ops);
      if (applied === "unknown") break;
      if (applied) return applied;
      return this.#writeResult(ops, res);
    }
    throw new StorageError("Unreachable", {
      key: ops.length === 1 ? ops[0].key.slice(this.#prefix.length) : undefined,
      message: `the outcome of the write is unknown: ${last.message}`,
      cause: last,
    });
  }

  /**
   * Whether the txn `ops` describe was applied: some revision R holds every put value with
   * mod_revision R and no deleted key, while R-1 holds exactly the expected revisions.
   * `undefined`: it was not; "unknown": it cannot be told (deletes only, or history compacted).
   */
  async #appliedAt(ops: WriteOp[]): Promise<WriteResult | undefined | "unknown"> {
    const put = ops.find((o) => o.value !== undefined && !o.compareOnly);
    if (!put) {
      // A deletion leaves no revision to find; an absent key may be ours or someone else's.
      const now = await Promise.all(ops.map((o) => this.#getKv(o.key)));
      return now.some((kv, i) => !kv && ops[i].expected > 0 && !ops[i].compareOnly)
        ? "unknown"
        : undefined;
    }
    const cur = await this.#getKv(put.key);
    if (!cur || cur.value !== put.value) return undefined;
    const at = num(cur.mod_revision);
    let res: TxnResponse;
    try {
      res = await this.#client.call<TxnResponse>("/v3/kv/txn", {
        success: ops.flatMap((o) => [
          { request_range: { key: b64(o.key), revision: String(at) } },
          { request_range: { key: b64(o.key), revision: String(at - 1) } },
        ]),
      }, false);
    } catch (e) {
      if (e instanceof EtcdServerError && e.message.includes("compacted")) return "unknown";
      throw toStorageError(e);
    }
    const kvs = new Map<string, KeyValue | undefined>();
    for (let i = 0; i < ops.length; i++) {
      const o = ops[i];
      const after = res.responses?.[2 * i]?.response_range?.kvs?.[0];
      const before = res.responses?.[2 * i + 1]?.response_range?.kvs?.[0];
      if (o.compareOnly) {
        if (num(after?.mod_revision) !== o.expected) return undefined;
      } else if (o.value !== undefined) {
        if (!after || after.value !== o.value || num(after.mod_revision) !== at) return undefined;
      } else if (after && o.expected > 0) return undefined;
      if (num(before?.mod_revision) !== o.expected) return undefined;
      if (o.value === undefined && !o.compareOnly && before) kvs.set(o.key, before);
    }
    return { succeeded: true, revision: at, kvs };
  }

  watch(options: StorageWatchOptions): StorageWatch {
    const ac = new AbortController();
    const queue = new EventQueue(() => ac.abort());
    if (this.#closed) {
      queue.fail(closedError());
      return queue;
    }
    const from = options.fromRevision ?? 0;
    let ready!: () => void;
    const barrier = new Promise<void>((r) => ready = r);
    if (from <= 0) {
      this.#barriers.add(barrier);
      barrier.then(() => this.#barriers.delete(barrier));
    }
    this.#queues.add(queue);
    // etcd would wait for a revision ahead of the store; the contract (like the apiserver)
    // refuses it. Only a revision beyond the newest one seen needs the extra read.
    const checked = from > this.#client.lastRevision
      ? this.revision().then((cur) => {
        if (from > cur) throw tooLargeError(from, cur);
      })
      : Promise.resolve();
    const run = checked.then(() =>
      runWatch(
        this.#client,
        {
          key: this.#prefix + options.prefix,
          isPrefix: options.prefix.endsWith("/"),
          strip: this.#prefix.length,
          fromRevision: from > 0 ? from : 0,
        },
        queue,
        AbortSignal.any([ac.signal, this.#client.closeSignal]),
        ready,
      )
    )
      .catch((e) => queue.fail(e))
      .finally(() => {
        ready();
        this.#watches.delete(run);
        this.#queues.delete(queue);
      });
    this.#watches.add(run);
    return queue;
  }

  async revision(): Promise<number> {
    this.#check();
    const res = await this.#range({ key: b64(this.#prefix || "/"), count_only: true });
    return num(res.header?.revision);
  }

  /**
   * etcd only reports its compacted revision to a watch that starts below it; reads at a
   * revision fail below it and succeed at or above it. This searches that boundary with
   * count-only reads (about log2(revision) of them; the result only grows, so it is cached).
   */
  async compactedRevision(): Promise<number> {
    this.#check();
    const key = b64(this.#prefix || "/");
    const readable = async (rev: number): Promise<boolean> => {
      try {
        await this.#rangeRaw({ key, count_only: true, revision: String(rev) });
        return true;
      } catch (e) {
        if (
          e instanceof EtcdServerError && e.message.includes("required revision has been compacted")
        ) return false;
        throw toStorageError(e);
      }
    };
    let lo = Math.max(1, this.#compactedFloor);
    if (await readable(lo)) return lo === 1 ? 0 : lo;
    let hi = await this.revision();
    // Invariant: lo is compacted away, hi is readable (the current revision always is).
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (await readable(mid)) hi = mid;
      else lo = mid;
    }
    this.#compactedFloor = hi;
    return hi;
  }

  async compact(revision: number): Promise<void> {
    this.#check();
    if (this.#barriers.size) await this.#waitForWatches();
    const deadline = Date.now() + this.#client.timeoutMs;
    try {
      // Compaction is idempotent, so a lost answer is simply asked again.
      for (;;) {
        try {
          await this.#client.call("/v3/kv/compaction", { revision: String(revision) }, true);
          break;
        } catch (e) {
          if (!(e instanceof OutcomeUnknownError)) throw e;
          if (Date.now() >= deadline) {
            throw new StorageError("Unreachable", {
              message: `the outcome of the compaction is unknown: ${e.message}`,
            });
          }
        }
      }
    } catch (e) {
      if (
        e instanceof EtcdServerError && e.message.includes("required revision has been compacted")
      ) return;
      if (
        e instanceof EtcdServerError && e.message.includes("required revision is a future revision")
      ) {
        throw tooLargeError(revision, await this.revision());
      }
      throw toStorageError(e);
    }
    if (revision > this.#compactedFloor) this.#compactedFloor = revision;
  }

  async transaction<T>(fn: (tx: Storage) => Promise<T>): Promise<T> {
    this.#check();
    const tx = new EtcdTransaction(this.txApi());
    let result: T;
    try {
      result = await fn(tx.view);
    } finally {
      tx.done = true;
    }
    this.#check();
    await tx.commit();
    return result;
  }

  /** Internal hooks for {@linkcode EtcdTransaction}. */
  txApi(): TxApi {
    return {
      storage: this,
      key: (key) => this.#k(key),
      getKv: (key) => this.#getKv(key),
      decode: (kv, rev, key) => this.#decode(kv, rev, key),
      range: (req) => this.#range(req),
      prefix: this.#prefix,
      lastRevision: () => this.#client.lastRevision,
      write: async (ops) => {
        if (this.#barriers.size) await this.#waitForWatches();
        return this.#write(ops);
      },
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const q of [...this.#queues]) q.stop();
    await this.#client.close();
    await Promise.allSettled([...this.#watches]);
  }
}

function failureError(key: string, expected: number, now: KeyValue | undefined): StorageError {
  if (!now) {
    return expected === 0
      ? new StorageError("Conflict", { key, revision: 0 })
      : new StorageError("KeyNotFound", { key });
  }
  if (expected === 0) {
    return new StorageError("KeyExists", { key, revision: num(now.mod_revision) });
  }
  return new StorageError("Conflict", { key, revision: num(now.mod_revision) });
}

function toStorageError(e: unknown): unknown {
  if (!(e instanceof EtcdServerError)) return e;
  const m = e.message;
  // etcd's own limit (--max-request-bytes, 1.5 MiB by default), or gRPC's on what the server
  // receives (2 MiB): `grpc: received message larger than max (N vs. M)`.
  if (m.includes("request is too large") || m.includes("received message larger than max")) {
    return new StorageError("Invalid", {
      message: `the object is too large for etcd (${m})`,
      cause: e,
    });
  }
  if (m.includes("too many operations in txn request")) {
    return new StorageError("Invalid", {
      message: `the transaction is too large for etcd (${m})`,
      cause: e,
    });
  }
  if (m.includes("database space exceeded")) {
    return new StorageError("ReadOnly", { message: `etcd is full (${m})`, cause: e });
  }
  if (m.includes("corrupt")) return new StorageError("Corrupt", { message: m, cause: e });
  if (m.includes("required revision has been compacted")) {
    return new StorageError("Compacted", { message: `etcd: ${m}`, cause: e });
  }
  if (m.includes("required revision is a future revision")) {
    return new StorageError("TooLargeRevision", { message: `etcd: ${m}`, cause: e });
  }
  if (e.code === 3) return new StorageError("Invalid", { message: m, cause: e });
  return new StorageError("Unreachable", { message: `etcd: ${m}`, cause: e });
}

interface TxApi {
  storage: EtcdStorage;
  key(key: string): string;
  getKv(key: string): Promise<KeyValue | undefined>;
  decode(kv: KeyValue, rev: number, key: string): KubeObject;
  range(req: Record<string, unknown>): Promise<RangeResponse>;
  prefix: string;
  lastRevision(): number;
  write(ops: WriteOp[]): Promise<WriteResult>;
}

/**
 * Buffers a transaction's writes in an overlay (reads see them) and commits them as one etcd
 * txn whose compares pin every written key to the revision the transaction saw. etcd gives all
 * writes of a txn one revision; objects returned inside `fn` carry a provisional revision until
 * the commit, which then sets the real one on them in place.
 */
class EtcdTransaction {
  done = false;
  #api: TxApi;
  #overlay = new Map<string, Pending>();
  #base = new Map<string, number>();
  /** Keys the transaction's writes depend on without writing them, at their revision then. */
  #pinned = new Map<string, number>();
  #returned: KubeObject[] = [];
  #provisional = 0;
  readonly view: Storage;

  constructor(api: TxApi) {
    this.#api = api;
    // deno-lint-ignore no-this-alias
    const tx = this;
    this.view = {
      name: "etcd",
      get: (key) => tx.#get(key),
      list: (options) => tx.#list(options),
      create: (key, obj, options = {}) => tx.#create(key, obj, options.precondition),
      update: (key, obj, options) => tx.#update(key, obj, options.expectedRevision),
      delete: (key, options = {}) => tx.#delete(key, options.expectedRevision),
      watch: (options) => api.storage.watch(options),
      revision: async () => {
        tx.#live();
        return tx.#overlay.size ? tx.#rev() : await api.storage.revision();
      },
      compactedRevision: () => api.storage.compactedRevision(),
      compact: () =>
        Promise.reject(new StorageError("Invalid", { message: "compact inside a transaction" })),
      transaction(fn) {
        return fn(this);
      },
      close: () => Promise.resolve(),
    };
  }

  #live(): void {
    if (this.done) throw new StorageError("Invalid", { message: "transaction already finished" });
  }

  #rev(): number {
    if (!this.#provisional) this.#provisional = this.#api.lastRevision() + 1;
    return this.#provisional;
  }

  #out(p: Pending): KubeObject {
    const obj = decodeObject(p.json!, p.rev);
    if (p.own) this.#returned.push(obj);
    return obj;
  }

  /** The key's state in the transaction's view, remembering what etcd had for the commit. */
  async #current(key: string): Promise<Pending | undefined> {
    const p = this.#overlay.get(key);
    if (p) return p.json === null ? undefined : p;
    if (this.#overlay.has(key)) return undefined;
    const kv = await this.#api.getKv(this.#api.key(key));
    if (!kv) return undefined;
    return { json: unb64(kv.value), rev: num(kv.mod_revision) };
  }

  #set(key: string, json: string | null, base: number): void {
    if (!this.#base.has(key)) this.#base.set(key, base);
    this.#overlay.set(key, { json, rev: this.#rev(), own: true });
  }

  async #get(key: string): Promise<KubeObject | undefined> {
    this.#live();
    const cur = await this.#current(key);
    return cur ? this.#out(cur) : undefined;
  }

  async #create(
    key: string,
    obj: KubeObject,
    precondition: StoragePrecondition | undefined,
  ): Promise<KubeObject> {
    this.#live();
    if (precondition) {
      const at = (await this.#current(precondition.key))?.rev ?? 0;
      if (at !== precondition.revision) {
        throw new StorageError("Conflict", { key: precondition.key, revision: at });
      }
      // Read from etcd (not written here): the commit compares it too.
      if (!this.#overlay.has(precondition.key)) this.#pinned.set(precondition.key, at);
    }
    const cur = await this.#current(key);
    if (cur) throw new StorageError("KeyExists", { key, revision: cur.rev });
    const json = encodeObject(obj);
    this.#set(key, json, 0);
    return this.#out(this.#overlay.get(key)!);
  }

  async #update(key: string, obj: KubeObject, expected: number): Promise<KubeObject> {
    this.#live();
    const cur = await this.#current(key);
    if (!cur) throw new StorageError("KeyNotFound", { key });
    if (cur.rev !== expected) throw new StorageError("Conflict", { key, revision: cur.rev });
    const json = encodeObject(obj);
    this.#set(key, json, cur.rev);
    return this.#out(this.#overlay.get(key)!);
  }

  async #delete(key: string, expected: number | undefined): Promise<KubeObject> {
    this.#live();
    const cur = await this.#current(key);
    if (!cur) throw new StorageError("KeyNotFound", { key });
    if (expected !== undefined && cur.rev !== expected) {
      throw new StorageError("Conflict", { key, revision: cur.rev });
    }
    this.#set(key, null, cur.rev);
    return this.#out({ json: cur.json, rev: this.#rev(), own: true });
  }

  async #list(options: StorageListOptions): Promise<StorageListResult> {
    this.#live();
    const api = this.#api;
    const { prefix, filter } = options;
    const res = await api.range({
      key: b64(api.prefix + prefix),
      range_end: rangeEndB64(api.prefix + prefix),
    });
    const view = new Map<string, Pending>();
    for (const kv of res.kvs ?? []) {
      view.set(unb64(kv.key).slice(api.prefix.length), {
        json: unb64(kv.value),
        rev: num(kv.mod_revision),
      });
    }
    for (const [k, p] of this.#overlay) {
      if (!k.startsWith(prefix)) continue;
      if (p.json === null) view.delete(k);
      else view.set(k, p);
    }
    const start = options.start && options.start > prefix ? options.start : prefix;
    const keys = [...view.keys()].filter((k) => k >= start).sort();
    const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
    const items: KubeObject[] = [];
    let i = 0;
    let lastKey: string | undefined;
    for (; i < keys.length && items.length < limit; i++) {
      const p = view.get(keys[i])!;
      lastKey = keys[i];
      const obj = this.#out(p);
      if (filter && !filter(obj)) continue;
      items.push(obj);
    }
    const more = i < keys.length;
    const result: StorageListResult = { items, revision: num(res.header?.revision), more };
    if (more && lastKey !== undefined) result.next = lastKey + "\0";
    return result;
  }

  async commit(): Promise<void> {
    if (!this.#base.size) return;
    const ops: WriteOp[] = [];
    for (const [key, expected] of this.#base) {
      const p = this.#overlay.get(key)!;
      ops.push({
        key: this.#api.key(key),
        expected,
        ...(p.json !== null ? { value: b64(p.json) } : {}),
      });
    }
    for (const [key, expected] of this.#pinned) {
      if (!this.#base.has(key)) {
        ops.push({ key: this.#api.key(key), expected, compareOnly: true });
      }
    }
    const r = await this.#api.write(ops);
    if (!r.succeeded) {
      for (const o of ops) {
        const now = r.kvs.get(o.key);
        if (num(now?.mod_revision) !== o.expected) {
          const key = o.key.slice(this.#api.prefix.length);
          if (o.compareOnly) {
            throw new StorageError("Conflict", { key, revision: num(now?.mod_revision) });
          }
          throw failureError(key, o.expected, now);
        }
      }
      throw new StorageError("Conflict", { message: "the transaction's compares failed" });
    }
    for (const obj of this.#returned) obj.metadata.resourceVersion = String(r.revision);
  }
}

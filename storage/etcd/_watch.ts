// Copyright 2026 the k1s authors. Apache-2.0 license.
// One storage watch = one streaming `POST /v3/watch`, re-opened on another (or the same) member
// from the revision after the last delivered event when the stream breaks, or when it falls
// silent and its member does not answer a probe (a stopped process, a silent partition).
import type { StorageEvent } from "../../core/storage/types.ts";
import { StorageError } from "../../core/storage/storage_error.ts";
import { compactedError, decodeObject, type EventQueue } from "../../core/storage/_util.ts";
import {
  b64,
  type Endpoint,
  type EtcdClient,
  type KeyValue,
  num,
  rangeEndB64,
  type ResponseHeader,
  unb64,
} from "./_client.ts";

// etcd sends a progress notification to an idle `progress_notify` watch every 10 minutes by
// default. A stream that sent nothing for longer is presumably cut somewhere (e.g. by a NAT
// that forgot the connection) even if its member answers probes; re-opening it from the next
// revision costs one request and loses nothing.
const STALE_MS = 15 * 60_000;

interface WatchEvent {
  type?: "PUT" | "DELETE";
  kv?: KeyValue;
  prev_kv?: KeyValue;
}

interface WatchMessage {
  result?: {
    header?: ResponseHeader;
    created?: boolean;
    canceled?: boolean;
    cancel_reason?: string;
    compact_revision?: string;
    events?: WatchEvent[];
  };
  error?: { message?: string; grpc_code?: number; http_code?: number };
}

/** What {@linkcode runWatch} watches. */
export interface WatchTarget {
  /** The etcd key (storage prefix + contract key or prefix). */
  key: string;
  /** Whether `key` is a prefix (ends with `/`) rather than one key. */
  isPrefix: boolean;
  /** Length of the storage prefix, stripped from event keys. */
  strip: number;
  /** Deliver revisions greater than this; 0: from the moment the watch is created. */
  fromRevision: number;
}

/**
 * Feeds `queue` until it is stopped, the storage closes, etcd reports compaction, or no member
 * accepted the watch for the client's timeout. Calls `ready` once the first stream is created
 * (or the watch ends), so a watch "from now" can hold back later writes of the same storage.
 * A stream silent for the client's `watchSilenceMs` whose member fails a liveness probe is
 * treated as broken.
 */
export async function runWatch(
  client: EtcdClient,
  target: WatchTarget,
  queue: EventQueue,
  signal: AbortSignal,
  ready: () => void,
): Promise<void> {
  let next = target.fromRevision > 0 ? target.fromRevision + 1 : 0;
  let failingSince = 0;
  let backoff = 25;
  const rangeEnd = target.isPrefix ? rangeEndB64(target.key) : undefined;
  const key = b64(target.key);
  try {
    while (!signal.aborted && !queue.closed) {
      const ep = client.order()[0];
      const stream = new AbortController();
      let stopWatchdog = () => {};
      let lastError: unknown;
      try {
        const res = await client.openStream(ep, "/v3/watch", {
          create_request: {
            key,
            ...(rangeEnd ? { range_end: rangeEnd } : {}),
            ...(next ? { start_revision: String(next) } : {}),
            prev_kv: true,
            // Idle streams then still say something now and then (see STALE_MS).
            progress_notify: true,
          },
        }, AbortSignal.any([signal, stream.signal]));
        if (!res.ok || !res.body) {
          const text = await res.text();
          if (res.status >= 400 && res.status < 500) {
            queue.fail(
              new StorageError("Invalid", {
                message: `etcd refused the watch: ${text.slice(0, 200)}`,
              }),
            );
            return;
          }
          throw new Error(`HTTP ${res.status} ${text.slice(0, 200)}`);
        }
        let buffered = "";
        let heard = Date.now();
        stopWatchdog = watchdog(client, ep, stream, () => heard);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        try {
          for (;;) {
            const chunk = await reader.read();
            if (chunk.done) break;
            heard = Date.now();
            buffered += chunk.value;
            let nl: number;
            while ((nl = buffered.indexOf("\n")) >= 0) {
              const line = buffered.slice(0, nl).trim();
              buffered = buffered.slice(nl + 1);
              if (!line) continue;
              const msg = JSON.parse(line) as WatchMessage;
              if (msg.error) throw new Error(`etcd ended the watch: ${msg.error.message}`);
              const r = msg.result;
              if (!r) continue;
              if (r.created) {
                client.markAlive(ep);
                failingSince = 0;
                backoff = 25;
                const rev = client.note(r.header);
                if (!next) next = rev + 1;
                ready();
              }
              if (num(r.compact_revision) > 0) {
                queue.fail(compactedError(next - 1, num(r.compact_revision)));
                return;
              }
              if (r.canceled) {
                queue.fail(
                  new StorageError("Unreachable", {
                    message: `etcd canceled the watch: ${r.cancel_reason ?? ""}`,
                  }),
                );
                return;
              }
              for (const ev of r.events ?? []) {
                const out = toEvent(ev, target.strip);
                if (out instanceof StorageError) {
                  queue.fail(out);
                  return;
                }
                queue.push(out);
                next = out.revision + 1;
              }
            }
          }
        } finally {
          reader.cancel().catch(() => {});
        }
      } catch (e) {
        lastError = stream.signal.aborted ? stream.signal.reason : e;
      } finally {
        stopWatchdog();
      }
      if (signal.aborted || queue.closed) return;
      // The stream broke (member died, restarted, lost its leader, or hangs): try the next
      // member. Only whole messages were delivered, and `next` follows the last delivered
      // event, so the new stream neither skips nor repeats events.
      client.markDead(ep);
      const now = Date.now();
      if (!failingSince) failingSince = now;
      else if (now - failingSince > client.timeoutMs) {
        queue.fail(
          new StorageError("Unreachable", {
            message: `etcd is unreachable at ${client.urls.join(",")}: ${
              (lastError as Error)?.message ?? lastError
            }`,
            cause: lastError,
          }),
        );
        return;
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, backoff);
        function done() {
          clearTimeout(t);
          signal.removeEventListener("abort", done);
          resolve();
        }
        signal.addEventListener("abort", done);
      });
      backoff = Math.min(backoff * 2, 1000);
    }
  } finally {
    ready();
  }
}

/**
 * Aborts `stream` when it has been silent for the client's `watchSilenceMs` and its member
 * fails a liveness probe, or when it has been silent for {@linkcode STALE_MS}. etcd's gateway
 * has no keep-alive, and a stopped member keeps the connection open: without this, such a
 * watch would wait for the member forever while the others go on. Returns the stopper.
 */
function watchdog(
  client: EtcdClient,
  ep: Endpoint,
  stream: AbortController,
  heard: () => number,
): () => void {
  const silence = client.watchSilenceMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const check = async () => {
    const quiet = Date.now() - heard();
    if (quiet >= STALE_MS) {
      stream.abort(new Error(`etcd at ${ep.url} sent nothing on the watch for ${quiet}ms`));
      return;
    }
    if (quiet < silence) {
      timer = setTimeout(check, silence - quiet);
      return;
    }
    // Any answer of the member in the last half period will do, so watches on one member
    // share probes.
    const alive = await client.alive(ep, Date.now() - silence / 2);
    if (stopped) return;
    if (!alive) {
      stream.abort(
        new Error(
          `the watch on etcd at ${ep.url} was silent for ${quiet}ms and the member does not ` +
            "answer a status request",
        ),
      );
      return;
    }
    timer = setTimeout(check, silence);
  };
  timer = setTimeout(check, silence);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function toEvent(ev: WatchEvent, strip: number): StorageEvent | StorageError {
  const kv = ev.kv ?? {};
  const key = unb64(kv.key).slice(strip);
  const revision = num(kv.mod_revision);
  try {
    if (ev.type === "DELETE") {
      // Without the previous value (compacted under the watch) the deletion cannot be shown:
      // the watcher must list again.
      if (!ev.prev_kv) return compactedError(revision - 1, revision);
      const prevJson = unb64(ev.prev_kv.value);
      return {
        type: "DELETED",
        key,
        revision,
        object: decodeObject(prevJson, revision),
        prevObject: decodeObject(prevJson, num(ev.prev_kv.mod_revision)),
      };
    }
    const out: StorageEvent = {
      type: kv.create_revision === kv.mod_revision ? "ADDED" : "MODIFIED",
      key,
      revision,
      object: decodeObject(unb64(kv.value), revision),
    };
    if (ev.prev_kv && out.type === "MODIFIED") {
      out.prevObject = decodeObject(unb64(ev.prev_kv.value), num(ev.prev_kv.mod_revision));
    }
    return out;
  } catch (e) {
    return new StorageError("Corrupt", {
      key,
      message: `cannot decode the value of key ${JSON.stringify(key)}`,
      cause: e,
    });
  }
}

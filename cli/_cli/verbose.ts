// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `-v` logging: klog-style lines on stderr, and at `-v=6` one line per store operation (the
 * store is k1s's API server, so this is kubectl's `-v=6` request log).
 *
 * @module
 */
import type { Storage, StorageTransactionOptions } from "@k1s/core";

/**
 * A klog header line: `I1126 10:59:50.898245   25021 k1s.ts:0] message`.
 *
 * @param severity `I`, `W` or `E`.
 * @param message The message.
 * @param now The time.
 * @returns The line, ending with a newline.
 *
 * @example
 * ```ts
 * import { assertMatch } from "@std/assert";
 * import { klogLine } from "./verbose.ts";
 * assertMatch(klogLine("W", "x", new Date()), /^W\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ k1s\.ts:0\] x\n$/);
 * ```
 */
export function klogLine(severity: string, message: string, now: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const date = `${p(now.getMonth() + 1)}${p(now.getDate())}`;
  const time = `${p(now.getHours())}:${p(now.getMinutes())}:${p(now.getSeconds())}.${
    p(now.getMilliseconds(), 3)
  }000`;
  return `${severity}${date} ${time} ${String(Deno.pid).padStart(7)} k1s.ts:0] ${message}\n`;
}

const VERBS: Record<string, string> = {
  get: "GET",
  list: "LIST",
  create: "CREATE",
  update: "UPDATE",
  delete: "DELETE",
  revision: "REVISION",
  compact: "COMPACT",
};

/**
 * Wraps a storage so every operation is logged with its key and duration.
 *
 * @param storage The storage.
 * @param log Receives one message per operation.
 * @returns The logging storage.
 */
export function loggingStorage(storage: Storage, log: (message: string) => void): Storage {
  const wrap = (s: Storage): Storage =>
    new Proxy(s, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (typeof v !== "function") return v;
        const name = String(prop);
        if (name === "transaction") {
          return <T>(fn: (tx: Storage) => Promise<T>, options?: StorageTransactionOptions) =>
            target.transaction((tx) => fn(wrap(tx)), options);
        }
        if (name === "watch") {
          return (options: Parameters<Storage["watch"]>[0]) => {
            log(`WATCH ${options.prefix ?? ""} from revision ${options.fromRevision ?? 0}`);
            return target.watch(options);
          };
        }
        const verb = VERBS[name];
        if (!verb) return v.bind(target);
        return async (...args: unknown[]) => {
          const start = performance.now();
          const what = describeArgs(name, args);
          try {
            const r = await (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            log(`${verb} ${what} OK in ${(performance.now() - start).toFixed(1)} ms${result(r)}`);
            return r;
          } catch (e) {
            log(
              `${verb} ${what} failed in ${(performance.now() - start).toFixed(1)} ms: ${
                (e as Error).message
              }`,
            );
            throw e;
          }
        };
      },
    });
  return wrap(storage);
}

function describeArgs(name: string, args: unknown[]): string {
  if (name === "list") {
    const o = args[0] as { prefix?: string; limit?: number; start?: string };
    return `${o.prefix ?? ""}${o.limit ? ` limit=${o.limit}` : ""}`;
  }
  if (typeof args[0] === "string") return args[0];
  return "";
}

function result(r: unknown): string {
  if (r && typeof r === "object" && Array.isArray((r as { items?: unknown[] }).items)) {
    return ` (${(r as { items: unknown[] }).items.length} items)`;
  }
  if (typeof r === "number") return ` (${r})`;
  return "";
}

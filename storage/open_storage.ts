// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Store URLs: picks the backend by scheme and loads it lazily, so a process pays only for the
 * backend it uses.
 *
 * @module
 */
import type { Storage } from "../core/storage/types.ts";

/** Where a store URL points. */
export type StoreLocation =
  | { scheme: "memory" }
  | { scheme: "sqlite"; path: string }
  | { scheme: "etcd"; url: string };

/**
 * The default store path of the CLI: `$K1S_HOME/k1s.db`, else `~/.k1s/k1s.db`.
 *
 * @param env Reads an environment variable (pass `Deno.env.get`).
 * @returns The path.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { defaultStorePath } from "@k1s/core";
 * assertEquals(defaultStorePath((k) => k === "HOME" ? "/home/u" : undefined), "/home/u/.k1s/k1s.db");
 * ```
 */
export function defaultStorePath(env: (name: string) => string | undefined): string {
  const k1sHome = env("K1S_HOME");
  if (k1sHome) return `${k1sHome.replace(/\/+$/, "")}/k1s.db`;
  const home = env("HOME") ?? env("USERPROFILE");
  if (!home) {
    throw new TypeError(
      "Cannot find the default store: set HOME, K1S_HOME or K1S_STORE, or pass --store",
    );
  }
  return `${home.replace(/\/+$/, "")}/.k1s/k1s.db`;
}

/**
 * Parses a store URL: `memory:`, `sqlite:///abs/path`, `file:///abs/path`, a plain path,
 * `etcd://host:port[,host:port][/prefix]` or `etcds://…`.
 *
 * @param url The store URL.
 * @returns The backend and its address.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseStoreUrl } from "@k1s/core";
 * assertEquals(parseStoreUrl("sqlite:///var/k1s.db"), { scheme: "sqlite", path: "/var/k1s.db" });
 * assertEquals(parseStoreUrl("./data/k1s.db"), { scheme: "sqlite", path: "./data/k1s.db" });
 * ```
 */
export function parseStoreUrl(url: string): StoreLocation {
  if (url === "memory:" || url.startsWith("memory://")) return { scheme: "memory" };
  if (url.startsWith("etcd://") || url.startsWith("etcds://")) return { scheme: "etcd", url };
  if (url.startsWith("sqlite://")) {
    return { scheme: "sqlite", path: decodeURIComponent(url.slice(9)) };
  }
  if (url.startsWith("file://")) {
    return { scheme: "sqlite", path: decodeURIComponent(new URL(url).pathname) };
  }
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]+):/.exec(url);
  if (m && (url.slice(m[0].length).startsWith("//") || m[1].length > 1)) {
    throw new TypeError(
      `Cannot open store "${url}": unknown scheme "${
        m[1]
      }" (use memory:, sqlite:///path, etcd://host:port, or a file path)`,
    );
  }
  if (!url) throw new TypeError("Cannot open store: the store URL is empty");
  return { scheme: "sqlite", path: url };
}

/** Options of {@linkcode openStorage}. */
export interface OpenStorageOptions {
  /**
   * Receives what a backend recovered from or failed at in the background without failing a
   * request (the sqlite store: an ignored unfinished write, a compaction that failed).
   */
  onWarning?: (message: string) => void;
}

/**
 * Opens a store URL, importing only the backend it names.
 *
 * @param url The store URL (see {@linkcode parseStoreUrl}).
 * @param options Warnings.
 * @returns The storage.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { openStorage } from "@k1s/core";
 * const s = await openStorage("memory:");
 * assertEquals(s.name, "memory");
 * await s.close();
 * ```
 */
export async function openStorage(
  url: string,
  options: OpenStorageOptions = {},
): Promise<Storage> {
  const loc = parseStoreUrl(url);
  switch (loc.scheme) {
    case "memory": {
      const { createMemoryStorage } = await import("./memory/mod.ts");
      return createMemoryStorage();
    }
    case "sqlite": {
      const { createSqliteStorage } = await import("./sqlite/mod.ts");
      const warn = options.onWarning;
      return await createSqliteStorage({
        path: loc.path,
        ...(warn ? { onWarning: (message: string) => warn(message) } : {}),
      });
    }
    case "etcd": {
      const { createEtcdStorage, parseEtcdStoreUrl } = await import("./etcd/mod.ts");
      return await createEtcdStorage(parseEtcdStoreUrl(loc.url));
    }
  }
}

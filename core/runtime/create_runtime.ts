// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `createRuntime`: the entry point of `@k1s/core`.
 *
 * @module
 */
import { createRuntimeWith, type Runtime, type RuntimeOptions } from "./runtime.ts";
import { defaultStorePath, openStorage } from "../../storage/open_storage.ts";

/**
 * Opens a store and starts a runtime on it. The backend is chosen by the store URL and loaded
 * on demand: `memory:`, a file path or `sqlite:///abs/path` (the default, `~/.k1s/k1s.db`),
 * `etcd://host:port[/prefix]`.
 *
 * @param options The store and runtime settings.
 * @returns The runtime; close it (or use `await using`) when done.
 *
 * @example Create and read a ConfigMap
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createRuntime } from "@k1s/core";
 * const rt = await createRuntime({ store: "memory:" });
 * await rt.client.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app", namespace: "default" }, data: { k: "v" } });
 * const cm = await rt.client.get({ apiVersion: "v1", kind: "ConfigMap" }, { namespace: "default", name: "app" });
 * assertEquals(cm.data, { k: "v" });
 * await rt.close();
 * ```
 */
export function createRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const store = options.store ?? defaultStorePath((name) => Deno.env.get(name));
  return createRuntimeWith({ openStorage, ...options, store });
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `@k1s/core/runtime`: {@linkcode createRuntime} and {@linkcode openStorage} alone. Importing
 * them from here instead of `@k1s/core` lets a bundler leave out every other module of the
 * package (a bundle of `@k1s/core` keeps all of it in one chunk); the runtime loads the rest
 * (the write path, controllers, custom resources, RBAC) when it first needs it.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createRuntime } from "@k1s/core/runtime";
 * await using rt = await createRuntime({ store: "memory:" });
 * assertEquals((await rt.client.list({ apiVersion: "v1", kind: "ConfigMap" })).items, []);
 * ```
 *
 * @module
 */
export { createRuntime } from "./create_runtime.ts";
export { openStorage } from "../../storage/open_storage.ts";

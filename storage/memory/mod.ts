// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The in-memory storage backend (`memory:` store URL): process-local and fast, for tests,
 * dry runs and embedding.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createMemoryStorage } from "@k1s/core/storage/memory";
 * const s = createMemoryStorage();
 * assertEquals(await s.revision(), 0);
 * await s.close();
 * ```
 *
 * @module
 */
export { createMemoryStorage, type MemoryStorageOptions } from "./memory_storage.ts";

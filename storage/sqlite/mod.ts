// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The sqlite storage backend (`sqlite:///abs/path` store URLs, or a plain path): the default
 * persistent store. A SQLite snapshot written by sql.js plus an append-only, checksummed journal,
 * safely shared by many short-lived processes at once. See docs/storage-sqlite.md for the
 * on-disk format and the locking and recovery rules.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createSqliteStorage } from "@k1s/core/storage/sqlite";
 * const dir = await Deno.makeTempDir();
 * const s = await createSqliteStorage({ path: `${dir}/store.db` });
 * assertEquals(await s.revision(), 0);
 * await s.close();
 * await Deno.remove(dir, { recursive: true });
 * ```
 *
 * @module
 */
export { createSqliteStorage, type SqliteStorageOptions } from "./sqlite_storage.ts";

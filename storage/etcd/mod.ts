// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The etcd storage backend (`etcd://` and `etcds://` store URLs): etcd 3.4 or later through
 * its v3 JSON gateway, with the apiserver's etcd3 semantics (resourceVersion = mod_revision,
 * compare-and-swap txns, watch from a revision, compaction → `Compacted`) and member failover.
 * See `docs/storage-etcd.md`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseEtcdStoreUrl } from "@k1s/core/storage/etcd";
 * const options = parseEtcdStoreUrl("etcd://127.0.0.1:2379/k1s");
 * assertEquals(options.endpoints, ["http://127.0.0.1:2379"]);
 * // const storage = await createEtcdStorage(options);
 * ```
 *
 * @module
 */
export { createEtcdStorage, type EtcdStorageOptions, type EtcdTlsOptions } from "./etcd_storage.ts";
export { parseEtcdStoreUrl } from "./parse_etcd_store_url.ts";

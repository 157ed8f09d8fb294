// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `@k1s/core`: Kubernetes' object model, client and semantics over an embedded store, with no
 * cluster and no API server.
 *
 * ```ts
 * import { assert } from "@std/assert";
 * import { createRuntime, isNotFound } from "@k1s/core";
 *
 * await using rt = await createRuntime({ store: "memory:" }); // or a file path, or etcd://
 * const c = rt.client;
 * await c.create({
 *   apiVersion: "v1", kind: "ConfigMap",
 *   metadata: { name: "app", namespace: "default", labels: { app: "web" } },
 *   data: { k: "v" },
 * });
 * const list = await c.list({ apiVersion: "v1", kind: "ConfigMap" }, { namespace: "default", labelSelector: "app in (web,db)" });
 * assert(list.items.length === 1);
 * try {
 *   await c.get({ apiVersion: "v1", kind: "ConfigMap" }, { namespace: "default", name: "nope" });
 * } catch (e) {
 *   assert(isNotFound(e));
 * }
 * ```
 *
 * Backends load lazily by store URL; this module imports none of them.
 *
 * @module
 */

// Object model and errors.
export * from "./core/object/types.ts";
export * from "./core/object/clone.ts";
export * from "./core/object/conditions.ts";
export * from "./core/errors/field_error.ts";
export * from "./core/errors/status_error.ts";

// Storage contract.
export type * from "./core/storage/types.ts";
export * from "./core/storage/storage_error.ts";
export * from "./core/storage/summary.ts";
export {
  defaultStorePath,
  openStorage,
  type OpenStorageOptions,
  parseStoreUrl,
  type StoreLocation,
} from "./storage/open_storage.ts";

// Registry, schemas, selectors, patches, validation, built-in kinds.
export type * from "./core/registry/types.ts";
export { Registry } from "./core/registry/registry.ts";
export * from "./core/schema/mod.ts";
export * from "./core/selection/mod.ts";
export * from "./core/patch/mod.ts";
export * from "./core/validation/mod.ts";
export * from "./core/builtins/mod.ts";

// Client and runtime.
export type * from "./core/client/types.ts";
export { K1sClient } from "./core/client/client.ts";
export type {
  AdmissionOperation,
  AdmissionPlugin,
  AdmissionRequest,
  AdmissionResult,
  AuthorizationAttributes,
  Authorizer,
  SchemaHandler,
  ServerContext,
  UserInfo,
  WriteEvent,
} from "./core/apiserver/context.ts";
export type {
  ErrorWatchEvent,
  ObjectWatchEvent,
  WatchEvent,
  WatchStream,
} from "./core/apiserver/watch.ts";
export {
  createRuntimeWith,
  type Runtime,
  type RuntimeOptions,
  STORE_OWNER,
} from "./core/runtime/runtime.ts";
export { createRuntime } from "./core/runtime/create_runtime.ts";

// Custom resources and controllers.
export * from "./core/crd/mod.ts";
export * from "./core/controller/mod.ts";
export * from "./core/rbac/mod.ts";

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Finalizer helpers for reconcilers (controller-runtime's `controllerutil`).
 *
 * A controller that must clean up before its object goes adds a finalizer when it first sees
 * the object, and when `metadata.deletionTimestamp` is set it cleans up, removes the
 * finalizer and updates the object; the object is removed once no finalizers remain.
 *
 * @module
 */
import type { TypedObject } from "../object/types.ts";

/**
 * Adds a finalizer unless present.
 *
 * @param obj The object (changed in place; write it back with `client.update`).
 * @param finalizer The finalizer, a qualified name such as `example.com/cleanup`.
 * @returns Whether the finalizers changed.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "@std/assert";
 * import { addFinalizer, type KubeObject } from "@k1s/core";
 * const cm: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } };
 * assert(addFinalizer(cm, "example.com/cleanup"));
 * assert(!addFinalizer(cm, "example.com/cleanup"));
 * assertEquals(cm.metadata.finalizers, ["example.com/cleanup"]);
 * ```
 */
export function addFinalizer(obj: TypedObject, finalizer: string): boolean {
  const meta = obj.metadata ??= {};
  const list = meta.finalizers ?? [];
  if (list.includes(finalizer)) return false;
  meta.finalizers = [...list, finalizer];
  return true;
}

/**
 * Removes every occurrence of a finalizer.
 *
 * @param obj The object (changed in place; write it back with `client.update`).
 * @param finalizer The finalizer.
 * @returns Whether the finalizers changed.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "@std/assert";
 * import { removeFinalizer } from "@k1s/core";
 * const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", finalizers: ["a.io/x", "b.io/y"] } };
 * assert(removeFinalizer(cm, "a.io/x"));
 * assertEquals(cm.metadata.finalizers, ["b.io/y"]);
 * ```
 */
export function removeFinalizer(obj: TypedObject, finalizer: string): boolean {
  const list = obj.metadata?.finalizers;
  if (!list?.includes(finalizer)) return false;
  obj.metadata.finalizers = list.filter((f) => f !== finalizer);
  return true;
}

/**
 * Whether an object has a finalizer.
 *
 * @param obj The object.
 * @param finalizer The finalizer.
 * @returns `true` when present.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { containsFinalizer } from "@k1s/core";
 * assert(containsFinalizer({ apiVersion: "v1", kind: "ConfigMap", metadata: { finalizers: ["a.io/x"] } }, "a.io/x"));
 * ```
 */
export function containsFinalizer(obj: TypedObject, finalizer: string): boolean {
  return obj.metadata?.finalizers?.includes(finalizer) ?? false;
}

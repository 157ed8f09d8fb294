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
import type { Writer } from "../client/types.ts";

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

/**
 * Whether an object is being deleted: `metadata.deletionTimestamp` is set and it stays only
 * while finalizers remain.
 *
 * @param obj The object.
 * @returns `true` once deletion has started.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isBeingDeleted } from "@k1s/core";
 * assert(isBeingDeleted({ apiVersion: "v1", kind: "ConfigMap", metadata: { deletionTimestamp: "2026-01-01T00:00:00Z" } }));
 * ```
 */
export function isBeingDeleted(obj: TypedObject): boolean {
  return !!obj.metadata?.deletionTimestamp;
}

/** What {@linkcode handleFinalizer} did. */
export type FinalizerOutcome = "added" | "finalized" | "none";

/**
 * The usual finalizer flow of a reconciler in one call: adds `finalizer` to an object that is
 * not being deleted, or, once it is, runs `cleanup` and then removes the finalizer, writing the
 * object back with `writer.update` in both cases. If `cleanup` throws, the finalizer stays and
 * the error propagates, so the reconcile is retried. Return early from the reconcile unless the
 * outcome is `"none"`: the update triggers the next one.
 *
 * @param writer The client to write with (the reconcile context's client).
 * @param obj The object as just read; changed in place and refilled by the update.
 * @param finalizer The finalizer, a qualified name such as `example.com/cleanup`.
 * @param cleanup Releases what the object holds outside the store; must be idempotent.
 * @returns `"added"`, `"finalized"`, or `"none"` when nothing was to do.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createRuntime, handleFinalizer } from "@k1s/core";
 * await using rt = await createRuntime({ store: "memory:" });
 * const cm = await rt.client.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "default" } });
 * assertEquals(await handleFinalizer(rt.client, cm, "example.com/cleanup", async () => {}), "added");
 * await rt.client.delete(cm);
 * const deleting = await rt.client.get(cm, { namespace: "default", name: "a" });
 * const released: string[] = [];
 * const outcome = await handleFinalizer(rt.client, deleting, "example.com/cleanup", async () => {
 *   released.push(deleting.metadata.name!);
 * });
 * assertEquals([outcome, released], ["finalized", ["a"]]);
 * ```
 */
export async function handleFinalizer(
  writer: Pick<Writer, "update">,
  obj: TypedObject,
  finalizer: string,
  cleanup: () => Promise<void>,
): Promise<FinalizerOutcome> {
  if (!isBeingDeleted(obj)) {
    if (!addFinalizer(obj, finalizer)) return "none";
    await writer.update(obj);
    return "added";
  }
  if (!containsFinalizer(obj, finalizer)) return "none";
  await cleanup();
  removeFinalizer(obj, finalizer);
  await writer.update(obj);
  return "finalized";
}

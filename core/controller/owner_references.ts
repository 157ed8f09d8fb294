// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Owner reference helpers for reconcilers (controller-runtime's `controllerutil`): what a
 * controller that `owns` a kind sets on the objects it creates, so that their changes map to
 * the owner's key and the garbage collector deletes them with the owner.
 *
 * @module
 */
import type { OwnerReference, TypedObject } from "../object/types.ts";
import { parseApiVersion } from "../object/types.ts";

function groupOf(apiVersion: string): string {
  return parseApiVersion(apiVersion).group;
}

function sameOwner(a: OwnerReference, b: OwnerReference): boolean {
  return groupOf(a.apiVersion) === groupOf(b.apiVersion) && a.kind === b.kind &&
    a.name === b.name;
}

function validateOwner(owner: TypedObject, obj: TypedObject): void {
  const ownerNs = owner.metadata?.namespace ?? "";
  if (!ownerNs) return;
  const objNs = obj.metadata?.namespace ?? "";
  if (!objNs) {
    throw new TypeError(
      `cluster-scoped resource must not have a namespace-scoped owner, owner's namespace ${ownerNs}`,
    );
  }
  if (ownerNs !== objNs) {
    throw new TypeError(
      `cross-namespace owner references are disallowed, owner's namespace ${ownerNs}, obj's namespace ${objNs}`,
    );
  }
}

function referenceTo(owner: TypedObject): OwnerReference {
  if (!owner.metadata?.uid || !owner.metadata.name) {
    throw new TypeError("Cannot reference an owner without a name and uid: read it from the store");
  }
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
  };
}

function upsert(obj: TypedObject, ref: OwnerReference): void {
  const refs = obj.metadata.ownerReferences ?? [];
  const i = refs.findIndex((r) => sameOwner(r, ref));
  obj.metadata.ownerReferences = i < 0 ? [...refs, ref] : refs.map((r, j) => (j === i ? ref : r));
}

/**
 * Sets `owner` as the managing controller of `obj`: an owner reference with `controller` and
 * `blockOwnerDeletion` true. Throws when another controller already owns `obj`, or when the
 * owner is namespaced and `obj` is cluster-scoped or in another namespace.
 *
 * @param owner The owner, as read from the store (it needs its uid).
 * @param obj The dependent (changed in place).
 * @returns `obj`.
 *
 * @example
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { setControllerReference, type KubeObject } from "@k1s/core";
 * const owner: KubeObject = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w", namespace: "default", uid: "u1" } };
 * const cm: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "w-config", namespace: "default" } };
 * setControllerReference(owner, cm);
 * assertEquals(cm.metadata.ownerReferences, [{
 *   apiVersion: "example.com/v1", kind: "Widget", name: "w", uid: "u1", controller: true, blockOwnerDeletion: true,
 * }]);
 * const other = { apiVersion: "example.com/v1", kind: "Gadget", metadata: { name: "g", namespace: "default", uid: "u2" } };
 * assertThrows(() => setControllerReference(other, cm), TypeError, "already owned");
 * ```
 */
export function setControllerReference<T extends TypedObject>(owner: TypedObject, obj: T): T {
  validateOwner(owner, obj);
  const ref: OwnerReference = { ...referenceTo(owner), controller: true, blockOwnerDeletion: true };
  obj.metadata ??= {};
  const existing = obj.metadata.ownerReferences?.find((r) => r.controller);
  if (existing && !sameOwner(existing, ref)) {
    throw new TypeError(
      `Object ${obj.metadata.namespace ?? ""}/${
        obj.metadata.name ?? ""
      } is already owned by another ${existing.kind} controller ${existing.name}`,
    );
  }
  upsert(obj, ref);
  return obj;
}

/**
 * Adds (or updates) a plain owner reference to `owner` on `obj`, keeping any
 * `controller`/`blockOwnerDeletion` flags an existing reference to the same owner has.
 *
 * @param owner The owner, as read from the store (it needs its uid).
 * @param obj The dependent (changed in place).
 * @returns `obj`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { setOwnerReference, type KubeObject } from "@k1s/core";
 * const owner: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "default", uid: "u1" } };
 * const dep: KubeObject = { apiVersion: "v1", kind: "Secret", metadata: { name: "b", namespace: "default" } };
 * setOwnerReference(owner, dep);
 * assertEquals(dep.metadata.ownerReferences, [{ apiVersion: "v1", kind: "ConfigMap", name: "a", uid: "u1" }]);
 * ```
 */
export function setOwnerReference<T extends TypedObject>(owner: TypedObject, obj: T): T {
  validateOwner(owner, obj);
  obj.metadata ??= {};
  const ref = referenceTo(owner);
  const existing = obj.metadata.ownerReferences?.find((r) => sameOwner(r, ref));
  if (existing?.controller !== undefined) ref.controller = existing.controller;
  if (existing?.blockOwnerDeletion !== undefined) {
    ref.blockOwnerDeletion = existing.blockOwnerDeletion;
  }
  upsert(obj, ref);
  return obj;
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The object model: plain JSON objects shaped like Kubernetes' `metav1` types.
 *
 * @module
 */

/** A reference from a dependent to its owner (`metav1.OwnerReference`). */
export interface OwnerReference {
  /** API version of the owner. */
  apiVersion: string;
  /** Kind of the owner. */
  kind: string;
  /** Name of the owner. */
  name: string;
  /** UID of the owner; garbage collection matches by it. */
  uid: string;
  /** Whether the owner is the managing controller (at most one per object). */
  controller?: boolean;
  /** Whether Foreground deletion of the owner waits for this dependent. */
  blockOwnerDeletion?: boolean;
}

/** One field manager's record in `metadata.managedFields`. */
export interface ManagedFieldsEntry {
  /** The manager's name, e.g. `kubectl-client-side-apply`. */
  manager: string;
  /** `Apply` (server-side apply) or `Update` (every other write). */
  operation: "Apply" | "Update";
  /** API version the fields are expressed in. */
  apiVersion: string;
  /** When the manager last changed the object (RFC 3339, seconds). */
  time?: string;
  /** Always `FieldsV1`. */
  fieldsType: "FieldsV1";
  /** The set of owned fields in the `FieldsV1` format (`{"f:data":{"f:k":{}}}`). */
  fieldsV1: Record<string, unknown>;
  /** The subresource written (`status`), if any. */
  subresource?: string;
}

/** Standard object metadata (`metav1.ObjectMeta`). */
export interface ObjectMeta {
  /** Unique within a namespace and kind. */
  name?: string;
  /** Prefix for a server-generated name, used when `name` is empty. */
  generateName?: string;
  /** Namespace of a namespaced object; absent for cluster-scoped ones. */
  namespace?: string;
  /** Unique id set on create. */
  uid?: string;
  /** Opaque version string; the decimal store revision of the last change. */
  resourceVersion?: string;
  /** Sequence number of spec changes, for kinds that track it. */
  generation?: number;
  /** When the object was created (RFC 3339, seconds). */
  creationTimestamp?: string | null;
  /** When deletion was requested; the object lingers while finalizers remain. */
  deletionTimestamp?: string;
  /** Grace period of a pending deletion. */
  deletionGracePeriodSeconds?: number;
  /** Key/value pairs for selection. */
  labels?: Record<string, string>;
  /** Key/value pairs for tools. */
  annotations?: Record<string, string>;
  /** Owners of this object. */
  ownerReferences?: OwnerReference[];
  /** Names of finalizers that must be removed before the object goes. */
  finalizers?: string[];
  /** Field ownership records. */
  managedFields?: ManagedFieldsEntry[];
}

/** The `apiVersion` and `kind` of an object, or of a type to address. */
export interface TypeMeta {
  /** `v1`, or `<group>/<version>`. */
  apiVersion: string;
  /** The kind, e.g. `ConfigMap`. */
  kind: string;
}

/**
 * An object with a kind and metadata. Typed interfaces (`interface Widget { apiVersion: string;
 * kind: string; metadata: ObjectMeta; spec: WidgetSpec }`) satisfy it, so the client accepts
 * them without casts.
 */
export interface TypedObject extends TypeMeta {
  /** Standard metadata. */
  metadata: ObjectMeta;
}

/** Any Kubernetes-style object. Kind-specific fields sit beside `metadata`. */
export interface KubeObject extends TypeMeta {
  /** Standard metadata. */
  metadata: ObjectMeta;
  /** Kind-specific fields (`spec`, `status`, `data`, ...). */
  [field: string]: unknown;
}

/** List metadata (`metav1.ListMeta`). */
export interface ListMeta {
  /** Store revision at which the list was read. */
  resourceVersion: string;
  /** Token for the next page, if more items remain. */
  continue?: string;
  /** Number of items after this page, when known. */
  remainingItemCount?: number;
}

/** A list of objects, e.g. a `ConfigMapList`. */
export interface KubeList<T extends TypedObject = KubeObject> {
  /** `v1` or `<group>/<version>`. */
  apiVersion: string;
  /** The list kind, e.g. `ConfigMapList`. */
  kind: string;
  /** List metadata. */
  metadata: ListMeta;
  /** The items, in key order. */
  items: T[];
}

/** Namespace and name of an object, like controller-runtime's `client.ObjectKey`. */
export interface ObjectKey {
  /** Namespace; empty or absent for cluster-scoped objects. */
  namespace?: string;
  /** Name. */
  name: string;
}

/** A group, version and kind. */
export interface GroupVersionKind {
  /** API group, `""` for core. */
  group: string;
  /** API version within the group. */
  version: string;
  /** Kind. */
  kind: string;
}

/**
 * Splits an `apiVersion` into group and version: `v1` → `{group: "", version: "v1"}`.
 *
 * @param apiVersion `v1` or `<group>/<version>`.
 * @returns The group and version.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseApiVersion } from "@k1s/core";
 * assertEquals(parseApiVersion("rbac.authorization.k8s.io/v1"), { group: "rbac.authorization.k8s.io", version: "v1" });
 * ```
 */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf("/");
  if (i < 0) return { group: "", version: apiVersion };
  return { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/**
 * Joins a group and version into an `apiVersion`.
 *
 * @param group API group, `""` for core.
 * @param version Version.
 * @returns `v1` or `<group>/<version>`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatApiVersion } from "@k1s/core";
 * assertEquals(formatApiVersion("", "v1"), "v1");
 * ```
 */
export function formatApiVersion(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/**
 * The key of an object, like controller-runtime's `client.ObjectKeyFromObject`.
 *
 * @param obj Any object with metadata.
 * @returns Its namespace and name.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { objectKeyFromObject } from "@k1s/core";
 * assertEquals(objectKeyFromObject({ metadata: { name: "a", namespace: "n" } }), { namespace: "n", name: "a" });
 * ```
 */
export function objectKeyFromObject(obj: { metadata: ObjectMeta }): ObjectKey {
  const key: ObjectKey = { name: obj.metadata.name ?? "" };
  if (obj.metadata.namespace) key.namespace = obj.metadata.namespace;
  return key;
}

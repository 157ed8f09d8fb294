// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * managedFields for writes other than server-side apply (create, update, patch), as the
 * apiserver's field manager records them.
 *
 * @module
 */
import type { KubeObject, ManagedFieldsEntry } from "../object/types.ts";
import type { JSONSchemaProps } from "../schema/types.ts";
import {
  capManagers,
  decodeManaged,
  dropTopLevel,
  encodeManaged,
  isReset,
  type Managed,
  managerId,
  STRIP_SET,
} from "./_managed.ts";
import { rootSchema } from "./_schema.ts";
import { difference, isEmptySet, union } from "./_set.ts";
import { addedFieldsV1, compare } from "./_typed.ts";

/** Options of {@linkcode updateManagedFields}. */
export interface UpdateManagedFieldsOptions {
  /** The object before the write; absent on create. */
  old?: KubeObject;
  /** The object to be stored. Its own `managedFields`, when set, replace the old ones (`[]` resets). */
  obj: KubeObject;
  /** The field manager (the caller picks defaults such as `kubectl-edit`). */
  manager: string;
  /** Always `Update`: server-side apply has {@linkcode serverSideApply}. */
  operation: "Update";
  /** The subresource written (`status`), if any. */
  subresource?: string;
  /** The API version the write used. */
  apiVersion: string;
  /** The write's time (RFC 3339, seconds). */
  time: string;
  /** The kind's schema: list types and atomic maps decide what is owned. */
  schema?: JSONSchemaProps;
  /** Top-level fields this endpoint resets and nobody owns through it (`status` on the main resource). */
  ignoredFields?: readonly string[];
}

/** The object without `metadata.managedFields`, sharing everything else. */
function content(obj: KubeObject): KubeObject {
  const meta = obj.metadata;
  if (!meta || meta.managedFields === undefined) return obj;
  const { managedFields: _, ...rest } = meta;
  return { ...obj, metadata: rest };
}

/**
 * Computes `metadata.managedFields` after a non-apply write, as the apiserver's field manager does:
 * the fields the write added or changed move to `manager`'s Update entry (one per manager, API
 * version and subresource) and leave every other entry; removed fields leave all entries; entries
 * left empty go; beyond ten Update entries the oldest merge into `ancient-changes`. Metadata the
 * server owns (name, uid, resourceVersion, ...) is never tracked. As in Kubernetes, an update of an
 * object without managedFields records none, and managedFields set on `obj` replace the stored ones
 * (`[]` clears them).
 *
 * @param options The objects before and after, the manager, API version and time.
 * @returns The new managedFields, possibly empty.
 *
 * @example Creating a ConfigMap
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { updateManagedFields } from "@k1s/core";
 * const obj = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" }, data: { k: "v" } };
 * assertEquals(
 *   updateManagedFields({ obj, manager: "kubectl-create", operation: "Update", apiVersion: "v1", time: "2026-01-01T00:00:00Z" }),
 *   [{
 *     manager: "kubectl-create",
 *     operation: "Update",
 *     apiVersion: "v1",
 *     time: "2026-01-01T00:00:00Z",
 *     fieldsType: "FieldsV1",
 *     fieldsV1: { "f:data": { ".": {}, "f:k": {} } },
 *   }],
 * );
 * ```
 */
export function updateManagedFields(options: UpdateManagedFieldsOptions): ManagedFieldsEntry[] {
  const { old, obj, manager, subresource, apiVersion, time } = options;
  // decodeLiveOrNew: entries sent with the object win unless the write is to a subresource.
  let managed: Map<string, Managed> | undefined;
  const sent = obj.metadata?.managedFields;
  if (subresource) managed = decodeManaged(old?.metadata?.managedFields);
  else if (isReset(sent)) managed = new Map();
  else {
    if (sent && sent.length > 0) managed = decodeManaged(sent);
    if (!managed || managed.size === 0) managed = decodeManaged(old?.metadata?.managedFields);
  }
  managed ??= new Map();
  // skipNonAppliedManager: an existing object without managedFields stays without them.
  if (managed.size === 0 && old) return [];
  if (managed.size === 0) return createEntry(options);

  let cmp;
  try {
    cmp = compare(old ? content(old) : undefined, content(obj), rootSchema(options.schema));
  } catch {
    // UpdateNoErrors: a failure to track fields drops managedFields rather than keep garbage.
    return [];
  }
  const ignored = options.ignoredFields;
  const changed = dropTopLevel(union(cmp.modified, cmp.added), ignored);
  const removed = dropTopLevel(cmp.removed, ignored);
  const touched = union(changed, removed);

  if (!isEmptySet(touched)) {
    for (const [id, m] of managed) {
      const s = difference(m.set, touched);
      if (isEmptySet(s)) managed.delete(id);
      else if (s !== m.set) managed.set(id, { ...m, set: s });
    }
  }

  const self = difference(changed, STRIP_SET);
  if (!isEmptySet(self)) {
    const id = managerId(manager, "Update", apiVersion, subresource);
    const prev = managed.get(id);
    const entry: Managed = {
      manager,
      operation: "Update",
      apiVersion,
      time,
      set: prev ? union(self, prev.set) : self,
    };
    if (subresource) entry.subresource = subresource;
    managed.set(id, entry);
  }
  capManagers(managed);
  return encodeManaged(managed);
}

/** A create with nothing to reconcile: every field set is added, written straight as FieldsV1. */
function createEntry(options: UpdateManagedFieldsOptions): ManagedFieldsEntry[] {
  let fieldsV1: Record<string, unknown> | undefined;
  try {
    fieldsV1 = addedFieldsV1(options.obj, rootSchema(options.schema), options.ignoredFields);
  } catch {
    return [];
  }
  if (!fieldsV1) return [];
  const e: ManagedFieldsEntry = {
    manager: options.manager,
    operation: "Update",
    apiVersion: options.apiVersion,
    time: options.time,
    fieldsType: "FieldsV1",
    fieldsV1,
  };
  if (options.subresource) e.subresource = options.subresource;
  return [e];
}

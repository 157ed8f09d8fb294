// Copyright 2026 the k1s authors. Apache-2.0 license.
// The JSON fields of ObjectMeta and of its nested entries: anything else in metadata is unknown
// to Kubernetes' decoder (pruned, or rejected under fieldValidation=Strict).

/** ObjectMeta's fields. */
export const OBJECT_META_FIELDS: ReadonlySet<string> = new Set([
  "name",
  "generateName",
  "namespace",
  "selfLink",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "labels",
  "annotations",
  "ownerReferences",
  "finalizers",
  "managedFields",
]);

/** OwnerReference's fields. */
export const OWNER_REFERENCE_FIELDS: ReadonlySet<string> = new Set([
  "apiVersion",
  "kind",
  "name",
  "uid",
  "controller",
  "blockOwnerDeletion",
]);

/** ManagedFieldsEntry's fields. */
export const MANAGED_FIELDS_FIELDS: ReadonlySet<string> = new Set([
  "manager",
  "operation",
  "apiVersion",
  "time",
  "fieldsType",
  "fieldsV1",
  "subresource",
]);

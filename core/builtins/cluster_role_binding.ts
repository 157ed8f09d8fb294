// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The built-in `ClusterRoleBinding` kind (`rbac.authorization.k8s.io/v1`, cluster-scoped).
 *
 * @module
 */
import type { ResourceType } from "../registry/types.ts";
import { clusterRoleBindingSchema } from "./_schemas.ts";
import { STANDARD_VERBS } from "./_common.ts";
import {
  bindingColumns,
  defaultBinding,
  RBAC_GROUP,
  validateBinding,
  validateBindingUpdate,
} from "./_rbac.ts";

/**
 * The `ClusterRoleBinding` resource type. As a RoleBinding, but `roleRef` may only name a
 * ClusterRole and ServiceAccount subjects need a namespace.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { clusterRoleBindingType, formatFieldError } from "@k1s/core";
 * const errs = clusterRoleBindingType.strategy.validate!({
 *   apiVersion: "rbac.authorization.k8s.io/v1",
 *   kind: "ClusterRoleBinding",
 *   metadata: { name: "b" },
 *   roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "r" },
 * });
 * assertEquals(errs.map(formatFieldError), ['roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"']);
 * ```
 */
export const clusterRoleBindingType: ResourceType = {
  group: RBAC_GROUP,
  version: "v1",
  kind: "ClusterRoleBinding",
  listKind: "ClusterRoleBindingList",
  plural: "clusterrolebindings",
  singular: "clusterrolebinding",
  shortNames: [],
  categories: [],
  namespaced: false,
  verbs: STANDARD_VERBS,
  subresources: {},
  printerColumns: bindingColumns(clusterRoleBindingSchema.properties!.roleRef.description),
  schema: clusterRoleBindingSchema,
  strategy: {
    nameValidation: "path",
    generation: false,
    allowUnconditionalUpdate: true,
    strategicMerge: true,
    prepareForCreate: defaultBinding,
    prepareForUpdate: defaultBinding,
    validate: (obj) => validateBinding(obj, false),
    validateUpdate: (
      obj,
      old,
    ) => [...validateBinding(obj, false), ...validateBindingUpdate(obj, old)],
  },
};

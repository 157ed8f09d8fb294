// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The built-in `RoleBinding` kind (`rbac.authorization.k8s.io/v1`).
 *
 * @module
 */
import type { ResourceType } from "../registry/types.ts";
import { roleBindingSchema } from "./_schemas.ts";
import { STANDARD_VERBS } from "./_common.ts";
import {
  bindingColumns,
  defaultBinding,
  RBAC_GROUP,
  validateBinding,
  validateBindingUpdate,
} from "./_rbac.ts";

/**
 * The `RoleBinding` resource type. `roleRef` (defaulted to the RBAC group) points at a Role or
 * ClusterRole and never changes (`cannot change roleRef`); subjects are User or Group (apiGroup
 * defaulted to the RBAC group) or ServiceAccount (no apiGroup). Columns: ROLE, AGE, and with
 * `-o wide` USERS, GROUPS, SERVICEACCOUNTS.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { roleBindingType } from "@k1s/core";
 * const rb = {
 *   apiVersion: "rbac.authorization.k8s.io/v1",
 *   kind: "RoleBinding",
 *   metadata: { name: "b", namespace: "default" },
 *   roleRef: { kind: "Role", name: "reader" },
 *   subjects: [{ kind: "User", name: "alice" }],
 * };
 * roleBindingType.strategy.prepareForCreate!(rb);
 * assertEquals(roleBindingType.strategy.validate!(rb), []);
 * assertEquals(roleBindingType.printerColumns[0].value!(rb), "Role/reader");
 * ```
 */
export const roleBindingType: ResourceType = {
  group: RBAC_GROUP,
  version: "v1",
  kind: "RoleBinding",
  listKind: "RoleBindingList",
  plural: "rolebindings",
  singular: "rolebinding",
  shortNames: [],
  categories: [],
  namespaced: true,
  verbs: STANDARD_VERBS,
  subresources: {},
  printerColumns: bindingColumns(roleBindingSchema.properties!.roleRef.description),
  schema: roleBindingSchema,
  strategy: {
    nameValidation: "path",
    generation: false,
    allowUnconditionalUpdate: true,
    strategicMerge: true,
    prepareForCreate: defaultBinding,
    prepareForUpdate: defaultBinding,
    validate: (obj) => validateBinding(obj, true),
    validateUpdate: (
      obj,
      old,
    ) => [...validateBinding(obj, true), ...validateBindingUpdate(obj, old)],
  },
};

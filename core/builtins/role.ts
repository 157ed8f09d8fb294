// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The built-in `Role` kind (`rbac.authorization.k8s.io/v1`).
 *
 * @module
 */
import type { ResourceType } from "../registry/types.ts";
import { roleSchema } from "./_schemas.ts";
import { STANDARD_VERBS } from "./_common.ts";
import { CREATED_AT_COLUMN, RBAC_GROUP, validateRules } from "./_rbac.ts";

/**
 * The `Role` resource type. Names need only be safe as a path segment (`system:x` is fine).
 * Each rule needs verbs, and either apiGroups and resources or (never in a Role)
 * nonResourceURLs. Column: CREATED AT.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatFieldError, roleType } from "@k1s/core";
 * const errs = roleType.strategy.validate!({
 *   apiVersion: "rbac.authorization.k8s.io/v1",
 *   kind: "Role",
 *   metadata: { name: "r", namespace: "default" },
 *   rules: [{ apiGroups: [""], resources: ["pods"] }],
 * });
 * assertEquals(errs.map(formatFieldError), ["rules[0].verbs: Required value: verbs must contain at least one value"]);
 * ```
 */
export const roleType: ResourceType = {
  group: RBAC_GROUP,
  version: "v1",
  kind: "Role",
  listKind: "RoleList",
  plural: "roles",
  singular: "role",
  shortNames: [],
  categories: [],
  namespaced: true,
  verbs: STANDARD_VERBS,
  subresources: {},
  printerColumns: [CREATED_AT_COLUMN],
  schema: roleSchema,
  strategy: {
    nameValidation: "path",
    generation: false,
    allowUnconditionalUpdate: true,
    strategicMerge: true,
    validate: (obj) => validateRules(obj, true),
    validateUpdate: (obj) => validateRules(obj, true),
  },
};

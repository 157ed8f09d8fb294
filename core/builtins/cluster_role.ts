// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The built-in `ClusterRole` kind (`rbac.authorization.k8s.io/v1`, cluster-scoped).
 *
 * @module
 */
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import { type FieldError, invalid, required } from "../errors/field_error.ts";
import { isValidLabelValue } from "../validation/content.ts";
import { type LabelSelectorSpec, validateLabelSelector } from "../validation/label_selector.ts";
import { labelSelectorFromMeta } from "../selection/label_selector.ts";
import { clusterRoleSchema } from "./_schemas.ts";
import { asRecord, STANDARD_VERBS } from "./_common.ts";
import { CREATED_AT_COLUMN, RBAC_GROUP, validateRules } from "./_rbac.ts";

const SELECTORS = "aggregationRule.clusterRoleSelectors";

function selectors(obj: KubeObject): unknown[] | undefined {
  const rule = asRecord(obj.aggregationRule);
  if (!rule) return undefined;
  return Array.isArray(rule.clusterRoleSelectors) ? rule.clusterRoleSelectors : [];
}

function validateClusterRole(
  obj: KubeObject,
  allowInvalidLabelValueInSelector: boolean,
): FieldError[] {
  const errs = validateRules(obj, false);
  const sels = selectors(obj);
  if (sels === undefined) return errs;
  if (sels.length === 0) {
    errs.push(
      required(
        SELECTORS,
        "at least one clusterRoleSelector required if aggregationRule is non-nil",
      ),
    );
  }
  sels.forEach((sel, i) => {
    const path = `${SELECTORS}[${i}]`;
    const spec = (asRecord(sel) ?? {}) as LabelSelectorSpec;
    errs.push(...validateLabelSelector(spec, path, { allowInvalidLabelValueInSelector }));
    try {
      labelSelectorFromMeta(spec);
    } catch {
      // Kubernetes prints the (nil) selector it failed to build.
      errs.push(invalid(path, "null", "invalid label selector."));
    }
  });
  return errs;
}

/** Whether a stored ClusterRole already has selector values that are not label values. */
function hasInvalidLabelValueInSelector(obj: KubeObject): boolean {
  for (const sel of selectors(obj) ?? []) {
    for (const expr of (asRecord(sel)?.matchExpressions as unknown[] | undefined) ?? []) {
      const values = asRecord(expr)?.values;
      if (!Array.isArray(values)) continue;
      for (const v of values) if (typeof v === "string" && isValidLabelValue(v).length) return true;
    }
  }
  return false;
}

/**
 * The `ClusterRole` resource type. As a Role, but rules may use nonResourceURLs, and an
 * `aggregationRule` needs at least one valid `clusterRoleSelectors` entry. Column: CREATED AT.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { clusterRoleType, formatFieldError } from "@k1s/core";
 * const errs = clusterRoleType.strategy.validate!({
 *   apiVersion: "rbac.authorization.k8s.io/v1",
 *   kind: "ClusterRole",
 *   metadata: { name: "view" },
 *   aggregationRule: { clusterRoleSelectors: [] },
 * });
 * assertEquals(errs.map(formatFieldError), [
 *   "aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil",
 * ]);
 * ```
 */
export const clusterRoleType: ResourceType = {
  group: RBAC_GROUP,
  version: "v1",
  kind: "ClusterRole",
  listKind: "ClusterRoleList",
  plural: "clusterroles",
  singular: "clusterrole",
  shortNames: [],
  categories: [],
  namespaced: false,
  verbs: STANDARD_VERBS,
  subresources: {},
  printerColumns: [CREATED_AT_COLUMN],
  schema: clusterRoleSchema,
  strategy: {
    nameValidation: "path",
    generation: false,
    allowUnconditionalUpdate: true,
    strategicMerge: true,
    validate: (obj) => validateClusterRole(obj, false),
    validateUpdate: (obj, old) => validateClusterRole(obj, hasInvalidLabelValueInSelector(old)),
  },
};

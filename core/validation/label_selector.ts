// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Validation of a `metav1.LabelSelector` value inside an object (e.g. a ClusterRole's
 * `aggregationRule.clusterRoleSelectors[0]`), as apimachinery's `ValidateLabelSelector`.
 *
 * @module
 */
import { type FieldError, forbidden, invalid, required } from "../errors/field_error.ts";
import { isQualifiedName, isValidLabelValue } from "./content.ts";
import { validateLabels } from "./object_meta.ts";

/** One `matchExpressions` entry of a label selector. */
export interface LabelSelectorRequirement {
  /** The label key. */
  key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
  operator: string;
  /** Values for `In` and `NotIn`. */
  values?: string[];
}

/** A label selector as it appears in objects (`metav1.LabelSelector`). */
export interface LabelSelectorSpec {
  /** Labels that must all be present with these values. */
  matchLabels?: Record<string, string>;
  /** Requirements that must all hold. */
  matchExpressions?: LabelSelectorRequirement[];
}

/** Options of {@linkcode validateLabelSelector}. */
export interface LabelSelectorValidationOptions {
  /**
   * Skip checking `values` as label values, as Kubernetes does on update when the stored object
   * already had invalid ones.
   * @default {false}
   */
  allowInvalidLabelValueInSelector?: boolean;
}

/**
 * Validates a label selector value: `matchLabels` as labels, and each `matchExpressions` entry's
 * operator, values and key.
 *
 * @param selector The selector; `undefined` or `null` is valid.
 * @param path The field path of the selector.
 * @param options Whether invalid values are tolerated.
 * @returns The field errors; empty when valid.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatFieldError, validateLabelSelector } from "@k1s/core";
 * const errs = validateLabelSelector({ matchExpressions: [{ key: "a", operator: "In" }] }, "spec.selector");
 * assertEquals(
 *   formatFieldError(errs[0]),
 *   "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
 * );
 * ```
 */
export function validateLabelSelector(
  selector: LabelSelectorSpec | null | undefined,
  path: string,
  options: LabelSelectorValidationOptions = {},
): FieldError[] {
  if (selector === null || typeof selector !== "object") return [];
  const errs: FieldError[] = [];
  if (selector.matchLabels && typeof selector.matchLabels === "object") {
    errs.push(...validateLabels(selector.matchLabels, `${path}.matchLabels`));
  }
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (let i = 0; i < exprs.length; i++) {
    const p = `${path}.matchExpressions[${i}]`;
    const e = (exprs[i] ?? {}) as Partial<LabelSelectorRequirement>;
    const values = Array.isArray(e.values) ? e.values : [];
    switch (e.operator) {
      case "In":
      case "NotIn":
        if (values.length === 0) {
          errs.push(
            required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"),
          );
        }
        break;
      case "Exists":
      case "DoesNotExist":
        if (values.length > 0) {
          errs.push(
            forbidden(
              `${p}.values`,
              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            ),
          );
        }
        break;
      default:
        errs.push(invalid(`${p}.operator`, e.operator ?? "", "not a valid selector operator"));
    }
    const key = typeof e.key === "string" ? e.key : "";
    for (const msg of isQualifiedName(key)) errs.push(invalid(`${p}.key`, key, msg));
    if (!options.allowInvalidLabelValueInSelector) {
      for (let j = 0; j < values.length; j++) {
        const v = values[j];
        if (typeof v !== "string") continue;
        for (const msg of isValidLabelValue(v)) errs.push(invalid(`${p}.values[${j}]`, v, msg));
      }
    }
  }
  return errs;
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
// Label and field selectors compiled into one storage filter.
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import {
  checkFieldSelector,
  type FieldSelector,
  type LabelSelector,
  parseFieldSelector,
  parseLabelSelector,
} from "../selection/mod.ts";

/** Selector options shared by list, watch and deleteAllOf. */
export interface SelectorOptions {
  /** A label selector: `app in (web,db),!legacy`, or a parsed one. */
  labelSelector?: string | LabelSelector;
  /** A field selector: `metadata.name=app`, or a parsed one. */
  fieldSelector?: string | FieldSelector;
}

/** Reads a simple JSONPath like `.spec.color` from an object, as a field-selector value. */
function jsonPathValue(obj: KubeObject, path: string): string | undefined {
  let cur: unknown = obj;
  for (const part of path.replace(/^\./, "").split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) return undefined;
  return typeof cur === "object" ? JSON.stringify(cur) : String(cur);
}

/** The field-selector attributes of an object. */
export function objectFields(type: ResourceType, obj: KubeObject): Record<string, string> {
  const fields: Record<string, string> = {
    "metadata.name": obj.metadata.name ?? "",
    "metadata.namespace": obj.metadata.namespace ?? "",
  };
  if (type.strategy.fieldSelectorAttrs) {
    Object.assign(fields, type.strategy.fieldSelectorAttrs(obj));
  }
  for (const f of type.selectableFields ?? []) {
    fields[f.replace(/^\./, "")] = jsonPathValue(obj, f) ?? "";
  }
  return fields;
}

/** Builds the filter for a list or watch, or `undefined` when nothing is selected. */
export function buildPredicate(
  type: ResourceType,
  options: SelectorOptions,
): ((obj: KubeObject) => boolean) | undefined {
  const labels = typeof options.labelSelector === "string"
    ? (options.labelSelector.trim() ? parseLabelSelector(options.labelSelector) : undefined)
    : options.labelSelector;
  const fields = typeof options.fieldSelector === "string"
    ? (options.fieldSelector.trim() ? parseFieldSelector(options.fieldSelector) : undefined)
    : options.fieldSelector;
  const useLabels = labels && !labels.empty ? labels : undefined;
  const useFields = fields && !fields.empty ? fields : undefined;
  if (useFields) checkFieldSelector(useFields, type);
  if (!useLabels && !useFields) return undefined;
  return (obj) => {
    if (useLabels && !useLabels.matches(obj.metadata.labels)) return false;
    if (useFields && !useFields.matches(objectFields(type, obj))) return false;
    return true;
  };
}

/**
 * The object name a field selector pins (`metadata.name=x`), which Kubernetes authorizes as a
 * request for that name, so `resourceNames` rules allow such lists and watches.
 */
export function selectedName(options: SelectorOptions): string | undefined {
  const fs = typeof options.fieldSelector === "string"
    ? (options.fieldSelector.trim() ? parseFieldSelector(options.fieldSelector) : undefined)
    : options.fieldSelector;
  return fs?.requiresExactMatch("metadata.name");
}

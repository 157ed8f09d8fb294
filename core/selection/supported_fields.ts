// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Which fields a field selector may use for a kind, and the 400 errors Kubernetes answers for
 * the others. Kubernetes words them by how the kind registers its field labels:
 *
 * - a built-in kind with its own field-label conversion (Namespace, Secret, Event, Pod, ...) and
 *   every custom resource: `field label not supported: spec.foo`;
 * - a built-in kind without one (ConfigMap, ServiceAccount, the RBAC kinds, ...) falls back to
 *   apimachinery's default: `"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"`.
 *
 * @module
 */
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import { newBadRequest, type StatusError } from "../errors/status_error.ts";
import type { FieldSelector } from "./field_selector.ts";

/**
 * `field label not supported: <label>` (400), the error of kinds that list their own field labels
 * and of custom resources.
 *
 * @param label The field.
 * @returns The error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { fieldLabelNotSupportedError } from "@k1s/core";
 * assertEquals(fieldLabelNotSupportedError("spec.foo").message, "field label not supported: spec.foo");
 * ```
 */
export function fieldLabelNotSupportedError(label: string): StatusError {
  return newBadRequest(`field label not supported: ${label}`);
}

/**
 * `"<label>" is not a known field selector: only "metadata.name", "metadata.namespace"` (400),
 * apimachinery's default for kinds that list no field labels of their own.
 *
 * @param label The field.
 * @returns The error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { unknownFieldSelectorError } from "@k1s/core";
 * assertEquals(
 *   unknownFieldSelectorError("spec.foo").message,
 *   '"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"',
 * );
 * ```
 */
export function unknownFieldSelectorError(label: string): StatusError {
  return newBadRequest(
    `${
      JSON.stringify(label)
    } is not a known field selector: only "metadata.name", "metadata.namespace"`,
  );
}

/** What {@linkcode supportedFieldLabels} and {@linkcode checkFieldSelector} need of a type. */
export type FieldSelectorScope =
  & Pick<ResourceType, "namespaced" | "custom" | "selectableFields">
  & { strategy: Pick<ResourceType["strategy"], "fieldSelectorAttrs"> };

const EMPTY_OBJECT: KubeObject = { apiVersion: "", kind: "", metadata: {} };

/** Whether the kind registers field labels of its own (so unknown ones get the short message). */
function ownsLabels(type: FieldSelectorScope): boolean {
  return !!type.custom || !!type.strategy.fieldSelectorAttrs || !!type.selectableFields?.length;
}

/**
 * The field labels a kind accepts in field selectors: `metadata.name`, `metadata.namespace`
 * (for namespaced kinds, and for every kind using apimachinery's default), the strategy's
 * `fieldSelectorAttrs` keys and the `selectableFields` (leading `.` dropped).
 *
 * @param type The resource type.
 * @returns The labels.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { secretType, supportedFieldLabels } from "@k1s/core";
 * assertEquals(supportedFieldLabels(secretType), ["metadata.name", "metadata.namespace", "type"]);
 * ```
 */
export function supportedFieldLabels(type: FieldSelectorScope): string[] {
  const labels = ["metadata.name"];
  if (type.namespaced || !ownsLabels(type)) labels.push("metadata.namespace");
  const attrs = type.strategy.fieldSelectorAttrs?.(EMPTY_OBJECT);
  if (attrs) { for (const k in attrs) if (!labels.includes(k)) labels.push(k); }
  for (const f of type.selectableFields ?? []) {
    const k = f.startsWith(".") ? f.slice(1) : f;
    if (!labels.includes(k)) labels.push(k);
  }
  return labels;
}

/**
 * Throws the error Kubernetes answers when a field selector uses a field the kind does not
 * support. Terms are checked in the selector's (sorted) order; the first unknown one is
 * reported.
 *
 * @param selector The parsed selector.
 * @param type The resource type listed.
 * @throws {StatusError} 400 BadRequest worded for the kind (see the module doc).
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { checkFieldSelector, configMapType, parseFieldSelector } from "@k1s/core";
 * checkFieldSelector(parseFieldSelector("metadata.name=a"), configMapType);
 * assertThrows(
 *   () => checkFieldSelector(parseFieldSelector("spec.foo=a"), configMapType),
 *   Error,
 *   '"spec.foo" is not a known field selector',
 * );
 * ```
 */
export function checkFieldSelector(selector: FieldSelector, type: FieldSelectorScope): void {
  if (selector.empty) return;
  const known = supportedFieldLabels(type);
  for (const r of selector.requirements) {
    if (known.includes(r.field)) continue;
    throw ownsLabels(type)
      ? fieldLabelNotSupportedError(r.field)
      : unknownFieldSelectorError(r.field);
  }
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The built-in `Namespace` kind (`v1`, short name `ns`, cluster-scoped).
 *
 * @module
 */
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import { type FieldError, invalid } from "../errors/field_error.ts";
import { isQualifiedName } from "../validation/content.ts";
import { namespaceSchema } from "./_schemas.ts";
import { AGE_COLUMN, asRecord } from "./_common.ts";

/** The label every Namespace carries with its own name. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

const STANDARD_FINALIZERS = new Set(["kubernetes", "orphan", "foregroundDeletion"]);

function spec(obj: KubeObject): Record<string, unknown> {
  const s = asRecord(obj.spec);
  if (s) return s;
  const fresh: Record<string, unknown> = {};
  obj.spec = fresh;
  return fresh;
}

function setNameLabel(obj: KubeObject): void {
  const meta = obj.metadata ??= {};
  if (!meta.name) return;
  meta.labels = { ...(meta.labels ?? {}), [NAMESPACE_NAME_LABEL]: meta.name };
}

function prepareForCreate(obj: KubeObject): void {
  obj.status = { phase: "Active" };
  const s = spec(obj);
  const finalizers = Array.isArray(s.finalizers) ? s.finalizers : [];
  if (!finalizers.includes("kubernetes")) s.finalizers = [...finalizers, "kubernetes"];
  setNameLabel(obj);
}

function prepareForUpdate(obj: KubeObject, old: KubeObject): void {
  // spec.finalizers change only through /finalize, status only through /status.
  const s = spec(obj);
  const oldFinalizers = asRecord(old.spec)?.finalizers;
  if (oldFinalizers === undefined) delete s.finalizers;
  else s.finalizers = structuredClone(oldFinalizers);
  if (old.status === undefined) delete obj.status;
  else obj.status = structuredClone(old.status);
  setNameLabel(obj);
}

function prepareForStatusUpdate(obj: KubeObject, old: KubeObject): void {
  if (old.spec === undefined) delete obj.spec;
  else obj.spec = structuredClone(old.spec);
  // Decoding defaults an empty phase to Active.
  const status = asRecord(obj.status) ?? (obj.status = {}) as Record<string, unknown>;
  if (typeof status.phase !== "string" || status.phase === "") status.phase = "Active";
  setNameLabel(obj);
}

/** Core `validateFinalizerName`: a qualified name, with a `/` unless it is a standard one. */
function finalizerNameErrors(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalid(path, name, msg));
  if (!name.includes("/") && !STANDARD_FINALIZERS.has(name)) {
    errs.push(
      invalid(path, name, "name is neither a standard finalizer name nor is it fully qualified"),
    );
  }
  return errs;
}

function specFinalizers(obj: KubeObject): unknown[] {
  const f = asRecord(obj.spec)?.finalizers;
  return Array.isArray(f) ? f : [];
}

function validateNamespace(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  // Kubernetes reports these at spec.finalizers without an index.
  for (const f of specFinalizers(obj)) {
    if (typeof f === "string") errs.push(...finalizerNameErrors(f, "spec.finalizers"));
  }
  return errs;
}

function validateStatusUpdate(obj: KubeObject): FieldError[] {
  const phase = asRecord(obj.status)?.phase ?? "";
  // The path is spelled "status.Phase" upstream.
  if (!obj.metadata?.deletionTimestamp) {
    if (phase !== "Active") {
      return [
        invalid("status.Phase", phase, "may only be 'Active' if `deletionTimestamp` is empty"),
      ];
    }
  } else if (phase !== "Terminating") {
    return [
      invalid(
        "status.Phase",
        phase,
        "may only be 'Terminating' if `deletionTimestamp` is not empty",
      ),
    ];
  }
  return [];
}

/**
 * Validates the `spec.finalizers` written through a Namespace's `/finalize` subresource, as
 * Kubernetes' `ValidateNamespaceFinalizeUpdate` (metadata is validated by the caller).
 *
 * @param obj The Namespace sent to `/finalize`.
 * @returns The field errors; empty when valid.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatFieldError, validateNamespaceFinalize } from "@k1s/core";
 * const errs = validateNamespaceFinalize({ apiVersion: "v1", kind: "Namespace", metadata: { name: "a" }, spec: { finalizers: ["x"] } });
 * assertEquals(
 *   formatFieldError(errs[0]),
 *   'spec.finalizers[0]: Invalid value: "x": name is neither a standard finalizer name nor is it fully qualified',
 * );
 * ```
 */
export function validateNamespaceFinalize(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  specFinalizers(obj).forEach((f, i) => {
    if (typeof f === "string") errs.push(...finalizerNameErrors(f, `spec.finalizers[${i}]`));
  });
  return errs;
}

/**
 * The `Namespace` resource type. Names are DNS-1123 labels. Create sets `status.phase` to
 * `Active`, adds the `kubernetes` finalizer to `spec.finalizers` and the label
 * `kubernetes.io/metadata.name=<name>`; updates through the main endpoint keep the stored
 * `spec.finalizers` and `status`. Field selector: `status.phase`. Columns: STATUS, AGE.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { type KubeObject, namespaceType } from "@k1s/core";
 * const ns: KubeObject = { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } };
 * namespaceType.strategy.prepareForCreate!(ns);
 * assertEquals(ns, {
 *   apiVersion: "v1",
 *   kind: "Namespace",
 *   metadata: { name: "dev", labels: { "kubernetes.io/metadata.name": "dev" } },
 *   spec: { finalizers: ["kubernetes"] },
 *   status: { phase: "Active" },
 * });
 * ```
 */
export const namespaceType: ResourceType = {
  group: "",
  version: "v1",
  kind: "Namespace",
  listKind: "NamespaceList",
  plural: "namespaces",
  singular: "namespace",
  shortNames: ["ns"],
  categories: [],
  namespaced: false,
  verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
  subresources: { status: true },
  printerColumns: [
    {
      name: "Status",
      type: "string",
      description: "The status of the namespace",
      jsonPath: ".status.phase",
    },
    AGE_COLUMN,
  ],
  schema: namespaceSchema,
  strategy: {
    nameValidation: "label",
    generation: false,
    allowUnconditionalUpdate: true,
    strategicMerge: true,
    prepareForCreate,
    prepareForUpdate,
    prepareForStatusUpdate,
    validate: validateNamespace,
    validateStatusUpdate,
    fieldSelectorAttrs: (obj) => {
      const phase = asRecord(obj.status)?.phase;
      return { "status.phase": typeof phase === "string" ? phase : "" };
    },
  },
};

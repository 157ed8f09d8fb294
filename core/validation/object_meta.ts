// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Object metadata validation, as apimachinery's `api/validation/objectmeta.go` plus the extra
 * finalizer rule of `pkg/apis/core/validation` for built-in kinds.
 *
 * On create call {@linkcode validateObjectMeta}; on update call it too (upstream's
 * `ValidateXxxUpdate` functions re-run the create checks on the new object) and add
 * {@linkcode validateObjectMetaUpdate} for what may not change.
 *
 * @module
 */
import type { ManagedFieldsEntry, ObjectMeta, OwnerReference } from "../object/types.ts";
import {
  type FieldError,
  forbidden,
  invalid,
  RawValue,
  required,
  tooLong,
} from "../errors/field_error.ts";
import {
  isDNS1123Label,
  isQualifiedName,
  isValidLabelValue,
  type NameValidation,
  utf8Length,
  validateName,
} from "./content.ts";
import { goOwnerReference, goOwnerReferences, goTimeString } from "./_go.ts";

/** The most bytes all annotation keys and values may take together (256 KiB). */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 262144;

/** Finalizer names a built-in kind may use without a `/`. */
const STANDARD_FINALIZERS = new Set(["kubernetes", "orphan", "foregroundDeletion"]);

const FIELD_MANAGER_MAX_LENGTH = 128;
const MAX_SUBRESOURCE_NAME_LENGTH = 256;
// Built on first use: in a cold process V8 takes up to a millisecond to build a Unicode property
// class, which every command loading this module paid, validating or not.
let notPrintable: RegExp | undefined;
const NOT_PRINTABLE = {
  test: (s: string): boolean => (notPrintable ??= /[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/u).test(s),
};

/** Options of {@linkcode validateObjectMeta}. */
export interface ObjectMetaValidationOptions {
  /** Whether the kind is namespaced (a namespace is then required, else forbidden). */
  namespaced: boolean;
  /** The rule `metadata.name` (and `generateName`) must follow. */
  nameValidation: NameValidation;
  /**
   * Whether the kind is a built-in kind, validated by `pkg/apis/core/validation`: its
   * finalizers must then contain a `/` unless they are `kubernetes`, `orphan` or
   * `foregroundDeletion`.
   * @default {false}
   */
  coreKind?: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Validates object metadata on create, as apimachinery's `ValidateObjectMeta` (names, namespace,
 * generation, labels, annotations, owner references, finalizers and managed fields). Expects the
 * name to be generated already when `generateName` is used, as the apiserver does.
 *
 * @param meta The metadata.
 * @param options Scope, name rule and whether the kind is built in.
 * @returns The field errors, in Kubernetes' order; empty when valid.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatFieldError, validateObjectMeta } from "@k1s/core";
 * const errs = validateObjectMeta({ name: "Foo", namespace: "default" }, {
 *   namespaced: true,
 *   nameValidation: "subdomain",
 * });
 * assertEquals(
 *   formatFieldError(errs[0]),
 *   `metadata.name: Invalid value: "Foo": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
 * );
 * ```
 */
export function validateObjectMeta(
  meta: ObjectMeta,
  options: ObjectMetaValidationOptions,
): FieldError[] {
  const errs: FieldError[] = [];
  const m = meta ?? {};
  const generateName = m.generateName;
  if (typeof generateName === "string" && generateName.length > 0) {
    for (const msg of validateName(generateName, options.nameValidation, { prefix: true })) {
      errs.push(invalid("metadata.generateName", generateName, msg));
    }
  }
  const name = m.name;
  if (typeof name !== "string" || name.length === 0) {
    errs.push(required("metadata.name", "name or generateName is required"));
  } else {
    const msgs = validateName(name, options.nameValidation);
    for (let i = 0; i < msgs.length; i++) errs.push(invalid("metadata.name", name, msgs[i]));
  }

  const namespace = m.namespace;
  if (options.namespaced) {
    if (typeof namespace !== "string" || namespace.length === 0) {
      errs.push(required("metadata.namespace", ""));
    } else {
      const msgs = isDNS1123Label(namespace);
      for (let i = 0; i < msgs.length; i++) {
        errs.push(invalid("metadata.namespace", namespace, msgs[i]));
      }
    }
  } else if (typeof namespace === "string" && namespace.length > 0) {
    errs.push(forbidden("metadata.namespace", "not allowed on this type"));
  }

  if (typeof m.generation === "number" && m.generation < 0) {
    errs.push(invalid("metadata.generation", m.generation, "must be greater than or equal to 0"));
  }
  if (m.labels !== undefined) pushLabelErrors(m.labels, "metadata.labels", errs);
  if (m.annotations !== undefined) {
    pushAnnotationErrors(m.annotations, "metadata.annotations", errs);
  }
  if (Array.isArray(m.ownerReferences)) {
    pushOwnerReferenceErrors(m.ownerReferences, "metadata.ownerReferences", errs);
  }
  const finalizers = m.finalizers;
  if (Array.isArray(finalizers)) pushFinalizerErrors(finalizers, "metadata.finalizers", errs);
  if (Array.isArray(m.managedFields)) {
    pushManagedFieldsErrors(m.managedFields, "metadata.managedFields", errs);
  }
  if (options.coreKind && Array.isArray(finalizers)) {
    for (let i = 0; i < finalizers.length; i++) {
      const f = finalizers[i];
      if (typeof f === "string" && !f.includes("/") && !STANDARD_FINALIZERS.has(f)) {
        errs.push(
          invalid(
            `metadata.finalizers[${i}]`,
            f,
            "name is neither a standard finalizer name nor is it fully qualified",
          ),
        );
      }
    }
  }
  return errs;
}

/**
 * Validates what an update may not change in object metadata, as the update-only part of
 * apimachinery's `ValidateObjectMetaUpdate`: no new finalizers while the object is being
 * deleted; generation not decremented; name, namespace, uid, creationTimestamp,
 * deletionTimestamp and deletionGracePeriodSeconds unchanged. (The resourceVersion check is left
 * to the caller, which fills it for unconditional updates.)
 *
 * @param newMeta The metadata sent.
 * @param oldMeta The stored metadata.
 * @returns The field errors; empty when valid.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatFieldError, validateObjectMetaUpdate } from "@k1s/core";
 * const errs = validateObjectMetaUpdate(
 *   { name: "a", finalizers: ["x/y"] },
 *   { name: "a", deletionTimestamp: "2026-01-01T00:00:00Z" },
 * );
 * assertEquals(
 *   formatFieldError(errs[0]),
 *   'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"x/y"}',
 * );
 * ```
 */
export function validateObjectMetaUpdate(newMeta: ObjectMeta, oldMeta: ObjectMeta): FieldError[] {
  const errs: FieldError[] = [];
  const n = newMeta ?? {};
  const o = oldMeta ?? {};
  if (o.deletionTimestamp) {
    const old = new Set(Array.isArray(o.finalizers) ? o.finalizers : []);
    const extra = [
      ...new Set((Array.isArray(n.finalizers) ? n.finalizers : []).filter((f) => !old.has(f))),
    ].sort();
    if (extra.length) {
      errs.push(
        forbidden(
          "metadata.finalizers",
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${
            extra.map((f) => JSON.stringify(f)).join(", ")
          }}`,
        ),
      );
    }
  }
  const newGen = typeof n.generation === "number" ? n.generation : 0;
  const oldGen = typeof o.generation === "number" ? o.generation : 0;
  if (newGen < oldGen) errs.push(invalid("metadata.generation", newGen, "must not be decremented"));

  for (const key of ["name", "namespace", "uid"] as const) {
    const nv = n[key] ?? "";
    if (nv !== (o[key] ?? "")) errs.push(invalid(`metadata.${key}`, nv, "field is immutable"));
  }
  if (!sameTime(n.creationTimestamp, o.creationTimestamp)) {
    errs.push(
      invalid(
        "metadata.creationTimestamp",
        new RawValue(goTimeString(n.creationTimestamp)),
        "field is immutable",
      ),
    );
  }
  if (!sameTime(n.deletionTimestamp, o.deletionTimestamp)) {
    // A nil *metav1.Time prints as the string "null"; a set one through its String method.
    errs.push(
      n.deletionTimestamp
        ? invalid(
          "metadata.deletionTimestamp",
          new RawValue(goTimeString(n.deletionTimestamp)),
          "field is immutable",
        )
        : invalid("metadata.deletionTimestamp", "null", "field is immutable"),
    );
  }
  if ((n.deletionGracePeriodSeconds ?? null) !== (o.deletionGracePeriodSeconds ?? null)) {
    errs.push(
      invalid(
        "metadata.deletionGracePeriodSeconds",
        n.deletionGracePeriodSeconds ?? "null",
        "field is immutable",
      ),
    );
  }
  return errs;
}

/** Semantic equality of two `metav1.Time` values: equal instants, absent equal to absent. */
function sameTime(a: unknown, b: unknown): boolean {
  const sa = typeof a === "string" ? a : "";
  const sb = typeof b === "string" ? b : "";
  if (sa === sb) return true;
  if (!sa || !sb) return false;
  return Date.parse(sa) === Date.parse(sb);
}

/**
 * Validates labels: keys are qualified names, values label values. Errors are reported at
 * `path` itself, as Kubernetes does (`metadata.labels: Invalid value: "bad key": ...`).
 *
 * @param labels The labels.
 * @param path The field path, e.g. `metadata.labels` or `spec.selector.matchLabels`.
 * @returns The field errors; empty when valid.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { validateLabels } from "@k1s/core";
 * assertEquals(validateLabels({ "app.kubernetes.io/name": "web" }, "metadata.labels"), []);
 * assertEquals(validateLabels({ app: "-bad" }, "metadata.labels").length, 1);
 * ```
 */
export function validateLabels(labels: Record<string, string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  pushLabelErrors(labels, path, errs);
  return errs;
}

function pushLabelErrors(labels: unknown, path: string, errs: FieldError[]): void {
  if (!isRecord(labels)) return;
  for (const k in labels) {
    const v = labels[k];
    const keyMsgs = isQualifiedName(k);
    for (let i = 0; i < keyMsgs.length; i++) errs.push(invalid(path, k, keyMsgs[i]));
    if (typeof v !== "string") continue;
    const valueMsgs = isValidLabelValue(v);
    for (let i = 0; i < valueMsgs.length; i++) errs.push(invalid(path, v, valueMsgs[i]));
  }
}

/**
 * Validates annotations: keys are qualified names (case-insensitively), and keys plus values
 * take at most 262144 bytes together.
 *
 * @param annotations The annotations.
 * @param path The field path, normally `metadata.annotations`.
 * @returns The field errors; empty when valid.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatFieldError, validateAnnotations } from "@k1s/core";
 * const errs = validateAnnotations({ a: "x".repeat(262144) }, "metadata.annotations");
 * assertEquals(formatFieldError(errs[0]), "metadata.annotations: Too long: may not be more than 262144 bytes");
 * ```
 */
export function validateAnnotations(
  annotations: Record<string, string>,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  pushAnnotationErrors(annotations, path, errs);
  return errs;
}

function pushAnnotationErrors(annotations: unknown, path: string, errs: FieldError[]): void {
  if (!isRecord(annotations)) return;
  // Counting UTF-16 units first: at most 3 bytes each, so exact counting is rarely needed.
  let units = 0;
  for (const k in annotations) {
    const msgs = isQualifiedName(k.toLowerCase());
    for (let i = 0; i < msgs.length; i++) errs.push(invalid(path, k, msgs[i]));
    const v = annotations[k];
    units += k.length + (typeof v === "string" ? v.length : 0);
  }
  if (units > TOTAL_ANNOTATION_SIZE_LIMIT / 3) {
    let bytes = 0;
    for (const k in annotations) {
      const v = annotations[k];
      bytes += utf8Length(k) + (typeof v === "string" ? utf8Length(v) : 0);
    }
    if (bytes > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  }
}

/**
 * Validates owner references: apiVersion (with a version), kind, name and uid are required, an
 * Event may not be an owner, and at most one reference may be the controller. Errors are
 * reported without an index, as Kubernetes does (`metadata.ownerReferences.uid`).
 *
 * @param refs The references.
 * @param path The field path, normally `metadata.ownerReferences`.
 * @returns The field errors; empty when valid.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatFieldError, validateOwnerReferences } from "@k1s/core";
 * const errs = validateOwnerReferences(
 *   [{ apiVersion: "v1", kind: "ConfigMap", name: "a", uid: "" }],
 *   "metadata.ownerReferences",
 * );
 * assertEquals(formatFieldError(errs[0]), 'metadata.ownerReferences.uid: Invalid value: "": must not be empty');
 * ```
 */
export function validateOwnerReferences(
  refs: readonly OwnerReference[],
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  pushOwnerReferenceErrors(refs, path, errs);
  return errs;
}

function pushOwnerReferenceErrors(
  refs: readonly unknown[],
  path: string,
  errs: FieldError[],
): void {
  let firstController = "";
  for (const raw of refs) {
    const ref = isRecord(raw) ? raw : {};
    const apiVersion = typeof ref.apiVersion === "string" ? ref.apiVersion : "";
    const kind = typeof ref.kind === "string" ? ref.kind : "";
    const name = typeof ref.name === "string" ? ref.name : "";
    const uid = typeof ref.uid === "string" ? ref.uid : "";
    const { group, version } = parseGroupVersion(apiVersion);
    if (!version) errs.push(invalid(`${path}.apiVersion`, apiVersion, "version must not be empty"));
    if (!kind) errs.push(invalid(`${path}.kind`, kind, "must not be empty"));
    if (!name) errs.push(invalid(`${path}.name`, name, "must not be empty"));
    if (!uid) errs.push(invalid(`${path}.uid`, uid, "must not be empty"));
    if (group === "" && version === "v1" && kind === "Event") {
      errs.push(
        invalid(
          path,
          new RawValue(goOwnerReference(ref)),
          "/v1, Kind=Event is disallowed from being an owner",
        ),
      );
    }
    if (ref.controller === true) {
      const current = `${kind}/${name}`;
      if (firstController) {
        errs.push(
          invalid(
            path,
            new RawValue(goOwnerReferences(refs.map((r) => (isRecord(r) ? r : {})))),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else firstController = current;
    }
  }
}

/** apimachinery's `ParseGroupVersion`, returning an empty version when it fails. */
function parseGroupVersion(gv: string): { group: string; version: string } {
  if (gv === "" || gv === "/") return { group: "", version: "" };
  const i = gv.indexOf("/");
  if (i < 0) return { group: "", version: gv };
  if (gv.indexOf("/", i + 1) >= 0) return { group: "", version: "" };
  return { group: gv.slice(0, i), version: gv.slice(i + 1) };
}

/**
 * Validates finalizer names (qualified names) and rejects `orphan` together with
 * `foregroundDeletion`, as apimachinery's `ValidateFinalizers`. The extra rule for built-in kinds
 * is applied by {@linkcode validateObjectMeta} with `coreKind`.
 *
 * @param finalizers The finalizers.
 * @param path The field path, normally `metadata.finalizers`.
 * @returns The field errors; empty when valid.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatFieldError, validateFinalizers } from "@k1s/core";
 * const errs = validateFinalizers(["orphan", "foregroundDeletion"], "metadata.finalizers");
 * assertEquals(
 *   formatFieldError(errs[0]),
 *   'metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set',
 * );
 * ```
 */
export function validateFinalizers(finalizers: readonly string[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  pushFinalizerErrors(finalizers, path, errs);
  return errs;
}

function pushFinalizerErrors(
  finalizers: readonly unknown[],
  path: string,
  errs: FieldError[],
): void {
  let orphan = false;
  let foreground = false;
  for (const f of finalizers) {
    if (typeof f !== "string") continue;
    const msgs = isQualifiedName(f);
    for (let i = 0; i < msgs.length; i++) errs.push(invalid(path, f, msgs[i]));
    if (f === "orphan") orphan = true;
    else if (f === "foregroundDeletion") foreground = true;
  }
  if (orphan && foreground) {
    errs.push(
      invalid(path, [...finalizers], "finalizer orphan and foregroundDeletion cannot be both set"),
    );
  }
}

function pushManagedFieldsErrors(
  entries: readonly ManagedFieldsEntry[],
  path: string,
  errs: FieldError[],
): void {
  for (let i = 0; i < entries.length; i++) {
    const e = isRecord(entries[i]) ? entries[i] as unknown as Record<string, unknown> : {};
    const p = `${path}[${i}]`;
    if (e.operation !== "Apply" && e.operation !== "Update") {
      errs.push(invalid(`${p}.operation`, e.operation ?? "", "must be `Apply` or `Update`"));
    }
    if (typeof e.fieldsType === "string" && e.fieldsType !== "" && e.fieldsType !== "FieldsV1") {
      errs.push(invalid(`${p}.fieldsType`, e.fieldsType, "must be `FieldsV1`"));
    }
    const manager = typeof e.manager === "string" ? e.manager : "";
    if (utf8Length(manager) > FIELD_MANAGER_MAX_LENGTH) {
      errs.push(tooLong(`${p}.manager`, FIELD_MANAGER_MAX_LENGTH));
    }
    if (NOT_PRINTABLE.test(manager)) {
      let pos = 0;
      for (const ch of manager) {
        if (NOT_PRINTABLE.test(ch)) {
          const code = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
          errs.push(
            invalid(`${p}.manager`, manager, `invalid character U+${code} (at position ${pos})`),
          );
        }
        pos += utf8Length(ch);
      }
    }
    if (
      typeof e.subresource === "string" && utf8Length(e.subresource) > MAX_SUBRESOURCE_NAME_LENGTH
    ) {
      errs.push(tooLong(`${p}.subresource`, MAX_SUBRESOURCE_NAME_LENGTH));
    }
  }
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
// Validation of embedded resources (`x-kubernetes-embedded-resource`), as apiextensions'
// `objectmeta.Validate`: apiVersion and kind are required and well-formed, and metadata must
// decode as ObjectMeta and pass ObjectMeta validation with path-segment names.
import { type FieldError, invalid, required } from "../errors/field_error.ts";
import { maxLenError, regexError } from "../validation/content.ts";
import { validateObjectMeta } from "../validation/object_meta.ts";
import type { ObjectMeta } from "../object/types.ts";
import { isObject, type Node } from "./_node.ts";

const DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const DNS1035_LABEL_ERR =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

/** apimachinery's `IsDNS1035Label`. */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!DNS1035_LABEL_RE.test(value)) {
    errs.push(regexError(DNS1035_LABEL_ERR, DNS1035_LABEL_FMT, "my-name", "abc-123"));
  }
  return errs;
}

const META_STRING_FIELDS = [
  "name",
  "generateName",
  "namespace",
  "selfLink",
  "uid",
  "resourceVersion",
];

function jsonKind(v: unknown): string {
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "array";
  return "object";
}

/** The error `json.Unmarshal` into `metav1.ObjectMeta` reports for a wrongly typed field. */
function decodeError(meta: Record<string, unknown>): string | undefined {
  const bad = (field: string, goType: string, v: unknown) =>
    `json: cannot unmarshal ${
      jsonKind(v)
    } into Go struct field ObjectMeta.${field} of type ${goType}`;
  for (const f of META_STRING_FIELDS) {
    const v = meta[f];
    if (v !== undefined && v !== null && typeof v !== "string") return bad(f, "string", v);
  }
  for (const f of ["generation", "deletionGracePeriodSeconds"]) {
    const v = meta[f];
    if (v !== undefined && v !== null && (typeof v !== "number" || !Number.isInteger(v))) {
      return bad(f, "int64", v);
    }
  }
  for (const f of ["labels", "annotations"]) {
    const v = meta[f];
    if (v === undefined || v === null) continue;
    if (!isObject(v)) return bad(f, "map[string]string", v);
    for (const [k, x] of Object.entries(v)) {
      if (typeof x !== "string") return bad(`${f}.${k}`, "string", x);
    }
  }
  for (const f of ["finalizers", "ownerReferences", "managedFields"]) {
    const v = meta[f];
    if (v !== undefined && v !== null && !Array.isArray(v)) {
      const t = f === "finalizers"
        ? "[]string"
        : f === "ownerReferences"
        ? "[]v1.OwnerReference"
        : "[]v1.ManagedFieldsEntry";
      return bad(f, t, v);
    }
  }
  return undefined;
}

function validateEmbedded(path: string, x: Record<string, unknown>, out: FieldError[]): void {
  const at = (k: string) => (path === "" ? k : `${path}.${k}`);
  if (!Object.hasOwn(x, "apiVersion")) out.push(required(at("apiVersion"), ""));
  if (!Object.hasOwn(x, "kind")) out.push(required(at("kind"), ""));
  for (const k of Object.keys(x)) {
    const v = x[k];
    if (k === "apiVersion") {
      if (typeof v !== "string") out.push(invalid(at("apiVersion"), v, "must be a string"));
      else if (v.length === 0) out.push(required(at("apiVersion"), ""));
      else if (v !== "/" && v.split("/").length > 2) {
        out.push(invalid(at("apiVersion"), v, `unexpected GroupVersion string: ${v}`));
      }
    } else if (k === "kind") {
      if (typeof v !== "string") out.push(invalid(at("kind"), v, "must be a string"));
      else if (v.length === 0) out.push(required(at("kind"), ""));
      else {
        const errs = isDNS1035Label(v.toLowerCase());
        if (errs.length) {
          out.push(
            invalid(
              at("kind"),
              v,
              `may have mixed case, but should otherwise match: ${errs.join(",")}`,
            ),
          );
        }
      }
    } else if (k === "metadata") {
      const err = isObject(v)
        ? decodeError(v)
        : v === null
        ? undefined
        : `json: cannot unmarshal ${jsonKind(v)} into Go value of type v1.ObjectMeta`;
      if (err) {
        out.push(invalid(at("metadata"), v, err));
        continue;
      }
      const meta = { ...(isObject(v) ? v : {}) } as ObjectMeta;
      if (!meta.name) meta.name = "fakename";
      const errs = validateObjectMeta(meta, {
        namespaced: typeof meta.namespace === "string" && meta.namespace.length > 0,
        nameValidation: "path",
      });
      const prefix = at("metadata");
      for (const e of errs) {
        out.push({ ...e, field: prefix + e.field.slice("metadata".length) });
      }
    }
  }
}

function walk(path: string, n: Node, x: unknown, out: FieldError[]): void {
  if (isObject(x)) {
    if (n.embedded) validateEmbedded(path, x, out);
    for (const k of Object.keys(x)) {
      const p = n.properties?.get(k);
      if (p) {
        if (p.subtreeEmbedded) walk(path === "" ? k : `${path}.${k}`, p, x[k], out);
      } else if (typeof n.additional === "object" && n.additional.subtreeEmbedded) {
        walk(`${path}[${k}]`, n.additional, x[k], out);
      }
    }
  } else if (Array.isArray(x) && n.items?.subtreeEmbedded) {
    for (let i = 0; i < x.length; i++) walk(`${path}[${i}]`, n.items, x[i], out);
  }
}

/** Validates embedded resources below the root (the root's own meta is validated elsewhere). */
export function validateEmbeddedResources(root: Node, obj: unknown): FieldError[] {
  const out: FieldError[] = [];
  if (!root.subtreeEmbedded || !isObject(obj)) return out;
  for (const k of Object.keys(obj)) {
    const p = root.properties?.get(k);
    if (p) {
      if (p.subtreeEmbedded) walk(k, p, obj[k], out);
    } else if (typeof root.additional === "object" && root.additional.subtreeEmbedded) {
      walk(`[${k}]`, root.additional, obj[k], out);
    }
  }
  return out;
}

/** Validates one embedded resource value at `path` (for defaults of embedded nodes). */
export function validateEmbeddedValue(path: string, n: Node, x: unknown): FieldError[] {
  const out: FieldError[] = [];
  walk(path, n, x, out);
  return out;
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
// The type checks of the apiserver's decoding: a request body is decoded into the kind's Go
// struct, and a JSON value of the wrong type fails the request before anything else looks at it.
// A schema plus the Go names of `_go_types.ts` compile once into a tree of small check
// functions, so the check of an ordinary object is a few `typeof`s per field. Two decoders
// are modelled, each with its own wording:
// - sigs.k8s.io/json (Go's encoding/json, case-sensitive), for request bodies and for JSON and
//   merge patches: `json: cannot unmarshal number into Go struct field ConfigMap.data of type
//   string`. Decoding goes on after a type error and reports the first one; an error from a
//   type's own UnmarshalJSON (metav1.Time, IntOrString) stops it and wins.
// - apimachinery's unstructured converter, for strategic merge patches: `cannot convert int64
//   to string`, `cannot restore slice from string`. It stops at the first error and visits
//   struct fields in Go declaration order.
import type { JSONSchemaProps } from "../schema/types.ts";
import { GO_STRUCTS } from "./_go_types.ts";

/** Node kinds. */
export const ANY = 0;
export const STRING = 1;
export const BYTES = 2;
export const BOOL = 3;
export const INT = 4;
export const FLOAT = 5;
export const TIME = 6;
export const INT_OR_STRING = 7;
export const MAP = 8;
export const SLICE = 9;
export const STRUCT = 10;

/** The first saved type error of one decode. */
interface DecodeState {
  saved: string | undefined;
}

/** An error returned by a type's own UnmarshalJSON: decoding stops, and it wins. */
class DecodeAbort {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

type Check = (v: unknown, st: DecodeState) => void;

/** One Go type of a kind, compiled. */
export interface GoNode {
  /** One of the node kinds above. */
  kind: number;
  /** Go's `reflect.Type.String()`: `map[string]string`, `v1.ObjectMeta`, `int32`. */
  goType: string;
  /** Where a type error here happened: `Go struct field ConfigMap.data`, or `Go value`. */
  where: string;
  /** Map values, slice items. */
  elem: GoNode | undefined;
  /** Struct fields, in Go declaration order. */
  fields: Map<string, GoNode> | undefined;
  /** The decode check of a value of this type. */
  check: Check;
}

function jsonKind(v: unknown): string {
  switch (typeof v) {
    case "string":
      return "string";
    case "number":
      return "number";
    case "boolean":
      return "bool";
    default:
      return Array.isArray(v) ? "array" : "object";
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The bounds of Go's integer types, the upper one exclusive (2^63 - 1 is no float64). */
const INT_RANGE: Record<string, readonly [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31],
  int64: [-(2 ** 63), 2 ** 63],
  uint8: [0, 2 ** 8],
};

function inRange(v: number, goType: string): boolean {
  const [min, max] = INT_RANGE[goType] ?? INT_RANGE.int64;
  return Number.isInteger(v) && v >= min && v < max;
}

const B64_VALID = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function b64Value(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) ||
    c === 0x2b || c === 0x2f;
}

/**
 * The byte offset Go's `base64.StdEncoding.Decode` reports a `CorruptInputError` at, or -1
 * when `s` decodes. A port of `decodeQuantum`: newlines are skipped, padding is required.
 */
export function base64ErrorAt(s: string): number {
  if (B64_VALID.test(s)) return -1;
  const src = new TextEncoder().encode(s);
  const nl = (c: number) => c === 0x0a || c === 0x0d;
  let si = 0;
  for (;;) {
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return -1;
        return si - j;
      }
      const c = src[si++];
      if (b64Value(c)) continue;
      if (nl(c)) {
        j--;
        continue;
      }
      if (c !== 0x3d || j < 2) return si - 1;
      if (j === 2) {
        while (si < src.length && nl(src[si])) si++;
        if (si === src.length) return src.length;
        if (src[si] !== 0x3d) return si - 1;
        si++;
      }
      while (si < src.length && nl(src[si])) si++;
      return si < src.length ? si : -1;
    }
  }
}

function typeError(where: string, goType: string, what: string): string {
  return `json: cannot unmarshal ${what} into ${where} of type ${goType}`;
}

/**
 * The Go type and JSON value an UnmarshalJSON method fails on, as `[type, value]`:
 * metav1.Time and MicroTime decode a string, IntOrString a string or an int32, each with
 * encoding/json. Their error stops decoding, and the decoder then names the field it was in.
 */
function unmarshalerError(n: GoNode, v: unknown): [string, string] | undefined {
  if (typeof v === "string" || v == null) return undefined;
  if (n.kind === TIME) return ["string", jsonKind(v)];
  if (typeof v === "number") return inRange(v, "int32") ? undefined : ["int32", `number ${v}`];
  return ["int32", jsonKind(v)];
}

function compileCheck(n: GoNode): Check {
  const { where, goType } = n;
  const fail = (v: unknown, st: DecodeState) => {
    st.saved ??= typeError(where, goType, jsonKind(v));
  };
  switch (n.kind) {
    case STRING:
      return (v, st) => {
        if (typeof v !== "string" && v != null) fail(v, st);
      };
    case BOOL:
      return (v, st) => {
        if (typeof v !== "boolean" && v != null) fail(v, st);
      };
    case FLOAT:
      return (v, st) => {
        if (typeof v !== "number" && v != null) fail(v, st);
      };
    case INT:
      return (v, st) => {
        if (typeof v === "number") {
          if (!inRange(v, goType)) st.saved ??= typeError(where, goType, `number ${v}`);
        } else if (v != null) fail(v, st);
      };
    case BYTES:
      return (v, st) => {
        if (typeof v === "string") {
          const at = base64ErrorAt(v);
          if (at >= 0) st.saved ??= `illegal base64 data at input byte ${at}`;
        } else if (v != null) fail(v, st);
      };
    case TIME:
    case INT_OR_STRING:
      return (v) => {
        const err = unmarshalerError(n, v);
        if (err !== undefined) throw new DecodeAbort(typeError(where, err[0], err[1]));
      };
    case MAP: {
      const elem = n.elem!;
      if (elem.kind === STRING) {
        const elemWhere = elem.where;
        const elemType = elem.goType;
        return (v, st) => {
          if (v == null) return;
          if (!isRecord(v)) return fail(v, st);
          for (const k in v) {
            const x = v[k];
            if (typeof x !== "string" && x != null) {
              st.saved ??= typeError(elemWhere, elemType, jsonKind(x));
            }
          }
        };
      }
      const check = elem.check;
      return (v, st) => {
        if (v == null) return;
        if (!isRecord(v)) return fail(v, st);
        for (const k in v) check(v[k], st);
      };
    }
    case SLICE: {
      const check = n.elem!.check;
      return (v, st) => {
        if (v == null) return;
        if (!Array.isArray(v)) return fail(v, st);
        for (let i = 0; i < v.length; i++) check(v[i], st);
      };
    }
    case STRUCT: {
      const checks = new Map<string, Check>();
      for (const [k, f] of n.fields!) if (f.kind !== ANY) checks.set(k, f.check);
      return (v, st) => {
        if (v == null) return;
        if (!isRecord(v)) return fail(v, st);
        for (const k in v) {
          const c = checks.get(k);
          if (c !== undefined) c(v[k], st);
        }
      };
    }
    default:
      return () => {};
  }
}

function node(kind: number, goType: string, where: string, elem?: GoNode): GoNode {
  const n: GoNode = { kind, goType, where, elem, fields: undefined, check: () => {} };
  n.check = compileCheck(n);
  return n;
}

/** The bare struct name Go prints as `UnmarshalTypeError.Struct`: `v1.PolicyRule` → `PolicyRule`. */
function bareName(goType: string): string {
  return goType.slice(goType.lastIndexOf(".") + 1);
}

function compileStruct(
  goType: string,
  schema: JSONSchemaProps,
  where: string,
  path: readonly string[],
  decl: readonly string[] = GO_STRUCTS[goType],
): GoNode {
  const props = schema.properties ?? {};
  const n: GoNode = {
    kind: STRUCT,
    goType,
    where,
    elem: undefined,
    fields: new Map(),
    check: () => {},
  };
  const struct = bareName(goType);
  for (const entry of decl) {
    const [name, fieldType] = entry.split(" ");
    const s = props[name];
    if (!s) throw new Error(`Cannot compile ${goType}: the schema has no field "${name}"`);
    const fieldPath = [...path, name];
    const fieldWhere = `Go struct field ${struct}.${fieldPath.join(".")}`;
    // TypeMeta is read before the body is decoded; its fields are not checked here.
    const typeMeta = path.length === 0 && (name === "kind" || name === "apiVersion");
    n.fields!.set(
      name,
      typeMeta
        ? node(ANY, "string", fieldWhere)
        : compileValue(s, fieldType, fieldWhere, fieldPath),
    );
  }
  for (const name of Object.keys(props)) {
    if (!n.fields!.has(name)) {
      throw new Error(`Cannot compile ${goType}: field "${name}" is not declared in Go`);
    }
  }
  n.check = compileCheck(n);
  return n;
}

/**
 * Compiles the Go type of a value: `goType` names structs and named types; everything else
 * follows from the schema.
 */
function compileValue(
  s: JSONSchemaProps,
  goType: string | undefined,
  where: string,
  path: readonly string[],
): GoNode {
  if (goType && GO_STRUCTS[goType]) return compileStruct(goType, s, where, path);
  if (s["x-kubernetes-int-or-string"] === true) {
    return node(INT_OR_STRING, "intstr.IntOrString", where);
  }
  switch (s.type) {
    case "array": {
      const elem = compileValue(
        s.items as JSONSchemaProps,
        goType?.startsWith("[]") ? goType.slice(2) : undefined,
        where,
        path,
      );
      return node(SLICE, `[]${elem.goType}`, where, elem);
    }
    case "object": {
      const ap = s.additionalProperties;
      if (typeof ap === "object" && !s.properties) {
        const elem = compileValue(ap, undefined, where, path);
        return node(MAP, `map[string]${elem.goType}`, where, elem);
      }
      if (s["x-kubernetes-preserve-unknown-fields"] === true && !s.properties) {
        return node(ANY, "interface {}", where);
      }
      throw new Error(`Cannot compile ${where}: an object schema needs a Go struct name`);
    }
    case "string":
      if (s.format === "byte") return node(BYTES, "[]uint8", where);
      if (s.format === "date-time") return node(TIME, "v1.Time", where);
      return node(STRING, goType ?? "string", where);
    case "integer":
      return node(INT, s.format === "int32" ? "int32" : "int64", where);
    case "number":
      return node(FLOAT, "float64", where);
    case "boolean":
      return node(BOOL, "bool", where);
    default:
      return node(ANY, "interface {}", where);
  }
}

/**
 * Compiles the Go type of a kind from its schema and Go struct name.
 *
 * @param goType The kind's Go struct, e.g. `v1.ConfigMap`; `v1.ObjectMeta` alone models how
 *   custom resources decode their metadata (as its own root).
 * @param schema The kind's OpenAPI schema.
 * @param decl The struct's fields as `GO_STRUCTS` lists them, for a struct not listed there.
 * @returns The compiled root.
 */
export function compileGoType(
  goType: string,
  schema: JSONSchemaProps,
  decl?: readonly string[],
): GoNode {
  return compileStruct(goType, schema, "Go value", [], decl);
}

const STATE: DecodeState = { saved: undefined };

/**
 * The error sigs.k8s.io/json gives decoding `v` into the type of `n`, or `undefined`.
 *
 * @param n The compiled type.
 * @param v The JSON value.
 * @returns The error message.
 */
export function decodeTypeError(n: GoNode, v: unknown): string | undefined {
  // One state for every check: checks are synchronous, and it saves an allocation per call.
  const st = STATE;
  st.saved = undefined;
  try {
    n.check(v, st);
  } catch (e) {
    if (e instanceof DecodeAbort) return e.message;
    throw e;
  }
  return st.saved;
}

/** Go's `reflect.Kind` of the value the unstructured converter holds for a JSON value. */
function reflectKind(v: unknown): string {
  switch (typeof v) {
    case "string":
      return "string";
    case "number":
      return Number.isInteger(v) ? "int64" : "float64";
    case "boolean":
      return "bool";
    default:
      return Array.isArray(v) ? "slice" : "map";
  }
}

/**
 * The error apimachinery's `DefaultUnstructuredConverter.FromUnstructured` gives converting
 * `v` into the type of `n` (the strategic merge patch path), or `undefined`.
 *
 * @param n The compiled type.
 * @param v The JSON value.
 * @returns The error message.
 */
export function convertTypeError(n: GoNode, v: unknown): string | undefined {
  if (v == null) return undefined;
  const k = reflectKind(v);
  switch (n.kind) {
    case STRING:
      if (k === "string") return undefined;
      // Go converts integers to strings (as runes), which the converter refuses by name.
      return k === "int64" ? `cannot convert int64 to ${n.goType}` : "unrecognized type: string";
    case BOOL:
      return k === "bool" ? undefined : "unrecognized type: bool";
    case INT:
      if (k === "int64") return undefined;
      return k === "float64"
        ? `cannot convert float64 to ${n.goType}`
        : `unrecognized type: ${n.goType}`;
    case FLOAT:
      return k === "int64" || k === "float64" ? undefined : "unrecognized type: float64";
    case TIME:
    case INT_OR_STRING: {
      // Types with UnmarshalJSON convert through JSON, whose error names no field here.
      const err = unmarshalerError(n, v);
      return err && typeError("Go value", err[0], err[1]);
    }
    case BYTES:
      if (k === "string") {
        const at = base64ErrorAt(v as string);
        return at < 0
          ? undefined
          : `error decoding from json: illegal base64 data at input byte ${at}`;
      }
      if (k !== "slice") return `cannot restore slice from ${k}`;
      for (const x of v as unknown[]) {
        const e = convertTypeError(node(INT, "uint8", n.where), x);
        if (e) return e;
      }
      return undefined;
    case MAP: {
      if (k !== "map") return `cannot restore map from ${k}`;
      const r = v as Record<string, unknown>;
      for (const key in r) {
        const e = convertTypeError(n.elem!, r[key]);
        if (e) return e;
      }
      return undefined;
    }
    case SLICE: {
      if (k !== "slice") return `cannot restore slice from ${k}`;
      for (const x of v as unknown[]) {
        const e = convertTypeError(n.elem!, x);
        if (e) return e;
      }
      return undefined;
    }
    case STRUCT: {
      if (k !== "map") return `cannot restore struct from: ${k}`;
      const r = v as Record<string, unknown>;
      for (const [key, f] of n.fields!) {
        if (!Object.hasOwn(r, key)) continue;
        const e = convertTypeError(f, r[key]);
        if (e) return e;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

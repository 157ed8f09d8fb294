// Copyright 2026 the k1s authors. Apache-2.0 license.
// CEL types for the checker, and the mapping from schema nodes to CEL types that apiserver's
// `SchemaDeclType` defines (objects with properties become object types with named fields,
// additionalProperties maps, int-or-string is dyn, formats byte/duration/date(-time) map to
// bytes/duration/timestamp, and nodes without a type are hidden).
import type { Node } from "../_node.ts";

/** A CEL type as the checker sees it. */
export type CelType =
  | { kind: "int" }
  | { kind: "uint" }
  | { kind: "double" }
  | { kind: "bool" }
  | { kind: "string" }
  | { kind: "bytes" }
  | { kind: "null" }
  | { kind: "dyn" }
  | { kind: "error" }
  | { kind: "duration" }
  | { kind: "timestamp" }
  | { kind: "list"; elem: CelType }
  | { kind: "map"; key: CelType; value: CelType }
  | { kind: "object"; name: string; fields: Map<string, Field> }
  | { kind: "type"; of: CelType }
  | { kind: "opt"; elem: CelType }
  | { kind: "opaque"; name: string }
  | { kind: "param"; name: string };

/** A field of an object type. */
export interface Field {
  /** The schema property name (unescaped). */
  prop: string;
  type: CelType;
  node?: Node;
}

export const INT: CelType = { kind: "int" };
export const UINT: CelType = { kind: "uint" };
export const DOUBLE: CelType = { kind: "double" };
export const BOOL: CelType = { kind: "bool" };
export const STRING: CelType = { kind: "string" };
export const BYTES: CelType = { kind: "bytes" };
export const NULL: CelType = { kind: "null" };
export const DYN: CelType = { kind: "dyn" };
export const ERROR: CelType = { kind: "error" };
export const DURATION: CelType = { kind: "duration" };
export const TIMESTAMP: CelType = { kind: "timestamp" };

/** Kubernetes' library types, named as cel-go prints them. */
export const QUANTITY: CelType = { kind: "opaque", name: "kubernetes.Quantity" };
export const URL: CelType = { kind: "opaque", name: "kubernetes.URL" };
export const IP: CelType = { kind: "opaque", name: "net.IP" };
export const CIDR: CelType = { kind: "opaque", name: "net.CIDR" };

/** `optional_type(elem)`. */
export function opt(elem: CelType): CelType {
  return { kind: "opt", elem };
}

/** `list(elem)`. */
export function list(elem: CelType): CelType {
  return { kind: "list", elem };
}

/** `map(key, value)`. */
export function map(key: CelType, value: CelType): CelType {
  return { kind: "map", key, value };
}

/** A type parameter. */
export function param(name: string): CelType {
  return { kind: "param", name };
}

/** The CEL name of a type, as cel-go prints it in checker errors. */
export function typeName(t: CelType): string {
  switch (t.kind) {
    case "null":
      return "null_type";
    case "duration":
      return "google.protobuf.Duration";
    case "timestamp":
      return "google.protobuf.Timestamp";
    case "list":
      return `list(${typeName(t.elem)})`;
    case "map":
      return `map(${typeName(t.key)}, ${typeName(t.value)})`;
    case "object":
      return t.name;
    case "type":
      return `type(${typeName(t.of)})`;
    case "opt":
      return `optional_type(${typeName(t.elem)})`;
    case "param":
    case "opaque":
      return t.name;
    case "error":
      return "*error*";
    default:
      return t.kind;
  }
}

const RESERVED = new Set([
  "true",
  "false",
  "null",
  "in",
  "as",
  "break",
  "const",
  "continue",
  "else",
  "for",
  "function",
  "if",
  "import",
  "let",
  "loop",
  "package",
  "namespace",
  "return",
  "var",
  "void",
  "while",
]);

/**
 * apiserver's `cel.Escape`: a property name as a CEL identifier (`foo-bar` is `foo__dash__bar`),
 * or `undefined` when the name cannot be expressed (it is then hidden from rules).
 */
export function escapeName(name: string): string | undefined {
  if (name.length === 0 || (name[0] >= "0" && name[0] <= "9")) return undefined;
  if (RESERVED.has(name)) return `__${name}__`;
  let ok = true;
  const out = name.replace(/(__|[-./]|[^a-zA-Z0-9\-./_])/g, (s) => {
    switch (s) {
      case "__":
        return "__underscores__";
      case ".":
        return "__dot__";
      case "-":
        return "__dash__";
      case "/":
        return "__slash__";
      default:
        ok = false;
        return "";
    }
  });
  return ok ? out : undefined;
}

const META_STRING: Field = { prop: "", type: STRING };

/**
 * The CEL type of a node (`SchemaDeclType`), or `undefined` when the node is not visible to
 * rules. `resourceRoot` adds apiVersion, kind and metadata.name/generateName.
 */
export function declType(n: Node, resourceRoot: boolean, name = "object"): CelType | undefined {
  if (n.intOrString) return DYN;
  switch (n.type) {
    case "array": {
      if (!n.items) return undefined;
      const elem = declType(n.items, n.items.embedded, `${name}.@idx`);
      return elem ? list(elem) : undefined;
    }
    case "object": {
      if (typeof n.additional === "object") {
        const v = declType(n.additional, n.additional.embedded, `${name}.@elem`);
        return v ? map(STRING, v) : undefined;
      }
      const fields = new Map<string, Field>();
      if (n.properties) {
        for (const [prop, p] of n.properties) {
          const esc = escapeName(prop);
          if (esc === undefined) continue;
          const t = declType(p, p.embedded, `${name}.${esc}`);
          if (t) fields.set(esc, { prop, type: t, node: p });
        }
      }
      if (resourceRoot) addTypeAndObjectMeta(fields, name);
      return { kind: "object", name, fields };
    }
    case "string":
      switch (n.s.format) {
        case "byte":
          return BYTES;
        case "duration":
          return DURATION;
        case "date":
        case "date-time":
          return TIMESTAMP;
      }
      return STRING;
    case "boolean":
      return BOOL;
    case "number":
      return DOUBLE;
    case "integer":
      return INT;
  }
  return undefined;
}

function addTypeAndObjectMeta(fields: Map<string, Field>, name: string): void {
  const kind = fields.get("kind");
  const apiVersion = fields.get("apiVersion");
  const metadata = fields.get("metadata");
  const metaFields = metadata?.type.kind === "object" ? metadata.type.fields : undefined;
  if (
    kind?.type.kind === "string" && apiVersion?.type.kind === "string" &&
    metaFields?.get("name")?.type.kind === "string" &&
    metaFields?.get("generateName")?.type.kind === "string"
  ) {
    return;
  }
  fields.set("kind", { ...META_STRING, prop: "kind" });
  fields.set("apiVersion", { ...META_STRING, prop: "apiVersion" });
  fields.set("metadata", {
    prop: "metadata",
    type: {
      kind: "object",
      name: `${name}.metadata`,
      fields: new Map([
        ["name", { ...META_STRING, prop: "name" }],
        ["generateName", { ...META_STRING, prop: "generateName" }],
      ]),
    },
  });
}

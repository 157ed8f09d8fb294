// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `explain` output in kubectl's plaintext format (explain v2, the OpenAPI v3 template):
 * GROUP/KIND/VERSION header, `FIELD:` and `ENUM:` for a field path, `DESCRIPTION:` wrapped
 * at 76 columns, and `FIELDS:` with `<type>` and `-required-`, or the whole tree with
 * `--recursive`.
 *
 * @module
 */
import type { JSONSchemaProps } from "@k1s/core";
import { wrapString } from "./word_wrap.ts";

/** A named type for a schema node (kubectl shows OpenAPI `$ref` names, e.g. `ObjectMeta`). */
export interface NamedType {
  /** The name shown as the type, e.g. `ObjectMeta`. */
  name: string;
  /** The type's own description, shown after the field's. */
  description?: string;
}

/** What to explain. */
export interface ExplainOptions {
  /** API group (`""` for core; the GROUP line is printed otherwise). */
  group: string;
  /** Version. */
  version: string;
  /** Kind. */
  kind: string;
  /** Field path below the kind, e.g. `["spec", "containers"]`. */
  fieldPath?: readonly string[];
  /** `--recursive`: the field tree without descriptions. */
  recursive?: boolean;
  /** Names for schema nodes (by identity), as kubectl shows `$ref` types. */
  namedTypes?: ReadonlyMap<JSONSchemaProps, NamedType>;
}

/**
 * A field path that does not exist. `output` holds what kubectl prints to stdout before
 * failing (the header).
 */
export class ExplainFieldError extends Error {
  /** The stdout text printed before the error. */
  readonly output: string;

  /**
   * Creates an instance.
   *
   * @param field The missing field.
   * @param output The header already printed.
   */
  constructor(field: string, output: string) {
    super(`field "${field}" does not exist`);
    this.name = "ExplainFieldError";
    this.output = output;
  }
}

const WIDTH = 76;

/**
 * Renders kubectl's explain text for a kind's schema.
 *
 * @param schema The kind's OpenAPI v3 schema.
 * @param options The kind, the field path and `recursive`.
 * @returns The text for stdout.
 * @throws {ExplainFieldError} `field "x" does not exist` when the path leaves the schema.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { renderExplain } from "./explain.ts";
 * const schema = {
 *   description: "Widget is a widget.",
 *   type: "object",
 *   required: ["spec"],
 *   properties: { spec: { type: "object", description: "Spec.", properties: { size: { type: "integer" } } } },
 * };
 * assertEquals(
 *   renderExplain(schema, { group: "example.com", version: "v1", kind: "Widget" }),
 *   "GROUP:      example.com\nKIND:       Widget\nVERSION:    v1\n\nDESCRIPTION:\n    Widget is a widget.\n    \nFIELDS:\n  spec\t<Object> -required-\n    Spec.\n\n\n",
 * );
 * ```
 */
export function renderExplain(schema: JSONSchemaProps, options: ExplainOptions): string {
  const named = options.namedTypes ?? new Map<JSONSchemaProps, NamedType>();
  let out = options.group ? `GROUP:      ${options.group}\n` : "";
  out += `KIND:       ${options.kind}\nVERSION:    ${options.version}\n\n`;
  let node = schema;
  const path = options.fieldPath ?? [];
  for (const seg of path) {
    const container = element(node);
    const next = container.properties?.[seg];
    if (!next) throw new ExplainFieldError(seg, out);
    node = next;
  }
  const descriptions: string[] = [];
  if (path.length > 0) {
    out += `FIELD: ${path[path.length - 1]} <${typeName(node, named)}>\n`;
    if (node.enum && node.enum.length > 0) {
      out += `ENUM:\n${node.enum.map((v) => `    ${enumText(v)}\n`).join("")}\n`;
    } else {
      out += "\n\n";
    }
  }
  if (node.description) descriptions.push(node.description);
  // A named type's own description follows (for a list, its items' type).
  const ref = named.get(node) ?? named.get(element(node));
  if (ref?.description) descriptions.push(ref.description);
  out += "DESCRIPTION:\n";
  out += descriptions.length > 0
    ? descriptions.map((d) => indent(wrapString(d.trim(), WIDTH), 4) + "\n").join("") + "    \n"
    : "    <empty>\n";
  const fields = element(node);
  if (fields.properties && Object.keys(fields.properties).length > 0) {
    out += "FIELDS:\n";
    out += options.recursive ? fieldTree(fields, 0, named, new Set()) : fieldList(fields, named);
  }
  return out + "\n";
}

// The schema whose fields a node shows: array items and map values are looked through.
function element(s: JSONSchemaProps): JSONSchemaProps {
  let cur = s;
  for (let i = 0; i < 16; i++) {
    if (cur.type === "array" && cur.items) cur = cur.items;
    else if (!cur.properties && typeof cur.additionalProperties === "object") {
      cur = cur.additionalProperties;
    } else break;
  }
  return cur;
}

/**
 * The type kubectl shows for a schema node: `string`, `integer`, `[]string`,
 * `map[string]string`, `Object`, or a named type.
 *
 * @param s The schema.
 * @param named Named types by identity.
 * @returns The type text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { typeName } from "./explain.ts";
 * assertEquals(typeName({ type: "object", additionalProperties: { type: "array", items: { type: "string" } } }), "map[string][]string");
 * ```
 */
export function typeName(
  s: JSONSchemaProps,
  named: ReadonlyMap<JSONSchemaProps, NamedType> = new Map(),
): string {
  const ref = named.get(s);
  if (ref) return ref.name;
  if (s.type === "array") return `[]${s.items ? typeName(s.items, named) : "Object"}`;
  if (s.type === "object" || (!s.type && (s.properties || s.additionalProperties))) {
    if (!s.properties && typeof s.additionalProperties === "object") {
      return `map[string]${typeName(s.additionalProperties, named)}`;
    }
    return "Object";
  }
  return s.type ?? "Object";
}

function enumText(v: unknown): string {
  if (v === "") return '""';
  return typeof v === "string" ? v : JSON.stringify(v);
}

function enumLine(values: unknown[], level: number): string {
  const shown = values.slice(0, 4).map(enumText).join(", ");
  return `${"  ".repeat(level + 1)}enum: ${shown}${values.length > 4 ? ", ...." : ""}\n`;
}

function fieldHeader(
  name: string,
  s: JSONSchemaProps,
  required: boolean,
  level: number,
  named: ReadonlyMap<JSONSchemaProps, NamedType>,
): string {
  let line = `${"  ".repeat(level + 1)}${name}\t<${typeName(s, named)}>${
    required ? " -required-" : ""
  }\n`;
  if (s.enum && s.enum.length > 0) line += enumLine(s.enum, level);
  return line;
}

function fieldList(s: JSONSchemaProps, named: ReadonlyMap<JSONSchemaProps, NamedType>): string {
  const req = new Set(s.required ?? []);
  return Object.keys(s.properties ?? {}).sort().map((name) => {
    const p = s.properties![name];
    const desc = p.description
      ? indent(wrapString(p.description.trim(), WIDTH), 4)
      : "    <no description>";
    return fieldHeader(name, p, req.has(name), 0, named) + desc + "\n\n";
  }).join("");
}

function fieldTree(
  s: JSONSchemaProps,
  level: number,
  named: ReadonlyMap<JSONSchemaProps, NamedType>,
  visiting: Set<JSONSchemaProps>,
): string {
  const req = new Set(s.required ?? []);
  let out = "";
  for (const name of Object.keys(s.properties ?? {}).sort()) {
    const p = s.properties![name];
    out += fieldHeader(name, p, req.has(name), level, named);
    const inner = element(p);
    if (inner.properties && !visiting.has(inner)) {
      visiting.add(inner);
      out += fieldTree(inner, level + 1, named, visiting);
      visiting.delete(inner);
    }
  }
  return out;
}

function indent(text: string, n: number): string {
  const pad = " ".repeat(n);
  return text.split("\n").map((l) => pad + l).join("\n");
}

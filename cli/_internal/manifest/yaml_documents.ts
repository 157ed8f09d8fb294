// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * YAML manifests read as kubectl reads them: the stream is split on `---` lines
 * (apimachinery's `YAMLReader`), and each document becomes JSON with go-yaml v2's YAML 1.1
 * rules (`yes`/`on` are booleans, `012` is octal, timestamps stay strings, `<<` merges, a
 * duplicate key keeps the last value). The `yaml` npm package parses; it is loaded lazily,
 * only when a YAML document is actually read.
 *
 * @module
 */

/** A YAML document of a stream: its text and the 1-based line it starts on. */
export interface YamlChunk {
  /** The document's text. */
  text: string;
  /** The line of the stream the document starts on. */
  line: number;
}

/** A YAML error, worded as go-yaml words it where the two libraries agree on the cause. */
export class YamlSyntaxError extends Error {
  /**
   * Creates an instance.
   *
   * @param message The text after `error converting YAML to JSON: `, or the separator error.
   */
  constructor(message: string) {
    super(message);
    this.name = "YamlSyntaxError";
  }
}

/**
 * Splits a YAML stream on `---` separator lines as apimachinery's `YAMLReader` does: a
 * separator may only be followed by spaces or a comment.
 *
 * @param text The stream.
 * @returns The documents (possibly empty ones).
 * @throws {YamlSyntaxError} `invalid Yaml document separator: <rest>`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { splitYamlDocuments } from "./yaml_documents.ts";
 * assertEquals(splitYamlDocuments("a: 1\n---\nb: 2\n"), [{ text: "a: 1\n", line: 1 }, { text: "b: 2\n", line: 3 }]);
 * ```
 */
export function splitYamlDocuments(text: string): YamlChunk[] {
  const out: YamlChunk[] = [];
  let buffer = "";
  let start = 1;
  let lineNo = 0;
  for (const line of text.split(/(?<=\n)/)) {
    lineNo++;
    if (line.startsWith("---")) {
      const rest = line.slice(3).trim();
      if (rest.length > 0 && rest[0] !== "#") {
        throw new YamlSyntaxError(`invalid Yaml document separator: ${rest}`);
      }
      if (buffer.length > 0) out.push({ text: buffer, line: start });
      buffer = "";
      start = lineNo + 1;
      continue;
    }
    if (buffer.length === 0) start = lineNo;
    buffer += line;
  }
  if (buffer.length > 0) out.push({ text: buffer, line: start });
  return out;
}

type YamlModule = typeof import("yaml");
let yamlModule: Promise<YamlModule> | undefined;

function loadYaml(): Promise<YamlModule> {
  // Bundled, the CommonJS package is exposed as a default export only.
  return yamlModule ??= import("yaml").then((
    m,
  ) => (typeof m.parseDocument === "function"
    ? m
    : (m as unknown as { default: YamlModule }).default)
  );
}

/**
 * Converts one YAML document to JSON as `sigs.k8s.io/yaml.YAMLToJSON` (go-yaml v2) does.
 *
 * @param text The document.
 * @returns The value; `null` for an empty document.
 * @throws {YamlSyntaxError} With go-yaml's wording for the common mistakes
 *   (`yaml: line 5: mapping values are not allowed in this context`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { yamlToJson } from "./yaml_documents.ts";
 * assertEquals(await yamlToJson("on: yes\nnum: 012\nt: 2026-01-01\n"), { true: true, num: 10, t: "2026-01-01" });
 * ```
 */
export async function yamlToJson(text: string): Promise<unknown> {
  const yaml = await loadYaml();
  const doc = yaml.parseDocument(text, { schema: "failsafe", uniqueKeys: false, strict: false });
  if (doc.errors.length > 0) throw new YamlSyntaxError(goYamlMessage(doc.errors[0], text));
  const seen = new Set<unknown>();
  const convert = (node: unknown): unknown => {
    if (node === null || node === undefined) return null;
    if (yaml.isAlias(node)) {
      const target = node.resolve(doc);
      if (!target) throw new YamlSyntaxError(`yaml: unknown anchor '${node.source}' referenced`);
      if (seen.has(target)) throw new YamlSyntaxError("yaml: anchor cycle");
      seen.add(target);
      try {
        return convert(target);
      } finally {
        seen.delete(target);
      }
    }
    if (yaml.isScalar(node)) return scalarValue(node.value, node.type, node.tag);
    if (yaml.isSeq(node)) return node.items.map(convert);
    if (yaml.isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = pair.key as { type?: string; value?: unknown } | null;
        if (yaml.isScalar(key) && key.value === "<<" && key.type === "PLAIN") {
          const merged = convert(pair.value);
          for (const m of Array.isArray(merged) ? merged : [merged]) {
            if (m && typeof m === "object" && !Array.isArray(m)) Object.assign(out, m);
          }
          continue;
        }
        out[jsonKey(convert(key))] = convert(pair.value);
      }
      return out;
    }
    return null;
  };
  return convert(doc.contents);
}

function jsonKey(k: unknown): string {
  if (typeof k === "string") return k;
  if (typeof k === "number") {
    if (Number.isInteger(k)) return String(k);
    return String(Math.fround(k));
  }
  if (typeof k === "boolean") return k ? "true" : "false";
  if (k === null) return "null";
  throw new YamlSyntaxError(`unsupported map key: ${JSON.stringify(k)}`);
}

const TAG = "tag:yaml.org,2002:";

function scalarValue(value: unknown, type: string | undefined, tag: string | undefined): unknown {
  const s = String(value ?? "");
  if (tag && tag !== "!") {
    const t = tag.startsWith(TAG) ? tag.slice(TAG.length) : tag;
    if (t === "str") return s;
    const v = resolvePlain(s);
    const kind = v === null
      ? "null"
      : typeof v === "boolean"
      ? "bool"
      : typeof v === "number"
      ? (Number.isInteger(v) && !/[.eE]/.test(s) ? "int" : "float")
      : "str";
    if (t === "int" || t === "float" || t === "bool" || t === "null") {
      if (kind === t || (t === "float" && kind === "int")) return v;
      throw new YamlSyntaxError(`yaml: cannot decode !!str \`${s}\` as a !!${t}`);
    }
    return s;
  }
  if (type !== "PLAIN") return s;
  return resolvePlain(s);
}

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

// go-yaml v2's resolve() for untagged plain scalars, as JSON values.
function resolvePlain(s: string): unknown {
  switch (s) {
    case "":
    case "~":
    case "null":
    case "Null":
    case "NULL":
      return null;
    case "y":
    case "Y":
    case "yes":
    case "Yes":
    case "YES":
    case "true":
    case "True":
    case "TRUE":
    case "on":
    case "On":
    case "ON":
      return true;
    case "n":
    case "N":
    case "no":
    case "No":
    case "NO":
    case "false":
    case "False":
    case "FALSE":
    case "off":
    case "Off":
    case "OFF":
      return false;
  } // deno-fmt-ignore
  const c = s[0];
  if (c === ".") {
    if (/^\.(inf|Inf|INF)$/.test(s)) return Infinity;
    if (/^\.(nan|NaN|NAN)$/.test(s)) return NaN;
    return /^\.\d+([eE][-+]?\d+)?$/.test(s) ? Number(s) : s;
  }
  if (c === "+" || c === "-" || (c >= "0" && c <= "9")) {
    if (/^[-+]\.(inf|Inf|INF)$/.test(s)) return c === "-" ? -Infinity : Infinity;
    // Timestamps stay strings when decoded into interface{}.
    const plain = s.replaceAll("_", "");
    const int = goParseInt(plain);
    if (int !== undefined) return int;
    if (YAML_FLOAT.test(plain)) return Number(plain);
    const bin = /^(-?)0b([01]+)$/.exec(plain);
    if (bin) return Number((bin[1] === "-" ? -1n : 1n) * BigInt("0b" + bin[2]));
  }
  return s;
}

function goParseInt(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  let body = m[2];
  let prefix = "";
  if (/^0[xXbBoO]/.test(body)) [prefix, body] = ["0" + body[1].toLowerCase(), body.slice(2)];
  else if (body.length > 1 && body[0] === "0") [prefix, body] = ["0o", body.slice(1)];
  const v = BigInt(prefix + body) * (m[1] === "-" ? -1n : 1n);
  if (v < -(2n ** 63n) || v > 2n ** 64n - 1n) return undefined;
  return Number(v);
}

interface YamlLibError {
  code: string;
  message: string;
  linePos?: [{ line: number; col: number }, ...{ line: number; col: number }[]];
  pos: [number, number];
}

// Translate the `yaml` package's error into go-yaml's wording for the common mistakes.
function goYamlMessage(e: YamlLibError, text: string): string {
  const line = e.linePos?.[0].line ?? 1;
  const first = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  const at = (n: number, msg: string) => `yaml: line ${n}: ${msg}`;
  // go-yaml reports scanner errors with a 1-based line, but none on the first line.
  const scanner = (n: number, msg: string) => (n <= 1 ? `yaml: ${msg}` : at(n, msg));
  if (e.code === "TAB_AS_INDENT") {
    // go-yaml only blames the tab when it could continue a plain scalar from the line before
    // (`a: 1` then `\tb: 2`); where a token must start (`metadata:` then `\tname: x`) a tab
    // cannot start one.
    return scanner(
      line,
      inPlainScalar(text, line)
        ? "found a tab character that violates indentation"
        : "found character that cannot start any token",
    );
  }
  // go-yaml's parser errors name the 0-based line of the token it could not use (none on the
  // first line): the end of the stream for an unclosed flow collection.
  const parser = (pos: number, msg: string) => {
    const n = text.slice(0, pos).split("\n").length - 1;
    return n > 0 ? `yaml: line ${n}: ${msg}` : `yaml: ${msg}`;
  };
  const flow = /^Flow (sequence|map) in block collection/.exec(first);
  if (e.code === "BAD_INDENT" && flow) {
    // The yaml package stops at the first line indented too little; go-yaml reads on, as
    // plain scalars continue over lines, to a `:` or closing bracket it cannot use, or the end
    // of the stream.
    const stop = /:(?=\s|$)|[\]}]/.exec(significant(text.slice(e.pos[0])));
    const at = stop ? e.pos[0] + stop.index : text.length;
    // After `[`, `{` or `,` a node must follow; after a node, a `,` or the closing bracket.
    return parser(
      at,
      /[[{,]\s*$/.test(significant(text.slice(0, at)))
        ? "did not find expected node content"
        : `did not find expected ',' or '${flow[1] === "sequence" ? "]" : "}"}'`,
    );
  }
  const stray = /^Unexpected (flow-seq-end token|flow-map-end token|, in flow)/.exec(first);
  if (e.code === "UNEXPECTED_TOKEN" && stray) {
    // A closing bracket after a whole flow collection is where a block collection wants its
    // next key or `-`; anywhere else a node was wanted.
    const before = significant(text.slice(0, e.pos[0])).trimEnd();
    if (stray[1] !== ", in flow" && /[\]}]$/.test(before)) {
      const lineStart = before.lastIndexOf("\n") + 1;
      return parser(
        e.pos[0],
        /^\s*- /.test(before.slice(lineStart))
          ? "did not find expected '-' indicator"
          : "did not find expected key",
      );
    }
    return parser(e.pos[0], "did not find expected node content");
  }
  if (e.code === "MISSING_CHAR" && first.startsWith("Missing closing")) {
    return scanner(line, "found unexpected end of stream");
  }
  if (e.code === "BLOCK_AS_IMPLICIT_KEY" || e.code === "MULTILINE_IMPLICIT_KEY") {
    // go-yaml stops at the `:` that follows the would-be key.
    const colon = text.indexOf(":", e.pos[0]);
    const colonLine = text.slice(0, colon < 0 ? e.pos[0] : colon).split("\n").length;
    return scanner(colonLine, "mapping values are not allowed in this context");
  }
  if (e.code === "UNEXPECTED_TOKEN" && first.startsWith("Unexpected scalar at node end")) {
    return at(Math.max(1, line - 1), "did not find expected '-' indicator");
  }
  if (e.code === "BAD_INDENT" && first.startsWith("All mapping items")) {
    return at(Math.max(1, line - 1), "did not find expected key");
  }
  if (/reserved character/.test(first)) return "yaml: found character that cannot start any token";
  return at(line, first);
}

// The text with its comments blanked (a `#` after a space or at a line start, outside quoted
// scalars), keeping every offset.
function significant(text: string): string {
  let out = "";
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      out += c;
      // `\"` in a double-quoted scalar, `''` in a single-quoted one.
      if (quote === '"' && c === "\\" && i + 1 < text.length) out += text[++i];
      else if (c === quote && quote === "'" && text[i + 1] === "'") out += text[++i];
      else if (c === quote) quote = "";
      continue;
    }
    if (c === "#" && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? text.length : end;
      out += " ".repeat(stop - i);
      i = stop - 1;
      continue;
    }
    // A quote opens a scalar only where a scalar starts (not inside `it's`).
    if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(text[i - 1]))) quote = c;
    out += c;
  }
  return out;
}

// Whether the last content line before `line` (1-based) ends with a plain scalar value
// (`key: value`, `- value`, or a bare scalar), which a more indented line would continue.
function inPlainScalar(text: string, line: number): boolean {
  const lines = text.split("\n");
  for (let i = line - 2; i >= 0; i--) {
    const l = lines[i].replace(/(^|\s)#.*$/, "").trimEnd();
    if (!l.trim()) continue;
    // A comment ends a plain scalar.
    if (l !== lines[i].trimEnd()) return false;
    if (/^(?:-{3}|\.{3})/.test(l) || /(?::|(?:^|\s)[-?])$/.test(l) || /[|>][-+0-9]*$/.test(l)) {
      return false;
    }
    const value = /^\s*(?:- +)*(?:[^\s#'"][^:]*:\s+|"[^"]*":\s+|'[^']*':\s+)?(.*)$/.exec(l)![1];
    return value !== "" && !/^[[{&*!'"]/.test(value);
  }
  return false;
}

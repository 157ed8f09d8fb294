// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The parser of kubectl's JSONPath template dialect (client-go `util/jsonpath/parser.go`):
 * literal text with `{...}` actions holding fields, `[...]` selections, filters, `..`,
 * `range`/`end`, quoted text and numbers.
 *
 * @module
 */

/** A parsed template node. */
export type Node =
  | { type: "list"; nodes: Node[] }
  | { type: "text"; text: string }
  | { type: "field"; name: string }
  | { type: "identifier"; name: string }
  | { type: "array"; params: [ArrayParam, ArrayParam, ArrayParam] }
  | { type: "filter"; left: Node & { type: "list" }; right: Node & { type: "list" }; op: string }
  | { type: "int"; value: number }
  | { type: "float"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "wildcard" }
  | { type: "recursive" }
  | { type: "union"; lists: (Node & { type: "list" })[] };

/** One of the start, end and step of an array slice. */
export interface ArrayParam {
  /** The value (may be negative). */
  value: number;
  /** Whether the value was given. */
  known: boolean;
  /** Whether the end was derived from a single index (`[i]` means `[i:i+1]`). */
  derived: boolean;
}

/** A template that cannot be parsed; the message is worded as client-go words it. */
export class JSONPathParseError extends Error {
  /**
   * Creates an instance.
   *
   * @param message The reason, e.g. `unterminated array`.
   */
  constructor(message: string) {
    super(message);
    this.name = "JSONPathParseError";
  }
}

const EOF = "";
const DICT_KEY = /^'([^']*)'$/;
const SLICE = /^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/;

/**
 * Parses a JSONPath template.
 *
 * @param text The template, e.g. `{range .items[*]}{.metadata.name}{"\n"}{end}`.
 * @returns The root list: text nodes and one list per `{...}` action.
 * @throws {JSONPathParseError} On a malformed template.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseJSONPath } from "./parser.ts";
 * assertEquals(parseJSONPath("n={.a}").nodes, [
 *   { type: "text", text: "n=" },
 *   { type: "list", nodes: [{ type: "field", name: "a" }] },
 * ]);
 * ```
 */
export function parseJSONPath(text: string): Node & { type: "list" } {
  return new Parser(text).parse();
}

class Parser {
  #input: string;
  #pos = 0;
  #start = 0;
  #root: Node & { type: "list" } = { type: "list", nodes: [] };

  constructor(input: string) {
    this.#input = input;
  }

  parse(): Node & { type: "list" } {
    this.#parseText(this.#root);
    return this.#root;
  }

  #next(): string {
    if (this.#pos >= this.#input.length) return EOF;
    const cp = this.#input.codePointAt(this.#pos)!;
    const ch = String.fromCodePoint(cp);
    this.#pos += ch.length;
    return ch;
  }

  #backup(ch: string): void {
    this.#pos -= ch.length;
  }

  #peek(): string {
    if (this.#pos >= this.#input.length) return EOF;
    return String.fromCodePoint(this.#input.codePointAt(this.#pos)!);
  }

  #consume(): string {
    const s = this.#input.slice(this.#start, this.#pos);
    this.#start = this.#pos;
    return s;
  }

  #rest(): string {
    return this.#input.slice(this.#pos);
  }

  #parseText(cur: Node & { type: "list" }): void {
    for (;;) {
      if (this.#rest().startsWith("{")) {
        if (this.#pos > this.#start) cur.nodes.push({ type: "text", text: this.#consume() });
        return this.#parseLeftDelim(cur);
      }
      if (this.#next() === EOF) break;
    }
    if (this.#pos > this.#start) cur.nodes.push({ type: "text", text: this.#consume() });
  }

  #parseLeftDelim(cur: Node & { type: "list" }): void {
    this.#pos += 1;
    this.#consume();
    const list: Node & { type: "list" } = { type: "list", nodes: [] };
    cur.nodes.push(list);
    this.#parseInsideAction(list);
  }

  #parseInsideAction(cur: Node & { type: "list" }): void {
    for (;;) {
      const rest = this.#rest();
      if (rest.startsWith("}")) {
        this.#pos += 1;
        this.#consume();
        return this.#parseText(this.#root);
      }
      if (rest.startsWith("[?(")) return this.#parseFilter(cur);
      if (rest.startsWith("..")) return this.#parseRecursive(cur);
      const r = this.#next();
      if (r === EOF || r === "\r" || r === "\n") throw new JSONPathParseError("unclosed action");
      if (r === " ") {
        this.#consume();
        continue;
      }
      if (r === "@" || r === "$") {
        this.#consume();
        continue;
      }
      if (r === "[") return this.#parseArray(cur);
      if (r === '"' || r === "'") return this.#parseQuote(cur, r);
      if (r === ".") return this.#parseField(cur);
      if (r === "+" || r === "-" || isDigit(r)) {
        this.#backup(r);
        return this.#parseNumber(cur);
      }
      if (isAlphaNumeric(r)) {
        this.#backup(r);
        return this.#parseIdentifier(cur);
      }
      throw new JSONPathParseError(`unrecognized character in action: ${goRuneDebug(r)}`);
    }
  }

  #parseIdentifier(cur: Node & { type: "list" }): void {
    for (;;) {
      const r = this.#next();
      if (isTerminator(r)) {
        this.#backup(r);
        break;
      }
    }
    const value = this.#consume();
    if (value === "true" || value === "false") {
      cur.nodes.push({ type: "bool", value: value === "true" });
    } else cur.nodes.push({ type: "identifier", name: value });
    this.#parseInsideAction(cur);
  }

  #parseRecursive(cur: Node & { type: "list" }): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last?.type === "recursive") {
      throw new JSONPathParseError("invalid multiple recursive descent");
    }
    this.#pos += 2;
    this.#consume();
    cur.nodes.push({ type: "recursive" });
    if (isAlphaNumeric(this.#peek())) return this.#parseField(cur);
    this.#parseInsideAction(cur);
  }

  #parseNumber(cur: Node & { type: "list" }): void {
    const r = this.#peek();
    if (r === "+" || r === "-") this.#next();
    for (;;) {
      const c = this.#next();
      if (c !== "." && !isDigit(c)) {
        this.#backup(c);
        break;
      }
    }
    const value = this.#consume();
    if (/^[+-]?\d+$/.test(value)) {
      cur.nodes.push({ type: "int", value: Number(value) });
    } else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) {
      cur.nodes.push({ type: "float", value: Number(value) });
    } else {
      throw new JSONPathParseError(`cannot parse number ${value}`);
    }
    this.#parseInsideAction(cur);
  }

  #parseArray(cur: Node & { type: "list" }): void {
    for (;;) {
      const r = this.#next();
      if (r === EOF || r === "\n") throw new JSONPathParseError("unterminated array");
      if (r === "]") break;
    }
    let text = this.#consume();
    text = text.slice(1, -1);
    if (text === "*") text = ":";
    const parts = text.split(",");
    if (parts.length > 1) {
      const lists = parts.map((p) => parseAction(`[${p.trim()}]`));
      cur.nodes.push({ type: "union", lists });
      return this.#parseInsideAction(cur);
    }
    const dict = DICT_KEY.exec(text);
    if (dict) {
      cur.nodes.push(...parseAction(`.${dict[1]}`).nodes);
      return this.#parseInsideAction(cur);
    }
    const m = SLICE.exec(text);
    if (!m) throw new JSONPathParseError(`invalid array index ${text}`);
    const params: [ArrayParam, ArrayParam, ArrayParam] = [
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      let v = m[i + 1] ?? "";
      if (v !== "") {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === "") {
          params[i].known = false;
        } else {
          const n = Number(v);
          if (!/^-?\d+$/.test(v)) throw new JSONPathParseError(`array index ${v} is not a number`);
          params[i] = { value: n, known: true, derived: false };
        }
      } else if (i === 1) {
        params[i] = { value: params[0].value + 1, known: true, derived: true };
      }
    }
    cur.nodes.push({ type: "array", params });
    this.#parseInsideAction(cur);
  }

  #parseFilter(cur: Node & { type: "list" }): void {
    this.#pos += 3;
    this.#consume();
    let begin = false;
    let end = false;
    let pair = "";
    for (;;) {
      const r = this.#next();
      if (r === EOF || r === "\n") throw new JSONPathParseError("unterminated filter");
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.#input[this.#pos - 2] !== "\\" && r === pair) end = true;
      } else if (r === ")") {
        if (begin === end) break;
      }
    }
    if (this.#next() !== "]") throw new JSONPathParseError("unclosed array expect ]");
    let text = this.#consume();
    text = text.slice(0, -2);
    const m = FILTER.exec(text);
    if (!m) {
      cur.nodes.push({
        type: "filter",
        left: parseAction(text),
        right: { type: "list", nodes: [] },
        op: "exists",
      });
    } else {
      cur.nodes.push({
        type: "filter",
        left: parseAction(m[1]),
        right: parseAction(m[3]),
        op: m[2],
      });
    }
    this.#parseInsideAction(cur);
  }

  #parseQuote(cur: Node & { type: "list" }, end: string): void {
    for (;;) {
      const r = this.#next();
      if (r === EOF || r === "\n") throw new JSONPathParseError("unterminated quoted string");
      if (r === end && this.#input[this.#pos - 2] !== "\\") break;
    }
    const value = this.#consume();
    cur.nodes.push({ type: "text", text: unquoteExtend(value) });
    this.#parseInsideAction(cur);
  }

  #parseField(cur: Node & { type: "list" }): void {
    this.#consume();
    for (;;) {
      const r = this.#next();
      if (r === "\\") {
        this.#next();
        continue;
      }
      if (isTerminator(r)) {
        this.#backup(r);
        break;
      }
    }
    const value = this.#consume();
    if (value === "*") cur.nodes.push({ type: "wildcard" });
    else cur.nodes.push({ type: "field", name: value.replaceAll("\\", "") });
    this.#parseInsideAction(cur);
  }
}

function parseAction(text: string): Node & { type: "list" } {
  const root = parseJSONPath(`{${text}}`);
  return root.nodes[0] as Node & { type: "list" };
}

function isTerminator(r: string): boolean {
  return r === EOF || r === " " || r === "\t" || r === "\r" || r === "\n" || ".,[]$@{}".includes(r);
}

function isDigit(r: string): boolean {
  return r !== EOF && /^\p{Nd}$/u.test(r);
}

function isAlphaNumeric(r: string): boolean {
  return r === "_" || (r !== EOF && /^[\p{L}\p{Nd}]$/u.test(r));
}

function goRuneDebug(r: string): string {
  const cp = r.codePointAt(0)!;
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")} '${r}'`;
}

// client-go's UnquoteExtend: strconv.Unquote that also accepts multi-character '...' strings.
function unquoteExtend(s: string): string {
  if (s.length < 2) throw new JSONPathParseError(`unquote string ${s} error invalid syntax`);
  const quote = s[0];
  if (quote !== s[s.length - 1]) {
    throw new JSONPathParseError(`unquote string ${s} error invalid syntax`);
  }
  const body = s.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") {
      if (c === quote) throw new JSONPathParseError(`unquote string ${s} error invalid syntax`);
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = {
      a: "\x07",
      b: "\b",
      f: "\f",
      n: "\n",
      r: "\r",
      t: "\t",
      v: "\v",
      "\\": "\\",
      "'": "'",
      '"': '"',
    }; // deno-fmt-ignore
    if (e in simple) {
      out += simple[e];
    } else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) {
        throw new JSONPathParseError(`unquote string ${s} error invalid syntax`);
      }
      out += String.fromCodePoint(parseInt(hex, 16));
      i += n;
    } else if (e >= "0" && e <= "7") {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) throw new JSONPathParseError(`unquote string ${s} error invalid syntax`);
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else {
      throw new JSONPathParseError(`unquote string ${s} error invalid syntax`);
    }
  }
  return out;
}

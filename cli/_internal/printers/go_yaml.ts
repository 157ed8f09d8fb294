// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * YAML output exactly as kubectl writes it: `sigs.k8s.io/yaml` marshals through JSON into
 * go-yaml v2, whose emitter (a libyaml port) sorts keys "naturally", quotes strings that
 * would read back as another type (YAML 1.1: `"yes"`, `"0o17"`, timestamps), uses `|` blocks
 * for multi-line text and folds long lines at column 80. Only JSON values are supported,
 * which keeps this small and spares commands the cost of loading a YAML library.
 *
 * @module
 */
import { goFormatNumber } from "./go_format.ts";

const BEST_WIDTH = 80;
// Plain-safe ASCII words: no indicator first, no spaces, nothing to escape.
const SIMPLE_WORD = /^[A-Za-z0-9_/][A-Za-z0-9._/-]{0,60}$/;
const BEST_INDENT = 2;

type Style = "plain" | "single" | "double" | "literal";

/**
 * Serialises a JSON value as kubectl's `-o yaml` does (go-yaml v2 via `sigs.k8s.io/yaml`).
 *
 * @param value A JSON value (objects, arrays, strings, numbers, booleans, `null`).
 * @returns The YAML document, ending in a newline, without a `---` marker.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { toGoYaml } from "./go_yaml.ts";
 * assertEquals(
 *   toGoYaml({ kind: "ConfigMap", data: { n: "123", y: "yes", text: "a\nb\n" }, list: [] }),
 *   'data:\n  "n": "123"\n  text: |\n    a\n    b\n  "y": "yes"\nkind: ConfigMap\nlist: []\n',
 * );
 * ```
 */
export function toGoYaml(value: unknown): string {
  const e = new Emitter();
  e.node(value, -1, false);
  e.writeIndent(-1);
  // Stream end: an open-ended last scalar (`|+`) is closed with a document end marker.
  if (e.openEnded) {
    e.indicator("...", true, false, false);
    e.writeIndent(-1);
  }
  return e.text();
}

// A port of the parts of libyaml's emitter (as go-yaml v2 has it) that block-style JSON
// values reach: same state flags, same indentation and line-folding decisions.
class Emitter {
  #out: string[] = [];
  column = 0;
  whitespace = true;
  indention = true;
  openEnded = false;

  text(): string {
    return this.#out.join("");
  }

  put(s: string, width = runeLength(s)): void {
    this.#out.push(s);
    this.column += width;
  }

  putBreak(): void {
    this.#out.push("\n");
    this.column = 0;
  }

  indicator(s: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(" ", 1);
    this.put(s);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
    this.openEnded = false;
  }

  writeIndent(indent: number): void {
    if (indent < 0) indent = 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.putBreak();
    }
    if (this.column < indent) this.put(" ".repeat(indent - this.column), indent - this.column);
    this.whitespace = true;
    this.indention = true;
  }

  /** Emits a node whose parent is indented at `parent` (−1 for the root). */
  node(v: unknown, parent: number, mappingContext: boolean): void {
    if (Array.isArray(v)) {
      if (v.length === 0) return this.#flowEmpty("[", "]");
      // Sequences directly under a mapping key are "indentless": `- ` at the key's column.
      const indentless = mappingContext && !this.indention;
      const indent = parent < 0 ? 0 : indentless ? parent : parent + BEST_INDENT;
      for (const item of v) {
        this.writeIndent(indent);
        this.indicator("-", true, false, true);
        this.node(item, indent, false);
      }
      return;
    }
    if (v !== null && typeof v === "object") {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort(yamlKeyLess);
      if (keys.length === 0) return this.#flowEmpty("{", "}");
      const indent = parent < 0 ? 0 : parent + BEST_INDENT;
      for (const k of keys) {
        this.writeIndent(indent);
        if (isSimpleKey(k)) {
          this.scalar(k, indent, true);
          this.indicator(":", false, false, false);
        } else {
          this.indicator("?", true, false, true);
          this.scalar(k, indent, false);
          this.writeIndent(indent);
          this.indicator(":", true, false, true);
        }
        this.node(o[k], indent, true);
      }
      return;
    }
    if (v === null || v === undefined) return this.#plainWord("null");
    if (typeof v === "boolean") return this.#plainWord(v ? "true" : "false");
    if (typeof v === "number") return this.#plainWord(goFormatNumber(v));
    this.scalar(String(v), parent, false);
  }

  #flowEmpty(open: string, close: string): void {
    this.indicator(open, true, true, false);
    this.indicator(close, false, false, false);
  }

  #plainWord(s: string): void {
    if (!this.whitespace) this.put(" ", 1);
    this.put(s);
    this.whitespace = false;
    this.indention = false;
  }

  /** Emits a string scalar under a parent indented at `parent`. */
  scalar(s: string, parent: number, simpleKey: boolean): void {
    const indent = parent < 0 ? BEST_INDENT : parent + BEST_INDENT;
    // Most keys and values are single words that need no analysis.
    if (SIMPLE_WORD.test(s) && canUsePlain(s)) {
      if (!this.whitespace) this.put(" ", 1);
      this.put(s, s.length);
      this.whitespace = false;
      this.indention = false;
      return;
    }
    const a = analyzeScalar(s);
    let style: Style = s.includes("\n") ? "literal" : canUsePlain(s) ? "plain" : "double";
    if (simpleKey && a.multiline) style = "double";
    if (style === "plain") {
      if (!a.blockPlainAllowed) style = "single";
      if (s.length === 0 && simpleKey) style = "single";
    }
    if (style === "single" && !a.singleQuotedAllowed) style = "double";
    if (style === "literal" && (!a.blockAllowed || simpleKey)) style = "double";
    switch (style) {
      case "plain":
        return this.#writePlain(s, indent, !simpleKey);
      case "single":
        return this.#writeSingle(s, indent, !simpleKey);
      case "double":
        return this.#writeDouble(s, indent, !simpleKey);
      case "literal":
        return this.#writeLiteral(s, indent);
    }
  }

  #writePlain(s: string, indent: number, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(" ", 1);
    if (!allowBreaks || !s.includes(" ") || this.column + s.length <= BEST_WIDTH) {
      this.put(s);
    } else {
      const chars = [...s];
      let spaces = false;
      for (let i = 0; i < chars.length; i++) {
        const ch = chars[i];
        if (ch === " ") {
          if (!spaces && this.column > BEST_WIDTH && chars[i + 1] !== " ") this.writeIndent(indent);
          else this.put(ch, 1);
          spaces = true;
        } else {
          this.put(ch, 1);
          this.indention = false;
          spaces = false;
        }
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  #writeSingle(s: string, indent: number, allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    const chars = [...s];
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === " ") {
        if (
          allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1 &&
          chars[i + 1] !== " "
        ) {
          this.writeIndent(indent);
        } else {
          this.put(ch, 1);
        }
        spaces = true;
      } else if (isBreak(ch)) {
        if (!breaks && ch === "\n") this.putBreak();
        this.#writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent(indent);
        this.put(ch === "'" ? "''" : ch);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.indicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  #writeBreak(ch: string): void {
    if (ch === "\n" || ch === "\r") this.putBreak();
    else {
      this.#out.push(ch);
      this.column = 0;
    }
  }

  #writeDouble(s: string, indent: number, allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    const chars = [...s];
    // go-yaml's is_bom looks at the start of the value, not the current character, so a
    // leading BOM escapes every character.
    const bom = chars[0] === "\ufeff";
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      const c = ch.codePointAt(0)!;
      if (bom || !isPrintable(c) || isBreak(ch) || ch === '"' || ch === "\\") {
        this.put("\\" + escapeFor(c));
        spaces = false;
      } else if (ch === " ") {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          this.writeIndent(indent);
          if (chars[i + 1] === " ") this.put("\\", 1);
        } else {
          this.put(ch, 1);
        }
        spaces = true;
      } else {
        this.put(ch, 1);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  #writeLiteral(s: string, indent: number): void {
    this.indicator("|", true, false, false);
    const chars = [...s];
    if (chars[0] === " " || isBreak(chars[0])) {
      this.indicator(String(BEST_INDENT), false, false, false);
    }
    const last = chars.length - 1;
    let chomp = "";
    let openEnded = false;
    if (!isBreak(chars[last])) chomp = "-";
    else if (last === 0 || isBreak(chars[last - 1])) {
      chomp = "+";
      openEnded = true;
    }
    if (chomp) this.indicator(chomp, false, false, false);
    this.openEnded = openEnded;
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const ch of chars) {
      if (isBreak(ch)) {
        this.#writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent(indent);
        this.put(ch, 1);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

function runeLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function isBreak(ch: string): boolean {
  return ch === "\n" || ch === "\r" || ch === "\u0085" || ch === "\u2028" || ch === "\u2029";
}

function isPrintable(c: number): boolean {
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}

function escapeFor(c: number): string {
  switch (c) {
    case 0x00:
      return "0";
    case 0x07:
      return "a";
    case 0x08:
      return "b";
    case 0x09:
      return "t";
    case 0x0a:
      return "n";
    case 0x0b:
      return "v";
    case 0x0c:
      return "f";
    case 0x0d:
      return "r";
    case 0x1b:
      return "e";
    case 0x22:
      return '"';
    case 0x5c:
      return "\\";
    case 0x85:
      return "N";
    case 0xa0:
      return "_";
    case 0x2028:
      return "L";
    case 0x2029:
      return "P";
  }
  if (c <= 0xff) return "x" + c.toString(16).toUpperCase().padStart(2, "0");
  if (c <= 0xffff) return "u" + c.toString(16).toUpperCase().padStart(4, "0");
  return "U" + c.toString(16).toUpperCase().padStart(8, "0");
}

interface ScalarAnalysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

// libyaml's yaml_emitter_analyze_scalar, block context only.
function analyzeScalar(s: string): ScalarAnalysis {
  if (s.length === 0) {
    return {
      multiline: false,
      blockPlainAllowed: true,
      singleQuotedAllowed: true,
      blockAllowed: false,
    };
  }
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (s.startsWith("---") || s.startsWith("...")) blockIndicators = true;
  const chars = [...s];
  let precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === " " || next === "\t" ||
      isBreak(next);
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(ch)) blockIndicators = true;
      else if ((ch === "?" || ch === ":" || ch === "-") && followedByWhitespace) {
        blockIndicators = true;
      }
    } else if (ch === ":" && followedByWhitespace) blockIndicators = true;
    else if (ch === "#" && precededByWhitespace) blockIndicators = true;
    if (!isPrintable(ch.codePointAt(0)!)) special = true;
    if (ch === " ") {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(ch)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = ch === " " || ch === "\t" || isBreak(ch) || ch === "\0";
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

// go-yaml v2 emits a mapping key as a simple key only if it is short and on one line.
function isSimpleKey(k: string): boolean {
  return new TextEncoder().encode(k).length <= 128 && !/[\n\r\u0085\u2028\u2029]/.test(k);
}

/**
 * Whether go-yaml v2 may write a string unquoted: it must not read back as another type
 * (YAML 1.1 booleans, null, numbers, timestamps, base-60 floats).
 */
function canUsePlain(s: string): boolean {
  return resolvesToString(s) && !isBase60Float(s);
}

const RESOLVE_MAP = new Set([
  "y",
  "Y",
  "yes",
  "Yes",
  "YES",
  "true",
  "True",
  "TRUE",
  "on",
  "On",
  "ON",
  "n",
  "N",
  "no",
  "No",
  "NO",
  "false",
  "False",
  "FALSE",
  "off",
  "Off",
  "OFF",
  "",
  "~",
  "null",
  "Null",
  "NULL",
  ".nan",
  ".NaN",
  ".NAN",
  ".inf",
  ".Inf",
  ".INF",
  "+.inf",
  "+.Inf",
  "+.INF",
  "-.inf",
  "-.Inf",
  "-.INF",
]); // deno-fmt-ignore

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function resolvesToString(s: string): boolean {
  if (s === "") return false;
  const c = s[0];
  const hint = "+-".includes(c)
    ? "S"
    : c >= "0" && c <= "9"
    ? "D"
    : "yYnNtTfFoO~".includes(c)
    ? "M"
    : c === "."
    ? "."
    : "";
  if (!hint) return true;
  if (RESOLVE_MAP.has(s)) return false;
  if (hint === "M") return true;
  if (hint === ".") return !isGoFloat(s);
  if (isYamlTimestamp(s)) return false;
  const plain = s.replaceAll("_", "");
  if (isGoInt(plain)) return false;
  if (YAML_STYLE_FLOAT.test(plain)) return false;
  if (/^-?0b[01]+$/.test(plain)) return false;
  return true;
}

function isBase60Float(s: string): boolean {
  const c = s[0];
  if (!(c === "+" || c === "-" || (c >= "0" && c <= "9")) || !s.includes(":")) return false;
  return BASE60_FLOAT.test(s);
}

// strconv.ParseInt(s, 0, 64) or ParseUint(s, 0, 64) succeeds.
function isGoInt(s: string): boolean {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return false;
  let body = m[2];
  let radix = 10;
  if (/^0[xX]/.test(body)) [radix, body] = [16, body.slice(2)];
  else if (/^0[bB]/.test(body)) [radix, body] = [2, body.slice(2)];
  else if (/^0[oO]/.test(body)) [radix, body] = [8, body.slice(2)];
  else if (body.length > 1 && body[0] === "0") [radix, body] = [8, body.slice(1)];
  const prefix = radix === 16 ? "0x" : radix === 8 ? "0o" : radix === 2 ? "0b" : "";
  const v = BigInt(prefix + body);
  if (m[1] === "-") return v <= 2n ** 63n;
  return v <= 2n ** 64n - 1n;
}

// strconv.ParseFloat accepts it (decimal or Go special forms).
function isGoFloat(s: string): boolean {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ||
    /^[+-]?(inf|infinity|nan)$/i.test(s);
}

// go-yaml v2's parseTimestamp: YYYY-M-D, optionally with a time (T/t with zone, or space without).
function isYamlTimestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:([Tt])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d{1,9})?(Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d{1,9})?))?$/
      .exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const daysIn = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysIn) return false;
  const h = m[5] ?? m[9];
  if (h !== undefined) {
    const mi = m[6] ?? m[10];
    const sec = m[7] ?? m[11];
    if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return false;
    if (m[8] && m[8] !== "Z") {
      const [zh, zm] = m[8].slice(1).split(":").map(Number);
      if (zh > 23 || zm > 59) return false;
    }
  }
  return true;
}

/**
 * go-yaml v2's key order (`keyList.Less`): runs of digits compare as numbers, letters sort
 * after non-letters.
 *
 * @param a One key.
 * @param b The other.
 * @returns Negative when `a` sorts first.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { yamlKeyLess } from "./go_yaml.ts";
 * assertEquals(["a10", "a9", "B", "_x"].sort(yamlKeyLess), ["_x", "B", "a9", "a10"]);
 * ```
 */
export function yamlKeyLess(a: string, b: string): number {
  if (a === b) return 0;
  return keyLess(a, b) ? -1 : keyLess(b, a) ? 1 : 0;
}

// Built on first use (in a cold process V8 takes up to a millisecond to build a Unicode property
// class).
let letter: RegExp | undefined;
let digit: RegExp | undefined;
const LETTER = { test: (s: string): boolean => (letter ??= /\p{L}/u).test(s) };
const DIGIT = { test: (s: string): boolean => (digit ??= /\p{Nd}/u).test(s) };

const PLAIN_ASCII = /^[A-Za-z._/-]*$/;

function keyLess(a: string, b: string): boolean {
  // Without digits or non-ASCII text, the order is code-point order with letters after
  // non-letters.
  if (PLAIN_ASCII.test(a) && PLAIN_ASCII.test(b)) {
    for (let i = 0; i < a.length && i < b.length; i++) {
      const x = a.charCodeAt(i);
      const y = b.charCodeAt(i);
      if (x === y) continue;
      const xl = (x | 32) >= 97 && (x | 32) <= 122;
      const yl = (y | 32) >= 97 && (y | 32) <= 122;
      if (xl && yl) return x < y;
      if (xl || yl) return yl;
      return x < y;
    }
    return a.length < b.length;
  }
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = LETTER.test(ar[i]);
    const bl = LETTER.test(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === "0" || br[i] === "0") {
      for (let j = i - 1; j >= 0 && DIGIT.test(ar[j]); j--) {
        if (ar[j] !== "0") {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && DIGIT.test(ar[ai]); ai++) {
      an = an * 10n + BigInt(ar[ai].codePointAt(0)! - 48);
    }
    let bi = i;
    for (; bi < br.length && DIGIT.test(br[bi]); bi++) {
      bn = bn * 10n + BigInt(br[bi].codePointAt(0)! - 48);
    }
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
  }
  return ar.length < br.length;
}

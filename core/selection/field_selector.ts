// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Field selectors, as apimachinery's `fields` package: `metadata.name=foo,status.phase!=Active`,
 * with `\,`, `\=` and `\\` escapes in values.
 *
 * @module
 */
import { newBadRequest } from "../errors/status_error.ts";

/** One term of a field selector. `==` parses to `=`, as in apimachinery. */
export interface FieldRequirement {
  /** The field, e.g. `metadata.name`. Not trimmed: `a =b` selects field `"a "`. */
  readonly field: string;
  /** `=` or `!=`. */
  readonly operator: "=" | "!=";
  /** The value, unescaped. */
  readonly value: string;
}

/**
 * Escapes a value for use in a field selector (`\` → `\\`, `,` → `\,`, `=` → `\=`), as
 * apimachinery's `fields.EscapeValue`.
 *
 * @param value Any string.
 * @returns The escaped string.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { escapeFieldValue } from "@k1s/core";
 * assertEquals(escapeFieldValue("a,b=c"), "a\\,b\\=c");
 * ```
 */
export function escapeFieldValue(value: string): string {
  if (!/[\\,=]/.test(value)) return value;
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/**
 * A parsed field selector: terms ANDed together, in sorted order. Build one with
 * {@linkcode parseFieldSelector}.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { parseFieldSelector } from "@k1s/core";
 * const s = parseFieldSelector("type=Opaque");
 * assert(s.matches({ type: "Opaque", "metadata.name": "a" }));
 * ```
 */
export class FieldSelector {
  /** The terms. */
  readonly requirements: readonly FieldRequirement[];

  /**
   * Builds a selector from terms.
   *
   * @param requirements The terms.
   */
  constructor(requirements: readonly FieldRequirement[]) {
    this.requirements = requirements;
  }

  /** Whether the selector does not restrict anything. */
  get empty(): boolean {
    return this.requirements.length === 0;
  }

  /**
   * Whether the fields satisfy every term. A missing field reads as `""`, as in apimachinery:
   * `x=` matches objects without `x`, and `x!=v` matches them too.
   *
   * @param fields The object's selectable fields, e.g. `{"metadata.name": "a", type: "Opaque"}`.
   * @returns Whether they match.
   */
  matches(fields: Readonly<Record<string, string>>): boolean {
    const rs = this.requirements;
    for (let i = 0; i < rs.length; i++) {
      const r = rs[i];
      const raw = fields[r.field];
      const v = typeof raw === "string" ? raw : "";
      if ((v === r.value) !== (r.operator === "=")) return false;
    }
    return true;
  }

  /**
   * The value a term requires for `field` with `=`, if any (apimachinery's
   * `RequiresExactMatch`), so callers can narrow a scan (e.g. to one name).
   *
   * @param field The field.
   * @returns The value, or `undefined`.
   */
  requiresExactMatch(field: string): string | undefined {
    for (const r of this.requirements) {
      if (r.field === field && r.operator === "=") return r.value;
    }
    return undefined;
  }

  /**
   * The selector as apimachinery prints it, values escaped.
   *
   * @returns The string; empty for an empty selector.
   */
  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeFieldValue(r.value)}`)
      .join(",");
  }
}

/** Splits on commas that are not escaped; the backslashes stay in the terms. */
function splitTerms(s: string): string[] {
  if (s.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inSlash) inSlash = false;
    else if (c === 0x5c) inSlash = true;
    else if (c === 0x2c) {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

const OPERATORS = ["!=", "==", "="] as const;

function splitTerm(term: string): [string, "!=" | "==" | "=", string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of OPERATORS) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

/** apimachinery's `UnescapeValue`. */
function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = "";
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === "\\" || c === "," || c === "=") out += c;
      else throw newBadRequest(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === "\\") inSlash = true;
    else if (c === "," || c === "=") {
      // Go prints the rune with %v: its code point, not the character.
      throw newBadRequest(
        `invalid field selector: unescaped character in value: ${c.codePointAt(0)}`,
      );
    } else out += c;
  }
  if (inSlash) throw newBadRequest("invalid field selector: invalid escape sequence: \\");
  return out;
}

/**
 * Parses a field selector string as the apiserver does for `fieldSelector=`. Terms are sorted
 * before parsing, as in apimachinery. Which fields exist is the caller's business (see
 * `checkFieldSelector`).
 *
 * @param s The selector; empty selects everything.
 * @returns The selector.
 * @throws {StatusError} 400 BadRequest, e.g. `invalid selector: 'x'; can't understand 'x'` or
 *   `invalid field selector: invalid escape sequence: \q`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseFieldSelector } from "@k1s/core";
 * assertEquals(parseFieldSelector("metadata.name==a\\,b").requirements, [
 *   { field: "metadata.name", operator: "=", value: "a,b" },
 * ]);
 * ```
 */
export function parseFieldSelector(s: string): FieldSelector {
  const parts = splitTerms(s).sort();
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === "") continue;
    const split = splitTerm(part);
    if (!split) throw newBadRequest(`invalid selector: '${s}'; can't understand '${part}'`);
    const [field, op, rhs] = split;
    reqs.push({ field, operator: op === "!=" ? "!=" : "=", value: unescapeValue(rhs) });
  }
  return new FieldSelector(reqs);
}

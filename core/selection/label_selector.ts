// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Label selectors, as apimachinery's `labels` package: the string syntax kubectl's `-l` sends
 * (`app=web,tier!=db,env in (a,b),!legacy,x>1`) and the `matchLabels`/`matchExpressions` form
 * used inside objects.
 *
 * @module
 */
import { newBadRequest } from "../errors/status_error.ts";
import { isQualifiedName, isValidLabelValue } from "../validation/content.ts";

/** A label requirement operator, spelled as apimachinery's `selection.Operator`. */
export type LabelOperator =
  | "="
  | "=="
  | "!="
  | "in"
  | "notin"
  | "exists"
  | "!"
  | "gt"
  | "lt";

/** One requirement of a label selector. */
export interface LabelRequirement {
  /** The label key. */
  readonly key: string;
  /** The operator. */
  readonly operator: LabelOperator;
  /** The values (one for `=`, `==`, `!=`, `gt`, `lt`; none for `exists` and `!`). */
  readonly values: readonly string[];
}

const EQ = 0, NE = 1, IN = 2, NOTIN = 3, EXISTS = 4, NOT_EXISTS = 5, GT = 6, LT = 7;

interface Compiled {
  key: string;
  op: number;
  value: string;
  set: ReadonlySet<string> | undefined;
  values: readonly string[];
  num: number;
}

const INT_RE = /^[+-]?[0-9]+$/;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/** Go's `strconv.ParseInt(s, 10, 64)`, as a number (exact for the magnitudes labels hold). */
function parseInt64(s: string): number | undefined {
  if (!INT_RE.test(s)) return undefined;
  if (s.length > 15) {
    const b = BigInt(s);
    if (b > INT64_MAX || b < INT64_MIN) return undefined;
  }
  return Number(s);
}

function opCode(op: LabelOperator): number {
  switch (op) {
    case "=":
    case "==":
      return EQ;
    case "!=":
      return NE;
    case "in":
      return IN;
    case "notin":
      return NOTIN;
    case "exists":
      return EXISTS;
    case "!":
      return NOT_EXISTS;
    case "gt":
      return GT;
    case "lt":
      return LT;
  }
}

function compile(r: LabelRequirement): Compiled {
  const op = opCode(r.operator);
  const values = r.values;
  return {
    key: r.key,
    op,
    value: values[0] ?? "",
    // Sets only pay off past a handful of values.
    set: (op === IN || op === NOTIN) && values.length > 4 ? new Set(values) : undefined,
    values,
    num: op === GT || op === LT ? (parseInt64(values[0] ?? "") ?? NaN) : NaN,
  };
}

function hasValue(c: Compiled, v: string): boolean {
  if (c.set) return c.set.has(v);
  const vs = c.values;
  for (let i = 0; i < vs.length; i++) if (vs[i] === v) return true;
  return false;
}

function requirementString(r: LabelRequirement): string {
  let s = r.operator === "!" ? `!${r.key}` : r.key;
  switch (r.operator) {
    case "exists":
    case "!":
      return s;
    case "in":
      s += " in ";
      break;
    case "notin":
      s += " notin ";
      break;
    case "gt":
      s += ">";
      break;
    case "lt":
      s += "<";
      break;
    default:
      s += r.operator;
  }
  // Values print sorted, without changing the requirement itself.
  const vals = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(",");
  return r.operator === "in" || r.operator === "notin" ? `${s}(${vals})` : s + vals;
}

/**
 * A parsed label selector: requirements ANDed together, sorted by key. Build one with
 * {@linkcode parseLabelSelector} or {@linkcode labelSelectorFromMeta}.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { parseLabelSelector } from "@k1s/core";
 * const s = parseLabelSelector("app=web,tier!=db");
 * assert(s.matches({ app: "web" }));
 * assert(!s.matches({ app: "web", tier: "db" }));
 * ```
 */
export class LabelSelector {
  /** The requirements, sorted by key. */
  readonly requirements: readonly LabelRequirement[];
  readonly #compiled: readonly Compiled[];
  readonly #nothing: boolean;

  /**
   * Builds a selector from requirements, which must already be valid (the parsers check them).
   *
   * @param requirements The requirements; they are sorted by key.
   * @param options `nothing` for the selector of a null `LabelSelector`, which matches nothing.
   */
  constructor(requirements: readonly LabelRequirement[], options: { nothing?: boolean } = {}) {
    const sorted = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.requirements = sorted;
    this.#compiled = sorted.map(compile);
    this.#nothing = options.nothing ?? false;
  }

  /** Whether the selector does not restrict anything (it matches every object). */
  get empty(): boolean {
    return !this.#nothing && this.requirements.length === 0;
  }

  /**
   * Whether the labels satisfy every requirement. `!=` and `notin` match objects without the
   * key; `gt` and `lt` need the key with an integer value.
   *
   * @param labels An object's labels; absent means none.
   * @returns Whether they match.
   */
  matches(labels?: Readonly<Record<string, string>>): boolean {
    if (this.#nothing) return false;
    const cs = this.#compiled;
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i];
      const raw = labels === undefined || labels === null ? undefined : labels[c.key];
      // Inherited properties (`constructor`) are not labels: only own string values count.
      const v = typeof raw === "string" ? raw : undefined;
      switch (c.op) {
        case EQ:
          if (v !== c.value) return false;
          break;
        case NE:
          if (v === c.value) return false;
          break;
        case IN:
          if (v === undefined || !hasValue(c, v)) return false;
          break;
        case NOTIN:
          if (v !== undefined && hasValue(c, v)) return false;
          break;
        case EXISTS:
          if (v === undefined) return false;
          break;
        case NOT_EXISTS:
          if (v !== undefined) return false;
          break;
        default: {
          if (v === undefined) return false;
          const n = parseInt64(v);
          if (n === undefined || Number.isNaN(c.num)) return false;
          if (c.op === GT ? !(n > c.num) : !(n < c.num)) return false;
        }
      }
    }
    return true;
  }

  /**
   * The selector in the string syntax, as apimachinery prints it (`a=b,c in (d,e)`).
   *
   * @returns The string; empty for an empty selector.
   */
  toString(): string {
    return this.requirements.map(requirementString).join(",");
  }
}

// ---- Lexer and parser (apimachinery labels/selector.go) ----

const enum Tok {
  Error,
  End,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

const STRING_TO_TOKEN: Record<string, Tok> = {
  ")": Tok.ClosedPar,
  ",": Tok.Comma,
  "!": Tok.DoesNotExist,
  "==": Tok.DoubleEquals,
  "=": Tok.Equals,
  ">": Tok.GreaterThan,
  "in": Tok.In,
  "<": Tok.LessThan,
  "!=": Tok.NotEquals,
  "notin": Tok.NotIn,
  "(": Tok.OpenPar,
};

function tokenOf(s: string): Tok | undefined {
  return Object.hasOwn(STRING_TO_TOKEN, s) ? STRING_TO_TOKEN[s] : undefined;
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

function isSpecial(c: number): boolean {
  // = ! ( ) , > <
  return c === 0x3d || c === 0x21 || c === 0x28 || c === 0x29 || c === 0x2c || c === 0x3e ||
    c === 0x3c;
}

interface Item {
  tok: Tok;
  lit: string;
}

function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  const n = s.length;
  for (;;) {
    while (pos < n && isWhitespace(s.charCodeAt(pos))) pos++;
    if (pos >= n) {
      items.push({ tok: Tok.End, lit: "" });
      return items;
    }
    if (isSpecial(s.charCodeAt(pos))) {
      // The longest run of special characters that is still a token.
      let buf = "";
      let last: Item | undefined;
      while (pos < n && isSpecial(s.charCodeAt(pos))) {
        buf += s[pos];
        const t = tokenOf(buf);
        if (t !== undefined) {
          last = { tok: t, lit: buf };
          pos++;
        } else if (last) break;
        else pos++;
      }
      items.push(last ?? { tok: Tok.Error, lit: `error expected: keyword found '${buf}'` });
      continue;
    }
    const start = pos;
    while (pos < n && !isSpecial(s.charCodeAt(pos)) && !isWhitespace(s.charCodeAt(pos))) pos++;
    const word = s.slice(start, pos);
    const t = word === "in" || word === "notin" ? tokenOf(word)! : Tok.Identifier;
    items.push({ tok: t, lit: word });
  }
}

class SyntaxFailure extends Error {}

class Parser {
  #items: Item[];
  #pos = 0;

  constructor(items: Item[]) {
    this.#items = items;
  }

  /** Looks at the next token; in a values context `in` and `notin` are identifiers. */
  lookahead(values: boolean): Item {
    const it = this.#items[this.#pos];
    if (values && (it.tok === Tok.In || it.tok === Tok.NotIn)) {
      return { tok: Tok.Identifier, lit: it.lit };
    }
    return it;
  }

  consume(values: boolean): Item {
    const it = this.lookahead(values);
    this.#pos++;
    return it;
  }

  parse(): LabelRequirement[] {
    const reqs: LabelRequirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(true);
      switch (tok) {
        case Tok.Identifier:
        case Tok.DoesNotExist: {
          let r: LabelRequirement;
          try {
            r = this.parseRequirement();
          } catch (e) {
            if (e instanceof SyntaxFailure) {
              throw new SyntaxFailure(`unable to parse requirement: ${e.message}`);
            }
            throw e;
          }
          reqs.push(r);
          const next = this.consume(true);
          switch (next.tok) {
            case Tok.End:
              return reqs;
            case Tok.Comma: {
              const t2 = this.lookahead(true);
              if (t2.tok !== Tok.Identifier && t2.tok !== Tok.DoesNotExist) {
                throw new SyntaxFailure(`found '${t2.lit}', expected: identifier after ','`);
              }
              break;
            }
            default:
              throw new SyntaxFailure(`found '${next.lit}', expected: ',' or 'end of string'`);
          }
          break;
        }
        case Tok.End:
          return reqs;
        default:
          throw new SyntaxFailure(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  parseRequirement(): LabelRequirement {
    let negated = false;
    let { tok, lit } = this.consume(true);
    if (tok === Tok.DoesNotExist) {
      negated = true;
      ({ tok, lit } = this.consume(true));
    }
    if (tok !== Tok.Identifier) throw new SyntaxFailure(`found '${lit}', expected: identifier`);
    const key = lit;
    const keyMsgs = isQualifiedName(key);
    if (keyMsgs.length) {
      // The parser has no field path, so Go prints a nil *field.Path as "<nil>".
      throw new SyntaxFailure(
        `<nil>: Invalid value: ${JSON.stringify(key)}: ${keyMsgs.join("; ")}`,
      );
    }
    const after = this.lookahead(true).tok;
    if (after === Tok.End || after === Tok.Comma) {
      return newRequirement(key, negated ? "!" : "exists", []);
    }
    if (negated) return newRequirement(key, "!", []);
    const op = this.parseOperator();
    const values = op === "in" || op === "notin" ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, op, [...values].sort());
  }

  parseOperator(): LabelOperator {
    const { tok, lit } = this.consume(false);
    switch (tok) {
      case Tok.In:
        return "in";
      case Tok.Equals:
        return "=";
      case Tok.DoubleEquals:
        return "==";
      case Tok.GreaterThan:
        return "gt";
      case Tok.LessThan:
        return "lt";
      case Tok.NotIn:
        return "notin";
      case Tok.NotEquals:
        return "!=";
      default:
        throw new SyntaxFailure(`found '${lit}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }

  parseValues(): Set<string> {
    const open = this.consume(true);
    if (open.tok !== Tok.OpenPar) throw new SyntaxFailure(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead(true);
    switch (tok) {
      case Tok.Identifier:
      case Tok.Comma: {
        const s = this.parseIdentifiersList();
        if (this.consume(true).tok !== Tok.ClosedPar) {
          throw new SyntaxFailure(`found '${lit}', expected: ')'`);
        }
        return s;
      }
      case Tok.ClosedPar:
        this.consume(true);
        return new Set([""]);
      default:
        throw new SyntaxFailure(`found '${lit}', expected: ',', ')' or identifier`);
    }
  }

  parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume(true);
      switch (tok) {
        case Tok.Identifier: {
          s.add(lit);
          const t2 = this.lookahead(true);
          if (t2.tok === Tok.Comma) continue;
          if (t2.tok === Tok.ClosedPar) return s;
          throw new SyntaxFailure(`found '${t2.lit}', expected: ',' or ')'`);
        }
        case Tok.Comma: {
          if (s.size === 0) s.add("");
          const t2 = this.lookahead(true).tok;
          if (t2 === Tok.ClosedPar) {
            s.add("");
            return s;
          }
          if (t2 === Tok.Comma) s.add("");
          break;
        }
        default:
          throw new SyntaxFailure(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  parseExactValue(): Set<string> {
    const t = this.lookahead(true).tok;
    if (t === Tok.End || t === Tok.Comma) return new Set([""]);
    const { tok, lit } = this.consume(true);
    if (tok === Tok.Identifier) return new Set([lit]);
    throw new SyntaxFailure(`found '${lit}', expected: identifier`);
  }
}

/** Go's `field.ErrorList.ToAggregate().Error()`: one message, or `[a, b]` for several. */
function aggregate(msgs: string[]): string {
  const unique = [...new Set(msgs)];
  return unique.length === 1 ? unique[0] : `[${unique.join(", ")}]`;
}

/**
 * apimachinery's `NewRequirement` checks (the key is checked by the callers that need to).
 * Paths have no root, as the parser passes none: `values[0][key]`.
 */
function newRequirement(
  key: string,
  operator: LabelOperator,
  values: string[],
  checkKey = false,
): LabelRequirement {
  const msgs: string[] = [];
  if (checkKey) {
    const km = isQualifiedName(key);
    if (km.length) msgs.push(`key: Invalid value: ${JSON.stringify(key)}: ${km.join("; ")}`);
  }
  const goList = `[]string{${values.map((v) => JSON.stringify(v)).join(", ")}}`;
  switch (operator) {
    case "in":
    case "notin":
      if (values.length === 0) {
        msgs.push(
          `values: Invalid value: ${goList}: for 'in', 'notin' operators, values set can't be empty`,
        );
      }
      break;
    case "=":
    case "==":
    case "!=":
      if (values.length !== 1) {
        msgs.push(
          `values: Invalid value: ${goList}: exact-match compatibility requires one single value`,
        );
      }
      break;
    case "exists":
    case "!":
      if (values.length !== 0) {
        msgs.push(
          `values: Invalid value: ${goList}: values set must be empty for exists and does not exist`,
        );
      }
      break;
    case "gt":
    case "lt":
      if (values.length !== 1) {
        msgs.push(
          `values: Invalid value: ${goList}: for 'Gt', 'Lt' operators, exactly one value is required`,
        );
      }
      for (let i = 0; i < values.length; i++) {
        if (parseInt64(values[i]) === undefined) {
          msgs.push(
            `values[${i}]: Invalid value: ${
              JSON.stringify(values[i])
            }: for 'Gt', 'Lt' operators, the value must be an integer`,
          );
        }
      }
      break;
  }
  for (let i = 0; i < values.length; i++) {
    const vm = isValidLabelValue(values[i]);
    if (vm.length) {
      msgs.push(
        `values[${i}][${key}]: Invalid value: ${JSON.stringify(values[i])}: ${vm.join("; ")}`,
      );
    }
  }
  if (msgs.length) throw new SyntaxFailure(aggregate(msgs));
  return { key, operator, values };
}

/**
 * Parses a label selector string as the apiserver does for `labelSelector=` (kubectl `-l`).
 * Requirements: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, `k>1`, `k<1`,
 * separated by commas and ANDed.
 *
 * @param s The selector; empty or blank selects everything.
 * @returns The selector.
 * @throws {StatusError} 400 BadRequest with apimachinery's message, e.g.
 *   `unable to parse requirement: found '', expected: identifier`.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "@std/assert";
 * import { parseLabelSelector } from "@k1s/core";
 * const s = parseLabelSelector("env in (prod,staging),!legacy");
 * assert(s.matches({ env: "prod" }));
 * assertEquals(s.toString(), "env in (prod,staging),!legacy");
 * ```
 */
export function parseLabelSelector(s: string): LabelSelector {
  try {
    return new LabelSelector(new Parser(lex(s)).parse());
  } catch (e) {
    if (e instanceof SyntaxFailure) throw newBadRequest(e.message);
    throw e;
  }
}

/**
 * Builds a selector from the object form (`matchLabels`, `matchExpressions`), as apimachinery's
 * `LabelSelectorAsSelector`: `undefined`/`null` selects nothing, `{}` everything.
 *
 * @param spec The selector as it appears in an object.
 * @returns The selector.
 * @throws {StatusError} 400 BadRequest for an unknown operator
 *   (`"Foo" is not a valid label selector operator`) or an invalid requirement.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { labelSelectorFromMeta } from "@k1s/core";
 * const s = labelSelectorFromMeta({
 *   matchLabels: { app: "web" },
 *   matchExpressions: [{ key: "tier", operator: "NotIn", values: ["db"] }],
 * });
 * assert(s.matches({ app: "web", tier: "front" }));
 * assert(!labelSelectorFromMeta(undefined).matches({}));
 * ```
 */
export function labelSelectorFromMeta(
  spec:
    | {
      matchLabels?: Readonly<Record<string, string>>;
      matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] }[];
    }
    | null
    | undefined,
): LabelSelector {
  if (spec === null || spec === undefined) return new LabelSelector([], { nothing: true });
  const reqs: LabelRequirement[] = [];
  try {
    for (const k in spec.matchLabels ?? {}) {
      reqs.push(newRequirement(k, "=", [spec.matchLabels![k]], true));
    }
    for (const e of spec.matchExpressions ?? []) {
      let op: LabelOperator;
      switch (e.operator) {
        case "In":
          op = "in";
          break;
        case "NotIn":
          op = "notin";
          break;
        case "Exists":
          op = "exists";
          break;
        case "DoesNotExist":
          op = "!";
          break;
        default:
          throw new SyntaxFailure(
            `${JSON.stringify(e.operator)} is not a valid label selector operator`,
          );
      }
      reqs.push(newRequirement(e.key, op, [...(e.values ?? [])], true));
    }
  } catch (e) {
    if (e instanceof SyntaxFailure) throw newBadRequest(e.message);
    throw e;
  }
  return new LabelSelector(reqs);
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
// The CEL runtime, loaded on demand: parsing and evaluation by @bufbuild/cel, type checking by
// ./checker.ts, cost estimation (./cost.ts) and cost counting (./meter.ts), Kubernetes' libraries
// (./library.ts), cel-go's optional syntax (./optional_syntax.ts), and the conversion of
// schema-typed JSON values to CEL values (integers as int, formatted strings as
// bytes/duration/timestamp, escaped field names).
import {
  type CelEnv,
  celEnv,
  type CelFunc,
  celFunc,
  celList,
  celMethod,
  CelScalar,
  isCelError,
  isCelList,
  isCelMap,
  isCelUint,
  listType,
  parse,
  plan,
} from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
import type { CompiledRule, EvalResult, Node, NodeRules, PatternMatcher } from "../_node.ts";
import type { ValidationRule } from "../types.ts";
import { parseDuration, parseFullDate } from "../_formats.ts";
import { compileJsRegex } from "../_regex.ts";
import { checkExpr, type Expr, type Issue } from "./checker.ts";
import { BOOL, type CelType, declType, STRING } from "./types.ts";
import { type DeclSize, declSize, estimateCost, maxCardinality, PER_CALL_LIMIT } from "./cost.ts";
import { COST_LIMIT_ERROR, costed, instrument, maxId, meter, tickFuncs } from "./meter.ts";
import { hasValue, isOptional, libraryFuncs, makeEquals, none, OPT, some } from "./library.ts";
import { restoreOptionalCalls, rewriteOptionalSyntax } from "./optional_syntax.ts";

type Program = (vars: Record<string, unknown>) => unknown;

/** Formats checker or parser issues as cel-go's `Issues.String()`. */
export function formatIssues(
  source: string,
  issues: { offset: number; message: string }[],
): string {
  const lines = source.split("\n");
  const starts: number[] = [];
  let pos = 0;
  for (const l of lines) {
    starts.push(pos);
    pos += l.length + 1;
  }
  const located = issues.map((i) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= i.offset) line++;
    return { line, col: i.offset - starts[line], message: i.message };
  });
  located.sort((a, b) => a.line - b.line || a.col - b.col);
  return located.map(({ line, col, message }) => {
    const snippet = lines[line].replaceAll("\t", " ");
    let ind = "";
    const chars = [...snippet.slice(0, col)];
    for (const ch of chars) ind += ch.length > 1 || ch.charCodeAt(0) > 0x7f ? "\uff0e" : ".";
    const at = snippet.slice(col).codePointAt(0);
    ind += at !== undefined && at > 0x7f ? "\uff3e" : "^";
    return `ERROR: <input>:${line + 1}:${col + 1}: ${message}\n | ${snippet}\n | ${ind}`;
  }).join("\n");
}

/** Moves a position reported by the parser to the token cel-go reports for the anchor kind. */
function anchorOffset(source: string, offset: number, anchor: Issue["anchor"]): number {
  let i = offset;
  if (anchor === "operator") {
    while (i < source.length && /\s/.test(source[i])) i++;
  } else if (anchor === "call") {
    if (source[i] === ".") i++;
    while (i < source.length && /\s/.test(source[i])) i++;
    while (i < source.length && /[A-Za-z0-9_.]/.test(source[i])) i++;
    while (i < source.length && /\s/.test(source[i])) i++;
    if (source[i] !== "(") i = offset;
  }
  return i;
}

type Compiled =
  | {
    ok: true;
    program: Program;
    type: CelType;
    usesOldSelf: boolean;
    fields: Set<string> | "all";
    maxCost: bigint;
  }
  | { ok: false; detail: string };

/**
 * The fields of `self`/`oldSelf` an expression selects, or "all" when it uses them whole, so
 * only those fields need converting to CEL values.
 */
function selectedFields(e: Expr, out: Set<string>): boolean {
  const k = e.exprKind;
  switch (k.case) {
    case "identExpr":
      return k.value.name !== "self" && k.value.name !== "oldSelf";
    case "selectExpr": {
      const op = k.value.operand;
      if (op?.exprKind.case === "identExpr") {
        const name = op.exprKind.value.name;
        if (name === "self" || name === "oldSelf") {
          out.add(k.value.field);
          return true;
        }
      }
      return op ? selectedFields(op, out) : true;
    }
    case "callExpr": {
      const [op, f] = k.value.args;
      if (
        k.value.function === "_?._" && op?.exprKind.case === "identExpr" &&
        (op.exprKind.value.name === "self" || op.exprKind.value.name === "oldSelf") &&
        f?.exprKind.case === "constExpr"
      ) {
        out.add(f.exprKind.value.constantKind.value as string);
        return true;
      }
      return (!k.value.target || selectedFields(k.value.target, out)) &&
        k.value.args.every((a) => selectedFields(a, out));
    }
    case "listExpr":
      return k.value.elements.every((a) => selectedFields(a, out));
    case "structExpr":
      return k.value.entries.every((en) =>
        (en.keyKind.case !== "mapKey" || selectedFields(en.keyKind.value as Expr, out)) &&
        (!en.value || selectedFields(en.value, out))
      );
    case "comprehensionExpr": {
      const c = k.value;
      return [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result].every((x) =>
        !x || selectedFields(x, out)
      );
    }
    default:
      return true;
  }
}

/** The CEL runtime handle (see `loadCel`). */
export interface CelRuntimeImpl {
  readonly kind: "cel-runtime";
  /** Compiles the `x-kubernetes-validations` of every node of a tree, storing them on the nodes. */
  compileTree(root: Node): void;
  /** An RE2 matcher for patterns JavaScript cannot express, or the RE2 parse error. */
  re2(pattern: string): PatternMatcher | Error;
  /** Go's `regexp.Compile` error text for a pattern, or `undefined` when it compiles. */
  regexError(pattern: string): string | undefined;
  /** Normalizes a rule `fieldPath` against a node: the field path, or an error. */
  fieldPath(path: string, node: Node): { path: string } | { error: string };
}

function compareValues(a: unknown, b: unknown): number {
  if (isCelUint(a)) a = a.value;
  if (isCelUint(b)) b = b.value;
  if (typeof a === "bigint" || typeof a === "number") {
    const x = Number(a);
    const y = Number(b as number);
    if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === "string" || typeof a === "boolean") {
    return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return a.length - b.length;
  }
  const ma = (a as { message?: { seconds: bigint; nanos: number } }).message;
  const mb = (b as { message?: { seconds: bigint; nanos: number } }).message;
  if (ma && mb) {
    if (ma.seconds !== mb.seconds) return ma.seconds < mb.seconds ? -1 : 1;
    return ma.nanos - mb.nanos;
  }
  throw new Error("no such overload");
}

function celEquals(a: unknown, b: unknown): boolean {
  if (isCelUint(a)) a = a.value;
  if (isCelUint(b)) b = b.value;
  if (
    (typeof a === "bigint" || typeof a === "number") &&
    (typeof b === "bigint" || typeof b === "number")
  ) {
    return typeof a === typeof b ? a === b : Number(a) === Number(b);
  }
  if (a === b) return true;
  if (isCelList(a) && isCelList(b)) {
    if (a.size !== b.size) return false;
    for (let i = 0; i < a.size; i++) if (!celEquals(a.get(i), b.get(i))) return false;
    return true;
  }
  if (isCelMap(a) && isCelMap(b)) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !celEquals(v, b.get(k))) return false;
    return true;
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) return compareValues(a, b) === 0;
  try {
    return compareValues(a, b) === 0;
  } catch {
    return false;
  }
}

/** Creates the CEL runtime: one environment shared by every schema compiled with it. */
export function createRuntime(): CelRuntimeImpl {
  const regexCache = new Map<string, PatternMatcher>();
  // A plain environment: its built-in `matches` runs the RE2 engine, used as the fallback.
  const stdEnv = celEnv({ funcs: strings });
  const re2Matches = plan(stdEnv, parse("s.matches(p)")) as unknown as Program;
  const tsOf = plan(stdEnv, parse("timestamp(s)")) as unknown as Program;
  const durOf = plan(stdEnv, parse("duration(s)")) as unknown as Program;

  function regexError(pattern: string): string | undefined {
    const r = re2Matches({ s: "", p: pattern });
    return isCelError(r) ? r.message : undefined;
  }

  function re2(pattern: string): PatternMatcher | Error {
    const err = regexError(pattern);
    if (err !== undefined) return new Error(err);
    return {
      test(s: string): boolean {
        return re2Matches({ s, p: pattern }) === true;
      },
    };
  }

  function matcher(pattern: string): PatternMatcher {
    let m = regexCache.get(pattern);
    if (!m) {
      const js = compileJsRegex(pattern);
      if (js) m = js;
      else {
        const r = re2(pattern);
        if (r instanceof Error) throw r;
        m = r;
      }
      if (regexCache.size > 1000) regexCache.clear();
      regexCache.set(pattern, m);
    }
    return m;
  }

  function globalRegex(pattern: string): RegExp {
    const js = compileJsRegex(pattern);
    if (!js) {
      const err = regexError(pattern);
      throw new Error(err ?? `unsupported regular expression: ${pattern}`);
    }
    return new RegExp(js.source, js.flags + "g");
  }

  function items(list: unknown): unknown[] {
    if (!isCelList(list)) throw new Error("no such overload");
    return [...list];
  }

  const mine: CelFunc[] = [
    ...strings,
    celMethod("isSorted", listType(CelScalar.DYN), [], CelScalar.BOOL, function () {
      const xs = items(this);
      for (let i = 1; i < xs.length; i++) if (compareValues(xs[i - 1], xs[i]) > 0) return false;
      return true;
    }),
    celMethod("sum", listType(CelScalar.DYN), [], CelScalar.DYN, function () {
      const xs = items(this);
      if (xs.length === 0) return 0n;
      let acc = xs[0];
      for (let i = 1; i < xs.length; i++) {
        const x = xs[i];
        if (typeof acc === "bigint" && typeof x === "bigint") {
          const s: bigint = acc + x;
          if (s > 9223372036854775807n || s < -9223372036854775808n) {
            throw new Error("integer overflow");
          }
          acc = s;
        } else if (typeof acc === "number" && typeof x === "number") acc = acc + x;
        else if (isCelUint(acc) && isCelUint(x)) acc = { ...acc, value: acc.value + x.value };
        else {
          const a = (acc as { message?: { seconds: bigint; nanos: number } }).message;
          const b = (x as { message?: { seconds: bigint; nanos: number } }).message;
          if (!a || !b) throw new Error("no such overload");
          const ns = (a.seconds + b.seconds) * 1000000000n + BigInt(a.nanos + b.nanos);
          acc = durOf({ s: `${ns}ns` });
        }
      }
      return acc as bigint;
    }),
    ...(["min", "max"] as const).map((op) =>
      celMethod(op, listType(CelScalar.DYN), [], CelScalar.DYN, function () {
        const xs = items(this);
        if (xs.length === 0) throw new Error(`${op} called on empty list`);
        let best = xs[0];
        for (let i = 1; i < xs.length; i++) {
          const c = compareValues(best, xs[i]);
          if ((op === "min" && c > 0) || (op === "max" && c < 0)) best = xs[i];
        }
        return best as bigint;
      })
    ),
    celMethod("indexOf", listType(CelScalar.DYN), [CelScalar.DYN], CelScalar.INT, function (x) {
      const xs = items(this);
      for (let i = 0; i < xs.length; i++) if (celEquals(xs[i], x)) return BigInt(i);
      return -1n;
    }),
    celMethod(
      "lastIndexOf",
      listType(CelScalar.DYN),
      [CelScalar.DYN],
      CelScalar.INT,
      function (x) {
        const xs = items(this);
        for (let i = xs.length - 1; i >= 0; i--) if (celEquals(xs[i], x)) return BigInt(i);
        return -1n;
      },
    ),
    celMethod("find", CelScalar.STRING, [CelScalar.STRING], CelScalar.STRING, function (p) {
      const m = globalRegex(p).exec(this);
      return m ? m[0] : "";
    }),
    celMethod(
      "findAll",
      CelScalar.STRING,
      [CelScalar.STRING],
      listType(CelScalar.STRING),
      function (p) {
        return celList([...this.matchAll(globalRegex(p))].map((m) => m[0]));
      },
    ),
    celMethod(
      "findAll",
      CelScalar.STRING,
      [CelScalar.STRING, CelScalar.INT],
      listType(CelScalar.STRING),
      function (p, n) {
        if (n === 0n) return celList([]);
        const all = [...this.matchAll(globalRegex(p))].map((m) => m[0]);
        return celList(n < 0n ? all : all.slice(0, Number(n)));
      },
    ),
    celFunc("matches", [CelScalar.STRING, CelScalar.STRING], CelScalar.BOOL, (x, p) => {
      return matcher(p).test(x);
    }),
    celMethod("matches", CelScalar.STRING, [CelScalar.STRING], CelScalar.BOOL, function (p) {
      return matcher(p).test(this);
    }),
    celFunc("optional.of", [CelScalar.DYN], CelScalar.DYN, (x) => some(x)),
    celFunc("optional.none", [], CelScalar.DYN, () => none()),
    celFunc("optional.ofNonZeroValue", [CelScalar.DYN], CelScalar.DYN, (x) => {
      const zero = x === null || x === false || x === 0n || x === 0 || x === "" ||
        (isCelList(x) && x.size === 0) || (isCelMap(x) && x.size === 0) ||
        (isCelUint(x) && x.value === 0n);
      return zero ? none() : some(x);
    }),
    celMethod("hasValue", CelScalar.DYN, [], CelScalar.BOOL, function () {
      if (!isOptional(this)) throw new Error("no such overload");
      return hasValue(this);
    }),
    celMethod("value", CelScalar.DYN, [], CelScalar.DYN, function () {
      if (!isOptional(this)) throw new Error("no such overload");
      if (!hasValue(this)) throw new Error("optional.none() dereference");
      return this.get(OPT) as bigint;
    }),
    celMethod("orValue", CelScalar.DYN, [CelScalar.DYN], CelScalar.DYN, function (x) {
      if (!isOptional(this)) throw new Error("no such overload");
      return (hasValue(this) ? this.get(OPT) : x) as bigint;
    }),
    celMethod("or", CelScalar.DYN, [CelScalar.DYN], CelScalar.DYN, function (x) {
      if (!isOptional(this)) throw new Error("no such overload");
      return (hasValue(this) ? this : x) as bigint;
    }),
  ];

  // Every function charges its cost when called (see ./meter.ts): the standard library's are
  // re-registered wrapped (a function with the same id replaces the original), and equality
  // and `in` are replaced again by versions that know the library types.
  const std = celEnv();
  const stdEquals = std.funcs.find("_==_")!;
  const equals = makeEquals((a, b) => stdEquals.call(0, undefined, [a, b] as never) === true);
  const env: CelEnv = celEnv({
    funcs: [
      ...std.funcs,
      ...mine,
      ...libraryFuncs(equals, std.funcs.find("@in")!),
    ].map(costed).concat(tickFuncs),
  });

  function timestampOf(s: string): unknown {
    const d = parseFullDate(s);
    if (d && s.length === 10) return tsOf({ s: `${s}T00:00:00Z` });
    // strfmt.ParseDateTime accepts RFC 3339 with or without a zone; CEL needs one.
    const withZone = /([zZ]|[+-]\d{2}:\d{2})$/.test(s) ? s : `${s}Z`;
    return tsOf({ s: withZone.replace(/^(\d{4}-\d{2}-\d{2})[tT ]/, "$1T").replace(/z$/, "Z") });
  }

  /** Converts a decoded JSON value to a CEL value of type `t`. */
  function toCel(t: CelType, v: unknown): unknown {
    if (v === null || v === undefined) return null;
    switch (t.kind) {
      case "int":
        return typeof v === "number" ? BigInt(Math.trunc(v)) : v;
      case "double":
        return typeof v === "bigint" ? Number(v) : v;
      case "bytes":
        if (typeof v === "string") {
          try {
            return Uint8Array.from(atob(v), (c) => c.charCodeAt(0));
          } catch {
            return v;
          }
        }
        return v;
      case "duration": {
        if (typeof v !== "string") return v;
        const ns = parseDuration(v);
        return ns === undefined ? v : durOf({ s: `${Math.round(ns)}ns` });
      }
      case "timestamp":
        return typeof v === "string" ? timestampOf(v) : v;
      case "list": {
        if (!Array.isArray(v)) return v;
        const out = new Array(v.length);
        for (let i = 0; i < v.length; i++) out[i] = toCel(t.elem, v[i]);
        return out;
      }
      case "map": {
        if (typeof v !== "object" || Array.isArray(v)) return v;
        const out = new Map<string, unknown>();
        for (const k of Object.keys(v)) {
          out.set(k, toCel(t.value, (v as Record<string, unknown>)[k]));
        }
        return out;
      }
      case "object": {
        if (typeof v !== "object" || Array.isArray(v)) return v;
        const obj = v as Record<string, unknown>;
        const out = new Map<string, unknown>();
        for (const [name, f] of t.fields) {
          if (Object.hasOwn(obj, f.prop)) out.set(name, toCel(f.type, obj[f.prop]));
        }
        return out;
      }
      case "dyn":
        return toDyn(v);
      default:
        return v;
    }
  }

  function toDyn(v: unknown): unknown {
    if (v === null || v === undefined) return null;
    if (typeof v === "number") return Number.isInteger(v) ? BigInt(v) : v;
    if (Array.isArray(v)) return v.map(toDyn);
    if (typeof v === "object") {
      const out = new Map<string, unknown>();
      for (const [k, x] of Object.entries(v)) out.set(k, toDyn(x));
      return out;
    }
    return v;
  }

  function compile(
    text: string,
    vars: ReadonlyMap<string, CelType>,
    size: DeclSize | undefined,
  ): Compiled {
    // Optional selects (`a.?b`, `a[?0]`) are rewritten into syntax the parser reads.
    const rewritten = rewriteOptionalSyntax(text);
    const source = rewritten?.source ?? text;
    const original = (offset: number) => rewritten ? rewritten.original(offset) : offset;
    let parsed: { expr: Expr };
    try {
      parsed = parse(source) as unknown as { expr: Expr };
    } catch (e) {
      const err = e as {
        rawMessage?: string;
        message: string;
        location?: { start: { offset: number } };
      };
      const offset = original(err.location?.start.offset ?? 0);
      return {
        ok: false,
        detail: formatIssues(text, [{
          offset,
          message: `Syntax error: ${err.rawMessage ?? err.message}`,
        }]),
      };
    }
    const positions = (parsed as unknown as { sourceInfo?: { positions: Record<string, number> } })
      .sourceInfo?.positions ?? {};
    let next = maxId(parsed.expr);
    const nextId = () => ++next;
    const root = rewritten ? restoreOptionalCalls(parsed.expr, nextId) : parsed.expr;
    const res = checkExpr(root, vars);
    if (res.issues.length) {
      return {
        ok: false,
        detail: formatIssues(
          text,
          res.issues.map((i) => ({
            offset: original(anchorOffset(source, positions[String(i.id)] ?? 0, i.anchor)),
            message: i.message,
          })),
        ),
      };
    }
    const constRegexError = checkConstantRegexes(root);
    if (constRegexError) return { ok: false, detail: constRegexError };
    const used = new Set<string>();
    const fields = selectedFields(root, used) ? used : "all";
    const maxCost = estimateCost(root, res.info, size);
    // Constant subtrees are evaluated now and read from variables, as cel-go folds them.
    const consts: Record<string, unknown> = {};
    let foldError: string | undefined;
    const fold = (e: Expr) => {
      const name = `@k1s.const${Object.keys(consts).length}`;
      const v = (plan(env, e as never) as unknown as Program)({});
      if (isCelError(v)) foldError ??= mapError(v.message);
      consts[name] = v;
      return { name, value: v };
    };
    const planned = plan(env, instrument(root, { info: res.info, nextId, fold }) as never);
    if (foldError !== undefined) {
      return { ok: false, detail: `program instantiation failed: ${foldError}` };
    }
    const program: Program = Object.keys(consts).length
      ? (vars) => (planned as unknown as Program)({ ...vars, ...consts })
      : planned as unknown as Program;
    return { ok: true, program, type: res.type, usesOldSelf: res.usesOldSelf, fields, maxCost };
  }

  /** cel-go compiles constant regexes when the program is built, so a bad one fails early. */
  function checkConstantRegexes(e: Expr): string | undefined {
    const k = e.exprKind;
    if (k.case === "callExpr") {
      const fn = k.value.function;
      if (fn === "matches" || fn === "find" || fn === "findAll") {
        const arg = k.value.target ? k.value.args[0] : k.value.args[1];
        const c = arg?.exprKind;
        if (c?.case === "constExpr" && c.value.constantKind.case === "stringValue") {
          const err = regexError(c.value.constantKind.value as string);
          if (err) return `program instantiation failed: ${err}`;
        }
      }
      for (const a of [k.value.target, ...k.value.args]) {
        if (a) {
          const r = checkConstantRegexes(a);
          if (r) return r;
        }
      }
    } else if (k.case === "comprehensionExpr") {
      for (
        const a of [k.value.iterRange, k.value.loopStep, k.value.result, k.value.loopCondition]
      ) {
        if (a) {
          const r = checkConstantRegexes(a);
          if (r) return r;
        }
      }
    } else if (k.case === "selectExpr" && k.value.operand) {
      return checkConstantRegexes(k.value.operand);
    } else if (k.case === "listExpr") {
      for (const a of k.value.elements) {
        const r = checkConstantRegexes(a);
        if (r) return r;
      }
    }
    return undefined;
  }

  function compileRule(
    rule: ValidationRule,
    selfType: CelType,
    node: Node,
    used: { fields: Set<string> | "all" },
    size: DeclSize | undefined,
  ): CompiledRule {
    const out: CompiledRule = { rule, usesOldSelf: false, fieldPath: "" };
    if (rule.fieldPath) {
      const fp = fieldPath(rule.fieldPath, node);
      if ("path" in fp) out.fieldPath = fp.path;
    }
    if (rule.rule.trim() === "") return out;
    const optionalOld = rule.optionalOldSelf === true;
    const vars = new Map<string, CelType>([
      ["self", selfType],
      ["oldSelf", optionalOld ? { kind: "opt", elem: selfType } : selfType],
    ]);
    const c = compile(rule.rule, vars, size);
    if (!c.ok) {
      out.error = { type: "Invalid", detail: `compilation failed: ${c.detail}` };
      if (c.detail.startsWith("program instantiation failed")) {
        out.error.detail = c.detail;
      }
      return out;
    }
    if (c.type !== BOOL && c.type.kind !== "bool") {
      out.error = { type: "Invalid", detail: "cel expression must evaluate to a bool" };
      return out;
    }
    out.usesOldSelf = c.usesOldSelf;
    out.maxCost = c.maxCost;
    out.evaluate = wrap(c.program);
    merge(used, c.fields);
    if (rule.messageExpression) {
      const mc = compile(rule.messageExpression, vars, size);
      if (!mc.ok) {
        out.messageExpressionError = {
          type: "Invalid",
          detail: mc.detail.startsWith("program instantiation failed")
            ? mc.detail
            : `messageExpression compilation failed: ${mc.detail}`,
        };
      } else if (mc.type.kind !== STRING.kind) {
        out.messageExpressionError = {
          type: "Invalid",
          detail: "messageExpression must evaluate to a string",
        };
      } else {
        out.message = wrap(mc.program);
        out.messageMaxCost = mc.maxCost;
        merge(used, mc.fields);
      }
    }
    return out;
  }

  function merge(used: { fields: Set<string> | "all" }, f: Set<string> | "all"): void {
    if (used.fields === "all") return;
    if (f === "all") used.fields = "all";
    else for (const x of f) used.fields.add(x);
  }

  /** An evaluation function that counts the program's cost and stops it at the per-call limit. */
  function wrap(program: Program): (activation: unknown) => EvalResult {
    return (activation: unknown) => {
      meter.cost = 0;
      meter.limit = PER_CALL_LIMIT;
      meter.exceeded = false;
      let r: unknown;
      try {
        r = program(activation as Record<string, unknown>);
      } finally {
        meter.limit = Infinity;
      }
      const cost = meter.cost;
      if (meter.exceeded) return { error: COST_LIMIT_ERROR, cost };
      if (isCelError(r)) return { error: mapError(r.message), cost };
      return { value: r, cost };
    };
  }

  function compileNodeRules(node: Node): NodeRules | undefined {
    const rules = node.s["x-kubernetes-validations"];
    if (!rules?.length) return undefined;
    const t = declType(node, node.resourceRoot);
    if (!t) {
      const detail =
        `rule declared on schema that does not support validation rules type: '${node.type}' x-kubernetes-preserve-unknown-fields: '${node.preserveUnknown}'`;
      return {
        rules: rules.map((rule) => ({
          rule,
          usesOldSelf: false,
          fieldPath: "",
          error: { type: "Internal", detail },
        })),
        usesOldSelf: false,
        maxCardinality: 0n,
        bind: () => ({ plain: undefined, optional: undefined }),
      };
    }
    const used: { fields: Set<string> | "all" } = { fields: new Set() };
    const size = declSize(node, node.resourceRoot);
    const compiled = rules.map((r) => compileRule(r, t, node, used, size));
    const usesOldSelf = compiled.some((r) => r.usesOldSelf);
    const optional = rules.some((r) => r.optionalOldSelf === true);
    // Objects are converted field by field; only the fields the rules select are needed.
    const conv: CelType = t.kind === "object" && used.fields !== "all"
      ? {
        kind: "object",
        name: t.name,
        fields: new Map([...t.fields].filter(([k]) => (used.fields as Set<string>).has(k))),
      }
      : t;
    return {
      rules: compiled,
      usesOldSelf,
      maxCardinality: size ? maxCardinality(size) : 0n,
      bind(self: unknown, oldSelf: unknown, hasOld: boolean) {
        const s = toCel(conv, self);
        const plain: Record<string, unknown> = { self: s };
        if (usesOldSelf && hasOld) plain.oldSelf = toCel(conv, oldSelf);
        if (!optional) return { plain, optional: plain };
        const old = hasOld ? some(plain.oldSelf ?? toCel(conv, oldSelf)) : undefined;
        return { plain, optional: { self: s, oldSelf: old ?? none() } };
      },
    };
  }

  function fieldPath(path: string, node: Node): { path: string } | { error: string } {
    return validFieldPath(path, node);
  }

  return {
    kind: "cel-runtime",
    compileTree(root: Node): void {
      const visit = (n: Node) => {
        if (!n.subtreeRules) return;
        n.cel = compileNodeRules(n);
        if (n.properties) { for (const c of n.properties.values()) visit(c); }
        if (typeof n.additional === "object") visit(n.additional);
        if (n.items) visit(n.items);
      };
      visit(root);
    },
    re2,
    regexError,
    fieldPath,
  };
}

/** Maps @bufbuild/cel's evaluation errors to cel-go's wording, which Kubernetes prints. */
export function mapError(message: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^field not found: (.*)$/s.exec(message))) return `no such key: ${m[1]}`;
  if (/divide by zero/.test(message)) return "division by zero";
  if (/modulus by zero/.test(message)) return "modulus by zero";
  if (/^uint overflow/.test(message)) return "unsigned integer overflow";
  if (/overflow/.test(message)) return "integer overflow";
  if ((m = /^index (-?\d+) out of bounds/.exec(message))) return `index '${m[1]}' out of range`;
  if (/^found no matching overload|^unbound function|^no such overload/.test(message)) {
    return "no such overload";
  }
  return message;
}

/**
 * apiextensions' `ValidFieldPath`: a JSONPath of field (`.a`) and map (`['k']`) accessors that
 * names a field of the schema, as a field path (`a.b`, `a[k]`).
 */
export function validFieldPath(path: string, root: Node): { path: string } | { error: string } {
  const tokens: string[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === "." || c === "[" || c === "]") {
      tokens.push(c);
      i++;
    } else if (c === "'") {
      let j = i + 1;
      while (j < path.length && !(path[j] === "'" && path[j - 1] !== "\\")) j++;
      tokens.push(path.slice(i, j + 1));
      i = j + 1;
    } else {
      let j = i;
      while (j < path.length && !".[]".includes(path[j])) j++;
      tokens.push(path.slice(i, j));
      i = j;
    }
  }
  let out: string | undefined;
  let node: Node | undefined = root;
  const append = (name: string, named: boolean): string | undefined => {
    if (!named) {
      out = `${out ?? ""}[${name}]`;
      node = typeof node!.additional === "object" ? node!.additional : undefined;
      return undefined;
    }
    out = out === undefined ? name : `${out}.${name}`;
    const p: Node | undefined = node!.properties?.get(name);
    if (!p) return "does not refer to a valid field";
    node = p;
    return undefined;
  };
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    if (tok === "[") {
      const lit = tokens[++t];
      if (lit === undefined) return { error: "unexpected end of JSON path" };
      if (lit.length < 2 || lit[0] !== "'" || lit[lit.length - 1] !== "'") {
        return { error: `expected single quoted string but got ${lit}` };
      }
      const name = lit.slice(1, -1).replace(/\\(.)/g, "$1");
      if (!node) return { error: "does not refer to a valid field" };
      const named = node.properties !== undefined;
      if (!named && node.additional === undefined) {
        return { error: "does not refer to a valid field" };
      }
      const err = append(name, named);
      if (err) return { error: err };
      if (tokens[++t] !== "]") return { error: `expected ] but got ${tokens[t] ?? ""}` };
    } else if (tok === ".") {
      const name = tokens[++t];
      if (name === undefined) return { error: "unexpected end of JSON path" };
      if (!node) return { error: "does not refer to a valid field" };
      const named = node.properties !== undefined;
      if (!named && node.additional === undefined) {
        return { error: "does not refer to a valid field" };
      }
      const err = append(name, named);
      if (err) return { error: err };
    } else {
      return { error: `expected [ or . but got: ${tok}` };
    }
  }
  return { path: out ?? "" };
}

let shared: CelRuntimeImpl | undefined;

/** The runtime shared by every caller of `loadCel` in this process. */
export function sharedRuntime(): CelRuntimeImpl {
  return shared ??= createRuntime();
}

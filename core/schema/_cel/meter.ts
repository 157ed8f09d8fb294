// Copyright 2026 the k1s authors. Apache-2.0 license.
// Runtime cost tracking, as cel-go's `CostTracker` with Kubernetes' `CostEstimator.CallCost`.
// @bufbuild/cel has no cost hooks, so the evaluator is made to report its work: every function
// is wrapped to charge its call cost, and the checked tree is rewritten so identifiers, field
// selections, indexes and list/map literals pass through small charging functions. Evaluation
// stops (with cel-go's `operation cancelled: actual cost limit exceeded`) once the running
// cost passes the limit; the charge that crosses it throws, and the flag catches errors a
// `||` might otherwise absorb.
import {
  type CelFunc,
  celFunc,
  celMethod,
  CelScalar,
  isCelError,
  isCelList,
  isCelMap,
  isCelUint,
} from "@bufbuild/cel";
import type { CheckInfo, Expr } from "./checker.ts";

/** cel-go's error when the per-call cost limit is reached. */
export const COST_LIMIT_ERROR = "operation cancelled: actual cost limit exceeded";

/** The cost counter of the evaluation in progress (evaluation is synchronous). */
export const meter: { cost: number; limit: number; exceeded: boolean } = {
  cost: 0,
  limit: Infinity,
  exceeded: false,
};

/** Adds `n` to the running cost; throws once the limit is passed. */
export function charge(n: number): void {
  meter.cost += n;
  if (meter.cost > meter.limit) {
    meter.exceeded = true;
    throw new Error(COST_LIMIT_ERROR);
  }
}

/** The charging function the instrumented tree calls: `@k1s.tick(value, cost)`. */
const TICK = "@k1s.tick";

/** The charging function (its own calls are free). */
export const tickFuncs: CelFunc[] = [
  celFunc(TICK, [CelScalar.DYN, CelScalar.INT], CelScalar.DYN, (x, n) => {
    charge(Number(n));
    return x;
  }),
];

function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n++;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** cel-go's `actualSize`: the size of strings, bytes, lists and maps, else 1. */
export function actualSize(v: unknown): number {
  if (typeof v === "string") return runeCount(v);
  if (v instanceof Uint8Array) return v.length;
  if (Array.isArray(v)) return v.length;
  if (isCelList(v) || isCelMap(v)) return v.size;
  return 1;
}

/** Kubernetes' `traversalCost`: the cost of walking a value as a tree. */
function traversalCost(v: unknown): number {
  if (typeof v === "string") return Math.trunc(byteLength(v) * 0.1);
  if (v instanceof Uint8Array) return Math.trunc(v.length * 0.1);
  if (Array.isArray(v) || isCelList(v)) {
    let c = 0;
    for (const x of v as Iterable<unknown>) c += traversalCost(x);
    return c;
  }
  if (isCelMap(v)) {
    let c = 0;
    for (const [k, x] of v) c += traversalCost(k) + traversalCost(x);
    return c;
  }
  return 1;
}

const trav = (v: unknown, f = 0.1) => Math.ceil(actualSize(v) * f);
const isText = (v: unknown) => typeof v === "string" || v instanceof Uint8Array;

const SETS: Record<string, number> = {
  "sets.contains": 1,
  "sets.intersects": 1,
  "sets.equivalent": 2,
};

/**
 * The runtime cost of one call: Kubernetes' `CallCost` first, then cel-go's `costCall`.
 *
 * @param args For member calls, the receiver first (as cel-go passes them).
 */
export function callCost(name: string, member: boolean, args: unknown[], result: unknown): number {
  const sets = SETS[name];
  if (sets !== undefined) return 1 + Math.trunc(actualSize(args[0]) * actualSize(args[1]) * sets);
  // cel-go plans these as short-circuiting steps, not calls.
  if (name === IN_SET || name === "or" || name === "orValue") return 0;
  // An optional field or index that is absent ends the attribute before its qualifier counts.
  if (name === OPT_SELECT || name === OPT_INDEX) {
    return isCelMap(result) && [...result.keys()].includes(OPT) ? 1 : 0;
  }
  switch (name) {
    case "isSorted":
    case "sum":
    case "max":
    case "min":
    case "indexOf":
    case "lastIndexOf":
      return args.length > 0 ? traversalCost(args[0]) : 0;
    case "url":
    case "lowerAscii":
    case "upperAscii":
    case "substring":
    case "trim":
    case "cidr":
    case "isIP":
    case "isCIDR":
    case "quantity":
    case "isQuantity":
      return trav(args[0]);
    case "replace":
    case "split":
      return trav(args[0], 0.2);
    case "join":
      return trav(result, 0.2);
    case "find":
    case "findAll":
      return Math.ceil((1 + actualSize(args[0])) * 0.1) * trav(args[1], 0.25);
    case "ip":
      return member ? 1 : trav(args[0]);
    case "ip.isCanonical":
      return trav(args[0], 0.2);
    case "masked":
    case "prefixLength":
    case "family":
    case "isUnspecified":
    case "isLoopback":
    case "isLinkLocalMulticast":
    case "isLinkLocalUnicast":
    case "sign":
    case "asInteger":
    case "isInteger":
    case "asApproximateFloat":
    case "isGreaterThan":
    case "isLessThan":
    case "compareTo":
    case "add":
    case "sub":
      return 1;
    case "containsIP":
    case "containsCIDR": {
      const c = actualSize(args[0]);
      let cost = Math.ceil((c + c) * 0.1);
      if (name === "containsCIDR") cost += Math.ceil(c * 0.1) + 1;
      if (typeof args[1] === "string") cost += trav(args[1]);
      return cost;
    }
    // cel-go's defaults
    case "startsWith":
    case "endsWith":
    case "strings.quote":
    case "format":
      return trav(args[0]);
    case "bytes":
      return typeof args[0] === "string" ? trav(args[0]) : 1;
    case "string":
      return args[0] instanceof Uint8Array ? trav(args[0]) : 1;
    case "@in":
      return Array.isArray(args[1]) || isCelList(args[1]) ? actualSize(args[1]) : 1;
    case "_==_":
    case "_!=_":
      return Math.ceil(Math.min(actualSize(args[0]), actualSize(args[1])) * 0.1);
    case "_<_":
    case "_<=_":
    case "_>_":
    case "_>=_":
      return isText(args[0]) && isText(args[1])
        ? Math.ceil(Math.min(actualSize(args[0]), actualSize(args[1])) * 0.1)
        : 1;
    case "_+_":
      return isText(args[0]) && isText(args[1])
        ? Math.ceil((actualSize(args[0]) + actualSize(args[1])) * 0.1)
        : 1;
    case "matches":
      return member ? Math.ceil((1 + actualSize(args[0])) * 0.1) * trav(args[1], 0.25) : 1;
    case "contains":
      return typeof args[0] === "string" ? trav(args[0]) * trav(args[1]) : 1;
  }
  return 1;
}

/** Wraps a function so each call charges its cost. */
export function costed(f: CelFunc): CelFunc {
  const name = f.name;
  const member = f.target !== undefined;
  function impl(this: unknown, ...args: unknown[]): unknown {
    const r = f.call(0, (member ? this : undefined) as never, args as never);
    if (r === undefined) throw new Error("no such overload");
    charge(callCost(name, member, member ? [this, ...args] : args, r));
    if (isCelError(r)) throw r;
    return r;
  }
  return member
    ? celMethod(name, f.target!, f.arguments, f.result, impl as never)
    : celFunc(name, f.arguments, f.result, impl as never);
}

function call(id: bigint, fn: string, args: Expr[]): Expr {
  return { id, exprKind: { case: "callExpr", value: { function: fn, args } } } as Expr;
}

/** The key of the one-entry map that holds an optional's value (see ./library.ts). */
export const OPT = "\u0000optional";
/** The key of the one-entry map that is an empty optional. */
export const NONE = "\u0000none";

/** Function names of the optional operators, as the evaluator implements them. */
export const OPT_SELECT = "@k1s.optSelect";
/** `opt.field` on an optional value: none stays none, a missing field is an error. */
export const OPT_SELECT_STRICT = "@k1s.optSelectStrict";
/** `x[?k]`. */
export const OPT_INDEX = "@k1s.optIndex";

/** cel-go's type conversion functions, which it folds when the argument is a constant. */
const CONVERSIONS = new Set([
  "bool",
  "bytes",
  "double",
  "duration",
  "dyn",
  "int",
  "string",
  "timestamp",
  "type",
  "uint",
]);

/** What {@linkcode instrument} needs besides the tree. */
export interface InstrumentContext {
  info: CheckInfo;
  nextId: () => bigint;
  /**
   * Evaluates a constant subtree once, as cel-go's `OptOptimize` does, returning the name of
   * the variable that holds its value (or an Error, which fails the program).
   */
  fold: (e: Expr) => { name: string; value: unknown };
}

/** Whether cel-go's planner turns a node into a constant (literals, and folds of them). */
function isConstant(e: Expr, info: CheckInfo): boolean {
  const k = e.exprKind;
  switch (k.case) {
    case "constExpr":
      return true;
    case "identExpr":
    case "selectExpr":
      return info.typeNames.has(e.id);
    case "listExpr":
      return k.value.elements.every((x) => isConstant(x, info));
    case "structExpr":
      return !k.value.messageName &&
        k.value.entries.every((en) =>
          en.keyKind.case === "mapKey" && isConstant(en.keyKind.value as Expr, info) &&
          en.value !== undefined && isConstant(en.value, info)
        );
    case "callExpr":
      return !k.value.target && k.value.args.length === 1 && CONVERSIONS.has(k.value.function) &&
        isConstant(k.value.args[0], info);
  }
  return false;
}

/** Whether cel-go plans a node as an attribute (identifier, field and index chains). */
function isAttribute(e: Expr): boolean {
  const k = e.exprKind;
  return k.case === "identExpr" || (k.case === "selectExpr" && !k.value.testOnly) ||
    (k.case === "callExpr" && k.value.function === "_[_]");
}

function isPrimitive(v: unknown): boolean {
  return typeof v === "string" || typeof v === "bigint" || typeof v === "number" ||
    typeof v === "boolean" || isCelUint(v);
}

function intConst(id: bigint, value: number): Expr {
  return {
    id,
    exprKind: {
      case: "constExpr",
      value: { constantKind: { case: "int64Value", value: BigInt(value) } },
    },
  } as Expr;
}

/**
 * Rewrites a checked tree for evaluation: optional selects and indexes become calls of the
 * evaluator's functions, constant subtrees are evaluated once, and every node that costs
 * something at runtime in cel-go (`interpreter.CostTracker` with `OptOptimize`) charges it.
 */
export function instrument(e: Expr, ctx: InstrumentContext): Expr {
  const { info, nextId } = ctx;
  const tick = (
    x: Expr,
    n: number,
  ) => (n > 0 ? call(nextId(), TICK, [x, intConst(nextId(), n)]) : x);
  const visit = (x: Expr) => instrument(x, ctx);
  const k = e.exprKind;
  if (k.case === "constExpr") return e;
  if (isConstant(e, info)) {
    const { name } = ctx.fold(e);
    return { id: e.id, exprKind: { case: "identExpr", value: { name } } } as Expr;
  }
  switch (k.case) {
    case "identExpr":
      return attribute(e, ctx, 0);
    case "selectExpr": {
      if (k.value.testOnly) {
        // has(): the operand costs what it does; the presence test is free.
        k.value.operand = visit(k.value.operand!);
        return e;
      }
      if (info.types.get(k.value.operand!.id)?.kind !== "opt") return attribute(e, ctx, 0);
      const field = {
        id: nextId(),
        exprKind: {
          case: "constExpr",
          value: { constantKind: { case: "stringValue", value: k.value.field } },
        },
      } as Expr;
      return tick(call(e.id, OPT_SELECT_STRICT, [visit(k.value.operand!), field]), 1);
    }
    case "callExpr": {
      const v = k.value;
      const args = v.args;
      if (v.function === "_[_]") return attribute(e, ctx, 0);
      if (v.function === "@in" && isConstant(args[1], info)) {
        // A constant list of primitives becomes a set: the lookup costs nothing.
        const list = ctx.fold(args[1]);
        const items = Array.isArray(list.value)
          ? list.value
          : isCelList(list.value)
          ? [...list.value]
          : undefined;
        if (items?.length === 0) {
          return {
            id: e.id,
            exprKind: {
              case: "constExpr",
              value: { constantKind: { case: "boolValue", value: false } },
            },
          } as Expr;
        }
        if (items?.every(isPrimitive)) {
          v.function = IN_SET;
          v.args = [visit(args[0]), visit(args[1])];
          return e;
        }
      }
      if (!info.qualified.has(e.id) && v.target) v.target = visit(v.target);
      if (v.function === "_?_:_") {
        // The branches are resolved as attributes, without the attribute's own charge.
        const branch = (x: Expr) =>
          isAttribute(x) && !isConstant(x, info) && !isOptSelect(x, info)
            ? attribute(x, ctx, -1)
            : visit(x);
        v.args = [visit(args[0]), branch(args[1]), branch(args[2])];
        return e;
      }
      v.args = args.map(visit);
      switch (v.function) {
        case "_?._":
          v.function = OPT_SELECT;
          return e;
        case "_[?_]":
          v.function = OPT_INDEX;
          return e;
        case "@not_strictly_false":
          return tick(e, 1);
      }
      return e;
    }
    case "listExpr":
      k.value.elements = k.value.elements.map(visit);
      return tick(e, 10);
    case "structExpr":
      for (const en of k.value.entries) {
        if (en.keyKind.case === "mapKey") en.keyKind.value = visit(en.keyKind.value as Expr);
        if (en.value) en.value = visit(en.value);
      }
      return tick(e, k.value.messageName ? 40 : 30);
    case "comprehensionExpr": {
      const c = k.value;
      c.iterRange = visit(c.iterRange!);
      c.accuInit = visit(c.accuInit!);
      c.loopCondition = visit(c.loopCondition!);
      c.loopStep = visit(c.loopStep!);
      c.result = visit(c.result!);
      return e;
    }
  }
  return e;
}

function isOptSelect(e: Expr, info: CheckInfo): boolean {
  const k = e.exprKind;
  return k.case === "selectExpr" && info.types.get(k.value.operand!.id)?.kind === "opt";
}

/**
 * Instruments an attribute chain (`self.a[0].b`): cel-go charges 1 for the attribute and 1 per
 * constant qualifier (a computed index costs what computing it does), charged here at the root,
 * before the steps run. A chain on a computed value (`f(x).a`) costs the same on top of it.
 *
 * @param adjust Added to the charge (-1 for a conditional's branch).
 */
function attribute(e: Expr, ctx: InstrumentContext, adjust: number): Expr {
  const { info, nextId } = ctx;
  let qualifiers = 0;
  let parent: Expr | undefined;
  let cur = e;
  for (;;) {
    const k = cur.exprKind;
    if (k.case === "selectExpr" && !k.value.testOnly && !isOptSelect(cur, info)) {
      qualifiers++;
    } else if (k.case === "callExpr" && k.value.function === "_[_]") {
      if (k.value.args[1].exprKind.case === "constExpr") qualifiers++;
      else k.value.args[1] = instrument(k.value.args[1], ctx);
    } else break;
    parent = cur;
    cur = k.case === "selectExpr" ? k.value.operand! : k.value.args[0];
  }
  const isIdent = cur.exprKind.case === "identExpr" && !info.typeNames.has(cur.id);
  const root = isIdent ? cur : instrument(cur, ctx);
  const n = 1 + qualifiers + adjust;
  const charged = n > 0 ? call(nextId(), TICK, [root, intConst(nextId(), n)]) : root;
  if (!parent) return charged;
  const pk = parent.exprKind;
  if (pk.case === "selectExpr") pk.value.operand = charged;
  else if (pk.case === "callExpr") pk.value.args[0] = charged;
  return e;
}

/** Membership in a constant list, which cel-go turns into a free set lookup. */
export const IN_SET = "@k1s.inSet";

/** The largest id in a tree, so rewrites can allocate fresh ones. */
export function maxId(e: Expr | undefined): bigint {
  if (!e) return 0n;
  let m = e.id;
  const up = (x: Expr | undefined) => {
    const v = maxId(x);
    if (v > m) m = v;
  };
  const k = e.exprKind;
  switch (k.case) {
    case "selectExpr":
      up(k.value.operand);
      break;
    case "callExpr":
      up(k.value.target);
      k.value.args.forEach(up);
      break;
    case "listExpr":
      k.value.elements.forEach(up);
      break;
    case "structExpr":
      for (const en of k.value.entries) {
        if (en.keyKind.case === "mapKey") up(en.keyKind.value as Expr);
        up(en.value);
      }
      break;
    case "comprehensionExpr":
      up(k.value.iterRange);
      up(k.value.accuInit);
      up(k.value.loopCondition);
      up(k.value.loopStep);
      up(k.value.result);
      break;
  }
  return m;
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
// Static cost estimation of CEL rules, as the API server does when a CRD is written: cel-go's
// `checker.Cost` (v0.22, which Kubernetes 1.32 vendors) over the checked expression, with
// Kubernetes' `library.CostEstimator` for its functions and apiextensions' size estimator,
// which reads maxItems/maxLength/maxProperties (or a worst case derived from the 3 MiB request
// limit) from the schema. Costs are uint64 in Go and saturate; they are bigints here.
import type { Node } from "../_node.ts";
import type { CheckInfo, Expr } from "./checker.ts";
import type { Overload } from "./decls.ts";
import { type CelType, escapeName } from "./types.ts";

/** celconfig.PerCallLimit: the cost one evaluation of one expression may reach. */
export const PER_CALL_LIMIT = 1_000_000;
/** celconfig.RuntimeCELCostBudget: the cost all rules of one object may reach. */
export const RUNTIME_CEL_COST_BUDGET = 10_000_000;
/** apiextensions' StaticEstimatedCostLimit: the estimate one rule (× cardinality) may reach. */
export const STATIC_ESTIMATED_COST_LIMIT = 10_000_000n;
/** apiextensions' StaticEstimatedCRDCostLimit: the estimate all rules of a schema may reach. */
export const STATIC_ESTIMATED_CRD_COST_LIMIT = 100_000_000n;
/** celconfig.MaxRequestSizeBytes. */
const MAX_REQUEST_SIZE = 3n * 1024n * 1024n;

const MAXU = (1n << 64n) - 1n;
const TWO_64 = 2 ** 64;
const STRING_TRAVERSAL = 0.1;
const REGEX_LENGTH = 0.25;

/** A cost or size range. */
export interface Range {
  min: bigint;
  max: bigint;
}

const fixed = (n: bigint): Range => ({ min: n, max: n });
const UNKNOWN: Range = { min: 0n, max: MAXU };
const sat = (x: bigint): bigint => (x > MAXU ? MAXU : x);
const add = (a: Range, b: Range): Range => ({ min: sat(a.min + b.min), max: sat(a.max + b.max) });
const mul = (a: Range, b: Range): Range => ({ min: sat(a.min * b.min), max: sat(a.max * b.max) });
const union = (a: Range, b: Range): Range => ({
  min: a.min < b.min ? a.min : b.min,
  max: a.max > b.max ? a.max : b.max,
});

/** multiplyByCostFactor: the float product, rounded up, saturating at MaxUint64. */
function factorOf(x: bigint, f: number): bigint {
  const xf = Number(x);
  if (xf > 0 && f > 0 && xf > TWO_64 / f) return MAXU;
  const c = Math.ceil(xf * f);
  return c >= TWO_64 ? MAXU : BigInt(c);
}

const byFactor = (r: Range, f: number): Range => ({
  min: factorOf(r.min, f),
  max: factorOf(r.max, f),
});

/** The bounds apiserver's `SchemaDeclType` records for a node (`MaxElements`, `MinSerializedSize`). */
export interface DeclSize {
  maxElements: bigint;
  minSize: bigint;
  fields?: Map<string, DeclSize>;
  elem?: DeclSize;
  key?: DeclSize;
}

const zeroIfNegative = (n: number): bigint => BigInt(Math.max(0, Math.trunc(n)));
const UNBOUNDED_STRING: DeclSize = { maxElements: MAX_REQUEST_SIZE - 2n, minSize: 2n };
const MAP_KEY: DeclSize = { maxElements: 0n, minSize: 2n };

function stringSize(n: Node): DeclSize {
  const s = n.s;
  switch (s.format) {
    case "byte":
      return {
        maxElements: s.maxLength !== undefined
          ? zeroIfNegative(s.maxLength)
          : MAX_REQUEST_SIZE - 2n,
        minSize: 2n,
      };
    case "duration":
      return { maxElements: 32n, minSize: 3n };
    case "date":
      return { maxElements: 12n, minSize: 12n };
    case "date-time":
      return { maxElements: 32n, minSize: 21n };
  }
  if (s.maxLength !== undefined) {
    return { maxElements: zeroIfNegative(s.maxLength) * 4n, minSize: 2n };
  }
  if (s.enum?.length) {
    let max = 0;
    for (const v of s.enum) {
      if (typeof v === "string") max = Math.max(max, new TextEncoder().encode(v).length);
    }
    return { maxElements: BigInt(max), minSize: 2n };
  }
  return UNBOUNDED_STRING;
}

/**
 * apiserver's `SchemaDeclType` bounds for a node, or `undefined` where rules cannot see it
 * (mirrors `declType`). `resourceRoot` adds apiVersion, kind and metadata.name/generateName.
 */
export function declSize(n: Node, resourceRoot: boolean): DeclSize | undefined {
  if (n.intOrString) return { maxElements: MAX_REQUEST_SIZE - 2n, minSize: 1n };
  switch (n.type) {
    case "array": {
      if (!n.items) return undefined;
      const elem = declSize(n.items, n.items.embedded);
      if (!elem) return undefined;
      const max = n.s.maxItems !== undefined
        ? zeroIfNegative(n.s.maxItems)
        : (MAX_REQUEST_SIZE - 2n) / (elem.minSize + 1n);
      return { maxElements: max, minSize: 2n, elem };
    }
    case "object": {
      if (typeof n.additional === "object") {
        const elem = declSize(n.additional, n.additional.embedded);
        if (!elem) return undefined;
        const max = n.s.maxProperties !== undefined
          ? zeroIfNegative(n.s.maxProperties)
          : (MAX_REQUEST_SIZE - 2n) / (elem.minSize + 6n);
        return { maxElements: max, minSize: 2n, elem, key: MAP_KEY };
      }
      const fields = new Map<string, DeclSize>();
      const required = new Set(n.s.required ?? []);
      let minSize = 2n;
      for (const [prop, p] of n.properties ?? []) {
        const t = declSize(p, p.embedded);
        if (!t) continue;
        const esc = escapeName(prop);
        if (esc !== undefined) fields.set(esc, t);
        if (required.has(prop) && p.s.default === undefined) {
          minSize += BigInt(new TextEncoder().encode(prop).length) + t.minSize + 4n;
        }
      }
      if (resourceRoot) addTypeAndObjectMeta(fields);
      return { maxElements: 0n, minSize, fields };
    }
    case "string":
      return stringSize(n);
    case "boolean":
      return { maxElements: 0n, minSize: 4n };
    case "number":
    case "integer":
      return { maxElements: 0n, minSize: 1n };
  }
  return undefined;
}

function addTypeAndObjectMeta(fields: Map<string, DeclSize>): void {
  const meta = fields.get("metadata")?.fields;
  if (
    fields.has("kind") && fields.has("apiVersion") && meta?.has("name") && meta.has("generateName")
  ) {
    return;
  }
  fields.set("kind", UNBOUNDED_STRING);
  fields.set("apiVersion", UNBOUNDED_STRING);
  fields.set("metadata", {
    maxElements: 0n,
    minSize: 2n,
    fields: new Map([["name", UNBOUNDED_STRING], ["generateName", UNBOUNDED_STRING]]),
  });
}

/**
 * apiextensions' `maxCardinality`: how often data of a node with this minimal serialized size
 * can repeat in one request, assuming a comma between elements.
 */
export function maxCardinality(size: DeclSize): bigint {
  return MAX_REQUEST_SIZE / (size.minSize + 1n);
}

/** A node as cel-go's estimator sees it (`checker.AstNode`). */
interface AstNode {
  path?: string[];
  type?: CelType;
  expr?: Expr;
  computed?: Range;
}

const ACCUMULATOR = "@result";

function isScalar(t: CelType | undefined): boolean {
  switch (t?.kind) {
    case "bool":
    case "double":
    case "duration":
    case "int":
    case "timestamp":
    case "uint":
      return true;
  }
  return false;
}

/** The size cel-go knows from the expression itself (literals, list and map literals). */
function literalSize(e: Expr): Range | undefined {
  const k = e.exprKind;
  if (k.case === "constExpr") {
    const c = k.value.constantKind;
    if (c.case === "stringValue") return fixed(BigInt([...(c.value as string)].length));
    if (c.case === "bytesValue") return fixed(BigInt((c.value as Uint8Array).length));
    if (c.case === undefined) return undefined;
    return fixed(1n);
  }
  if (k.case === "listExpr") return fixed(BigInt(k.value.elements.length));
  if (k.case === "structExpr" && !k.value.messageName) return fixed(BigInt(k.value.entries.length));
  return undefined;
}

/** cel-go's `coster` with Kubernetes' `CostEstimator`. */
class Coster {
  readonly #info: CheckInfo;
  readonly #root: DeclSize | undefined;
  readonly #paths = new Map<bigint, string[]>();
  readonly #sizes = new Map<bigint, Range>();
  readonly #iterRanges = new Map<string, Expr[]>();

  constructor(info: CheckInfo, root: DeclSize | undefined) {
    this.#info = info;
    this.#root = root;
  }

  #type(e: Expr): CelType | undefined {
    return this.#info.types.get(e.id);
  }

  #node(e: Expr): AstNode {
    let path = this.#paths.get(e.id);
    if (path && path[0] === ACCUMULATOR) path = undefined;
    return {
      path,
      type: this.#type(e),
      expr: e,
      computed: this.#sizes.get(e.id) ?? literalSize(e),
    };
  }

  /** apiextensions' `sizeEstimator.EstimateSize`: the schema bound at a field path. */
  #estimateSize(n: AstNode): Range | undefined {
    if (!n.path?.length || !this.#root) return undefined;
    let cur: DeclSize | undefined = this.#root;
    for (const name of n.path.slice(1)) {
      if (name === "@items" || name === "@values") cur = cur.elem;
      else if (name === "@keys") cur = cur.key;
      else cur = cur.fields?.get(name);
      if (!cur) return undefined;
    }
    return { min: 0n, max: cur.maxElements };
  }

  /** cel-go's `sizeEstimate`. */
  #size(n: AstNode): Range {
    return n.computed ?? this.#estimateSize(n) ?? (isScalar(n.type) ? fixed(1n) : UNKNOWN);
  }

  /** Kubernetes' `CostEstimator.sizeEstimate` (no scalar fallback). */
  #k8sSize(n: AstNode): Range {
    return n.computed ?? this.#estimateSize(n) ?? UNKNOWN;
  }

  cost(e: Expr): Range {
    const k = e.exprKind;
    switch (k.case) {
      case "constExpr":
        return fixed(0n);
      case "identExpr": {
        const stack = this.#iterRanges.get(k.value.name);
        const range = stack?.[stack.length - 1];
        if (range) {
          const rt = this.#type(range)?.kind;
          const base = this.#paths.get(range.id) ?? [];
          if (rt === "list") this.#paths.set(e.id, [...base, "@items"]);
          else if (rt === "map") this.#paths.set(e.id, [...base, "@keys"]);
        } else {
          this.#paths.set(e.id, [k.value.name]);
        }
        return fixed(1n);
      }
      case "selectExpr": {
        const op = k.value.operand!;
        if (k.value.testOnly) return this.cost(op); // has(): PresenceTestHasCost(false)
        let sum = this.cost(op);
        const kind = this.#type(op)?.kind;
        if (kind === "map" || kind === "object" || kind === "param") sum = add(sum, fixed(1n));
        this.#paths.set(e.id, [...(this.#paths.get(op.id) ?? []), k.value.field]);
        return sum;
      }
      case "callExpr":
        return this.#call(e, k.value);
      case "listExpr": {
        let sum = fixed(10n);
        for (const el of k.value.elements) sum = add(sum, this.cost(el));
        return sum;
      }
      case "structExpr": {
        let sum = fixed(k.value.messageName ? 40n : 30n);
        for (const en of k.value.entries) {
          if (en.keyKind.case === "mapKey") sum = add(sum, this.cost(en.keyKind.value as Expr));
          if (en.value) sum = add(sum, this.cost(en.value));
        }
        return sum;
      }
      case "comprehensionExpr": {
        const c = k.value;
        let sum = add(this.cost(c.iterRange!), this.cost(c.accuInit!));
        const stack = this.#iterRanges.get(c.iterVar) ?? [];
        stack.push(c.iterRange!);
        this.#iterRanges.set(c.iterVar, stack);
        const loop = this.cost(c.loopCondition!);
        const step = this.cost(c.loopStep!);
        stack.pop();
        sum = add(sum, this.cost(c.result!));
        const count = this.#size(this.#node(c.iterRange!));
        this.#sizes.set(e.id, count);
        return add(sum, mul(count, add(step, loop)));
      }
    }
    return fixed(0n);
  }

  #call(e: Expr, c: { target?: Expr; function: string; args: Expr[] }): Range {
    const qualified = this.#info.qualified.has(e.id);
    const fn = qualified ? `${qualifiedName(c.target!)}.${c.function}` : c.function;
    const argCosts = c.args.map((a) => this.cost(a));
    const args = c.args.map((a) => this.#node(a));
    const overloads = this.#info.overloads.get(e.id);
    if (fn === "_?._") return add(fixed(1n), sum(argCosts));
    if (!overloads?.length) return fixed(0n);
    let total = fixed(0n);
    let target: AstNode | undefined;
    if (c.target && !qualified) {
      total = add(total, this.cost(c.target));
      target = this.#node(c.target);
    }
    let fnCost: Range = { min: MAXU, max: 0n };
    let resultSize: Range | undefined;
    for (const o of overloads) {
      const est = this.#functionCost(fn, o, target, args, argCosts);
      fnCost = union(fnCost, est.cost);
      if (est.size) resultSize = resultSize ? union(resultSize, est.size) : est.size;
      if (o.id === "index_list" && c.args.length > 0) {
        this.#paths.set(e.id, [...(this.#paths.get(c.args[0].id) ?? []), "@items"]);
      } else if (o.id === "index_map" && c.args.length > 0) {
        this.#paths.set(e.id, [...(this.#paths.get(c.args[0].id) ?? []), "@values"]);
      }
    }
    if (resultSize) this.#sizes.set(e.id, resultSize);
    return add(total, fnCost);
  }

  /** cel-go's `functionCost`, consulting the sets and Kubernetes estimators first. */
  #functionCost(
    fn: string,
    o: Overload,
    target: AstNode | undefined,
    args: AstNode[],
    argCosts: Range[],
  ): { cost: Range; size?: Range } {
    const argSum = () => sum(argCosts);
    const sets = SETS_FACTORS[o.id ?? ""];
    if (sets !== undefined && args.length === 2) {
      const c = byFactor(mul(this.#k8sSize(args[0]), this.#k8sSize(args[1])), sets);
      return { cost: add(add(c, fixed(1n)), argSum()) };
    }
    const k8s = this.#k8sCallCost(fn, o, target, args);
    if (k8s) return { cost: add(k8s.cost, argSum()), ...(k8s.size ? { size: k8s.size } : {}) };
    const sz = (n: AstNode) => this.#size(n);
    switch (o.id) {
      case "string_format":
        if (target) return { cost: add(byFactor(sz(target), STRING_TRAVERSAL), argSum()) };
        break;
      case "string_to_bytes": {
        const s = sz(args[0]);
        return {
          cost: add(byFactor(s, STRING_TRAVERSAL), argSum()),
          size: { min: s.min, max: sat(s.max * 4n) },
        };
      }
      case "bytes_to_string": {
        const s = sz(args[0]);
        return {
          cost: add(byFactor(s, STRING_TRAVERSAL), argSum()),
          size: { min: s.min / 4n, max: s.max },
        };
      }
      case "strings_quote": {
        const s = sz(args[0]);
        return {
          cost: add(byFactor(s, STRING_TRAVERSAL), argSum()),
          size: { min: sat(s.min + 2n), max: sat(s.max * 2n + 2n) },
        };
      }
      case "starts_with_string":
      case "ends_with_string":
        if (args.length === 1) {
          return { cost: add(byFactor(sz(args[0]), STRING_TRAVERSAL), argSum()) };
        }
        break;
      case "in_list":
        if (args.length === 2) return { cost: add(sz(args[1]), argSum()) };
        break;
      case "matches_string":
        if (target && args.length === 1) {
          const str = byFactor(add(sz(target), fixed(1n)), STRING_TRAVERSAL);
          const re = byFactor(sz(args[0]), REGEX_LENGTH);
          return { cost: add(mul(str, re), argSum()) };
        }
        break;
      case "contains_string":
        if (target && args.length === 1) {
          const str = byFactor(sz(target), STRING_TRAVERSAL);
          const sub = byFactor(sz(args[0]), STRING_TRAVERSAL);
          return { cost: add(mul(str, sub), argSum()) };
        }
        break;
      case "logical_and":
      case "logical_or":
        return { cost: { min: argCosts[0].min, max: add(argCosts[0], argCosts[1]).max } };
      case "conditional":
        return {
          cost: add(argCosts[0], union(argCosts[1], argCosts[2])),
          size: union(sz(args[1]), sz(args[2])),
        };
      case "add_string":
      case "add_bytes":
      case "add_list": {
        const l = sz(args[0]);
        const r = sz(args[1]);
        // Go adds these unchecked: an unknown size wraps around.
        const size = { min: (l.min + r.min) & MAXU, max: (l.max + r.max) & MAXU };
        if (o.id === "add_list") return { cost: add(fixed(1n), argSum()), size };
        return { cost: add(byFactor(size, STRING_TRAVERSAL), argSum()), size };
      }
      case "equals":
      case "not_equals":
      case "less_string":
      case "less_equals_string":
      case "greater_string":
      case "greater_equals_string":
      case "less_bytes":
      case "less_equals_bytes":
      case "greater_bytes":
      case "greater_equals_bytes": {
        const l = sz(args[0]);
        const r = sz(args[1]);
        const smallest = l.max < r.max ? l.max : r.max;
        const c = { min: smallest > 0n ? 1n : 0n, max: smallest };
        return { cost: add(byFactor(c, STRING_TRAVERSAL), argSum()) };
      }
    }
    return { cost: add(fixed(1n), argSum()) };
  }

  /** Kubernetes' `CostEstimator.EstimateCallCost`, or `undefined` to use cel-go's defaults. */
  #k8sCallCost(
    fn: string,
    o: Overload,
    target: AstNode | undefined,
    args: AstNode[],
  ): { cost: Range; size?: Range } | undefined {
    const sz = (n: AstNode) => this.#k8sSize(n);
    const trav = (n: AstNode) => byFactor(sz(n), STRING_TRAVERSAL);
    switch (fn) {
      case "isSorted":
      case "sum":
      case "max":
      case "min":
      case "indexOf":
      case "lastIndexOf": {
        if (!target) return undefined;
        const t = target.type;
        if (t?.kind === "list") {
          let el = fixed(1n);
          const elKind = t.elem.kind;
          if (elKind === "string" || elKind === "bytes") {
            const elNode: AstNode = {
              path: target.path && [...target.path, "@items"],
              type: t.elem,
            };
            el = add(el, byFactor(sz(elNode), STRING_TRAVERSAL));
          }
          return { cost: mul(sz(target), el) };
        }
        if (t?.kind === "map") return { cost: mul(sz(target), fixed(1n)) };
        return { cost: trav(target) };
      }
      case "url":
        return args.length === 1 ? { cost: trav(args[0]) } : undefined;
      case "lowerAscii":
      case "upperAscii":
      case "substring":
      case "trim":
        if (!target) return undefined;
        return { cost: trav(target), size: sz(target) };
      case "replace": {
        if (!target || args.length < 2) return undefined;
        return this.#replaceCost(sz(target), sz(args[0]), sz(args[1]));
      }
      case "split": {
        if (!target) return undefined;
        const s = sz(target);
        let max = s.max;
        const lim = args[1]?.expr?.exprKind;
        if (lim?.case === "constExpr" && lim.value.constantKind.case === "int64Value") {
          const n = lim.value.constantKind.value as bigint;
          max = BigInt.asUintN(64, n);
        }
        return { cost: byFactor(s, 2 * STRING_TRAVERSAL), size: { min: 0n, max } };
      }
      case "join": {
        if (!target) return undefined;
        const listSize = sz(target);
        let s: Range = fixed(0n);
        if (target.type?.kind === "list") {
          const elNode: AstNode = {
            path: target.path && [...target.path, "@items"],
            type: target.type.elem,
          };
          s = mul(listSize, sz(elNode));
        }
        if (args.length > 0) {
          const sep = sz(args[0]);
          const seps = {
            min: listSize.min > 0n ? listSize.min - 1n : 0n,
            max: listSize.max > 0n ? listSize.max - 1n : 0n,
          };
          s = add(s, mul(sep, seps));
        }
        return { cost: byFactor(s, STRING_TRAVERSAL), size: s };
      }
      case "find":
      case "findAll": {
        if (!target || args.length < 1) return undefined;
        const s = sz(target);
        const str = byFactor(add(s, fixed(1n)), STRING_TRAVERSAL);
        const re = byFactor(sz(args[0]), REGEX_LENGTH);
        return { cost: mul(str, re), size: { min: 0n, max: s.max } };
      }
      case "cidr":
      case "isIP":
      case "isCIDR":
      case "quantity":
      case "isQuantity":
        return args.length >= 1 ? { cost: trav(args[0]) } : undefined;
      case "ip":
        if (o.id === "cidr_ip" || args.length < 1) return { cost: fixed(1n) };
        return { cost: trav(args[0]) };
      case "ip.isCanonical":
        return args.length >= 1 ? { cost: byFactor(sz(args[0]), 2 * STRING_TRAVERSAL) } : undefined;
      case "masked":
      case "prefixLength":
      case "family":
      case "isUnspecified":
      case "isLoopback":
      case "isLinkLocalMulticast":
      case "isLinkLocalUnicast":
        return { cost: fixed(1n) };
      case "containsIP":
      case "containsCIDR": {
        if (!target || args.length < 1) return undefined;
        const ipSize = { min: 4n, max: 16n };
        let c = byFactor(add(ipSize, ipSize), STRING_TRAVERSAL);
        if (fn === "containsCIDR") c = add(add(c, byFactor(ipSize, STRING_TRAVERSAL)), fixed(1n));
        if (o.id === "cidr_contains_ip_string" || o.id === "cidr_contains_cidr_string") {
          c = add(c, trav(args[0]));
        }
        return { cost: c };
      }
      case "sign":
      case "asInteger":
      case "isInteger":
      case "asApproximateFloat":
      case "isGreaterThan":
      case "isLessThan":
      case "compareTo":
      case "add":
      case "sub":
        return { cost: fixed(1n) };
    }
    return undefined;
  }

  #replaceCost(s: Range, toReplace: Range, replaceWith: Range): { cost: Range; size: Range } {
    const count = { min: 0n, max: 0n };
    const retained = { min: 0n, max: 0n };
    const ceilDiv = (a: bigint, b: bigint) => factorOf(a, 1 / Number(b));
    if (toReplace.min === 0n) {
      count.max = s.max < MAXU ? s.max + 1n : s.max;
      retained.max = s.max;
    } else if (replaceWith.max <= toReplace.min) {
      retained.max = s.max;
    } else {
      count.max = ceilDiv(s.max, toReplace.min);
    }
    if (toReplace.max === 0n) {
      count.min = s.min < MAXU ? s.min + 1n : s.min;
      retained.min = s.min;
    } else if (toReplace.max <= replaceWith.min) {
      retained.min = s.min;
    } else {
      count.min = ceilDiv(s.min, toReplace.max);
    }
    return {
      cost: byFactor(s, 2 * STRING_TRAVERSAL),
      size: add(mul(count, replaceWith), retained),
    };
  }
}

const SETS_FACTORS: Record<string, number> = {
  list_sets_contains_list: 1,
  list_sets_intersects_list: 1,
  list_sets_equivalent_list: 2,
};

function sum(costs: Range[]): Range {
  let s = fixed(0n);
  for (const c of costs) s = add(s, c);
  return s;
}

function qualifiedName(e: Expr): string {
  const k = e.exprKind;
  if (k.case === "identExpr") return k.value.name;
  if (k.case === "selectExpr") return `${qualifiedName(k.value.operand!)}.${k.value.field}`;
  return "";
}

/**
 * The worst-case cost of a checked expression (`cel.Env.EstimateCost(...).Max`).
 *
 * @param root The bounds of `self`'s schema node.
 */
export function estimateCost(expr: Expr, info: CheckInfo, root: DeclSize | undefined): bigint {
  return new Coster(info, root).cost(expr).max;
}

/** apiextensions' `multiplyWithOverflowGuard`. */
export function multiplyCost(cost: bigint, cardinality: bigint): bigint {
  if (cost === 0n) return 0n;
  return sat(cost * cardinality);
}

/**
 * apiextensions' `getCostErrorMessage`.
 *
 * @example `estimated rule cost exceeds budget by factor of 2.5x (try simplifying ...)`
 */
export function costErrorMessage(name: string, cost: bigint, limit: bigint): string {
  const f = Number(cost) / Number(limit);
  const factor = f > 100 ? "more than 100x" : f < 1.5 ? `${f.toFixed(6)}x` : `${f.toFixed(1)}x`;
  return `${name} exceeds budget by factor of ${factor} (try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)`;
}

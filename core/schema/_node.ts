// Copyright 2026 the k1s authors. Apache-2.0 license.
// The precompiled form of a schema: one Node per JSONSchemaProps, with the values validation,
// defaulting and pruning need resolved once (formats, regexes, property maps, subtree flags).
import type { JSONSchemaProps, ValidationRule } from "./types.ts";
import { effectiveFormat, formatChecker } from "./_formats.ts";
import { compileJsRegex } from "./_regex.ts";

/** A compiled `pattern`: a matcher, or the reason it could not be compiled. */
export interface PatternMatcher {
  test(s: string): boolean;
}

/** The variables of one node's rules: plain, and with `oldSelf` optional. */
export interface Activation {
  plain: unknown;
  optional: unknown;
}

/** Compiled CEL rules of one node; filled in by the CEL runtime. */
export interface NodeRules {
  /** One entry per `x-kubernetes-validations` rule. */
  rules: CompiledRule[];
  /** Whether any rule references `oldSelf`. */
  usesOldSelf: boolean;
  /**
   * How often data of this node can repeat in one request (apiextensions' `maxCardinality` of
   * its minimal serialized size): the estimate's multiplier under unbounded lists and maps.
   */
  maxCardinality: bigint;
  /** Converts the node's value (and old value) to the rules' variables. */
  bind(self: unknown, oldSelf: unknown, hasOld: boolean): Activation;
}

/** Result of evaluating a CEL program, with the cost the evaluation reached. */
export type EvalResult = ({ value: unknown } | { error: string }) & { cost: number };

/** One compiled `x-kubernetes-validations` rule. */
export interface CompiledRule {
  /** The rule as written. */
  rule: ValidationRule;
  /** Compile error detail (`compilation failed: ...`), if any. */
  error?: { type: "Invalid" | "Required" | "Internal"; detail: string };
  /** messageExpression compile error detail, if any. */
  messageExpressionError?: { type: "Invalid" | "Required" | "Internal"; detail: string };
  /** Whether the rule references `oldSelf` (a transition rule). */
  usesOldSelf: boolean;
  /** The normalized `fieldPath` (`spec.min`), or empty. */
  fieldPath: string;
  /** Evaluates the rule against variables from {@linkcode NodeRules.bind}; absent when broken. */
  evaluate?: (activation: unknown) => EvalResult;
  /** Evaluates the messageExpression. */
  message?: (activation: unknown) => EvalResult;
  /** The rule's estimated worst-case cost (cel-go's `EstimateCost(...).Max`). */
  maxCost?: bigint;
  /** The messageExpression's estimated worst-case cost. */
  messageMaxCost?: bigint;
}

/** A compiled schema node. */
export interface Node {
  /** The source schema. */
  s: JSONSchemaProps;
  /** Types for kube-openapi's type check (`["integer","string"]` for int-or-string). */
  types: readonly string[];
  /** `types` joined with "," as kube-openapi prints them. */
  typeName: string;
  /** The node's declared type (`""` when unset). */
  type: string;
  nullable: boolean;
  /** The format after apiextensions stripped unsupported ones. */
  format: string;
  formatCheck?: (s: string) => boolean;
  pattern?: PatternMatcher;
  patternError?: string;
  properties?: Map<string, Node>;
  /** `additionalProperties` as a node, or `false`/`true`. */
  additional?: Node | boolean;
  items?: Node;
  allOf?: Node[];
  anyOf?: Node[];
  oneOf?: Node[];
  not?: Node;
  required?: readonly string[];
  enum?: readonly unknown[];
  hasDefault: boolean;
  preserveUnknown: boolean;
  embedded: boolean;
  intOrString: boolean;
  listType?: "atomic" | "set" | "map";
  mapKeys?: readonly string[];
  /** Subtree flags, so whole passes can skip subtrees with nothing to do. */
  subtreeDefaults: boolean;
  subtreeRules: boolean;
  subtreeEmbedded: boolean;
  subtreeListSetMap: boolean;
  subtreeNullPruning: boolean;
  /** Whether the node has allOf, anyOf, oneOf or not. */
  composite: boolean;
  /** `properties` as an array, for fast iteration. */
  propList: [string, Node][];
  /** Properties that have a default. */
  propsWithDefault: [string, Node][];
  /** Properties whose subtree has defaults. */
  propsSubtreeDefaults: [string, Node][];
  /** Properties whose subtree has CEL rules. */
  propsSubtreeRules: [string, Node][];
  /** Cache of child field names for the last parent name seen (`spec` → `spec.x`). */
  childNames?: { parent: string; names: string[] };
  /** CEL rules of this node, compiled when CEL is available. */
  cel?: NodeRules;
  /** Whether this node is the root of a resource (the schema root or an embedded resource). */
  resourceRoot: boolean;
}

/** How the runtime compiles a pattern that JavaScript cannot express. */
export type FallbackRegex = (pattern: string) => PatternMatcher | Error;

/** Compiles a schema tree into nodes. */
export function compileNode(
  s: JSONSchemaProps,
  resourceRoot: boolean,
  fallbackRegex?: FallbackRegex,
): Node {
  const intOrString = s["x-kubernetes-int-or-string"] === true;
  const type = s.type ?? "";
  const types = intOrString ? ["integer", "string"] : type ? [type] : [];
  const format = effectiveFormat(intOrString ? "" : type, s.format);
  const node: Node = {
    s,
    types,
    typeName: types.join(","),
    type,
    nullable: s.nullable === true,
    format,
    formatCheck: formatChecker(intOrString ? "" : type, format),
    hasDefault: s.default !== undefined,
    preserveUnknown: s["x-kubernetes-preserve-unknown-fields"] === true,
    embedded: s["x-kubernetes-embedded-resource"] === true,
    intOrString,
    resourceRoot: resourceRoot || s["x-kubernetes-embedded-resource"] === true,
    subtreeDefaults: false,
    subtreeRules: false,
    subtreeEmbedded: false,
    subtreeListSetMap: false,
    subtreeNullPruning: false,
    composite: false,
    propList: [],
    propsWithDefault: [],
    propsSubtreeDefaults: [],
    propsSubtreeRules: [],
  };
  if (s.pattern !== undefined && s.pattern !== "") {
    const re = compileJsRegex(s.pattern);
    if (re) {
      node.pattern = re;
    } else if (fallbackRegex) {
      const m = fallbackRegex(s.pattern);
      if (m instanceof Error) node.patternError = m.message;
      else node.pattern = m;
    } else {
      // Without the RE2 engine, run the pattern as JavaScript reads it: CRD validation has
      // already rejected patterns RE2 cannot compile.
      const raw = rawRegex(s.pattern);
      if (raw) node.pattern = raw;
      else node.patternError = `error parsing regexp: invalid pattern: \`${s.pattern}\``;
    }
  }
  if (s.properties) {
    node.properties = new Map();
    for (const [k, v] of Object.entries(s.properties)) {
      node.properties.set(k, compileNode(v, false, fallbackRegex));
    }
  }
  if (s.additionalProperties !== undefined) {
    node.additional = typeof s.additionalProperties === "boolean"
      ? s.additionalProperties
      : compileNode(s.additionalProperties, false, fallbackRegex);
  }
  if (s.items) node.items = compileNode(s.items, false, fallbackRegex);
  if (s.allOf?.length) node.allOf = s.allOf.map((x) => compileNode(x, false, fallbackRegex));
  if (s.anyOf?.length) node.anyOf = s.anyOf.map((x) => compileNode(x, false, fallbackRegex));
  if (s.oneOf?.length) node.oneOf = s.oneOf.map((x) => compileNode(x, false, fallbackRegex));
  if (s.not) node.not = compileNode(s.not, false, fallbackRegex);
  node.composite = !!(node.allOf || node.anyOf || node.oneOf || node.not);
  if (s.required?.length) node.required = s.required;
  if (s.enum?.length) node.enum = s.enum;
  const lt = s["x-kubernetes-list-type"];
  if (lt) node.listType = lt;
  if (s["x-kubernetes-list-map-keys"]?.length) node.mapKeys = s["x-kubernetes-list-map-keys"];

  node.propList = node.properties ? [...node.properties] : [];
  node.propsWithDefault = node.propList.filter(([, p]) => p.hasDefault);
  node.propsSubtreeDefaults = node.propList.filter(([, p]) => p.subtreeDefaults);
  node.propsSubtreeRules = node.propList.filter(([, p]) => p.subtreeRules);
  const children: Node[] = [];
  if (node.properties) children.push(...node.properties.values());
  if (typeof node.additional === "object") children.push(node.additional);
  if (node.items) children.push(node.items);
  node.subtreeDefaults = node.hasDefault || children.some((c) => c.subtreeDefaults);
  node.subtreeRules = (s["x-kubernetes-validations"]?.length ?? 0) > 0 ||
    children.some((c) => c.subtreeRules);
  node.subtreeEmbedded = node.embedded || children.some((c) => c.subtreeEmbedded);
  node.subtreeListSetMap = node.listType === "set" || node.listType === "map" ||
    children.some((c) => c.subtreeListSetMap);
  // Nulls of non-nullable fields without a default are pruned; only nodes with children matter.
  node.subtreeNullPruning = children.length > 0;
  return node;
}

function rawRegex(pattern: string): RegExp | undefined {
  for (const flags of ["u", ""]) {
    try {
      return new RegExp(pattern, flags);
    } catch {
      // try the next flags
    }
  }
  return undefined;
}

/** Calls `fn` for every node of the structural spine (properties, additionalProperties, items). */
export function walkNodes(node: Node, fn: (n: Node) => void): void {
  fn(node);
  if (node.properties) { for (const c of node.properties.values()) walkNodes(c, fn); }
  if (typeof node.additional === "object") walkNodes(node.additional, fn);
  if (node.items) walkNodes(node.items, fn);
}

/** Whether `v` is a JSON object (not an array or null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** JSON deep equality, with numbers compared by value. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k)) return false;
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) {
      return false;
    }
  }
  return true;
}

/** A deep copy of a JSON value. */
export function deepCopy<T>(v: T): T {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) return v.map(deepCopy) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = deepCopy((v as Record<string, unknown>)[k]);
  return out as T;
}

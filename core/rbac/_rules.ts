// Copyright 2026 the k1s authors. Apache-2.0 license.
// Rule evaluation (pkg/apis/rbac/v1/evaluation_helpers.go, plugin/pkg/auth/authorizer/rbac),
// coverage for escalation checks (component-helpers/auth/rbac/validation/policy_comparator.go)
// and the compact renderings used in messages and `auth can-i --list`.
import type { PolicyRule } from "./types.ts";
import { goList, goQuoteList } from "./_go.ts";

/**
 * What a rule is matched against (apiserver `authorizer.Attributes`): a resource request, or a
 * non-resource one when `path` is set.
 */
export interface RequestAttributes {
  /** The verb. */
  verb: string;
  /** API group. */
  group: string;
  /** Plural resource. */
  resource: string;
  /** Subresource. */
  subresource?: string;
  /** Object name. */
  name?: string;
  /** Non-resource URL path; set only for non-resource requests. */
  path?: string;
}

/** A rule prepared for matching: wildcard flags computed once. */
export interface CompiledRule {
  readonly rule: PolicyRule;
  readonly anyVerb: boolean;
  readonly verbs: readonly string[];
  readonly anyGroup: boolean;
  readonly groups: readonly string[];
  readonly anyResource: boolean;
  readonly resources: readonly string[];
  readonly names: readonly string[];
  readonly urls: readonly string[];
}

function strings(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const s of v) if (typeof s === "string") out.push(s);
  return out;
}

/** The well-formed rules of a stored Role or ClusterRole (`rules`), with absent lists omitted. */
export function rulesOf(value: unknown): PolicyRule[] {
  if (!Array.isArray(value)) return [];
  const out: PolicyRule[] = [];
  for (const r of value) {
    if (typeof r !== "object" || r === null) continue;
    const o = r as Record<string, unknown>;
    const rule: PolicyRule = { verbs: strings(o.verbs) };
    for (const k of ["apiGroups", "resources", "resourceNames", "nonResourceURLs"] as const) {
      const list = strings(o[k]);
      if (list.length) rule[k] = list;
    }
    out.push(rule);
  }
  return out;
}

/** Prepares a rule for matching. */
export function compileRule(rule: PolicyRule): CompiledRule {
  const verbs = rule.verbs ?? [];
  const groups = rule.apiGroups ?? [];
  const resources = rule.resources ?? [];
  return {
    rule,
    anyVerb: verbs.includes("*"),
    verbs,
    anyGroup: groups.includes("*"),
    groups,
    anyResource: resources.includes("*"),
    resources,
    names: rule.resourceNames ?? [],
    urls: rule.nonResourceURLs ?? [],
  };
}

function resourceMatches(c: CompiledRule, combined: string, sub: string | undefined): boolean {
  if (c.anyResource) return true;
  const rs = c.resources;
  for (let i = 0; i < rs.length; i++) {
    const r = rs[i];
    if (r === combined) return true;
    // `*/sub` matches that subresource of every resource.
    if (sub && r.length === sub.length + 2 && r.startsWith("*/") && r.endsWith(sub)) return true;
  }
  return false;
}

function nonResourceURLMatches(c: CompiledRule, path: string): boolean {
  for (const u of c.urls) {
    if (u === "*" || u === path) return true;
    if (u.endsWith("*") && path.startsWith(u.replace(/\*+$/, ""))) return true;
  }
  return false;
}

/** Whether a rule allows a request (`RuleAllows`). */
export function ruleAllows(c: CompiledRule, a: RequestAttributes): boolean {
  if (!c.anyVerb && !c.verbs.includes(a.verb)) return false;
  if (a.path !== undefined) return nonResourceURLMatches(c, a.path);
  if (!c.anyGroup && !c.groups.includes(a.group)) return false;
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  if (!resourceMatches(c, combined, a.subresource)) return false;
  return c.names.length === 0 || c.names.includes(a.name ?? "");
}

/** Splits a rule into rules of one verb, resource and name each (`BreakdownRule`). */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs ?? []) {
        if (rule.resourceNames?.length) {
          for (const name of rule.resourceNames) {
            out.push({
              apiGroups: [group],
              resources: [resource],
              verbs: [verb],
              resourceNames: [name],
            });
          }
        } else out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs ?? []) out.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return out;
}

function hasAll(set: readonly string[], wanted: readonly string[]): boolean {
  for (const w of wanted) if (!set.includes(w)) return false;
  return true;
}

function resourceCoversAll(set: readonly string[], covers: readonly string[]): boolean {
  if (set.includes("*") || hasAll(set, covers)) return true;
  for (const path of covers) {
    if (set.includes(path)) continue;
    const slash = path.indexOf("/");
    if (slash < 0) return false;
    if (!set.includes(`*/${path.slice(slash + 1)}`)) return false;
  }
  return true;
}

function nonResourceURLCovers(owner: string, sub: string): boolean {
  if (owner === sub) return true;
  return owner.endsWith("*") && sub.startsWith(owner.replace(/\*+$/, ""));
}

/** Whether `owner` covers a broken-down `sub` rule (`ruleCovers`). */
function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const ov = owner.verbs ?? [];
  const og = owner.apiGroups ?? [];
  const verbs = ov.includes("*") || hasAll(ov, sub.verbs ?? []);
  const groups = og.includes("*") || hasAll(og, sub.apiGroups ?? []);
  const resources = resourceCoversAll(owner.resources ?? [], sub.resources ?? []);
  const urls = (sub.nonResourceURLs ?? []).every((p) =>
    (owner.nonResourceURLs ?? []).some((o) => nonResourceURLCovers(o, p))
  );
  const ownerNames = owner.resourceNames ?? [];
  const names = (sub.resourceNames ?? []).length === 0
    ? ownerNames.length === 0
    : ownerNames.length === 0 || hasAll(ownerNames, sub.resourceNames!);
  return verbs && groups && resources && names && urls;
}

/**
 * Whether `ownerRules` cover `servantRules` (`validation.Covers`); returns the broken-down rules
 * that are not covered.
 */
export function covers(
  ownerRules: readonly PolicyRule[],
  servantRules: readonly PolicyRule[],
): { covered: boolean; missing: PolicyRule[] } {
  const missing: PolicyRule[] = [];
  for (const servant of servantRules) {
    for (const sub of breakdownRule(servant)) {
      if (!ownerRules.some((o) => ruleCovers(o, sub))) missing.push(sub);
    }
  }
  return { covered: missing.length === 0, missing };
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * Merges the verbs of rules about one group and resource, as the API server does before it
 * lists missing permissions (`pkg/registry/rbac/validation/policy_compact.go`); with
 * `withNames`, rules with one resource name merge too, as kubectl does (`util/rbac`).
 */
export function compactRules(rules: readonly PolicyRule[], withNames = false): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const names = rule.resourceNames ?? [];
    const isSimple = (withNames ? names.length <= 1 : names.length === 0) &&
      !rule.nonResourceURLs?.length && rule.apiGroups?.length === 1 &&
      rule.resources?.length === 1;
    if (!isSimple) {
      compacted.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups![0], rule.resources![0], names[0] ?? null]);
    const existing = simple.get(key);
    if (existing) existing.verbs = [...existing.verbs, ...(rule.verbs ?? [])];
    else {
      simple.set(key, {
        ...rule,
        verbs: [...(rule.verbs ?? [])],
        apiGroups: [...rule.apiGroups!],
        resources: [...rule.resources!],
        ...(names.length ? { resourceNames: [...names] } : {}),
      });
    }
  }
  compacted.push(...simple.values());
  return compacted;
}

/**
 * The compact rendering of a rule in escalation messages (`CompactString`):
 * `{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}`.
 */
export function compactString(r: PolicyRule): string {
  const parts: string[] = [];
  if (r.apiGroups?.length) parts.push(`APIGroups:${goQuoteList(r.apiGroups)}`);
  if (r.resources?.length) parts.push(`Resources:${goQuoteList(r.resources)}`);
  if (r.nonResourceURLs?.length) parts.push(`NonResourceURLs:${goQuoteList(r.nonResourceURLs)}`);
  if (r.resourceNames?.length) parts.push(`ResourceNames:${goQuoteList(r.resourceNames)}`);
  if (r.verbs?.length) parts.push(`Verbs:${goQuoteList(r.verbs)}`);
  return `{${parts.join(", ")}}`;
}

/** The generated `PolicyRule.String()`, which kubectl sorts rules by. */
export function ruleSortKey(r: PolicyRule): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},` +
    `Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},` +
    `NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

/** Deep equality of rules, treating absent and empty lists alike (`equality.Semantic`). */
export function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  return sameList(a.verbs, b.verbs) && sameList(a.apiGroups, b.apiGroups) &&
    sameList(a.resources, b.resources) && sameList(a.resourceNames, b.resourceNames) &&
    sameList(a.nonResourceURLs, b.nonResourceURLs);
}

/** Rules granting everything: what members of `system:masters` and the store owner hold. */
export const FULL_AUTHORITY: readonly PolicyRule[] = Object.freeze([
  { verbs: ["*"], apiGroups: ["*"], resources: ["*"] },
  { verbs: ["*"], nonResourceURLs: ["*"] },
]);

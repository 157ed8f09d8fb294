// Copyright 2026 the k1s authors. Apache-2.0 license.
// ClusterRole aggregation (pkg/controller/clusterroleaggregation): the rules of a ClusterRole
// with an aggregationRule are the union of the rules of the ClusterRoles its selectors match,
// in selector order, then name order, without duplicates. Computed here to the fixed point the
// controller converges to, so authorization never waits for a controller to run.
import type { KubeObject } from "../object/types.ts";
import type { PolicyRule } from "./types.ts";
import { type LabelSelector, labelSelectorFromMeta } from "../selection/label_selector.ts";
import { rulesOf, sameRule } from "./_rules.ts";

/** The selectors of a ClusterRole's aggregationRule; `undefined` when it has none. */
export function aggregationSelectors(obj: KubeObject): LabelSelector[] | undefined {
  const rule = obj.aggregationRule as { clusterRoleSelectors?: unknown } | undefined | null;
  if (!rule || typeof rule !== "object") return undefined;
  const sels = Array.isArray(rule.clusterRoleSelectors) ? rule.clusterRoleSelectors : [];
  if (sels.length === 0) return undefined;
  const out: LabelSelector[] = [];
  for (const s of sels) {
    try {
      // deno-lint-ignore no-explicit-any
      out.push(labelSelectorFromMeta(s as any));
    } catch {
      // Validation keeps invalid selectors out; one that slipped in selects nothing.
    }
  }
  return out;
}

/**
 * The effective rules of the ClusterRole `name` among `roles` (a name-ordered map); `undefined`
 * when it does not exist. Roles caught in an aggregation cycle contribute their stored rules.
 */
export function effectiveClusterRoleRules(
  roles: ReadonlyMap<string, KubeObject>,
  name: string,
  visiting: Set<string> = new Set(),
): PolicyRule[] | undefined {
  const role = roles.get(name);
  if (!role) return undefined;
  const selectors = aggregationSelectors(role);
  if (!selectors) return rulesOf(role.rules);
  visiting.add(name);
  const out: PolicyRule[] = [];
  for (const sel of selectors) {
    for (const [other, obj] of roles) {
      if (other === name || !sel.matches(obj.metadata?.labels)) continue;
      const rules = visiting.has(other)
        ? rulesOf(obj.rules)
        : effectiveClusterRoleRules(roles, other, visiting) ?? [];
      for (const r of rules) if (!out.some((x) => sameRule(x, r))) out.push(r);
    }
  }
  visiting.delete(name);
  return out;
}

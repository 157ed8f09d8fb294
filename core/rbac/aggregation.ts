// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The ClusterRole aggregation controller (`pkg/controller/clusterroleaggregation`): writes into
 * each ClusterRole with an `aggregationRule` the union of the rules of the ClusterRoles its
 * selectors match. Authorization does not wait for it: the authorizer computes the same union
 * when it reads roles; the controller keeps stored objects in line for readers.
 *
 * @module
 */
import type { KubeObject } from "../object/types.ts";
import type { Controller } from "../controller/types.ts";
import { isConflict, isNotFound } from "../errors/status_error.ts";
import { RBAC_GROUP } from "../builtins/_rbac.ts";
import type { PolicyRule } from "./types.ts";
import { aggregationSelectors, effectiveClusterRoleRules } from "./_aggregate.ts";
import { rulesOf, sameRule } from "./_rules.ts";

const CLUSTER_ROLE = { apiVersion: `${RBAC_GROUP}/v1`, kind: "ClusterRole" };

function sameRules(a: readonly PolicyRule[], b: readonly PolicyRule[]): boolean {
  return a.length === b.length && a.every((r, i) => sameRule(r, b[i]));
}

/**
 * The aggregated rules of the ClusterRole `name` among `clusterRoles`: the union, in selector
 * order then name order and without duplicates, of the rules of the ClusterRoles its
 * `aggregationRule` selects, aggregated ones included (to the fixed point the controller
 * reaches). A ClusterRole without an aggregationRule keeps its own rules.
 *
 * @param clusterRoles Every ClusterRole.
 * @param name The ClusterRole.
 * @returns Its rules; `undefined` when it is not among `clusterRoles`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { aggregateClusterRoleRules } from "@k1s/core";
 * const cr = (name: string, extra: object) => ({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name }, ...extra });
 * const roles = [
 *   cr("view", { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "example.com/aggregate-to-view": "true" } }] } }),
 *   cr("widgets-view", { metadata: { name: "widgets-view", labels: { "example.com/aggregate-to-view": "true" } }, rules: [{ apiGroups: ["example.com"], resources: ["widgets"], verbs: ["get"] }] }),
 * ];
 * assertEquals(aggregateClusterRoleRules(roles, "view"), [{ apiGroups: ["example.com"], resources: ["widgets"], verbs: ["get"] }]);
 * ```
 */
export function aggregateClusterRoleRules(
  clusterRoles: readonly KubeObject[],
  name: string,
): PolicyRule[] | undefined {
  const sorted = [...clusterRoles].sort((a, b) =>
    (a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1
  );
  return effectiveClusterRoleRules(new Map(sorted.map((o) => [o.metadata.name ?? "", o])), name);
}

/**
 * The aggregation controller: any ClusterRole change brings every aggregated ClusterRole's
 * `rules` up to date (field manager `clusterrole-aggregation-controller`). It runs with the
 * reconcile context's client, the store owner's: it is part of the server, not a client.
 *
 * @returns The controller (`installRbac` registers it).
 */
export function clusterRoleAggregationController(): Controller {
  return {
    name: "clusterrole-aggregation-controller",
    for: CLUSTER_ROLE,
    async reconcile({ client }): Promise<void> {
      const list = await client.list(CLUSTER_ROLE);
      for (const role of list.items) {
        if (!aggregationSelectors(role)) continue;
        const rules = aggregateClusterRoleRules(list.items, role.metadata.name!) ?? [];
        if (sameRules(rulesOf(role.rules), rules)) continue;
        try {
          await client.update({ ...role, ...CLUSTER_ROLE, rules }, {
            fieldManager: "clusterrole-aggregation-controller",
          });
        } catch (e) {
          // Changed or gone meanwhile: that change triggers another pass.
          if (!isConflict(e) && !isNotFound(e)) throw e;
        }
      }
    },
  };
}

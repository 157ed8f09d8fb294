// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The default ClusterRoles every store holds, as Kubernetes' bootstrap policy
 * (`plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go`) creates them, restricted to the
 * kinds k1s serves: `cluster-admin`, the aggregated user-facing roles `admin`, `edit` and `view`,
 * and the component roles `system:aggregate-to-{admin,edit,view}` that carry their rules.
 *
 * Upstream rules for kinds k1s lacks (pods, services, endpoints, deployments, ...) are left
 * out, and so are `events.k8s.io` events and `localsubjectaccessreviews`, which k1s does not
 * serve. A custom resource's author adds its kind to `view`, `edit` or `admin` with a
 * ClusterRole labelled `rbac.authorization.k8s.io/aggregate-to-<role>: "true"`.
 *
 * @module
 */
import type { KubeObject } from "../object/types.ts";
import type { PolicyRule } from "./types.ts";

const RBAC_GROUP = "rbac.authorization.k8s.io";
const READ = ["get", "list", "watch"];
const WRITE = ["create", "update", "patch", "delete", "deletecollection"];
const READ_WRITE = [...READ, ...WRITE];

/**
 * The label that aggregates a ClusterRole into the default `admin`, `edit` or `view` role, for
 * example to grant a custom resource to every viewer.
 *
 * @param role The default role to extend.
 * @returns The label key; its value must be `"true"`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { aggregateToLabel } from "@k1s/core";
 * const widgetsView = {
 *   apiVersion: "rbac.authorization.k8s.io/v1",
 *   kind: "ClusterRole",
 *   metadata: { name: "widgets-view", labels: { [aggregateToLabel("view")]: "true" } },
 *   rules: [{ apiGroups: ["example.com"], resources: ["widgets"], verbs: ["get", "list", "watch"] }],
 * };
 * assertEquals(Object.keys(widgetsView.metadata.labels), ["rbac.authorization.k8s.io/aggregate-to-view"]);
 * ```
 */
export function aggregateToLabel(role: "admin" | "edit" | "view"): string {
  return `rbac.authorization.k8s.io/aggregate-to-${role}`;
}

// The component roles' rules, in upstream order with the kinds k1s lacks removed.
const VIEW_RULES: PolicyRule[] = [
  { apiGroups: [""], resources: ["serviceaccounts", "configmaps"], verbs: READ },
  { apiGroups: [""], resources: ["events", "namespaces/status"], verbs: READ },
  // Reading namespaces at the namespace scope means reading that namespace: how a viewer
  // finds out which namespaces it can see.
  { apiGroups: [""], resources: ["namespaces"], verbs: READ },
];

const EDIT_RULES: PolicyRule[] = [
  // Secrets are readable from `edit` on, never from `view`: they can hold credentials that
  // grant more than `view`.
  { apiGroups: [""], resources: ["secrets"], verbs: READ },
  { apiGroups: [""], resources: ["serviceaccounts"], verbs: ["impersonate"] },
  {
    apiGroups: [""],
    resources: ["serviceaccounts", "configmaps", "secrets", "events"],
    verbs: WRITE,
  },
  { apiGroups: [""], resources: ["serviceaccounts/token"], verbs: ["create"] },
];

const ADMIN_RULES: PolicyRule[] = [
  { apiGroups: [RBAC_GROUP], resources: ["roles", "rolebindings"], verbs: READ_WRITE },
];

function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Rules of `lists`, concatenated without duplicates (what aggregation computes). */
function union(...lists: PolicyRule[][]): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const list of lists) for (const r of list) if (!out.some((x) => sameRule(x, r))) out.push(r);
  return out;
}

function clusterRole(
  name: string,
  labels: Record<string, string>,
  body: { rules: PolicyRule[]; aggregateFrom?: "admin" | "edit" | "view" },
): KubeObject {
  return {
    apiVersion: `${RBAC_GROUP}/v1`,
    kind: "ClusterRole",
    metadata: {
      name,
      labels: { "kubernetes.io/bootstrapping": "rbac-defaults", ...labels },
      // Kubernetes reconciles roles so annotated on every start; k1s creates missing ones.
      annotations: { "rbac.authorization.kubernetes.io/autoupdate": "true" },
    },
    ...(body.aggregateFrom
      ? {
        aggregationRule: {
          clusterRoleSelectors: [{
            matchLabels: { [aggregateToLabel(body.aggregateFrom)]: "true" },
          }],
        },
      }
      : {}),
    rules: structuredClone(body.rules),
  };
}

/**
 * The default ClusterRoles as a new store holds them. The aggregated roles come with the rules
 * the aggregation controller computes from the others (selector order, then name order:
 * `admin` = `edit` then `system:aggregate-to-admin`; `edit` = `system:aggregate-to-edit` then
 * `view`), so they are right from the start; the controller keeps them so as labelled roles
 * come and go.
 *
 * @returns Fresh objects, in name order.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { bootstrapClusterRoles } from "@k1s/core";
 * const roles = bootstrapClusterRoles();
 * assertEquals(roles.map((r) => r.metadata.name), [
 *   "admin",
 *   "cluster-admin",
 *   "edit",
 *   "system:aggregate-to-admin",
 *   "system:aggregate-to-edit",
 *   "system:aggregate-to-view",
 *   "view",
 * ]);
 * const view = roles.at(-1)!;
 * assertEquals(view.metadata.labels?.["rbac.authorization.k8s.io/aggregate-to-edit"], "true");
 * assertEquals(view.rules, roles.find((r) => r.metadata.name === "system:aggregate-to-view")!.rules);
 * ```
 */
export function bootstrapClusterRoles(): KubeObject[] {
  const view = VIEW_RULES;
  const edit = union(EDIT_RULES, view);
  const admin = union(edit, ADMIN_RULES);
  return [
    clusterRole("admin", {}, { rules: admin, aggregateFrom: "admin" }),
    clusterRole("cluster-admin", {}, {
      rules: [
        { apiGroups: ["*"], resources: ["*"], verbs: ["*"] },
        { nonResourceURLs: ["*"], verbs: ["*"] },
      ],
    }),
    clusterRole("edit", { [aggregateToLabel("admin")]: "true" }, {
      rules: edit,
      aggregateFrom: "edit",
    }),
    clusterRole("system:aggregate-to-admin", { [aggregateToLabel("admin")]: "true" }, {
      rules: ADMIN_RULES,
    }),
    clusterRole("system:aggregate-to-edit", { [aggregateToLabel("edit")]: "true" }, {
      rules: EDIT_RULES,
    }),
    clusterRole("system:aggregate-to-view", { [aggregateToLabel("view")]: "true" }, {
      rules: VIEW_RULES,
    }),
    clusterRole("view", { [aggregateToLabel("edit")]: "true" }, {
      rules: view,
      aggregateFrom: "view",
    }),
  ];
}

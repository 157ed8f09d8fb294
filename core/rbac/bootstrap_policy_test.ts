// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals } from "@std/assert";
import { aggregateClusterRoleRules, bootstrapClusterRoles } from "./mod.ts";
import type { PolicyRule } from "./types.ts";

const roles = bootstrapClusterRoles();
const byName = (name: string) => roles.find((r) => r.metadata.name === name)!;
const rulesOf = (name: string) => byName(name).rules as PolicyRule[];

/** Whether some rule of `name` grants `verb` on `group`/`resource` (no wildcards but `*`). */
function grants(name: string, verb: string, group: string, resource: string): boolean {
  return rulesOf(name).some((r) =>
    (r.verbs.includes(verb) || r.verbs.includes("*")) &&
    (r.apiGroups?.includes(group) || r.apiGroups?.includes("*")) &&
    (r.resources?.includes(resource) || r.resources?.includes("*"))
  );
}

Deno.test("bootstrapClusterRoles() carries the bootstrap policy's metadata", async (t) => {
  const cases: [string, Record<string, string>, string | undefined][] = [
    ["cluster-admin", {}, undefined],
    ["admin", {}, "admin"],
    ["edit", { "rbac.authorization.k8s.io/aggregate-to-admin": "true" }, "edit"],
    ["view", { "rbac.authorization.k8s.io/aggregate-to-edit": "true" }, "view"],
    [
      "system:aggregate-to-admin",
      { "rbac.authorization.k8s.io/aggregate-to-admin": "true" },
      undefined,
    ],
    [
      "system:aggregate-to-edit",
      { "rbac.authorization.k8s.io/aggregate-to-edit": "true" },
      undefined,
    ],
    [
      "system:aggregate-to-view",
      { "rbac.authorization.k8s.io/aggregate-to-view": "true" },
      undefined,
    ],
  ];
  assertEquals(roles.length, cases.length);
  for (const [name, labels, aggregates] of cases) {
    await t.step(name, () => {
      const role = byName(name);
      assertEquals(role.apiVersion, "rbac.authorization.k8s.io/v1");
      assertEquals(role.kind, "ClusterRole");
      assertEquals(role.metadata.labels, {
        "kubernetes.io/bootstrapping": "rbac-defaults",
        ...labels,
      });
      assertEquals(role.metadata.annotations, {
        "rbac.authorization.kubernetes.io/autoupdate": "true",
      });
      assertEquals(
        role.aggregationRule,
        aggregates
          ? {
            clusterRoleSelectors: [{
              matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${aggregates}`]: "true" },
            }],
          }
          : undefined,
      );
    });
  }
});

Deno.test("bootstrapClusterRoles() fills admin, edit and view as the aggregation controller does", async (t) => {
  for (const name of ["admin", "edit", "view"]) {
    await t.step(name, () => {
      assertEquals(byName(name).rules, aggregateClusterRoleRules(roles, name));
    });
  }
  await t.step("each is a superset of the one below", () => {
    for (const [upper, lower] of [["admin", "edit"], ["edit", "view"]]) {
      for (const r of rulesOf(lower)) {
        assert(rulesOf(upper).some((u) => JSON.stringify(u) === JSON.stringify(r)), upper);
      }
    }
  });
});

Deno.test("bootstrapClusterRoles() grants what Kubernetes' roles grant on k1s's kinds", async (t) => {
  const RBAC = "rbac.authorization.k8s.io";
  const cases: [string, string, string, string, boolean][] = [
    // role, verb, group, resource, granted
    ["cluster-admin", "escalate", "example.com", "widgets", true],
    ["view", "get", "", "configmaps", true],
    ["view", "watch", "", "events", true],
    ["view", "list", "", "namespaces", true],
    ["view", "get", "", "namespaces/status", true],
    ["view", "list", "", "serviceaccounts", true],
    ["view", "get", "", "secrets", false],
    ["view", "create", "", "configmaps", false],
    ["view", "get", RBAC, "roles", false],
    ["edit", "get", "", "secrets", true],
    ["edit", "deletecollection", "", "secrets", true],
    ["edit", "patch", "", "events", true],
    ["edit", "impersonate", "", "serviceaccounts", true],
    ["edit", "create", "", "serviceaccounts/token", true],
    ["edit", "create", "", "namespaces", false],
    ["edit", "get", RBAC, "roles", false],
    ["edit", "create", RBAC, "rolebindings", false],
    ["admin", "create", RBAC, "rolebindings", true],
    ["admin", "watch", RBAC, "roles", true],
    ["admin", "create", RBAC, "clusterroles", false],
    ["admin", "delete", "", "namespaces", false],
  ];
  for (const [role, verb, group, resource, want] of cases) {
    await t.step(
      `${role} ${want ? "may" : "may not"} ${verb} ${group || "core"}/${resource}`,
      () => {
        assertEquals(grants(role, verb, group, resource), want);
      },
    );
  }
  await t.step("cluster-admin holds every non-resource URL", () => {
    assertEquals(rulesOf("cluster-admin")[1], { nonResourceURLs: ["*"], verbs: ["*"] });
  });
});

Deno.test("bootstrapClusterRoles() returns fresh objects", () => {
  const a = bootstrapClusterRoles();
  (a[0].rules as PolicyRule[]).length = 0;
  assert((bootstrapClusterRoles()[0].rules as PolicyRule[]).length > 0);
});

// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { canI, formatAccessList, formatWhoAmI, rulesFor, whoAmI } from "./mod.ts";
import type { AccessCheck } from "./types.ts";
import {
  ALICE,
  clusterRole,
  clusterRoleBinding,
  namespace,
  RBAC,
  role,
  roleBinding,
  seed,
  withRuntime,
} from "./testdata/fixtures.ts";
import type { Runtime } from "../../mod.ts";

async function policy(rt: Runtime): Promise<void> {
  await seed(rt, [
    namespace("team"),
    role("dev", "team", [
      { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] },
      { apiGroups: [""], resources: ["secrets"], verbs: ["get"], resourceNames: ["app", "db"] },
      { apiGroups: ["example.com"], resources: ["widgets", "widgets/status"], verbs: ["update"] },
    ]),
    roleBinding("alice-dev", "team", { kind: "Role", name: "dev" }, [{
      kind: "User",
      name: "alice",
    }]),
    clusterRole("health", [{ nonResourceURLs: ["/healthz", "/livez/*"], verbs: ["get"] }, {
      apiGroups: [""],
      resources: ["namespaces"],
      verbs: ["get"],
    }]),
    clusterRoleBinding("authenticated-health", "health", [{
      kind: "Group",
      name: "system:authenticated",
    }]),
  ]);
}

Deno.test("canI() answers as a SubjectAccessReview", async (t) => {
  await withRuntime(async (rt) => {
    await policy(rt);
    const cases: [string, AccessCheck, boolean, string][] = [
      [
        "list configmaps in team",
        { verb: "list", resource: "configmaps", namespace: "team" },
        true,
        'RBAC: allowed by RoleBinding "alice-dev/team" of Role "dev" to User "alice"',
      ],
      [
        "list configmaps in default",
        { verb: "list", resource: "configmaps", namespace: "default" },
        false,
        "",
      ],
      ["list configmaps everywhere", { verb: "list", resource: "configmaps" }, false, ""],
      [
        "get a named secret",
        { verb: "get", resource: "secrets", name: "db", namespace: "team" },
        true,
        'RBAC: allowed by RoleBinding "alice-dev/team" of Role "dev" to User "alice"',
      ],
      [
        "get another secret",
        { verb: "get", resource: "secrets", name: "root", namespace: "team" },
        false,
        "",
      ],
      [
        "get secrets without a name",
        { verb: "get", resource: "secrets", namespace: "team" },
        false,
        "",
      ],
      [
        "a subresource",
        {
          verb: "update",
          group: "example.com",
          resource: "widgets",
          subresource: "status",
          namespace: "team",
        },
        true,
        'RBAC: allowed by RoleBinding "alice-dev/team" of Role "dev" to User "alice"',
      ],
      [
        "a non-resource URL",
        { verb: "get", path: "/healthz" },
        true,
        'RBAC: allowed by ClusterRoleBinding "authenticated-health" of ClusterRole "health" to Group "system:authenticated"',
      ],
      [
        "a non-resource prefix",
        { verb: "get", path: "/livez/ping" },
        true,
        'RBAC: allowed by ClusterRoleBinding "authenticated-health" of ClusterRole "health" to Group "system:authenticated"',
      ],
      ["an unlisted URL", { verb: "get", path: "/metrics" }, false, ""],
      [
        "a cluster-scoped resource",
        { verb: "get", resource: "namespaces", name: "team" },
        true,
        'RBAC: allowed by ClusterRoleBinding "authenticated-health" of ClusterRole "health" to Group "system:authenticated"',
      ],
      [
        "escalate",
        { verb: "escalate", group: RBAC, resource: "roles", namespace: "team" },
        false,
        "",
      ],
    ];
    for (const [name, check, allowed, reason] of cases) {
      await t.step(
        name,
        async () => assertEquals(await canI(rt, ALICE, check), { allowed, reason }),
      );
    }
    await t.step("the owner and system:masters may do anything", async () => {
      assertEquals(
        await canI(rt, rt.user, { verb: "delete", resource: "secrets", namespace: "kube-system" }),
        { allowed: true, reason: "" },
      );
      assertEquals(
        (await canI(rt, { username: "x", groups: ["system:masters"] }, {
          verb: "*",
          resource: "*",
        })).allowed,
        true,
      );
    });
    await t.step("a denial names missing roles", async () => {
      await rt.client.create(
        roleBinding("alice-gone", "team", { kind: "ClusterRole", name: "gone" }, [{
          kind: "User",
          name: "alice",
        }]),
      );
      assertEquals(await canI(rt, ALICE, { verb: "delete", resource: "pods", namespace: "team" }), {
        allowed: false,
        reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "gone" not found',
      });
    });
  });
});

Deno.test("rulesFor() and formatAccessList() print as kubectl auth can-i --list", async () => {
  await withRuntime(async (rt) => {
    await policy(rt);
    const status = await rulesFor(rt, ALICE, "team");
    assertEquals(status.nonResourceRules, [{
      verbs: ["get"],
      nonResourceURLs: ["/healthz", "/livez/*"],
    }]);
    assertEquals(status.resourceRules.length, 4);
    assertEquals(
      formatAccessList(status),
      [
        "Resources                    Non-Resource URLs   Resource Names   Verbs",
        // Sorted by Go's PolicyRule.String(), verbs first: "get list watch" < "get" < "update".
        "configmaps                   []                  []               [get list watch]",
        "                             [/healthz]          []               [get]",
        "                             [/livez/*]          []               [get]",
        "namespaces                   []                  []               [get]",
        "secrets                      []                  [app]            [get]",
        "secrets                      []                  [db]             [get]",
        "widgets.example.com/status   []                  []               [update]",
        "widgets.example.com          []                  []               [update]",
        "",
      ].join("\n"),
    );
    assertEquals(
      formatAccessList(await rulesFor(rt, ALICE, "default"), { noHeaders: true }),
      [
        // Columns are at least 6 wide.
        "             [/healthz]   []    [get]",
        "             [/livez/*]   []    [get]",
        "namespaces   []           []    [get]",
        "",
      ].join("\n"),
    );
  });
});

Deno.test("rulesFor() of the store owner is everything", async () => {
  await withRuntime(async (rt) => {
    assertEquals(
      formatAccessList(await rulesFor(rt, rt.user, "default")),
      [
        "Resources   Non-Resource URLs   Resource Names   Verbs",
        "*.*         []                  []               [*]",
        "            [*]                 []               [*]",
        "",
      ].join("\n"),
    );
  });
});

Deno.test("whoAmI() and formatWhoAmI() print as kubectl auth whoami", async () => {
  await withRuntime((rt) => {
    assertEquals(
      formatWhoAmI(whoAmI(rt)),
      "ATTRIBUTE   VALUE\nUsername    k1s:store-owner\nGroups      [system:masters system:authenticated]\n",
    );
    return Promise.resolve();
  });
  assertEquals(
    formatWhoAmI({
      username: "system:serviceaccount:default:builder",
      uid: "0b5c",
      groups: ["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"],
      extra: { "authentication.kubernetes.io/credential-id": ["JTI=1"], "a": ["x", "y"] },
    }),
    [
      "ATTRIBUTE                                           VALUE",
      "Username                                            system:serviceaccount:default:builder",
      "UID                                                 0b5c",
      "Groups                                              [system:serviceaccounts system:serviceaccounts:default system:authenticated]",
      "Extra: a                                            [x y]",
      "Extra: authentication.kubernetes.io/credential-id   [JTI=1]",
      "",
    ].join("\n"),
  );
});

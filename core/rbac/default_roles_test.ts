// Copyright 2026 the k1s authors. Apache-2.0 license.
// The default ClusterRoles at work: bound with RoleBindings and ClusterRoleBindings, extended by
// a custom resource's author through aggregation labels, delegated by a namespace admin.
import { assert, assertEquals } from "@std/assert";
import { isForbidden } from "../../mod.ts";
import { canI } from "./mod.ts";
import { widgetCrd } from "../crd/_fixtures_test.ts";
import {
  clusterRole,
  clusterRoleBinding,
  CM,
  configMap,
  namespace,
  RBAC,
  RBAC_V1,
  roleBinding,
  seed,
  statusOf,
  withRuntime,
} from "./testdata/fixtures.ts";

const user = (username: string) => ({ username, groups: ["system:authenticated"] });
const WIDGET = { apiVersion: "example.com/v1", kind: "Widget" };

Deno.test("the default ClusterRoles grant what Kubernetes' grant, where they are bound", async (t) => {
  await withRuntime(async (rt) => {
    await seed(rt, [
      namespace("dev"),
      roleBinding("v", "dev", { kind: "ClusterRole", name: "view" }, [{
        kind: "User",
        name: "viewer",
      }]),
      roleBinding("e", "dev", { kind: "ClusterRole", name: "edit" }, [{
        kind: "User",
        name: "editor",
      }]),
      roleBinding("a", "dev", { kind: "ClusterRole", name: "admin" }, [{
        kind: "User",
        name: "owner",
      }]),
      clusterRoleBinding("root", "cluster-admin", [{ kind: "Group", name: "ops" }]),
    ]);
    const cases: [string, Parameters<typeof canI>[2], boolean][] = [
      ["viewer", { verb: "list", resource: "configmaps", namespace: "dev" }, true],
      ["viewer", { verb: "watch", resource: "events", namespace: "dev" }, true],
      ["viewer", { verb: "get", resource: "namespaces", name: "dev", namespace: "dev" }, true],
      ["viewer", { verb: "get", resource: "secrets", name: "s", namespace: "dev" }, false],
      ["viewer", { verb: "create", resource: "configmaps", namespace: "dev" }, false],
      ["viewer", { verb: "list", resource: "configmaps", namespace: "default" }, false],
      ["editor", { verb: "get", resource: "secrets", name: "s", namespace: "dev" }, true],
      ["editor", { verb: "deletecollection", resource: "configmaps", namespace: "dev" }, true],
      ["editor", { verb: "impersonate", resource: "serviceaccounts", namespace: "dev" }, true],
      ["editor", {
        verb: "create",
        resource: "serviceaccounts",
        subresource: "token",
        name: "b",
        namespace: "dev",
      }, true],
      [
        "editor",
        { verb: "create", group: RBAC, resource: "rolebindings", namespace: "dev" },
        false,
      ],
      ["owner", { verb: "create", group: RBAC, resource: "rolebindings", namespace: "dev" }, true],
      [
        "owner",
        { verb: "update", group: RBAC, resource: "roles", name: "r", namespace: "dev" },
        true,
      ],
      ["owner", { verb: "create", group: RBAC, resource: "clusterroles" }, false],
      ["owner", { verb: "delete", resource: "namespaces", name: "dev" }, false],
      ["someone", { verb: "create", group: "example.com", resource: "widgets" }, false],
    ];
    for (const [name, check, want] of cases) {
      await t.step(
        `${name} ${want ? "may" : "may not"} ${check.verb} ${check.resource}`,
        async () => {
          assertEquals((await canI(rt, user(name), check)).allowed, want);
        },
      );
    }
    await t.step("cluster-admin: every resource and non-resource URL", async () => {
      const ops = { username: "o", groups: ["ops", "system:authenticated"] };
      assert((await canI(rt, ops, { verb: "escalate", group: "x.io", resource: "y" })).allowed);
      assert((await canI(rt, ops, { verb: "get", path: "/healthz" })).allowed);
    });
  });
});

Deno.test("a namespace admin may grant view and edit in the namespace, and nothing more", async () => {
  await withRuntime(async (rt) => {
    await seed(rt, [
      namespace("dev"),
      roleBinding("a", "dev", { kind: "ClusterRole", name: "admin" }, [{
        kind: "User",
        name: "owner",
      }]),
    ]);
    const owner = rt.clientFor(user("owner"));
    for (const role of ["view", "edit", "admin"]) {
      await owner.create(
        roleBinding(`dave-${role}`, "dev", { kind: "ClusterRole", name: role }, [{
          kind: "User",
          name: "dave",
        }]),
      );
    }
    const err = await statusOf(owner.create(
      roleBinding("dave-root", "dev", { kind: "ClusterRole", name: "cluster-admin" }, [{
        kind: "User",
        name: "dave",
      }]),
    ));
    assert(isForbidden(err), err.message);
    await rt.clientFor(user("dave")).create(configMap("c", "dev"));
  });
});

Deno.test("a custom resource's author aggregates its kind into view and edit with labels", async (t) => {
  await withRuntime(async (rt) => {
    await rt.client.create(
      widgetCrd(undefined, { type: "object", "x-kubernetes-preserve-unknown-fields": true }),
    );
    await seed(rt, [
      clusterRole("widgets-view", [{
        apiGroups: ["example.com"],
        resources: ["widgets"],
        verbs: ["get", "list", "watch"],
      }], { labels: { "rbac.authorization.k8s.io/aggregate-to-view": "true" } }),
      clusterRole("widgets-edit", [{
        apiGroups: ["example.com"],
        resources: ["widgets"],
        verbs: ["create", "update", "patch", "delete", "deletecollection"],
      }], {
        labels: {
          "rbac.authorization.k8s.io/aggregate-to-edit": "true",
          "rbac.authorization.k8s.io/aggregate-to-admin": "true",
        },
      }),
      roleBinding("v", "default", { kind: "ClusterRole", name: "view" }, [{
        kind: "User",
        name: "viewer",
      }]),
      roleBinding("e", "default", { kind: "ClusterRole", name: "edit" }, [{
        kind: "User",
        name: "editor",
      }]),
    ]);
    const widget = { ...WIDGET, metadata: { name: "w", namespace: "default" } };
    await t.step("at once, through the authorizer", async () => {
      await rt.clientFor(user("editor")).create(widget);
      const viewer = rt.clientFor(user("viewer"));
      assertEquals(
        (await viewer.list(WIDGET, { namespace: "default" })).items.map((w) => w.metadata.name),
        ["w"],
      );
      const err = await statusOf(viewer.delete(WIDGET, { namespace: "default", name: "w" }));
      assertEquals(
        err.message,
        'widgets.example.com "w" is forbidden: User "viewer" cannot delete resource "widgets" in API group "example.com" in the namespace "default"',
      );
    });
    await t.step("in the stored roles, once the aggregation controller has run", async () => {
      assertEquals((await rt.controllers.drain({ timeoutMs: 10_000 })).failed, []);
      const CLUSTER_ROLE = { apiVersion: RBAC_V1, kind: "ClusterRole" };
      const has = async (role: string, verb: string) =>
        ((await rt.client.get(CLUSTER_ROLE, { name: role })).rules as {
          apiGroups?: string[];
          verbs: string[];
        }[]).some((r) => r.apiGroups?.includes("example.com") && r.verbs.includes(verb));
      assertEquals(
        await Promise.all([
          has("view", "list"),
          has("view", "create"),
          has("edit", "list"),
          has("edit", "create"),
          has("admin", "create"),
        ]),
        [true, false, true, true, true],
      );
    });
    await t.step("configmaps stay as the bootstrap policy has them", async () => {
      assert(
        (await canI(rt, user("viewer"), {
          verb: "get",
          resource: "configmaps",
          namespace: "default",
        })).allowed,
      );
      await rt.clientFor(user("editor")).create({
        ...CM,
        metadata: { name: "x", namespace: "default" },
      });
    });
  });
});

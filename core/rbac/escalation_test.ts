// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals } from "@std/assert";
import { isForbidden, isNotFound, type KubeObject, type Runtime } from "../../mod.ts";
import {
  ALICE,
  clusterRole,
  clusterRoleBinding,
  RBAC,
  RBAC_V1,
  role,
  roleBinding,
  seed,
  statusOf,
  withRuntime,
} from "./testdata/fixtures.ts";
import type { PolicyRule } from "./types.ts";

const ROLE = { apiVersion: RBAC_V1, kind: "Role" };
const WRITE_RBAC: PolicyRule = {
  apiGroups: [RBAC],
  resources: ["roles", "rolebindings", "clusterroles", "clusterrolebindings"],
  verbs: ["get", "create", "update", "patch"],
};
const SECRETS_GET_LIST: PolicyRule = {
  apiGroups: [""],
  resources: ["secrets"],
  verbs: ["get", "list"],
};
const PREFIX =
  'user "alice" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n';

/** Alice may write RBAC objects in `default` (via a Role) and cluster-wide (ClusterRole), plus `extra`. */
async function setup(rt: Runtime, extra: PolicyRule[] = []): Promise<void> {
  await seed(rt, [
    clusterRole("rbac-writer", [WRITE_RBAC, ...extra]),
    clusterRoleBinding("alice-rbac", "rbac-writer", [{ kind: "User", name: "alice" }]),
  ]);
}

Deno.test("creating a role needs its permissions", async (t) => {
  await withRuntime(async (rt) => {
    await setup(rt, [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }]);
    const alice = rt.clientFor(ALICE);
    await t.step("held permissions pass", async () => {
      await alice.create(
        role("ok", "default", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }]),
      );
    });
    await t.step("missing permissions are listed, merged and sorted", async () => {
      const err = await statusOf(alice.create(role("x", "default", [
        SECRETS_GET_LIST,
        { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "delete"] },
        { verbs: ["get"], apiGroups: [""], resources: ["pods"], resourceNames: ["p"] },
      ])));
      assertEquals(err.code, 403);
      assertEquals(
        err.message,
        'roles.rbac.authorization.k8s.io "x" is forbidden: ' + PREFIX +
          '{APIGroups:[""], Resources:["configmaps"], Verbs:["delete"]}\n' +
          '{APIGroups:[""], Resources:["pods"], ResourceNames:["p"], Verbs:["get"]}\n' +
          '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}',
      );
      assertEquals(err.status.details, { name: "x", group: RBAC, kind: "roles" });
    });
    await t.step("the brief's example message", async () => {
      const err = await statusOf(alice.create(role("x", "default", [SECRETS_GET_LIST])));
      assertEquals(
        err.message,
        'roles.rbac.authorization.k8s.io "x" is forbidden: ' + PREFIX +
          '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}',
      );
    });
    await t.step("updating to more permissions is refused too", async () => {
      const ok = await alice.get<KubeObject>(ROLE, { namespace: "default", name: "ok" });
      const err = await statusOf(alice.update({ ...ok, rules: [SECRETS_GET_LIST] }));
      assert(isForbidden(err));
    });
    await t.step("nothing was written", async () => {
      const list = await rt.client.list(ROLE, { namespace: "default" });
      assertEquals(list.items.map((o) => o.metadata.name), ["ok"]);
    });
  });
});

Deno.test("the escalate verb allows any role", async () => {
  await withRuntime(async (rt) => {
    await setup(rt, [{ apiGroups: [RBAC], resources: ["roles"], verbs: ["escalate"] }]);
    const alice = rt.clientFor(ALICE);
    await alice.create(role("x", "default", [SECRETS_GET_LIST]));
  });
});

Deno.test("escalate limited to a name allows updates of that role only", async () => {
  await withRuntime(async (rt) => {
    await setup(rt, [{
      apiGroups: [RBAC],
      resources: ["roles"],
      verbs: ["escalate"],
      resourceNames: ["x"],
    }]);
    await seed(rt, [role("x", "default", []), role("y", "default", [])]);
    const alice = rt.clientFor(ALICE);
    // A create has no name to match.
    assert(isForbidden(await statusOf(alice.create(role("z", "default", [SECRETS_GET_LIST])))));
    const x = await alice.get<KubeObject>(ROLE, { namespace: "default", name: "x" });
    await alice.update({ ...x, rules: [SECRETS_GET_LIST] });
    const y = await alice.get<KubeObject>(ROLE, { namespace: "default", name: "y" });
    assert(isForbidden(await statusOf(alice.update({ ...y, rules: [SECRETS_GET_LIST] }))));
  });
});

Deno.test("updates that only change owner references or finalizers are exempt", async () => {
  await withRuntime(async (rt) => {
    await setup(rt);
    await seed(rt, [role("x", "default", [SECRETS_GET_LIST])]);
    const alice = rt.clientFor(ALICE);
    const x = await alice.get<KubeObject>(ROLE, { namespace: "default", name: "x" });
    await alice.update({ ...x, metadata: { ...x.metadata, finalizers: ["example.com/keep"] } });
    const y = await alice.get<KubeObject>(ROLE, { namespace: "default", name: "x" });
    assert(
      isForbidden(
        await statusOf(alice.update({ ...y, metadata: { ...y.metadata, labels: { a: "b" } } })),
      ),
    );
  });
});

Deno.test("a ClusterRole's aggregationRule needs every permission", async () => {
  await withRuntime(async (rt) => {
    await setup(rt);
    const alice = rt.clientFor(ALICE);
    const err = await statusOf(alice.create(clusterRole("agg", [], {
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: "b" } }] },
    })));
    assertEquals(
      err.message,
      'clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule',
    );
  });
});

Deno.test("a ClusterRole checks against cluster-wide permissions only", async () => {
  await withRuntime(async (rt) => {
    await setup(rt);
    // Alice can read secrets in default, not cluster-wide.
    await seed(rt, [
      role("secrets", "default", [SECRETS_GET_LIST]),
      roleBinding("alice", "default", { kind: "Role", name: "secrets" }, [{
        kind: "User",
        name: "alice",
      }]),
    ]);
    const alice = rt.clientFor(ALICE);
    await alice.create(role("ns-ok", "default", [SECRETS_GET_LIST]));
    assert(
      isForbidden(await statusOf(alice.create(clusterRole("cluster-no", [SECRETS_GET_LIST])))),
    );
  });
});

Deno.test("binding a role needs its permissions or the bind verb", async (t) => {
  await withRuntime(async (rt) => {
    await setup(rt);
    await seed(rt, [
      role("secrets", "default", [SECRETS_GET_LIST]),
      clusterRole("secrets-everywhere", [SECRETS_GET_LIST]),
    ]);
    const alice = rt.clientFor(ALICE);
    const bob = [{ kind: "User" as const, name: "bob" }];
    await t.step("without them: refused", async () => {
      const err = await statusOf(
        alice.create(roleBinding("b", "default", { kind: "Role", name: "secrets" }, bob)),
      );
      assertEquals(
        err.message,
        'rolebindings.rbac.authorization.k8s.io "b" is forbidden: ' + PREFIX +
          '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}',
      );
      const err2 = await statusOf(
        alice.create(clusterRoleBinding("cb", "secrets-everywhere", bob)),
      );
      assertEquals(
        err2.message,
        'clusterrolebindings.rbac.authorization.k8s.io "cb" is forbidden: ' + PREFIX +
          '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}',
      );
    });
    await t.step("a missing role is NotFound", async () => {
      const err = await statusOf(
        alice.create(roleBinding("b", "default", { kind: "Role", name: "nope" }, bob)),
      );
      assert(isNotFound(err));
      assertEquals(err.message, 'roles.rbac.authorization.k8s.io "nope" not found');
      const err2 = await statusOf(alice.create(clusterRoleBinding("cb", "nope", bob)));
      assertEquals(err2.message, 'clusterroles.rbac.authorization.k8s.io "nope" not found');
    });
    await t.step("with the bind verb on that role: allowed", async () => {
      await rt.client.create(
        role("binder", "default", [{
          apiGroups: [RBAC],
          resources: ["roles"],
          verbs: ["bind"],
          resourceNames: ["secrets"],
        }]),
      );
      await rt.client.create(
        roleBinding("alice-binder", "default", { kind: "Role", name: "binder" }, [{
          kind: "User",
          name: "alice",
        }]),
      );
      await alice.create(roleBinding("b", "default", { kind: "Role", name: "secrets" }, bob));
      // bind on another name does not help.
      assert(
        isForbidden(
          await statusOf(
            alice.create(
              roleBinding("c", "default", { kind: "ClusterRole", name: "secrets-everywhere" }, bob),
            ),
          ),
        ),
      );
    });
    await t.step("holding the permissions: allowed", async () => {
      await rt.client.create(
        roleBinding(
          "alice-secrets",
          "default",
          { kind: "ClusterRole", name: "secrets-everywhere" },
          [{ kind: "User", name: "alice" }],
        ),
      );
      await alice.create(
        roleBinding("c", "default", { kind: "ClusterRole", name: "secrets-everywhere" }, bob),
      );
      // Not cluster-wide, though.
      assert(
        isForbidden(
          await statusOf(alice.create(clusterRoleBinding("cb", "secrets-everywhere", bob))),
        ),
      );
    });
  });
});

Deno.test("resolution errors are appended to escalation denials", async () => {
  await withRuntime(async (rt) => {
    await setup(rt);
    await seed(rt, [
      roleBinding("alice-gone", "default", { kind: "Role", name: "gone" }, [{
        kind: "User",
        name: "alice",
      }]),
    ]);
    const err = await statusOf(
      rt.clientFor(ALICE).create(role("x", "default", [SECRETS_GET_LIST])),
    );
    assertEquals(
      err.message,
      'roles.rbac.authorization.k8s.io "x" is forbidden: ' + PREFIX +
        '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}; resolution errors: [roles.rbac.authorization.k8s.io "gone" not found]',
    );
  });
});

Deno.test("the store owner and system:masters are never checked", async () => {
  await withRuntime(async (rt) => {
    await rt.client.create(
      clusterRole("all", [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }], {
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: "y" } }] },
      }),
    );
    const root = rt.clientFor({ username: "root", groups: ["system:masters"] });
    await root.create(
      clusterRoleBinding("anyone", "all", [{ kind: "Group", name: "system:authenticated" }]),
    );
  });
});

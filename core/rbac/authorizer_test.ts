// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals } from "@std/assert";
import { createRuntime, isForbidden, type KubeObject, type UserInfo } from "../../mod.ts";
import { createRbacAuthorizer } from "./mod.ts";
import {
  ALICE,
  clusterRole,
  clusterRoleBinding,
  CM,
  configMap,
  namespace,
  NS,
  RBAC,
  role,
  roleBinding,
  SECRET,
  seed,
  statusOf,
  withRuntime,
} from "./testdata/fixtures.ts";

const READ_CM = [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }];

/** Whether `fn` succeeds (true) or is refused with 403 (false). */
async function allowed(fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (e) {
    if (isForbidden(e)) return false;
    throw e;
  }
}

Deno.test("RBAC denies by default with Kubernetes' messages", async (t) => {
  await withRuntime(async (rt) => {
    await seed(rt, [configMap("foo"), namespace("team")]);
    const alice = rt.clientFor(ALICE);
    const cases: [string, () => Promise<unknown>, string][] = [
      [
        "get",
        () => alice.get(CM, { namespace: "default", name: "foo" }),
        'configmaps "foo" is forbidden: User "alice" cannot get resource "configmaps" in API group "" in the namespace "default"',
      ],
      [
        "list",
        () => alice.list(CM, { namespace: "default" }),
        'configmaps is forbidden: User "alice" cannot list resource "configmaps" in API group "" in the namespace "default"',
      ],
      [
        "list in every namespace",
        () => alice.list(CM, {}),
        'configmaps is forbidden: User "alice" cannot list resource "configmaps" in API group "" at the cluster scope',
      ],
      [
        "a get of one Namespace, made in that namespace",
        () => alice.get(NS, { name: "team" }),
        'namespaces "team" is forbidden: User "alice" cannot get resource "namespaces" in API group "" in the namespace "team"',
      ],
      [
        "create",
        () => alice.create(configMap("new")),
        'configmaps is forbidden: User "alice" cannot create resource "configmaps" in API group "" in the namespace "default"',
      ],
      [
        "delete",
        () => alice.delete(configMap("foo")),
        'configmaps "foo" is forbidden: User "alice" cannot delete resource "configmaps" in API group "" in the namespace "default"',
      ],
      [
        "group resource",
        () =>
          alice.get({ apiVersion: `${RBAC}/v1`, kind: "Role" }, {
            namespace: "default",
            name: "r",
          }),
        'roles.rbac.authorization.k8s.io "r" is forbidden: User "alice" cannot get resource "roles" in API group "rbac.authorization.k8s.io" in the namespace "default"',
      ],
    ];
    for (const [name, fn, message] of cases) {
      await t.step(name, async () => {
        const err = await statusOf(fn());
        assertEquals([err.code, err.status.reason, err.message], [403, "Forbidden", message]);
      });
    }
    await t.step("details name the resource", async () => {
      const err = await statusOf(
        alice.get({ apiVersion: `${RBAC}/v1`, kind: "Role" }, { namespace: "default", name: "r" }),
      );
      assertEquals(err.status.details, { name: "r", group: RBAC, kind: "roles" });
    });
  });
});

Deno.test("forbidden messages of subresources, non-resource paths and odd names", async () => {
  await withRuntime(async (rt) => {
    const authz = createRbacAuthorizer(rt);
    const err = await statusOf(Promise.resolve(authz.authorize({
      user: ALICE,
      verb: "update",
      group: "example.com",
      version: "v1",
      resource: "widgets",
      subresource: "status",
      namespace: "default",
      name: "w",
    })));
    assertEquals(
      err.message,
      'widgets.example.com "w" is forbidden: User "alice" cannot update resource "widgets/status" in API group "example.com" in the namespace "default"',
    );
    const odd = await statusOf(Promise.resolve(authz.authorize({
      user: { username: 'mal"<lory>' },
      verb: "get",
      group: "",
      version: "v1",
      resource: "configmaps",
      namespace: "default",
      name: "a\nb",
    })));
    assertEquals(
      odd.message,
      'configmaps "a\\nb" is forbidden: User "mal\\"&lt;lory&gt;" cannot get resource "configmaps" in API group "" in the namespace "default"',
    );
    const d = await authz.decide({ user: ALICE, verb: "get", path: "/healthz" });
    assertEquals(d.allowed, false);
  });
});

Deno.test("every subject kind is matched", async (t) => {
  await withRuntime(async (rt) => {
    await seed(rt, [
      namespace("team"),
      role("reader", "default", READ_CM),
      role("reader", "team", READ_CM),
      roleBinding("by-user", "default", { kind: "Role", name: "reader" }, [{
        kind: "User",
        name: "alice",
      }]),
      roleBinding("by-group", "default", { kind: "Role", name: "reader" }, [{
        kind: "Group",
        name: "devs",
      }]),
      roleBinding("by-sa", "default", { kind: "Role", name: "reader" }, [{
        kind: "ServiceAccount",
        name: "builder",
        namespace: "ci",
      }]),
      // No namespace: the binding's own.
      roleBinding("by-local-sa", "team", { kind: "Role", name: "reader" }, [{
        kind: "ServiceAccount",
        name: "local",
      }]),
      // A User subject naming a ServiceAccount user matches that ServiceAccount.
      roleBinding("by-sa-user", "team", { kind: "Role", name: "reader" }, [{
        kind: "User",
        name: "system:serviceaccount:ci:named",
      }]),
    ]);
    const sa = (ns: string, name: string): UserInfo => ({
      username: `system:serviceaccount:${ns}:${name}`,
      groups: ["system:serviceaccounts", `system:serviceaccounts:${ns}`, "system:authenticated"],
    });
    const cases: [string, UserInfo, string, boolean][] = [
      ["User by name", { username: "alice" }, "default", true],
      ["User is case sensitive", { username: "Alice" }, "default", false],
      ["Group by membership", { username: "bob", groups: ["devs"] }, "default", true],
      ["Group is not a user name", { username: "devs" }, "default", false],
      ["ServiceAccount with namespace", sa("ci", "builder"), "default", true],
      ["ServiceAccount of another namespace", sa("other", "builder"), "default", false],
      ["ServiceAccount defaulting to the binding namespace", sa("team", "local"), "team", true],
      [
        "ServiceAccount default is not the requester's namespace",
        sa("default", "local"),
        "default",
        false,
      ],
      ["User subject naming a ServiceAccount", sa("ci", "named"), "team", true],
      ["binding applies only in its namespace", { username: "alice" }, "team", false],
    ];
    for (const [name, user, ns, want] of cases) {
      await t.step(name, async () => {
        assertEquals(
          await allowed(() => rt.clientFor(user).list(CM, { namespace: ns })),
          want,
        );
      });
    }
  });
});

Deno.test("a ClusterRoleBinding's ServiceAccount subject without namespace never applies", async () => {
  await withRuntime(async (rt) => {
    const authz = createRbacAuthorizer(rt);
    // Validation refuses such a subject, so place it in the store directly.
    await rt.client.create(clusterRole("reader", READ_CM));
    await rt.storage.create(`/registry/clusterrolebindings/odd`, {
      ...clusterRoleBinding("odd", "reader", []),
      subjects: [{ kind: "ServiceAccount", name: "x" }],
    });
    const d = await authz.decide({
      user: { username: "system:serviceaccount:default:x" },
      verb: "list",
      group: "",
      resource: "configmaps",
      namespace: "default",
    });
    assertEquals(d.allowed, false);
  });
});

Deno.test("a RoleBinding to a ClusterRole grants it in the binding's namespace only", async () => {
  await withRuntime(async (rt) => {
    await seed(rt, [
      namespace("team"),
      configMap("a", "team"),
      configMap("b"),
      clusterRole("cm-reader", READ_CM),
      roleBinding("alice", "team", { kind: "ClusterRole", name: "cm-reader" }, [{
        kind: "User",
        name: "alice",
      }]),
    ]);
    const alice = rt.clientFor(ALICE);
    assertEquals((await alice.list(CM, { namespace: "team" })).items.map((o) => o.metadata.name), [
      "a",
    ]);
    assert(isForbidden(await statusOf(alice.list(CM, { namespace: "default" }))));
    assert(isForbidden(await statusOf(alice.list(CM, {}))));
  });
});

Deno.test("a request for one Namespace is made in that namespace, as the apiserver's request info", async () => {
  await withRuntime(async (rt) => {
    await seed(rt, [
      namespace("team"),
      namespace("other"),
      clusterRole("ns-reader", [{ apiGroups: [""], resources: ["namespaces"], verbs: ["get"] }]),
      roleBinding("alice", "team", { kind: "ClusterRole", name: "ns-reader" }, [{
        kind: "User",
        name: "alice",
      }]),
    ]);
    const alice = rt.clientFor(ALICE);
    assertEquals((await alice.get(NS, { name: "team" })).metadata.name, "team");
    const other = await statusOf(alice.get(NS, { name: "other" }));
    assertEquals(
      other.message,
      'namespaces "other" is forbidden: User "alice" cannot get resource "namespaces" in API group "" in the namespace "other"',
    );
    // A list is not one namespace: cluster scope.
    assert(isForbidden(await statusOf(alice.list(NS))));
  });
});

Deno.test("a ClusterRoleBinding grants in every namespace and at the cluster scope", async () => {
  await withRuntime(async (rt) => {
    await seed(rt, [
      namespace("team"),
      configMap("a", "team"),
      configMap("b"),
      clusterRole("reader", [...READ_CM, {
        apiGroups: [""],
        resources: ["namespaces"],
        verbs: ["get"],
      }]),
      clusterRoleBinding("alice", "reader", [{ kind: "User", name: "alice" }]),
    ]);
    const alice = rt.clientFor(ALICE);
    assertEquals((await alice.list(CM, {})).items.map((o) => o.metadata.name).sort(), ["a", "b"]);
    assertEquals((await alice.get(NS, { name: "team" })).metadata.name, "team");
    assert(isForbidden(await statusOf(alice.list(SECRET, { namespace: "team" }))));
  });
});

Deno.test("resourceNames allow the named objects and no collection", async () => {
  await withRuntime(async (rt) => {
    await seed(rt, [
      configMap("open"),
      configMap("closed"),
      role("one", "default", [{
        apiGroups: [""],
        resources: ["configmaps"],
        resourceNames: ["open"],
        verbs: ["get", "list", "watch", "update"],
      }]),
      roleBinding("alice", "default", { kind: "Role", name: "one" }, [{
        kind: "User",
        name: "alice",
      }]),
    ]);
    const alice = rt.clientFor(ALICE);
    assertEquals(
      (await alice.get(CM, { namespace: "default", name: "open" })).metadata.name,
      "open",
    );
    assert(isForbidden(await statusOf(alice.get(CM, { namespace: "default", name: "closed" }))));
    assert(isForbidden(await statusOf(alice.list(CM, { namespace: "default" }))));
    // A watch of that one name is allowed and sees only it.
    const w = alice.watch(CM, { namespace: "default", name: "open" });
    const first = await w[Symbol.asyncIterator]().next();
    w.stop();
    assertEquals(first.value?.object?.metadata?.name, "open");
  });
});

Deno.test("a binding to a missing role adds the resolution error to the denial", async () => {
  await withRuntime(async (rt) => {
    await seed(rt, [
      roleBinding("alice", "default", { kind: "Role", name: "gone" }, [{
        kind: "User",
        name: "alice",
      }]),
      clusterRoleBinding("alice", "gone-too", [{ kind: "User", name: "alice" }]),
    ]);
    const err = await statusOf(rt.clientFor(ALICE).get(CM, { namespace: "default", name: "x" }));
    assertEquals(
      err.message,
      'configmaps "x" is forbidden: User "alice" cannot get resource "configmaps" in API group "" in the namespace "default": RBAC: [clusterrole.rbac.authorization.k8s.io "gone-too" not found, role.rbac.authorization.k8s.io "gone" not found]',
    );
  });
});

Deno.test("system:masters and the store owner bypass RBAC", async () => {
  await withRuntime(async (rt) => {
    await seed(rt, [configMap("x")]);
    const root = rt.clientFor({ username: "root", groups: ["system:masters"] });
    assertEquals((await root.get(CM, { namespace: "default", name: "x" })).metadata.name, "x");
    assertEquals((await rt.client.get(CM, { namespace: "default", name: "x" })).metadata.name, "x");
  });
});

Deno.test("role and binding changes apply to the next request", async () => {
  await withRuntime(async (rt) => {
    await seed(rt, [configMap("x")]);
    const alice = rt.clientFor(ALICE);
    const get = () => alice.get(CM, { namespace: "default", name: "x" });
    assert(isForbidden(await statusOf(get())));
    await rt.client.create(
      role("reader", "default", [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }]),
    );
    await rt.client.create(
      roleBinding("alice", "default", { kind: "Role", name: "reader" }, [{
        kind: "User",
        name: "alice",
      }]),
    );
    assert(isForbidden(await statusOf(get())));
    // Widen the role: allowed at once.
    const r = await rt.client.get({ apiVersion: `${RBAC}/v1`, kind: "Role" }, {
      namespace: "default",
      name: "reader",
    });
    await rt.client.update({ ...r, rules: READ_CM });
    assertEquals((await get()).metadata.name, "x");
    // Unrelated writes keep the index; deleting the binding revokes at once.
    await rt.client.create(configMap("y"));
    assertEquals((await get()).metadata.name, "x");
    await rt.client.delete(roleBinding("alice", "default", { kind: "Role", name: "reader" }, []));
    assert(isForbidden(await statusOf(get())));
  });
});

Deno.test("changes made by another process apply to the next request", async () => {
  const dir = await Deno.makeTempDir({ prefix: "k1s-rbac-" });
  const store = `${dir}/k1s.db`;
  const writer = await createRuntime({ store });
  const reader = await createRuntime({ store, user: { username: "alice" } });
  try {
    await writer.client.create(configMap("x"));
    const get = () => reader.client.get(CM, { namespace: "default", name: "x" });
    assert(isForbidden(await statusOf(get())));
    await writer.client.create(role("reader", "default", READ_CM));
    await writer.client.create(
      roleBinding("alice", "default", { kind: "Role", name: "reader" }, [{
        kind: "User",
        name: "alice",
      }]),
    );
    assertEquals((await get()).metadata.name, "x");
    await writer.client.delete(
      roleBinding("alice", "default", { kind: "Role", name: "reader" }, []),
    );
    assert(isForbidden(await statusOf(get())));
  } finally {
    await reader.close();
    await writer.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("list and watch never show objects of namespaces the identity may not read", async () => {
  await withRuntime(async (rt) => {
    await seed(rt, [
      namespace("team"),
      namespace("secret-team"),
      role("reader", "team", READ_CM),
      roleBinding("alice", "team", { kind: "Role", name: "reader" }, [{
        kind: "User",
        name: "alice",
      }]),
      configMap("mine", "team"),
      configMap("theirs", "secret-team"),
    ]);
    const alice = rt.clientFor(ALICE);
    assertEquals((await alice.list(CM, { namespace: "team" })).items.map((o) => o.metadata.name), [
      "mine",
    ]);
    assert(isForbidden(await statusOf(alice.list(CM, { namespace: "secret-team" }))));
    assert(isForbidden(await statusOf(alice.list(CM, {}))));
    // A watch of every namespace is refused; one of team sees only team's events.
    const all = alice.watch(CM, {});
    const refused = await statusOf(all[Symbol.asyncIterator]().next());
    assert(isForbidden(refused));
    const w = alice.watch(CM, {
      namespace: "team",
      resourceVersion: String((await rt.client.list(CM, {})).metadata.resourceVersion),
    });
    const seen: KubeObject[] = [];
    const done = (async () => {
      for await (const ev of w) {
        if (ev.type === "ERROR") break;
        seen.push(ev.object);
        if (ev.object.metadata.name === "last") break;
      }
    })();
    await rt.client.create(configMap("leak", "secret-team"));
    await rt.client.create(configMap("also-leak", "default"));
    await rt.client.create(configMap("last", "team"));
    await done;
    w.stop();
    assertEquals(seen.map((o) => `${o.metadata.namespace}/${o.metadata.name}`), ["team/last"]);
  });
});

Deno.test("a denied identity cannot tell existing objects from missing ones", async () => {
  await withRuntime(async (rt) => {
    await seed(rt, [configMap("exists")]);
    const alice = rt.clientFor(ALICE);
    const a = await statusOf(alice.get(CM, { namespace: "default", name: "exists" }));
    const b = await statusOf(alice.get(CM, { namespace: "default", name: "missing" }));
    assertEquals([a.code, b.code], [403, 403]);
    const c = await statusOf(alice.delete(configMap("exists")));
    const d = await statusOf(alice.delete(configMap("missing")));
    assertEquals([c.code, d.code], [403, 403]);
    const e = await statusOf(alice.list(CM, { namespace: "no-such-namespace" }));
    assertEquals(e.code, 403);
  });
});

// Copyright 2026 the k1s authors. Apache-2.0 license.
// Cost of RBAC (issue #7): one authorization on a store with 500 Roles and 500 RoleBindings (plus
// 20 ClusterRoles and 20 ClusterRoleBindings) must stay under 20 µs; the store owner pays
// nothing. Run: deno bench -A bench/rbac_bench.ts
import { createRuntime, type KubeObject } from "../mod.ts";
import type { AuthorizationAttributes } from "../core/apiserver/context.ts";
import { createRbacAuthorizer } from "../core/rbac/mod.ts";
import { loadRbacObjects, RbacIndex } from "../core/rbac/_index.ts";

const RBAC = "rbac.authorization.k8s.io";
const NAMESPACES = 50;
const ROLES = 500;
const CLUSTER = 20;

function rules(i: number): KubeObject["rules"] {
  return [
    { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] },
    { apiGroups: [""], resources: ["secrets"], verbs: ["get"], resourceNames: [`s-${i}`] },
    { apiGroups: ["apps"], resources: ["deployments", "deployments/scale"], verbs: ["*"] },
    {
      apiGroups: [`g${i}.example.com`],
      resources: ["widgets", "widgets/status"],
      verbs: ["update", "patch"],
    },
    { apiGroups: [""], resources: ["events"], verbs: ["create"] },
  ];
}

const rt = await createRuntime({ store: "memory:" });
const c = rt.client;
for (let n = 0; n < NAMESPACES; n++) {
  await c.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: `ns-${n}` } });
}
for (let i = 0; i < ROLES; i++) {
  const ns = `ns-${i % NAMESPACES}`;
  await c.create({
    apiVersion: `${RBAC}/v1`,
    kind: "Role",
    metadata: { name: `role-${i}`, namespace: ns },
    rules: rules(i),
  });
  await c.create({
    apiVersion: `${RBAC}/v1`,
    kind: "RoleBinding",
    metadata: { name: `rb-${i}`, namespace: ns },
    roleRef: { apiGroup: RBAC, kind: "Role", name: `role-${i}` },
    subjects: [
      { kind: "User", apiGroup: RBAC, name: `user-${i}` },
      { kind: "Group", apiGroup: RBAC, name: `team-${i % 25}` },
      { kind: "ServiceAccount", name: `sa-${i}`, namespace: ns },
    ],
  });
}
for (let i = 0; i < CLUSTER; i++) {
  await c.create({
    apiVersion: `${RBAC}/v1`,
    kind: "ClusterRole",
    metadata: { name: `cr-${i}`, labels: { "example.com/aggregate-to-view": "true" } },
    rules: [{ apiGroups: [`c${i}.example.com`], resources: ["things"], verbs: ["get", "list"] }],
  });
  await c.create({
    apiVersion: `${RBAC}/v1`,
    kind: "ClusterRoleBinding",
    metadata: { name: `crb-${i}` },
    roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: `cr-${i}` },
    subjects: [{ kind: "Group", apiGroup: RBAC, name: "system:authenticated" }],
  });
}
await c.create({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "cm", namespace: "ns-7" },
  data: { a: "b" },
});

const authz = createRbacAuthorizer(rt);
const user = { username: "user-107", groups: ["team-7", "system:authenticated"] };
function attrs(over: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes {
  return {
    user,
    verb: "get",
    group: "",
    version: "v1",
    resource: "configmaps",
    namespace: "ns-7",
    name: "cm",
    ...over,
  };
}
const allowed = attrs();
const allowedLast = attrs({ verb: "create", resource: "events", name: undefined });
const denied = attrs({ resource: "secrets", name: "other" });
const viaGroup = attrs({
  user: { username: "someone", groups: ["team-7", "system:authenticated"] },
});
const sa = attrs({
  user: {
    username: "system:serviceaccount:ns-7:sa-107",
    groups: ["system:serviceaccounts", "system:serviceaccounts:ns-7", "system:authenticated"],
  },
});
await authz.authorize(allowed); // builds the index

Deno.bench(
  "authorize: allowed by the first rule",
  { group: "authorize", baseline: true },
  async () => {
    await authz.authorize(allowed);
  },
);
Deno.bench("authorize: allowed by the last rule", { group: "authorize" }, async () => {
  await authz.authorize(allowedLast);
});
Deno.bench("authorize: allowed through a group", { group: "authorize" }, async () => {
  await authz.authorize(viaGroup);
});
Deno.bench("authorize: allowed for a ServiceAccount", { group: "authorize" }, async () => {
  await authz.authorize(sa);
});
Deno.bench("authorize: denied (403 built)", { group: "authorize" }, async () => {
  try {
    await authz.authorize(denied);
  } catch {
    // expected
  }
});
let u = 0;
Deno.bench("authorize: 500 distinct users in turn", { group: "authorize" }, async () => {
  const i = u++ % ROLES;
  await authz.authorize({
    ...allowed,
    user: { username: `user-${i}`, groups: ["system:authenticated"] },
    namespace: `ns-${i % NAMESPACES}`,
  });
});

const owner = rt.client;
const alice = rt.clientFor(user);
await alice.get({ apiVersion: "v1", kind: "ConfigMap" }, { namespace: "ns-7", name: "cm" }); // warm
Deno.bench(
  "client.get as the store owner (no RBAC)",
  { group: "client", baseline: true },
  async () => {
    await owner.get({ apiVersion: "v1", kind: "ConfigMap" }, { namespace: "ns-7", name: "cm" });
  },
);
Deno.bench("client.get as an RBAC-checked user", { group: "client" }, async () => {
  await alice.get({ apiVersion: "v1", kind: "ConfigMap" }, { namespace: "ns-7", name: "cm" });
});

const objects = await loadRbacObjects(rt.storage, rt.server.keyPrefix);
Deno.bench("index: read 1,040 RBAC objects from the store", { group: "index" }, async () => {
  await loadRbacObjects(rt.storage, rt.server.keyPrefix);
});
Deno.bench("index: build and resolve one user", { group: "index" }, () => {
  new RbacIndex(objects).resolve(user, "ns-7");
});

globalThis.addEventListener("unload", () => void rt.close());

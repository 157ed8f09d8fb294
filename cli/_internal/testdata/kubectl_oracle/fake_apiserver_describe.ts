// Copyright 2026 the k1s authors. Apache-2.0 license.
// deno-lint-ignore-file no-explicit-any
// A fake API server for recording kubectl's output (see README.md). Not part of any test run.
const port = Number(Deno.args[0] ?? 18082);
const store = JSON.parse(
  Deno.readTextFileSync(
    Deno.args[1] ?? new URL("../../describe/testdata/describe_store.json", import.meta.url),
  ),
);
const core: Record<string, [string, boolean]> = {
  configmaps: ["ConfigMap", true],
  secrets: ["Secret", true],
  serviceaccounts: ["ServiceAccount", true],
  namespaces: ["Namespace", false],
  events: ["Event", true],
  resourcequotas: ["ResourceQuota", true],
  limitranges: ["LimitRange", true],
};
const rbac: Record<string, [string, boolean]> = {
  roles: ["Role", true],
  clusterroles: ["ClusterRole", false],
  rolebindings: ["RoleBinding", true],
  clusterrolebindings: ["ClusterRoleBinding", false],
};
const ex: Record<string, [string, boolean]> = { widgets: ["Widget", true] };
const res = (m: Record<string, [string, boolean]>) =>
  Object.entries(m).map(([name, [kind, ns]]) => ({
    name,
    singularName: kind.toLowerCase(),
    namespaced: ns,
    kind,
    verbs: ["get", "list", "watch", "create", "delete"],
  }));
const groups = [
  {
    name: "rbac.authorization.k8s.io",
    versions: [{ groupVersion: "rbac.authorization.k8s.io/v1", version: "v1" }],
    preferredVersion: { groupVersion: "rbac.authorization.k8s.io/v1", version: "v1" },
  },
  {
    name: "example.com",
    versions: [{ groupVersion: "example.com/v1", version: "v1" }],
    preferredVersion: { groupVersion: "example.com/v1", version: "v1" },
  },
];
Deno.serve({ port, onListen() {} }, (req) => {
  const u = new URL(req.url);
  console.error(req.method, u.pathname + u.search);
  if (u.pathname === "/api") {
    return Response.json({
      kind: "APIVersions",
      versions: ["v1"],
      serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1" }],
    });
  }
  if (u.pathname === "/apis") {
    return Response.json({ kind: "APIGroupList", apiVersion: "v1", groups });
  }
  if (u.pathname === "/api/v1") {
    return Response.json({ kind: "APIResourceList", groupVersion: "v1", resources: res(core) });
  }
  if (u.pathname === "/apis/rbac.authorization.k8s.io/v1") {
    return Response.json({
      kind: "APIResourceList",
      groupVersion: "rbac.authorization.k8s.io/v1",
      resources: res(rbac),
    });
  }
  if (u.pathname === "/apis/example.com/v1") {
    return Response.json({
      kind: "APIResourceList",
      groupVersion: "example.com/v1",
      resources: res(ex),
    });
  }
  const m = u.pathname.match(
    /^\/(?:api\/v1|apis\/[^/]+\/v1)(?:\/namespaces\/([^/]+))?\/([a-z]+)(?:\/([^/]+))?$/,
  ) ?? u.pathname.match(/^\/api\/v1\/(namespaces)\/([^/]+)$/)?.slice(0, 0);
  let ns: string | undefined, r: string, name: string | undefined;
  const nsGet = u.pathname.match(/^\/api\/v1\/namespaces\/([^/]+)$/);
  if (nsGet) {
    r = "namespaces";
    name = nsGet[1];
    ns = undefined;
  } else if (m) [, ns, r, name] = m as unknown as string[];
  else return new Response("not found", { status: 404 });
  let items = (store[r] ?? []).filter((o: any) => !ns || o.metadata.namespace === ns);
  const fs = u.searchParams.get("fieldSelector");
  if (fs) {
    const conds = Object.fromEntries(fs.split(",").map((c) => c.split("=")));
    items = items.filter((o: any) =>
      Object.entries(conds).every(([k, v]) => k.split(".").reduce((a: any, p) => a?.[p], o) === v)
    );
  }
  if (name) {
    const o = items.find((o: any) => o.metadata.name === name);
    if (!o) {
      return Response.json({
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: `${r} "${name}" not found`,
        reason: "NotFound",
        details: { name, kind: r },
        code: 404,
      }, { status: 404 });
    }
    return Response.json(o);
  }
  const kind = (core[r] ?? rbac[r] ?? ex[r])[0];
  return Response.json({
    apiVersion: "v1",
    kind: kind + "List",
    metadata: { resourceVersion: "20" },
    items,
  });
});

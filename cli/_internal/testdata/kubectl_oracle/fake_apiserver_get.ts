// Copyright 2026 the k1s authors. Apache-2.0 license.
// deno-lint-ignore-file no-explicit-any
// A fake API server for recording kubectl's output (see README.md). Not part of any test run.
const port = Number(Deno.args[0] ?? 18081);
const store = JSON.parse(
  Deno.readTextFileSync(new URL("../../printers/testdata/get_store.json", import.meta.url)),
);
const cols: Record<string, { columns: unknown[]; cells: (o: any) => unknown[] }> = {
  configmaps: {
    columns: [
      { name: "Name", type: "string", format: "name", description: "n", priority: 0 },
      { name: "Data", type: "integer", format: "", description: "d", priority: 0 },
      { name: "Age", type: "string", format: "", description: "a", priority: 0 },
      { name: "Wide Col", type: "string", format: "", description: "w", priority: 1 },
    ],
    cells: (
      o,
    ) => [
      o.metadata.name,
      Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length,
      "AGE-" + o.metadata.name.slice(0, 3),
      "w" + o.metadata.resourceVersion,
    ],
  },
  roles: {
    columns: [
      { name: "Name", type: "string", format: "name", description: "n", priority: 0 },
      { name: "Created At", type: "date", format: "", description: "c", priority: 0 },
    ],
    cells: (o) => [o.metadata.name, o.metadata.creationTimestamp],
  },
};
const kinds: Record<string, [string, string]> = {
  configmaps: ["v1", "ConfigMapList"],
  roles: ["rbac.authorization.k8s.io/v1", "RoleList"],
};
Deno.serve({ port, onListen() {} }, (req) => {
  const u = new URL(req.url);
  console.error(req.method, u.pathname + u.search, req.headers.get("accept"));
  const accept = req.headers.get("accept") ?? "";
  if (u.pathname === "/api") {
    return Response.json({
      kind: "APIVersions",
      versions: ["v1"],
      serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1" }],
    });
  }
  if (u.pathname === "/apis") {
    return Response.json({
      kind: "APIGroupList",
      apiVersion: "v1",
      groups: [{
        name: "rbac.authorization.k8s.io",
        versions: [{ groupVersion: "rbac.authorization.k8s.io/v1", version: "v1" }],
        preferredVersion: { groupVersion: "rbac.authorization.k8s.io/v1", version: "v1" },
      }],
    });
  }
  if (u.pathname === "/api/v1") {
    return Response.json({
      kind: "APIResourceList",
      groupVersion: "v1",
      resources: [
        {
          name: "configmaps",
          singularName: "configmap",
          namespaced: true,
          kind: "ConfigMap",
          verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
          shortNames: ["cm"],
        },
      ],
    });
  }
  if (u.pathname === "/apis/rbac.authorization.k8s.io/v1") {
    return Response.json({
      kind: "APIResourceList",
      groupVersion: "rbac.authorization.k8s.io/v1",
      resources: [
        {
          name: "roles",
          singularName: "role",
          namespaced: true,
          kind: "Role",
          verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
        },
      ],
    });
  }
  const m = u.pathname.match(
    /^\/(?:api\/v1|apis\/rbac.authorization.k8s.io\/v1)(?:\/namespaces\/([^/]+))?\/(configmaps|roles)(?:\/([^/]+))?$/,
  );
  if (m) {
    const [, ns, res, name] = m;
    let items = store[res].filter((o: any) => !ns || o.metadata.namespace === ns);
    if (name) items = items.filter((o: any) => o.metadata.name === name);
    if (name && items.length === 0) {
      return Response.json({
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: `${res} "${name}" not found`,
        reason: "NotFound",
        details: { name, kind: res },
        code: 404,
      }, { status: 404 });
    }
    if (u.searchParams.get("watch") === "true" || u.searchParams.get("watch") === "1") {
      const enc = new TextEncoder();
      const tbl = (o: any, withCols: boolean) => ({
        kind: "Table",
        apiVersion: "meta.k8s.io/v1",
        metadata: { resourceVersion: "21" },
        columnDefinitions: withCols ? cols[res].columns : [],
        rows: [{ cells: cols[res].cells(o), object: o }],
      });
      const long = {
        ...items[0],
        metadata: { ...items[0].metadata, name: "a-much-longer-configmap-name" },
      };
      const evs = [
        { type: "MODIFIED", object: accept.includes("as=Table") ? tbl(items[0], true) : items[0] },
        { type: "ADDED", object: accept.includes("as=Table") ? tbl(long, false) : long },
        { type: "DELETED", object: accept.includes("as=Table") ? tbl(items[0], false) : items[0] },
      ];
      const body = new ReadableStream({
        start(c) {
          for (const e of evs) c.enqueue(enc.encode(JSON.stringify(e) + "\n"));
          c.close();
        },
      });
      return new Response(body, { headers: { "content-type": "application/json" } });
    }
    if (accept.includes("as=Table")) {
      return Response.json({
        kind: "Table",
        apiVersion: "meta.k8s.io/v1",
        metadata: { resourceVersion: "20" },
        columnDefinitions: cols[res].columns,
        rows: items.map((o: any) => ({ cells: cols[res].cells(o), object: o })),
      });
    }
    if (name) return Response.json(items[0]);
    return Response.json({
      apiVersion: kinds[res][0],
      kind: kinds[res][1],
      metadata: { resourceVersion: "20" },
      items,
    });
  }
  return new Response("not found", { status: 404 });
});

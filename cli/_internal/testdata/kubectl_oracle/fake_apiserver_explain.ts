// Copyright 2026 the k1s authors. Apache-2.0 license.
// A fake API server for recording kubectl's output (see README.md). Not part of any test run.
const port = Number(Deno.args[0] ?? 18080);
const groups = [{
  name: "rbac.authorization.k8s.io",
  versions: [{ groupVersion: "rbac.authorization.k8s.io/v1", version: "v1" }],
  preferredVersion: { groupVersion: "rbac.authorization.k8s.io/v1", version: "v1" },
}];
Deno.serve({ port, onListen() {} }, (req) => {
  const u = new URL(req.url);
  console.error(req.method, u.pathname + u.search, req.headers.get("accept"));
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
  if (u.pathname === "/openapi/v3") {
    return Response.json({
      paths: {
        "api/v1": { serverRelativeURL: "/openapi/v3/api/v1?hash=ABC" },
        "apis/rbac.authorization.k8s.io/v1": {
          serverRelativeURL: "/openapi/v3/apis/rbac.authorization.k8s.io/v1?hash=DEF",
        },
      },
    });
  }
  if (u.pathname === "/openapi/v3/api/v1") {
    return new Response(
      Deno.readTextFileSync(new URL("../../explain/testdata/openapi_v1.json", import.meta.url)),
      { headers: { "content-type": "application/json" } },
    );
  }
  if (u.pathname === "/openapi/v3/apis/rbac.authorization.k8s.io/v1") {
    return new Response(
      Deno.readTextFileSync(new URL("../../explain/testdata/openapi_rbac.json", import.meta.url)),
      { headers: { "content-type": "application/json" } },
    );
  }
  return new Response("not found", { status: 404 });
});

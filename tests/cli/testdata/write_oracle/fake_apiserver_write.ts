// Copyright 2026 the k1s authors. Apache-2.0 license.
// deno-lint-ignore-file no-explicit-any
/**
 * A stateful fake API server for recording what kubectl prints for the write commands (see
 * README.md). It serves the REST API over a k1s runtime on a `memory:` store, so kubectl's
 * client-side logic (messages, exit codes, apply's three-way patches, edit's file, diff's
 * dry-run) runs against k1s's server semantics. Not part of any test run.
 *
 * Usage: `deno run -A fake_apiserver_write.ts [port]`; `POST /reset` empties the store.
 *
 * @module
 */
import { createRuntime, type KubeObject, type ResourceType, type Runtime } from "@k1s/core";

import { decodeEnvelope, dump } from "./protobuf.ts";

const port = Number(Deno.args[0] ?? 18090);
const verbose = Deno.env.get("ORACLE_VERBOSE") === "1";
let rt: Runtime = await createRuntime({ store: "memory:" });

function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

function status(code: number, reason: string, message: string, details?: unknown): Response {
  return Response.json({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  }, { status: code });
}

function errorResponse(e: unknown): Response {
  const s = (e as { status?: any }).status;
  if (s?.kind === "Status") return Response.json(s, { status: s.code || 500 });
  console.error(e);
  return status(500, "InternalError", String((e as Error)?.message ?? e));
}

function resourceList(group: string, version: string): unknown {
  const resources: unknown[] = [];
  for (const t of rt.registry.all()) {
    if (t.group !== group || t.version !== version) continue;
    resources.push({
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: t.verbs,
      ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
      ...(t.categories.length ? { categories: t.categories } : {}),
    });
    if (t.subresources.status) {
      resources.push({
        name: `${t.plural}/status`,
        singularName: "",
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: ["get", "patch", "update"],
      });
    }
    if (t.subresources.scale) {
      // kubectl's scale client finds the Scale kind of a resource in discovery.
      resources.push({
        name: `${t.plural}/scale`,
        singularName: "",
        namespaced: t.namespaced,
        group: "autoscaling",
        version: "v1",
        kind: "Scale",
        verbs: ["get", "patch", "update"],
      });
    }
  }
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}

function groups(): unknown[] {
  const seen = new Map<string, string[]>();
  for (const t of rt.registry.all()) {
    if (!t.group) continue;
    const v = seen.get(t.group) ?? [];
    if (!v.includes(t.version)) v.push(t.version);
    seen.set(t.group, v);
  }
  return [...seen].map(([name, versions]) => ({
    name,
    versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
  }));
}

// OpenAPI v3 with the PATCH operations kubectl's query-param verifier looks for (so it sends
// fieldValidation=Strict instead of validating client-side) and the kinds' schemas.
function openapi(group: string, version: string): unknown {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const t of rt.registry.all()) {
    if (t.group !== group || t.version !== version) continue;
    const gvk = { group: t.group, version: t.version, kind: t.kind };
    const base = `/${group ? `apis/${group}` : "api"}/${version}${
      t.namespaced ? "/namespaces/{namespace}" : ""
    }/${t.plural}/{name}`;
    paths[base] = {
      patch: {
        "x-kubernetes-group-version-kind": gvk,
        parameters: [
          { name: "dryRun", in: "query", schema: { type: "string" } },
          { name: "fieldManager", in: "query", schema: { type: "string" } },
          { name: "fieldValidation", in: "query", schema: { type: "string" } },
        ],
      },
    };
    const name = `io.k1s.${group || "core"}.${version}.${t.kind}`;
    schemas[name] = {
      ...(t.schema ?? { type: "object" }),
      "x-kubernetes-group-version-kind": [gvk],
    };
  }
  if (!group && version === "v1") {
    // kubectl validates an edited `List` as kind v1/List (a real server's OpenAPI v2 has it).
    paths["/api/v1/k1s-lists/{name}"] = {
      patch: {
        "x-kubernetes-group-version-kind": { group: "", version: "v1", kind: "List" },
        parameters: [{ name: "fieldValidation", in: "query", schema: { type: "string" } }],
      },
    };
  }
  return {
    openapi: "3.0.0",
    info: { title: "k1s", version: "v1.32.0" },
    paths,
    components: { schemas },
  };
}

async function body(req: Request): Promise<any> {
  if ((req.headers.get("content-type") ?? "").startsWith("application/vnd.kubernetes.protobuf")) {
    const bytes = new Uint8Array(await req.arrayBuffer());
    if (verbose) console.error(dump(bytes.subarray(4)));
    return decodeEnvelope(bytes);
  }
  const text = await req.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    const { parse } = await import("yaml");
    return parse(text);
  }
}

function patchType(contentType: string): "merge" | "json" | "strategic" | "apply" {
  if (contentType.startsWith("application/merge-patch+json")) return "merge";
  if (contentType.startsWith("application/json-patch+json")) return "json";
  if (contentType.startsWith("application/strategic-merge-patch+json")) return "strategic";
  return "apply";
}

function watchResponse(
  t: ResourceType,
  ns: string | undefined,
  q: URLSearchParams,
  signal: AbortSignal,
): Response {
  const stream = rt.client.watch({ apiVersion: apiVersionOf(t), kind: t.kind }, {
    ...(ns ? { namespace: ns } : {}),
    ...(q.get("labelSelector") ? { labelSelector: q.get("labelSelector")! } : {}),
    ...(q.get("fieldSelector") ? { fieldSelector: q.get("fieldSelector")! } : {}),
    ...(q.get("resourceVersion") ? { resourceVersion: q.get("resourceVersion")! } : {}),
  });
  const enc = new TextEncoder();
  signal.addEventListener("abort", () => stream.stop());
  const timeout = Number(q.get("timeoutSeconds") ?? "0");
  const body = new ReadableStream({
    async start(c) {
      const timer = timeout ? setTimeout(() => stream.stop(), timeout * 1000) : undefined;
      try {
        for await (const ev of stream) c.enqueue(enc.encode(JSON.stringify(ev) + "\n"));
      } finally {
        if (timer) clearTimeout(timer);
        try {
          c.close();
        } catch { /* closed by the client */ }
      }
    },
    cancel() {
      stream.stop();
    },
  });
  return new Response(body, { headers: { "content-type": "application/json" } });
}

async function handle(req: Request): Promise<Response> {
  const u = new URL(req.url);
  const q = u.searchParams;
  const p = u.pathname;
  if (p === "/reset" && req.method === "POST") {
    await rt.close();
    rt = await createRuntime({ store: "memory:" });
    await rt.client.list({ apiVersion: "v1", kind: "Namespace" });
    return new Response("ok");
  }
  if (p === "/version") {
    return Response.json({
      major: "1",
      minor: "32",
      gitVersion: "v1.32.4",
      platform: "linux/amd64",
    });
  }
  if (p === "/api") {
    return Response.json({
      kind: "APIVersions",
      versions: ["v1"],
      serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1" }],
    });
  }
  if (p === "/apis") {
    return Response.json({ kind: "APIGroupList", apiVersion: "v1", groups: groups() });
  }
  if (p === "/api/v1") return Response.json(resourceList("", "v1"));
  let m = /^\/apis\/([^/]+)\/([^/]+)$/.exec(p);
  if (m) return Response.json(resourceList(m[1], m[2]));
  if (p === "/openapi/v3") {
    const paths: Record<string, unknown> = {
      "api/v1": { serverRelativeURL: "/openapi/v3/api/v1" },
    };
    for (const g of groups() as any[]) {
      for (const v of g.versions) {
        paths[`apis/${v.groupVersion}`] = {
          serverRelativeURL: `/openapi/v3/apis/${v.groupVersion}`,
        };
      }
    }
    // A real server's kubectl falls back to OpenAPI v2 for kinds it does not know and finds
    // no schema there, so it validates nothing client-side and reports the unknown kind; this
    // entry gets the same result without serving v2 (protobuf).
    paths["apis/example.com/v1"] = { serverRelativeURL: "/openapi/v3/apis/example.com/v1" };
    return Response.json({ paths });
  }
  if (p === "/openapi/v3/apis/example.com/v1") {
    const ops: Record<string, unknown> = {};
    for (const kind of ["Widget", "Gadget"]) {
      ops[`/apis/example.com/v1/namespaces/{namespace}/${kind.toLowerCase()}s/{name}`] = {
        patch: {
          "x-kubernetes-group-version-kind": { group: "example.com", version: "v1", kind },
          parameters: [{ name: "fieldValidation", in: "query", schema: { type: "string" } }],
        },
      };
    }
    return Response.json({ openapi: "3.0.0", info: { title: "k1s", version: "v1" }, paths: ops });
  }
  if (p === "/openapi/v3/api/v1") return Response.json(openapi("", "v1"));
  m = /^\/openapi\/v3\/apis\/([^/]+)\/([^/]+)$/.exec(p);
  if (m) return Response.json(openapi(m[1], m[2]));

  m =
    /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/
      .exec(p);
  if (!m) return status(404, "NotFound", "the server could not find the requested resource");
  // `/api/v1/namespaces/x` matches as the cluster-scoped resource `namespaces`, name `x`.
  const [, coreV, group = "", groupV, ns, plural, name, sub] = m;
  const version = coreV ?? groupV;
  const t = rt.registry.all().find((x) =>
    x.group === group && x.version === version && x.plural === plural
  );
  if (!t) return status(404, "NotFound", "the server could not find the requested resource");
  if (sub && sub !== "status" && sub !== "token" && sub !== "scale") {
    return status(404, "NotFound", "the server could not find the requested resource");
  }
  const type = { apiVersion: apiVersionOf(t), kind: t.kind };
  const dryRun = q.getAll("dryRun").includes("All");
  const fieldManager = q.get("fieldManager") ?? undefined;
  const fieldValidation = (q.get("fieldValidation") ?? undefined) as any;
  const key = { ...(ns ? { namespace: ns } : {}), name: name ?? "" };
  try {
    switch (req.method) {
      case "GET": {
        if (!name) {
          if (q.get("watch") === "true" || q.get("watch") === "1") {
            return watchResponse(t, ns, q, req.signal);
          }
          const list = await rt.client.list(type, {
            ...(ns ? { namespace: ns } : {}),
            ...(q.get("labelSelector") ? { labelSelector: q.get("labelSelector")! } : {}),
            ...(q.get("fieldSelector") ? { fieldSelector: q.get("fieldSelector")! } : {}),
            ...(q.get("limit") ? { limit: Number(q.get("limit")) } : {}),
            ...(q.get("continue") ? { continue: q.get("continue")! } : {}),
          });
          return Response.json({
            apiVersion: apiVersionOf(t),
            kind: t.listKind,
            metadata: list.metadata,
            items: list.items.map((o: KubeObject) => ({
              ...o,
              apiVersion: type.apiVersion,
              kind: t.kind,
            })),
          });
        }
        if (sub === "scale") return Response.json(await rt.client.scale().get(type, key));
        return Response.json(await rt.client.get(type, key));
      }
      case "POST": {
        const obj = await body(req);
        if (sub === "token" && plural === "serviceaccounts") {
          // A TokenRequest, answered as the apiserver's TokenREST does.
          const seconds = obj.spec?.expirationSeconds ?? 3600;
          const { issueToken } = await import("@k1s/core");
          const st = await issueToken(rt, {
            namespace: ns ?? "default",
            serviceAccount: name ?? "",
            expirationSeconds: seconds,
            ...(obj.spec?.boundObjectRef ? { boundObjectRef: obj.spec.boundObjectRef } : {}),
          });
          return Response.json({
            kind: "TokenRequest",
            apiVersion: "authentication.k8s.io/v1",
            metadata: { name, namespace: ns },
            spec: {
              audiences: obj.spec?.audiences?.length ? obj.spec.audiences : ["k1s"],
              expirationSeconds: seconds,
              boundObjectRef: obj.spec?.boundObjectRef ?? null,
            },
            status: st,
          }, { status: 201 });
        }
        if (ns && !obj.metadata?.namespace) obj.metadata = { ...obj.metadata, namespace: ns };
        if (ns && obj.metadata?.namespace !== ns) {
          return status(
            400,
            "BadRequest",
            "the namespace of the provided object does not match the namespace sent on the request",
          );
        }
        const created = await rt.client.create(obj, { dryRun, fieldManager, fieldValidation });
        return Response.json(created, { status: 201 });
      }
      case "PUT": {
        const obj = await body(req);
        if (sub === "scale") {
          return Response.json(
            await rt.client.scale().update(type, key, obj, {
              dryRun,
              ...(fieldManager ? { fieldManager } : {}),
            }),
          );
        }
        if (sub === "status") {
          return Response.json(
            await rt.client.status().update(obj, { dryRun, fieldManager, fieldValidation }),
          );
        }
        return Response.json(
          await rt.client.update(obj, { dryRun, fieldManager, fieldValidation }),
        );
      }
      case "PATCH": {
        const ct = req.headers.get("content-type") ?? "";
        const pt = patchType(ct);
        // JSON patches go to the server as the text kubectl sent: decoding it (and its errors)
        // is the server's part.
        const patch = ct.endsWith("+json") ? await req.text() : await body(req);
        const opts = {
          type: pt,
          dryRun,
          ...(fieldManager ? { fieldManager } : {}),
          ...(fieldValidation ? { fieldValidation } : {}),
          ...(q.get("force") === "true" ? { force: true } : {}),
        };
        const out = sub === "status"
          ? await rt.client.status().patch(type, key, patch, opts)
          : sub === "scale"
          ? await rt.client.scale().patch(type, key, patch, opts)
          : await rt.client.patch(type, key, patch, opts);
        return Response.json(out);
      }
      case "DELETE": {
        const opts = (await body(req)) ?? {};
        const policy = q.get("propagationPolicy") ?? opts.propagationPolicy;
        const deleted = await rt.client.delete(type, key, {
          ...(policy ? { propagationPolicy: policy } : {}),
          ...(dryRun || (opts.dryRun ?? []).includes("All") ? { dryRun: true } : {}),
          ...(opts.preconditions ? { preconditions: opts.preconditions } : {}),
        });
        if (t.custom || deleted.metadata?.deletionTimestamp) return Response.json(deleted);
        return Response.json({
          kind: "Status",
          apiVersion: "v1",
          metadata: {},
          status: "Success",
          details: { name: key.name, kind: t.plural, uid: deleted.metadata?.uid },
        });
      }
    }
    return status(
      405,
      "MethodNotAllowed",
      "the server does not allow this method on the requested resource",
    );
  } catch (e) {
    return errorResponse(e);
  }
}

Deno.serve({ port, onListen() {} }, async (req) => {
  const res = await handle(req);
  // Controllers (garbage collector, namespace controller) run after writes, as a cluster's do.
  if (req.method !== "GET" && res.ok) await rt.controllers.drain();
  if (verbose) {
    const u = new URL(req.url);
    console.error(
      req.method,
      u.pathname + u.search,
      req.headers.get("content-type") ?? "",
      res.status,
    );
  }
  return res;
});

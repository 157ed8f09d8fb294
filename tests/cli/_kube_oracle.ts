// Copyright 2026 the k1s authors. Apache-2.0 license.
// A read-only Kubernetes API over a k1s store, for the installed kubectl: discovery, get and
// list (JSON or server-side Tables built from each kind's printer columns, as the apiserver
// builds them) with label and field selectors, and the status and scale subresources of single
// objects (a Scale's table has apiextensions-apiserver's DESIRED and AVAILABLE columns). The
// tests run `kubectl --server=<url> ...` and `k1s ...` on the same store and compare what they
// print, so k1s is held to kubectl's own layout, decorations, messages and exit codes.
import { createRuntime, type KubeObject, type ResourceType, type Runtime } from "@k1s/core";
import { loadCustomResources } from "../../core/crd/mod.ts";
import { buildTable } from "../../cli/_internal/printers/table.ts";
import { SCALE_COLUMNS } from "../../cli/commands/_subresource.ts";

/** A running oracle server. */
export interface KubeOracle {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Stops the server and closes the store. */
  close(): Promise<void>;
}

/** Whether kubectl is installed. */
export async function hasKubectl(): Promise<boolean> {
  try {
    const out = await new Deno.Command("kubectl", {
      args: ["version", "--client"],
      stdout: "null",
      stderr: "null",
    }).output();
    return out.success;
  } catch {
    return false;
  }
}

/** Runs kubectl against the oracle. */
export async function kubectl(
  url: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const home = await Deno.makeTempDir({ prefix: "k1s_kubectl_home_" });
  try {
    const out = await new Deno.Command("kubectl", {
      args: [`--server=${url}`, ...args],
      env: { HOME: home, KUBECONFIG: `${home}/none` },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const dec = new TextDecoder();
    return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
  } finally {
    await Deno.remove(home, { recursive: true });
  }
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

function gv(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** Starts the oracle on a store (opened with its own runtime). */
export async function startKubeOracle(
  store: string,
  now: () => Date = () => new Date(),
): Promise<KubeOracle> {
  const rt: Runtime = await createRuntime({ store });
  const ac = new AbortController();
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", signal: ac.signal, onListen() {} },
    (req) => handle(rt, req, now),
  );
  const addr = server.addr as Deno.NetAddr;
  return {
    url: `http://127.0.0.1:${addr.port}`,
    async close() {
      ac.abort();
      await server.finished;
      await rt.close();
    },
  };
}

async function handle(rt: Runtime, req: Request, now: () => Date): Promise<Response> {
  const u = new URL(req.url);
  await loadCustomResources(rt);
  const types = rt.registry.preferred();
  if (u.pathname === "/api") {
    return Response.json({
      kind: "APIVersions",
      versions: ["v1"],
      serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1" }],
    });
  }
  if (u.pathname === "/apis") {
    const groups = [...new Set(types.filter((t) => t.group).map((t) => gv(t)))].map((v) => ({
      name: v.split("/")[0],
      versions: [{ groupVersion: v, version: v.split("/")[1] }],
      preferredVersion: { groupVersion: v, version: v.split("/")[1] },
    }));
    return Response.json({ kind: "APIGroupList", apiVersion: "v1", groups });
  }
  const disc = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(u.pathname);
  if (disc) {
    const group = disc[1] ? "" : disc[2];
    const version = disc[1] ?? disc[3];
    return Response.json({
      kind: "APIResourceList",
      apiVersion: "v1",
      groupVersion: group ? `${group}/${version}` : version,
      resources: types.filter((t) => t.group === group && t.version === version).map((t) => ({
        name: t.plural,
        singularName: t.singular,
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: t.verbs,
        ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
        ...(t.categories.length ? { categories: t.categories } : {}),
      })),
    });
  }
  const m =
    /^\/(?:api\/v1|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/
      .exec(u.pathname);
  if (!m || req.method !== "GET") {
    return status(404, "NotFound", "the server could not find the requested resource");
  }
  const [, group = "", version = "v1", namespace, plural, name, sub] = m;
  const type = types.find((t) => t.group === group && t.version === version && t.plural === plural);
  if (!type) return status(404, "NotFound", "the server could not find the requested resource");
  if (
    sub && !(sub === "scale" && type.subresources.scale) &&
    !(sub === "status" && type.subresources.status)
  ) {
    return status(404, "NotFound", "the server could not find the requested resource");
  }
  const typeMeta = { apiVersion: gv(type), kind: type.kind };
  const table = (req.headers.get("accept") ?? "").includes("as=Table");
  try {
    let items: KubeObject[];
    let rv = "";
    if (name) {
      const key = namespace ? { namespace, name } : { name };
      // A Scale is its own kind; status is the object itself.
      items = [
        sub === "scale"
          ? await rt.client.scale().get(typeMeta, key)
          : await rt.client.get(typeMeta, key),
      ];
    } else {
      const list = await rt.client.list(typeMeta, {
        namespace: namespace ?? "",
        ...(u.searchParams.get("labelSelector")
          ? { labelSelector: u.searchParams.get("labelSelector")! }
          : {}),
        ...(u.searchParams.get("fieldSelector")
          ? { fieldSelector: u.searchParams.get("fieldSelector")! }
          : {}),
      });
      items = list.items.map((o) => ({ ...o, apiVersion: typeMeta.apiVersion, kind: type.kind }));
      rv = list.metadata?.resourceVersion ?? "";
    }
    if (table) {
      // apiextensions-apiserver serves a Scale table with the desired and actual replicas.
      const columns = sub === "scale" ? SCALE_COLUMNS : type.printerColumns;
      const t = await buildTable(columns, items, { now: now() });
      return Response.json({
        kind: "Table",
        apiVersion: "meta.k8s.io/v1",
        metadata: { resourceVersion: rv },
        columnDefinitions: t.columns.map((c) => ({
          name: c.name,
          type: c.type,
          format: c.format ?? "",
          description: "",
          priority: c.priority ?? 0,
        })),
        rows: t.rows.map((r) => ({
          cells: r.cells.map((c) => c !== null && typeof c === "object" ? String(c) : c),
          object: r.object,
        })),
      });
    }
    if (name) return Response.json(items[0]);
    return Response.json({
      apiVersion: typeMeta.apiVersion,
      kind: type.listKind,
      metadata: { resourceVersion: rv },
      items,
    });
  } catch (e) {
    const s =
      (e as { status?: { code: number; reason: string; message: string; details?: unknown } })
        .status;
    if (s) return status(s.code, s.reason, s.message, s.details);
    return status(500, "InternalError", (e as Error).message);
  }
}

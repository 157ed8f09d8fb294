// Copyright 2026 the k1s authors. Apache-2.0 license.
// The objects every store holds, as a new cluster has them: the system Namespaces (`default`,
// `kube-node-lease`, `kube-public`, `kube-system`) with their `default` ServiceAccounts, and the
// default ClusterRoles of the RBAC bootstrap policy. A runtime creates those
// the store lacks before its first write; until a store has them, reads serve them as they
// will be stored (`implicitObjects`), so a new store already looks like a new cluster.
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import type { RequestContext, ServerContext, WriteEvent } from "../apiserver/context.ts";
import { objectKey } from "../apiserver/_keys.ts";
import { StatusError } from "../errors/status_error.ts";
import { isStorageError } from "../storage/storage_error.ts";
import { bootstrapClusterRoles } from "../rbac/bootstrap_policy.ts";

type CreateObject = (
  ctx: ServerContext,
  req: RequestContext,
  type: ResourceType,
  obj: KubeObject,
) => Promise<KubeObject>;

/** The namespaces an API server creates when it starts (its system namespaces controller). */
const SYSTEM_NAMESPACES = ["default", "kube-node-lease", "kube-public", "kube-system"];

/** The system Namespaces as reads show them before the store holds them. */
const IMPLICIT_NAMESPACES: readonly KubeObject[] = SYSTEM_NAMESPACES.map((name) => ({
  apiVersion: "v1",
  kind: "Namespace",
  metadata: { name, labels: { "kubernetes.io/metadata.name": name } },
  spec: { finalizers: ["kubernetes"] },
  status: { phase: "Active" },
}));

/** The `default` ServiceAccount of each of them (the serviceaccounts controller's). */
const IMPLICIT_SERVICE_ACCOUNTS: readonly KubeObject[] = SYSTEM_NAMESPACES.map((namespace) => ({
  apiVersion: "v1",
  kind: "ServiceAccount",
  metadata: { name: "default", namespace },
}));

let implicitClusterRoles: readonly KubeObject[] | undefined;

/**
 * The implicit objects of `type`: the `default` Namespace, and the default ClusterRoles (stored
 * as created, so served as created). Built on first use, so a process reading no ClusterRoles
 * never builds them.
 */
export function implicitObjectsOf(type: ResourceType): readonly KubeObject[] {
  if (type.group === "" && type.kind === "Namespace") return IMPLICIT_NAMESPACES;
  if (type.group === "" && type.kind === "ServiceAccount") return IMPLICIT_SERVICE_ACCOUNTS;
  if (type.group === "rbac.authorization.k8s.io" && type.kind === "ClusterRole") {
    return implicitClusterRoles ??= bootstrapClusterRoles();
  }
  return [];
}

function raced(e: unknown): boolean {
  return (e instanceof StatusError &&
    (e.status.reason === "AlreadyExists" || e.status.reason === "Conflict")) ||
    isStorageError(e, "KeyExists") || isStorageError(e, "Conflict");
}

/**
 * Creates the bootstrap objects the store lacks, as the store owner and in one transaction (one
 * commit, however many are missing). The check is one parallel read of their keys; an
 * existing object is left as it is, a deleted one is created again (as an API server
 * recreates missing bootstrap roles when it starts).
 *
 * @param server The runtime's server context: its authorizer, if any, audits the creates.
 * @param user The store owner.
 * @param createObject The create verb (from the write machinery).
 */
export async function createBootstrapObjects(
  server: ServerContext,
  user: RequestContext["user"],
  createObject: CreateObject,
): Promise<void> {
  const objects = [
    ...SYSTEM_NAMESPACES.map((name) => ({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name },
    })),
    ...SYSTEM_NAMESPACES.map((namespace) => ({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "default", namespace },
    })),
    ...bootstrapClusterRoles(),
  ].map((obj: KubeObject) => {
    const type = server.registry.get(obj.apiVersion!, obj.kind!)!;
    const { namespace, name } = obj.metadata;
    return { obj, type, key: objectKey(server.keyPrefix, type, namespace, name!) };
  });
  // Another process may be creating them too: its commit makes ours fail, and the next attempt
  // finds what it created.
  for (let attempt = 0;; attempt++) {
    const found = await Promise.all(
      objects.map((o) => server.storage.get(o.key, { noCopy: true })),
    );
    const missing = objects.filter((_, i) => !found[i]);
    if (!missing.length) return;
    const events: WriteEvent[] = [];
    try {
      await server.storage.transaction(async (tx) => {
        events.length = 0;
        const ctx = Object.create(server) as ServerContext;
        ctx.storage = tx;
        ctx.listeners = [(ev) => void events.push(ev)];
        for (const { obj, type } of missing) {
          try {
            await createObject(ctx, { user }, type, structuredClone(obj));
          } catch (e) {
            if (!(e instanceof StatusError && e.status.reason === "AlreadyExists")) throw e;
          }
        }
      });
    } catch (e) {
      if (attempt < 2 && raced(e)) continue;
      throw e;
    }
    for (const ev of events) for (const l of server.listeners) l(ev);
    return;
  }
}

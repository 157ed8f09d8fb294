// Copyright 2026 the k1s authors. Apache-2.0 license.
// Builders and runtimes shared by the RBAC tests.
import {
  createRuntime,
  type KubeObject,
  type Runtime,
  type RuntimeOptions,
  StatusError,
} from "../../../mod.ts";
import type { PolicyRule } from "../types.ts";
import { assertRejects } from "@std/assert";

export const RBAC = "rbac.authorization.k8s.io";
export const RBAC_V1 = `${RBAC}/v1`;
export const CM = { apiVersion: "v1", kind: "ConfigMap" };
export const SECRET = { apiVersion: "v1", kind: "Secret" };
export const NS = { apiVersion: "v1", kind: "Namespace" };
export const SA = { apiVersion: "v1", kind: "ServiceAccount" };

export type Subject =
  | { kind: "User" | "Group"; name: string }
  | { kind: "ServiceAccount"; name: string; namespace?: string };

export function role(name: string, namespace: string, rules: PolicyRule[]): KubeObject {
  return { apiVersion: RBAC_V1, kind: "Role", metadata: { name, namespace }, rules };
}

export function clusterRole(
  name: string,
  rules: PolicyRule[],
  extra: { labels?: Record<string, string>; aggregationRule?: unknown } = {},
): KubeObject {
  return {
    apiVersion: RBAC_V1,
    kind: "ClusterRole",
    metadata: { name, ...(extra.labels ? { labels: extra.labels } : {}) },
    ...(rules.length ? { rules } : {}),
    ...(extra.aggregationRule ? { aggregationRule: extra.aggregationRule } : {}),
  };
}

function subjects(list: Subject[]): Record<string, string>[] {
  return list.map((s): Record<string, string> =>
    s.kind === "ServiceAccount"
      ? { kind: s.kind, name: s.name, ...(s.namespace ? { namespace: s.namespace } : {}) }
      : { kind: s.kind, apiGroup: RBAC, name: s.name }
  );
}

export function roleBinding(
  name: string,
  namespace: string,
  ref: { kind: "Role" | "ClusterRole"; name: string },
  subs: Subject[],
): KubeObject {
  return {
    apiVersion: RBAC_V1,
    kind: "RoleBinding",
    metadata: { name, namespace },
    roleRef: { apiGroup: RBAC, ...ref },
    subjects: subjects(subs),
  };
}

export function clusterRoleBinding(name: string, roleName: string, subs: Subject[]): KubeObject {
  return {
    apiVersion: RBAC_V1,
    kind: "ClusterRoleBinding",
    metadata: { name },
    roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: roleName },
    subjects: subjects(subs),
  };
}

export function configMap(name: string, namespace = "default"): KubeObject {
  return { ...CM, metadata: { name, namespace }, data: { k: "v" } };
}

export function namespace(name: string): KubeObject {
  return { ...NS, metadata: { name } };
}

/** Runs `fn` with a fresh in-memory runtime (the store owner's). */
export async function withRuntime(
  fn: (rt: Runtime) => Promise<void>,
  options: RuntimeOptions = {},
): Promise<void> {
  const rt = await createRuntime({ store: "memory:", ...options });
  try {
    await fn(rt);
  } finally {
    await rt.close();
  }
}

/** The StatusError a promise rejects with. */
export async function statusOf(p: Promise<unknown>): Promise<StatusError> {
  return await assertRejects(() => p, StatusError) as StatusError;
}

/** Creates every object as the store owner. */
export async function seed(rt: Runtime, objects: KubeObject[]): Promise<void> {
  for (const o of objects) await rt.client.create(o);
}

export const ALICE = { username: "alice", groups: ["system:authenticated"] };

/** A view of a store whose `close()` does nothing, so several runtimes can share it. */
export function shared(
  storage: import("../../../mod.ts").Storage,
): import("../../../mod.ts").Storage {
  return new Proxy(storage, {
    get(target, prop) {
      if (prop === "close") return () => Promise.resolve();
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

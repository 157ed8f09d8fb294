// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The built-in kinds: Namespace, ConfigMap, Secret, ServiceAccount and Event (`v1`), and Role,
 * ClusterRole, RoleBinding and ClusterRoleBinding (`rbac.authorization.k8s.io/v1`), each with
 * its names, schema, table columns and strategy as Kubernetes 1.32 has them.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { builtinResourceTypes } from "@k1s/core";
 * assertEquals(
 *   builtinResourceTypes().map((t) => t.shortNames[0]).filter(Boolean),
 *   ["ns", "cm", "sa", "ev"],
 * );
 * ```
 *
 * @module
 */
import type { ResourceType } from "../registry/types.ts";
import { namespaceType } from "./namespace.ts";
import { configMapType } from "./config_map.ts";
import { secretType } from "./secret.ts";
import { serviceAccountType } from "./service_account.ts";
import { eventType } from "./event.ts";
import { roleType } from "./role.ts";
import { clusterRoleType } from "./cluster_role.ts";
import { roleBindingType } from "./role_binding.ts";
import { clusterRoleBindingType } from "./cluster_role_binding.ts";

export * from "./namespace.ts";
export * from "./config_map.ts";
export * from "./secret.ts";
export * from "./service_account.ts";
export * from "./event.ts";
export * from "./role.ts";
export * from "./cluster_role.ts";
export * from "./role_binding.ts";
export * from "./cluster_role_binding.ts";

/**
 * Every built-in resource type, core kinds first. The array is new on each call; the types in it
 * are the shared constants, so treat them as read-only.
 *
 * @returns The built-in types.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { builtinResourceTypes } from "@k1s/core";
 * assertEquals(builtinResourceTypes().length, 9);
 * ```
 */
export function builtinResourceTypes(): ResourceType[] {
  return [
    namespaceType,
    configMapType,
    secretType,
    serviceAccountType,
    eventType,
    roleType,
    clusterRoleType,
    roleBindingType,
    clusterRoleBindingType,
  ];
}

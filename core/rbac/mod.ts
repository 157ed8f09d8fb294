// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * RBAC for k1s: the store owner has every right; other identities (impersonated users, and
 * ServiceAccounts authenticating with a token) are checked by Kubernetes' RBAC, read from the
 * store. Also: tokens, escalation prevention, ClusterRole aggregation, self reviews for
 * `auth can-i` and `auth whoami`, an audit log, and a key-confinement check for tenancy.
 *
 * ```ts
 * import { assertEquals, assertRejects } from "@std/assert";
 * import { createRuntime, StatusError } from "@k1s/core";
 * await using rt = await createRuntime({ store: "memory:" });
 * const alice = rt.clientFor({ username: "alice", groups: ["system:authenticated"] });
 * const err = await assertRejects(
 *   () => alice.list({ apiVersion: "v1", kind: "Secret" }, { namespace: "default" }),
 *   StatusError,
 * );
 * assertEquals(err.message, 'secrets is forbidden: User "alice" cannot list resource "secrets" in API group "" in the namespace "default"');
 * ```
 *
 * @module
 */
export type * from "./types.ts";
export { type IdentityOptions, installRbac, type RbacInstallation } from "./install.ts";
export {
  createRbacAuthorizer,
  type Decision,
  type DecisionAttributes,
  forbiddenError,
  forbiddenMessage,
  RbacAuthorizer,
  type RbacAuthorizerOptions,
} from "./authorizer.ts";
export { escalationAdmission } from "./escalation.ts";
export { aggregateClusterRoleRules, clusterRoleAggregationController } from "./aggregation.ts";
export { aggregateToLabel, bootstrapClusterRoles } from "./bootstrap_policy.ts";
export { authenticateToken, issueToken, rotateSigningKey } from "./token.ts";
export { impersonate, serviceAccountUser, splitServiceAccountUsername } from "./impersonation.ts";
export { canI, formatAccessList, formatWhoAmI, rulesFor, whoAmI } from "./access_review.ts";
export {
  auditAdmission,
  auditAuthorizer,
  type AuditLogger,
  type AuditLoggerOptions,
  auditOwnerWrites,
  createAuditLogger,
} from "./audit.ts";
export { isConfinedKey } from "./tenancy.ts";

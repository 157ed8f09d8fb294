// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Privilege-escalation prevention for writes of Roles, ClusterRoles and their bindings by
 * identities other than the store owner (`pkg/registry/rbac/{role,clusterrole,rolebinding,
 * clusterrolebinding}/policybased`), as a validating admission plugin.
 *
 * @module
 */
import type { KubeObject } from "../object/types.ts";
import type { AdmissionPlugin, AdmissionRequest, UserInfo } from "../apiserver/context.ts";
import { newNotFound, StatusError } from "../errors/status_error.ts";
import { RBAC_GROUP } from "../builtins/_rbac.ts";
import { jsonEqual } from "../apiserver/_common.ts";
import type { PolicyRule } from "./types.ts";
import type { RbacAuthorizer } from "./authorizer.ts";
import { compactRules, compactString, covers, FULL_AUTHORITY, rulesOf } from "./_rules.ts";
import { aggregateMessage, missingRoleMessage } from "./_index.ts";
import { goQuote, goQuoteList } from "./_go.ts";
import { isPrivileged } from "./_identity.ts";

function forbidden(resource: string, name: string, message: string): StatusError {
  const qualified = `${resource}.${RBAC_GROUP}`;
  return new StatusError({
    reason: "Forbidden",
    code: 403,
    message: name
      ? `${qualified} ${goQuote(name)} is forbidden: ${message}`
      : `${qualified} is forbidden: ${message}`,
    details: { ...(name ? { name } : {}), group: RBAC_GROUP, kind: resource },
  });
}

/**
 * `ConfirmNoEscalation`: the message when `user` does not hold every rule of `rules` in
 * `namespace`, else `undefined`.
 */
async function escalationMessage(
  authz: RbacAuthorizer,
  user: UserInfo,
  namespace: string,
  rules: readonly PolicyRule[],
): Promise<string | undefined> {
  const held = await authz.rulesFor(user, namespace);
  const { covered, missing } = covers(held.rules, rules);
  if (covered) return undefined;
  const descriptions = [...new Set(compactRules(missing).map(compactString))].sort();
  let msg = `user ${goQuote(user.username)} (groups=${goQuoteList(user.groups ?? [])}) ` +
    `is attempting to grant RBAC permissions not currently held:\n${descriptions.join("\n")}`;
  if (held.missing.length) {
    const errs = aggregateMessage(held.missing.map((m) => missingRoleMessage(m, true)));
    msg += `; resolution errors: [${errs}]`;
  }
  return msg;
}

/** Whether an update changes only what garbage collection changes (`IsOnlyMutatingGCFields`). */
function onlyGCFields(obj: KubeObject, old: KubeObject | undefined): boolean {
  if (!old) return false;
  const strip = (o: KubeObject) => {
    const {
      ownerReferences: _o,
      finalizers: _f,
      managedFields: _m,
      resourceVersion: _r,
      ...meta
    } = o.metadata ?? {};
    return { ...o, metadata: meta };
  };
  return jsonEqual(strip(obj), strip(old));
}

function hasAggregationRule(obj: KubeObject | undefined): boolean {
  const rule = obj?.aggregationRule as { clusterRoleSelectors?: unknown[] } | undefined | null;
  return !!rule && Array.isArray(rule.clusterRoleSelectors) && rule.clusterRoleSelectors.length > 0;
}

async function checkRole(authz: RbacAuthorizer, req: AdmissionRequest): Promise<void> {
  const obj = req.object;
  const cluster = req.type.kind === "ClusterRole";
  const resource = cluster ? "clusterroles" : "roles";
  const name = obj.metadata?.name ?? "";
  const namespace = cluster ? "" : obj.metadata?.namespace ?? "";
  // The `escalate` verb on the role (for a create, on the collection: there is no name yet).
  const escalate = await authz.decide({
    user: req.user,
    verb: "escalate",
    group: RBAC_GROUP,
    resource,
    namespace,
    ...(req.operation === "UPDATE" ? { name } : {}),
  });
  if (escalate.allowed) return;
  if (req.operation === "UPDATE" && onlyGCFields(obj, req.oldObject)) return;
  const msg = await escalationMessage(authz, req.user, namespace, rulesOf(obj.rules));
  if (msg) throw forbidden(resource, name, msg);
  // An aggregationRule can gather anything, so setting or changing one needs everything.
  if (cluster && (hasAggregationRule(obj) || hasAggregationRule(req.oldObject))) {
    if (await escalationMessage(authz, req.user, "", FULL_AUTHORITY)) {
      throw forbidden(
        resource,
        name,
        "must have cluster-admin privileges to use the aggregationRule",
      );
    }
  }
}

async function checkBinding(authz: RbacAuthorizer, req: AdmissionRequest): Promise<void> {
  const obj = req.object;
  const cluster = req.type.kind === "ClusterRoleBinding";
  const resource = cluster ? "clusterrolebindings" : "rolebindings";
  const name = obj.metadata?.name ?? "";
  const namespace = cluster ? "" : obj.metadata?.namespace ?? "";
  if (req.operation === "UPDATE" && onlyGCFields(obj, req.oldObject)) return;
  const ref = (obj.roleRef ?? {}) as Record<string, unknown>;
  const kind = typeof ref.kind === "string" ? ref.kind : "";
  const roleName = typeof ref.name === "string" ? ref.name : "";
  // The `bind` verb on the referenced role, in the binding's namespace.
  if (kind === "Role" || kind === "ClusterRole") {
    const bind = await authz.decide({
      user: req.user,
      verb: "bind",
      group: typeof ref.apiGroup === "string" ? ref.apiGroup : "",
      resource: kind === "Role" ? "roles" : "clusterroles",
      namespace,
      name: roleName,
    });
    if (bind.allowed) return;
  }
  const rules = await authz.roleRefRules(kind, roleName, namespace);
  if (!rules) {
    if (kind !== "Role" && kind !== "ClusterRole") {
      throw new Error(missingRoleMessage({ kind, name: roleName }));
    }
    throw newNotFound(
      { group: RBAC_GROUP, resource: kind === "Role" ? "roles" : "clusterroles" },
      roleName,
    );
  }
  const msg = await escalationMessage(authz, req.user, namespace, rules);
  if (msg) throw forbidden(resource, name, msg);
}

/**
 * The validating admission plugin that keeps identities other than the store owner (and
 * `system:masters`) from granting permissions they do not hold: writing a Role or ClusterRole
 * needs every permission in it or the `escalate` verb on it; writing a binding needs the
 * permissions of the role it refers to or the `bind` verb on that role; setting a ClusterRole's
 * `aggregationRule` needs every permission. Updates that change only owner references or
 * finalizers are exempt. Denials are 403 Forbidden worded as Kubernetes words them.
 *
 * @param authz The authorizer whose roles and bindings define what a user holds.
 * @returns The plugin (`installRbac` registers it).
 *
 * @example
 * ```ts
 * import { assertEquals, assertRejects } from "@std/assert";
 * import { createRbacAuthorizer, createRuntime, escalationAdmission, StatusError } from "@k1s/core";
 * await using rt = await createRuntime({ store: "memory:" });
 * rt.addAdmission(escalationAdmission(createRbacAuthorizer(rt)));
 * const alice = rt.clientFor({ username: "alice", groups: ["system:authenticated"] });
 * const role = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "x", namespace: "default" }, rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }] };
 * // Let alice create roles, nothing else.
 * await rt.client.create({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "role-admin", namespace: "default" }, rules: [{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["create"] }] });
 * await rt.client.create({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: { name: "alice", namespace: "default" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "role-admin" }, subjects: [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "alice" }] });
 * const err = await assertRejects(() => alice.create(role), StatusError);
 * assertEquals(err.message, 'roles.rbac.authorization.k8s.io "x" is forbidden: user "alice" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}');
 * ```
 */
export function escalationAdmission(authz: RbacAuthorizer): AdmissionPlugin {
  return {
    name: "RBACEscalationPrevention",
    kinds: [
      `${RBAC_GROUP}/Role`,
      `${RBAC_GROUP}/ClusterRole`,
      `${RBAC_GROUP}/RoleBinding`,
      `${RBAC_GROUP}/ClusterRoleBinding`,
    ],
    operations: ["CREATE", "UPDATE"],
    async validate(req: AdmissionRequest): Promise<void> {
      if (isPrivileged(req.user)) return;
      if (req.type.kind === "Role" || req.type.kind === "ClusterRole") {
        await checkRole(authz, req);
      } else await checkBinding(authz, req);
    },
  };
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Self reviews for `k1s auth`: `can-i` (a SelfSubjectAccessReview), `can-i --list` (a
 * SelfSubjectRulesReview) and `whoami` (a SelfSubjectReview), with kubectl's renderings.
 *
 * @module
 */
import type { UserInfo } from "../apiserver/context.ts";
import type { Runtime } from "../runtime/runtime.ts";
import type { AccessCheck, AccessDecision, PolicyRule, SubjectRulesReviewStatus } from "./types.ts";
import { createRbacAuthorizer } from "./authorizer.ts";
import { aggregateMessage, missingRoleMessage } from "./_index.ts";
import { breakdownRule, compactRules, FULL_AUTHORITY, ruleSortKey } from "./_rules.ts";
import { goList } from "./_go.ts";
import { isPrivileged } from "./_identity.ts";
import { tabwrite } from "./_table.ts";

/**
 * Whether `user` may make a request, as a SubjectAccessReview answers it. The store owner and
 * `system:masters` may do anything; others are checked with the RBAC objects of `rt`'s store.
 *
 * @param rt The runtime whose store holds the roles and bindings.
 * @param user The identity asking (for `k1s auth can-i`: `rt.user`).
 * @param check The request: verb and resource (`group`, `subresource`, `name`, `namespace`),
 *   or verb and non-resource `path`.
 * @returns `allowed`, and the reason kubectl prints after `no - ` (`RBAC: allowed by ...` when
 *   allowed by a binding).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { canI, createRuntime } from "@k1s/core";
 * await using rt = await createRuntime({ store: "memory:" });
 * await rt.client.create({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "reader", namespace: "default" }, rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] }] });
 * await rt.client.create({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: { name: "alice-reads", namespace: "default" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "reader" }, subjects: [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "alice" }] });
 * const alice = { username: "alice", groups: ["system:authenticated"] };
 * assertEquals((await canI(rt, alice, { verb: "list", resource: "configmaps", namespace: "default" })).allowed, true);
 * assertEquals((await canI(rt, alice, { verb: "delete", resource: "configmaps", namespace: "default" })).allowed, false);
 * ```
 */
export async function canI(
  rt: Runtime,
  user: UserInfo,
  check: AccessCheck,
): Promise<AccessDecision> {
  const authz = createRbacAuthorizer(rt, { followWrites: false });
  const d = await authz.decide({
    user,
    verb: check.verb,
    group: check.group ?? "",
    resource: check.resource ?? "",
    ...(check.subresource ? { subresource: check.subresource } : {}),
    ...(check.name ? { name: check.name } : {}),
    ...(check.namespace ? { namespace: check.namespace } : {}),
    ...(check.path !== undefined ? { path: check.path } : {}),
  });
  // On denial the reason carries the resolution errors (`RBAC: role... not found`).
  return { allowed: d.allowed, reason: d.reason };
}

/**
 * What `user` may do in `namespace` (`""`: with cluster-wide bindings only), as a
 * SubjectRulesReview lists it: every rule of every binding that applies, unmerged.
 *
 * @param rt The runtime whose store holds the roles and bindings.
 * @param user The identity.
 * @param namespace The namespace.
 * @returns The rules, and the roles bindings refer to that are missing (`evaluationError`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createRuntime, rulesFor } from "@k1s/core";
 * await using rt = await createRuntime({ store: "memory:" });
 * const status = await rulesFor(rt, { username: "nobody" }, "default");
 * assertEquals(status.resourceRules, []);
 * ```
 */
export async function rulesFor(
  rt: Runtime,
  user: UserInfo,
  namespace: string,
): Promise<SubjectRulesReviewStatus> {
  let rules: readonly PolicyRule[];
  let evaluationError = "";
  if (isPrivileged(user)) rules = FULL_AUTHORITY;
  else {
    const r = await createRbacAuthorizer(rt, { followWrites: false }).rulesFor(user, namespace);
    rules = r.rules;
    evaluationError = aggregateMessage(r.missing.map((m) => missingRoleMessage(m)));
  }
  const status: SubjectRulesReviewStatus = {
    resourceRules: [],
    nonResourceRules: [],
    incomplete: false,
    evaluationError,
  };
  for (const r of rules) {
    if (r.resources?.length) {
      status.resourceRules.push({
        verbs: [...r.verbs],
        apiGroups: [...(r.apiGroups ?? [])],
        resources: [...r.resources],
        resourceNames: [...(r.resourceNames ?? [])],
      });
    }
    if (r.nonResourceURLs?.length) {
      status.nonResourceRules.push({
        verbs: [...r.verbs],
        nonResourceURLs: [...r.nonResourceURLs],
      });
    }
  }
  return status;
}

/** kubectl's `CombineResourceGroup`: `configmaps`, `roles.rbac.authorization.k8s.io`, `pods/log`. */
function combineResourceGroup(resources: readonly string[], groups: readonly string[]): string {
  if (!resources.length) return "";
  const [res, sub] = resources[0].split(/\/(.*)/s);
  let out = res;
  if (groups.length && groups[0] !== "") out += `.${groups[0]}`;
  if (sub !== undefined) out += `/${sub}`;
  return out;
}

/**
 * The table `kubectl auth can-i --list` prints for a rules review: rules broken down, merged
 * per resource and name, sorted, under `Resources  Non-Resource URLs  Resource Names  Verbs`.
 *
 * @param status The review (from {@linkcode rulesFor}).
 * @param options `noHeaders` to leave the header line out (`--no-headers`).
 * @returns The text, each line ending with a newline.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatAccessList } from "@k1s/core";
 * const text = formatAccessList({
 *   resourceRules: [{ verbs: ["get", "list"], apiGroups: [""], resources: ["configmaps"], resourceNames: [] }],
 *   nonResourceRules: [],
 *   incomplete: false,
 *   evaluationError: "",
 * });
 * assertEquals(text, "Resources    Non-Resource URLs   Resource Names   Verbs\nconfigmaps   []                  []               [get list]\n");
 * ```
 */
export function formatAccessList(
  status: SubjectRulesReviewStatus,
  options: { noHeaders?: boolean } = {},
): string {
  const rules: PolicyRule[] = [
    ...status.resourceRules.map((r) => ({
      verbs: r.verbs,
      apiGroups: r.apiGroups,
      resources: r.resources,
      ...(r.resourceNames.length ? { resourceNames: r.resourceNames } : {}),
    })),
    ...status.nonResourceRules.map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })),
  ];
  const compact = compactRules(rules.flatMap(breakdownRule), true);
  const keyed = compact.map((r) => ({ r, key: ruleSortKey(r) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rows: string[][] = options.noHeaders
    ? []
    : [["Resources", "Non-Resource URLs", "Resource Names", "Verbs"]];
  for (const { r } of keyed) {
    rows.push([
      combineResourceGroup(r.resources ?? [], r.apiGroups ?? []),
      goList(r.nonResourceURLs),
      goList(r.resourceNames),
      goList(r.verbs),
    ]);
  }
  return tabwrite(rows);
}

/**
 * The identity a runtime acts as, as a SelfSubjectReview reports it (`k1s auth whoami`).
 *
 * @param rt The runtime.
 * @returns Its user: name, uid, groups and extra attributes.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createRuntime, whoAmI } from "@k1s/core";
 * await using rt = await createRuntime({ store: "memory:", user: { username: "alice" } });
 * assertEquals(whoAmI(rt), { username: "alice", groups: ["system:authenticated"] });
 * ```
 */
export function whoAmI(rt: Runtime): UserInfo {
  const u = rt.user;
  return {
    username: u.username,
    ...(u.uid ? { uid: u.uid } : {}),
    ...(u.groups ? { groups: [...u.groups] } : {}),
    ...(u.extra ? { extra: structuredClone(u.extra) } : {}),
  };
}

/**
 * The table `kubectl auth whoami` prints: `ATTRIBUTE  VALUE`, then Username, UID, Groups and
 * one `Extra: <key>` line per extra attribute (sorted), each only when set.
 *
 * @param user The identity (from {@linkcode whoAmI}).
 * @returns The text, each line ending with a newline.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatWhoAmI } from "@k1s/core";
 * assertEquals(
 *   formatWhoAmI({ username: "alice", groups: ["dev", "system:authenticated"] }),
 *   "ATTRIBUTE   VALUE\nUsername    alice\nGroups      [dev system:authenticated]\n",
 * );
 * ```
 */
export function formatWhoAmI(user: UserInfo): string {
  const rows: string[][] = [["ATTRIBUTE", "VALUE"]];
  if (user.username) rows.push(["Username", user.username]);
  if (user.uid) rows.push(["UID", user.uid]);
  if (user.groups?.length) rows.push(["Groups", goList(user.groups)]);
  for (const k of Object.keys(user.extra ?? {}).sort()) {
    rows.push([`Extra: ${k}`, goList(user.extra![k])]);
  }
  return tabwrite(rows);
}

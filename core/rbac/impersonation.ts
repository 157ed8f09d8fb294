// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Identities: ServiceAccount users, and impersonation as the API server's impersonation filter
 * (`staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go`) performs it.
 *
 * @module
 */
import type { UserInfo } from "../apiserver/context.ts";
import { newBadRequest } from "../errors/status_error.ts";
import { isDNS1123Label, isDNS1123Subdomain } from "../validation/content.ts";
import type { RbacAuthorizer } from "./authorizer.ts";
import { forbiddenError } from "./authorizer.ts";
import { serviceAccountUsername } from "./_index.ts";

const SA_PREFIX = "system:serviceaccount:";

/**
 * The namespace and name of a ServiceAccount username (`serviceaccount.SplitUsername`), or
 * `undefined` when `username` is not one.
 *
 * @param username E.g. `system:serviceaccount:default:builder`.
 * @returns `{ namespace, name }` or `undefined`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { splitServiceAccountUsername } from "@k1s/core";
 * assertEquals(splitServiceAccountUsername("system:serviceaccount:ci:builder"), { namespace: "ci", name: "builder" });
 * assertEquals(splitServiceAccountUsername("alice"), undefined);
 * ```
 */
export function splitServiceAccountUsername(
  username: string,
): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SA_PREFIX)) return undefined;
  const parts = username.slice(SA_PREFIX.length).split(":");
  if (parts.length !== 2) return undefined;
  const [namespace, name] = parts;
  if (isDNS1123Label(namespace).length || isDNS1123Subdomain(name).length) return undefined;
  return { namespace, name };
}

/**
 * The identity of a ServiceAccount: user `system:serviceaccount:<ns>:<name>`, groups
 * `system:serviceaccounts`, `system:serviceaccounts:<ns>` and `system:authenticated`.
 *
 * @param namespace The ServiceAccount's namespace.
 * @param name Its name.
 * @param options Its uid and extra attributes, when known (tokens carry them).
 * @returns The identity.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { serviceAccountUser } from "@k1s/core";
 * assertEquals(serviceAccountUser("ci", "builder"), {
 *   username: "system:serviceaccount:ci:builder",
 *   groups: ["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"],
 * });
 * ```
 */
export function serviceAccountUser(
  namespace: string,
  name: string,
  options: { uid?: string; extra?: Record<string, string[]> } = {},
): UserInfo {
  return {
    username: serviceAccountUsername(namespace, name),
    ...(options.uid ? { uid: options.uid } : {}),
    groups: [
      "system:serviceaccounts",
      `system:serviceaccounts:${namespace}`,
      "system:authenticated",
    ],
    ...(options.extra ? { extra: options.extra } : {}),
  };
}

interface ImpersonationRequest {
  kind: "User" | "ServiceAccount" | "Group" | "UserExtra" | "UID";
  name: string;
  namespace?: string;
  fieldPath?: string;
}

function requests(target: UserInfo): ImpersonationRequest[] {
  const out: ImpersonationRequest[] = [];
  if (target.username) {
    const sa = splitServiceAccountUsername(target.username);
    out.push(sa ? { kind: "ServiceAccount", ...sa } : { kind: "User", name: target.username });
  }
  for (const g of target.groups ?? []) out.push({ kind: "Group", name: g });
  for (const [k, values] of Object.entries(target.extra ?? {})) {
    for (const v of values) out.push({ kind: "UserExtra", name: v, fieldPath: k });
  }
  if (target.uid) out.push({ kind: "UID", name: target.uid });
  return out;
}

/** Go's `%v` of a `v1.ObjectReference`, as the "without impersonating a user" error prints it. */
function objectReference(r: ImpersonationRequest): string {
  const apiVersion = r.kind === "UserExtra" || r.kind === "UID" ? "authentication.k8s.io/v1" : "";
  return `{${r.kind} ${r.namespace ?? ""} ${r.name}  ${apiVersion}  ${r.fieldPath ?? ""}}`;
}

/**
 * The identity that impersonating `target` yields, as the impersonation filter builds it:
 * `system:authenticated` is added unless `system:authenticated` or `system:unauthenticated` is
 * among the groups (`system:unauthenticated` for `system:anonymous`), and a ServiceAccount
 * username without groups gets its ServiceAccount groups. With `requester` and `authz`, every
 * part is first authorized with the `impersonate` verb (on `users`, `groups`,
 * `serviceaccounts`, `userextras/<key>`, `uids`), as for a non-owner identity.
 *
 * @param target What `--as`, `--as-group`, `--as-uid` and `--as-user-extra` ask for.
 * @param check The impersonating identity and the authorizer checking it, unless it is the owner.
 * @returns The effective identity.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { impersonate } from "@k1s/core";
 * assertEquals(await impersonate({ username: "alice" }), { username: "alice", groups: ["system:authenticated"] });
 * ```
 */
export async function impersonate(
  target: UserInfo,
  check?: { requester: UserInfo; authz: RbacAuthorizer },
): Promise<UserInfo> {
  const reqs = requests(target);
  if (!target.username) {
    if (!reqs.length) return target;
    throw newBadRequest(
      `requested [${reqs.map(objectReference).join(" ")}] without impersonating a user`,
    );
  }
  let groups: string[] = [];
  const groupsSpecified = (target.groups ?? []).length > 0;
  for (const r of reqs) {
    let resource: string;
    let subresource: string | undefined;
    let group = "";
    switch (r.kind) {
      case "ServiceAccount":
        resource = "serviceaccounts";
        if (!groupsSpecified) {
          groups = ["system:serviceaccounts", `system:serviceaccounts:${r.namespace}`];
        }
        break;
      case "User":
        resource = "users";
        break;
      case "Group":
        resource = "groups";
        groups.push(r.name);
        break;
      case "UserExtra":
        resource = "userextras";
        subresource = r.fieldPath;
        group = "authentication.k8s.io";
        break;
      case "UID":
        resource = "uids";
        group = "authentication.k8s.io";
        break;
    }
    if (check) {
      const attrs = {
        user: check.requester,
        verb: "impersonate",
        group,
        version: group ? "v1" : "",
        resource,
        ...(subresource ? { subresource } : {}),
        ...(r.namespace ? { namespace: r.namespace } : {}),
        name: r.name,
      };
      const d = await check.authz.decide(attrs);
      if (!d.allowed) throw forbiddenError(attrs, d.reason);
    }
  }
  const anonymous = target.username === "system:anonymous";
  if (anonymous) {
    if (!groups.includes("system:unauthenticated")) groups.push("system:unauthenticated");
  } else if (
    !groups.includes("system:authenticated") && !groups.includes("system:unauthenticated")
  ) {
    groups.push("system:authenticated");
  }
  return {
    username: target.username,
    ...(target.uid ? { uid: target.uid } : {}),
    groups,
    ...(target.extra && Object.keys(target.extra).length ? { extra: target.extra } : {}),
  };
}

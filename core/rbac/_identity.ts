// Copyright 2026 the k1s authors. Apache-2.0 license.
// Who bypasses RBAC: the store owner, and members of system:masters (Kubernetes' privileged
// group, allowed everything before RBAC is consulted and exempt from escalation checks).
import type { UserInfo } from "../apiserver/context.ts";
import { STORE_OWNER } from "../runtime/runtime.ts";

/** Kubernetes' privileged group. */
export const SYSTEM_MASTERS = "system:masters";

/**
 * Whether `user` is the store owner: the owner's name with `system:masters`. The name alone is
 * not enough: a token process allowed to impersonate users may take the name, but then it acts
 * as a user of that name with the groups it asked for, checked by RBAC, as Kubernetes treats
 * any impersonated user; the owner's rights come with reaching the store file.
 */
export function isOwner(user: UserInfo): boolean {
  return user.username === STORE_OWNER.username &&
    (user.groups?.includes(SYSTEM_MASTERS) ?? false);
}

/** Whether `user` names the store owner (the owner impersonating its own name stays the owner). */
export function isOwnerName(user: UserInfo): boolean {
  return user.username === STORE_OWNER.username;
}

/** Whether `user` may do anything without consulting RBAC. */
export function isPrivileged(user: UserInfo): boolean {
  return isOwner(user) || (user.groups?.includes(SYSTEM_MASTERS) ?? false);
}

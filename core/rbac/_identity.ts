// Copyright 2026 the k1s authors. Apache-2.0 license.
// Who bypasses RBAC: the store owner, and members of system:masters (Kubernetes' privileged
// group, allowed everything before RBAC is consulted and exempt from escalation checks).
import type { UserInfo } from "../apiserver/context.ts";
import { STORE_OWNER } from "../runtime/runtime.ts";

/** Kubernetes' privileged group. */
export const SYSTEM_MASTERS = "system:masters";

/** Whether `user` is the store owner. */
export function isOwner(user: UserInfo): boolean {
  return user.username === STORE_OWNER.username;
}

/** Whether `user` may do anything without consulting RBAC. */
export function isPrivileged(user: UserInfo): boolean {
  return isOwner(user) || (user.groups?.includes(SYSTEM_MASTERS) ?? false);
}

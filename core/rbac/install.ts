// Copyright 2026 the k1s authors. Apache-2.0 license.
// Stub until RBAC lands: every identity is allowed.
import type { Runtime } from "../runtime/runtime.ts";
import type { Authorizer, UserInfo } from "../apiserver/context.ts";

/** Identity options of a runtime. */
export interface IdentityOptions {
  /** Act as this user (impersonation by the store owner). */
  user?: UserInfo;
  /** Authenticate with a ServiceAccount token. */
  token?: string;
}

/**
 * Resolves the runtime's identity (a token is verified) and returns the authorizer that checks
 * non-owner identities.
 */
export function installRbac(
  _rt: Runtime,
  options: IdentityOptions,
): Promise<{ user: UserInfo | undefined; authorizer: Authorizer | undefined }> {
  return Promise.resolve({ user: options.user, authorizer: undefined });
}

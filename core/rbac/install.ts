// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Wires RBAC into a runtime: resolves its identity (impersonation, or a verified token), and
 * returns the authorizer that checks identities other than the store owner.
 *
 * @module
 */
import type { Runtime } from "../runtime/runtime.ts";
import type { AuthorizationAttributes, Authorizer, UserInfo } from "../apiserver/context.ts";
import { createRbacAuthorizer } from "./authorizer.ts";
import { escalationAdmission } from "./escalation.ts";
import { clusterRoleAggregationController } from "./aggregation.ts";
import { authenticateToken, tokenExpiry } from "./token.ts";
import { impersonate } from "./impersonation.ts";
import { auditAuthorizer, type AuditLogger, auditOwnerWrites } from "./audit.ts";
import { StatusError } from "../errors/status_error.ts";
import { isOwnerName } from "./_identity.ts";

/** Identity options of a runtime. */
export interface IdentityOptions {
  /**
   * Act as this user (impersonation, `--as`/`--as-group`): by the store owner without checks,
   * with a token only when the token's ServiceAccount may `impersonate` each part.
   */
  user?: UserInfo;
  /** Authenticate with a ServiceAccount token (`--token`, `K1S_TOKEN`). */
  token?: string;
  /** Audit every request of a checked identity, and every write of the store owner. */
  audit?: AuditLogger;
}

/** What {@linkcode installRbac} resolved. */
export interface RbacInstallation {
  /** The identity the runtime's client acts as; `undefined` for the store owner. */
  user: UserInfo | undefined;
  /** Checks every request of identities other than the store owner. */
  authorizer: Authorizer;
}

/**
 * A token identity is re-checked before its requests: expiry by the clock, and revocation
 * (ServiceAccount deleted or recreated, key rotated) whenever the store has changed.
 */
class TokenSession {
  readonly #rt: Runtime;
  readonly #token: string;
  readonly #expiry: number;
  #checkedAt: number;

  constructor(rt: Runtime, token: string, revision: number) {
    this.#rt = rt;
    this.#token = token;
    this.#expiry = tokenExpiry(token);
    this.#checkedAt = revision;
    rt.onWrite((ev) => {
      // This process's own writes of other kinds cannot revoke the token.
      const rv = Number(ev.object.metadata?.resourceVersion);
      if (ev.resource.kind !== "ServiceAccount" && rv === this.#checkedAt + 1) this.#checkedAt = rv;
    });
  }

  async check(): Promise<void> {
    if (this.#rt.server.now().getTime() / 1000 > this.#expiry) {
      throw new StatusError(
        { reason: "Unauthorized", code: 401, message: "Unauthorized" },
        { cause: new TypeError("service account token has expired") },
      );
    }
    const rev = await this.#rt.storage.revision();
    if (rev === this.#checkedAt) return;
    await authenticateToken(this.#rt, this.#token);
    this.#checkedAt = rev;
  }
}

/** Whether a `user` option asks for any impersonation at all (kubectl sends no header then). */
function asksImpersonation(user: UserInfo | undefined): user is UserInfo {
  return !!user &&
    !!(user.username || user.groups?.length || user.uid || Object.keys(user.extra ?? {}).length);
}

function withToken(inner: Authorizer, session: TokenSession): Authorizer {
  return {
    async authorize(attrs: AuthorizationAttributes): Promise<void> {
      // Every checked request of a token process is made on the token's authority.
      await session.check();
      await inner.authorize(attrs);
    },
  };
}

/**
 * Resolves a runtime's identity and installs RBAC: the authorizer (which reads nothing until a
 * non-owner request arrives), the escalation-prevention admission plugin (added with the first
 * checked request, so a process of the store owner alone runs no admission for RBAC) and the
 * ClusterRole aggregation controller. A `token` is verified now (401 `Unauthorized` when bad,
 * expired or revoked) and again before later requests once the store has changed; a `user` is
 * impersonated as the API server's impersonation filter does it. With neither, nothing is read.
 * With an `audit` logger, the returned authorizer records each decision, and the runtime's own
 * authorizer (`rt.server.authorizer`, which the owner's clients inherit) records each write of
 * the owner.
 *
 * @param rt The runtime.
 * @param options The identity, and an audit logger.
 * @returns The identity (`undefined` for the store owner) and the authorizer.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createRuntime } from "@k1s/core";
 * // createRuntime calls installRbac.
 * await using rt = await createRuntime({ store: "memory:", user: { username: "alice", groups: ["dev"] } });
 * assertEquals(rt.user, { username: "alice", groups: ["dev", "system:authenticated"] });
 * ```
 */
export async function installRbac(
  rt: Runtime,
  options: IdentityOptions,
): Promise<RbacInstallation> {
  const rbac = createRbacAuthorizer(rt);
  // Installing again (e.g. to add an audit log) keeps the first plugin and controller.
  const aggregation = clusterRoleAggregationController();
  if (!rt.controllers.list().some((c) => c.name === aggregation.name)) {
    rt.controllers.add(aggregation);
  }
  // The escalation check joins admission with the first checked request (every checked write
  // is authorized before admission runs), so that the owner's writes skip admission entirely.
  const escalation = escalationAdmission(rbac);
  let armed = false;
  let authorizer: Authorizer = {
    authorize(attrs: AuthorizationAttributes): Promise<void> {
      if (!armed) {
        armed = true;
        if (!rt.server.admission.some((p) => p.name === escalation.name)) {
          rt.addAdmission(escalation);
        }
      }
      return rbac.authorize(attrs);
    },
  };
  let user: UserInfo | undefined;
  if (options.token) {
    const revision = await rt.storage.revision();
    const tokenUser = await authenticateToken(rt, options.token);
    const session = new TokenSession(rt, options.token, revision);
    authorizer = withToken(authorizer, session);
    user = asksImpersonation(options.user)
      ? await impersonate(options.user, { requester: tokenUser, authz: rbac })
      : tokenUser;
  } else if (asksImpersonation(options.user) && !isOwnerName(options.user)) {
    user = await impersonate(options.user);
  }
  if (options.audit) {
    // One event per request, at authorization, with the decision: checked identities through
    // the RBAC authorizer; the owner, whose clients inherit the runtime's own authorizer (none
    // otherwise), through one that allows everything and records writes. Deletes and
    // deletecollection reach no admission plugin, so authorization is the one place every
    // write verb of every identity passes.
    authorizer = auditAuthorizer(authorizer, options.audit);
    rt.server.authorizer = auditOwnerWrites(options.audit);
  }
  return { user, authorizer };
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The RBAC authorizer: Roles, ClusterRoles (with aggregation), RoleBindings and
 * ClusterRoleBindings read from the runtime's store, evaluated as Kubernetes'
 * `plugin/pkg/auth/authorizer/rbac` does, denials worded as the API server words them.
 *
 * @module
 */
import type {
  AuthorizationAttributes,
  Authorizer,
  UserInfo,
  WriteEvent,
} from "../apiserver/context.ts";
import type { Storage } from "../storage/types.ts";
import type { Runtime } from "../runtime/runtime.ts";
import { StatusError } from "../errors/status_error.ts";
import { RBAC_GROUP } from "../builtins/_rbac.ts";
import type { PolicyRule } from "./types.ts";
import { type RequestAttributes, ruleAllows } from "./_rules.ts";
import {
  aggregateMessage,
  describeGrant,
  loadRbacObjects,
  type MissingRole,
  missingRoleMessage,
  RbacIndex,
} from "./_index.ts";
import { goQuote } from "./_go.ts";
import { isPrivileged } from "./_identity.ts";

/** A request to decide on: the API server's attributes, or a non-resource request (`path`). */
export type DecisionAttributes =
  & Pick<AuthorizationAttributes, "user" | "verb" | "namespace" | "name" | "subresource">
  & Partial<Pick<AuthorizationAttributes, "group" | "version" | "resource">>
  & {
    /** A non-resource URL path; makes this a non-resource request. */
    path?: string;
  };

/** The outcome of {@linkcode RbacAuthorizer.decide}. */
export interface Decision {
  /** Whether the request is allowed. */
  allowed: boolean;
  /** `RBAC: allowed by ...` when allowed by a binding; on denial the resolution errors. */
  reason: string;
  /** Roles that bindings of the user refer to but that do not exist (resolution errors). */
  missing: MissingRole[];
}

/** Options of {@linkcode createRbacAuthorizer}. */
export interface RbacAuthorizerOptions {
  /**
   * Follow this process's writes (via `rt.onWrite`) so that writes which are not RBAC objects
   * do not force a reload of the index. @default {true}
   */
  followWrites?: boolean;
}

const RBAC_KINDS = new Set(["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]);

const SANITIZER = /[&<>]/g;
const SANITIZED: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/**
 * The message of an RBAC denial, as the API server's `forbiddenMessage` renders it.
 *
 * @param attrs The denied request.
 * @returns E.g. `User "alice" cannot get resource "configmaps" in API group "" in the namespace "default"`.
 */
export function forbiddenMessage(attrs: DecisionAttributes): string {
  const user = goQuote(attrs.user.username);
  let msg: string;
  if (attrs.path !== undefined) {
    msg = `User ${user} cannot ${attrs.verb} path ${goQuote(attrs.path)}`;
  } else {
    const res = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource ?? "";
    msg = `User ${user} cannot ${attrs.verb} resource ${goQuote(res)} in API group ` +
      goQuote(attrs.group ?? "") +
      (attrs.namespace ? ` in the namespace ${goQuote(attrs.namespace)}` : " at the cluster scope");
  }
  // The API server escapes what could be read as HTML.
  return msg.replace(SANITIZER, (c) => SANITIZED[c]);
}

/**
 * The 403 Forbidden `StatusError` of a denied request (`responsewriters.Forbidden`).
 *
 * @param attrs The denied request.
 * @param reason The authorizer's reason, appended after `: ` when not empty.
 * @returns The error.
 */
export function forbiddenError(attrs: DecisionAttributes, reason = ""): StatusError {
  const msg = reason ? `${forbiddenMessage(attrs)}: ${reason}` : forbiddenMessage(attrs);
  if (attrs.path !== undefined) {
    return new StatusError({ reason: "Forbidden", code: 403, message: `forbidden: ${msg}` });
  }
  const group = attrs.group ?? "";
  const resource = attrs.resource ?? "";
  const qualified = group ? `${resource}.${group}` : resource;
  const name = attrs.name ?? "";
  return new StatusError({
    reason: "Forbidden",
    code: 403,
    message: name
      ? `${qualified} ${goQuote(name)} is forbidden: ${msg}`
      : `${qualified} is forbidden: ${msg}`,
    details: { ...(name ? { name } : {}), ...(group ? { group } : {}), kind: resource },
  });
}

/**
 * Authorizes requests of non-owner identities with RBAC. The index of roles and bindings is
 * built on first use (so creating one reads nothing) and rebuilt when the store revision moves
 * past what it reflects, except across this process's own writes of other kinds.
 */
export class RbacAuthorizer implements Authorizer {
  readonly #storage: Storage;
  readonly #prefix: string;
  #index: RbacIndex | undefined;
  #loading: Promise<RbacIndex> | undefined;
  readonly #unsubscribe: (() => void) | undefined;

  /**
   * Creates an authorizer over the runtime's store and key prefix.
   *
   * @param rt The runtime.
   * @param options Whether to follow this process's writes.
   */
  constructor(rt: Runtime, options: RbacAuthorizerOptions = {}) {
    this.#storage = rt.storage;
    this.#prefix = rt.server.keyPrefix;
    if (options.followWrites !== false) {
      this.#unsubscribe = rt.onWrite((ev) => this.#onWrite(ev));
    }
  }

  #onWrite(ev: WriteEvent): void {
    const idx = this.#index;
    if (!idx) return;
    if (ev.resource.group === RBAC_GROUP && RBAC_KINDS.has(ev.resource.kind)) return;
    // Writes of other kinds keep the index valid; anything unseen forces a reload.
    const rv = Number(ev.object.metadata?.resourceVersion);
    if (rv === idx.revision + 1) idx.revision = rv;
  }

  /** Stops following this process's writes. */
  dispose(): void {
    this.#unsubscribe?.();
  }

  /** The index as of the current store revision. */
  async #current(): Promise<RbacIndex> {
    const rev = await this.#storage.revision();
    const idx = this.#index;
    if (idx && idx.revision === rev) return idx;
    return await this.#reload();
  }

  #reload(): Promise<RbacIndex> {
    this.#loading ??= (async () => {
      try {
        const objects = await loadRbacObjects(this.#storage, this.#prefix);
        const old = this.#index;
        if (old && old.signature === objects.signature) {
          // Only other kinds changed: keep the caches.
          if (objects.revision > old.revision) old.revision = objects.revision;
          return old;
        }
        const idx = new RbacIndex(objects);
        this.#index = idx;
        return idx;
      } finally {
        this.#loading = undefined;
      }
    })();
    return this.#loading;
  }

  /**
   * Throws a 403 Forbidden `StatusError` worded as Kubernetes words it unless RBAC allows the
   * request.
   *
   * @param attrs The request.
   */
  async authorize(attrs: AuthorizationAttributes): Promise<void> {
    if (isPrivileged(attrs.user)) return;
    const idx = await this.#current();
    const r = idx.resolve(attrs.user, attrs.namespace ?? "");
    const grants = r.grants;
    for (let i = 0; i < grants.length; i++) {
      if (ruleAllows(grants[i].rule, attrs)) return;
    }
    throw forbiddenError(attrs, denialReason(r.missing));
  }

  /**
   * Decides on a request without throwing, with the reason a SubjectAccessReview gives.
   *
   * @param attrs The request (a resource request, or a non-resource one with `path`).
   * @returns The decision.
   */
  async decide(attrs: DecisionAttributes): Promise<Decision> {
    if (isPrivileged(attrs.user)) return { allowed: true, reason: "", missing: [] };
    const idx = await this.#current();
    const r = idx.resolve(attrs.user, attrs.namespace ?? "");
    const req: RequestAttributes = {
      verb: attrs.verb,
      group: attrs.group ?? "",
      resource: attrs.resource ?? "",
      ...(attrs.subresource ? { subresource: attrs.subresource } : {}),
      ...(attrs.name ? { name: attrs.name } : {}),
      ...(attrs.path !== undefined ? { path: attrs.path } : {}),
    };
    for (const g of r.grants) {
      if (ruleAllows(g.rule, req)) {
        return { allowed: true, reason: `RBAC: allowed by ${describeGrant(g)}`, missing: [] };
      }
    }
    return { allowed: false, reason: denialReason(r.missing), missing: r.missing };
  }

  /**
   * The rules `user` holds in `namespace` (`""`: bindings of the cluster scope only), in the
   * order RBAC visits them, and the missing roles its bindings refer to (`RulesFor`).
   *
   * @param user The identity.
   * @param namespace The namespace.
   * @returns The rules and missing roles.
   */
  async rulesFor(
    user: UserInfo,
    namespace: string,
  ): Promise<{ rules: PolicyRule[]; missing: MissingRole[] }> {
    const idx = await this.#current();
    const r = idx.resolve(user, namespace);
    return { rules: r.grants.map((g) => g.rule.rule), missing: r.missing };
  }

  /**
   * The rules a roleRef grants (`GetRoleReferenceRules`); `undefined` when the role is missing.
   *
   * @param kind `Role` or `ClusterRole`.
   * @param name The role name.
   * @param namespace The binding's namespace (`""` for a ClusterRoleBinding).
   * @returns The rules.
   */
  async roleRefRules(
    kind: string,
    name: string,
    namespace: string,
  ): Promise<PolicyRule[] | undefined> {
    const idx = await this.#current();
    return idx.roleRefRules(kind, name, namespace)?.map((c) => c.rule);
  }
}

function denialReason(missing: readonly MissingRole[]): string {
  if (!missing.length) return "";
  return `RBAC: ${aggregateMessage(missing.map((m) => missingRoleMessage(m)))}`;
}

/**
 * Creates the RBAC authorizer of a runtime. Nothing is read until the first request.
 *
 * @param rt The runtime whose store holds the roles and bindings.
 * @param options Whether to follow this process's writes.
 * @returns The authorizer.
 *
 * @example
 * ```ts
 * import { assertEquals, assertRejects } from "@std/assert";
 * import { createRbacAuthorizer, createRuntime, StatusError } from "@k1s/core";
 * await using rt = await createRuntime({ store: "memory:" });
 * const authz = createRbacAuthorizer(rt);
 * const err = await assertRejects(
 *   () => authz.authorize({ user: { username: "alice" }, verb: "get", group: "", version: "v1", resource: "configmaps", namespace: "default", name: "foo" }),
 *   StatusError,
 * );
 * assertEquals(err.message, 'configmaps "foo" is forbidden: User "alice" cannot get resource "configmaps" in API group "" in the namespace "default"');
 * ```
 */
export function createRbacAuthorizer(
  rt: Runtime,
  options: RbacAuthorizerOptions = {},
): RbacAuthorizer {
  return new RbacAuthorizer(rt, options);
}

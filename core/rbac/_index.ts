// Copyright 2026 the k1s authors. Apache-2.0 license.
// An immutable snapshot of a store's roles and bindings, indexed by subject, that resolves the
// rules of a user in a namespace the way DefaultRuleResolver.VisitRulesFor does: every
// ClusterRoleBinding first, then the RoleBindings of the namespace, in name order.
import type { KubeObject } from "../object/types.ts";
import type { Storage } from "../storage/types.ts";
import type { UserInfo } from "../apiserver/context.ts";
import type { PolicyRule } from "./types.ts";
import { collectionPrefix } from "../apiserver/_keys.ts";
import { clusterRoleType } from "../builtins/cluster_role.ts";
import { clusterRoleBindingType } from "../builtins/cluster_role_binding.ts";
import { roleType } from "../builtins/role.ts";
import { roleBindingType } from "../builtins/role_binding.ts";
import { type CompiledRule, compileRule, rulesOf } from "./_rules.ts";
import { effectiveClusterRoleRules } from "./_aggregate.ts";
import { goQuote } from "./_go.ts";

/** The username of a ServiceAccount: `system:serviceaccount:<namespace>:<name>`. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/** A subject of a binding. */
export interface Subject {
  kind: string;
  name: string;
  namespace: string;
}

/** A RoleBinding or ClusterRoleBinding. */
export interface Binding {
  kind: "RoleBinding" | "ClusterRoleBinding";
  name: string;
  /** Empty for ClusterRoleBindings. */
  namespace: string;
  roleKind: string;
  roleName: string;
  subjects: Subject[];
}

/** A binding whose role is missing. */
export interface MissingRole {
  kind: string;
  name: string;
}

/**
 * The error a missing role produces: as the authorizer's listers word it
 * (`clusterrole.rbac.authorization.k8s.io "x" not found`), or with `registry` as the escalation
 * check's storage does (`clusterroles.rbac.authorization.k8s.io "x" not found`).
 */
export function missingRoleMessage(m: MissingRole, registry = false): string {
  if (m.kind !== "Role" && m.kind !== "ClusterRole") {
    return `unsupported role reference kind: ${goQuote(m.kind)}`;
  }
  const resource = m.kind.toLowerCase() + (registry ? "s" : "");
  return `${resource}.rbac.authorization.k8s.io ${goQuote(m.name)} not found`;
}

/** Go's `utilerrors.NewAggregate(errs).Error()`: one message, or `[a, b]` without repeats. */
export function aggregateMessage(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  if (unique.length === 0) return "";
  if (messages.length === 1 || unique.length === 1) return unique[0];
  return `[${unique.join(", ")}]`;
}

/** One rule granted to a user, with where it came from. */
export interface Grant {
  rule: CompiledRule;
  binding: Binding;
  subject: Subject;
}

/** The rules of a user in a namespace, and the roles that could not be found. */
export interface Resolved {
  grants: Grant[];
  missing: MissingRole[];
}

/** `RoleBinding "b/ns" of Role "r" to User "alice"` (the `fmt.Stringer` of a rule source). */
export function describeGrant(g: Grant): string {
  const b = g.binding;
  const s = g.subject;
  const subject = s.kind === "ServiceAccount"
    ? `${s.kind} ${goQuote(`${s.name}/${s.namespace || b.namespace}`)}`
    : `${s.kind} ${goQuote(s.name)}`;
  const name = b.kind === "RoleBinding" ? `${b.name}/${b.namespace}` : b.name;
  return `${b.kind} ${goQuote(name)} of ${b.roleKind} ${goQuote(b.roleName)} to ${subject}`;
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function toBinding(obj: KubeObject, kind: Binding["kind"]): Binding {
  const ref = (obj.roleRef ?? {}) as Record<string, unknown>;
  const subjects: Subject[] = [];
  if (Array.isArray(obj.subjects)) {
    for (const s of obj.subjects) {
      if (typeof s !== "object" || s === null) continue;
      const r = s as Record<string, unknown>;
      subjects.push({ kind: str(r.kind), name: str(r.name), namespace: str(r.namespace) });
    }
  }
  return {
    kind,
    name: obj.metadata?.name ?? "",
    namespace: kind === "RoleBinding" ? obj.metadata?.namespace ?? "" : "",
    roleKind: str(ref.kind),
    roleName: str(ref.name),
    subjects,
  };
}

/** The index keys a subject is found under; none when it can never apply. */
function subjectKey(s: Subject, bindingNamespace: string): string | undefined {
  switch (s.kind) {
    case "User":
      return `u\0${s.name}`;
    case "Group":
      return `g\0${s.name}`;
    case "ServiceAccount": {
      // A subject without a namespace means the binding's (RoleBindings only).
      const ns = s.namespace || bindingNamespace;
      return ns ? `u\0${serviceAccountUsername(ns, s.name)}` : undefined;
    }
    default:
      return undefined;
  }
}

interface Entry {
  binding: Binding;
  subjectIndex: number;
  order: number;
}

type SubjectIndex = Map<string, Entry[]>;

function addBinding(index: SubjectIndex, binding: Binding, order: number): void {
  binding.subjects.forEach((s, i) => {
    const key = subjectKey(s, binding.namespace);
    if (key === undefined) return;
    let list = index.get(key);
    if (!list) index.set(key, list = []);
    // Keep the first applying subject of a binding under each key.
    if (list.length && list[list.length - 1].binding === binding) return;
    list.push({ binding, subjectIndex: i, order });
  });
}

/** The objects an index is built from, read at one revision. */
export interface RbacObjects {
  revision: number;
  /** Each object's key and resourceVersion, to tell whether anything changed. */
  signature: string;
  clusterRoles: KubeObject[];
  roles: KubeObject[];
  clusterRoleBindings: KubeObject[];
  roleBindings: KubeObject[];
}

/** Reads every role and binding under `keyPrefix` at one revision. */
export async function loadRbacObjects(storage: Storage, keyPrefix: string): Promise<RbacObjects> {
  const first = await storage.list({ prefix: collectionPrefix(keyPrefix, clusterRoleType) });
  const revision = first.revision;
  const rest = await Promise.all(
    [roleType, clusterRoleBindingType, roleBindingType].map((t) =>
      storage.list({ prefix: collectionPrefix(keyPrefix, t), revision })
    ),
  );
  const lists = [first.items, ...rest.map((r) => r.items)];
  let signature = "";
  for (const items of lists) {
    for (const o of items) {
      signature += `${
        o.metadata.namespace ?? ""
      }/${o.metadata.name}@${o.metadata.resourceVersion}\n`;
    }
    signature += "|";
  }
  return {
    revision,
    signature,
    clusterRoles: lists[0],
    roles: lists[1],
    clusterRoleBindings: lists[2],
    roleBindings: lists[3],
  };
}

const USER_CACHE_LIMIT = 4096;

interface UserEntry {
  cluster: Resolved;
  namespaces: Map<string, Resolved>;
}

/** Roles and bindings indexed by subject, with per-user rule caches. */
export class RbacIndex {
  /** The store revision the index reflects. */
  revision: number;
  /** See {@linkcode RbacObjects.signature}. */
  readonly signature: string;
  readonly #clusterRoles = new Map<string, KubeObject>();
  readonly #roles = new Map<string, KubeObject>();
  readonly #crb: SubjectIndex = new Map();
  readonly #rb = new Map<string, SubjectIndex>();
  readonly #clusterRoleRules = new Map<string, CompiledRule[] | null>();
  readonly #roleRules = new Map<string, CompiledRule[] | null>();
  readonly #users = new Map<string, UserEntry>();

  constructor(objects: RbacObjects) {
    this.revision = objects.revision;
    this.signature = objects.signature;
    for (const o of objects.clusterRoles) this.#clusterRoles.set(o.metadata.name!, o);
    for (const o of objects.roles) this.#roles.set(`${o.metadata.namespace}/${o.metadata.name}`, o);
    objects.clusterRoleBindings.forEach((o, i) =>
      addBinding(this.#crb, toBinding(o, "ClusterRoleBinding"), i)
    );
    objects.roleBindings.forEach((o, i) => {
      const ns = o.metadata.namespace ?? "";
      let idx = this.#rb.get(ns);
      if (!idx) this.#rb.set(ns, idx = new Map());
      addBinding(idx, toBinding(o, "RoleBinding"), i);
    });
  }

  /** The effective rules of a ClusterRole (aggregation applied); `undefined` when missing. */
  clusterRoleRules(name: string): PolicyRule[] | undefined {
    return this.#compiledClusterRole(name)?.map((c) => c.rule);
  }

  /** The rules of a Role; `undefined` when missing. */
  roleRules(namespace: string, name: string): PolicyRule[] | undefined {
    return this.#compiledRole(namespace, name)?.map((c) => c.rule);
  }

  #compiledClusterRole(name: string): CompiledRule[] | undefined {
    let c = this.#clusterRoleRules.get(name);
    if (c === undefined) {
      const rules = effectiveClusterRoleRules(this.#clusterRoles, name);
      c = rules ? rules.map(compileRule) : null;
      this.#clusterRoleRules.set(name, c);
    }
    return c ?? undefined;
  }

  #compiledRole(namespace: string, name: string): CompiledRule[] | undefined {
    const key = `${namespace}/${name}`;
    let c = this.#roleRules.get(key);
    if (c === undefined) {
      const role = this.#roles.get(key);
      c = role ? rulesOf(role.rules).map(compileRule) : null;
      this.#roleRules.set(key, c);
    }
    return c ?? undefined;
  }

  /** The rules a binding's roleRef grants in `namespace` (`GetRoleReferenceRules`). */
  roleRefRules(kind: string, name: string, namespace: string): CompiledRule[] | undefined {
    if (kind === "ClusterRole") return this.#compiledClusterRole(name);
    if (kind === "Role" && namespace) return this.#compiledRole(namespace, name);
    return undefined;
  }

  /** The rules of `user` in `namespace` (`""`: cluster scope only), cached per user. */
  resolve(user: UserInfo, namespace: string): Resolved {
    const groups = user.groups ?? [];
    let key = user.username;
    for (let i = 0; i < groups.length; i++) key += "\0" + groups[i];
    let entry = this.#users.get(key);
    if (!entry) {
      if (this.#users.size >= USER_CACHE_LIMIT) this.#users.clear();
      entry = { cluster: this.#resolve(this.#crb, user), namespaces: new Map() };
      this.#users.set(key, entry);
    }
    if (!namespace) return entry.cluster;
    let r = entry.namespaces.get(namespace);
    if (!r) {
      const idx = this.#rb.get(namespace);
      const local = idx ? this.#resolve(idx, user, namespace) : { grants: [], missing: [] };
      r = {
        grants: [...entry.cluster.grants, ...local.grants],
        missing: [...entry.cluster.missing, ...local.missing],
      };
      entry.namespaces.set(namespace, r);
    }
    return r;
  }

  #resolve(index: SubjectIndex, user: UserInfo, namespace = ""): Resolved {
    const found = new Map<Binding, Entry>();
    const collect = (key: string) => {
      for (const e of index.get(key) ?? []) {
        const prev = found.get(e.binding);
        if (!prev || e.subjectIndex < prev.subjectIndex) found.set(e.binding, e);
      }
    };
    collect(`u\0${user.username}`);
    for (const g of user.groups ?? []) collect(`g\0${g}`);
    const entries = [...found.values()].sort((a, b) => a.order - b.order);
    const grants: Grant[] = [];
    const missing: MissingRole[] = [];
    for (const e of entries) {
      const b = e.binding;
      const rules = this.roleRefRules(b.roleKind, b.roleName, namespace);
      if (!rules) {
        missing.push({ kind: b.roleKind, name: b.roleName });
        continue;
      }
      const subject = b.subjects[e.subjectIndex];
      for (const rule of rules) grants.push({ rule, binding: b, subject });
    }
    return { grants, missing };
  }
}

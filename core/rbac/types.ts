// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Types of the RBAC layer: policy rules, access checks and reviews, tokens and audit events.
 *
 * @module
 */
import type { UserInfo } from "../apiserver/context.ts";

/** One rule of a Role or ClusterRole (`rbac.authorization.k8s.io/v1` `PolicyRule`). */
export interface PolicyRule {
  /** Verbs, or `*`. */
  verbs: string[];
  /** API groups (`""` is the core group), or `*`. */
  apiGroups?: string[];
  /** Resources: `res`, `res/sub`, `*` (every resource) or `*` then `/sub` (that subresource of every resource). */
  resources?: string[];
  /** Object names; empty means every object. */
  resourceNames?: string[];
  /** Non-resource URL paths (exact, `*`, or a `prefix*`); ClusterRoles only. */
  nonResourceURLs?: string[];
}

/**
 * A question for {@linkcode canI}: a resource request (`resource` set) or a non-resource one
 * (`path` set), as `kubectl auth can-i` sends it in a SelfSubjectAccessReview.
 */
export interface AccessCheck {
  /** The verb, e.g. `get`, `list`, `create`, `escalate`, `impersonate`. */
  verb: string;
  /** API group of the resource; `""` (the default) is the core group. */
  group?: string;
  /** Plural resource, e.g. `configmaps`; `*` for every resource. */
  resource?: string;
  /** Subresource, e.g. `status`. */
  subresource?: string;
  /** Object name; absent for collections. */
  name?: string;
  /** Namespace; absent or empty: the cluster scope (every namespace). */
  namespace?: string;
  /** A non-resource URL path such as `/healthz`, instead of a resource. */
  path?: string;
}

/** The answer of {@linkcode canI} (a `SubjectAccessReviewStatus`). */
export interface AccessDecision {
  /** Whether the request would be allowed. */
  allowed: boolean;
  /**
   * Why: `RBAC: allowed by RoleBinding "b/default" of Role "r" to User "alice"`; on denial
   * empty, or the roles that bindings refer to but are missing
   * (`RBAC: role.rbac.authorization.k8s.io "r" not found`).
   */
  reason: string;
}

/** A resource rule of a {@linkcode SubjectRulesReviewStatus}. */
export interface ResourceRule {
  /** Verbs. */
  verbs: string[];
  /** API groups. */
  apiGroups: string[];
  /** Resources. */
  resources: string[];
  /** Object names; empty means all. */
  resourceNames: string[];
}

/** A non-resource rule of a {@linkcode SubjectRulesReviewStatus}. */
export interface NonResourceRule {
  /** Verbs. */
  verbs: string[];
  /** URL paths. */
  nonResourceURLs: string[];
}

/** What an identity may do in a namespace (a `SubjectRulesReviewStatus`). */
export interface SubjectRulesReviewStatus {
  /** Rules about resources. */
  resourceRules: ResourceRule[];
  /** Rules about non-resource URLs. */
  nonResourceRules: NonResourceRule[];
  /** Whether the list may miss rules (never for RBAC). */
  incomplete: boolean;
  /** Problems met while evaluating, e.g. bindings to missing roles; may be empty. */
  evaluationError: string;
}

/** Options of {@linkcode issueToken} (a `TokenRequest`). */
export interface TokenRequestOptions {
  /** Namespace of the ServiceAccount. */
  namespace: string;
  /** Name of the ServiceAccount. */
  serviceAccount: string;
  /** Lifetime in seconds: at least 600, at most 2^32. @default {3600} */
  expirationSeconds?: number;
  /**
   * The token's audiences (`spec.audiences`), as `kubectl create token --audience` asks for;
   * without them, the store's own (`k1s`, or the tenant's). A token for other audiences is
   * issued for others to verify: this store refuses it, as an API server refuses a token not
   * meant for it.
   */
  audiences?: string[];
  /**
   * The object the token is bound to (`spec.boundObjectRef`): the token stops working when it
   * is deleted. Kubernetes binds to a `v1` Pod, Node or Secret; k1s serves Secrets.
   */
  boundObjectRef?: BoundObjectReference;
}

/** `BoundObjectReference` of a TokenRequest. */
export interface BoundObjectReference {
  /** `Secret` (or `Pod`, `Node`, which k1s does not serve). */
  kind: string;
  /** @default {"v1"} */
  apiVersion?: string;
  /** The object's name, in the ServiceAccount's namespace. */
  name: string;
  /** Must match the object's uid when given. */
  uid?: string;
}

/** The result of {@linkcode issueToken} (a `TokenRequestStatus`). */
export interface TokenRequestStatus {
  /** The bearer token (a JWT). */
  token: string;
  /** When it expires, RFC 3339. */
  expirationTimestamp: string;
}

/** One line of the audit log: a subset of `audit.k8s.io/v1` `Event` at level `Metadata`. */
export interface AuditEvent {
  /** Always `Event`. */
  kind: "Event";
  /** Always `audit.k8s.io/v1`. */
  apiVersion: "audit.k8s.io/v1";
  /** Always `Metadata`: request and response bodies are never recorded. */
  level: "Metadata";
  /** A unique id of the event. */
  auditID: string;
  /** `RequestReceived` for an allowed request, `ResponseComplete` for a denied one. */
  stage: "RequestReceived" | "ResponseComplete";
  /** The verb. */
  verb: string;
  /** Who asked (name and groups; never credentials). */
  user: Pick<UserInfo, "username" | "uid" | "groups">;
  /** What the request is about. */
  objectRef: {
    resource: string;
    namespace?: string;
    name?: string;
    apiGroup: string;
    apiVersion: string;
    subresource?: string;
  };
  /** The status of a denied request. */
  responseStatus?: { code: number; reason?: string; message?: string };
  /** When the event was recorded, RFC 3339 with microseconds. */
  requestReceivedTimestamp: string;
  /** Same as `requestReceivedTimestamp`. */
  stageTimestamp: string;
  /**
   * `authorization.k8s.io/decision` (`allow`/`forbid`) and `authorization.k8s.io/reason`, or
   * `k1s.io/admission` (`admitted`) for writes seen by admission.
   */
  annotations: Record<string, string>;
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * What the in-process API server needs to serve a request: storage, registry, clock, and the
 * pluggable stages (authorization, admission, schema handling, write listeners).
 *
 * @module
 */
import type { KubeObject } from "../object/types.ts";
import type { Storage } from "../storage/types.ts";
import type { Registry } from "../registry/registry.ts";
import type { ResourceType } from "../registry/types.ts";
import type { FieldError } from "../errors/field_error.ts";

/** An identity, as Kubernetes' `user.Info`. */
export interface UserInfo {
  /** The user name, e.g. `alice` or `system:serviceaccount:default:builder`. */
  username: string;
  /** A unique id, if known. */
  uid?: string;
  /** Group memberships. */
  groups?: string[];
  /** Extra attributes. */
  extra?: Record<string, string[]>;
}

/** The request an authorizer decides on (apiserver `authorizer.Attributes`). */
export interface AuthorizationAttributes {
  /** Who asks. */
  user: UserInfo;
  /** `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`, ... */
  verb: string;
  /** API group of the resource. */
  group: string;
  /** API version of the resource. */
  version: string;
  /** Plural resource name. */
  resource: string;
  /** Subresource, e.g. `status`. */
  subresource?: string;
  /** Namespace, absent for cluster-scoped requests and all-namespace lists. */
  namespace?: string;
  /** Object name, absent for list, watch, create (without a name) and deletecollection. */
  name?: string;
}

/**
 * An Authorizer knows whether a user may perform a request. It throws a Forbidden
 * `StatusError` worded as Kubernetes words it when the answer is no.
 */
export interface Authorizer {
  /** Throws a Forbidden `StatusError` unless the request is allowed. */
  authorize(attrs: AuthorizationAttributes): void | Promise<void>;
}

/** The operation an admission function sees. */
export type AdmissionOperation = "CREATE" | "UPDATE" | "DELETE";

/** The request an admission function sees (the webhook `AdmissionRequest`, in process). */
export interface AdmissionRequest {
  /** What is happening. */
  operation: AdmissionOperation;
  /** The resource type. */
  type: ResourceType;
  /** The object being written (mutable for mutating functions); for DELETE the stored object. */
  object: KubeObject;
  /** The stored object (UPDATE, DELETE). */
  oldObject?: KubeObject;
  /** Who asks. */
  user: UserInfo;
  /** Subresource written, e.g. `status`. */
  subresource?: string;
  /** Whether nothing will be persisted. */
  dryRun: boolean;
}

/**
 * What a validating admission function returns: nothing to allow, a string to deny with
 * Forbidden, or field errors to deny with Invalid. Throwing a `StatusError` also denies.
 */
export type AdmissionResult = void | undefined | string | FieldError[];

/** A mutating or validating admission function registered for some kinds. */
export interface AdmissionPlugin {
  /** Name used in denial messages. */
  name: string;
  /** Kinds it applies to as `group/Kind` (`/ConfigMap` for core) or `*`; all when absent. */
  kinds?: readonly string[];
  /** Operations it applies to; all when absent. */
  operations?: readonly AdmissionOperation[];
  /** Changes the object in place before validation. */
  mutate?(req: AdmissionRequest): AdmissionResult | Promise<AdmissionResult>;
  /** Accepts or rejects the final object. */
  validate?(req: AdmissionRequest): AdmissionResult | Promise<AdmissionResult>;
}

/** One committed write, reported to write listeners (controllers, event triggers). */
export interface WriteEvent {
  /** ADDED, MODIFIED or DELETED. */
  type: "ADDED" | "MODIFIED" | "DELETED";
  /** The resource type. */
  resource: ResourceType;
  /** The new state (DELETED: the last state). */
  object: KubeObject;
  /** The previous state, for MODIFIED and DELETED. */
  oldObject?: KubeObject;
}

/**
 * Schema handling for a kind (validation, defaulting, pruning from its OpenAPI schema):
 * supplied by the custom-resource layer; absent for kinds validated only by their strategy.
 */
export interface SchemaHandler {
  /** Removes unknown fields in place; returns their paths (`spec.foo`). */
  prune(obj: KubeObject): string[];
  /** Fills defaults in place. */
  default(obj: KubeObject): void;
  /** Validates; `old` enables transition rules. */
  validate(obj: KubeObject, old?: KubeObject): FieldError[];
  /** Validates the status subresource write (status and metadata only). */
  validateStatus?(obj: KubeObject, old: KubeObject): FieldError[];
}

/** Everything shared by the requests of one runtime. */
export interface ServerContext {
  /** The store. */
  storage: Storage;
  /** The kinds served. */
  registry: Registry;
  /** Key prefix of this runtime's data, e.g. `/registry` or `/tenants/acme/registry`. */
  keyPrefix: string;
  /** The clock. */
  now(): Date;
  /** Optional authorizer; absent means everything is allowed (the store owner). */
  authorizer?: Authorizer;
  /** Admission plugins in registration order. */
  admission: AdmissionPlugin[];
  /** Returns the schema handler of a kind, if it has one. */
  schemaFor?(type: ResourceType): SchemaHandler | undefined;
  /** Called after every committed (non-dry-run) write. */
  listeners: Array<(ev: WriteEvent) => void>;
  /** Receives warnings (`Warning: ...` in kubectl). */
  warn(message: string): void;
  /** Field manager used when a write names none. */
  defaultFieldManager: string;
  /**
   * Objects of a type that every store holds from the start (the `default` Namespace): reads
   * serve them while the store has not written them yet.
   */
  implicitObjects?(type: ResourceType): readonly KubeObject[];
}

/** Per-request data. */
export interface RequestContext {
  /** Who asks. */
  user: UserInfo;
  /** Whether nothing must be persisted. */
  dryRun?: boolean;
  /** The field manager of a write. */
  fieldManager?: string;
}

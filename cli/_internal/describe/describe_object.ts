// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Picks the describer for an object's kind, as kubectl's describer map does, falling back
 * to the generic describer.
 *
 * @module
 */
import type { KubeObject } from "@k1s/core";
import {
  describeConfigMap,
  describeNamespace,
  type DescribeOptions,
  describeSecret,
  describeServiceAccount,
} from "./describe_core.ts";
import { describeGeneric } from "./describe_generic.ts";
import { describeRole, describeRoleBinding } from "./describe_rbac.ts";

/** Everything any describer may use. */
export interface DescribeObjectOptions extends DescribeOptions {
  /** The namespace's secrets (ServiceAccount). */
  secrets?: readonly KubeObject[];
  /** Resource quotas and limit ranges (Namespace); k1s has none, so default to leaving them out. */
  resourceQuotas?: readonly unknown[] | null;
  /** See `resourceQuotas`. */
  limitRanges?: readonly unknown[] | null;
}

/**
 * Describes an object with its kind's describer.
 *
 * @param obj The object.
 * @param options Clock, events and kind-specific lists.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * import { describeObject } from "./describe_object.ts";
 * const s = { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, type: "Opaque", data: {} };
 * assertStringIncludes(describeObject(s, { now: new Date() }), "Type:  Opaque");
 * ```
 */
export function describeObject(obj: KubeObject, options: DescribeObjectOptions): string {
  const group = obj.apiVersion.includes("/") ? obj.apiVersion.split("/")[0] : "";
  if (group === "") {
    switch (obj.kind) {
      case "ConfigMap":
        return describeConfigMap(obj, options);
      case "Secret":
        return describeSecret(obj);
      case "Namespace":
        return describeNamespace(obj, options);
      case "ServiceAccount":
        return describeServiceAccount(obj, options);
    }
  }
  if (group === "rbac.authorization.k8s.io") {
    switch (obj.kind) {
      case "Role":
      case "ClusterRole":
        return describeRole(obj);
      case "RoleBinding":
      case "ClusterRoleBinding":
        return describeRoleBinding(obj);
    }
  }
  return describeGeneric(obj, options);
}

/**
 * Joins several descriptions as `kubectl describe` prints them: separated by two newlines.
 *
 * @param descriptions The descriptions in order.
 * @returns The output.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { joinDescriptions } from "./describe_object.ts";
 * assertEquals(joinDescriptions(["a\n", "b\n"]), "a\n\n\nb\n");
 * ```
 */
export function joinDescriptions(descriptions: readonly string[]): string {
  return descriptions.join("\n\n");
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `-o name` lines and kubectl's action messages (`configmap/foo created`).
 *
 * @module
 */

/** An object with at least a kind and a name, as `-o name` needs. */
export interface NamedObject {
  /** `v1` or `<group>/<version>`. */
  apiVersion?: string;
  /** The kind. */
  kind?: string;
  /** Metadata with the name. */
  metadata?: { name?: string };
}

/**
 * The lower-case, group-qualified kind kubectl prints before a name:
 * `configmap`, `role.rbac.authorization.k8s.io`.
 *
 * @param apiVersion `v1` or `<group>/<version>`.
 * @param kind The kind.
 * @returns The qualified kind.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { qualifiedKind } from "./format_name.ts";
 * assertEquals(qualifiedKind("rbac.authorization.k8s.io/v1", "Role"), "role.rbac.authorization.k8s.io");
 * ```
 */
export function qualifiedKind(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  return group ? `${kind.toLowerCase()}.${group}` : kind.toLowerCase();
}

/**
 * The `-o name` line for an object, with an optional operation as kubectl's action messages
 * print it (`configmap/foo created`, `configmap/x created (dry run)`).
 *
 * @param obj The object.
 * @param options `operation`, appended after a space.
 * @returns The line, ending in a newline.
 * @throws {Error} `missing kind for resource with name <name>` when the kind is empty.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatName } from "./format_name.ts";
 * const role = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "reader" } };
 * assertEquals(formatName(role), "role.rbac.authorization.k8s.io/reader\n");
 * assertEquals(formatName(role, { operation: "created" }), "role.rbac.authorization.k8s.io/reader created\n");
 * ```
 */
export function formatName(obj: NamedObject, options: { operation?: string } = {}): string {
  // kubectl's NamePrinter: an object without a name is `<unknown>`.
  const name = obj.metadata?.name || "<unknown>";
  if (!obj.kind) throw new Error(`missing kind for resource with name ${name}`);
  const op = options.operation ? ` ${options.operation}` : "";
  return `${qualifiedKind(obj.apiVersion ?? "", obj.kind)}/${name}${op}\n`;
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
// Key layout: <prefix>/<resource path>/[<namespace>/]<name>. Keys are built only from validated
// names, so no name or namespace can escape its prefix.
import type { ResourceType } from "../registry/types.ts";
import { newBadRequest } from "../errors/status_error.ts";

/** The storage path of a resource: `configmaps`, or `<group>/<plural>` for non-core kinds. */
export function resourcePath(type: ResourceType): string {
  if (type.group === "" || type.group === "rbac.authorization.k8s.io") return type.plural;
  return `${type.group}/${type.plural}`;
}

/** The key of one object. */
export function objectKey(
  prefix: string,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
): string {
  if (!safeKeySegment(name) || (type.namespaced && !safeKeySegment(namespace ?? ""))) {
    throw newBadRequest(
      type.namespaced && !namespace
        ? "a namespace must be specified for a namespaced resource"
        : `invalid resource name ${
          JSON.stringify(type.namespaced ? `${namespace}/${name}` : name)
        }`,
    );
  }
  return type.namespaced
    ? `${prefix}/${resourcePath(type)}/${namespace}/${name}`
    : `${prefix}/${resourcePath(type)}/${name}`;
}

/** The prefix of a collection: one namespace, or all of them (ends with `/`). */
export function collectionPrefix(prefix: string, type: ResourceType, namespace?: string): string {
  return type.namespaced && namespace
    ? `${prefix}/${resourcePath(type)}/${namespace}/`
    : `${prefix}/${resourcePath(type)}/`;
}

/**
 * Whether a name can be part of a key (a last line of defence behind validation). A lone UTF-16
 * surrogate cannot: stores keep keys as UTF-8, where it would become U+FFFD, another name.
 */
export function safeKeySegment(s: string): boolean {
  return s.length > 0 && s !== "." && s !== ".." && !s.includes("/") && !s.includes("\0") &&
    s.isWellFormed();
}

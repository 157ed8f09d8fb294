// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * A last line of defence for tenant isolation: whether a storage key built from request input
 * stays inside a runtime's key prefix, one safe segment after another.
 *
 * @module
 */

function safeSegment(s: string): boolean {
  return s !== "" && s !== "." && s !== ".." && !s.includes("\0");
}

/**
 * Whether `key` lies under `prefix` (`/registry` or `/tenants/<t>/registry`) and every segment
 * after it is a safe name: not empty, not `.` or `..`, no NUL. A collection prefix (ending with
 * `/`) may end with the empty segment. Storage keys are opaque strings that no backend
 * normalizes, so a key failing this can never reach another tenant's data; it can only name
 * nothing. Rejecting it early makes that independent of backends.
 *
 * @param prefix The runtime's key prefix (`ServerContext.keyPrefix`).
 * @param key A key built for a request.
 * @returns Whether the key is confined to the prefix.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isConfinedKey } from "@k1s/core";
 * assert(isConfinedKey("/tenants/a/registry", "/tenants/a/registry/configmaps/default/app"));
 * assert(isConfinedKey("/tenants/a/registry", "/tenants/a/registry/configmaps/default/"));
 * assert(!isConfinedKey("/tenants/a/registry", "/tenants/a/registry/configmaps/default/../../../b"));
 * assert(!isConfinedKey("/tenants/a/registry", "/tenants/ab/registry/configmaps/default/app"));
 * ```
 */
export function isConfinedKey(prefix: string, key: string): boolean {
  if (!key.startsWith(prefix + "/")) return false;
  const segments = key.slice(prefix.length + 1).split("/");
  for (let i = 0; i < segments.length; i++) {
    if (i === segments.length - 1 && segments[i] === "" && i > 0) return true;
    if (!safeSegment(segments[i])) return false;
  }
  return true;
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";

/** Fields an endpoint cannot own: status on the main resource, everything else on /status. */
export function ignoredFieldsFor(
  type: ResourceType,
  sub: string | undefined,
  obj: KubeObject,
): { ignoredFields?: string[] } {
  if (!type.subresources.status) return {};
  if (sub !== "status") return { ignoredFields: ["status"] };
  return {
    ignoredFields: Object.keys(obj).filter((k) =>
      !["apiVersion", "kind", "metadata", "status"].includes(k)
    ),
  };
}

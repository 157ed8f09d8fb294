// Copyright 2026 the k1s authors. Apache-2.0 license.
// Shared fixtures of the controller tests.
import type { KubeObject, OwnerReference } from "../../object/types.ts";
import type { ResourceType } from "../../registry/types.ts";
import type { Client } from "../../client/types.ts";

/** A custom kind, namespaced or cluster-scoped. */
export function customType(kind: string, namespaced: boolean): ResourceType {
  const plural = kind.toLowerCase() + "s";
  return {
    group: "example.com",
    version: "v1",
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    shortNames: [],
    categories: [],
    namespaced,
    verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
    subresources: {},
    printerColumns: [],
    strategy: {
      nameValidation: "subdomain",
      generation: true,
      allowUnconditionalUpdate: false,
      strategicMerge: false,
    },
  };
}

/** A reference to `owner`. */
export function ownerRef(owner: KubeObject, extra: Partial<OwnerReference> = {}): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    ...extra,
  };
}

/** A ConfigMap in `namespace`, optionally owned. */
export function configMap(
  name: string,
  namespace = "default",
  owners: OwnerReference[] = [],
  extra: Partial<KubeObject["metadata"]> = {},
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name,
      namespace,
      ...(owners.length ? { ownerReferences: owners } : {}),
      ...extra,
    },
  };
}

/** Names of the objects of a kind that exist. */
export async function names(
  c: Client,
  type: { apiVersion: string; kind: string },
  namespace?: string,
): Promise<string[]> {
  const l = await c.list(type, namespace ? { namespace } : {});
  return l.items.map((o) => o.metadata.name!).sort();
}

/** Whether an object exists. */
export async function exists(
  c: Client,
  type: { apiVersion: string; kind: string },
  key: { namespace?: string; name: string },
): Promise<boolean> {
  try {
    await c.get(type, key);
    return true;
  } catch {
    return false;
  }
}

/** ConfigMap type meta. */
export const CM = { apiVersion: "v1", kind: "ConfigMap" } as const;

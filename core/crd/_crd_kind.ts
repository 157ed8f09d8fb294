// Copyright 2026 the k1s authors. Apache-2.0 license.
// A runtime's CRD kind. The runtime registers it when it starts, so `crds` resolves at once;
// the custom-resource machinery (`_state.ts`), loaded with the first write or unknown kind,
// then fills in the hook its strategy calls before every CRD write (the CRD admission step).
import type { ResourceType } from "../registry/types.ts";
import { customResourceDefinitionType } from "./crd_type.ts";

/** What the custom-resource machinery plugs into a CRD kind made by {@linkcode createCrdKind}. */
export interface CrdKindHooks {
  /** Runs first in every write path of a CRD (create, update, status). */
  beforeWrite?: () => void;
}

const hooks = new WeakMap<ResourceType, CrdKindHooks>();

/**
 * A new CRD kind for one runtime: `customResourceDefinitionType` with write hooks.
 *
 * @returns The kind; {@linkcode crdKindHooks} returns its hooks.
 */
export function createCrdKind(): ResourceType {
  const h: CrdKindHooks = {};
  const base = customResourceDefinitionType.strategy;
  const type: ResourceType = {
    ...customResourceDefinitionType,
    strategy: {
      ...base,
      prepareForCreate: (obj) => {
        h.beforeWrite?.();
        base.prepareForCreate!(obj);
      },
      prepareForUpdate: (obj, old) => {
        h.beforeWrite?.();
        base.prepareForUpdate!(obj, old);
      },
      prepareForStatusUpdate: () => h.beforeWrite?.(),
    },
  };
  hooks.set(type, h);
  return type;
}

/**
 * The hooks of a kind made by {@linkcode createCrdKind}.
 *
 * @param type A resource type.
 * @returns Its hooks, or undefined for any other type.
 */
export function crdKindHooks(type: ResourceType | undefined): CrdKindHooks | undefined {
  return type ? hooks.get(type) : undefined;
}

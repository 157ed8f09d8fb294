// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * A stand-in for "@k1s/core" with just what generated modules and API types import, built on
 * core's own type definitions (see `typecheck_test.ts`).
 *
 * @module
 */
import type { CustomResourceDefinition } from "../../../core/crd/types.ts";

export type { CustomResourceDefinition };
export type { ListMeta, ObjectMeta, TypeMeta } from "../../../core/object/types.ts";

/** The runtime, as far as `register` needs it. */
export interface Runtime {
  /** Unused here. */
  readonly client: unknown;
}

/** Stand-in for the function the lead adds to @k1s/core. */
export function installCustomResourceDefinitions(
  _rt: Runtime,
  _crds: CustomResourceDefinition[],
): void {}

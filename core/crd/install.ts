// Copyright 2026 the k1s authors. Apache-2.0 license.
// Stub until custom resources land.
import type { Runtime } from "../runtime/runtime.ts";
import type { CustomResourceDefinition } from "./types.ts";

/** Enables CustomResourceDefinitions on a runtime (kind loader, schema provider, admission). */
export function installCustomResourceSupport(_rt: Runtime): void {}

/**
 * Registers custom kinds in this process from CRD objects (generated code calls this), without
 * writing them to the store.
 *
 * @param rt The runtime.
 * @param crds The definitions.
 */
export function installCustomResourceDefinitions(
  _rt: Runtime,
  _crds: CustomResourceDefinition[],
): void {}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Thing in v1.
 *
 * @module
 */
import type { ObjectMeta } from "@k1s/core";
import type { Size } from "../shared/common.ts";

/** ThingSpec is the desired state. */
export interface ThingSpec {
  /** Optional: the package makes fields optional by default. */
  size: Size;
  /**
   * Required by marker.
   *
   * +required
   */
  name: string;
}

/**
 * Thing is old.
 *
 * +kubebuilder:object:root=true
 * +kubebuilder:resource:shortName=th
 * +kubebuilder:deprecatedversion:warning="multi.example.com/v1 Thing is deprecated; use v2"
 */
export interface Thing {
  apiVersion: "multi.example.com/v1";
  kind: "Thing";
  metadata: ObjectMeta;
  spec?: ThingSpec;
}

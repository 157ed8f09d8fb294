// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Thing and Other in v2.
 *
 * @module
 */
import type { ObjectMeta } from "@k1s/core";
import type { int32 } from "@k1s/gen/types";
import type { Size } from "../shared/common.ts";

/** ThingSpec is the desired state. */
export interface ThingSpec {
  /** The size. */
  size: Size;
  /** How many. */
  count?: int32;
}

/**
 * Thing is current.
 *
 * +kubebuilder:object:root=true
 * +kubebuilder:storageversion
 * +kubebuilder:resource:shortName=th
 * +kubebuilder:printcolumn:name="Size",type=string,JSONPath=`.spec.size`
 */
export interface Thing {
  apiVersion: "multi.example.com/v2";
  kind: "Thing";
  metadata: ObjectMeta;
  spec: ThingSpec;
}

/**
 * Other exists only in v2.
 *
 * +kubebuilder:object:root=true
 * +kubebuilder:metadata:annotations="api-approved.kubernetes.io=unapproved, testing only",labels=tier=gold
 */
export interface Other {
  apiVersion: "multi.example.com/v2";
  kind: "Other";
  metadata: ObjectMeta;
  /** Free-form data. */
  data?: Record<string, string>;
}

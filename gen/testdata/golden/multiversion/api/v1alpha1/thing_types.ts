// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Thing in v1alpha1.
 *
 * @module
 */
import type { ObjectMeta } from "@k1s/core";

/**
 * Thing is older.
 *
 * +kubebuilder:object:root=true
 * +kubebuilder:resource:shortName=th
 * +kubebuilder:unservedversion
 */
export interface Thing {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  /** Anything goes. */
  spec?: Record<string, unknown>;
}

/**
 * Legacy is left out of the CRDs, as controller-gen leaves out a skipped version.
 *
 * +kubebuilder:object:root=true
 * +kubebuilder:skipversion
 */
export interface Legacy {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

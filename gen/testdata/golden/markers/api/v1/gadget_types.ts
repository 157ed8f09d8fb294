// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The Gadget kind: cluster scope, names, scale and deprecation markers.
 *
 * @module
 */
import type { ObjectMeta, TypeMeta } from "@k1s/core";
import type { int32 } from "@k1s/gen";

/** GadgetSpec is the desired state. */
export interface GadgetSpec {
  /** Desired replicas. */
  replicas: int32;
}

/** GadgetStatus is the observed state. */
export interface GadgetStatus {
  /** Observed replicas. */
  replicas: int32;
  /** Label selector of the pods, in string form. */
  selector?: string;
}

// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:subresource:scale:specpath=.spec.replicas,statuspath=.status.replicas,selectorpath=.status.selector

/**
 * Gadget takes apiVersion and kind from TypeMeta; markers may also sit in line comments.
 *
 * +kubebuilder:resource:scope=Cluster,path=gizmos,singular=gizmo
 * +kubebuilder:storageversion
 * +kubebuilder:deprecatedversion:warning="use Widget instead"
 */
export interface Gadget extends TypeMeta {
  metadata: ObjectMeta;
  spec?: GadgetSpec;
  status?: GadgetStatus;
}

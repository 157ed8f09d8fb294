// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The Category kind.
 *
 * @module
 */
import type { ListMeta, ObjectMeta } from "@k1s/core";
import type { DateTime, int32, int64 } from "@k1s/gen/types";

/** CategorySpec is the desired state of a Category. */
export interface CategorySpec {
  /**
   * Display name of the category.
   *
   * +kubebuilder:validation:MinLength=1
   * +kubebuilder:validation:MaxLength=50
   */
  name: string;

  /**
   * What the category holds.
   *
   * +kubebuilder:validation:MaxLength=200
   */
  description?: string;

  /** Name of the parent Category in the same namespace; absent for a top-level category. */
  parent?: string;

  /** Free-form tags. */
  tags?: string[];
}

/** CategoryStatus is the observed state of a Category. */
export interface CategoryStatus {
  /**
   * Number of Items in the category.
   *
   * +kubebuilder:default=0
   */
  itemCount: int32;

  /**
   * Number of Categories whose parent is this one.
   *
   * +kubebuilder:default=0
   */
  subCategoryCount: int32;

  /** When the status was last computed. */
  lastUpdated?: DateTime;

  /**
   * The `metadata.generation` the status was computed for; deleting a Category raises its
   * generation, so a controller can tell a deletion it has not handled yet.
   *
   * +kubebuilder:validation:Minimum=0
   */
  observedGeneration?: int64;
}

/**
 * Category groups Items; categories form a tree through `spec.parent`.
 *
 * +kubebuilder:object:root=true
 * +kubebuilder:subresource:status
 * +kubebuilder:resource:shortName=cat
 * +kubebuilder:printcolumn:name="Category Name",type=string,JSONPath=`.spec.name`
 * +kubebuilder:printcolumn:name="Items",type=integer,JSONPath=`.status.itemCount`
 * +kubebuilder:printcolumn:name="Subcategories",type=integer,JSONPath=`.status.subCategoryCount`
 * +kubebuilder:printcolumn:name="Parent",type=string,JSONPath=`.spec.parent`
 * +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
 */
export interface Category {
  apiVersion: "examples.k1s.dtomasi.github.io/v1alpha1";
  kind: "Category";
  metadata: ObjectMeta;
  spec: CategorySpec;
  status?: CategoryStatus;
}

/**
 * CategoryList is a list of Categories.
 *
 * +kubebuilder:object:root=true
 */
export interface CategoryList {
  apiVersion: "examples.k1s.dtomasi.github.io/v1alpha1";
  kind: "CategoryList";
  metadata: ListMeta;
  items: Category[];
}

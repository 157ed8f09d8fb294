// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The Item kind.
 *
 * @module
 */
import type { ListMeta, ObjectMeta } from "@k1s/core";
import type { DateTime, int32, int64 } from "@k1s/gen/types";

/** ItemAvailability says whether an Item can be sold. */
export type ItemAvailability = "Available" | "Reserved" | "Sold" | "Discontinued";

/** ItemSpec is the desired state of an Item. */
export interface ItemSpec {
  /**
   * Display name of the item.
   *
   * +kubebuilder:validation:MinLength=1
   * +kubebuilder:validation:MaxLength=100
   */
  name: string;

  /**
   * What the item is.
   *
   * +kubebuilder:validation:MaxLength=500
   */
  description?: string;

  /**
   * Units in stock.
   *
   * +kubebuilder:validation:Minimum=0
   * +kubebuilder:default=1
   * +kubebuilder:validation:XValidation:rule="self >= 0",message="quantity must be non-negative"
   * +kubebuilder:validation:XValidation:rule="self <= 10000",message="quantity cannot exceed 10000"
   */
  quantity: int32;

  /**
   * Unit price in cents (1299 is 12.99).
   *
   * +kubebuilder:validation:Minimum=0
   * +kubebuilder:validation:XValidation:rule="self > 0",message="price must be positive"
   */
  price?: int64;

  /**
   * Name of the Category the item belongs to, in the same namespace.
   *
   * +kubebuilder:validation:MinLength=1
   */
  category: string;
}

/** ItemStatus is the observed state of an Item. */
export interface ItemStatus {
  /**
   * Availability of the item.
   *
   * +kubebuilder:default=Available
   */
  status: ItemAvailability;

  /** When the status last changed. */
  lastUpdated?: DateTime;

  /** Who holds the reservation while the item is Reserved. */
  reservedBy?: string;
}

/**
 * Item is a stock-keeping unit in a Category.
 *
 * +kubebuilder:object:root=true
 * +kubebuilder:subresource:status
 * +kubebuilder:resource:shortName=itm
 * +kubebuilder:printcolumn:name="Item Name",type=string,JSONPath=`.spec.name`
 * +kubebuilder:printcolumn:name="Quantity",type=integer,JSONPath=`.spec.quantity`
 * +kubebuilder:printcolumn:name="Category",type=string,JSONPath=`.spec.category`
 * +kubebuilder:printcolumn:name="Status",type=string,JSONPath=`.status.status`
 * +kubebuilder:printcolumn:name="Price",type=string,JSONPath=`.spec.price`
 * +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
 */
export interface Item {
  apiVersion: "examples.k1s.dtomasi.github.io/v1alpha1";
  kind: "Item";
  metadata: ObjectMeta;
  spec: ItemSpec;
  status?: ItemStatus;
}

/**
 * ItemList is a list of Items.
 *
 * +kubebuilder:object:root=true
 */
export interface ItemList {
  apiVersion: "examples.k1s.dtomasi.github.io/v1alpha1";
  kind: "ItemList";
  metadata: ListMeta;
  items: Item[];
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Types used by the kinds from another file.
 *
 * @module
 */
import type { int32 } from "@k1s/gen/types";

/**
 * Port is a TCP port.
 *
 * +kubebuilder:validation:Minimum=1
 * +kubebuilder:validation:Maximum=65535
 */
export type Port = int32;

/** Endpoint is a host and a port. */
export interface Endpoint {
  /** Host name. */
  host: string;
  port?: Port;
}

/**
 * Ruled carries a CEL rule of its own.
 *
 * +kubebuilder:validation:XValidation:rule="self.min <= self.max",message="min must not exceed max"
 */
export interface Ruled {
  min: int32;
  max: int32;
}

/** Base has fields every Derived inherits. */
export interface Base {
  /** Inherited. */
  inherited: string;
  /** Overridden in Derived. */
  overridden?: string;
}

/** Derived extends Base. */
export interface Derived extends Base {
  /** Own field. */
  own?: boolean;
  /** Overrides the inherited one. */
  overridden: string;
}

/** Entry is an item of an associative list. */
export interface Entry {
  name: string;
  port: Port;
  /** Free text. */
  note?: string;
}

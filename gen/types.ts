// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Scalar types for API type modules. At run time they are plain numbers and strings; `k1s-gen`
 * recognises them (when imported from `@k1s/gen` or `@k1s/gen/types`) and maps them to the
 * schemas Kubernetes uses for the matching Go types:
 *
 * | type          | CRD schema                                                              |
 * | ------------- | ----------------------------------------------------------------------- |
 * | `int32`       | `type: integer`, `format: int32`                                        |
 * | `int64`       | `type: integer`, `format: int64`                                        |
 * | `IntOrString` | `anyOf: [{type: integer}, {type: string}]`, `x-kubernetes-int-or-string` |
 * | `DateTime`    | `type: string`, `format: date-time` (like `metav1.Time`)                |
 *
 * A plain `number` becomes `type: number`; use `int32`/`int64` (or the
 * `+kubebuilder:validation:Type=integer` marker) for integers.
 *
 * ```ts
 * import type { int32 } from "@k1s/gen/types";
 *
 * const replicas: int32 = 3;
 * ```
 *
 * @module
 */

/** A 32-bit signed integer: `type: integer`, `format: int32` in a CRD schema. */
export type int32 = number;

/** A 64-bit signed integer: `type: integer`, `format: int64` in a CRD schema. */
export type int64 = number;

/** An integer or a string (`intstr.IntOrString`): `x-kubernetes-int-or-string: true`. */
export type IntOrString = number | string;

/** An RFC 3339 timestamp (`metav1.Time`): `type: string`, `format: date-time`. */
export type DateTime = string;

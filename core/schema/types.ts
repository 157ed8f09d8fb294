// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * OpenAPI v3 schemas as Kubernetes uses them (`apiextensions.k8s.io/v1` `JSONSchemaProps`).
 * One schema per kind drives validation, defaulting, pruning, strategic merge, server-side
 * apply and `explain`, for built-in and custom kinds alike.
 *
 * @module
 */

/** A CEL validation rule (`x-kubernetes-validations` entry). */
export interface ValidationRule {
  /** The CEL expression; `self` is the value at this node, `oldSelf` the old value on update. */
  rule: string;
  /** Message shown when the rule fails. */
  message?: string;
  /** A CEL expression producing the message. */
  messageExpression?: string;
  /** `FieldValueInvalid` (default), `FieldValueForbidden`, `FieldValueRequired`, `FieldValueDuplicate`. */
  reason?: string;
  /** Path, relative to this node, to report the error at (e.g. `.spec.min`). */
  fieldPath?: string;
  /** Whether a transition rule is also checked when the old value is absent. */
  optionalOldSelf?: boolean;
}

/** A Kubernetes OpenAPI v3 schema node (`JSONSchemaProps`). */
export interface JSONSchemaProps {
  /** `object`, `array`, `string`, `integer`, `number`, `boolean`. */
  type?: string;
  /** `int32`, `int64`, `date-time`, `byte`, ... */
  format?: string;
  /** Human-readable text; shown by `explain`. */
  description?: string;
  /** Title. */
  title?: string;
  /** Default value applied when the field is absent. */
  default?: unknown;
  /** Whether `null` is an accepted value. */
  nullable?: boolean;
  /** Allowed values. */
  enum?: unknown[];
  /** Inclusive (or exclusive, with `exclusiveMaximum`) upper bound. */
  maximum?: number;
  /** Whether `maximum` is exclusive. */
  exclusiveMaximum?: boolean;
  /** Inclusive (or exclusive, with `exclusiveMinimum`) lower bound. */
  minimum?: number;
  /** Whether `minimum` is exclusive. */
  exclusiveMinimum?: boolean;
  /** Number must be a multiple of this. */
  multipleOf?: number;
  /** Longest string. */
  maxLength?: number;
  /** Shortest string. */
  minLength?: number;
  /** ECMA regular expression a string must match. */
  pattern?: string;
  /** Most items. */
  maxItems?: number;
  /** Fewest items. */
  minItems?: number;
  /** Whether items must be distinct. */
  uniqueItems?: boolean;
  /** Most properties. */
  maxProperties?: number;
  /** Fewest properties. */
  minProperties?: number;
  /** Required property names. */
  required?: string[];
  /** Item schema of an array. */
  items?: JSONSchemaProps;
  /** Property schemas of an object. */
  properties?: Record<string, JSONSchemaProps>;
  /** Schema of map values (or `true`/`false`). */
  additionalProperties?: JSONSchemaProps | boolean;
  /** Value must match all. */
  allOf?: JSONSchemaProps[];
  /** Value must match one or more. */
  anyOf?: JSONSchemaProps[];
  /** Value must match exactly one. */
  oneOf?: JSONSchemaProps[];
  /** Value must not match. */
  not?: JSONSchemaProps;
  /** Example value. */
  example?: unknown;
  /** Keep fields not described by `properties`. */
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  /** The value is a whole object with apiVersion, kind and metadata. */
  "x-kubernetes-embedded-resource"?: boolean;
  /** The value is an integer or a string. */
  "x-kubernetes-int-or-string"?: boolean;
  /** `atomic`, `set` or `map`. */
  "x-kubernetes-list-type"?: "atomic" | "set" | "map";
  /** Keys of a `map` list. */
  "x-kubernetes-list-map-keys"?: string[];
  /** `granular` or `atomic`. */
  "x-kubernetes-map-type"?: "granular" | "atomic";
  /** CEL rules. */
  "x-kubernetes-validations"?: ValidationRule[];
  /** Strategic merge patch: the key lists are merged by (built-in kinds). */
  "x-kubernetes-patch-merge-key"?: string;
  /** Strategic merge patch strategy: `merge`, `replace`, `retainKeys`, `merge,retainKeys`. */
  "x-kubernetes-patch-strategy"?: string;
}

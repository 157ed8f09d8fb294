// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Resource types: what the registry knows about each kind (names, scope, schema, columns) and
 * the strategy that gives the kind its behaviour (like apiserver's `rest.RESTCreateStrategy`).
 *
 * @module
 */
import type { KubeObject } from "../object/types.ts";
import type { FieldError } from "../errors/field_error.ts";
import type { JSONSchemaProps } from "../schema/types.ts";

/** A table column, as a CRD's `additionalPrinterColumns` entry or a built-in kind's column. */
export interface PrinterColumn {
  /** Header text as kubectl shows it before upper-casing, e.g. `Data`, `Last Seen`. */
  name: string;
  /** `integer`, `number`, `string`, `boolean` or `date` (a date prints as an age). */
  type: "integer" | "number" | "string" | "boolean" | "date";
  /** Format hint (`name` marks the name column of a CRD). */
  format?: string;
  /** Shown by `explain`/`describe`. */
  description?: string;
  /** 0: always shown; greater: only with `-o wide`. */
  priority?: number;
  /** JSONPath of the value (custom resources). */
  jsonPath?: string;
  /** Computes the cell (built-in kinds), when a JSONPath cannot express it. */
  value?: (obj: KubeObject) => unknown;
}

/** The scale subresource of a custom resource. */
export interface ScaleSubresource {
  /** JSONPath of the desired replicas, e.g. `.spec.replicas`. */
  specReplicasPath: string;
  /** JSONPath of the observed replicas, e.g. `.status.replicas`. */
  statusReplicasPath: string;
  /** JSONPath of the label selector, if any. */
  labelSelectorPath?: string;
}

/**
 * A ResourceStrategy knows how to prepare and validate objects of one kind. Object metadata
 * (names, labels, annotations, finalizers, owner references) is validated by the core for
 * every kind; the strategy adds what is specific to the kind.
 */
export interface ResourceStrategy {
  /** The rule `metadata.name` must follow: DNS-1123 subdomain, DNS-1123 label or path segment. */
  nameValidation: "subdomain" | "label" | "path";
  /** Whether `metadata.generation` is maintained (1 on create, +1 on each non-metadata change). */
  generation: boolean;
  /** Whether an update without `metadata.resourceVersion` is allowed (unconditional). */
  allowUnconditionalUpdate: boolean;
  /** Whether strategic merge patch applies (built-in kinds); custom kinds answer 415. */
  strategicMerge: boolean;
  /** Normalises a new object before validation (clear status, set defaults, fold `stringData`). */
  prepareForCreate?(obj: KubeObject): void;
  /** Normalises an update before validation (carry over fields the endpoint may not change). */
  prepareForUpdate?(obj: KubeObject, old: KubeObject): void;
  /** For the status subresource: keep everything from `old` except the status. */
  prepareForStatusUpdate?(obj: KubeObject, old: KubeObject): void;
  /** Kind-specific checks on create. */
  validate?(obj: KubeObject): FieldError[];
  /** Kind-specific checks on update. */
  validateUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
  /** Kind-specific checks on a status update. */
  validateStatusUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
  /** Field-selector attributes beyond `metadata.name`/`metadata.namespace`, e.g. `{ type }`. */
  fieldSelectorAttrs?(obj: KubeObject): Record<string, string>;
  /** Warnings for an accepted object (`Warning: ...` in kubectl). */
  warnings?(obj: KubeObject, old: KubeObject | undefined): string[];
}

/** Everything the registry knows about one kind at one version. */
export interface ResourceType {
  /** API group, `""` for core. */
  group: string;
  /** Version, e.g. `v1`. */
  version: string;
  /** Kind, e.g. `ConfigMap`. */
  kind: string;
  /** List kind, e.g. `ConfigMapList`. */
  listKind: string;
  /** Plural resource name, e.g. `configmaps`. */
  plural: string;
  /** Singular resource name, e.g. `configmap`. */
  singular: string;
  /** Short names, e.g. `cm`. */
  shortNames: readonly string[];
  /** Categories, e.g. `all`. */
  categories: readonly string[];
  /** Whether objects live in a namespace. */
  namespaced: boolean;
  /** The verbs the resource supports, as `api-resources -o wide` lists them. */
  verbs: readonly string[];
  /** Whether the status and scale subresources exist. */
  subresources: { status?: boolean; scale?: ScaleSubresource };
  /** Table columns after NAME (and before AGE for CRDs, which add AGE themselves). */
  printerColumns: readonly PrinterColumn[];
  /** The OpenAPI v3 schema of the whole object. */
  schema?: JSONSchemaProps;
  /** Behaviour. */
  strategy: ResourceStrategy;
  /** Field paths usable in field selectors beyond `metadata.name`/`metadata.namespace`. */
  selectableFields?: readonly string[];
  /** Whether the kind is defined by a CustomResourceDefinition. */
  custom?: boolean;
  /** Whether the version is served (CRDs may stop serving old versions). */
  served?: boolean;
  /** Whether this version is the storage version. */
  storage?: boolean;
  /** Deprecation warning for this version, if any. */
  deprecationWarning?: string;
}

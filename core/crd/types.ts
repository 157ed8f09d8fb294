// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `apiextensions.k8s.io/v1` CustomResourceDefinition types.
 *
 * @module
 */
import type { ObjectMeta } from "../object/types.ts";
import type { JSONSchemaProps } from "../schema/types.ts";

/** Names of a custom resource (`spec.names`). */
export interface CustomResourceDefinitionNames {
  /** Plural resource name, e.g. `widgets`. */
  plural: string;
  /** Singular name, e.g. `widget`. */
  singular?: string;
  /** Short names, e.g. `wd`. */
  shortNames?: string[];
  /** Kind, e.g. `Widget`. */
  kind: string;
  /** List kind, e.g. `WidgetList`. */
  listKind?: string;
  /** Categories, e.g. `all`. */
  categories?: string[];
}

/** A printer column of a CRD version. */
export interface CustomResourceColumnDefinition {
  /** Column header. */
  name: string;
  /** `integer`, `number`, `string`, `boolean` or `date`. */
  type: string;
  /** Optional format. */
  format?: string;
  /** Description. */
  description?: string;
  /** 0 or more; above 0 only in wide output. */
  priority?: number;
  /** JSONPath of the value. */
  jsonPath: string;
}

/** Subresources of a CRD version. */
export interface CustomResourceSubresources {
  /** Enables `/status`. */
  status?: Record<string, never>;
  /** Enables `/scale`. */
  scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
}

/** One version of a CRD. */
export interface CustomResourceDefinitionVersion {
  /** Version name, e.g. `v1alpha1`. */
  name: string;
  /** Whether the version is served. */
  served: boolean;
  /** Whether it is the storage version (exactly one). */
  storage: boolean;
  /** Whether the version is deprecated. */
  deprecated?: boolean;
  /** Deprecation warning text. */
  deprecationWarning?: string;
  /** The schema. */
  schema?: { openAPIV3Schema?: JSONSchemaProps };
  /** Subresources. */
  subresources?: CustomResourceSubresources;
  /** Printer columns. */
  additionalPrinterColumns?: CustomResourceColumnDefinition[];
  /** Fields usable in field selectors. */
  selectableFields?: { jsonPath: string }[];
}

/** Where a conversion webhook is reached (`spec.conversion.webhook.clientConfig`). */
export interface WebhookClientConfig {
  /** The webhook's URL (`https://host:port/path`). */
  url?: string;
  /** A Service in the cluster. */
  service?: { namespace: string; name: string; path?: string; port?: number };
  /** PEM CA bundle, base64. */
  caBundle?: string;
}

/** How a CRD's versions convert into each other (`spec.conversion`). */
export interface CustomResourceConversion {
  /** `None` (relabel `apiVersion`) or `Webhook`. */
  strategy: "None" | "Webhook";
  /** The webhook, for `Webhook`. */
  webhook?: { clientConfig?: WebhookClientConfig; conversionReviewVersions: string[] };
}

/** A condition of a CRD's status. */
export interface CustomResourceDefinitionCondition {
  /** `Established`, `NamesAccepted`, ... */
  type: string;
  /** `True`, `False` or `Unknown`. */
  status: string;
  /** Last transition time. */
  lastTransitionTime?: string;
  /** Machine-readable reason. */
  reason?: string;
  /** Human-readable message. */
  message?: string;
}

/** A CustomResourceDefinition. */
export interface CustomResourceDefinition {
  /** Always `apiextensions.k8s.io/v1`. */
  apiVersion: "apiextensions.k8s.io/v1";
  /** Always `CustomResourceDefinition`. */
  kind: "CustomResourceDefinition";
  /** Metadata; the name is `<plural>.<group>`. */
  metadata: ObjectMeta;
  /** The definition. */
  spec: {
    /** API group. */
    group: string;
    /** Names. */
    names: CustomResourceDefinitionNames;
    /** `Namespaced` or `Cluster`. */
    scope: "Namespaced" | "Cluster";
    /** Versions. */
    versions: CustomResourceDefinitionVersion[];
    /** Whether unknown fields are kept (deprecated v1beta1 behaviour). */
    preserveUnknownFields?: boolean;
    /** Conversion settings: `None` converts by relabelling; `Webhook` is accepted, not called. */
    conversion?: CustomResourceConversion;
  };
  /** Status. */
  status?: {
    /** Conditions. */
    conditions?: CustomResourceDefinitionCondition[];
    /** Names accepted. */
    acceptedNames?: CustomResourceDefinitionNames;
    /** Versions ever stored. */
    storedVersions?: string[];
  };
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
// The OpenAPI schema of `apiextensions.k8s.io/v1` CustomResourceDefinition, as Kubernetes 1.32
// publishes it (descriptions shortened where upstream repeats itself). `openAPIV3Schema` is
// recursive upstream; here it preserves unknown fields and `_strict.ts` checks its keys.
import type { JSONSchemaProps } from "../schema/types.ts";
import { objectMetaSchema } from "../builtins/_schemas.ts";

const str = (description: string): JSONSchemaProps => ({ description, type: "string" });
const strList = (description: string): JSONSchemaProps => ({
  description,
  type: "array",
  items: { type: "string", default: "" },
  "x-kubernetes-list-type": "atomic",
});

const OBJECT_META_DESCRIPTION =
  "Standard object's metadata More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

function namesSchema(description: string): JSONSchemaProps {
  return {
    description,
    type: "object",
    required: ["plural", "kind"],
    properties: {
      categories: strList(
        "categories is a list of grouped resources this custom resource belongs to (e.g. 'all'). This is published in API discovery documents, and used by clients to support invocations like `kubectl get all`.",
      ),
      kind: str(
        "kind is the serialized kind of the resource. It is normally CamelCase and singular. Custom resource instances will use this value as the `kind` attribute in API calls.",
      ),
      listKind: str(
        'listKind is the serialized kind of the list for this resource. Defaults to "`kind`List".',
      ),
      plural: str(
        "plural is the plural name of the resource to serve. The custom resources are served under `/apis/<group>/<version>/.../<plural>`. Must match the name of the CustomResourceDefinition (in the form `<names.plural>.<group>`). Must be all lowercase.",
      ),
      shortNames: strList(
        "shortNames are short names for the resource, exposed in API discovery documents, and used by clients to support invocations like `kubectl get <shortname>`. It must be all lowercase.",
      ),
      singular: str(
        "singular is the singular name of the resource. It must be all lowercase. Defaults to lowercased `kind`.",
      ),
    },
  };
}

const conditionSchema: JSONSchemaProps = {
  description:
    "CustomResourceDefinitionCondition contains details for the current condition of this pod.",
  type: "object",
  required: ["type", "status"],
  properties: {
    lastTransitionTime: {
      description:
        "lastTransitionTime last time the condition transitioned from one status to another.",
      type: "string",
      format: "date-time",
    },
    message: str("message is a human-readable message indicating details about last transition."),
    reason: str(
      "reason is a unique, one-word, CamelCase reason for the condition's last transition.",
    ),
    status: str("status is the status of the condition. Can be True, False, Unknown."),
    type: str(
      "type is the type of the condition. Types include Established, NamesAccepted and Terminating.",
    ),
  },
};

const versionSchema: JSONSchemaProps = {
  description: "CustomResourceDefinitionVersion describes a version for CRD.",
  type: "object",
  required: ["name", "served", "storage"],
  properties: {
    additionalPrinterColumns: {
      description:
        "additionalPrinterColumns specifies additional columns returned in Table output. See https://kubernetes.io/docs/reference/using-api/api-concepts/#receiving-resources-as-tables for details. If no columns are specified, a single column displaying the age of the custom resource is used.",
      type: "array",
      items: {
        description: "CustomResourceColumnDefinition specifies a column for server side printing.",
        type: "object",
        required: ["name", "type", "jsonPath"],
        properties: {
          description: str("description is a human readable description of this column."),
          format: str(
            "format is an optional OpenAPI type definition for this column. The 'name' format is applied to the primary identifier column to assist in clients identifying column is the resource name. See https://github.com/OAI/OpenAPI-Specification/blob/master/versions/2.0.md#data-types for details.",
          ),
          jsonPath: str(
            "jsonPath is a simple JSON path (i.e. with array notation) which is evaluated against each custom resource to produce the value for this column.",
          ),
          name: str("name is a human readable name for the column."),
          priority: {
            description:
              "priority is an integer defining the relative importance of this column compared to others. Lower numbers are considered higher priority. Columns that may be omitted in limited space scenarios should be given a priority greater than 0.",
            type: "integer",
            format: "int32",
          },
          type: str(
            "type is an OpenAPI type definition for this column. See https://github.com/OAI/OpenAPI-Specification/blob/master/versions/2.0.md#data-types for details.",
          ),
        },
      },
      "x-kubernetes-list-type": "atomic",
    },
    deprecated: {
      description:
        "deprecated indicates this version of the custom resource API is deprecated. When set to true, API requests to this version receive a warning header in the server response. Defaults to false.",
      type: "boolean",
    },
    deprecationWarning: str(
      "deprecationWarning overrides the default warning returned to API clients. May only be set when `deprecated` is true. The default warning indicates this version is deprecated and recommends use of the newest served version of equal or greater stability, if one exists.",
    ),
    name: str(
      "name is the version name, e.g. “v1”, “v2beta1”, etc. The custom resources are served under this version at `/apis/<group>/<version>/...` if `served` is true.",
    ),
    schema: {
      description:
        "schema describes the schema used for validation, pruning, and defaulting of this version of the custom resource.",
      type: "object",
      properties: {
        openAPIV3Schema: {
          description:
            "openAPIV3Schema is the OpenAPI v3 schema to use for validation and pruning.",
          type: "object",
          "x-kubernetes-preserve-unknown-fields": true,
        },
      },
    },
    selectableFields: {
      description:
        "selectableFields specifies paths to fields that may be used as field selectors. A maximum of 8 selectable fields are allowed. See https://kubernetes.io/docs/concepts/overview/working-with-objects/field-selectors",
      type: "array",
      items: {
        description:
          "SelectableField specifies the JSON path of a field that may be used with field selectors.",
        type: "object",
        required: ["jsonPath"],
        properties: {
          jsonPath: str(
            "jsonPath is a simple JSON path which is evaluated against each custom resource to produce a field selector value. Only JSON paths without the array notation are allowed. Must point to a field of type string, boolean or integer. Types with enum values and strings with formats are allowed. If jsonPath refers to absent field in a resource, the jsonPath evaluates to an empty string. Must not point to metdata fields. Required.",
          ),
        },
      },
      "x-kubernetes-list-type": "atomic",
    },
    served: {
      description:
        "served is a flag enabling/disabling this version from being served via REST APIs",
      type: "boolean",
      default: false,
    },
    storage: {
      description:
        "storage indicates this version should be used when persisting custom resources to storage. There must be exactly one version with storage=true.",
      type: "boolean",
      default: false,
    },
    subresources: {
      description:
        "subresources specify what subresources this version of the defined custom resource have.",
      type: "object",
      properties: {
        scale: {
          description:
            "scale indicates the custom resource should serve a `/scale` subresource that returns an `autoscaling/v1` Scale object.",
          type: "object",
          required: ["specReplicasPath", "statusReplicasPath"],
          properties: {
            labelSelectorPath: str(
              "labelSelectorPath defines the JSON path inside of a custom resource that corresponds to Scale `status.selector`. Only JSON paths without the array notation are allowed. Must be a JSON Path under `.status` or `.spec`. Must be set to work with HorizontalPodAutoscaler.",
            ),
            specReplicasPath: str(
              "specReplicasPath defines the JSON path inside of a custom resource that corresponds to Scale `spec.replicas`. Only JSON paths without the array notation are allowed. Must be a JSON Path under `.spec`. If there is no value under the given path in the custom resource, the `/scale` subresource will return an error on GET.",
            ),
            statusReplicasPath: str(
              "statusReplicasPath defines the JSON path inside of a custom resource that corresponds to Scale `status.replicas`. Only JSON paths without the array notation are allowed. Must be a JSON Path under `.status`. If there is no value under the given path in the custom resource, the `status.replicas` value in the `/scale` subresource will default to 0.",
            ),
          },
        },
        status: {
          description:
            "status indicates the custom resource should serve a `/status` subresource. When enabled: 1. requests to the custom resource primary endpoint ignore changes to the `status` stanza of the object. 2. requests to the custom resource `/status` subresource ignore changes to anything other than the `status` stanza of the object.",
          type: "object",
        },
      },
    },
  },
};

const clientConfigSchema: JSONSchemaProps = {
  description:
    "clientConfig is the instructions for how to call the webhook if strategy is `Webhook`.",
  type: "object",
  properties: {
    caBundle: {
      description:
        "caBundle is a PEM encoded CA bundle which will be used to validate the webhook's server certificate. If unspecified, system trust roots on the apiserver are used.",
      type: "string",
      format: "byte",
    },
    service: {
      description:
        "service is a reference to the service for this webhook. Either service or url must be specified.\n\nIf the webhook is running within the cluster, then you should use `service`.",
      type: "object",
      required: ["namespace", "name"],
      properties: {
        name: str("name is the name of the service. Required"),
        namespace: str("namespace is the namespace of the service. Required"),
        path: str("path is an optional URL path at which the webhook will be contacted."),
        port: {
          description:
            "port is an optional service port at which the webhook will be contacted. `port` should be a valid port number (1-65535, inclusive). Defaults to 443 for backward compatibility.",
          type: "integer",
          format: "int32",
        },
      },
    },
    url: str(
      "url gives the location of the webhook, in standard URL form (`scheme://host:port/path`). Exactly one of `url` or `service` must be specified.",
    ),
  },
};

/** The schema of a whole CustomResourceDefinition object. */
export const customResourceDefinitionSchema: JSONSchemaProps = {
  description:
    "CustomResourceDefinition represents a resource that should be exposed on the API server.  Its name MUST be in the format <.spec.name>.<.spec.group>.",
  type: "object",
  required: ["spec"],
  properties: {
    apiVersion: str(
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    ),
    kind: str(
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
    ),
    metadata: { ...objectMetaSchema, description: OBJECT_META_DESCRIPTION },
    spec: {
      description: "spec describes how the user wants the resources to appear",
      type: "object",
      required: ["group", "names", "scope", "versions"],
      properties: {
        conversion: {
          description: "conversion defines conversion settings for the CRD.",
          type: "object",
          required: ["strategy"],
          properties: {
            strategy: str(
              'strategy specifies how custom resources are converted between versions. Allowed values are: - `"None"`: The converter only change the apiVersion and would not touch any other field in the custom resource. - `"Webhook"`: API Server will call to an external webhook to do the conversion. Additional information\n  is needed for this option. This requires spec.preserveUnknownFields to be false, and spec.conversion.webhook to be set.',
            ),
            webhook: {
              description:
                'webhook describes how to call the conversion webhook. Required when `strategy` is set to `"Webhook"`.',
              type: "object",
              required: ["conversionReviewVersions"],
              properties: {
                clientConfig: clientConfigSchema,
                conversionReviewVersions: strList(
                  "conversionReviewVersions is an ordered list of preferred `ConversionReview` versions the Webhook expects. The API server will use the first version in the list which it supports. If none of the versions specified in this list are supported by API server, conversion will fail for the custom resource. If a persisted Webhook configuration specifies allowed versions and does not include any versions known to the API Server, calls to the webhook will fail.",
                ),
              },
            },
          },
        },
        group: str(
          "group is the API group of the defined custom resource. The custom resources are served under `/apis/<group>/...`. Must match the name of the CustomResourceDefinition (in the form `<names.plural>.<group>`).",
        ),
        names: namesSchema(
          "names specify the resource and kind names for the custom resource.",
        ),
        preserveUnknownFields: {
          description:
            "preserveUnknownFields indicates that object fields which are not specified in the OpenAPI schema should be preserved when persisting to storage. apiVersion, kind, metadata and known fields inside metadata are always preserved. This field is deprecated in favor of setting `x-preserve-unknown-fields` to true in `spec.versions[*].schema.openAPIV3Schema`. See https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#field-pruning for details.",
          type: "boolean",
        },
        scope: str(
          "scope indicates whether the defined custom resource is cluster- or namespace-scoped. Allowed values are `Cluster` and `Namespaced`.",
        ),
        versions: {
          description:
            'versions is the list of all API versions of the defined custom resource. Version names are used to compute the order in which served versions are listed in API discovery. If the version string is "kube-like", it will sort above non "kube-like" version strings, which are ordered lexicographically. "Kube-like" versions start with a "v", then are followed by a number (the major version), then optionally the string "alpha" or "beta" and another number (the minor version). These are sorted first by GA > beta > alpha (where GA is a version with no suffix such as beta or alpha), and then by comparing major version, then minor version. An example sorted list of versions: v10, v2, v1, v11beta2, v10beta3, v3beta1, v12alpha1, v11alpha2, foo1, foo10.',
          type: "array",
          items: versionSchema,
          "x-kubernetes-list-type": "atomic",
        },
      },
    },
    status: {
      description: "status indicates the actual state of the CustomResourceDefinition",
      type: "object",
      properties: {
        acceptedNames: namesSchema(
          "acceptedNames are the names that are actually being used to serve discovery. They may be different than the names in spec.",
        ),
        conditions: {
          description:
            "conditions indicate state for particular aspects of a CustomResourceDefinition",
          type: "array",
          items: conditionSchema,
          "x-kubernetes-list-map-keys": ["type"],
          "x-kubernetes-list-type": "map",
        },
        storedVersions: strList(
          "storedVersions lists all versions of CustomResources that were ever persisted. Tracking these versions allows a migration path for stored versions in etcd. The field is mutable so a migration controller can finish a migration to another version (ensuring no old objects are left in storage), and then remove the rest of the versions from this list. Versions may not be removed from `spec.versions` while they exist in this list.",
        ),
      },
    },
  },
};

// Copyright 2026 the k1s authors. Apache-2.0 license.
// OpenAPI v3 schemas of the built-in kinds, as Kubernetes 1.32 publishes them: descriptions from
// the API's field docs (shown by `explain`), formats, required fields, and the list/map types and
// strategic-merge keys of the upstream OpenAPI. Generated once from the published API types, then
// kept by hand.
import type { JSONSchemaProps } from "../schema/types.ts";

/** `LabelSelector`. */
export const labelSelectorSchema: JSONSchemaProps = {
  description:
    "A label selector is a label query over a set of resources. The result of matchLabels and matchExpressions are ANDed. An empty label selector matches all objects. A null label selector matches no objects.",
  type: "object",
  properties: {
    matchExpressions: {
      description:
        "matchExpressions is a list of label selector requirements. The requirements are ANDed.",
      type: "array",
      items: {
        description:
          "A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.",
        type: "object",
        properties: {
          key: {
            description: "key is the label key that the selector applies to.",
            type: "string",
          },
          operator: {
            description:
              "operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist.",
            type: "string",
          },
          values: {
            description:
              "values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. This array is replaced during a strategic merge patch.",
            type: "array",
            items: {
              type: "string",
            },
            "x-kubernetes-list-type": "atomic",
          },
        },
        required: ["key", "operator"],
      },
      "x-kubernetes-list-type": "atomic",
    },
    matchLabels: {
      description:
        'matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is "key", the operator is "In", and the values array contains only "value". The requirements are ANDed.',
      type: "object",
      additionalProperties: {
        type: "string",
      },
    },
  },
  "x-kubernetes-map-type": "atomic",
};

/** `ObjectReference`. */
export const objectReferenceSchema: JSONSchemaProps = {
  description:
    "ObjectReference contains enough information to let you inspect or modify the referred object.",
  type: "object",
  properties: {
    apiVersion: {
      description: "API version of the referent.",
      type: "string",
    },
    fieldPath: {
      description:
        'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.',
      type: "string",
    },
    kind: {
      description:
        "Kind of the referent. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
      type: "string",
    },
    name: {
      description:
        "Name of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names",
      type: "string",
    },
    namespace: {
      description:
        "Namespace of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/",
      type: "string",
    },
    resourceVersion: {
      description:
        "Specific resourceVersion to which this reference is made, if any. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#concurrency-control-and-consistency",
      type: "string",
    },
    uid: {
      description:
        "UID of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#uids",
      type: "string",
    },
  },
  "x-kubernetes-map-type": "atomic",
};

/** `LocalObjectReference`. */
export const localObjectReferenceSchema: JSONSchemaProps = {
  description:
    "LocalObjectReference contains enough information to let you locate the referenced object inside the same namespace.",
  type: "object",
  properties: {
    name: {
      description:
        "Name of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names",
      type: "string",
    },
  },
  "x-kubernetes-map-type": "atomic",
};

/** `ObjectMeta`. */
export const objectMetaSchema: JSONSchemaProps = {
  description:
    "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
  type: "object",
  properties: {
    annotations: {
      description:
        "Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata. They are not queryable and should be preserved when modifying objects. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations",
      type: "object",
      additionalProperties: {
        type: "string",
      },
    },
    creationTimestamp: {
      description:
        "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
      type: "string",
      format: "date-time",
    },
    deletionGracePeriodSeconds: {
      description:
        "Number of seconds allowed for this object to gracefully terminate before it will be removed from the system. Only set when deletionTimestamp is also set. May only be shortened. Read-only.",
      type: "integer",
      format: "int64",
    },
    deletionTimestamp: {
      description:
        "DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted. This field is set by the server when a graceful deletion is requested by the user, and is not directly settable by a client. The resource is expected to be deleted (no longer visible from resource lists, and not reachable by name) after the time in this field, once the finalizers list is empty. As long as the finalizers list contains items, deletion is blocked. Once the deletionTimestamp is set, this value may not be unset or be set further into the future, although it may be shortened or the resource may be deleted prior to this time. For example, a user may request that a pod is deleted in 30 seconds. The Kubelet will react by sending a graceful termination signal to the containers in the pod. After that 30 seconds, the Kubelet will send a hard termination signal (SIGKILL) to the container and after cleanup, remove the pod from the API. In the presence of network partitions, this object may still exist after this timestamp, until an administrator or automated process can determine the resource is fully terminated. If not set, graceful deletion of the object has not been requested.\n\nPopulated by the system when a graceful deletion is requested. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
      type: "string",
      format: "date-time",
    },
    finalizers: {
      description:
        "Must be empty before the object is deleted from the registry. Each entry is an identifier for the responsible component that will remove the entry from the list. If the deletionTimestamp of the object is non-nil, entries in this list can only be removed. Finalizers may be processed and removed in any order.  Order is NOT enforced because it introduces significant risk of stuck finalizers. finalizers is a shared field, any actor with permission can reorder it. If the finalizer list is processed in order, then this can lead to a situation in which the component responsible for the first finalizer in the list is waiting for a signal (field value, external system, or other) produced by a component responsible for a finalizer later in the list, resulting in a deadlock. Without enforced ordering finalizers are free to order amongst themselves and are not vulnerable to ordering changes in the list.",
      type: "array",
      items: {
        type: "string",
      },
      "x-kubernetes-list-type": "set",
      "x-kubernetes-patch-strategy": "merge",
    },
    generateName: {
      description:
        "GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided. If this field is used, the name returned to the client will be different than the name passed. This value will also be combined with a unique suffix. The provided value has the same validation rules as the Name field, and may be truncated by the length of the suffix required to make the value unique on the server.\n\nIf this field is specified and the generated name exists, the server will return a 409.\n\nApplied only if Name is not specified. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#idempotency",
      type: "string",
    },
    generation: {
      description:
        "A sequence number representing a specific generation of the desired state. Populated by the system. Read-only.",
      type: "integer",
      format: "int64",
    },
    labels: {
      description:
        "Map of string keys and values that can be used to organize and categorize (scope and select) objects. May match selectors of replication controllers and services. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels",
      type: "object",
      additionalProperties: {
        type: "string",
      },
    },
    managedFields: {
      description:
        "ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow. This is mostly for internal housekeeping, and users typically shouldn't need to set or understand this field. A workflow can be the user's name, a controller's name, or the name of a specific apply path like \"ci-cd\". The set of fields is always in the version that the workflow used when modifying the object.",
      type: "array",
      items: {
        description:
          "ManagedFieldsEntry is a workflow-id, a FieldSet and the group version of the resource that the fieldset applies to.",
        type: "object",
        properties: {
          apiVersion: {
            description:
              'APIVersion defines the version of this resource that this field set applies to. The format is "group/version" just like the top-level APIVersion field. It is necessary to track the version of a field set because it cannot be automatically converted.',
            type: "string",
          },
          fieldsType: {
            description:
              'FieldsType is the discriminator for the different fields format and version. There is currently only one possible value: "FieldsV1"',
            type: "string",
          },
          fieldsV1: {
            description:
              'FieldsV1 holds the first JSON version format as described in the "FieldsV1" type.',
            type: "object",
            "x-kubernetes-preserve-unknown-fields": true,
          },
          manager: {
            description: "Manager is an identifier of the workflow managing these fields.",
            type: "string",
          },
          operation: {
            description:
              "Operation is the type of operation which lead to this ManagedFieldsEntry being created. The only valid values for this field are 'Apply' and 'Update'.",
            type: "string",
          },
          subresource: {
            description:
              "Subresource is the name of the subresource used to update that object, or empty string if the object was updated through the main resource. The value of this field is used to distinguish between managers, even if they share the same name. For example, a status update will be distinct from a regular update using the same manager name. Note that the APIVersion field is not related to the Subresource field and it always corresponds to the version of the main resource.",
            type: "string",
          },
          time: {
            description:
              "Time is the timestamp of when the ManagedFields entry was added. The timestamp will also be updated if a field is added, the manager changes any of the owned fields value or removes a field. The timestamp does not update when a field is removed from the entry because another manager took it over.",
            type: "string",
            format: "date-time",
          },
        },
      },
      "x-kubernetes-list-type": "atomic",
    },
    name: {
      description:
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
      type: "string",
    },
    namespace: {
      description:
        'Namespace defines the space within which each name must be unique. An empty namespace is equivalent to the "default" namespace, but "default" is the canonical representation. Not all objects are required to be scoped to a namespace - the value of this field for those objects will be empty.\n\nMust be a DNS_LABEL. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces',
      type: "string",
    },
    ownerReferences: {
      description:
        "List of objects depended by this object. If ALL objects in the list have been deleted, this object will be garbage collected. If this object is managed by a controller, then an entry in this list will point to this controller, with the controller field set to true. There cannot be more than one managing controller.",
      type: "array",
      items: {
        description:
          "OwnerReference contains enough information to let you identify an owning object. An owning object must be in the same namespace as the dependent, or be cluster-scoped, so there is no namespace field.",
        type: "object",
        properties: {
          apiVersion: {
            description: "API version of the referent.",
            type: "string",
          },
          blockOwnerDeletion: {
            description:
              'If true, AND if the owner has the "foregroundDeletion" finalizer, then the owner cannot be deleted from the key-value store until this reference is removed. See https://kubernetes.io/docs/concepts/architecture/garbage-collection/#foreground-deletion for how the garbage collector interacts with this field and enforces the foreground deletion. Defaults to false. To set this field, a user needs "delete" permission of the owner, otherwise 422 (Unprocessable Entity) will be returned.',
            type: "boolean",
          },
          controller: {
            description: "If true, this reference points to the managing controller.",
            type: "boolean",
          },
          kind: {
            description:
              "Kind of the referent. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
            type: "string",
          },
          name: {
            description:
              "Name of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
            type: "string",
          },
          uid: {
            description:
              "UID of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids",
            type: "string",
          },
        },
        required: ["apiVersion", "kind", "name", "uid"],
        "x-kubernetes-map-type": "atomic",
      },
      "x-kubernetes-list-map-keys": ["uid"],
      "x-kubernetes-list-type": "map",
      "x-kubernetes-patch-merge-key": "uid",
      "x-kubernetes-patch-strategy": "merge",
    },
    resourceVersion: {
      description:
        "An opaque value that represents the internal version of this object that can be used by clients to determine when objects have changed. May be used for optimistic concurrency, change detection, and the watch operation on a resource or set of resources. Clients must treat these values as opaque and passed unmodified back to the server. They may only be valid for a particular resource or set of resources.\n\nPopulated by the system. Read-only. Value must be treated as opaque by clients and . More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#concurrency-control-and-consistency",
      type: "string",
    },
    selfLink: {
      description:
        "Deprecated: selfLink is a legacy read-only field that is no longer populated by the system.",
      type: "string",
    },
    uid: {
      description:
        "UID is the unique in time and space value for this object. It is typically generated by the server on successful creation of a resource and is not allowed to change on PUT operations.\n\nPopulated by the system. Read-only. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids",
      type: "string",
    },
  },
};

/** The schema of a `ConfigMap`. */
export const configMapSchema: JSONSchemaProps = {
  description: "ConfigMap holds configuration data for pods to consume.",
  type: "object",
  properties: {
    apiVersion: {
      description:
        "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
      type: "string",
    },
    binaryData: {
      description:
        "BinaryData contains the binary data. Each key must consist of alphanumeric characters, '-', '_' or '.'. BinaryData can contain byte sequences that are not in the UTF-8 range. The keys stored in BinaryData must not overlap with the ones in the Data field, this is enforced during validation process. Using this field will require 1.10+ apiserver and kubelet.",
      type: "object",
      additionalProperties: {
        type: "string",
        format: "byte",
      },
    },
    data: {
      description:
        "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.",
      type: "object",
      additionalProperties: {
        type: "string",
      },
    },
    immutable: {
      description:
        "Immutable, if set to true, ensures that data stored in the ConfigMap cannot be updated (only object metadata can be modified). If not set to true, the field can be modified at any time. Defaulted to nil.",
      type: "boolean",
    },
    kind: {
      description:
        "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
      type: "string",
    },
    metadata: {
      ...objectMetaSchema,
      description:
        "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    },
  },
};

/** The schema of a `Secret`. */
export const secretSchema: JSONSchemaProps = {
  description:
    "Secret holds secret data of a certain type. The total bytes of the values in the Data field must be less than MaxSecretSize bytes.",
  type: "object",
  properties: {
    apiVersion: {
      description:
        "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
      type: "string",
    },
    data: {
      description:
        "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4",
      type: "object",
      additionalProperties: {
        type: "string",
        format: "byte",
      },
    },
    immutable: {
      description:
        "Immutable, if set to true, ensures that data stored in the Secret cannot be updated (only object metadata can be modified). If not set to true, the field can be modified at any time. Defaulted to nil.",
      type: "boolean",
    },
    kind: {
      description:
        "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
      type: "string",
    },
    metadata: {
      ...objectMetaSchema,
      description:
        "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    },
    stringData: {
      description:
        "stringData allows specifying non-binary secret data in string form. It is provided as a write-only input field for convenience. All keys and values are merged into the data field on write, overwriting any existing values. The stringData field is never output when reading from the API.",
      type: "object",
      additionalProperties: {
        type: "string",
      },
    },
    type: {
      description:
        "Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types",
      type: "string",
    },
  },
};

/** The schema of a `ServiceAccount`. */
export const serviceAccountSchema: JSONSchemaProps = {
  description:
    "ServiceAccount binds together: * a name, understood by users, and perhaps by peripheral systems, for an identity * a principal that can be authenticated and authorized * a set of secrets",
  type: "object",
  properties: {
    apiVersion: {
      description:
        "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
      type: "string",
    },
    automountServiceAccountToken: {
      description:
        "AutomountServiceAccountToken indicates whether pods running as this service account should have an API token automatically mounted. Can be overridden at the pod level.",
      type: "boolean",
    },
    imagePullSecrets: {
      description:
        "ImagePullSecrets is a list of references to secrets in the same namespace to use for pulling any images in pods that reference this ServiceAccount. ImagePullSecrets are distinct from Secrets because Secrets can be mounted in the pod, but ImagePullSecrets are only accessed by the kubelet. More info: https://kubernetes.io/docs/concepts/containers/images/#specifying-imagepullsecrets-on-a-pod",
      type: "array",
      items: localObjectReferenceSchema,
      "x-kubernetes-list-type": "atomic",
    },
    kind: {
      description:
        "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
      type: "string",
    },
    metadata: {
      ...objectMetaSchema,
      description:
        "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    },
    secrets: {
      description:
        'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a "kubernetes.io/enforce-mountable-secrets" annotation set to "true". The "kubernetes.io/enforce-mountable-secrets" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret',
      type: "array",
      items: objectReferenceSchema,
      "x-kubernetes-list-map-keys": ["name"],
      "x-kubernetes-list-type": "map",
      "x-kubernetes-patch-merge-key": "name",
      "x-kubernetes-patch-strategy": "merge",
    },
  },
};

/** The schema of a `Namespace`. */
export const namespaceSchema: JSONSchemaProps = {
  description: "Namespace provides a scope for Names. Use of multiple namespaces is optional.",
  type: "object",
  properties: {
    apiVersion: {
      description:
        "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
      type: "string",
    },
    kind: {
      description:
        "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
      type: "string",
    },
    metadata: {
      ...objectMetaSchema,
      description:
        "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    },
    spec: {
      description:
        "Spec defines the behavior of the Namespace. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
      type: "object",
      properties: {
        finalizers: {
          description:
            "Finalizers is an opaque list of values that must be empty to permanently remove object from storage. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/",
          type: "array",
          items: {
            type: "string",
          },
          "x-kubernetes-list-type": "atomic",
        },
      },
    },
    status: {
      description:
        "Status describes the current status of a Namespace. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
      type: "object",
      properties: {
        conditions: {
          description:
            "Represents the latest available observations of a namespace's current state.",
          type: "array",
          items: {
            description: "NamespaceCondition contains details about state of namespace.",
            type: "object",
            properties: {
              lastTransitionTime: {
                description: "Last time the condition transitioned from one status to another.",
                type: "string",
                format: "date-time",
              },
              message: {
                description: "Human-readable message indicating details about last transition.",
                type: "string",
              },
              reason: {
                description:
                  "Unique, one-word, CamelCase reason for the condition's last transition.",
                type: "string",
              },
              status: {
                description: "Status of the condition, one of True, False, Unknown.",
                type: "string",
              },
              type: {
                description: "Type of namespace controller condition.",
                type: "string",
              },
            },
            required: ["status", "type"],
          },
          "x-kubernetes-list-map-keys": ["type"],
          "x-kubernetes-list-type": "map",
          "x-kubernetes-patch-merge-key": "type",
          "x-kubernetes-patch-strategy": "merge",
        },
        phase: {
          description:
            "Phase is the current lifecycle phase of the namespace. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/",
          type: "string",
        },
      },
    },
  },
};

/** The schema of a `Event`. */
export const eventSchema: JSONSchemaProps = {
  description:
    "Event is a report of an event somewhere in the cluster.  Events have a limited retention time and triggers and messages may evolve with time.  Event consumers should not rely on the timing of an event with a given Reason reflecting a consistent underlying trigger, or the continued existence of events with that Reason.  Events should be treated as informative, best-effort, supplemental data.",
  type: "object",
  properties: {
    action: {
      description: "What action was taken/failed regarding to the Regarding object.",
      type: "string",
    },
    apiVersion: {
      description:
        "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
      type: "string",
    },
    count: {
      description: "The number of times this event has occurred.",
      type: "integer",
      format: "int32",
    },
    eventTime: {
      description: "Time when this Event was first observed.",
      type: "string",
      format: "date-time",
    },
    firstTimestamp: {
      description:
        "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)",
      type: "string",
      format: "date-time",
    },
    involvedObject: {
      ...objectReferenceSchema,
      description: "The object that this event is about.",
    },
    kind: {
      description:
        "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
      type: "string",
    },
    lastTimestamp: {
      description: "The time at which the most recent occurrence of this event was recorded.",
      type: "string",
      format: "date-time",
    },
    message: {
      description: "A human-readable description of the status of this operation.",
      type: "string",
    },
    metadata: {
      ...objectMetaSchema,
      description:
        "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    },
    reason: {
      description:
        "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
      type: "string",
    },
    related: {
      ...objectReferenceSchema,
      description: "Optional secondary object for more complex actions.",
    },
    reportingComponent: {
      description: "Name of the controller that emitted this Event, e.g. `kubernetes.io/kubelet`.",
      type: "string",
    },
    reportingInstance: {
      description: "ID of the controller instance, e.g. `kubelet-xyzf`.",
      type: "string",
    },
    series: {
      description:
        "Data about the Event series this event represents or nil if it's a singleton Event.",
      type: "object",
      properties: {
        count: {
          description: "Number of occurrences in this series up to the last heartbeat time",
          type: "integer",
          format: "int32",
        },
        lastObservedTime: {
          description: "Time of the last occurrence observed",
          type: "string",
          format: "date-time",
        },
      },
    },
    source: {
      description:
        "The component reporting this event. Should be a short machine understandable string.",
      type: "object",
      properties: {
        component: {
          description: "Component from which the event is generated.",
          type: "string",
        },
        host: {
          description: "Node name on which the event is generated.",
          type: "string",
        },
      },
    },
    type: {
      description: "Type of this event (Normal, Warning), new types could be added in the future",
      type: "string",
    },
  },
  required: ["involvedObject", "metadata"],
};

/** The schema of a `Role`. */
export const roleSchema: JSONSchemaProps = {
  description:
    "Role is a namespaced, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding.",
  type: "object",
  properties: {
    apiVersion: {
      description:
        "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
      type: "string",
    },
    kind: {
      description:
        "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
      type: "string",
    },
    metadata: {
      ...objectMetaSchema,
      description: "Standard object's metadata.",
    },
    rules: {
      description: "Rules holds all the PolicyRules for this Role",
      type: "array",
      items: {
        description:
          "PolicyRule holds information that describes a policy rule, but does not contain information about who the rule applies to or which namespace the rule applies to.",
        type: "object",
        properties: {
          apiGroups: {
            description:
              'APIGroups is the name of the APIGroup that contains the resources.  If multiple API groups are specified, any action requested against one of the enumerated resources in any API group will be allowed. "" represents the core API group and "*" represents all API groups.',
            type: "array",
            items: {
              type: "string",
            },
            "x-kubernetes-list-type": "atomic",
          },
          nonResourceURLs: {
            description:
              'NonResourceURLs is a set of partial urls that a user should have access to.  *s are allowed, but only as the full, final step in the path Since non-resource URLs are not namespaced, this field is only applicable for ClusterRoles referenced from a ClusterRoleBinding. Rules can either apply to API resources (such as "pods" or "secrets") or non-resource URL paths (such as "/api"),  but not both.',
            type: "array",
            items: {
              type: "string",
            },
            "x-kubernetes-list-type": "atomic",
          },
          resourceNames: {
            description:
              "ResourceNames is an optional white list of names that the rule applies to.  An empty set means that everything is allowed.",
            type: "array",
            items: {
              type: "string",
            },
            "x-kubernetes-list-type": "atomic",
          },
          resources: {
            description:
              "Resources is a list of resources this rule applies to. '*' represents all resources.",
            type: "array",
            items: {
              type: "string",
            },
            "x-kubernetes-list-type": "atomic",
          },
          verbs: {
            description:
              "Verbs is a list of Verbs that apply to ALL the ResourceKinds contained in this rule. '*' represents all verbs.",
            type: "array",
            items: {
              type: "string",
            },
            "x-kubernetes-list-type": "atomic",
          },
        },
        required: ["verbs"],
      },
      "x-kubernetes-list-type": "atomic",
    },
  },
};

/** The schema of a `ClusterRole`. */
export const clusterRoleSchema: JSONSchemaProps = {
  description:
    "ClusterRole is a cluster level, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding or ClusterRoleBinding.",
  type: "object",
  properties: {
    aggregationRule: {
      description:
        "AggregationRule is an optional field that describes how to build the Rules for this ClusterRole. If AggregationRule is set, then the Rules are controller managed and direct changes to Rules will be stomped by the controller.",
      type: "object",
      properties: {
        clusterRoleSelectors: {
          description:
            "ClusterRoleSelectors holds a list of selectors which will be used to find ClusterRoles and create the rules. If any of the selectors match, then the ClusterRole's permissions will be added",
          type: "array",
          items: labelSelectorSchema,
          "x-kubernetes-list-type": "atomic",
        },
      },
    },
    apiVersion: {
      description:
        "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
      type: "string",
    },
    kind: {
      description:
        "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
      type: "string",
    },
    metadata: {
      ...objectMetaSchema,
      description: "Standard object's metadata.",
    },
    rules: {
      description: "Rules holds all the PolicyRules for this ClusterRole",
      type: "array",
      items: {
        description:
          "PolicyRule holds information that describes a policy rule, but does not contain information about who the rule applies to or which namespace the rule applies to.",
        type: "object",
        properties: {
          apiGroups: {
            description:
              'APIGroups is the name of the APIGroup that contains the resources.  If multiple API groups are specified, any action requested against one of the enumerated resources in any API group will be allowed. "" represents the core API group and "*" represents all API groups.',
            type: "array",
            items: {
              type: "string",
            },
            "x-kubernetes-list-type": "atomic",
          },
          nonResourceURLs: {
            description:
              'NonResourceURLs is a set of partial urls that a user should have access to.  *s are allowed, but only as the full, final step in the path Since non-resource URLs are not namespaced, this field is only applicable for ClusterRoles referenced from a ClusterRoleBinding. Rules can either apply to API resources (such as "pods" or "secrets") or non-resource URL paths (such as "/api"),  but not both.',
            type: "array",
            items: {
              type: "string",
            },
            "x-kubernetes-list-type": "atomic",
          },
          resourceNames: {
            description:
              "ResourceNames is an optional white list of names that the rule applies to.  An empty set means that everything is allowed.",
            type: "array",
            items: {
              type: "string",
            },
            "x-kubernetes-list-type": "atomic",
          },
          resources: {
            description:
              "Resources is a list of resources this rule applies to. '*' represents all resources.",
            type: "array",
            items: {
              type: "string",
            },
            "x-kubernetes-list-type": "atomic",
          },
          verbs: {
            description:
              "Verbs is a list of Verbs that apply to ALL the ResourceKinds contained in this rule. '*' represents all verbs.",
            type: "array",
            items: {
              type: "string",
            },
            "x-kubernetes-list-type": "atomic",
          },
        },
        required: ["verbs"],
      },
      "x-kubernetes-list-type": "atomic",
    },
  },
};

/** The schema of a `RoleBinding`. */
export const roleBindingSchema: JSONSchemaProps = {
  description:
    "RoleBinding references a role, but does not contain it.  It can reference a Role in the same namespace or a ClusterRole in the global namespace. It adds who information via Subjects and namespace information by which namespace it exists in.  RoleBindings in a given namespace only have effect in that namespace.",
  type: "object",
  properties: {
    apiVersion: {
      description:
        "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
      type: "string",
    },
    kind: {
      description:
        "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
      type: "string",
    },
    metadata: {
      ...objectMetaSchema,
      description: "Standard object's metadata.",
    },
    roleRef: {
      description:
        "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.",
      type: "object",
      properties: {
        apiGroup: {
          description: "APIGroup is the group for the resource being referenced",
          type: "string",
        },
        kind: {
          description: "Kind is the type of resource being referenced",
          type: "string",
        },
        name: {
          description: "Name is the name of resource being referenced",
          type: "string",
        },
      },
      required: ["apiGroup", "kind", "name"],
      "x-kubernetes-map-type": "atomic",
    },
    subjects: {
      description: "Subjects holds references to the objects the role applies to.",
      type: "array",
      items: {
        description:
          "Subject contains a reference to the object or user identities a role binding applies to.  This can either hold a direct API object reference, or a value for non-objects such as user and group names.",
        type: "object",
        properties: {
          apiGroup: {
            description:
              'APIGroup holds the API group of the referenced subject. Defaults to "" for ServiceAccount subjects. Defaults to "rbac.authorization.k8s.io" for User and Group subjects.',
            type: "string",
          },
          kind: {
            description:
              'Kind of object being referenced. Values defined by this API group are "User", "Group", and "ServiceAccount". If the Authorizer does not recognized the kind value, the Authorizer should report an error.',
            type: "string",
          },
          name: {
            description: "Name of the object being referenced.",
            type: "string",
          },
          namespace: {
            description:
              'Namespace of the referenced object.  If the object kind is non-namespace, such as "User" or "Group", and this value is not empty the Authorizer should report an error.',
            type: "string",
          },
        },
        required: ["kind", "name"],
        "x-kubernetes-map-type": "atomic",
      },
      "x-kubernetes-list-type": "atomic",
    },
  },
  required: ["roleRef"],
};

/** The schema of a `ClusterRoleBinding`. */
export const clusterRoleBindingSchema: JSONSchemaProps = {
  description:
    "ClusterRoleBinding references a ClusterRole, but not contain it.  It can reference a ClusterRole in the global namespace, and adds who information via Subject.",
  type: "object",
  properties: {
    apiVersion: {
      description:
        "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
      type: "string",
    },
    kind: {
      description:
        "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
      type: "string",
    },
    metadata: {
      ...objectMetaSchema,
      description: "Standard object's metadata.",
    },
    roleRef: {
      description:
        "RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.",
      type: "object",
      properties: {
        apiGroup: {
          description: "APIGroup is the group for the resource being referenced",
          type: "string",
        },
        kind: {
          description: "Kind is the type of resource being referenced",
          type: "string",
        },
        name: {
          description: "Name is the name of resource being referenced",
          type: "string",
        },
      },
      required: ["apiGroup", "kind", "name"],
      "x-kubernetes-map-type": "atomic",
    },
    subjects: {
      description: "Subjects holds references to the objects the role applies to.",
      type: "array",
      items: {
        description:
          "Subject contains a reference to the object or user identities a role binding applies to.  This can either hold a direct API object reference, or a value for non-objects such as user and group names.",
        type: "object",
        properties: {
          apiGroup: {
            description:
              'APIGroup holds the API group of the referenced subject. Defaults to "" for ServiceAccount subjects. Defaults to "rbac.authorization.k8s.io" for User and Group subjects.',
            type: "string",
          },
          kind: {
            description:
              'Kind of object being referenced. Values defined by this API group are "User", "Group", and "ServiceAccount". If the Authorizer does not recognized the kind value, the Authorizer should report an error.',
            type: "string",
          },
          name: {
            description: "Name of the object being referenced.",
            type: "string",
          },
          namespace: {
            description:
              'Namespace of the referenced object.  If the object kind is non-namespace, such as "User" or "Group", and this value is not empty the Authorizer should report an error.',
            type: "string",
          },
        },
        required: ["kind", "name"],
        "x-kubernetes-map-type": "atomic",
      },
      "x-kubernetes-list-type": "atomic",
    },
  },
  required: ["roleRef"],
};

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `explain TYPE[.field...]`: a kind's documentation from its schema (built-in kinds, the
 * tool's kinds and stored CRDs), in kubectl's plaintext format.
 *
 * @module
 */
import type { JSONSchemaProps, ResourceType } from "@k1s/core";
import type { CommandContext } from "../_cli/command.ts";
import { CliError } from "../_cli/errors.ts";
import { loadStoredKinds, resolveResource } from "../_cli/resources.ts";
import { ExplainFieldError, type NamedType, renderExplain } from "../_internal/explain/explain.ts";

/**
 * Runs `explain`.
 *
 * @param ctx The command context.
 * @returns The exit code.
 */
export async function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length === 0) {
    throw new CliError(
      `You must specify the type of resource to explain. Use "${ctx.name} api-resources" for a complete list of supported resources.`,
    );
  }
  if (ctx.args.length > 1) throw new CliError("We accept only this format: explain RESOURCE");
  const output = ctx.string("output");
  if (output !== "plaintext") {
    throw new CliError(`unsupported output format: ${output}`);
  }
  const [resource, ...fieldPath] = ctx.args[0].split(".");
  const rt = await ctx.runtime();
  let types = await resolveResource(rt, resource);
  const apiVersion = ctx.string("api-version");
  if (apiVersion) {
    await loadStoredKinds(rt);
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    const resolved = types;
    types = rt.registry.all().filter((t) =>
      t.group === group && t.version === version && resolved.some((x) => x.kind === t.kind)
    );
    if (types.length === 0) {
      // GroupVersionResource.String(): group/version and the resolved plural.
      throw new CliError(
        `couldn't find resource for "${group}/${version}, Resource=${resolved[0].plural}"`,
      );
    }
  }
  const type = types[0];
  if (!type) throw new CliError(`the server doesn't have a resource type "${resource}"`);
  const schema = type.schema ?? { type: "object" };
  try {
    ctx.stdout.write(renderExplain(schema, {
      group: type.group,
      version: type.version,
      kind: type.kind,
      fieldPath,
      recursive: ctx.bool("recursive"),
      namedTypes: namedTypes(type, schema),
    }));
  } catch (e) {
    if (e instanceof ExplainFieldError) {
      throw new CliError(e.message, { stdout: e.output, cause: e });
    }
    throw e;
  }
  return 0;
}

// The schemas carry no OpenAPI `$ref`s, so the named types kubectl shows (from the `$ref`s of
// Kubernetes 1.32's OpenAPI v3) are kept here: each type's description (shown after the field's
// when the field itself is explained) and which of its fields are of a named type.
interface TypeDoc {
  /** The type's description. */
  description: string;
  /** The type shown, when not the name: kubectl shows a `$ref` to a string type as `string`. */
  shown?: string;
  /** Fields of a named type (for a list, its items' type). */
  fields?: Readonly<Record<string, string>>;
}

const TYPES: Readonly<Record<string, TypeDoc>> = {
  // k8s.io/apimachinery/pkg/apis/meta/v1
  ObjectMeta: {
    description:
      "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
    fields: {
      creationTimestamp: "Time",
      deletionTimestamp: "Time",
      managedFields: "ManagedFieldsEntry",
      ownerReferences: "OwnerReference",
    },
  },
  ManagedFieldsEntry: {
    description:
      "ManagedFieldsEntry is a workflow-id, a FieldSet and the group version of the resource that the fieldset applies to.",
    fields: { fieldsV1: "FieldsV1", time: "Time" },
  },
  FieldsV1: {
    description:
      "FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format.\n\nEach key is either a '.' representing the field itself, and will always map to an empty set, or a string representing a sub-field or item. The string will follow one of these four formats: 'f:<name>', where <name> is the name of a field in a struct, or key in a map 'v:<value>', where <value> is the exact json formatted value of a list item 'i:<index>', where <index> is position of a item in a list 'k:<keys>', where <keys> is a map of  a list item's key fields to their unique values If a key maps to an empty Fields value, the field that key represents is part of the set.\n\nThe exact format is defined in sigs.k8s.io/structured-merge-diff",
  },
  OwnerReference: {
    description:
      "OwnerReference contains enough information to let you identify an owning object. An owning object must be in the same namespace as the dependent, or be cluster-scoped, so there is no namespace field.",
  },
  Time: {
    shown: "string",
    description:
      "Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.  Wrappers are provided for many of the factory methods that the time package offers.",
  },
  MicroTime: {
    shown: "string",
    description: "MicroTime is version of Time with microsecond level precision.",
  },
  LabelSelector: {
    description:
      "A label selector is a label query over a set of resources. The result of matchLabels and matchExpressions are ANDed. An empty label selector matches all objects. A null label selector matches no objects.",
    fields: { matchExpressions: "LabelSelectorRequirement" },
  },
  LabelSelectorRequirement: {
    description:
      "A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.",
  },
  // k8s.io/api/core/v1
  ObjectReference: {
    description:
      "ObjectReference contains enough information to let you inspect or modify the referred object.",
  },
  LocalObjectReference: {
    description:
      "LocalObjectReference contains enough information to let you locate the referenced object inside the same namespace.",
  },
  NamespaceSpec: { description: "NamespaceSpec describes the attributes on a Namespace." },
  NamespaceStatus: {
    description: "NamespaceStatus is information about the current status of a Namespace.",
    fields: { conditions: "NamespaceCondition" },
  },
  NamespaceCondition: {
    description: "NamespaceCondition contains details about state of namespace.",
    fields: { lastTransitionTime: "Time" },
  },
  EventSource: { description: "EventSource contains information for an event." },
  EventSeries: {
    description:
      "EventSeries contain information on series of events, i.e. thing that was/is happening continuously for some time.",
    fields: { lastObservedTime: "MicroTime" },
  },
  // k8s.io/api/rbac/v1
  PolicyRule: {
    description:
      "PolicyRule holds information that describes a policy rule, but does not contain information about who the rule applies to or which namespace the rule applies to.",
  },
  AggregationRule: {
    description:
      "AggregationRule describes how to locate ClusterRoles to aggregate into the ClusterRole",
    fields: { clusterRoleSelectors: "LabelSelector" },
  },
  RoleRef: { description: "RoleRef contains information that points to the role being used" },
  Subject: {
    description:
      "Subject contains a reference to the object or user identities a role binding applies to.  This can either hold a direct API object reference, or a value for non-objects such as user and group names.",
  },
  // k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1
  CustomResourceDefinitionSpec: {
    description: "CustomResourceDefinitionSpec describes how a user wants their resource to appear",
    fields: {
      conversion: "CustomResourceConversion",
      names: "CustomResourceDefinitionNames",
      versions: "CustomResourceDefinitionVersion",
    },
  },
  CustomResourceDefinitionStatus: {
    description:
      "CustomResourceDefinitionStatus indicates the state of the CustomResourceDefinition",
    fields: {
      acceptedNames: "CustomResourceDefinitionNames",
      conditions: "CustomResourceDefinitionCondition",
    },
  },
  CustomResourceDefinitionNames: {
    description:
      "CustomResourceDefinitionNames indicates the names to serve this CustomResourceDefinition",
  },
  CustomResourceDefinitionCondition: {
    description:
      "CustomResourceDefinitionCondition contains details for the current condition of this pod.",
    fields: { lastTransitionTime: "Time" },
  },
  CustomResourceConversion: {
    description: "CustomResourceConversion describes how to convert different versions of a CR.",
    fields: { webhook: "WebhookConversion" },
  },
  WebhookConversion: {
    description: "WebhookConversion describes how to call a conversion webhook",
    fields: { clientConfig: "WebhookClientConfig" },
  },
  WebhookClientConfig: {
    description:
      "WebhookClientConfig contains the information to make a TLS connection with the webhook.",
    fields: { service: "ServiceReference" },
  },
  ServiceReference: { description: "ServiceReference holds a reference to Service.legacy.k8s.io" },
  CustomResourceDefinitionVersion: {
    description: "CustomResourceDefinitionVersion describes a version for CRD.",
    fields: {
      additionalPrinterColumns: "CustomResourceColumnDefinition",
      schema: "CustomResourceValidation",
      selectableFields: "SelectableField",
      subresources: "CustomResourceSubresources",
    },
  },
  CustomResourceColumnDefinition: {
    description: "CustomResourceColumnDefinition specifies a column for server side printing.",
  },
  CustomResourceValidation: {
    description: "CustomResourceValidation is a list of validation methods for CustomResources.",
    fields: { openAPIV3Schema: "JSONSchemaProps" },
  },
  JSONSchemaProps: {
    description:
      "JSONSchemaProps is a JSON-Schema following Specification Draft 4 (http://json-schema.org/).",
  },
  SelectableField: {
    description:
      "SelectableField specifies the JSON path of a field that may be used with field selectors.",
  },
  CustomResourceSubresources: {
    description:
      "CustomResourceSubresources defines the status and scale subresources for CustomResources.",
    fields: {
      scale: "CustomResourceSubresourceScale",
      status: "CustomResourceSubresourceStatus",
    },
  },
  CustomResourceSubresourceScale: {
    description:
      "CustomResourceSubresourceScale defines how to serve the scale subresource for CustomResources.",
  },
  CustomResourceSubresourceStatus: {
    description:
      "CustomResourceSubresourceStatus defines how to serve the status subresource for CustomResources. Status is represented by the `.status` JSON path inside of a CustomResource. When set, * exposes a /status subresource for the custom resource * PUT requests to the /status subresource take a custom resource object, and ignore changes to anything except the status stanza * PUT/POST/PATCH requests to the custom resource ignore changes to the status stanza",
  },
};

const BINDING = { metadata: "ObjectMeta", roleRef: "RoleRef", subjects: "Subject" };

// The fields of a named type of each built-in kind, by `group/version/kind`.
const KINDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "/v1/ConfigMap": { metadata: "ObjectMeta" },
  "/v1/Secret": { metadata: "ObjectMeta" },
  "/v1/ServiceAccount": {
    imagePullSecrets: "LocalObjectReference",
    metadata: "ObjectMeta",
    secrets: "ObjectReference",
  },
  "/v1/Namespace": { metadata: "ObjectMeta", spec: "NamespaceSpec", status: "NamespaceStatus" },
  "/v1/Event": {
    eventTime: "MicroTime",
    firstTimestamp: "Time",
    involvedObject: "ObjectReference",
    lastTimestamp: "Time",
    metadata: "ObjectMeta",
    related: "ObjectReference",
    series: "EventSeries",
    source: "EventSource",
  },
  "rbac.authorization.k8s.io/v1/Role": { metadata: "ObjectMeta", rules: "PolicyRule" },
  "rbac.authorization.k8s.io/v1/ClusterRole": {
    aggregationRule: "AggregationRule",
    metadata: "ObjectMeta",
    rules: "PolicyRule",
  },
  "rbac.authorization.k8s.io/v1/RoleBinding": BINDING,
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": BINDING,
  "apiextensions.k8s.io/v1/CustomResourceDefinition": {
    metadata: "ObjectMeta",
    spec: "CustomResourceDefinitionSpec",
    status: "CustomResourceDefinitionStatus",
  },
};

// Names the schema nodes of named types: a built-in kind's from KINDS, and any other kind's
// metadata when it has ObjectMeta's fields (a custom resource's metadata is a `$ref` to
// ObjectMeta upstream, so its fields are named too; the rest of its schema is inline).
function namedTypes(type: ResourceType, schema: JSONSchemaProps): Map<JSONSchemaProps, NamedType> {
  const named = new Map<JSONSchemaProps, NamedType>();
  let fields = KINDS[`${type.group}/${type.version}/${type.kind}`];
  if (!fields) {
    const meta = schema.properties?.metadata;
    fields = meta?.properties?.creationTimestamp && meta.properties.generateName
      ? { metadata: "ObjectMeta" }
      : {};
  }
  nameFields(schema, fields, named);
  return named;
}

function nameFields(
  node: JSONSchemaProps,
  fields: Readonly<Record<string, string>>,
  named: Map<JSONSchemaProps, NamedType>,
): void {
  for (const [field, name] of Object.entries(fields)) {
    let target = node.properties?.[field];
    if (target?.type === "array" && target.items) target = target.items;
    // Shared nodes (ObjectMeta's fields, LabelSelector) are named once.
    if (!target || named.has(target)) continue;
    const doc = TYPES[name];
    named.set(target, { name: doc.shown ?? name, description: doc.description });
    if (doc.fields) nameFields(target, doc.fields, named);
  }
}

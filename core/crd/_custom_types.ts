// Copyright 2026 the k1s authors. Apache-2.0 license.
// The resource types a CRD serves: one per served version, in Kubernetes' version priority
// order (so the registry's first version is discovery's preferred one), with the accepted
// names, scope, subresources, printer columns (AGE alone when none are declared, as the CRD
// table convertor does), selectable fields, schema and the custom resource strategy.
import type { PrinterColumn, ResourceStrategy, ResourceType } from "../registry/types.ts";
import type { JSONSchemaProps } from "../schema/types.ts";
import { STANDARD_VERBS } from "../builtins/_common.ts";
import { CREATION_TIMESTAMP_DESCRIPTION } from "../builtins/_common.ts";
import { objectMetaSchema } from "../builtins/_schemas.ts";
import { StatusError } from "../errors/status_error.ts";
import type {
  CustomResourceDefinition,
  CustomResourceDefinitionNames,
  CustomResourceDefinitionVersion,
} from "./types.ts";

const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

function parseKubeVersion(v: string): [major: number, type: number, minor: number] | undefined {
  const m = KUBE_VERSION.exec(v);
  if (!m) return undefined;
  const type = m[2] === "alpha" ? 0 : m[2] === "beta" ? 1 : 2;
  return [Number(m[1]), type, m[3] ? Number(m[3]) : 0];
}

/**
 * apimachinery's `CompareKubeAwareVersionStrings`: positive when `a` has the higher priority
 * (`v2 > v1 > v1beta2 > v1beta1 > v1alpha1 > foo1 > foo10`).
 */
export function compareKubeAwareVersions(a: string, b: string): number {
  if (a === b) return 0;
  const pa = parseKubeVersion(a);
  const pb = parseKubeVersion(b);
  if (!pa && !pb) return a < b ? 1 : -1;
  if (!pa) return -1;
  if (!pb) return 1;
  if (pa[1] !== pb[1]) return pa[1] - pb[1];
  if (pa[0] !== pb[0]) return pa[0] - pb[0];
  return pa[2] - pb[2];
}

/** The AGE column a CRD version without printer columns shows. */
const AGE_COLUMN: PrinterColumn = Object.freeze({
  name: "Age",
  type: "date",
  jsonPath: ".metadata.creationTimestamp",
  description: CREATION_TIMESTAMP_DESCRIPTION,
});

const TYPE_META_DESCRIPTIONS = {
  apiVersion:
    "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
  kind:
    "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
  metadata:
    "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
};

/**
 * The schema Kubernetes publishes for a custom resource (OpenAPI, `explain`, server-side
 * apply): the CRD's schema with `apiVersion`, `kind` and `metadata` (as ObjectMeta) filled in.
 */
export function publishedSchema(schema: JSONSchemaProps | undefined): JSONSchemaProps | undefined {
  if (!schema) return undefined;
  const props = { ...(schema.properties ?? {}) };
  props.apiVersion = {
    ...{ description: TYPE_META_DESCRIPTIONS.apiVersion, type: "string" },
    ...props.apiVersion,
  };
  props.kind = { ...{ description: TYPE_META_DESCRIPTIONS.kind, type: "string" }, ...props.kind };
  props.metadata = {
    ...objectMetaSchema,
    description: TYPE_META_DESCRIPTIONS.metadata,
    ...(props.metadata?.description ? { description: props.metadata.description } : {}),
  };
  return { ...schema, properties: props };
}

function columnsOf(v: CustomResourceDefinitionVersion): PrinterColumn[] {
  const cols = v.additionalPrinterColumns ?? [];
  if (cols.length === 0) return [AGE_COLUMN];
  return cols.map((c) => {
    const col: PrinterColumn = {
      name: c.name,
      type: c.type as PrinterColumn["type"],
      jsonPath: c.jsonPath,
      description: c.description ||
        `Custom resource definition column (in JSONPath format): ${c.jsonPath}`,
    };
    if (c.format) col.format = c.format;
    if (c.priority) col.priority = c.priority;
    return col;
  });
}

/** apiextensions' `defaultDeprecationWarning`. */
function deprecationWarning(
  crd: CustomResourceDefinition,
  v: CustomResourceDefinitionVersion,
  kind: string,
): string | undefined {
  if (!v.deprecated) return undefined;
  if (typeof v.deprecationWarning === "string") return v.deprecationWarning;
  const group = crd.spec.group;
  let msg = `${group}/${v.name} ${kind} is deprecated`;
  const newer = crd.spec.versions.filter((o) =>
    o.served && !o.deprecated && compareKubeAwareVersions(v.name, o.name) < 0
  ).map((o) => o.name).sort((a, b) => compareKubeAwareVersions(b, a));
  if (newer.length) msg += `; use ${group}/${newer[0]} ${kind}`;
  return msg;
}

/** The names a CRD serves with: its accepted names, or its spec's when none are recorded. */
export function servingNames(crd: CustomResourceDefinition): CustomResourceDefinitionNames {
  const a = crd.status?.acceptedNames;
  return a?.plural && a.kind ? a : crd.spec.names;
}

/** Whether a CRD serves its kinds: established or with its names accepted. */
export function isServed(crd: CustomResourceDefinition): boolean {
  return (crd.status?.conditions ?? []).some((c) =>
    (c.type === "Established" || c.type === "NamesAccepted") && c.status === "True"
  );
}

/** What the custom resource strategy reads from the CRD it belongs to. */
export interface CrdLiveState {
  /** Whether the CRD is being deleted (creates are then refused). */
  terminating: boolean;
}

/**
 * The resource types of a CRD's served versions.
 *
 * @param crd The CRD (defaulted).
 * @param live The CRD's changing state, read by the strategy.
 * @returns One type per served version, highest priority first.
 */
export function customResourceTypes(
  crd: CustomResourceDefinition,
  live: CrdLiveState,
): ResourceType[] {
  const names = servingNames(crd);
  const group = crd.spec.group;
  const resource = { group, resource: names.plural };
  const strategy: ResourceStrategy = {
    nameValidation: "subdomain",
    generation: true,
    allowUnconditionalUpdate: false,
    strategicMerge: false,
    prepareForCreate() {
      if (live.terminating) {
        throw new StatusError({
          reason: "MethodNotAllowed",
          code: 405,
          message: "create not allowed while custom resource definition is terminating",
          details: { group: resource.group, kind: resource.resource },
        });
      }
    },
  };
  const served = crd.spec.versions.filter((v) => v.served);
  served.sort((a, b) => compareKubeAwareVersions(b.name, a.name));
  return served.map((v) => {
    // The client warns on every request to a deprecated version (the type's
    // deprecationWarning), as apiextensions' handler does.
    const warning = deprecationWarning(crd, v, names.kind);
    const schema = publishedSchema(v.schema?.openAPIV3Schema);
    const t: ResourceType = {
      group,
      version: v.name,
      kind: names.kind,
      listKind: names.listKind || `${names.kind}List`,
      plural: names.plural,
      singular: names.singular || names.kind.toLowerCase(),
      shortNames: names.shortNames ?? [],
      categories: names.categories ?? [],
      namespaced: crd.spec.scope !== "Cluster",
      verbs: STANDARD_VERBS,
      subresources: {
        ...(v.subresources?.status ? { status: true } : {}),
        ...(v.subresources?.scale
          ? {
            scale: {
              specReplicasPath: v.subresources.scale.specReplicasPath,
              statusReplicasPath: v.subresources.scale.statusReplicasPath,
              ...(v.subresources.scale.labelSelectorPath
                ? { labelSelectorPath: v.subresources.scale.labelSelectorPath }
                : {}),
            },
          }
          : {}),
      },
      printerColumns: columnsOf(v),
      ...(schema ? { schema } : {}),
      strategy,
      selectableFields: (v.selectableFields ?? []).map((f) => f.jsonPath),
      custom: true,
      served: true,
      storage: v.storage,
      ...(warning ? { deprecationWarning: warning } : {}),
    };
    return t;
  });
}

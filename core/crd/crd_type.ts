// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The built-in `CustomResourceDefinition` kind (`apiextensions.k8s.io/v1`, short names `crd`,
 * `crds`).
 *
 * @module
 */
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import { STANDARD_VERBS } from "../builtins/_common.ts";
import { CREATION_TIMESTAMP_DESCRIPTION, rfc3339 } from "../builtins/_common.ts";
import { customResourceDefinitionSchema } from "./_crd_schema.ts";
import { validateCustomResourceDefinitionStatus } from "./_validate_names.ts";
import type { CustomResourceDefinition } from "./types.ts";

/** The finalizer that makes a deleted CRD wait until its custom resources are gone. */
export const CUSTOM_RESOURCE_CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

/**
 * Fills the defaults apiextensions' v1 defaulting sets: `names.singular` (lower-case kind),
 * `names.listKind` (`<kind>List`) and `conversion.strategy: None`.
 *
 * @param crd The CRD, changed in place.
 */
export function defaultCustomResourceDefinition(crd: CustomResourceDefinition): void {
  const spec = crd.spec as Partial<CustomResourceDefinition["spec"]> | undefined;
  if (!spec || typeof spec !== "object") return;
  const names = spec.names;
  if (names && typeof names === "object") {
    if (!names.singular && typeof names.kind === "string") {
      names.singular = names.kind.toLowerCase();
    }
    if (!names.listKind && names.kind) names.listKind = `${names.kind}List`;
  }
  spec.conversion ??= { strategy: "None" };
  const port = spec.conversion.webhook?.clientConfig?.service;
  if (port && port.port === undefined) port.port = 443;
}

/** Adds the storage version to `status.storedVersions` when missing (the CRD strategy does). */
function recordStorageVersion(crd: CustomResourceDefinition): void {
  const versions = Array.isArray(crd.spec?.versions) ? crd.spec.versions : [];
  const storage = versions.find((v) => v?.storage === true);
  if (!storage) return;
  const status = (crd.status ??= {});
  const stored = (status.storedVersions ??= []);
  if (!stored.includes(storage.name)) stored.push(storage.name);
}

function prepareForCreate(obj: KubeObject): void {
  const crd = obj as unknown as CustomResourceDefinition;
  crd.status = {};
  defaultCustomResourceDefinition(crd);
  recordStorageVersion(crd);
  const finalizers = (crd.metadata.finalizers ??= []);
  if (!finalizers.includes(CUSTOM_RESOURCE_CLEANUP_FINALIZER)) {
    finalizers.push(CUSTOM_RESOURCE_CLEANUP_FINALIZER);
  }
}

function prepareForUpdate(obj: KubeObject, old: KubeObject): void {
  const crd = obj as unknown as CustomResourceDefinition;
  crd.status = structuredClone((old as unknown as CustomResourceDefinition).status ?? {});
  defaultCustomResourceDefinition(crd);
  recordStorageVersion(crd);
}

/**
 * The `CustomResourceDefinition` resource type. Validation and name acceptance need the
 * runtime (CEL, the other CRDs), so they run in the runtime's schema handler and admission:
 * each runtime registers a copy of this type whose strategy also adds that admission step.
 * The strategy clears the status on create, records the storage version and adds the cleanup
 * finalizer. Columns: NAME, CREATED AT (an RFC 3339 time, as the API server's default table).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { customResourceDefinitionType } from "@k1s/core";
 * assertEquals(customResourceDefinitionType.shortNames, ["crd", "crds"]);
 * ```
 */
export const customResourceDefinitionType: ResourceType = {
  group: "apiextensions.k8s.io",
  version: "v1",
  kind: "CustomResourceDefinition",
  listKind: "CustomResourceDefinitionList",
  plural: "customresourcedefinitions",
  singular: "customresourcedefinition",
  shortNames: ["crd", "crds"],
  categories: ["api-extensions"],
  namespaced: false,
  verbs: STANDARD_VERBS,
  subresources: { status: true },
  printerColumns: [
    {
      name: "Created At",
      type: "string",
      description: CREATION_TIMESTAMP_DESCRIPTION,
      value: (obj) => rfc3339(obj.metadata?.creationTimestamp),
    },
  ],
  schema: customResourceDefinitionSchema,
  strategy: {
    nameValidation: "subdomain",
    generation: true,
    allowUnconditionalUpdate: false,
    strategicMerge: true,
    prepareForCreate,
    prepareForUpdate,
    validateStatusUpdate: (obj) =>
      validateCustomResourceDefinitionStatus(obj as unknown as CustomResourceDefinition),
  },
};

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The built-in `ServiceAccount` kind (`v1`, short name `sa`).
 *
 * @module
 */
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import { serviceAccountSchema } from "./_schemas.ts";
import { AGE_COLUMN, asRecord, STANDARD_VERBS } from "./_common.ts";

const ENFORCE_MOUNTABLE_SECRETS = "kubernetes.io/enforce-mountable-secrets";

/** Keeps only the name of each `secrets` reference, as the ServiceAccount strategy does. */
function cleanSecretReferences(obj: KubeObject): void {
  if (!Array.isArray(obj.secrets)) return;
  obj.secrets = obj.secrets.map((s) => {
    const name = asRecord(s)?.name;
    return typeof name === "string" && name !== "" ? { name } : {};
  });
}

function hasEnforceAnnotation(obj: KubeObject | undefined): boolean {
  const a = obj?.metadata?.annotations;
  return !!a && Object.hasOwn(a, ENFORCE_MOUNTABLE_SECRETS);
}

/**
 * The `ServiceAccount` resource type. References in `secrets` keep only their name; setting the
 * `kubernetes.io/enforce-mountable-secrets` annotation draws the 1.32 deprecation warning.
 * Columns: SECRETS (count of `secrets`), AGE.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { type KubeObject, serviceAccountType } from "@k1s/core";
 * const sa: KubeObject = { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "a" }, secrets: [{ name: "t", kind: "Secret" }] };
 * serviceAccountType.strategy.prepareForCreate!(sa);
 * assertEquals(sa.secrets, [{ name: "t" }]);
 * ```
 */
export const serviceAccountType: ResourceType = {
  group: "",
  version: "v1",
  kind: "ServiceAccount",
  listKind: "ServiceAccountList",
  plural: "serviceaccounts",
  singular: "serviceaccount",
  shortNames: ["sa"],
  categories: [],
  namespaced: true,
  verbs: STANDARD_VERBS,
  subresources: {},
  printerColumns: [
    {
      name: "Secrets",
      type: "integer",
      description: serviceAccountSchema.properties!.secrets.description,
      value: (obj) => (Array.isArray(obj.secrets) ? obj.secrets.length : 0),
    },
    AGE_COLUMN,
  ],
  schema: serviceAccountSchema,
  strategy: {
    nameValidation: "subdomain",
    generation: false,
    allowUnconditionalUpdate: true,
    strategicMerge: true,
    prepareForCreate: cleanSecretReferences,
    prepareForUpdate: cleanSecretReferences,
    warnings: (obj, old) =>
      // Only when the request sets the annotation, not when it was already there.
      hasEnforceAnnotation(obj) && !hasEnforceAnnotation(old)
        ? [
          `metadata.annotations[${ENFORCE_MOUNTABLE_SECRETS}]: deprecated in v1.32+; prefer separate namespaces to isolate access to mounted secrets`,
        ]
        : [],
  },
};

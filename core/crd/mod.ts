// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * CustomResourceDefinitions: the `apiextensions.k8s.io/v1` kind with Kubernetes' validation,
 * name acceptance and conditions; custom kinds served from stored or compiled-in CRDs with
 * their schemas (pruning, defaulting, OpenAPI and CEL validation), printer columns, selectable
 * fields and subresources; and the cleanup of a deleted CRD's objects.
 *
 * @example Define a kind and use it
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createRuntime, isInvalid } from "@k1s/core";
 * await using rt = await createRuntime({ store: "memory:" });
 * const crd = await rt.client.create({
 *   apiVersion: "apiextensions.k8s.io/v1",
 *   kind: "CustomResourceDefinition",
 *   metadata: { name: "widgets.example.com" },
 *   spec: {
 *     group: "example.com",
 *     scope: "Namespaced",
 *     names: { plural: "widgets", kind: "Widget" },
 *     versions: [{
 *       name: "v1", served: true, storage: true,
 *       schema: { openAPIV3Schema: {
 *         type: "object",
 *         properties: { spec: { type: "object", properties: { size: { type: "integer", maximum: 10 } } } },
 *       } },
 *     }],
 *   },
 * });
 * assertEquals(
 *   (crd.status as { conditions: { type: string; status: string }[] }).conditions.map((c) => `${c.type}=${c.status}`),
 *   ["NamesAccepted=True", "Established=True"],
 * );
 * try {
 *   await rt.client.create({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w", namespace: "default" }, spec: { size: 11 } });
 * } catch (e) {
 *   assertEquals(isInvalid(e), true);
 *   assertEquals((e as Error).message, 'Widget.example.com "w" is invalid: spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10');
 * }
 * ```
 *
 * @module
 */
export * from "./types.ts";
export {
  installCustomResourceDefinitions,
  installCustomResourceSupport,
  loadCustomResources,
} from "./install.ts";
export {
  CUSTOM_RESOURCE_CLEANUP_FINALIZER,
  customResourceDefinitionType,
  defaultCustomResourceDefinition,
} from "./crd_type.ts";
export {
  validateCustomResourceDefinition,
  type ValidateCustomResourceDefinitionOptions,
  validateCustomResourceDefinitionStatus,
} from "./validate_crd.ts";

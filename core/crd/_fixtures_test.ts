// Copyright 2026 the k1s authors. Apache-2.0 license.
// Shared fixtures of the custom resource tests.
import { createRuntime, type Runtime, type RuntimeOptions } from "../../mod.ts";
import type { KubeObject } from "../object/types.ts";
import type { JSONSchemaProps } from "../schema/types.ts";
import type { CustomResourceDefinition } from "./types.ts";

/** A `widgets.example.com` CRD; `mutate` adjusts it. */
export function widgetCrd(
  mutate?: (crd: CustomResourceDefinition) => void,
  schema?: JSONSchemaProps,
): CustomResourceDefinition {
  const crd: CustomResourceDefinition = {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "widgets.example.com" },
    spec: {
      group: "example.com",
      scope: "Namespaced",
      names: { plural: "widgets", kind: "Widget", shortNames: ["wd"] },
      versions: [{
        name: "v1",
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: schema ?? {
            type: "object",
            properties: {
              spec: {
                type: "object",
                properties: {
                  size: { type: "integer", minimum: 1, maximum: 10 },
                  color: { type: "string", enum: ["red", "green"] },
                },
              },
              status: { type: "object", properties: { ready: { type: "boolean" } } },
            },
          },
        },
      }],
    },
  };
  mutate?.(crd);
  return crd;
}

/** A runtime on a memory store that collects warnings. */
export async function testRuntime(
  options: RuntimeOptions = {},
): Promise<Runtime & { warnings: string[] }> {
  const warnings: string[] = [];
  const rt = await createRuntime({
    store: "memory:",
    onWarning: (w) => warnings.push(w),
    ...options,
  });
  return Object.assign(rt, { warnings });
}

/** Creates a CRD and returns the stored object. */
export async function createCrd(
  rt: Runtime,
  crd: CustomResourceDefinition,
): Promise<CustomResourceDefinition> {
  return await rt.client.create(
    crd as unknown as KubeObject,
  ) as unknown as CustomResourceDefinition;
}

/** The message of the error `fn` throws. */
export async function errorOf(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("Expected an error, got none");
}

/**
 * Runs the CRD cleanup of a deleted CRD: the controller manager's drain, then the cleanup
 * controller's reconcile directly for as long as the CRD is still there (so the tests exercise
 * the controller itself even where no manager runs it).
 */
export async function finishCrdDeletion(rt: Runtime, name: string): Promise<void> {
  await rt.controllers.drain({ timeoutMs: 5000 });
  const controller = rt.controllers.list().find((c) => c.name === "apiextensions-crd-finalizer");
  if (!controller) throw new Error("Expected the CRD cleanup controller to be registered");
  for (let i = 0; i < 5; i++) {
    try {
      await rt.client.get(
        { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition" },
        { name },
      );
    } catch {
      return;
    }
    await controller.reconcile({
      client: rt.client,
      recorder: rt.recorder("test"),
      signal: new AbortController().signal,
      log: () => {},
    }, { name });
  }
}

/** The Widget type meta. */
export const WIDGET = { apiVersion: "example.com/v1", kind: "Widget" } as const;

/** A Widget in `default`. */
export function widget(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return { ...WIDGET, metadata: { name, namespace: "default" }, spec };
}

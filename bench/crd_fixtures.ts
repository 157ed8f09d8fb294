// Copyright 2026 the k1s authors. Apache-2.0 license.
// Fixtures of the custom resource benchmarks: a typical CRD (about 20 fields, defaults, two CEL
// rules) and objects of its kind.
import type { CustomResourceDefinition } from "../core/crd/types.ts";
import type { KubeObject } from "../core/object/types.ts";

/** A CRD `<plural>.<group>` with a typical schema. */
export function benchCrd(
  plural = "apps",
  kind = "App",
  group = "bench.example.com",
): CustomResourceDefinition {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: "Namespaced",
      names: { plural, kind, shortNames: [`${plural}x`], categories: ["all"] },
      versions: [{
        name: "v1",
        served: true,
        storage: true,
        subresources: { status: {} },
        additionalPrinterColumns: [
          { name: "Replicas", type: "integer", jsonPath: ".spec.replicas" },
          { name: "Tier", type: "string", jsonPath: ".spec.tier" },
        ],
        selectableFields: [{ jsonPath: ".spec.tier" }],
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: {
              spec: {
                type: "object",
                required: ["image", "replicas"],
                "x-kubernetes-validations": [
                  {
                    rule: "self.minReplicas <= self.replicas",
                    message: "minReplicas must not exceed replicas",
                  },
                  { rule: "self.replicas <= 50 || self.tier == 'gold'" },
                ],
                properties: {
                  image: { type: "string", minLength: 1, maxLength: 256 },
                  replicas: { type: "integer", minimum: 0, maximum: 1000 },
                  minReplicas: { type: "integer", minimum: 0, default: 1 },
                  port: { type: "integer", minimum: 1, maximum: 65535 },
                  protocol: { type: "string", enum: ["TCP", "UDP"], default: "TCP" },
                  tier: { type: "string", enum: ["bronze", "silver", "gold"] },
                  owner: { type: "string", pattern: "^[a-z][a-z0-9-]*$" },
                  enabled: { type: "boolean", default: true },
                  timeoutSeconds: { type: "integer", default: 30 },
                  retries: { type: "integer", default: 3, maximum: 10 },
                  region: { type: "string" },
                  zone: { type: "string" },
                  priority: { type: "integer" },
                  tags: {
                    type: "array",
                    maxItems: 16,
                    items: { type: "string" },
                    "x-kubernetes-list-type": "set",
                  },
                  env: { type: "object", additionalProperties: { type: "string" } },
                  resources: {
                    type: "object",
                    properties: {
                      cpu: { type: "string" },
                      memory: { type: "string" },
                    },
                  },
                },
              },
              status: {
                type: "object",
                properties: {
                  ready: { type: "boolean" },
                  replicas: { type: "integer" },
                },
              },
            },
          },
        },
      }],
    },
  };
}

/** An object of the benchmark CRD's kind (about 20 fields). */
export function benchObject(
  name: string,
  i: number,
  kind = "App",
  apiVersion = "bench.example.com/v1",
): KubeObject {
  return {
    apiVersion,
    kind,
    metadata: { name, namespace: "default", labels: { app: "web", shard: `s${i % 8}` } },
    spec: {
      image: "registry.example.com/app:1.2.3",
      replicas: 3 + (i % 5),
      port: 8080,
      tier: i % 3 === 0 ? "gold" : "silver",
      owner: "team-a",
      region: "eu-west",
      zone: "eu-west-1a",
      priority: i % 10,
      tags: ["web", "frontend"],
      env: { LOG_LEVEL: "info", MODE: "fast" },
      resources: { cpu: "500m", memory: "256Mi" },
    },
  };
}

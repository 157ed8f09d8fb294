// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Schemas shaped like the built-in ones, for tests and benchmarks.
 *
 * @module
 */
import type { JSONSchemaProps } from "../../schema/types.ts";

const str: JSONSchemaProps = { type: "string" };

/** `v1` ConfigMap. */
export const CONFIG_MAP: JSONSchemaProps = {
  type: "object",
  properties: {
    apiVersion: str,
    kind: str,
    metadata: { type: "object" },
    data: { type: "object", additionalProperties: str },
    binaryData: { type: "object", additionalProperties: { type: "string", format: "byte" } },
    immutable: { type: "boolean" },
  },
};

const container: JSONSchemaProps = {
  type: "object",
  required: ["name"],
  properties: {
    name: str,
    image: str,
    args: { type: "array", items: str, "x-kubernetes-list-type": "atomic" },
    env: {
      type: "array",
      items: { type: "object", properties: { name: str, value: str } },
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["name"],
      "x-kubernetes-patch-merge-key": "name",
      "x-kubernetes-patch-strategy": "merge",
    },
    ports: {
      type: "array",
      items: {
        type: "object",
        properties: {
          containerPort: { type: "integer" },
          protocol: { type: "string", default: "TCP" },
        },
      },
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["containerPort", "protocol"],
      "x-kubernetes-patch-merge-key": "containerPort",
      "x-kubernetes-patch-strategy": "merge",
    },
    resources: {
      type: "object",
      properties: { limits: { type: "object", additionalProperties: str } },
    },
  },
};

/** A Deployment-like kind with a pod template. */
export const DEPLOYMENT: JSONSchemaProps = {
  type: "object",
  properties: {
    apiVersion: str,
    kind: str,
    metadata: { type: "object" },
    spec: {
      type: "object",
      properties: {
        replicas: { type: "integer" },
        paused: { type: "boolean" },
        selector: {
          type: "object",
          "x-kubernetes-map-type": "atomic",
          properties: { matchLabels: { type: "object", additionalProperties: str } },
        },
        template: {
          type: "object",
          properties: {
            metadata: {
              type: "object",
              properties: { labels: { type: "object", additionalProperties: str } },
            },
            spec: {
              type: "object",
              properties: {
                containers: {
                  type: "array",
                  items: container,
                  "x-kubernetes-list-type": "map",
                  "x-kubernetes-list-map-keys": ["name"],
                  "x-kubernetes-patch-merge-key": "name",
                  "x-kubernetes-patch-strategy": "merge",
                },
              },
            },
          },
        },
      },
    },
    status: { type: "object", properties: { replicas: { type: "integer" } } },
  },
};

/** A custom resource with a preserve-unknown-fields subtree and an untyped list. */
export const WIDGET: JSONSchemaProps = {
  type: "object",
  properties: {
    apiVersion: str,
    kind: str,
    metadata: { type: "object" },
    spec: {
      type: "object",
      properties: {
        size: { type: "integer" },
        tags: { type: "array", items: str, "x-kubernetes-list-type": "set" },
        hosts: { type: "array", items: str },
        extra: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
      },
    },
  },
};

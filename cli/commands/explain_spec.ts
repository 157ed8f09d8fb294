// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `explain`: spec data (the implementation is ./explain.ts).
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";

/** The `explain` command. */
export const explainSpec: CommandSpec = {
  name: "explain",
  summary: "Get documentation for a resource",
  group: "Basic Commands (Intermediate):",
  description:
    "Describe fields and structure of various resources.\n\nThis command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:\n\n    <type>.<fieldName>[.<fieldName>]\n\nInformation about each field is retrieved from the server in OpenAPI format.",
  descriptionFooter: 'Use "k1s api-resources" for a complete list of supported resources.',
  examples: `# Get the documentation of the resource and its fields
k1s explain configmaps

# Get all the fields in the resource
k1s explain configmaps --recursive

# Get the explanation for roles in supported api versions
k1s explain roles --api-version=rbac.authorization.k8s.io/v1

# Get the documentation of a specific field of a resource
k1s explain configmaps.metadata.labels`,
  usage: "TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext]",
  flags: [
    {
      name: "api-version",
      type: "string",
      usage: "Use given api-version (group/version) of the resource.",
    },
    {
      name: "output",
      shorthand: "o",
      type: "string",
      default: "plaintext",
      usage: "Format in which to render the schema. Valid values are: (plaintext).",
    },
    {
      name: "recursive",
      type: "bool",
      usage:
        "When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.",
    },
  ],
};

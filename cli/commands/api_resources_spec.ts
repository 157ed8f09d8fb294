// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `api-resources`: spec data (the implementation is ./api_resources.ts).
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";

/** The `api-resources` command. */
export const apiResourcesSpec: CommandSpec = {
  name: "api-resources",
  summary: "Print the supported API resources on the server",
  description: "Print the supported API resources on the server.",
  examples: `# Print the supported API resources
k1s api-resources

# Print the supported API resources with more information
k1s api-resources -o wide

# Print the supported API resources sorted by a column
k1s api-resources --sort-by=name

# Print the supported namespaced resources
k1s api-resources --namespaced=true

# Print the supported non-namespaced resources
k1s api-resources --namespaced=false

# Print the supported API resources with a specific APIGroup
k1s api-resources --api-group=rbac.authorization.k8s.io`,
  usage: "[flags]",
  args: { max: 0 },
  flags: [
    { name: "api-group", type: "string", usage: "Limit to resources in the specified API group." },
    {
      name: "cached",
      type: "bool",
      usage: "Use the cached list of resources if available.",
    },
    {
      name: "categories",
      type: "stringSlice",
      usage: "Limit to resources that belong to the specified categories.",
    },
    {
      name: "namespaced",
      type: "bool",
      default: true,
      usage:
        "If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.",
    },
    {
      name: "no-headers",
      type: "bool",
      usage:
        "When using the default or custom-column output format, don't print headers (default print headers).",
    },
    {
      name: "output",
      shorthand: "o",
      type: "string",
      usage: "Output format. One of: (wide, name).",
    },
    {
      name: "sort-by",
      type: "string",
      usage:
        "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.",
    },
    {
      name: "verbs",
      type: "stringSlice",
      usage: "Limit to resources that support the specified verbs.",
    },
  ],
};

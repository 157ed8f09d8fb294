// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `scale`: spec data (the implementation is ./scale.ts). Texts are kubectl 1.32's, with
 * examples on the kinds k1s scales: custom resources whose CRD declares `subresources.scale`.
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";
import {
  ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
  DRY_RUN_FLAG,
  filenameFlag,
  OBJECT_OUTPUT_FLAG,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
  SHOW_MANAGED_FIELDS_FLAG,
  TEMPLATE_FLAG,
} from "../_cli/common_flags.ts";

/** The `scale` command. */
export const scaleSpec: CommandSpec = {
  name: "scale",
  summary: "Set a new size for a deployment, replica set, or replication controller",
  group: "Deploy Commands:",
  description: `
Set a new size for a deployment, replica set, replication controller, or stateful set.

Scale also allows users to specify one or more preconditions for the scale action.

If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.`,
  examples:
    `# Scale a widget named 'web' to 3 (its CustomResourceDefinition declares the scale subresource)
k1s scale --replicas=3 widget/web

# Scale a resource identified by type and name specified in "web.yaml" to 3
k1s scale --replicas=3 -f web.yaml

# If the widget named web's current size is 2, scale web to 3
k1s scale --current-replicas=2 --replicas=3 widget/web

# Scale multiple widgets
k1s scale --replicas=5 widget/example1 widget/example2 widget/example3

# Scale every widget labelled app=web to 0
k1s scale --replicas=0 widgets -l app=web`,
  usage:
    "[--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)",
  flags: [
    {
      name: "all",
      type: "bool",
      usage: "Select all resources in the namespace of the specified resource types",
    },
    ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
    {
      name: "current-replicas",
      type: "int",
      default: -1,
      usage:
        "Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.",
    },
    DRY_RUN_FLAG,
    filenameFlag("Filename, directory, or URL to files identifying the resource to set a new size"),
    OBJECT_OUTPUT_FLAG,
    RECURSIVE_FLAG,
    {
      name: "replicas",
      type: "int",
      usage: "The new desired number of replicas. Required.",
    },
    {
      name: "resource-version",
      type: "string",
      usage:
        "Precondition for resource version. Requires that the current resource version match this value in order to scale.",
    },
    SELECTOR_FLAG,
    SHOW_MANAGED_FIELDS_FLAG,
    TEMPLATE_FLAG,
    {
      name: "timeout",
      type: "duration",
      usage:
        "The length of time to wait before giving up on a scale operation, zero means don't wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).",
    },
  ],
};

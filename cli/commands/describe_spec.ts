// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `describe`: spec data (the implementation is ./describe.ts).
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";
import {
  ALL_NAMESPACES_FLAG,
  filenameFlag,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
} from "../_cli/common_flags.ts";

/** The `describe` command. */
export const describeSpec: CommandSpec = {
  name: "describe",
  summary: "Show details of a specific resource or group of resources",
  group: "Troubleshooting and Debugging Commands:",
  description:
    "Show details of a specific resource or group of resources.\n\nPrint a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:\n\n    $ k1s describe TYPE NAME_PREFIX\n\nwill first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.",
  descriptionFooter: 'Use "k1s api-resources" for a complete list of supported resources.',
  examples: `# Describe a config map
k1s describe configmaps app-settings

# Describe a secret
k1s describe secrets/registry

# Describe a config map identified by type and name in "cm.json"
k1s describe -f cm.json

# Describe all config maps
k1s describe configmaps

# Describe config maps by label name=myLabel
k1s describe configmaps -l name=myLabel

# Describe all config maps whose names start with 'frontend'
k1s describe configmaps frontend`,
  usage: "(-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)",
  flags: [
    ALL_NAMESPACES_FLAG,
    {
      name: "chunk-size",
      type: "int",
      default: 500,
      usage:
        "Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.",
    },
    filenameFlag("Filename, directory, or URL to files containing the resource to describe"),
    RECURSIVE_FLAG,
    SELECTOR_FLAG,
    {
      name: "show-events",
      type: "bool",
      default: true,
      usage: "If true, display events related to the described object.",
    },
  ],
};

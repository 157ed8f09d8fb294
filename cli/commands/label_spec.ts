// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `label`: spec data (the implementation is ./label.ts). Texts are kubectl 1.32's, with
 * examples on the kinds k1s serves.
 *
 * @module
 */
import type { CommandSpec, FlagSpec } from "../_internal/args/mod.ts";
import {
  ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
  DRY_RUN_FLAG,
  FIELD_SELECTOR_FLAG,
  fieldManagerFlag,
  filenameFlag,
  OBJECT_OUTPUT_FLAG,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
  SHOW_MANAGED_FIELDS_FLAG,
  TEMPLATE_FLAG,
} from "../_cli/common_flags.ts";

/** `-A` as label and annotate word it. */
export const CHECK_ALL_NAMESPACES_FLAG: FlagSpec = {
  name: "all-namespaces",
  shorthand: "A",
  type: "bool",
  usage: "If true, check the specified action in all namespaces.",
};

/** The `label` command. */
export const labelSpec: CommandSpec = {
  name: "label",
  summary: "Update the labels on a resource",
  group: "Settings Commands:",
  description: `
Update the labels on a resource.

*  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.
*  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
*  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.
*  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.`,
  examples: `# Update config map 'foo' with the label 'unhealthy' and the value 'true'
k1s label configmaps foo unhealthy=true

# Update config map 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
k1s label --overwrite configmaps foo status=unhealthy

# Update all config maps in the namespace
k1s label configmaps --all status=unhealthy

# Update a config map identified by the type and name in "cm.json"
k1s label -f cm.json status=unhealthy

# Update config map 'foo' only if the resource is unchanged from version 1
k1s label configmaps foo status=unhealthy --resource-version=1

# Update config map 'foo' by removing a label named 'bar' if it exists
# Does not require the --overwrite flag
k1s label configmaps foo bar-`,
  usage:
    "[--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]",
  flags: [
    {
      name: "all",
      type: "bool",
      usage: "Select all resources, in the namespace of the specified resource types",
    },
    CHECK_ALL_NAMESPACES_FLAG,
    ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
    DRY_RUN_FLAG,
    fieldManagerFlag("kubectl-label"),
    FIELD_SELECTOR_FLAG,
    filenameFlag(
      "Filename, directory, or URL to files identifying the resource to update the labels",
    ),
    { name: "list", type: "bool", usage: "If true, display the labels for a given resource." },
    {
      name: "local",
      type: "bool",
      usage: "If true, label will NOT contact api-server but run locally.",
    },
    OBJECT_OUTPUT_FLAG,
    {
      name: "overwrite",
      type: "bool",
      usage:
        "If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.",
    },
    RECURSIVE_FLAG,
    {
      name: "resource-version",
      type: "string",
      usage:
        "If non-empty, the labels update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.",
    },
    SELECTOR_FLAG,
    SHOW_MANAGED_FIELDS_FLAG,
    TEMPLATE_FLAG,
  ],
};

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `replace`: spec data (the implementation is ./replace.ts). Texts are kubectl 1.32's, with
 * examples on the kinds k1s serves.
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";
import {
  ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
  DRY_RUN_FLAG,
  fieldManagerFlag,
  filenameFlag,
  OBJECT_OUTPUT_FLAG,
  RECURSIVE_FLAG,
  SHOW_MANAGED_FIELDS_FLAG,
  TEMPLATE_FLAG,
  VALIDATE_FLAG,
} from "../_cli/common_flags.ts";
import {
  CASCADE_FLAG,
  DELETE_TIMEOUT_FLAG,
  GRACE_PERIOD_FLAG,
  SAVE_CONFIG_FLAG,
} from "./_write_flags.ts";

/** The `replace` command. */
export const replaceSpec: CommandSpec = {
  name: "replace",
  summary: "Replace a resource by file name or stdin",
  group: "Advanced Commands:",
  description: `
Replace a resource by file name or stdin.

JSON and YAML formats are accepted. If replacing an existing resource, the
complete resource spec must be provided. This can be obtained by

    $ k1s get TYPE NAME -o yaml`,
  examples: `# Replace a config map using the data in cm.json
k1s replace -f ./cm.json

# Replace a config map based on the JSON passed into stdin
cat cm.json | k1s replace -f -

# Update a config map's value and replace it
k1s get configmap app-settings -o yaml | sed 's/\\(mode:\\).*$/\\1 debug/' | k1s replace -f -

# Force replace, delete and then re-create the resource
k1s replace --force -f ./cm.json`,
  usage: "-f FILENAME",
  flags: [
    ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
    CASCADE_FLAG,
    DRY_RUN_FLAG,
    fieldManagerFlag("kubectl-replace"),
    filenameFlag("The files that contain the configurations to replace."),
    {
      name: "force",
      type: "bool",
      usage:
        "If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.",
    },
    GRACE_PERIOD_FLAG,
    OBJECT_OUTPUT_FLAG,
    RECURSIVE_FLAG,
    SAVE_CONFIG_FLAG,
    SHOW_MANAGED_FIELDS_FLAG,
    {
      name: "subresource",
      type: "string",
      usage:
        "If specified, replace will operate on the subresource of the requested object. This flag is beta and may change in the future.",
    },
    TEMPLATE_FLAG,
    DELETE_TIMEOUT_FLAG,
    VALIDATE_FLAG,
    {
      name: "wait",
      type: "bool",
      usage: "If true, wait for resources to be gone before returning. This waits for finalizers.",
    },
  ],
};

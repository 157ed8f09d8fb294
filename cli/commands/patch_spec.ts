// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `patch`: spec data (the implementation is ./patch.ts). Texts are kubectl 1.32's, with
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
} from "../_cli/common_flags.ts";

/** The `patch` command. */
export const patchSpec: CommandSpec = {
  name: "patch",
  summary: "Update fields of a resource",
  group: "Advanced Commands:",
  description:
    "Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.\n\nJSON and YAML formats are accepted.\n\nNote: Strategic merge patch is not supported for custom resources.",
  examples:
    `# Partially update a config map using a strategic merge patch, specifying the patch as JSON
k1s patch configmap app-settings -p '{"data":{"mode":"debug"}}'

# Partially update a config map using a strategic merge patch, specifying the patch as YAML
k1s patch configmap app-settings -p $'data:\\n mode: debug'

# Partially update a config map identified by the type and name specified in "cm.json" using strategic merge patch
k1s patch -f cm.json -p '{"data":{"mode":"debug"}}'

# Add a subject to a role binding; subjects are merged by name
k1s patch rolebinding readers -p '{"subjects":[{"kind":"User","name":"alice","apiGroup":"rbac.authorization.k8s.io"}]}'

# Update a config map's value using a JSON patch
k1s patch configmap app-settings --type='json' -p='[{"op": "replace", "path": "/data/mode", "value":"debug"}]'

# Update a custom resource's status through the 'status' subresource using a merge patch
k1s patch widget w1 --subresource='status' --type='merge' -p '{"status":{"ready":true}}'`,
  usage: "(-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]",
  flags: [
    ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
    DRY_RUN_FLAG,
    fieldManagerFlag("kubectl-patch"),
    filenameFlag("Filename, directory, or URL to files identifying the resource to update"),
    {
      name: "local",
      type: "bool",
      usage:
        "If true, patch will operate on the content of the file, not the server-side resource.",
    },
    OBJECT_OUTPUT_FLAG,
    {
      name: "patch",
      shorthand: "p",
      type: "string",
      usage: "The patch to be applied to the resource JSON file.",
    },
    {
      name: "patch-file",
      type: "string",
      usage: "A file containing a patch to be applied to the resource.",
    },
    RECURSIVE_FLAG,
    SHOW_MANAGED_FIELDS_FLAG,
    {
      name: "subresource",
      type: "string",
      usage:
        "If specified, patch will operate on the subresource of the requested object. This flag is beta and may change in the future.",
    },
    TEMPLATE_FLAG,
    {
      name: "type",
      type: "string",
      default: "strategic",
      usage: "The type of patch being provided; one of [json merge strategic]",
    },
  ],
};

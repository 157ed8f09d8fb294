// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `apply`: spec data (the implementation is ./apply.ts). Texts are kubectl 1.32's, with
 * examples on the kinds k1s serves.
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";
import {
  editLastAppliedSpec,
  setLastAppliedSpec,
  viewLastAppliedSpec,
} from "./apply_last_applied_spec.ts";
import {
  ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
  DRY_RUN_FLAG,
  fieldManagerFlag,
  filenameFlag,
  OBJECT_OUTPUT_FLAG,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
  SHOW_MANAGED_FIELDS_FLAG,
  TEMPLATE_FLAG,
  VALIDATE_FLAG,
} from "../_cli/common_flags.ts";
import { CASCADE_FLAG, DELETE_TIMEOUT_FLAG, GRACE_PERIOD_FLAG } from "./_write_flags.ts";

/** The `apply` command. */
export const applySpec: CommandSpec = {
  name: "apply",
  summary: "Apply a configuration to a resource by file name or stdin",
  group: "Advanced Commands:",
  description:
    "Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.\n\nJSON and YAML formats are accepted.\n\nAlpha Disclaimer: the --prune functionality is not yet complete. Do not use unless you are aware of what the current state is. See https://issues.k8s.io/34274.",
  examples: `# Apply the configuration in cm.json to a config map
k1s apply -f ./cm.json

# Apply the JSON passed into stdin to a config map
cat cm.json | k1s apply -f -

# Apply the configuration from all the manifests in a directory and its subdirectories
k1s apply -f ./manifests/ -R

# Apply the configuration server-side, taking over fields other managers own
k1s apply --server-side --force-conflicts -f manifest.yaml

# Note: --prune is still in Alpha
# Apply the configuration in manifest.yaml that matches label app=web and delete all other resources that are not in the file and match label app=web
k1s apply --prune -f manifest.yaml -l app=web

# Apply the configuration in manifest.yaml and delete all the other config maps that are not in the file
k1s apply --prune -f manifest.yaml --all --prune-allowlist=core/v1/ConfigMap`,
  usage: "-f FILENAME",
  flags: [
    {
      name: "all",
      type: "bool",
      usage: "Select all resources in the namespace of the specified resource types.",
    },
    ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
    CASCADE_FLAG,
    DRY_RUN_FLAG,
    fieldManagerFlag("kubectl-client-side-apply"),
    filenameFlag("The files that contain the configurations to apply."),
    {
      name: "force",
      type: "bool",
      usage:
        "If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.",
    },
    {
      name: "force-conflicts",
      type: "bool",
      usage: "If true, server-side apply will force the changes against conflicts.",
    },
    GRACE_PERIOD_FLAG,
    OBJECT_OUTPUT_FLAG,
    {
      name: "overwrite",
      type: "bool",
      default: true,
      usage:
        "Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration",
    },
    {
      name: "prune",
      type: "bool",
      usage:
        "Automatically delete resource objects, that do not appear in the configs and are created by either apply or create --save-config. Should be used with either -l or --all.",
    },
    {
      name: "prune-allowlist",
      type: "stringArray",
      usage: "Overwrite the default allowlist with <group/version/kind> for --prune",
    },
    RECURSIVE_FLAG,
    SELECTOR_FLAG,
    {
      name: "server-side",
      type: "bool",
      usage: "If true, apply runs in the server instead of the client.",
    },
    SHOW_MANAGED_FIELDS_FLAG,
    {
      name: "subresource",
      type: "string",
      usage:
        "If specified, apply will operate on the subresource of the requested object.  Only allowed when using --server-side. This flag is beta and may change in the future.",
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
  commands: [editLastAppliedSpec, setLastAppliedSpec, viewLastAppliedSpec],
};

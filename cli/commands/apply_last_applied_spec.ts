// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `apply view-last-applied`, `apply set-last-applied` and `apply edit-last-applied`: spec data
 * (the implementations are ./_apply_last_applied.ts and ./edit.ts). Texts are kubectl 1.32's.
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
  SELECTOR_FLAG,
  SHOW_MANAGED_FIELDS_FLAG,
  TEMPLATE_FLAG,
  VALIDATE_FLAG,
} from "../_cli/common_flags.ts";
import { WINDOWS_LINE_ENDINGS_FLAG } from "./_write_flags.ts";

/** `apply edit-last-applied`. */
export const editLastAppliedSpec: CommandSpec = {
  name: "edit-last-applied",
  summary: "Edit latest last-applied-configuration annotations of a resource/object",
  description:
    "Edit the latest last-applied-configuration annotations of resources from the default editor.\n\nThe edit-last-applied command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.\n\nThe default format is YAML. To edit in JSON, specify \"-o json\".\n\nThe flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.\n\nIn the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.",
  examples: `# Edit the last-applied-configuration annotations by type/name in YAML
k1s apply edit-last-applied configmap/app

# Edit the last-applied-configuration annotations by file in JSON
k1s apply edit-last-applied -f cm.yaml -o json`,
  usage: "(RESOURCE/NAME | -f FILENAME)",
  flags: [
    ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
    fieldManagerFlag("kubectl-client-side-apply"),
    filenameFlag("Filename, directory, or URL to files to use to edit the resource"),
    OBJECT_OUTPUT_FLAG,
    RECURSIVE_FLAG,
    SHOW_MANAGED_FIELDS_FLAG,
    TEMPLATE_FLAG,
    VALIDATE_FLAG,
    WINDOWS_LINE_ENDINGS_FLAG,
  ],
};

/** `apply view-last-applied`. */
export const viewLastAppliedSpec: CommandSpec = {
  name: "view-last-applied",
  summary: "View the latest last-applied-configuration annotations of a resource/object",
  description:
    "View the latest last-applied-configuration annotations by type/name or file.\n\nThe default output will be printed to stdout in YAML format. You can use the -o option to change the output format.",
  examples: `# View the last-applied-configuration annotations by type/name in YAML
k1s apply view-last-applied configmap/app

# View the last-applied-configuration annotations by file in JSON
k1s apply view-last-applied -f cm.yaml -o json`,
  usage: "(TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME)",
  flags: [
    {
      name: "all",
      type: "bool",
      usage: "Select all resources in the namespace of the specified resource types",
    },
    filenameFlag(
      "Filename, directory, or URL to files that contains the last-applied-configuration annotations",
    ),
    {
      name: "output",
      shorthand: "o",
      type: "string",
      default: "yaml",
      usage: "Output format. Must be one of (yaml, json)",
    },
    RECURSIVE_FLAG,
    SELECTOR_FLAG,
  ],
};

/** `apply set-last-applied`. */
export const setLastAppliedSpec: CommandSpec = {
  name: "set-last-applied",
  summary:
    "Set the last-applied-configuration annotation on a live object to match the contents of a file",
  description:
    "Set the latest last-applied-configuration annotations by setting it to match the contents of a file. This results in the last-applied-configuration being updated as though 'k1s apply -f<file> ' was run, without updating any other parts of the object.",
  examples: `# Set the last-applied-configuration of a resource to match the contents of a file
k1s apply set-last-applied -f cm.yaml

# Execute set-last-applied against each configuration file in a directory
k1s apply set-last-applied -f path/

# Set the last-applied-configuration of a resource to match the contents of a file; will create the annotation if it does not already exist
k1s apply set-last-applied -f cm.yaml --create-annotation=true`,
  usage: "-f FILENAME",
  flags: [
    ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
    {
      name: "create-annotation",
      type: "bool",
      usage:
        "Will create 'last-applied-configuration' annotations if current objects doesn't have one",
    },
    DRY_RUN_FLAG,
    filenameFlag(
      "Filename, directory, or URL to files that contains the last-applied-configuration annotations",
    ),
    OBJECT_OUTPUT_FLAG,
    SHOW_MANAGED_FIELDS_FLAG,
    TEMPLATE_FLAG,
  ],
};

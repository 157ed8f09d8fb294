// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `edit`: spec data (the implementation is ./edit.ts). Texts are kubectl 1.32's, with
 * examples on the kinds k1s serves.
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";
import {
  ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
  fieldManagerFlag,
  filenameFlag,
  OBJECT_OUTPUT_FLAG,
  RECURSIVE_FLAG,
  SHOW_MANAGED_FIELDS_FLAG,
  TEMPLATE_FLAG,
  VALIDATE_FLAG,
} from "../_cli/common_flags.ts";
import { SAVE_CONFIG_FLAG, WINDOWS_LINE_ENDINGS_FLAG } from "./_write_flags.ts";

/** The `edit` command. */
export const editSpec: CommandSpec = {
  name: "edit",
  summary: "Edit a resource on the server",
  group: "Basic Commands (Intermediate):",
  description:
    "Edit a resource from the default editor.\n\nThe edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. When attempting to open the editor, it will first attempt to use the shell that has been defined in the 'SHELL' environment variable. If this is not defined, the default shell will be used, which is '/bin/bash' for Linux or 'cmd' for Windows.\n\nYou can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.\n\nEditing is done with the API version used to fetch the resource. To edit using a specific API version, fully-qualify the resource, version, and group.\n\nThe default format is YAML. To edit in JSON, specify \"-o json\".\n\nThe flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.\n\nIn the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.",
  examples: `# Edit the config map named 'app-settings'
k1s edit cm/app-settings

# Use an alternative editor
KUBE_EDITOR="nano" k1s edit cm/app-settings

# Edit the role 'reader' in JSON using the v1 API format
k1s edit role.v1.rbac.authorization.k8s.io/reader -o json

# Edit the config map 'app-settings' in YAML and save the modified config in its annotation
k1s edit configmap/app-settings -o yaml --save-config

# Edit the 'status' subresource for the widget 'w1'
k1s edit widget w1 --subresource='status'`,
  usage: "(RESOURCE/NAME | -f FILENAME)",
  flags: [
    ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
    fieldManagerFlag("kubectl-edit"),
    filenameFlag("Filename, directory, or URL to files to use to edit the resource"),
    OBJECT_OUTPUT_FLAG,
    {
      name: "output-patch",
      type: "bool",
      usage: "Output the patch if the resource is edited.",
    },
    RECURSIVE_FLAG,
    SAVE_CONFIG_FLAG,
    SHOW_MANAGED_FIELDS_FLAG,
    {
      name: "subresource",
      type: "string",
      usage:
        "If specified, edit will operate on the subresource of the requested object. This flag is beta and may change in the future.",
    },
    TEMPLATE_FLAG,
    VALIDATE_FLAG,
    WINDOWS_LINE_ENDINGS_FLAG,
  ],
};

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `annotate`: spec data (the implementation is ./annotate.ts). Texts are kubectl 1.32's, with
 * examples on the kinds k1s serves.
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";
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
import { CHECK_ALL_NAMESPACES_FLAG } from "./label_spec.ts";

/** The `annotate` command. */
export const annotateSpec: CommandSpec = {
  name: "annotate",
  summary: "Update the annotations on a resource",
  group: "Settings Commands:",
  description:
    "Update the annotations on one or more resources.\n\nAll Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.\n\nAttempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.",
  descriptionFooter: 'Use "k1s api-resources" for a complete list of supported resources.',
  examples: `# Update config map 'foo' with the annotation 'description' and the value 'my frontend'
# If the same annotation is set multiple times, only the last value will be applied
k1s annotate configmaps foo description='my frontend'

# Update a config map identified by type and name in "cm.json"
k1s annotate -f cm.json description='my frontend'

# Update config map 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value
k1s annotate --overwrite configmaps foo description='my frontend running nginx'

# Update all config maps in the namespace
k1s annotate configmaps --all description='my frontend running nginx'

# Update config map 'foo' only if the resource is unchanged from version 1
k1s annotate configmaps foo description='my frontend running nginx' --resource-version=1

# Update config map 'foo' by removing an annotation named 'description' if it exists
# Does not require the --overwrite flag
k1s annotate configmaps foo description-`,
  usage:
    "[--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]",
  flags: [
    {
      name: "all",
      type: "bool",
      usage: "Select all resources, in the namespace of the specified resource types.",
    },
    CHECK_ALL_NAMESPACES_FLAG,
    ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
    DRY_RUN_FLAG,
    fieldManagerFlag("kubectl-annotate"),
    FIELD_SELECTOR_FLAG,
    filenameFlag(
      "Filename, directory, or URL to files identifying the resource to update the annotation",
    ),
    {
      name: "list",
      type: "bool",
      usage: "If true, display the annotations for a given resource.",
    },
    {
      name: "local",
      type: "bool",
      usage: "If true, annotation will NOT contact api-server but run locally.",
    },
    OBJECT_OUTPUT_FLAG,
    {
      name: "overwrite",
      type: "bool",
      usage:
        "If true, allow annotations to be overwritten, otherwise reject annotation updates that overwrite existing annotations.",
    },
    RECURSIVE_FLAG,
    {
      name: "resource-version",
      type: "string",
      usage:
        "If non-empty, the annotation update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.",
    },
    SELECTOR_FLAG,
    SHOW_MANAGED_FIELDS_FLAG,
    TEMPLATE_FLAG,
  ],
};

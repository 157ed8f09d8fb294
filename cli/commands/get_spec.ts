// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `get`: spec data (the implementation is ./get.ts, loaded when the command runs).
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";
import {
  ALL_NAMESPACES_FLAG,
  ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
  FIELD_SELECTOR_FLAG,
  filenameFlag,
  outputFlag,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
  SHOW_MANAGED_FIELDS_FLAG,
  TEMPLATE_FLAG,
} from "../_cli/common_flags.ts";

/** The `get` command. */
export const getSpec: CommandSpec = {
  name: "get",
  summary: "Display one or many resources",
  group: "Basic Commands (Intermediate):",
  description:
    "Display one or many resources.\n\nPrints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace if you don't specify any namespace.",
  descriptionFooter: 'Use "k1s api-resources" for a complete list of supported resources.',
  examples: `# List all config maps in ps output format
k1s get configmaps

# List all config maps in ps output format with more information
k1s get configmaps -o wide

# List a single config map with specified NAME in ps output format
k1s get configmap web

# List roles in JSON output format, in the "v1" version of the "rbac.authorization.k8s.io" API group
k1s get roles.v1.rbac.authorization.k8s.io -o json

# List a single config map in JSON output format
k1s get -o json configmap web

# List a config map identified by type and name specified in "cm.yaml" in JSON output format
k1s get -f cm.yaml -o json

# Return only the data of the specified config map
k1s get -o jsonpath='{.data}' configmap/web

# List resource information in custom columns
k1s get configmap web -o custom-columns=NAME:.metadata.name,KEYS:.data

# List all config maps and secrets together in ps output format
k1s get configmaps,secrets

# List one or more resources by their type and names
k1s get configmap/web secret/token serviceaccount/builder

# List the 'scale' subresource for a single widget
k1s get widget web --subresource scale

# List all roles in namespace 'backend'
k1s get roles.rbac.authorization.k8s.io --namespace backend

# List all config maps existing in all namespaces
k1s get configmaps --all-namespaces`,
  usage:
    "[(-o|--output=)json|yaml|name|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]",
  flags: [
    ALL_NAMESPACES_FLAG,
    ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
    {
      name: "chunk-size",
      type: "int",
      default: 500,
      usage:
        "Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.",
    },
    FIELD_SELECTOR_FLAG,
    filenameFlag(
      "Filename, directory, or URL to files identifying the resource to get from a server.",
    ),
    {
      name: "ignore-not-found",
      type: "bool",
      usage: "If the requested object does not exist the command will return exit code 0.",
    },
    {
      name: "label-columns",
      shorthand: "L",
      type: "stringSlice",
      usage:
        "Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...",
    },
    {
      name: "no-headers",
      type: "bool",
      usage:
        "When using the default or custom-column output format, don't print headers (default print headers).",
    },
    outputFlag(
      "Output format. One of: (json, yaml, name, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].",
    ),
    {
      name: "output-watch-events",
      type: "bool",
      usage:
        "Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.",
    },
    RECURSIVE_FLAG,
    SELECTOR_FLAG,
    {
      name: "show-kind",
      type: "bool",
      usage: "If present, list the resource type for the requested object(s).",
    },
    {
      name: "show-labels",
      type: "bool",
      usage: "When printing, show all labels as the last column (default hide labels column)",
    },
    SHOW_MANAGED_FIELDS_FLAG,
    {
      name: "sort-by",
      type: "string",
      usage:
        "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string.",
    },
    {
      name: "subresource",
      type: "string",
      usage:
        "If specified, gets the subresource of the requested object. This flag is beta and may change in the future.",
    },
    TEMPLATE_FLAG,
    {
      name: "watch",
      shorthand: "w",
      type: "bool",
      usage: "After listing/getting the requested object, watch for changes.",
    },
    {
      name: "watch-only",
      type: "bool",
      usage: "Watch for changes to the requested object(s), without listing/getting first.",
    },
  ],
};

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `wait`: spec data (the implementation is ./wait.ts).
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";
import {
  ALL_NAMESPACES_FLAG,
  ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
  FIELD_SELECTOR_FLAG,
  filenameFlag,
  OBJECT_OUTPUT_FLAG,
  SHOW_MANAGED_FIELDS_FLAG,
  TEMPLATE_FLAG,
} from "../_cli/common_flags.ts";

/** The `wait` command. */
export const waitSpec: CommandSpec = {
  name: "wait",
  summary: "Experimental: Wait for a specific condition on one or many resources",
  group: "Advanced Commands:",
  description:
    'Experimental: Wait for a specific condition on one or many resources.\n\nThe command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.\n\nAlternatively, the command can wait for the given set of resources to be created or deleted by providing the "create" or "delete" keyword as the value to the --for flag.\n\nA successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.',
  examples: `# Wait for the widget "w1" to contain the status condition of type "Ready"
k1s wait --for=condition=Ready widget/w1

# The default value of status condition is true; you can wait for other targets after an equal delimiter (compared after Unicode simple case folding, which is a more general form of case-insensitivity)
k1s wait --for=condition=Ready=false widget/w1

# Wait for the widget "w1" to contain the status phase to be "Running"
k1s wait --for=jsonpath='{.status.phase}'=Running widget/w1

# Wait for the config map "settings" to have a "mode" key
k1s wait --for=jsonpath='{.data.mode}' configmap/settings

# Wait for the secret "busybox1" to be created, with a timeout of 30s
k1s create secret generic busybox1
k1s wait --for=create secret/busybox1 --timeout=30s

# Wait for the config map "settings" to be deleted, with a timeout of 60s, after having issued the "delete" command
k1s delete configmap/settings
k1s wait --for=delete configmap/settings --timeout=60s`,
  usage:
    "([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]]",
  flags: [
    {
      name: "all",
      type: "bool",
      usage: "Select all resources in the namespace of the specified resource types",
    },
    ALL_NAMESPACES_FLAG,
    ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
    FIELD_SELECTOR_FLAG,
    filenameFlag("identifying the resource."),
    {
      name: "for",
      type: "string",
      usage:
        "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true. Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity.",
    },
    OBJECT_OUTPUT_FLAG,
    {
      name: "recursive",
      shorthand: "R",
      type: "bool",
      default: true,
      usage:
        "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.",
    },
    {
      name: "selector",
      shorthand: "l",
      type: "string",
      usage:
        "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)",
    },
    SHOW_MANAGED_FIELDS_FLAG,
    TEMPLATE_FLAG,
    {
      name: "timeout",
      type: "duration",
      default: 30000,
      usage:
        "The length of time to wait before giving up. Zero means check once and don't wait, negative means wait for a week.",
    },
  ],
};

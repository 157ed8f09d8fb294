// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `events`: spec data (the implementation is ./events.ts).
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";
import {
  ALL_NAMESPACES_FLAG,
  ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
  OBJECT_OUTPUT_FLAG,
  SHOW_MANAGED_FIELDS_FLAG,
  TEMPLATE_FLAG,
} from "../_cli/common_flags.ts";

/** The `events` command. */
export const eventsSpec: CommandSpec = {
  name: "events",
  summary: "List events",
  group: "Troubleshooting and Debugging Commands:",
  description:
    "Display events.\n\nPrints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.",
  examples: `# List recent events in the default namespace
k1s events

# List recent events in all namespaces
k1s events --all-namespaces

# List recent events for the specified config map, then wait for more events and list them as they arrive
k1s events --for configmap/app-settings --watch

# List recent events in YAML format
k1s events -oyaml

# List recent only events of type 'Warning' or 'Normal'
k1s events --types=Warning,Normal`,
  usage:
    "[(-o|--output=)json|yaml|name|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning]",
  // kubectl's events takes no arguments and ignores any it is given.
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
    {
      name: "for",
      type: "string",
      usage: "Filter events to only those pertaining to the specified resource.",
    },
    {
      name: "no-headers",
      type: "bool",
      usage: "When using the default output format, don't print headers.",
    },
    OBJECT_OUTPUT_FLAG,
    SHOW_MANAGED_FIELDS_FLAG,
    TEMPLATE_FLAG,
    { name: "types", type: "stringSlice", usage: "Output only events of given types." },
    {
      name: "watch",
      shorthand: "w",
      type: "bool",
      usage: "After listing the requested events, watch for more events.",
    },
  ],
};

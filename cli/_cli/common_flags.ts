// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Flag specs shared by many commands, worded as kubectl 1.32 words them. Commands put these
 * in their `flags` so parsing, defaults and help stay identical everywhere.
 *
 * @module
 */
import type { FlagSpec } from "../_internal/args/mod.ts";

/** `-A, --all-namespaces`. */
export const ALL_NAMESPACES_FLAG: FlagSpec = {
  name: "all-namespaces",
  shorthand: "A",
  type: "bool",
  usage:
    "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.",
};

/** `-l, --selector`. */
export const SELECTOR_FLAG: FlagSpec = {
  name: "selector",
  shorthand: "l",
  type: "string",
  usage:
    "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
};

/** `--field-selector`. */
export const FIELD_SELECTOR_FLAG: FlagSpec = {
  name: "field-selector",
  type: "string",
  usage:
    "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
};

/** `--dry-run` (a bare `--dry-run` means client, with kubectl's deprecation warning). */
export const DRY_RUN_FLAG: FlagSpec = {
  name: "dry-run",
  type: "string",
  default: "none",
  optionalValue: "unchanged",
  usage:
    'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
};

/**
 * `-f, --filename` with the command's own usage text.
 *
 * @param usage kubectl's text for this command, e.g.
 *   `Filename, directory, or URL to files to use to create the resource`.
 * @returns The flag.
 */
export function filenameFlag(usage: string): FlagSpec {
  return { name: "filename", shorthand: "f", type: "stringArray", usage };
}

/** `-R, --recursive`. */
export const RECURSIVE_FLAG: FlagSpec = {
  name: "recursive",
  shorthand: "R",
  type: "bool",
  usage:
    "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.",
};

/**
 * `-o, --output` with the command's own usage text.
 *
 * @param usage kubectl's text, e.g. `Output format. One of: (json, yaml, name, ...).`
 * @returns The flag.
 */
export function outputFlag(usage: string): FlagSpec {
  return { name: "output", shorthand: "o", type: "string", usage };
}

/** `-o` of commands that print the objects they write (create, apply, label, ...). */
export const OBJECT_OUTPUT_FLAG: FlagSpec = outputFlag(
  "Output format. One of: (json, yaml, name, jsonpath, jsonpath-as-json, jsonpath-file).",
);

/** `--allow-missing-template-keys`. */
export const ALLOW_MISSING_TEMPLATE_KEYS_FLAG: FlagSpec = {
  name: "allow-missing-template-keys",
  type: "bool",
  default: true,
  usage:
    "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.",
};

/** `--show-managed-fields`. */
export const SHOW_MANAGED_FIELDS_FLAG: FlagSpec = {
  name: "show-managed-fields",
  type: "bool",
  usage: "If true, keep the managedFields when printing objects in JSON or YAML format.",
};

/**
 * `--template` (hidden: k1s has no Go templates; it still supplies the template of
 * `-o jsonpath`, as kubectl's does).
 */
export const TEMPLATE_FLAG: FlagSpec = {
  name: "template",
  type: "string",
  hidden: true,
  usage: "Template string to use when -o=jsonpath.",
};

/**
 * `--field-manager` with the command's default manager.
 *
 * @param manager e.g. `kubectl-create` (k1s keeps kubectl's manager names).
 * @returns The flag.
 */
export function fieldManagerFlag(manager: string): FlagSpec {
  return {
    name: "field-manager",
    type: "string",
    default: manager,
    usage: "Name of the manager used to track field ownership.",
  };
}

/** `--validate`. */
export const VALIDATE_FLAG: FlagSpec = {
  name: "validate",
  type: "string",
  default: "strict",
  optionalValue: "strict",
  usage:
    'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
};

/**
 * The printing flags kubectl adds to commands that print objects (`PrintFlags`): `-o`,
 * `--allow-missing-template-keys`, `--show-managed-fields`, `--template`.
 */
export const OBJECT_PRINT_FLAGS: readonly FlagSpec[] = [
  OBJECT_OUTPUT_FLAG,
  ALLOW_MISSING_TEMPLATE_KEYS_FLAG,
  SHOW_MANAGED_FIELDS_FLAG,
  TEMPLATE_FLAG,
];

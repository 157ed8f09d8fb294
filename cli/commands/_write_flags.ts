// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Flag specs shared by the write commands, worded as kubectl 1.32 words them. Plain data: spec
 * files import it on every run.
 *
 * @module
 */
import type { FlagSpec } from "../_internal/args/mod.ts";

/** `--save-config`. */
export const SAVE_CONFIG_FLAG: FlagSpec = {
  name: "save-config",
  type: "bool",
  usage:
    "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform k1s apply on this object in the future.",
};

/** `--windows-line-endings` of edit and apply edit-last-applied. */
export const WINDOWS_LINE_ENDINGS_FLAG: FlagSpec = {
  name: "windows-line-endings",
  type: "bool",
  usage: "Defaults to the line ending native to your platform.",
};

/** `--all` of label and annotate. */
export function allFlag(usage: string): FlagSpec {
  return { name: "all", type: "bool", usage };
}

/** `--overwrite` of label and annotate. */
export function overwriteFlag(usage: string): FlagSpec {
  return { name: "overwrite", type: "bool", usage };
}

/** `--resource-version` of label and annotate. */
export function resourceVersionFlag(usage: string): FlagSpec {
  return { name: "resource-version", type: "string", usage };
}

/** `--local`. */
export function localFlag(usage: string): FlagSpec {
  return { name: "local", type: "bool", usage };
}

/** `--field-manager` of label and annotate, whose defaults kubectl names after the command. */
export function managerFlag(manager: string): FlagSpec {
  return {
    name: "field-manager",
    type: "string",
    default: manager,
    usage: "Name of the manager used to track field ownership.",
  };
}

/** `--grace-period` (accepted; k1s deletes at once). */
export const GRACE_PERIOD_FLAG: FlagSpec = {
  name: "grace-period",
  type: "int",
  default: -1,
  usage:
    "Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).",
};

/** `--timeout` of delete and replace. */
export const DELETE_TIMEOUT_FLAG: FlagSpec = {
  name: "timeout",
  type: "duration",
  usage:
    "The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object",
};

/** `--cascade` (a string with an optional value: a bare `--cascade` means `background`). */
export const CASCADE_FLAG: FlagSpec = {
  name: "cascade",
  type: "string",
  default: "background",
  optionalValue: "background",
  usage:
    'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.',
};

/** `--wait` of delete. */
export const WAIT_FLAG: FlagSpec = {
  name: "wait",
  type: "bool",
  default: true,
  usage: "If true, wait for resources to be gone before returning. This waits for finalizers.",
};

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The write commands whose help is compared with kubectl's.
 *
 * @module
 */

/** Command paths below the tool name. */
export const HELP_COMMANDS: string[][] = [
  ["create"],
  ["create", "configmap"],
  ["create", "secret"],
  ["create", "secret", "generic"],
  ["create", "secret", "tls"],
  ["create", "secret", "docker-registry"],
  ["create", "namespace"],
  ["create", "serviceaccount"],
  ["create", "role"],
  ["create", "clusterrole"],
  ["create", "rolebinding"],
  ["create", "clusterrolebinding"],
  ["create", "token"],
  ["apply"],
  ["apply", "edit-last-applied"],
  ["apply", "set-last-applied"],
  ["apply", "view-last-applied"],
  ["replace"],
  ["delete"],
  ["edit"],
  ["patch"],
  ["label"],
  ["annotate"],
  ["diff"],
  ["scale"],
];

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `diff`: spec data (the implementation is ./diff.ts). Texts are kubectl 1.32's, with
 * examples on the kinds k1s serves.
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";
import {
  fieldManagerFlag,
  filenameFlag,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
} from "../_cli/common_flags.ts";

/** The `diff` command. */
export const diffSpec: CommandSpec = {
  name: "diff",
  summary: "Diff the live version against a would-be applied version",
  // kubectl's diff: flag errors are usage errors with CheckDiffErr's exit code.
  flagErrorExitCode: 2,
  group: "Advanced Commands:",
  description:
    'Diff configurations specified by file name or stdin between the current online configuration, and the configuration as it would be if applied.\n\nThe output is always YAML.\n\nKUBECTL_EXTERNAL_DIFF environment variable can be used to select your own diff command. Users can use external commands with params too, example: KUBECTL_EXTERNAL_DIFF="colordiff -N -u"\n\nBy default, the "diff" command available in your path will be run with the "-u" (unified diff) and "-N" (treat absent files as empty) options.\n\nExit status: 0 No differences were found. 1 Differences were found. >1 Kubectl or diff failed with an error.\n\nNote: KUBECTL_EXTERNAL_DIFF, if used, is expected to follow that convention.',
  examples: `# Diff resources included in cm.json
k1s diff -f cm.json

# Diff file read from stdin
cat secret.yaml | k1s diff -f -`,
  usage: "-f FILENAME",
  flags: [
    {
      name: "concurrency",
      type: "int",
      default: 1,
      usage:
        "Number of objects to process in parallel when diffing against the live version. Larger number = faster, but more memory, I/O and CPU over that shorter period of time.",
    },
    fieldManagerFlag("kubectl-client-side-apply"),
    filenameFlag("Filename, directory, or URL to files contains the configuration to diff"),
    {
      name: "force-conflicts",
      type: "bool",
      usage: "If true, server-side apply will force the changes against conflicts.",
    },
    {
      name: "prune",
      type: "bool",
      usage:
        "Include resources that would be deleted by pruning. Can be used with -l and default shows all resources would be pruned",
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
    {
      name: "show-managed-fields",
      type: "bool",
      usage: "If true, include managed fields in the diff.",
    },
  ],
};

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `version`: spec data (the implementation is ./version.ts).
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";

/** The `version` command. */
export const versionSpec: CommandSpec = {
  name: "version",
  summary: "Print the client and server version information",
  description: "Print the client and server version information for the current context.",
  examples: `# Print the client and server versions for the current context
k1s version`,
  usage: "[flags]",
  flags: [
    {
      name: "client",
      type: "bool",
      usage: "If true, shows client version only (no server required).",
    },
    { name: "output", shorthand: "o", type: "string", usage: "One of 'yaml' or 'json'." },
  ],
};

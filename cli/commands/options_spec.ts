// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `options` and `help`: spec data (the implementation is ./options.ts).
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";

/** The `options` command. */
export const optionsSpec: CommandSpec = {
  name: "options",
  summary: "Print the list of flags inherited by all commands",
  description: "Print the list of flags inherited by all commands",
  examples: `# Print flags inherited by all commands
k1s options`,
};

/** The `help` command. */
export const helpSpec: CommandSpec = {
  name: "help",
  summary: "Help about any command",
  description:
    "Help provides help for any command in the application.\nSimply type k1s help [path to command] for full details.",
  usage: "[command] [flags]",
};

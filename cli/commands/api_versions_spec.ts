// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `api-versions`: spec data (the implementation is ./api_versions.ts).
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";

/** The `api-versions` command. */
export const apiVersionsSpec: CommandSpec = {
  name: "api-versions",
  summary: 'Print the supported API versions on the server, in the form of "group/version"',
  description: 'Print the supported API versions on the server, in the form of "group/version".',
  examples: `# Print the supported API versions
k1s api-versions`,
  usage: "",
  args: { max: 0 },
};

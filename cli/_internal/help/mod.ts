// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The help generator: kubectl's help layout for any command declared as data.
 *
 * @module
 */
export { renderFlagUsages, renderHelp, renderOptions, usageLine } from "./command_help.ts";
export { examples, longDesc } from "./normalize.ts";

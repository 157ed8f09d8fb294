// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Command-line parsing with kubectl's (cobra/pflag) semantics and messages, from commands
 * declared as data.
 *
 * @module
 */
export type {
  ArgsSpec,
  CommandSpec,
  FlagSpec,
  FlagType,
  FlagValue,
  ParsedCommandLine,
} from "./types.ts";
export { UsageError, type UsageErrorKind } from "./usage_error.ts";
export { parseCommandLine } from "./parse_command_line.ts";
export { findCommand, flagsInScope, suggestionsFor } from "./find_command.ts";
export {
  flagDefault,
  flagDefaultText,
  FlagError,
  type ParsedFlags,
  parseFlags,
} from "./flag_set.ts";
export {
  formatGoDuration,
  parseCsvRecord,
  parseGoBool,
  parseGoDuration,
  parseGoInt,
} from "./go_values.ts";

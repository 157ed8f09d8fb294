// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Commands and flags declared as data. One parser and one help generator read these, so
 * every command parses and documents its flags the same way (as kubectl's cobra/pflag do).
 *
 * @module
 */

/**
 * Flag value types, as pflag names them:
 * - `string`, `bool`, `int` (64-bit, Go `ParseInt` base 0), `duration` (Go `time.ParseDuration`);
 * - `stringArray`: every occurrence adds one value (`--from-literal a=1 --from-literal b=2`);
 * - `stringSlice`: every occurrence adds comma-separated values (`-f a.yaml,b.yaml`, `-L a,b`).
 */
export type FlagType = "string" | "bool" | "int" | "duration" | "stringArray" | "stringSlice";

/** A parsed flag value: strings, booleans, integers, milliseconds for durations, string lists. */
export type FlagValue = string | boolean | number | string[];

/** One flag. */
export interface FlagSpec {
  /** Long name without dashes, e.g. `all-namespaces`. */
  name: string;
  /** One-letter shorthand, e.g. `A`. */
  shorthand?: string;
  /** Value type. */
  type: FlagType;
  /** Help text. */
  usage: string;
  /**
   * Default value: a string, boolean, number (milliseconds for durations) or string list.
   * Defaults to `""`, `false`, `0` or `[]`.
   */
  default?: FlagValue;
  /**
   * The value a flag takes when given without one (pflag's `NoOptDefVal`), e.g. `unchanged` for
   * `--dry-run`. Boolean flags always have `true`.
   */
  optionalValue?: string;
  /** Hidden from help (still parsed). */
  hidden?: boolean;
  /** Deprecation message; the flag is hidden and using it warns `Flag --x has been deprecated, <msg>`. */
  deprecated?: string;
}

/**
 * How many positional arguments a command takes. Violations raise cobra's messages
 * (`accepts 1 arg(s), received 2`); commands with their own wording validate in their run.
 */
export interface ArgsSpec {
  /** Fewest arguments. */
  min?: number;
  /** Most arguments. */
  max?: number;
}

/** One command (or a group of subcommands). */
export interface CommandSpec {
  /** Name as typed, e.g. `get`, `configmap`. The root's name is the tool's name. */
  name: string;
  /** Other names, e.g. `["cm"]`. */
  aliases?: readonly string[];
  /** One-line summary (cobra's `Short`), shown in command lists. */
  summary: string;
  /** Long description (cobra's `Long`), normalised like kubectl's `templates.LongDesc`. */
  description?: string;
  /**
   * Text appended to the description after a blank line, as is: kubectl appends
   * `Use "kubectl api-resources" for a complete list of supported resources.` this way.
   */
  descriptionFooter?: string;
  /** Examples (kubectl's `templates.Examples`): `# comment` lines and commands. */
  examples?: string;
  /**
   * The usage line after the command path, e.g. `[(-o|--output=)json|yaml] (TYPE [NAME] | TYPE/NAME)`.
   * `[flags]` and ` [options]` are handled by the help generator.
   */
  usage?: string;
  /** Flags of this command only. */
  flags?: readonly FlagSpec[];
  /** Flags this command and all its subcommands accept (the root's are the global options). */
  persistentFlags?: readonly FlagSpec[];
  /** Positional argument bounds. */
  args?: ArgsSpec;
  /** Subcommands. */
  commands?: readonly CommandSpec[];
  /** Group heading in the parent's help, e.g. `Basic Commands (Beginner):`. */
  group?: string;
  /** Hidden from help and suggestions. */
  hidden?: boolean;
  /** Names that suggest this command when mistyped (cobra's `SuggestFor`). */
  suggestFor?: readonly string[];
  /** Whether the command does something itself; commands with only subcommands are not runnable. */
  runnable?: boolean;
  /**
   * The exit code of a flag error, which then reads as a command's usage error
   * (`error: <msg>` + `See '<cmd> -h' for help and examples`) rather than cobra's. kubectl's
   * `diff` sets 2: its 1 means "differences found".
   */
  flagErrorExitCode?: number;
}

/** The result of parsing a command line. */
export interface ParsedCommandLine {
  /** The command found, from the root to the leaf. */
  path: readonly CommandSpec[];
  /** The command to run (the last of `path`). */
  command: CommandSpec;
  /** Every flag the command accepts (local and inherited), by long name, defaults included. */
  flags: Record<string, FlagValue>;
  /** Long names of the flags given on the command line. */
  changed: ReadonlySet<string>;
  /** Positional arguments, in order. */
  args: string[];
  /** How many positional arguments came before `--`, or -1 without `--` (cobra's `ArgsLenAtDash`). */
  argsLenAtDash: number;
  /** Whether help should be printed: `-h`/`--help` was given, or a subcommand is missing. */
  help: boolean;
  /** Whether the help answers a missing subcommand (kubectl prints it to stderr and exits 1). */
  helpIsError: boolean;
  /** Deprecation warnings to print to stderr (`Flag --x has been deprecated, ...`). */
  warnings: string[];
}

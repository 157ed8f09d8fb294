// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The command module contract of the k1s CLI framework.
 *
 * A command is two parts:
 *
 * 1. **Spec data** (`cli/commands/<name>_spec.ts`): a {@linkcode CommandSpec} (name, summary,
 *    description, examples, usage, flags, subcommands, help group). It is small and loaded on
 *    every run, because parsing and help need it. Reuse the flag fragments of
 *    `cli/_cli/common_flags.ts` (`-o`, `-f`, `-R`, `-l`, `-A`, `--dry-run`, ...) so every
 *    command words them as kubectl does.
 * 2. **An implementation** (`cli/commands/<name>.ts`) exporting
 *    `run(ctx: CommandContext): Promise<number | void>`. It is imported lazily (only when
 *    the command runs), so `k1s get configmaps` never loads `create`'s code. A command with
 *    subcommands gets one `run` for all of them and dispatches on `ctx.path`.
 *
 * The {@linkcode CommandDefinition} pairs the two; `cli/_cli/command_table.ts` lists the
 * built-in ones and `createCli({ extraCommands })` adds a tool's own.
 *
 * Rules for `run`:
 * - Return the exit code (`undefined` means 0). Throw to fail: the framework prints the error
 *   as kubectl's `CheckErr` does (`Error from server (NotFound): ...`, `error: ...`,
 *   `The ConfigMap "x" is invalid: ...`, usage errors with their hint) and exits 1 (or the
 *   error's `exitCode`). To report an error and go on (kubectl's "the rest of the file still
 *   runs"), call `ctx.printError(err)` and return 1 at the end.
 * - Write results with `ctx.stdout.write`, diagnostics with `ctx.stderr.write`; never
 *   `console.log`. Read the store only through `await ctx.runtime()`.
 * - After a successful write, call `await ctx.afterWrite()` (runs triggered reconciles and
 *   flushes events). The framework calls it again at exit when the runtime was written to, so
 *   forgetting it costs correctness of output order only, never lost work.
 * - Long-running commands (`-w`, `reconcile --watch`, `wait`) stop when `ctx.signal` aborts
 *   (SIGINT/SIGTERM); the framework then closes the runtime, which flushes events.
 *
 * @module
 */
import type { CommandSpec, FlagSpec, FlagValue, UsageError } from "../_internal/args/mod.ts";
import type { Output, TextSink } from "../_internal/output.ts";
import type { KubeObject, ResourceType, Runtime, UserInfo } from "@k1s/core";
import type { ManifestSource } from "../_internal/manifest/mod.ts";

export type { CommandSpec, FlagSpec, FlagValue, Output, TextSink };

/** `--dry-run`: `none` (default), `client` (nothing is sent) or `server` (validated, not stored). */
export type DryRun = "none" | "client" | "server";

/** A command's implementation: imported lazily when the command runs. */
export interface CommandModule {
  /**
   * Runs the command.
   *
   * @param ctx Flags, arguments, output, the runtime and helpers.
   * @returns The exit code; `undefined` means 0.
   */
  run(ctx: CommandContext): Promise<number | void>;
}

/** A command of the CLI: its spec data and how to load its implementation. */
export interface CommandDefinition {
  /** Name, summary, flags, subcommands, help texts. */
  spec: CommandSpec;
  /** Imports the implementation (use a literal `import("./x.ts")` so bundlers see it). */
  load: () => Promise<CommandModule>;
  /**
   * Whether the command uses the store. The framework then starts opening it while the
   * command's code loads (a failure surfaces when the command calls `ctx.runtime()`).
   * @default {true}
   */
  store?: boolean;
}

/** One thing a resource argument or `-f` names: a single object, or a list query. */
export type ResourceTarget = NamedTarget | ListTarget;

/** A single object: `TYPE NAME`, `TYPE/NAME`, or an object from `-f`. */
export interface NamedTarget {
  /** Discriminator. */
  readonly kind: "name";
  /** The resolved type. */
  readonly type: ResourceType;
  /** The namespace (`""` for cluster-scoped kinds). */
  readonly namespace: string;
  /** The name. */
  readonly name: string;
  /** The object as read from `-f` (absent for names given as arguments). */
  readonly object?: KubeObject;
  /** Where `object` came from (for `error when creating "x.yaml": ...`). */
  readonly source?: ManifestSource;
}

/** Every object of a type in a namespace (or all namespaces), filtered by selectors. */
export interface ListTarget {
  /** Discriminator. */
  readonly kind: "list";
  /** The resolved type. */
  readonly type: ResourceType;
  /** The namespace; `""` for all namespaces or a cluster-scoped kind. */
  readonly namespace: string;
  /** `-l`. */
  readonly labelSelector?: string;
  /** `--field-selector`. */
  readonly fieldSelector?: string;
}

/** Options of {@linkcode CommandContext.resources}. */
export interface ResourceArgsOptions {
  /** Positional arguments to read; defaults to all of `ctx.args`. */
  args?: readonly string[];
  /** Read `-f`/`-R` (the command declares those flags). @default {true} */
  files?: boolean;
  /**
   * A type without names lists every object (`get cm`); when false a list needs `-l`,
   * `--field-selector` or `--all` (`delete cm` fails with `resource(s) were provided, but no
   * name was specified`). @default {true}
   */
  allowEmptySelector?: boolean;
  /** The message when nothing at all is named (kubectl's per-command wording). */
  emptyMessage?: string;
  /** Keep objects from `-f` even when their kind is unknown (`create -f` reports per object). */
  keepUnknownKinds?: boolean;
  /**
   * Go on past `-f` files that cannot be parsed or decoded, keeping their errors in
   * `unreadable` (kubectl's reads: `get`, `describe`); otherwise the first one is thrown.
   */
  keepUnreadable?: boolean;
}

/** The targets a command's resource arguments name, in kubectl's visiting order. */
export interface ResourceArgs {
  /** The targets. */
  targets: ResourceTarget[];
  /** Whether several types (or `TYPE/NAME` forms of different types) were asked for. */
  multipleTypes: boolean;
  /** Whether exactly one object was named (`get cm foo -o yaml` prints it, not a List). */
  singleItem: boolean;
  /**
   * Objects from `-f` whose kind is unknown (only with `keepUnknownKinds`); `position` is the
   * number of targets read before each (where it goes among them in file order), `order` the
   * number of objects read before it (targets and unknown ones).
   */
  unknown: {
    object: KubeObject;
    source: ManifestSource;
    error: Error;
    position: number;
    order: number;
  }[];
  /**
   * Errors of `-f` files that could not be read (only with `keepUnreadable`), with where they
   * fall among the objects read: `position` as for `unknown`, `order` the number of objects
   * read before them.
   */
  unreadable: { error: Error; position: number; order: number }[];
}

/** What a command receives. */
export interface CommandContext {
  /** The tool name (`k1s`, `inventory`). */
  readonly name: string;
  /** The tool version. */
  readonly version: string;
  /** The command path below the root, e.g. `["create", "configmap"]`. */
  readonly path: readonly string[];
  /** The specs from the root to the command. */
  readonly specs: readonly CommandSpec[];
  /** The command's flags (own and inherited) by long name, defaults included. */
  readonly flags: Readonly<Record<string, FlagValue>>;
  /** Long names of the flags given on the command line. */
  readonly changed: ReadonlySet<string>;
  /** Positional arguments. */
  readonly args: readonly string[];
  /** Positional arguments before `--`, or -1 (`create secret generic x -- cmd`). */
  readonly argsLenAtDash: number;
  /** stdout and stderr. */
  readonly out: Output;
  /** Results. */
  readonly stdout: TextSink;
  /** Errors, warnings, `No resources found ...`. */
  readonly stderr: TextSink;
  /** Reads an environment variable the CLI declared it reads (see docs/cli.md). */
  env(name: string): string | undefined;
  /** Reads all of standard input as text (for `-f -`). */
  readStdin(): Promise<string>;
  /** Aborted on SIGINT/SIGTERM (and by `--request-timeout` for watches). */
  readonly signal: AbortSignal;
  /** The clock. */
  now(): Date;

  /** `-n`, else the default namespace (`default`). */
  readonly namespace: string;
  /** Whether `-n` was given. */
  readonly explicitNamespace: boolean;
  /** `-A`/`--all-namespaces` (false when the command has no such flag). */
  readonly allNamespaces: boolean;
  /** `--dry-run` (`none` when the command has no such flag). */
  readonly dryRun: DryRun;
  /** `-v` level. */
  readonly verbosity: number;
  /** The store URL the runtime opens (`--store`, `K1S_STORE`, the tool's default, `~/.k1s/k1s.db`). */
  readonly store: string;

  /** A string flag. */
  string(name: string): string;
  /** A boolean flag. */
  bool(name: string): boolean;
  /** An int or duration (milliseconds) flag. */
  number(name: string): number;
  /** A string list flag (`stringArray`/`stringSlice`). */
  strings(name: string): string[];

  /**
   * The runtime, opened on first use with the identity from `--as`/`--as-group`/`--token`/
   * `K1S_TOKEN` and the tenant from `--tenant`/`K1S_TENANT`. Closed by the framework.
   */
  runtime(): Promise<Runtime>;
  /** The identity given on the command line, if any (`--as`, `--as-group`). */
  readonly user: UserInfo | undefined;
  /**
   * Resolves a resource name as kubectl does (plural, singular, short name, Kind,
   * `plural.group`, `kind.version.group`, categories like `all`), loading stored CRDs before
   * giving up.
   *
   * @throws {Error} `the server doesn't have a resource type "x"`.
   */
  resolveResource(name: string): Promise<ResourceType[]>;
  /**
   * Builds the targets of the resource arguments (`TYPE NAME...`, `TYPE/NAME...`,
   * `TYPE1,TYPE2`, `-f`/`-R`/`-f -`, `-l`, `--field-selector`, `--all`, `-A`) with kubectl's
   * errors.
   */
  resources(options?: ResourceArgsOptions): Promise<ResourceArgs>;
  /**
   * Reads the objects a target names: one for a name, the matching ones for a list. With
   * `asTable`, listed objects may be metadata-only with their table cells (core's
   * `ListOptions.asTable`), for a table that prints them as they are.
   */
  fetch(target: ResourceTarget, options?: { asTable?: boolean }): Promise<KubeObject[]>;

  /** A usage error with the command's hint (`error: msg` + `See 'k1s get -h' ...`). */
  usageError(message: string): UsageError;
  /** Prints an error as kubectl's final error handler would, without ending the command. */
  printError(err: unknown): void;
  /** Prints `Warning: <message>` to stderr. */
  warn(message: string): void;
  /** Logs to stderr when `-v` is at least `level` (klog style). */
  log(level: number, message: string): void;
  /** Runs triggered reconciles and flushes events after a write (see the module doc). */
  afterWrite(): Promise<void>;
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The {@linkcode CommandContext} implementation: flags, output, the lazily opened runtime,
 * identity, namespace, dry-run, resource arguments and write follow-up.
 *
 * @module
 */
import type { DrainResult, KubeObject, ResourceType, Runtime, UserInfo } from "@k1s/core";
import type {
  CommandContext,
  CommandSpec,
  DryRun,
  FlagValue,
  Output,
  ResourceArgs,
  ResourceArgsOptions,
  ResourceTarget,
  TextSink,
} from "./command.ts";
import { UsageError } from "../_internal/args/usage_error.ts";
import { CliError, renderError } from "./errors.ts";
import { buildResourceArgs, fetchTarget, resolveResource } from "./resources.ts";
import type { CliOptions } from "./options.ts";
import { klogLine } from "./verbose.ts";

/**
 * Environment variables newer than the `--allow-env` lists tools were built and documented
 * with. A process not granted one runs as if it were unset rather than failing (or prompting)
 * on every command.
 */
function optionalEnv(name: string): boolean {
  return name.endsWith("_AUDIT_LOG");
}

/**
 * Reads the process's environment for a context: as `Deno.env.get`, except that an optional
 * variable the process may not read is unset.
 *
 * @param name The variable.
 * @returns Its value, or `undefined`.
 */
export function processEnv(name: string): string | undefined {
  if (
    optionalEnv(name) &&
    Deno.permissions.querySync({ name: "env", variable: name }).state !== "granted"
  ) {
    return undefined;
  }
  return Deno.env.get(name);
}

/** Everything the framework hands a context. */
export interface ContextInit {
  /** The CLI's options. */
  cli: CliOptions;
  /** Specs from the root to the command. */
  specs: readonly CommandSpec[];
  /** Parsed flags. */
  flags: Record<string, FlagValue>;
  /** Flags given. */
  changed: ReadonlySet<string>;
  /** Positional arguments. */
  args: string[];
  /** cobra's ArgsLenAtDash. */
  argsLenAtDash: number;
  /** Streams. */
  out: Output;
  /**
   * Where the CLI's own warnings go (controller leftovers after a write); stderr, but not the
   * stream `--warnings-as-errors` counts, which is about warnings from the API. @default {out.stderr}
   */
  notices?: TextSink;
  /** Environment. */
  env: (name: string) => string | undefined;
  /** stdin. */
  readStdin: () => Promise<string>;
  /** The stop signal (signal traps are installed on first call). */
  signal: () => AbortSignal;
  /** Clock. */
  now: () => Date;
}

/**
 * Builds a context. The runtime is opened on first use; call `close()` when the command ends.
 */
export class Context implements CommandContext {
  readonly name: string;
  readonly version: string;
  readonly path: readonly string[];
  readonly specs: readonly CommandSpec[];
  readonly flags: Readonly<Record<string, FlagValue>>;
  readonly changed: ReadonlySet<string>;
  readonly args: readonly string[];
  readonly argsLenAtDash: number;
  readonly out: Output;
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly namespace: string;
  readonly explicitNamespace: boolean;
  readonly allNamespaces: boolean;
  readonly verbosity: number;
  #init: ContextInit;
  #warned = new Set<string>();
  #runtime: Promise<Runtime> | undefined;
  #dryRun: DryRun | undefined;
  #wrote = false;
  #pendingWrites = false;
  #store: string | undefined;
  /** Warnings already printed: a command that drains more than once reports a failure once. */
  #reported = new Set<string>();

  constructor(init: ContextInit) {
    this.#init = init;
    this.name = init.cli.name;
    this.version = init.cli.version;
    this.specs = init.specs;
    this.path = init.specs.slice(1).map((s) => s.name);
    this.flags = init.flags;
    this.changed = init.changed;
    this.args = init.args;
    this.argsLenAtDash = init.argsLenAtDash;
    this.out = init.out;
    this.stdout = init.out.stdout;
    this.stderr = init.out.stderr;
    const ns = typeof init.flags.namespace === "string" ? init.flags.namespace : "";
    this.explicitNamespace = ns !== "";
    this.namespace = ns || "default";
    this.allNamespaces = init.flags["all-namespaces"] === true;
    this.verbosity = typeof init.flags.v === "number" ? init.flags.v : 0;
  }

  get signal(): AbortSignal {
    return this.#init.signal();
  }

  env(name: string): string | undefined {
    return this.#init.env(name);
  }

  readStdin(): Promise<string> {
    return this.#init.readStdin();
  }

  now(): Date {
    return this.#init.now();
  }

  get store(): string {
    if (this.#store !== undefined) return this.#store;
    const flag = this.string("store");
    const prefix = this.#init.cli.envPrefix ?? "K1S";
    let store = flag || this.env(`${prefix}_STORE`) || this.#init.cli.defaultStore;
    if (!store) {
      // k1s's own default, or a tool's with a prefix of its own: `~/.<name>/<name>.db`.
      const base = prefix === "K1S" ? "k1s" : this.name;
      const home = this.env(`${prefix}_HOME`);
      if (home) store = `${home.replace(/\/+$/, "")}/${base}.db`;
      else {
        const h = this.env("HOME");
        if (!h) {
          throw new CliError(
            `cannot find the default store: set HOME, ${prefix}_HOME or ${prefix}_STORE, or pass --store`,
          );
        }
        store = `${h.replace(/\/+$/, "")}/.${base}/${base}.db`;
      }
    }
    return this.#store = store;
  }

  get dryRun(): DryRun {
    if (this.#dryRun) return this.#dryRun;
    if (!("dry-run" in this.flags)) return this.#dryRun = "none";
    const v = String(this.flags["dry-run"]);
    let d: DryRun;
    switch (v) {
      case "unchanged":
        this.#klogWarning("--dry-run is deprecated and can be replaced with --dry-run=client.");
        d = "client";
        break;
      case "client":
      case "server":
      case "none":
        d = v;
        break;
      default: {
        const b = parseBool(v);
        if (b === undefined) {
          throw new CliError(
            `Invalid dry-run value (${v}). Must be "none", "server", or "client".`,
          );
        }
        this.#klogWarning(
          `--dry-run=${v} is deprecated (boolean value) and can be replaced with --dry-run=${
            b ? "client" : "none"
          }.`,
        );
        d = b ? "client" : "none";
      }
    }
    return this.#dryRun = d;
  }

  get user(): UserInfo | undefined {
    const as = this.string("as");
    const groups = this.strings("as-group");
    const uid = this.string("as-uid");
    if (!as) {
      if (groups.length || uid) {
        throw new CliError(
          "requesting uid, groups or user-extra for  without impersonating a user",
        );
      }
      return undefined;
    }
    return { username: as, ...(groups.length ? { groups } : {}), ...(uid ? { uid } : {}) };
  }

  string(name: string): string {
    const v = this.flags[name];
    return typeof v === "string" ? v : v === undefined ? "" : String(v);
  }

  bool(name: string): boolean {
    return this.flags[name] === true;
  }

  number(name: string): number {
    const v = this.flags[name];
    return typeof v === "number" ? v : 0;
  }

  strings(name: string): string[] {
    const v = this.flags[name];
    return Array.isArray(v) ? [...v] : typeof v === "string" && v ? [v] : [];
  }

  runtime(): Promise<Runtime> {
    this.#runtime ??= this.#openRuntime();
    return this.#runtime;
  }

  /** Whether the runtime was opened. */
  get opened(): boolean {
    return this.#runtime !== undefined;
  }

  async #openRuntime(): Promise<Runtime> {
    const cli = this.#init.cli;
    const storeUrl = this.store;
    const user = this.user;
    const prefix = cli.envPrefix ?? "K1S";
    const token = this.string("token") || this.env(`${prefix}_TOKEN`) || undefined;
    const tenant = this.string("tenant") || this.env(`${prefix}_TENANT`) || undefined;
    const auditLog = this.string("audit-log") || this.env(`${prefix}_AUDIT_LOG`) || undefined;
    const started = performance.now();
    const core = await import("./core.ts");
    this.log(7, `loaded the core in ${(performance.now() - started).toFixed(1)} ms`);
    let store: string | import("@k1s/core").Storage = storeUrl;
    if (this.verbosity >= 6) {
      const { loggingStorage } = await import("./verbose.ts");
      store = loggingStorage(await core.openStorage(storeUrl), (m) => this.log(6, m));
    }
    const rt = await core.createRuntime({
      store,
      ...(user ? { user } : {}),
      ...(token ? { token } : {}),
      ...(tenant ? { tenant } : {}),
      ...(auditLog ? { auditLog } : {}),
      namespace: this.namespace,
      ...(cli.resources ? { resources: cli.resources } : {}),
      ...(cli.admission?.length ? { admission: cli.admission } : {}),
      // kubectl's warning handler prints each distinct warning of the API once.
      onWarning: (m) => {
        if (this.#warned.has(m)) return;
        this.#warned.add(m);
        this.warn(m);
      },
      ...(typeof this.flags["field-manager"] === "string"
        ? { fieldManager: this.flags["field-manager"] }
        : {}),
    });
    try {
      if (cli.crds?.length) {
        const { installCustomResourceDefinitions } = await import("./core_extra.ts");
        installCustomResourceDefinitions(rt, cli.crds);
      }
      for (const c of cli.controllers ?? []) rt.controllers.add(c);
      rt.onWrite(() => {
        this.#wrote = true;
        this.#pendingWrites = true;
      });
    } catch (e) {
      await rt.close();
      throw e;
    }
    this.log(
      4,
      `opened store ${JSON.stringify(storeUrl)} in ${(performance.now() - started).toFixed(1)} ms`,
    );
    return rt;
  }

  async resolveResource(name: string): Promise<ResourceType[]> {
    return await resolveResource(await this.runtime(), name);
  }

  async resources(options: ResourceArgsOptions = {}): Promise<ResourceArgs> {
    const rt = await this.runtime();
    return await buildResourceArgs(rt, {
      args: this.args,
      filenames: this.strings("filename"),
      recursive: this.bool("recursive"),
      ...(this.changed.has("selector") ? { labelSelector: this.string("selector") } : {}),
      ...(this.changed.has("field-selector")
        ? { fieldSelector: this.string("field-selector") }
        : {}),
      all: this.bool("all"),
      allNamespaces: this.allNamespaces,
      namespace: this.namespace,
      enforceNamespace: this.explicitNamespace,
      tool: this.name,
      readStdin: () => this.readStdin(),
      validate: "validate" in this.flags &&
        !["false", "ignore"].includes(this.string("validate").toLowerCase()),
    }, options);
  }

  async fetch(target: ResourceTarget, options: { asTable?: boolean } = {}): Promise<KubeObject[]> {
    // kubectl pages lists to spare the API server; the embedded store reads one snapshot
    // either way, so pages are only used when --chunk-size is given.
    const chunk = this.changed.has("chunk-size") ? this.number("chunk-size") : 0;
    return await fetchTarget(await this.runtime(), target, { ...options, chunkSize: chunk });
  }

  usageError(message: string): UsageError {
    return new UsageError(message, {
      kind: "usage",
      commandPath: this.specs.map((s) => s.name).join(" "),
    });
  }

  printError(err: unknown): void {
    this.stderr.write(renderError(err, this.name));
  }

  warn(message: string): void {
    this.stderr.write(`Warning: ${message}\n`);
  }

  log(level: number, message: string): void {
    if (this.verbosity >= level) this.stderr.write(klogLine("I", message, this.now()));
  }

  #klogWarning(message: string): void {
    this.stderr.write(klogLine("W", message, this.now()));
  }

  async afterWrite(): Promise<void> {
    if (!this.#runtime || !this.#pendingWrites) return;
    this.#pendingWrites = false;
    const rt = await this.#runtime;
    const result = await rt.controllers.drain({ signal: this.signal });
    if (this.verbosity >= 2) {
      this.log(
        2,
        `reconciled ${result.reconciled}; ${result.remaining.length} left, ${result.failed.length} failed, ${result.scheduled.length} scheduled`,
      );
    }
    for (const f of result.failed) {
      this.log(1, `reconcile of ${f.controller} ${requestText(f.request)} failed: ${f.error}`);
    }
    this.#warnLeftovers(result);
  }

  // The write itself succeeded, so what its follow-up left is a warning and the exit code stays
  // 0; but silence would hide that the store is not where the write meant it to be (an owner
  // that cannot be resolved, a dependent not collected) until someone runs reconcile.
  #warnLeftovers(result: DrainResult): void {
    const sink = this.#init.notices ?? this.stderr;
    const reconcile = `run "${this.name} reconcile"`;
    const lines = result.failed.map((f) =>
      `Warning: ${f.controller} ${requestText(f.request)}: ${
        firstLine(f.error)
      }; ${reconcile} to retry\n`
    );
    const left = result.remaining.length;
    if (left > 0) {
      const why = this.#init.signal().aborted
        ? "the command was stopped"
        : "the controllers' time or pass budget ran out";
      lines.push(
        `Warning: ${left} reconcile${
          left === 1 ? " was" : "s were"
        } still queued when ${why}; ${reconcile} to finish ${left === 1 ? "it" : "them"}\n`,
      );
    }
    for (const line of lines) {
      if (this.#reported.has(line)) continue;
      this.#reported.add(line);
      sink.write(line);
    }
  }

  /** Finishes pending work and closes the runtime (flushing events). */
  async close(): Promise<void> {
    if (!this.#runtime) return;
    let rt: Runtime;
    try {
      rt = await this.#runtime;
    } catch {
      return;
    }
    try {
      if (this.#wrote && this.#pendingWrites) await this.afterWrite();
    } finally {
      await rt.close();
    }
  }
}

function requestText(r: { namespace?: string; name: string }): string {
  return r.namespace ? `${r.namespace}/${r.name}` : r.name;
}

function firstLine(text: string): string {
  const i = text.indexOf("\n");
  return i < 0 ? text : `${text.slice(0, i)} ...`;
}

function parseBool(v: string): boolean | undefined {
  if (["1", "t", "T", "true", "TRUE", "True"].includes(v)) return true;
  if (["0", "f", "F", "false", "FALSE", "False"].includes(v)) return false;
  return undefined;
}

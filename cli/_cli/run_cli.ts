// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * One CLI invocation: parse the command line against the command tree, print help, or load
 * the command's implementation and run it with a context; render errors as kubectl does;
 * stop long-running commands on SIGINT/SIGTERM; close the runtime (flushing events).
 *
 * @module
 */
import type { CommandSpec } from "../_internal/args/mod.ts";
import { parseCommandLine } from "../_internal/args/parse_command_line.ts";
import { helpText } from "./help.ts";
import { streamOutput } from "../_internal/output.ts";
import type { CommandDefinition, TextSink } from "./command.ts";
import { Context, processEnv } from "./context.ts";
import { CliError, exitCodeOf, renderError } from "./errors.ts";
import type { CliOptions } from "./options.ts";

/** Where a run reads and writes (all optional: the process's streams, env and clock). */
export interface CliIo {
  /** stdout sink. */
  stdout?: TextSink;
  /** stderr sink. */
  stderr?: TextSink;
  /** Reads all of stdin. */
  readStdin?: () => Promise<string>;
  /** Reads an environment variable. */
  env?: (name: string) => string | undefined;
  /** The clock. */
  now?: () => Date;
  /** Stops long-running commands; without it SIGINT/SIGTERM do. */
  signal?: AbortSignal;
}

/** A prepared CLI: options, command definitions and the root spec. */
export interface CliSetup {
  /** Options. */
  options: CliOptions;
  /** Commands by name. */
  definitions: ReadonlyMap<string, CommandDefinition>;
  /** The root command. */
  root: CommandSpec;
}

/**
 * Runs one command line.
 *
 * @param setup The CLI.
 * @param argv The arguments after the tool name.
 * @param io Streams, env, clock, stop signal.
 * @returns The exit code.
 */
export async function runCli(
  setup: CliSetup,
  argv: readonly string[],
  io: CliIo = {},
): Promise<number> {
  const std = io.stdout && io.stderr ? undefined : streamOutput();
  const out = { stdout: io.stdout ?? std!.stdout, stderr: io.stderr ?? std!.stderr };
  const tool = setup.options.name;
  if (argv[0] === "__complete") {
    const { runComplete } = await import("./complete.ts");
    return await runComplete(setup, argv.slice(1), io);
  }
  let parsed;
  try {
    parsed = parseCommandLine(setup.root, argv);
  } catch (e) {
    out.stderr.write(renderError(e, tool));
    return exitCodeOf(e);
  }
  for (const w of parsed.warnings) out.stderr.write(w.endsWith("\n") ? w : `${w}\n`);
  const path = parsed.path;
  if (parsed.help || path.length === 1) {
    const text = helpText(path);
    if (parsed.helpIsError) {
      out.stderr.write(text);
      return 1;
    }
    out.stdout.write(text);
    return 0;
  }
  const def = setup.definitions.get(path[1].name);
  if (!def) {
    out.stderr.write(`error: command ${JSON.stringify(path[1].name)} has no implementation\n`);
    return 1;
  }

  const stop = new AbortController();
  let removeSignals = () => {};
  let armed = false;
  // Signals are trapped only when a command looks at its stop signal (long-running ones), so
  // short commands pay nothing for them.
  const signal = () => {
    if (!armed) {
      armed = true;
      removeSignals = io.signal ? watchAbort(io.signal, stop) : trapSignals(stop);
    }
    return stop.signal;
  };
  const env = io.env ?? processEnv;
  let warnings = 0;
  const stderr: TextSink = {
    write(text: string) {
      if (text.startsWith("Warning: ")) warnings++;
      out.stderr.write(text);
    },
  };
  const ctx = new Context({
    cli: setup.options,
    specs: path,
    flags: parsed.flags,
    changed: parsed.changed,
    args: parsed.args,
    argsLenAtDash: parsed.argsLenAtDash,
    out: { stdout: out.stdout, stderr },
    notices: out.stderr,
    env,
    readStdin: io.readStdin ?? (() => new Response(Deno.stdin.readable).text()),
    signal,
    now: io.now ?? (() => new Date()),
  });
  let code: number;
  try {
    const timeout = requestTimeout(ctx.string("request-timeout"));
    if (timeout > 0) {
      const t = setTimeout(() => stop.abort(new Error("request timeout")), timeout);
      Deno.unrefTimer(t);
    }
    const loaded = performance.now();
    // Overlap opening the store with loading the command's code.
    if (def.store !== false) ctx.runtime().catch(() => {});
    const mod = await def.load();
    ctx.log(
      7,
      `loaded ${path[1].name} in ${(performance.now() - loaded).toFixed(1)} ms (process at ${
        performance.now().toFixed(1)
      } ms)`,
    );
    code = (await mod.run(ctx)) ?? 0;
    ctx.log(7, `ran ${path[1].name}; process at ${performance.now().toFixed(1)} ms`);
  } catch (e) {
    const pre = (e as { stdout?: unknown }).stdout;
    if (typeof pre === "string" && pre) out.stdout.write(pre);
    if (!(e instanceof Error && e.name === "ExitCode")) stderr.write(renderError(e, tool));
    code = exitCodeOf(e);
  }
  try {
    await ctx.close();
    ctx.log(7, `closed; process at ${performance.now().toFixed(1)} ms`);
  } catch (e) {
    stderr.write(renderError(e, tool));
    if (code === 0) code = exitCodeOf(e);
  } finally {
    removeSignals();
  }
  if (code === 0 && warnings > 0 && ctx.bool("warnings-as-errors")) {
    out.stderr.write(`error: ${warnings} warning${warnings === 1 ? "" : "s"} received\n`);
    code = 1;
  }
  return code;
}

function requestTimeout(value: string): number {
  if (!value || value === "0") return 0;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value);
  if (!m) {
    throw new CliError(
      "Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)",
    );
  }
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "ms" | "s" | "m" | "h"];
  return Number(m[1]) * unit;
}

function watchAbort(signal: AbortSignal, stop: AbortController): () => void {
  const onAbort = () => stop.abort(signal.reason);
  if (signal.aborted) onAbort();
  signal.addEventListener("abort", onAbort);
  return () => signal.removeEventListener("abort", onAbort);
}

// The first signal asks the command to finish (a watch stops, a reconcile completes and events
// are flushed); a second one exits at once.
function trapSignals(stop: AbortController): () => void {
  const installed: [Deno.Signal, () => void][] = [];
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    const handler = () => {
      if (stop.signal.aborted) Deno.exit(sig === "SIGINT" ? 130 : 143);
      stop.abort(new Error(`interrupted by ${sig}`));
    };
    try {
      Deno.addSignalListener(sig, handler);
      installed.push([sig, handler]);
    } catch {
      // Not supported on this platform (SIGTERM on Windows).
    }
  }
  return () => {
    for (const [sig, h] of installed) Deno.removeSignalListener(sig, h);
  };
}

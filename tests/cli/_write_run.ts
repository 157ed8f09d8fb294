// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Runs the real `k1s` command (cli/main.ts) as a subprocess, for the write-command tests.
 *
 * @module
 */
import { CLI_V8_FLAGS } from "../../cli/_cli/v8_flags.ts";

const MAIN = new URL("../../cli/main.ts", import.meta.url).pathname;
const CONFIG = new URL("../../deno.json", import.meta.url).pathname;

/** What a run printed. */
export interface RunResult {
  /** stdout. */
  stdout: string;
  /** stderr. */
  stderr: string;
  /** Exit code. */
  code: number;
}

/**
 * Runs `k1s <args>` on a store.
 *
 * @param args Arguments after `k1s`.
 * @param options Working directory, store path, stdin, extra environment.
 * @returns The output and exit code.
 */
export async function runK1s(
  args: readonly string[],
  options: { cwd?: string; store: string; stdin?: string; env?: Record<string, string> },
): Promise<RunResult> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", `--config=${CONFIG}`, ...CLI_V8_FLAGS, MAIN, ...args],
    cwd: options.cwd,
    env: { K1S_STORE: options.store, NO_COLOR: "1", ...(options.env ?? {}) },
    stdin: options.stdin !== undefined ? "piped" : "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(options.stdin));
    await w.close();
  }
  const r = await child.output();
  const dec = new TextDecoder();
  return { stdout: dec.decode(r.stdout), stderr: dec.decode(r.stderr), code: r.code };
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
// Helpers of the CLI tests: run the real `k1s` command in a subprocess on a temporary store,
// and seed stores through the library (objects created "long ago" so ages are stable).
import { createRuntime, type KubeObject } from "@k1s/core";
import { CLI_V8_FLAGS } from "../../cli/_cli/v8_flags.ts";

export const ROOT: string = new URL("../../", import.meta.url).pathname;
export const MAIN: string = `${ROOT}cli/main.ts`;

/** The outcome of one CLI run. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@linkcode k1s}. */
export interface RunOptions {
  /** The store (`K1S_STORE`). */
  store?: string;
  /** Extra environment. */
  env?: Record<string, string>;
  /** Standard input. */
  stdin?: string;
  /** `deno run` flags instead of `-A`. */
  denoFlags?: string[];
  /** The script to run (default cli/main.ts). */
  script?: string;
  /** Working directory. */
  cwd?: string;
}

/** Runs the k1s CLI in a subprocess. */
export async function k1s(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const env: Record<string, string> = { NO_COLOR: "1", ...(options.env ?? {}) };
  if (options.store) env.K1S_STORE = options.store;
  const cmd = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--no-prompt",
      ...(options.denoFlags ?? ["-A"]),
      ...CLI_V8_FLAGS,
      options.script ?? MAIN,
      ...args,
    ],
    env,
    cwd: options.cwd ?? ROOT,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  });
  const child = cmd.spawn();
  if (options.stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(options.stdin));
    await w.close();
  }
  const out = await child.output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** A temporary directory with a store path in it; removed by `cleanup()`. */
export async function tempStore(): Promise<
  { dir: string; store: string; cleanup(): Promise<void> }
> {
  const dir = await Deno.makeTempDir({ prefix: "k1s_cli_test_" });
  return {
    dir,
    store: `${dir}/k1s.db`,
    cleanup: () => Deno.remove(dir, { recursive: true }),
  };
}

/** Long ago: ages print as `11y` or more, which does not change while a test runs. */
export const LONG_AGO: Date = new Date("2015-01-01T00:00:00Z");

/** Creates objects in a store through the library, with creation times long ago. */
export async function seed(
  store: string,
  objects: KubeObject[],
  now: Date = LONG_AGO,
): Promise<void> {
  const rt = await createRuntime({ store, now: () => now });
  try {
    for (const o of objects) await rt.client.create(structuredClone(o));
  } finally {
    await rt.close();
  }
}

/** A ConfigMap. */
export function configMap(
  name: string,
  data: Record<string, string> = {},
  options: { namespace?: string; labels?: Record<string, string> } = {},
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name,
      namespace: options.namespace ?? "default",
      ...(options.labels ? { labels: options.labels } : {}),
    },
    data,
  };
}

/** A Namespace. */
export function namespace(name: string): KubeObject {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name } };
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The hidden `__complete` command the completion scripts call: candidates for the last word,
 * one per line. It reads the store with the `--store`/`-n` of the words being completed and
 * never fails loudly.
 *
 * @module
 */
import { Context, processEnv } from "./context.ts";
import type { CliIo, CliSetup } from "./run_cli.ts";
import { loadStoredKinds, resolveResource } from "./resources.ts";
import { streamOutput } from "../_internal/output.ts";

/**
 * Prints completion candidates.
 *
 * @param setup The CLI.
 * @param words The words after `__complete`; the last is being completed.
 * @param io Streams and environment.
 * @returns 0.
 */
export async function runComplete(
  setup: CliSetup,
  words: readonly string[],
  io: CliIo,
): Promise<number> {
  const { complete } = await import("../commands/completion.ts");
  const std = io.stdout && io.stderr ? undefined : streamOutput();
  const out = { stdout: io.stdout ?? std!.stdout, stderr: io.stderr ?? std!.stderr };
  const flag = (long: string, short?: string) => {
    for (let i = 0; i < words.length - 1; i++) {
      const w = words[i];
      if ((w === `--${long}` || (short && w === `-${short}`)) && i + 1 < words.length - 1) {
        return words[i + 1];
      }
      if (w.startsWith(`--${long}=`)) return w.slice(long.length + 3);
    }
    return "";
  };
  const stop = new AbortController();
  const ctx = new Context({
    cli: setup.options,
    specs: [setup.root],
    flags: { store: flag("store"), namespace: flag("namespace", "n"), tenant: flag("tenant") },
    changed: new Set(),
    args: [],
    argsLenAtDash: -1,
    out,
    env: io.env ?? processEnv,
    readStdin: () => Promise.resolve(""),
    signal: () => stop.signal,
    now: io.now ?? (() => new Date()),
  });
  try {
    const candidates = await complete(setup.root, words, {
      async resourceNames() {
        const rt = await ctx.runtime();
        await loadStoredKinds(rt);
        return rt.registry.preferred().map((t) => t.plural);
      },
      async objectNames(resource, namespace) {
        const rt = await ctx.runtime();
        const [t] = await resolveResource(rt, resource);
        if (!t) return [];
        const list = await rt.client.list(
          { apiVersion: t.group ? `${t.group}/${t.version}` : t.version, kind: t.kind },
          { namespace: t.namespaced ? namespace : "" },
        );
        return list.items.map((o) => o.metadata.name ?? "");
      },
    });
    for (const c of candidates) out.stdout.write(`${c}\n`);
  } catch {
    // Completion never fails loudly.
  } finally {
    await ctx.close().catch(() => {});
  }
  return 0;
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `reconcile`: runs every pending reconcile (changes made by other processes or tools that
 * did not load the controllers, due requeues, leftovers of earlier commands) and reports
 * what ran and what is left; `--watch` keeps reconciling until SIGINT/SIGTERM.
 *
 * @module
 */
import type { DrainResult } from "@k1s/core";
import type { CommandContext } from "../_cli/command.ts";
import { humanDuration } from "../_internal/printers/human_duration.ts";

/**
 * Runs `reconcile`.
 *
 * @param ctx The command context.
 * @returns 0, or 1 when a reconcile failed.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const rt = await ctx.runtime();
  const names = rt.controllers.list().map((c) => c.name);
  ctx.log(2, `controllers: ${names.join(", ") || "<none>"}`);
  if (ctx.bool("watch")) {
    // Trap the signals before saying they stop it: one sent on seeing the line must not kill.
    const signal = ctx.signal;
    ctx.stderr.write(`Reconciling with ${names.length} controllers until interrupted.\n`);
    await rt.controllers.run({ signal });
    return 0;
  }
  const timeout = ctx.number("timeout");
  const result = await rt.controllers.drain({
    ...(timeout > 0 ? { timeoutMs: timeout } : {}),
    signal: ctx.signal,
  });
  ctx.stdout.write(report(result, ctx.now()));
  return result.failed.length > 0 ? 1 : 0;
}

function key(r: { namespace?: string; name: string }): string {
  return r.namespace ? `${r.namespace}/${r.name}` : r.name;
}

/**
 * The report of a drain: what ran, what failed, what is left and what is scheduled.
 *
 * @param r The drain result.
 * @param now The clock (for due times).
 * @returns The text.
 */
export function report(r: DrainResult, now: Date): string {
  const lines: string[] = [];
  lines.push(`${r.reconciled} reconcile${r.reconciled === 1 ? "" : "s"} ran.`);
  if (r.failed.length) {
    lines.push("Failed:");
    for (const f of r.failed) lines.push(`  ${f.controller}  ${key(f.request)}  ${f.error}`);
  }
  if (r.remaining.length) {
    lines.push("Left (the time or pass budget ran out; run reconcile again):");
    for (const x of r.remaining) lines.push(`  ${x.controller}  ${key(x.request)}`);
  }
  if (r.scheduled.length) {
    lines.push("Scheduled:");
    for (const s of r.scheduled) {
      const due = s.due - now.getTime();
      // A retry due within the second says so in milliseconds, not as a puzzling "in 0s".
      const when = due >= 1000 ? humanDuration(due) : `${Math.max(0, Math.ceil(due))}ms`;
      lines.push(`  ${s.controller}  ${key(s.request)}  in ${when}`);
    }
  }
  if (!r.failed.length && !r.remaining.length && !r.scheduled.length) {
    lines.push("Nothing is left.");
  }
  return lines.join("\n") + "\n";
}

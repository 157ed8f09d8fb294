// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `api-versions`: every group/version the store serves (built-ins, the tool's own kinds, stored
 * CRDs' served versions), sorted, as kubectl prints discovery's groups.
 *
 * @module
 */
import type { CommandContext } from "../_cli/command.ts";
import { loadStoredKinds } from "../_cli/resources.ts";

/**
 * Runs `api-versions`.
 *
 * @param ctx The command context.
 * @returns 0.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const rt = await ctx.runtime();
  await loadStoredKinds(rt);
  const versions = new Set(
    rt.registry.all().map((t) => (t.group ? `${t.group}/${t.version}` : t.version)),
  );
  // sort.Strings: byte order.
  const sorted = [...versions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  ctx.stdout.write(sorted.map((v) => `${v}\n`).join(""));
  return 0;
}

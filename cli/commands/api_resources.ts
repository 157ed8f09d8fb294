// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `api-resources`: the kinds the store serves (built-ins, the tool's own, stored CRDs), as
 * kubectl lists discovery: core group first, then by group, names sorted within a group.
 *
 * @module
 */
import type { ResourceType } from "@k1s/core";
import type { CommandContext } from "../_cli/command.ts";
import { CliError } from "../_cli/errors.ts";
import { loadStoredKinds } from "../_cli/resources.ts";
import { TabWriter } from "../_internal/printers/tabwriter.ts";

/**
 * Runs `api-resources`.
 *
 * @param ctx The command context.
 * @returns 0.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const output = ctx.string("output");
  if (output !== "" && output !== "wide" && output !== "name") {
    throw new CliError(`--output ${output} is not available`);
  }
  const sortBy = ctx.string("sort-by");
  if (sortBy !== "" && sortBy !== "name" && sortBy !== "kind") {
    throw new CliError(`--sort-by accepts only name or kind`);
  }
  const rt = await ctx.runtime();
  await loadStoredKinds(rt);
  let types = rt.registry.preferred();
  if (ctx.changed.has("api-group")) {
    const g = ctx.string("api-group");
    types = types.filter((t) => t.group === g);
  }
  if (ctx.changed.has("namespaced")) {
    const ns = ctx.bool("namespaced");
    types = types.filter((t) => t.namespaced === ns);
  }
  const verbs = ctx.strings("verbs");
  if (verbs.length) types = types.filter((t) => verbs.every((v) => t.verbs.includes(v)));
  const categories = ctx.strings("categories");
  if (categories.length) {
    types = types.filter((t) => categories.every((c) => t.categories.includes(c)));
  }
  // Discovery lists each group's resources by name; kubectl then sorts stably by group,
  // or by the --sort-by field.
  types.sort((a, b) => cmp(a.plural, b.plural));
  const key = (t: ResourceType) =>
    sortBy === "name" ? t.plural : sortBy === "kind" ? t.kind : t.group;
  types.sort((a, b) => cmp(key(a), key(b)));

  if (output === "name") {
    for (const t of types) ctx.stdout.write(t.group ? `${t.plural}.${t.group}\n` : `${t.plural}\n`);
    return 0;
  }
  const wide = output === "wide";
  const w = new TabWriter({ minWidth: 6, padding: 3 });
  if (!ctx.bool("no-headers")) {
    w.write(
      [
        "NAME",
        "SHORTNAMES",
        "APIVERSION",
        "NAMESPACED",
        "KIND",
        ...(wide ? ["VERBS", "CATEGORIES"] : []),
      ]
        .join("\t") + "\n",
    );
  }
  for (const t of types) {
    const cells = [
      t.plural,
      t.shortNames.join(","),
      t.group ? `${t.group}/${t.version}` : t.version,
      String(t.namespaced),
      t.kind,
    ];
    if (wide) cells.push(t.verbs.join(","), t.categories.join(","));
    w.write(cells.join("\t") + "\n");
  }
  ctx.stdout.write(w.flush());
  return 0;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The comparison behind `checkGenerated` and `writeGenerated`.
 *
 * @module
 */
import { join, resolve } from "node:path";
import type { StaleFile } from "./check_generated.ts";
import type { GeneratedFile } from "./generate.ts";
import { isGenerated } from "./generate.ts";

/** Files whose content on disk differs, missing files and leftover generated files. */
export async function staleGeneratedFiles(
  files: GeneratedFile[],
  output: string,
): Promise<StaleFile[]> {
  const out: StaleFile[] = [];
  const wanted = new Set(files.map((f) => f.path));
  for (const f of files) {
    let current: string | undefined;
    try {
      current = await Deno.readTextFile(f.path);
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
    if (current === undefined) out.push({ path: f.path, reason: "missing" });
    else if (current !== f.content) out.push({ path: f.path, reason: "changed" });
  }
  const dir = resolve(output);
  try {
    for await (const e of Deno.readDir(dir)) {
      const path = join(dir, e.name);
      if (!e.isFile || wanted.has(path) || !/\.(ts|ya?ml)$/.test(e.name)) continue;
      if (await isGenerated(path)) out.push({ path, reason: "extra" });
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return out.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

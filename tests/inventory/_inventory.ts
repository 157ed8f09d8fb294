// Copyright 2026 the k1s authors. Apache-2.0 license.
// Helpers of the inventory tests: run the inventory CLI (examples/inventory/main.ts) in a
// subprocess on a temporary store, with the permissions the `deno task inventory` line grants.
import { k1s, type RunResult } from "../cli/_helpers.ts";

export type { RunResult };

/** The repository root. */
export const ROOT: string = new URL("../../", import.meta.url).pathname;
/** The inventory example. */
export const INVENTORY: string = `${ROOT}examples/inventory/`;
/** The inventory CLI's entry point. */
export const MAIN: string = `${INVENTORY}main.ts`;

/** The environment variables the inventory CLI reads (as the k1s CLI). */
export const ENV_VARS = "K1S_STORE,K1S_HOME,K1S_TOKEN,K1S_TENANT,HOME,LOG_TOKENS,LOG_STREAM";

/** The `deno run` permission flags of the `inventory` task, for a store directory. */
export function permissionFlags(storeDir: string): string[] {
  return [
    "--allow-read",
    `--allow-write=${storeDir}`,
    `--allow-env=${ENV_VARS}`,
  ];
}

/** Options of {@linkcode inventory}. */
export interface RunOptions {
  /** Standard input. */
  stdin?: string;
  /** Extra environment. */
  env?: Record<string, string>;
  /** Working directory. @default {INVENTORY} */
  cwd?: string;
  /** `deno run` permission flags. @default {the task's flags for the store's directory} */
  denoFlags?: string[];
}

/** Runs `inventory <args>` in a subprocess on `store`. */
export async function inventory(
  store: string,
  args: string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const dir = store.slice(0, store.lastIndexOf("/"));
  return await k1s(args, {
    ...options,
    script: MAIN,
    denoFlags: options.denoFlags ?? permissionFlags(dir),
    cwd: options.cwd ?? INVENTORY,
    env: { K1S_STORE: store, ...(options.env ?? {}) },
  });
}

/** A temporary directory with a store path in it; removed by `cleanup()`. */
export async function tempStore(): Promise<
  { dir: string; store: string; cleanup(): Promise<void> }
> {
  const dir = await Deno.makeTempDir({ prefix: "k1s_inventory_test_" });
  return {
    dir,
    store: `${dir}/inventory.db`,
    cleanup: () => Deno.remove(dir, { recursive: true }),
  };
}

/**
 * The cells of a table printed by `get`, by first column and header:
 * `cells(out)["computers"]["ITEMS"]`. Columns start where their headers do, so empty cells
 * stay empty.
 */
export function cells(text: string): Record<string, Record<string, string>> {
  const [line, ...rows] = text.trimEnd().split("\n");
  const headers = [...line.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], at: m.index }));
  const byName: Record<string, Record<string, string>> = {};
  for (const raw of rows) {
    const row: Record<string, string> = {};
    headers.forEach((h, i) => {
      row[h.name] = raw.slice(h.at, headers[i + 1]?.at).trim();
    });
    byName[row[headers[0].name]] = row;
  }
  return byName;
}

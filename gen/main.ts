// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The `k1s-gen` command line:
 *
 * ```sh
 * deno run --allow-read --allow-write --allow-run gen/main.ts \
 *   --input examples/inventory/api --output examples/inventory/generated [--check]
 * ```
 *
 * Without `--check` it writes the files that changed and deletes generated files that are no
 * longer generated. With `--check` it writes nothing and exits 1 listing the stale files, for
 * CI. Problems in the input are printed as `error: <file>:<line>: <message>` (exit 1).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { checkGenerated } from "./check_generated.ts";
import { generate } from "./generate.ts";
import { displayPath, formatDiagnostic, GenerateError } from "./generate_error.ts";
import { writeGenerated } from "./write_generated.ts";

const USAGE = `Usage: k1s-gen --input <dir> --output <dir> [--check] [--header <text>] [--no-format]

Generates a CRD manifest per kind and a TypeScript module per group/version from API types.

Options:
  --input <dir>    directory of API packages (modules with +groupName= in a @module JSDoc)
  --output <dir>   directory the generated files belong in
  --check          write nothing; exit 1 listing the files that are out of date
  --header <text>  comment text put under the banner of every generated file
  --no-format      do not run the output through "deno fmt"
  -h, --help       show this help`;

/** Options of {@linkcode main}. */
export interface MainOptions {
  /** Receives normal output lines. @default {console.log} */
  stdout?: (line: string) => void;
  /** Receives error lines. @default {console.error} */
  stderr?: (line: string) => void;
}

/**
 * Runs `k1s-gen` with command-line arguments.
 *
 * @param args The arguments, e.g. `["--input", "api", "--output", "generated", "--check"]`.
 * @param options Where output goes.
 * @returns The exit code: 0 done (or up to date), 1 input problems or stale files, 2 bad usage.
 *
 * @example Printing the usage
 * ```ts
 * import { assertEquals, assertStringIncludes } from "@std/assert";
 * import { main } from "@k1s/gen/main";
 *
 * const lines: string[] = [];
 * assertEquals(await main(["--help"], { stdout: (l) => lines.push(l) }), 0);
 * assertStringIncludes(lines.join("\n"), "--check");
 * ```
 */
export async function main(args: string[], options: MainOptions = {}): Promise<number> {
  const out = options.stdout ?? ((l: string) => console.log(l));
  const err = options.stderr ?? ((l: string) => console.error(l));
  let flags;
  try {
    flags = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        input: { type: "string" },
        output: { type: "string" },
        check: { type: "boolean", default: false },
        header: { type: "string" },
        "no-format": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (e) {
    err(`error: ${(e as Error).message}`);
    err(USAGE);
    return 2;
  }
  if (flags.help) {
    out(USAGE);
    return 0;
  }
  if (flags.input === undefined || flags.output === undefined) {
    err(`error: ${flags.input === undefined ? "--input" : "--output"} is required`);
    err(USAGE);
    return 2;
  }
  const cwd = Deno.cwd();
  const show = (path: string) => displayPath(path, cwd);
  let files;
  try {
    files = await generate({
      input: flags.input,
      output: flags.output,
      header: flags.header,
      format: !flags["no-format"],
    });
  } catch (e) {
    if (e instanceof GenerateError) {
      for (const d of e.diagnostics) err(formatDiagnostic(d, cwd));
    } else {
      err(`error: ${e instanceof Error ? e.message : String(e)}`);
    }
    return 1;
  }
  if (flags.check) {
    const stale = await checkGenerated(files, flags.output);
    for (const s of stale) err(`stale: ${show(s.path)} (${s.reason})`);
    if (stale.length > 0) {
      const n = stale.length === 1 ? "1 generated file is" : `${stale.length} generated files are`;
      err(`error: ${n} out of date; run k1s-gen without --check`);
      return 1;
    }
    out(`k1s-gen: ${files.length} files up to date`);
    return 0;
  }
  const result = await writeGenerated(files, flags.output);
  for (const p of result.written) out(`wrote ${show(p)}`);
  for (const p of result.removed) out(`removed ${show(p)}`);
  if (result.written.length === 0 && result.removed.length === 0) {
    out(`k1s-gen: ${files.length} files up to date`);
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));

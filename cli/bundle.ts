// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `deno task bundle [outdir]`: bundles the CLI with `deno bundle` (code splitting, so each
 * command's code loads only when it runs) into `dist/cli/` and copies sql.js's WASM file
 * beside it. Run the result with `deno run --no-config <permissions> --v8-flags=--no-lazy
 * dist/cli/main.js <args>`, the permissions including read access to the bundle's directory,
 * from which each command's code loads when it runs (see "Bundle and compile" in
 * docs/cli.md). `--single` writes one file (`<outdir>/k1s.js`) instead.
 *
 * A tool built with `createCli` bundles its own entry module the same way:
 * `deno run -A jsr:@k1s/cli/bundle dist/mytool --entry=main.ts --name=mytool` (from a checkout,
 * `deno run -A cli/bundle.ts ...`), with `--config=deno.json` naming the import map its entry
 * needs when that is not k1s's own.
 *
 * @module
 */
import * as esbuild from "esbuild";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Options of {@linkcode bundleCli}. */
export interface BundleOptions {
  /** One file (`<outdir>/<name>.js`) instead of code-split chunks. */
  single?: boolean;
  /** The CLI's entry module (a path or URL); k1s's own `main.ts` when absent. */
  entry?: string | URL;
  /** The `deno.json` whose import map the entry needs; k1s's own when absent. */
  config?: string | URL;
  /** The tool's name, for the single file's name. @default {"k1s"} */
  name?: string;
}

/**
 * Bundles a CLI built with `createCli`: k1s's own, or a tool's (`entry`, `config`, `name`).
 *
 * @example Bundle k1s (a few seconds)
 * ```ts ignore
 * import { bundleCli } from "@k1s/cli/bundle";
 * const script = await bundleCli("dist/cli");
 * console.log(`deno run --no-config ... --v8-flags=--no-lazy ${script} get configmaps`);
 * ```
 *
 * @param dir The output directory.
 * @param options One file or chunks; the entry module, its `deno.json` and the tool's name.
 * @returns The path of the entry script.
 */
export async function bundleCli(dir: string, options: BundleOptions = {}): Promise<string> {
  // The bundler runs in the deno.json's directory: every path is made absolute first.
  const outdir = toPath(dir);
  const main = options.entry
    ? toPath(options.entry)
    : new URL("./main.ts", import.meta.url).pathname;
  const config = options.config
    ? pathToFileURL(toPath(options.config))
    : new URL("../deno.json", import.meta.url);
  const root = new URL(".", config);
  await Deno.mkdir(outdir, { recursive: true });
  // Code splitting names the entry chunk after the entry module.
  const base = main.slice(main.lastIndexOf("/") + 1).replace(/\.[mc]?[jt]sx?$/, "");
  const entry = options.single ? `${outdir}/${options.name ?? "k1s"}.js` : `${outdir}/${base}.js`;
  const importMap = await Deno.makeTempFile({ prefix: "k1s_bundle_", suffix: ".json" });
  try {
    await Deno.writeTextFile(importMap, JSON.stringify(await bundleImportMap(config)));
    const common = ["bundle", "--quiet", "--platform", "deno", "--import-map", importMap];
    const args = options.single
      ? [...common, "-o", entry, main]
      : [...common, "--code-splitting", "--outdir", outdir, main];
    const out = await new Deno.Command(Deno.execPath(), {
      args,
      cwd: root.pathname,
      stderr: "piped",
    }).output();
    if (!out.success) {
      throw new Error(`Cannot bundle the CLI: ${new TextDecoder().decode(out.stderr)}`);
    }
  } finally {
    await Deno.remove(importMap).catch(() => {});
  }
  try {
    for await (const f of Deno.readDir(outdir)) {
      if (f.isFile && f.name.endsWith(".js")) await postProcess(`${outdir}/${f.name}`);
    }
  } finally {
    await esbuild.stop();
  }
  const wasm = new URL(import.meta.resolve("sql.js/dist/sql-wasm.wasm"));
  await Deno.copyFile(wasm, `${outdir}/sql-wasm.wasm`);
  return entry;
}

/**
 * The import map of the bundle: `deno.json`'s, with the browser builds of two npm packages,
 * whose default builds start Deno's Node compatibility layer (about 30-40 ms) in the commands
 * that load them:
 * - `yaml` from the package's ES module build (`browser/`) instead of its CommonJS one, which
 *   requires `node:process` and `node:buffer` when it loads, for two debugging environment
 *   variables and `!!binary`, which the ES build decodes with `atob`;
 * - `sql.js` from `dist/sql-wasm-browser.js`, which loads the same WASM binary: the default
 *   build sees `globalThis.process` (a getter that loads `node:process`) and then requires
 *   `node:fs` to read files k1s passes it as bytes (`wasmBinary`). Every store creation and
 *   compaction loads sql.js.
 */
async function bundleImportMap(configUrl: URL): Promise<{ imports: Record<string, string> }> {
  const config = JSON.parse(await Deno.readTextFile(configUrl));
  const imports: Record<string, string> = {};
  for (const [name, target] of Object.entries((config.imports ?? {}) as Record<string, string>)) {
    // Relative targets are relative to deno.json, not to the map's temporary file.
    imports[name] = /^\.\.?\//.test(target) ? new URL(target, configUrl).href : target;
  }
  imports.yaml = new URL("browser/index.js", import.meta.resolve("yaml/package.json")).href;
  imports["sql.js"] =
    new URL("sql-wasm-browser.js", import.meta.resolve("sql.js/dist/sql-wasm.wasm")).href;
  return { imports };
}

const EAGER_REQUIRE =
  'import { createRequire as __deno_internal_createRequire } from "node:module";\nvar __require = __deno_internal_createRequire(import.meta.url);';
const LAZY_REQUIRE =
  'var __deno_internal_require;\nvar __require = (id) => (__deno_internal_require ??= globalThis.process.getBuiltinModule("node:module").createRequire(import.meta.url))(id);';

// Rewrites one output file for start-up time:
// - The bundler's CommonJS helper imports `node:module` up front, which starts Deno's Node
//   compatibility layer (about 30 ms) in every command. Only the npm packages that are loaded
//   on demand (sql.js, yaml) call `require`, so resolve it on first call instead.
// - Deno loads every module a program can reach before running it, including the targets of
//   `import("./literal.js")`: every command's chunks (2 MB) on every run. A computed specifier
//   is loaded when the import runs, so a command reads only its own code (which is why the
//   bundle needs read access to its own directory).
// - V8 keeps a source with any non-ASCII character as UTF-16, which doubles its size and
//   slows loading; escape them (`\uXXXX` means the same in strings, regexes, identifiers, and
//   comments).
// - Without indentation, line breaks and comments: every byte of a module's source is read,
//   copied onto the V8 heap and copied again by the first collections of every command (the
//   table of 1,000 ConfigMaps: 80-110 fewer pages of memory touched, 1.5-2 ms). Only the
//   whitespace: renamed identifiers would change the names classes and functions report, and
//   `deno bundle --minify --keep-names` pays for keeping them with a call per function.
async function postProcess(path: string): Promise<void> {
  const text = await Deno.readTextFile(path);
  const rewritten = text
    .replace(EAGER_REQUIRE, LAZY_REQUIRE)
    .replace(/\bimport\("(\.\/[\w-]+\.js)"\)/g, 'import(String("$1"))');
  const { code } = await esbuild.transform(rewritten, {
    format: "esm",
    minifyWhitespace: true,
    charset: "ascii",
    logLevel: "silent",
  });
  const out = code
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (out !== text) await Deno.writeTextFile(path, out);
}

/** A path from a path or a `file:` URL, relative paths resolved against the working directory. */
function toPath(p: string | URL): string {
  const s = p instanceof URL || p.startsWith("file:") ? fileURLToPath(p) : p;
  return resolve(s);
}

if (import.meta.main) {
  const value = (name: string) =>
    Deno.args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const single = Deno.args.includes("--single");
  const outdir = Deno.args.find((a) => !a.startsWith("--")) ?? "dist/cli";
  const name = value("name") ?? "k1s";
  const entryModule = value("entry");
  const config = value("config");
  const entry = await bundleCli(outdir, {
    single,
    name,
    ...(entryModule ? { entry: entryModule } : {}),
    ...(config ? { config } : {}),
  });
  const dir = entry.slice(0, entry.lastIndexOf("/")) || ".";
  console.log(
    `Bundled the ${name} CLI: deno run --no-config --allow-read=<store dir>,${dir} ` +
      "--allow-write=<store dir> --allow-env=<vars> --v8-flags=--no-lazy " +
      `${entry} <args> (see "Bundle and compile" in k1s's docs/cli.md)`,
  );
}

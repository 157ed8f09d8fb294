// Copyright 2026 the k1s authors. Apache-2.0 license.
// Loads sql.js on first use. Only store creation and compaction need it (reads go through
// _sqlite_reader.ts), so most commands never pay its 30-60 ms start-up.

/** The parts of a sql.js prepared statement k1s uses. */
export interface SqlStatement {
  /** Binds positional parameters. */
  bind(values: unknown[]): boolean;
  /** Runs one step; true while rows remain. */
  step(): boolean;
  /** The current row. */
  get(): unknown[];
  /** Resets for another run. */
  reset(): boolean;
  /** Binds, runs to completion and resets. */
  run(values: unknown[]): void;
  /** Releases the statement. */
  free(): boolean;
}

/** The parts of a sql.js database k1s uses. */
export interface SqlDatabase {
  /** Runs SQL without results. */
  exec(sql: string): unknown;
  /** Prepares a statement. */
  prepare(sql: string): SqlStatement;
  /** The database file's bytes. */
  export(): Uint8Array;
  /** Releases the database. */
  close(): void;
}

/** The sql.js module. */
export interface SqlJs {
  /** Opens a database from a file image, or a new empty one. */
  Database: new (data?: Uint8Array) => SqlDatabase;
}

let loading: Promise<SqlJs> | undefined;

/** The path of the installed sql.js WASM binary, when it is a local file. */
export function sqlWasmFile(): string | undefined {
  try {
    const url = new URL(import.meta.resolve("sql.js/dist/sql-wasm.wasm"));
    return url.protocol === "file:" ? decodeURIComponent(url.pathname) : undefined;
  } catch {
    return undefined; // e.g. bundled
  }
}

/**
 * Loads and initialises sql.js once per process, passing it the WASM binary as `wasmBinary`
 * (measured 5-10 ms faster than letting sql.js find it through its Node code path). The binary
 * is read from the installed package; a process not allowed to read Deno's npm cache (run with
 * `--allow-read` for its store only, as docs/cli.md shows) takes the copy embedded in
 * `_sql_wasm.ts` instead, so creating a store never needs more permissions than the store.
 */
export function loadSqlJs(): Promise<SqlJs> {
  loading ??= (async () => {
    const mod = await import("sql.js");
    const init = (mod.default ?? mod) as (config?: Record<string, unknown>) => Promise<SqlJs>;
    let wasmBinary: Uint8Array | undefined;
    const file = sqlWasmFile();
    if (file) {
      try {
        wasmBinary = await Deno.readFile(file);
      } catch {
        // Not readable here (no permission): use the embedded copy below.
      }
    }
    if (!wasmBinary) {
      const { SQL_WASM_BASE64 } = await import("./_sql_wasm.ts");
      wasmBinary = Uint8Array.fromBase64(SQL_WASM_BASE64);
    }
    // sql.js reports its own failures on the console before rejecting; k1s reports them.
    return await init({ wasmBinary, print: () => {}, printErr: () => {} });
  })();
  loading.catch(() => loading = undefined);
  return loading;
}

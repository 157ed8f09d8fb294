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

/**
 * Loads and initialises sql.js once per process. The WASM binary is read from the package and
 * passed in as `wasmBinary` when it can be located (measured 5-10 ms faster than letting
 * sql.js fetch it through its Node code path); otherwise sql.js locates it itself.
 */
export function loadSqlJs(): Promise<SqlJs> {
  loading ??= (async () => {
    const mod = await import("sql.js");
    const init = (mod.default ?? mod) as (config?: Record<string, unknown>) => Promise<SqlJs>;
    let wasmBinary: Uint8Array | undefined;
    try {
      const url = new URL(import.meta.resolve("sql.js/dist/sql-wasm.wasm"));
      if (url.protocol === "file:") wasmBinary = await Deno.readFile(url);
    } catch {
      // Not resolvable to a file (e.g. bundled): sql.js finds the binary itself.
    }
    return await init(wasmBinary ? { wasmBinary } : undefined);
  })();
  loading.catch(() => loading = undefined);
  return loading;
}

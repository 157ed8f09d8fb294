// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Flag parsing with pflag's semantics as kubectl configures it: flags anywhere among
 * positionals, `--` ends flags, `--name=value`, `--name value`, `-n value`, `-nvalue`,
 * `-n=value`, combined boolean shorthands (`-Aw`), optional values (`--dry-run`), `_` read
 * as `-` in names, and pflag's error messages.
 *
 * @module
 */
import { goQuote } from "../printers/go_format.ts";
import {
  formatGoDuration,
  parseCsvRecord,
  parseGoBool,
  parseGoDuration,
  parseGoInt,
} from "./go_values.ts";
import type { FlagSpec, FlagValue } from "./types.ts";

/** The outcome of {@linkcode parseFlags}. */
export interface ParsedFlags {
  /** Values by long name, defaults included. */
  values: Record<string, FlagValue>;
  /** Long names of flags that were given. */
  changed: Set<string>;
  /** Positional arguments. */
  args: string[];
  /** Positional arguments before `--`, or -1. */
  argsLenAtDash: number;
  /** Whether `--help`/`-h` was given (and not set false). */
  help: boolean;
  /** `Flag --x has been deprecated, ...` lines. */
  warnings: string[];
}

/** A flag error; the message is pflag's (`unknown flag: --x`). */
export class FlagError extends Error {
  /**
   * Creates an instance.
   *
   * @param message pflag's wording.
   */
  constructor(message: string) {
    super(message);
    this.name = "FlagError";
  }
}

/**
 * The default of a flag, typed.
 *
 * @param spec The flag.
 * @returns Its default value.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { flagDefault } from "./flag_set.ts";
 * assertEquals(flagDefault({ name: "f", type: "stringArray", usage: "" }), []);
 * ```
 */
export function flagDefault(spec: FlagSpec): FlagValue {
  if (spec.default !== undefined) {
    return Array.isArray(spec.default) ? [...spec.default] : spec.default;
  }
  switch (spec.type) {
    case "bool":
      return false;
    case "int":
    case "duration":
      return 0;
    case "stringArray":
    case "stringSlice":
      return [];
    default:
      return "";
  }
}

/**
 * The default as pflag prints it in help (`DefValue`): `false`, `500`, `0s`, `[]`, `[a,b]`;
 * string defaults are quoted by the help printer.
 *
 * @param spec The flag.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { flagDefaultText } from "./flag_set.ts";
 * assertEquals(flagDefaultText({ name: "timeout", type: "duration", usage: "", default: 30_000 }), "30s");
 * ```
 */
export function flagDefaultText(spec: FlagSpec): string {
  const v = flagDefault(spec);
  switch (spec.type) {
    case "duration":
      return formatGoDuration(v as number);
    case "stringArray":
    case "stringSlice":
      return `[${(v as string[]).join(",")}]`;
    default:
      return String(v);
  }
}

function noOptDefVal(spec: FlagSpec): string {
  return spec.type === "bool" ? "true" : spec.optionalValue ?? "";
}

/**
 * Parses arguments against a set of flags (pflag with interspersed flags).
 *
 * @param argv The arguments (without the command path).
 * @param flags Every flag the command accepts.
 * @returns Values, positional arguments and the help request.
 * @throws {FlagError} On an unknown flag, a missing or invalid value, or bad syntax.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseFlags } from "./flag_set.ts";
 * const r = parseFlags(["pods", "-nkube-system", "-oyaml"], [
 *   { name: "namespace", shorthand: "n", type: "string", usage: "" },
 *   { name: "output", shorthand: "o", type: "string", usage: "" },
 * ]);
 * assertEquals([r.args, r.values.namespace, r.values.output], [["pods"], "kube-system", "yaml"]);
 * ```
 */
export function parseFlags(argv: readonly string[], flags: readonly FlagSpec[]): ParsedFlags {
  const byName = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  for (const f of flags) {
    byName.set(f.name, f);
    if (f.shorthand) byShort.set(f.shorthand, f);
  }
  const out: ParsedFlags = {
    values: Object.fromEntries(flags.map((f) => [f.name, flagDefault(f)])),
    changed: new Set(),
    args: [],
    argsLenAtDash: -1,
    help: false,
    warnings: [],
  };
  let helpSet: boolean | undefined;

  const set = (spec: FlagSpec, value: string) => {
    let parsed: FlagValue;
    try {
      parsed = convert(spec, value, out.changed.has(spec.name) ? out.values[spec.name] : undefined);
    } catch (e) {
      const shown = spec.shorthand && !spec.deprecated
        ? `-${spec.shorthand}, --${spec.name}`
        : `--${spec.name}`;
      throw new FlagError(
        `invalid argument ${goQuote(value)} for ${goQuote(shown)} flag: ${(e as Error).message}`,
      );
    }
    out.values[spec.name] = parsed;
    out.changed.add(spec.name);
    if (spec.deprecated) {
      out.warnings.push(`Flag --${spec.name} has been deprecated, ${spec.deprecated}`);
    }
  };

  const args = [...argv];
  while (args.length > 0) {
    const s = args.shift()!;
    if (s.length === 0 || s[0] !== "-" || s.length === 1) {
      out.args.push(s);
      continue;
    }
    if (s[1] === "-") {
      if (s.length === 2) {
        out.argsLenAtDash = out.args.length;
        out.args.push(...args);
        break;
      }
      const body = s.slice(2);
      if (body[0] === "-" || body[0] === "=") throw new FlagError(`bad flag syntax: ${s}`);
      const eq = body.indexOf("=");
      const name = normalize(eq < 0 ? body : body.slice(0, eq));
      const spec = byName.get(name);
      if (!spec) {
        if (name === "help") {
          helpSet = eq < 0 ? true : parseHelp(body.slice(eq + 1));
          continue;
        }
        throw new FlagError(`unknown flag: --${name}`);
      }
      let value: string;
      if (eq >= 0) value = body.slice(eq + 1);
      else if (noOptDefVal(spec) !== "") value = noOptDefVal(spec);
      else if (args.length > 0) value = args.shift()!;
      else throw new FlagError(`flag needs an argument: ${s}`);
      set(spec, value);
      continue;
    }
    let shorts = s.slice(1);
    while (shorts.length > 0) {
      const c = shorts[0];
      const spec = byShort.get(c);
      if (!spec) {
        if (c === "h") {
          helpSet = true;
          shorts = shorts.slice(1);
          continue;
        }
        throw new FlagError(`unknown shorthand flag: '${c}' in -${shorts}`);
      }
      let value: string;
      if (shorts.length > 2 && shorts[1] === "=") {
        value = shorts.slice(2);
        shorts = "";
      } else if (noOptDefVal(spec) !== "") {
        value = noOptDefVal(spec);
        shorts = shorts.slice(1);
      } else if (shorts.length > 1) {
        value = shorts.slice(1);
        shorts = "";
      } else if (args.length > 0) {
        value = args.shift()!;
        shorts = "";
      } else {
        throw new FlagError(`flag needs an argument: '${c}' in -${shorts}`);
      }
      set(spec, value);
    }
  }
  out.help = helpSet ?? false;
  return out;
}

function parseHelp(value: string): boolean {
  try {
    return parseGoBool(value);
  } catch (e) {
    throw new FlagError(
      `invalid argument ${goQuote(value)} for "-h, --help" flag: ${(e as Error).message}`,
    );
  }
}

// kubectl's WordSepNormalizeFunc: `--dry_run` is `--dry-run`.
function normalize(name: string): string {
  return name.includes("_") ? name.replaceAll("_", "-") : name;
}

function convert(spec: FlagSpec, value: string, previous: FlagValue | undefined): FlagValue {
  switch (spec.type) {
    case "string":
      return value;
    case "bool":
      return parseGoBool(value);
    case "int":
      return parseGoInt(value);
    case "duration":
      return parseGoDuration(value);
    case "stringArray":
      return [...((previous as string[] | undefined) ?? []), value];
    case "stringSlice":
      return [...((previous as string[] | undefined) ?? []), ...parseCsvRecord(value)];
  }
}

/**
 * The flags whose next argument `--name value`/`-n value` consumes, for finding subcommands
 * among arguments (cobra's `stripFlags`).
 *
 * @param flags The flags in scope.
 * @returns A predicate on `--name`/`-n` arguments.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { takesSeparateValue } from "./flag_set.ts";
 * const takes = takesSeparateValue([{ name: "namespace", shorthand: "n", type: "string", usage: "" }]);
 * assertEquals([takes("-n"), takes("--namespace"), takes("--all")], [true, true, true]);
 * ```
 */
export function takesSeparateValue(flags: readonly FlagSpec[]): (arg: string) => boolean {
  const byName = new Map(flags.map((f) => [f.name, f]));
  const byShort = new Map(flags.filter((f) => f.shorthand).map((f) => [f.shorthand!, f]));
  return (s) => {
    if (s.includes("=")) return false;
    // Unknown flags count as taking a value, as in cobra.
    if (s.startsWith("--")) {
      const f = byName.get(normalize(s.slice(2)));
      return !f || noOptDefVal(f) === "";
    }
    if (s.startsWith("-") && s.length === 2) {
      const f = byShort.get(s[1]);
      return !f || noOptDefVal(f) === "";
    }
    return false;
  };
}

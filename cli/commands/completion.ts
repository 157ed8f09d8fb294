// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `completion bash|zsh|fish`: shell scripts that ask the tool itself for candidates
 * (`<tool> __complete <words...>`): commands, flags, flag values (namespaces, output
 * formats), resource types and object names read from the store.
 *
 * @module
 */
import type { CommandContext, CommandSpec, FlagSpec } from "../_cli/command.ts";
import { findCommand, flagsInScope } from "../_internal/args/find_command.ts";
import { takesSeparateValue } from "../_internal/args/flag_set.ts";

/**
 * Runs `completion SHELL`.
 *
 * @param ctx The command context.
 * @returns 0.
 */
export function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length === 0) return Promise.reject(ctx.usageError("Shell not specified."));
  if (ctx.args.length > 1) {
    return Promise.reject(ctx.usageError("Too many arguments. Expected only the shell type."));
  }
  const shell = ctx.args[0];
  const script = shell === "bash"
    ? bashScript(ctx.name)
    : shell === "zsh"
    ? zshScript(ctx.name)
    : shell === "fish"
    ? fishScript(ctx.name)
    : undefined;
  if (!script) return Promise.reject(ctx.usageError(`Unsupported shell type "${shell}".`));
  ctx.stdout.write(script);
  return Promise.resolve(0);
}

function fn(tool: string): string {
  return `__${tool.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

/**
 * The bash script.
 *
 * @param tool The tool name.
 * @returns The script.
 */
export function bashScript(tool: string): string {
  const f = fn(tool);
  return `# bash completion for ${tool}                            -*- shell-script -*-
# Load it with: source <(${tool} completion bash)

${f}_complete() {
    local cur words cword
    if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
        _get_comp_words_by_ref -n "=:" cur words cword
    elif [[ -n "\${COMP_LINE-}" ]]; then
        # Words split at spaces only: bash's own split at = and : would part --output=yaml.
        local line="\${COMP_LINE:0:COMP_POINT}"
        read -r -a words <<<"$line"
        [[ "$line" =~ [[:space:]]$ ]] && words+=("")
        cword=$((\${#words[@]} - 1))
        cur="\${words[cword]}"
    else
        cur="\${COMP_WORDS[COMP_CWORD]}"
        words=("\${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    fi
    local IFS=$'\\n'
    local candidates
    candidates=$(${tool} __complete "\${words[@]:1:$((cword - 1))}" "$cur" 2>/dev/null)
    COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
    # A flag's value after = (--output=ya): bash replaces only what follows the =.
    if [[ "$cur" == -*=* ]]; then
        local prefix="\${cur%%=*}="
        COMPREPLY=("\${COMPREPLY[@]#"$prefix"}")
    fi
    if declare -F __ltrim_colon_completions >/dev/null 2>&1; then
        __ltrim_colon_completions "$cur"
    fi
}

complete -o default -F ${f}_complete ${tool}
`;
}

/**
 * The zsh script.
 *
 * @param tool The tool name.
 * @returns The script.
 */
export function zshScript(tool: string): string {
  const f = fn(tool);
  return `#compdef ${tool}
# zsh completion for ${tool}
# Load it with: source <(${tool} completion zsh)

${f}_complete() {
    local -a candidates
    candidates=("\${(@f)$(${tool} __complete "\${(@)words[2,$((CURRENT - 1))]}" "\${words[CURRENT]}" 2>/dev/null)}")
    compadd -Q -- "\${candidates[@]}"
}

if [ "$funcstack[1]" = "_${tool}" ]; then
    ${f}_complete "$@"
else
    compdef ${f}_complete ${tool}
fi
`;
}

/**
 * The fish script.
 *
 * @param tool The tool name.
 * @returns The script.
 */
export function fishScript(tool: string): string {
  const f = fn(tool);
  return `# fish completion for ${tool}
# Load it with: ${tool} completion fish | source

function ${f}_complete
    set -l args (commandline -opc)
    set -e args[1]
    ${tool} __complete $args (commandline -ct) 2>/dev/null
end

complete -c ${tool} -f -a '(${f}_complete)'
`;
}

const OUTPUT_FORMATS = [
  "json",
  "yaml",
  "name",
  "wide",
  "jsonpath=",
  "jsonpath-as-json=",
  "jsonpath-file=",
  "custom-columns=",
  "custom-columns-file=",
];

// Commands whose first positional argument is a resource type and later ones names.
const RESOURCE_COMMANDS = new Set([
  "get",
  "describe",
  "delete",
  "edit",
  "label",
  "annotate",
  "patch",
  "scale",
  "explain",
  "wait",
]);

/** What `complete` needs to look up names in the store. */
export interface CompletionSource {
  /** Resource names (plural, and short names) served. */
  resourceNames(): Promise<string[]>;
  /** Object names of a resource type in a namespace (all namespaces for `""`). */
  objectNames(resource: string, namespace: string): Promise<string[]>;
}

/**
 * Candidates for the last word of a partial command line.
 *
 * @param root The root command.
 * @param words The words after the tool name; the last one is being completed (maybe `""`).
 * @param source Store lookups (errors are ignored: completion must never fail loudly).
 * @returns The candidates that start with the word being completed.
 */
export async function complete(
  root: CommandSpec,
  words: readonly string[],
  source: CompletionSource,
): Promise<string[]> {
  const before = words.slice(0, -1);
  const cur = words[words.length - 1] ?? "";
  let path: CommandSpec[];
  let rest: string[];
  try {
    ({ path, args: rest } = findCommand(root, before));
  } catch {
    return [];
  }
  const cmd = path[path.length - 1];
  const flags = flagsInScope(path);
  const prev = before[before.length - 1];
  const filter = (xs: Iterable<string>) => [...new Set(xs)].filter((x) => x.startsWith(cur)).sort();

  // A flag's value (`version -o` has no completion in kubectl: its formats are not get's).
  if (prev && prev.startsWith("-") && !prev.includes("=") && takesSeparateValue(flags)(prev)) {
    if (cmd.name === "version") return [];
    return filter(await flagValues(flagByArg(flags, prev), source));
  }
  // A value after `=` (`--output=ya`, `-o=ya`): whole words (the zsh and fish scripts match
  // them against the word); the bash script strips what bash does not replace.
  const eq = cur.indexOf("=");
  if (cur.startsWith("-") && eq > 0) {
    const values = await flagValues(flagByArg(flags, cur.slice(0, eq)), source);
    return filter(values.map((v) => `${cur.slice(0, eq + 1)}${v}`));
  }
  if (cur.startsWith("-")) {
    return filter(
      flags.filter((f) => !f.hidden && !f.deprecated).map((f) => `--${f.name}`),
    );
  }
  const positionals = positionalArgs(rest, flags);
  const subs = (cmd.commands ?? []).filter((c) => !c.hidden && !c.name.startsWith("__"));
  if (subs.length > 0 && positionals.length === 0) return filter(subs.map((c) => c.name));
  const name = path[1]?.name ?? "";
  if (name === "completion" && positionals.length === 0) return filter(["bash", "zsh", "fish"]);
  if (name === "help") {
    return filter((root.commands ?? []).filter((c) => !c.hidden).map((c) => c.name));
  }
  if (!RESOURCE_COMMANDS.has(name)) return [];
  try {
    if (positionals.length === 0) {
      if (cur.includes("/")) {
        const [type] = cur.split("/");
        const names = await source.objectNames(type, namespaceOf(before));
        return filter(names.map((n) => `${type}/${n}`));
      }
      return filter(await source.resourceNames());
    }
    if (name === "explain" || positionals[0].includes("/")) return [];
    // As kubectl, names already on the line are not offered again.
    const given = new Set(positionals.slice(1));
    const names = await source.objectNames(positionals[0].split(",")[0], namespaceOf(before));
    return filter(names.filter((n) => !given.has(n)));
  } catch {
    return [];
  }
}

function flagByArg(flags: readonly FlagSpec[], arg: string): FlagSpec | undefined {
  const name = arg.replace(/^-+/, "");
  return arg.startsWith("--")
    ? flags.find((f) => f.name === name)
    : flags.find((f) => f.shorthand === name);
}

async function flagValues(
  flag: FlagSpec | undefined,
  source: CompletionSource,
): Promise<string[]> {
  if (!flag) return [];
  switch (flag.name) {
    case "namespace":
      return await source.objectNames("namespaces", "").catch(() => []);
    case "output":
      return OUTPUT_FORMATS;
    case "dry-run":
      return ["none", "client", "server"];
    case "cascade":
      return ["background", "foreground", "orphan"];
    case "type":
      return ["strategic", "merge", "json"];
    case "for":
      return ["create", "delete", "condition=", "jsonpath="];
    default:
      return [];
  }
}

function namespaceOf(words: readonly string[]): string {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if ((w === "-n" || w === "--namespace") && i + 1 < words.length) return words[i + 1];
    if (w.startsWith("--namespace=")) return w.slice(12);
    if (w.startsWith("-n") && w.length > 2) return w.slice(2).replace(/^=/, "");
    if (w === "-A" || w === "--all-namespaces") return "";
  }
  return "default";
}

function positionalArgs(args: readonly string[], flags: readonly FlagSpec[]): string[] {
  const takes = takesSeparateValue(flags);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") break;
    if (a.startsWith("-")) {
      if (takes(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

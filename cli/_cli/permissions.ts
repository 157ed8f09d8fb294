// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The exact Deno permissions one CLI invocation needs: read/write of the store's directory
 * (or net access to the etcd members and read of their TLS files), write of the audit log,
 * read of the `-f` paths (and template files), the environment variables k1s reads, and `run`
 * of the editor for `edit` (and of the diff program for `diff`).
 *
 * @module
 */

/**
 * The environment variables every command may read: the store, identity, tenant and audit log
 * defaults, and the two the `yaml` package reads when it loads (to read YAML manifests).
 */
export const CLI_ENV_VARS: readonly string[] = [
  "K1S_STORE",
  "K1S_HOME",
  "K1S_TOKEN",
  "K1S_TENANT",
  "K1S_AUDIT_LOG",
  "HOME",
  "LOG_TOKENS",
  "LOG_STREAM",
];

/** What {@linkcode permissionFlags} needs to know about the process. */
export interface PermissionInput {
  /** The CLI arguments (after the tool name). */
  args: readonly string[];
  /** Reads an environment variable. */
  env: (name: string) => string | undefined;
  /** The working directory (relative paths are made absolute against it). */
  cwd: string;
  /** The tool's default store, when it has one. */
  defaultStore?: string;
  /** Extra paths to allow reading (e.g. the directory of sql.js's WASM file). */
  extraRead?: readonly string[];
}

/** The permission flags and the store they were computed for. */
export interface PermissionPlan {
  /** `deno run` flags, e.g. `--allow-read=/home/u/.k1s`. */
  flags: string[];
  /** The store URL or absolute path the CLI will open. */
  store: string;
}

/**
 * Computes the `deno run` permission flags of one invocation.
 *
 * @param input Arguments, environment, working directory.
 * @returns The flags and the store.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { permissionFlags } from "./permissions.ts";
 * const plan = permissionFlags({ args: ["get", "cm", "-f", "x.yaml"], env: (k) => ({ HOME: "/home/u" })[k], cwd: "/work" });
 * assertEquals(plan.flags, [
 *   "--allow-read=/home/u/.k1s,/work/x.yaml",
 *   "--allow-write=/home/u/.k1s",
 *   "--allow-env=K1S_STORE,K1S_HOME,K1S_TOKEN,K1S_TENANT,K1S_AUDIT_LOG,HOME,LOG_TOKENS,LOG_STREAM",
 * ]);
 * ```
 */
export function permissionFlags(input: PermissionInput): PermissionPlan {
  const { args, env, cwd } = input;
  const abs = (p: string) => absolute(p, cwd);
  const store = flagValues(args, "store")[0] || env("K1S_STORE") || input.defaultStore ||
    defaultStore(env);
  const read: string[] = [];
  const write: string[] = [];
  const net: string[] = [];
  const envVars = [...CLI_ENV_VARS];
  const run: string[] = [];
  if (store.startsWith("etcd://") || store.startsWith("etcds://")) {
    const etcd = etcdAccess(store);
    net.push(...etcd.net);
    read.push(...etcd.files.map(abs));
  } else if (store !== "memory:" && !store.startsWith("memory://")) {
    const path = store.startsWith("sqlite://")
      ? decodeURIComponent(store.slice(9))
      : store.startsWith("file://")
      ? decodeURIComponent(new URL(store).pathname)
      : store;
    const dir = dirname(abs(path));
    read.push(dir);
    write.push(dir);
  }
  // The audit logger appends to (and creates) the file; it never reads it.
  const audit = flagValues(args, "audit-log")[0] || env("K1S_AUDIT_LOG");
  if (audit) write.push(abs(audit));
  for (const f of [...flagValues(args, "filename", "f")]) {
    for (const part of f.split(",")) {
      if (!part || part === "-") continue;
      // A manifest URL is fetched: its host (and port), not a path.
      if (part.startsWith("http://") || part.startsWith("https://")) {
        const host = urlHost(part);
        if (host) net.push(host);
      } else read.push(abs(part));
    }
  }
  for (const o of flagValues(args, "output", "o")) {
    const m = /^(jsonpath-file|custom-columns-file)=(.+)$/.exec(o);
    if (m) read.push(abs(m[2]));
  }
  for (const p of flagValues(args, "patch-file")) read.push(abs(p));
  // Generators read their sources: `--from-file=[key=]path`, env files, TLS key pairs.
  for (const f of flagValues(args, "from-file")) {
    read.push(abs(f.includes("=") ? f.slice(f.indexOf("=") + 1) : f));
  }
  for (const f of flagValues(args, "from-env-file")) read.push(abs(f));
  for (const f of [...flagValues(args, "cert"), ...flagValues(args, "key")]) read.push(abs(f));
  read.push(...(input.extraRead ?? []));
  const command = firstWord(args);
  if (usesEditor(command, args)) {
    const editor = env("KUBE_EDITOR") || env("EDITOR") || "vi";
    run.push(editor.split(/\s+/)[0]);
    envVars.push("KUBE_EDITOR", "EDITOR", "TMPDIR");
    // An editor command with quotes runs through the shell, as kubectl's editor does.
    if (/["']/.test(editor)) {
      envVars.push("SHELL");
      run.push(env("SHELL") || "/bin/sh");
    }
    const tmp = env("TMPDIR") || "/tmp";
    read.push(tmp);
    write.push(tmp);
  }
  if (command === "diff") {
    const differ = env("KUBECTL_EXTERNAL_DIFF") || "diff";
    run.push(differ.split(/\s+/)[0]);
    envVars.push("KUBECTL_EXTERNAL_DIFF", "TMPDIR");
    const tmp = env("TMPDIR") || "/tmp";
    read.push(tmp);
    write.push(tmp);
  }
  const flags: string[] = [];
  if (read.length) flags.push(`--allow-read=${unique(read).join(",")}`);
  if (write.length) flags.push(`--allow-write=${unique(write).join(",")}`);
  if (net.length) flags.push(`--allow-net=${unique(net).join(",")}`);
  // An env file's bare keys (`KEY` without `=`) take their values from the environment, as
  // kubectl's do: which variables, only the file says.
  const envFiles = flagValues(args, "from-env-file").length > 0;
  flags.push(envFiles ? "--allow-env" : `--allow-env=${unique(envVars).join(",")}`);
  if (run.length) flags.push(`--allow-run=${unique(run).join(",")}`);
  return { flags, store };
}

// `host[:port]` as Deno's --allow-net takes it; a malformed URL is left to the CLI's own error.
function urlHost(url: string): string | undefined {
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

/** The default client port of etcd, as `parseEtcdStoreUrl` assumes it. */
const ETCD_PORT = 2379;

/**
 * The members and TLS files of an etcd store URL, parsed as the etcd backend's
 * `parseEtcdStoreUrl` does (`etcd[s]://host[:port][,host[:port]…][/prefix][?ca=&cert=&key=&timeout=]`).
 * Reproduced here because importing the backend would load its client into the launcher; a
 * malformed host is left out, so that the CLI itself reports the URL as invalid rather than
 * Deno rejecting the flag.
 *
 * @param url The store URL.
 * @returns `host:port` of each member and the `ca`, `cert` and `key` files, as written.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { etcdAccess } from "./permissions.ts";
 * assertEquals(etcdAccess("etcds://a,b:2380/k1s?ca=ca.pem&timeout=5s"), {
 *   net: ["a:2379", "b:2380"],
 *   files: ["ca.pem"],
 * });
 * ```
 */
export function etcdAccess(url: string): { net: string[]; files: string[] } {
  const m = /^etcds?:\/\/([^/?#]*)[^?#]*(?:\?([^#]*))?/i.exec(url);
  if (!m) return { net: [], files: [] };
  const net: string[] = [];
  for (const hostPort of m[1].split(",")) {
    const h = /^(\[[0-9a-f:.]+\]|[^:\[\]]+)(?::(\d*))?$/i.exec(hostPort);
    const port = h?.[2] ? Number(h[2]) : ETCD_PORT;
    if (h && port >= 1 && port <= 65535) net.push(`${h[1]}:${port}`);
  }
  const files: string[] = [];
  for (const [name, value] of new URLSearchParams(m[2] ?? "")) {
    if ((name === "ca" || name === "cert" || name === "key") && value) files.push(value);
  }
  return { net, files };
}

function defaultStore(env: (name: string) => string | undefined): string {
  const home = env("K1S_HOME");
  if (home) return `${home.replace(/\/+$/, "")}/k1s.db`;
  const h = env("HOME");
  return h ? `${h.replace(/\/+$/, "")}/.k1s/k1s.db` : "memory:";
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function absolute(p: string, cwd: string): string {
  if (p.startsWith("/")) return normalize(p);
  return normalize(`${cwd.replace(/\/+$/, "")}/${p}`);
}

function normalize(p: string): string {
  const out: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return "/" + out.join("/");
}

function dirname(p: string): string {
  const i = p.lastIndexOf("/");
  return i <= 0 ? "/" : p.slice(0, i);
}

// The values of a flag in its forms: `--name v`, `--name=v`, `-x v`, `-xv`, `-x=v`.
function flagValues(args: readonly string[], name: string, short?: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") break;
    if (a === `--${name}` || (short && a === `-${short}`)) {
      if (i + 1 < args.length) out.push(args[++i]);
    } else if (a.startsWith(`--${name}=`)) out.push(a.slice(name.length + 3));
    else if (short && a.startsWith(`-${short}`) && !a.startsWith("--") && a.length > 2) {
      out.push(a.slice(2).replace(/^=/, ""));
    }
  }
  return out;
}

// `edit`, `apply edit-last-applied` and `create --edit` open the editor. A word or flag that
// only looks like one (a resource named so) grants the editor needlessly, never wrongly.
function usesEditor(command: string, args: readonly string[]): boolean {
  if (command === "edit") return true;
  if (command === "apply") return args.includes("edit-last-applied");
  if (command !== "create") return false;
  const v = flagValues(args, "edit").at(-1);
  return args.includes("--edit") || (v !== undefined && /^(1|t|true)$/i.test(v));
}

function firstWord(args: readonly string[]): string {
  const valued = new Set([
    "-n",
    "--namespace",
    "--store",
    "--as",
    "--as-group",
    "--as-uid",
    "--audit-log",
    "--token",
    "--tenant",
    "--request-timeout",
    "-v",
  ]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (valued.has(a)) {
      i++;
      continue;
    }
    if (!a.startsWith("-")) return a;
  }
  return "";
}

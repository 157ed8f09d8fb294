// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The root command and the global options (kubectl's persistent flags that k1s has, plus
 * `--audit-log`, `--store` and `--tenant`).
 *
 * @module
 */
import type { CommandSpec, FlagSpec } from "../_internal/args/mod.ts";

/** The options every command accepts (`<tool> options` lists them). */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  {
    name: "as",
    type: "string",
    usage:
      "Username to impersonate for the operation. User could be a regular user or a service account in a namespace.",
  },
  {
    name: "as-group",
    type: "stringArray",
    usage:
      "Group to impersonate for the operation, this flag can be repeated to specify multiple groups.",
  },
  { name: "as-uid", type: "string", usage: "UID to impersonate for the operation." },
  {
    // kubectl has no such flag: there the API server keeps the audit log. Here every process is
    // its own server, so the process is told where to append.
    name: "audit-log",
    type: "string",
    usage:
      "The file to append an audit event to for every request, as JSON lines (audit.k8s.io/v1 at level Metadata: user, verb, resource, name and the authorization decision). Defaults to $K1S_AUDIT_LOG; without either there is no audit log. Specific to k1s: kubectl has no such flag, since the API server keeps its audit log.",
  },
  {
    name: "namespace",
    shorthand: "n",
    type: "string",
    usage: "If present, the namespace scope for this CLI request",
  },
  {
    name: "request-timeout",
    type: "string",
    default: "0",
    usage:
      "The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests.",
  },
  {
    name: "store",
    type: "string",
    usage:
      "The store to use: a file path or sqlite:///path, memory:, or etcd://host:port[/prefix]. Defaults to $K1S_STORE, then $K1S_HOME/k1s.db, then ~/.k1s/k1s.db.",
  },
  {
    name: "tenant",
    type: "string",
    usage:
      "The tenant whose objects to use, when the store holds several (defaults to $K1S_TENANT). Tenants cannot see each other's objects.",
  },
  {
    name: "token",
    type: "string",
    usage:
      "Bearer token for authentication to the API server (a ServiceAccount token from 'create token'; defaults to $K1S_TOKEN)",
  },
  { name: "v", shorthand: "v", type: "int", usage: "number for the log level verbosity" },
  {
    name: "warnings-as-errors",
    type: "bool",
    usage: "Treat warnings received from the server as errors and exit with a non-zero exit code",
  },
];

/**
 * The root command of a tool: its global options, whose help names the tool and its default
 * store.
 *
 * @param options The tool's name, help text, commands and default store.
 * @returns The spec.
 */
export function rootSpec(options: RootSpecOptions): CommandSpec {
  const { name, defaultStore } = options;
  const prefix = options.envPrefix ?? "K1S";
  const own = name === "k1s" && !defaultStore && prefix === "K1S";
  const base = prefix === "K1S" ? "k1s" : name;
  const storeDefault = defaultStore
    ? `Defaults to $${prefix}_STORE, then ${defaultStore}.`
    : `Defaults to $${prefix}_STORE, then $${prefix}_HOME/${base}.db, then ~/.${base}/${base}.db.`;
  return {
    name,
    summary: "",
    usage: "[flags]",
    description: options.description ??
      `${name} controls Kubernetes-style resources in an embedded store, with no cluster and no API server.`,
    persistentFlags: own ? GLOBAL_FLAGS : GLOBAL_FLAGS.map((f) => {
      let usage = f.usage.replaceAll("$K1S_", `$${prefix}_`);
      if (f.name === "store") usage = usage.replace(/Defaults to .*$/, storeDefault);
      if (f.name === "audit-log") usage = usage.replace("Specific to k1s", `Specific to ${name}`);
      return usage === f.usage ? f : { ...f, usage };
    }),
    commands: options.commands,
  };
}

/** What {@linkcode rootSpec} needs. */
export interface RootSpecOptions {
  /** The tool name. */
  name: string;
  /** The root help text (a default names the tool). */
  description?: string;
  /** The commands. */
  commands: readonly CommandSpec[];
  /** The tool's default store, which `--store`'s help names. */
  defaultStore?: string;
  /** The prefix of the environment variables the tool reads. @default {"K1S"} */
  envPrefix?: string;
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The objects `create configmap|secret|namespace|serviceaccount|role|clusterrole|rolebinding|
 * clusterrolebinding` build, with kubectl's client-side checks and messages. Objects are built
 * with their keys in the Go struct order kubectl encodes them in (`-o json` of a client dry run,
 * the last-applied annotation of `--save-config`), and `metadata.creationTimestamp: null`.
 *
 * @module
 */
import { isConfigMapKey, type KubeObject, regexError } from "@k1s/core";
import { goJson } from "../_internal/printers/go_format.ts";
import { CliError } from "../_cli/errors.ts";

/** The file-system operations the generators need (injectable for tests). */
export interface GeneratorFs {
  /** What a path is; throws `Deno.errors.NotFound` (or another error) when it cannot be read. */
  stat(path: string): Promise<{ isDirectory: boolean }>;
  /** The bytes of a file. */
  readFile(path: string): Promise<Uint8Array>;
  /** The entries of a directory, sorted by name. */
  readDir(path: string): Promise<{ name: string; isFile: boolean }[]>;
}

// Deno grants a device file only with --allow-all; the standard input needs no permission.
const STDIN = "/dev/stdin";

/** Deno's file system; `/dev/stdin` (`--from-file=key=/dev/stdin`) is the standard input. */
export const denoGeneratorFs: GeneratorFs = {
  stat: (p) => p === STDIN ? Promise.resolve({ isDirectory: false }) : Deno.stat(p),
  readFile: async (p) =>
    p === STDIN
      ? new Uint8Array(await new Response(Deno.stdin.readable).arrayBuffer())
      : await Deno.readFile(p),
  async readDir(p) {
    const out: { name: string; isFile: boolean }[] = [];
    for await (const e of Deno.readDir(p)) out.push({ name: e.name, isFile: e.isFile });
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  },
};

/** Go's `PathError.Err` text for a failed `os.Stat`. */
function pathErrorText(err: unknown): string {
  if (err instanceof Deno.errors.NotFound) return "no such file or directory";
  if (err instanceof Deno.errors.PermissionDenied) return "permission denied";
  if (err instanceof Deno.errors.NotADirectory) return "not a directory";
  return (err as Error)?.message ?? String(err);
}

async function statSource(fs: GeneratorFs, path: string): Promise<{ isDirectory: boolean }> {
  try {
    return await fs.stat(path);
  } catch (e) {
    if (isPermissionError(e)) throw e;
    throw new CliError(`error reading ${path}: ${pathErrorText(e)}`, { cause: e });
  }
}

function isPermissionError(e: unknown): boolean {
  const capable = (Deno.errors as Record<string, unknown>).NotCapable as
    | (new () => Error)
    | undefined;
  return !!capable && e instanceof capable;
}

/**
 * `util.ParseLiteralSource`: `key=value` (the value may contain `=`).
 *
 * @param source The `--from-literal` value.
 * @returns The key and the value.
 * @throws {CliError} `invalid literal source abc, expected key=value`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseLiteralSource } from "./_write_generators.ts";
 * assertEquals(parseLiteralSource("a=b=c"), ["a", "b=c"]);
 * ```
 */
export function parseLiteralSource(source: string): [string, string] {
  const i = source.indexOf("=");
  // Key names may not be empty: `=v` is as wrong as `abc`.
  if (i <= 0) throw new CliError(`invalid literal source ${source}, expected key=value`);
  return [source.slice(0, i), source.slice(i + 1)];
}

/**
 * `util.ParseFileSource`: `path` (the key is the base name) or `key=path`.
 *
 * @param source The `--from-file` value.
 * @returns The key and the path.
 * @throws {CliError} `key name for file path x missing`, `file path for key name a missing`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseFileSource } from "./_write_generators.ts";
 * assertEquals(parseFileSource("dir/app.conf"), ["app.conf", "dir/app.conf"]);
 * assertEquals(parseFileSource("k=dir/app.conf"), ["k", "dir/app.conf"]);
 * ```
 */
export function parseFileSource(source: string): [string, string] {
  const i = source.indexOf("=");
  if (i < 0) return [baseName(source), source];
  const key = source.slice(0, i);
  const path = source.slice(i + 1);
  if (key === "") throw new CliError(`key name for file path ${path} missing`);
  if (path === "") throw new CliError(`file path for key name ${key} missing`);
  return [key, path];
}

// Go's path.Base.
function baseName(p: string): string {
  if (p === "") return ".";
  const t = p.replace(/\/+$/, "");
  if (t === "") return "/";
  return t.slice(t.lastIndexOf("/") + 1);
}

const ENV_VAR_NAME_RE = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_VAR_NAME_MSG = regexError(
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
  "[-._a-zA-Z][-._a-zA-Z0-9]*",
  "my.env-name",
  "MY_ENV.NAME",
  "MyEnvName1",
);

/**
 * `cmdutil.AddFromEnvFile`: the `key=value` lines of an env file (leading space and a UTF-8 BOM
 * dropped, `#` comments and blank lines skipped; a line without `=` takes the value from the
 * environment).
 *
 * @param text The file content.
 * @param lookupEnv Reads an environment variable.
 * @returns The pairs, in file order.
 * @throws {CliError} `"x y" is not a valid key name: a valid environment variable name ...`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseEnvFile } from "./_write_generators.ts";
 * assertEquals(parseEnvFile("# c\nA=1\n\n  B= 2 \nC\n", () => "env"), [["A", "1"], ["B", " 2 "], ["C", "env"]]);
 * ```
 */
export function parseEnvFile(
  text: string,
  lookupEnv: (name: string) => string | undefined,
): [string, string][] {
  const out: [string, string][] = [];
  let first = true;
  for (let line of text.split("\n")) {
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (first) {
      if (line.startsWith("\uFEFF")) line = line.slice(1);
      first = false;
    }
    line = line.replace(/^\s+/, "");
    if (line === "" || line.startsWith("#")) continue;
    const i = line.indexOf("=");
    const key = i < 0 ? line : line.slice(0, i);
    if (!ENV_VAR_NAME_RE.test(key)) {
      throw new CliError(`${JSON.stringify(key)} is not a valid key name: ${ENV_VAR_NAME_MSG}`);
    }
    out.push([key, i < 0 ? (lookupEnv(key) ?? "") : line.slice(i + 1)]);
  }
  return out;
}

/** The object under construction, in Go field order. */
type Obj = KubeObject & Record<string, unknown>;

function meta(name: string, namespace: string): KubeObject["metadata"] {
  const m: Record<string, unknown> = { name };
  if (namespace) m.namespace = namespace;
  m.creationTimestamp = null;
  return m as KubeObject["metadata"];
}

function sortedRecord<T>(r: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(r).sort(byteOrder)) out[k] = r[k];
  return out;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function base64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The name of a generated object and the namespace to put in it (`""`: none). */
export interface ObjectName {
  /** The name. */
  name: string;
  /** The namespace (`-n` given), or `""`. */
  namespace: string;
}

/** Sources of `create configmap` and `create secret generic`. */
export interface DataSources {
  /** `--from-file` values. */
  files?: readonly string[];
  /** `--from-literal` values. */
  literals?: readonly string[];
  /** `--from-env-file` values. */
  envFiles?: readonly string[];
}

/** Options of the generators that read files. */
export interface SourceOptions {
  /** File-system access. */
  fs?: GeneratorFs;
  /** Reads an environment variable (env files' bare keys). */
  lookupEnv?: (name: string) => string | undefined;
}

function checkEnvCombination(s: DataSources): void {
  if (
    (s.envFiles?.length ?? 0) > 0 && ((s.files?.length ?? 0) > 0 || (s.literals?.length ?? 0) > 0)
  ) {
    throw new CliError("from-env-file cannot be combined with from-file or from-literal");
  }
}

async function forEachFileSource(
  fs: GeneratorFs,
  sources: readonly string[],
  add: (key: string, bytes: Uint8Array) => void,
): Promise<void> {
  for (const source of sources) {
    const [key, path] = parseFileSource(source);
    const st = await statSource(fs, path);
    if (st.isDirectory) {
      if (source.includes("=")) throw new CliError("cannot give a key name for a directory path");
      let entries;
      try {
        entries = await fs.readDir(path);
      } catch (e) {
        throw new CliError(`error listing files in ${path}: ${pathErrorText(e)}`, { cause: e });
      }
      for (const item of entries) {
        if (!item.isFile) continue;
        add(item.name, await fs.readFile(`${path.replace(/\/+$/, "")}/${item.name}`));
      }
    } else {
      add(key, await fs.readFile(path));
    }
  }
}

async function forEachEnvFile(
  fs: GeneratorFs,
  sources: readonly string[],
  kind: "config" | "secret",
  lookupEnv: (name: string) => string | undefined,
  add: (key: string, value: string) => void,
): Promise<void> {
  for (const path of sources) {
    const st = await statSource(fs, path);
    if (st.isDirectory) throw new CliError(`env ${kind} file cannot be a directory`);
    const bytes = await fs.readFile(path);
    // kubectl reads the file line by line and rejects the first line that is not UTF-8,
    // after the lines before it.
    const bad = invalidUtf8Line(bytes);
    const text = new TextDecoder().decode(bad ? bytes.subarray(0, bad.start) : bytes);
    for (const [k, v] of parseEnvFile(text, lookupEnv)) add(k, v);
    if (bad) {
      throw new CliError(
        `env file ${path} contains invalid utf8 bytes at line ${bad.number}: [${
          [...bad.bytes].join(" ")
        }]`,
      );
    }
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The first line (as bufio.ScanLines splits them) that is not valid UTF-8. */
function invalidUtf8Line(
  bytes: Uint8Array,
): { number: number; start: number; bytes: Uint8Array } | undefined {
  for (let start = 0, number = 1; start < bytes.length; number++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    let line = bytes.subarray(start, end);
    if (line.at(-1) === 0x0d) line = line.subarray(0, -1);
    try {
      strictUtf8.decode(line);
    } catch {
      return { number, start, bytes: line };
    }
    start = end + 1;
  }
  return undefined;
}

/**
 * Builds the ConfigMap of `create configmap`: files first, then literals, then env files;
 * invalid UTF-8 file content goes to `binaryData`.
 *
 * @param object The name, and the namespace to put in the object (`-n` given) or `""`.
 * @param sources `--from-file`, `--from-literal`, `--from-env-file`.
 * @param options File system and environment.
 * @returns The ConfigMap (Go field order).
 * @throws {CliError} kubectl's client-side messages.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { configMapFromSources } from "./_write_generators.ts";
 * const cm = await configMapFromSources({ name: "x", namespace: "" }, { literals: ["b=2", "a=1"] });
 * assertEquals(JSON.stringify(cm), '{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"x","creationTimestamp":null},"data":{"a":"1","b":"2"}}');
 * ```
 */
export async function configMapFromSources(
  object: ObjectName,
  sources: DataSources,
  options: SourceOptions = {},
): Promise<KubeObject> {
  const { name, namespace } = object;
  checkEnvCombination(sources);
  const fs = options.fs ?? denoGeneratorFs;
  const data: Record<string, string> = {};
  const binary: Record<string, string> = {};
  const check = (key: string) => {
    const errs = isConfigMapKey(key);
    if (errs.length) {
      throw new CliError(
        `${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errs.join(",")}`,
      );
    }
    if (key in data) {
      throw new CliError(
        `cannot add key ${
          JSON.stringify(key)
        }, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`,
      );
    }
    if (key in binary) {
      throw new CliError(
        `cannot add key ${
          JSON.stringify(key)
        }, another key by that name already exists in BinaryData for ConfigMap ${
          JSON.stringify(name)
        }`,
      );
    }
  };
  const addText = (key: string, value: string) => {
    check(key);
    data[key] = value;
  };
  await forEachFileSource(fs, sources.files ?? [], (key, bytes) => {
    const text = utf8(bytes);
    if (text !== undefined) return addText(key, text);
    check(key);
    binary[key] = base64(bytes);
  });
  for (const l of sources.literals ?? []) addText(...parseLiteralSource(l));
  await forEachEnvFile(
    fs,
    sources.envFiles ?? [],
    "config",
    options.lookupEnv ?? (() => undefined),
    addText,
  );
  const cm: Obj = { kind: "ConfigMap", apiVersion: "v1", metadata: meta(name, namespace) };
  if (Object.keys(data).length) cm.data = sortedRecord(data);
  if (Object.keys(binary).length) cm.binaryData = sortedRecord(binary);
  return cm;
}

function newSecret(name: string, namespace: string): Obj {
  return { kind: "Secret", apiVersion: "v1", metadata: meta(name, namespace) };
}

function finishSecret(s: Obj, data: Record<string, string>, type: string): KubeObject {
  if (Object.keys(data).length) s.data = sortedRecord(data);
  if (type) s.type = type;
  return s;
}

function secretAdder(data: Record<string, string>): (key: string, bytes: Uint8Array) => void {
  return (key, bytes) => {
    const errs = isConfigMapKey(key);
    if (errs.length) {
      throw new CliError(
        `${JSON.stringify(key)} is not valid key name for a Secret ${errs.join(";")}`,
      );
    }
    if (key in data) {
      throw new CliError(`cannot add key ${key}, another key by that name already exists`);
    }
    data[key] = base64(bytes);
  };
}

/**
 * Builds the Secret of `create secret generic`: literals first, then files, then env files.
 *
 * @param object The name, the namespace to put in the object (or `""`), and `--type`
 *   (empty: the server defaults it to `Opaque`).
 * @param sources `--from-file`, `--from-literal`, `--from-env-file`.
 * @param options File system and environment.
 * @returns The Secret (Go field order).
 * @throws {CliError} kubectl's client-side messages.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { genericSecret } from "./_write_generators.ts";
 * const s = await genericSecret({ name: "s", namespace: "", type: "" }, { literals: ["a=b"] });
 * assertEquals(s.data, { a: "Yg==" });
 * ```
 */
export async function genericSecret(
  object: ObjectName & { type: string },
  sources: DataSources,
  options: SourceOptions = {},
): Promise<KubeObject> {
  const { name, namespace, type } = object;
  checkEnvCombination(sources);
  const fs = options.fs ?? denoGeneratorFs;
  const data: Record<string, string> = {};
  const add = secretAdder(data);
  const enc = new TextEncoder();
  for (const l of sources.literals ?? []) {
    const [k, v] = parseLiteralSource(l);
    add(k, enc.encode(v));
  }
  await forEachFileSource(fs, sources.files ?? [], add);
  await forEachEnvFile(
    fs,
    sources.envFiles ?? [],
    "secret",
    options.lookupEnv ?? (() => undefined),
    (k, v) => add(k, enc.encode(v)),
  );
  return finishSecret(newSecret(name, namespace), data, type);
}

/** Options of {@linkcode dockerRegistrySecret}. */
export interface DockerRegistryOptions {
  /** `--docker-username`. */
  username: string;
  /** `--docker-password`. */
  password: string;
  /** `--docker-email`. */
  email: string;
  /** `--docker-server`. */
  server: string;
  /** `--from-file` values (replace the generated `.dockerconfigjson`). */
  files?: readonly string[];
}

/**
 * Builds the Secret of `create secret docker-registry`: `.dockerconfigjson` from the
 * credentials, or the given files (a file without a key becomes `.dockerconfigjson`).
 *
 * @param object The name, and the namespace to put in the object or `""`.
 * @param opts Credentials or files.
 * @param options File system.
 * @returns The Secret.
 * @throws {CliError} kubectl's messages.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { dockerRegistrySecret } from "./_write_generators.ts";
 * const s = await dockerRegistrySecret({ name: "d", namespace: "" }, {
 *   username: "u",
 *   password: "p",
 *   email: "",
 *   server: "r.io",
 * });
 * assertEquals(atob(s.data![".dockerconfigjson"] as string), '{"auths":{"r.io":{"username":"u","password":"p","auth":"dTpw"}}}');
 * ```
 */
export async function dockerRegistrySecret(
  object: ObjectName,
  opts: DockerRegistryOptions,
  options: SourceOptions = {},
): Promise<KubeObject & { data?: Record<string, string> }> {
  const { name, namespace } = object;
  const files = opts.files ?? [];
  if (files.length === 0 && (!opts.username || !opts.password || !opts.server)) {
    throw new CliError(
      "either --from-file or the combination of --docker-username, --docker-password and --docker-server is required",
    );
  }
  const type = "kubernetes.io/dockerconfigjson";
  const s = newSecret(name, namespace);
  const data: Record<string, string> = {};
  if (files.length > 0) {
    const withKeys = files.map((f) => (f.includes("=") ? f : `.dockerconfigjson=${f}`));
    await forEachFileSource(options.fs ?? denoGeneratorFs, withKeys, secretAdder(data));
  } else {
    const entry: Record<string, string> = {};
    if (opts.username) entry.username = opts.username;
    if (opts.password) entry.password = opts.password;
    if (opts.email) entry.email = opts.email;
    const auth = base64(new TextEncoder().encode(`${opts.username}:${opts.password}`));
    if (auth) entry.auth = auth;
    const json = goJson({ auths: { [opts.server]: entry } }, { sortKeys: false });
    data[".dockerconfigjson"] = base64(new TextEncoder().encode(json));
  }
  return finishSecret(s, data, type) as KubeObject & { data?: Record<string, string> };
}

/**
 * Builds the Secret of `create secret tls` after checking the certificate and key PEM files as
 * Go's `tls.X509KeyPair` does (PEM blocks present, of the right types, and the key matching the
 * certificate's public key).
 *
 * @param object The name, and the namespace to put in the object or `""`.
 * @param files `--cert` and `--key`.
 * @param options File system.
 * @returns The Secret.
 * @throws {CliError} `key and cert must be specified`, `Cannot read file x, ...`, `tls: ...`.
 */
export async function tlsSecret(
  object: ObjectName,
  files: { cert: string; key: string },
  options: SourceOptions = {},
): Promise<KubeObject> {
  const { name, namespace } = object;
  const { cert: certPath, key: keyPath } = files;
  if (!certPath || !keyPath) throw new CliError("key and cert must be specified");
  const fs = options.fs ?? denoGeneratorFs;
  const read = async (path: string) => {
    try {
      return await fs.readFile(path);
    } catch (e) {
      if (isPermissionError(e)) throw e;
      // Go opens a directory and fails to read it.
      const how = e instanceof Deno.errors.IsADirectory
        ? `read ${path}: is a directory`
        : `open ${path}: ${pathErrorText(e)}`;
      throw new CliError(`Cannot read file ${path}, ${how}`, { cause: e });
    }
  };
  const cert = await read(certPath);
  const key = await read(keyPath);
  const { checkX509KeyPair } = await import("./_write_tls.ts");
  await checkX509KeyPair(cert, key);
  const data = { "tls.crt": base64(cert), "tls.key": base64(key) };
  return finishSecret(newSecret(name, namespace), data, "kubernetes.io/tls");
}

/**
 * Builds the Namespace of `create namespace`.
 *
 * @param name The name.
 * @returns The Namespace (with kubectl's empty `spec` and `status`).
 */
export function namespaceObject(name: string): KubeObject {
  return {
    kind: "Namespace",
    apiVersion: "v1",
    metadata: meta(name, ""),
    spec: {},
    status: {},
  };
}

/**
 * Builds the ServiceAccount of `create serviceaccount`.
 *
 * @param name The name.
 * @param namespace The namespace to put in the object, or `""`.
 * @returns The ServiceAccount.
 */
export function serviceAccountObject(name: string, namespace: string): KubeObject {
  return { kind: "ServiceAccount", apiVersion: "v1", metadata: meta(name, namespace) };
}

/** One `--resource` value, split as `create role` splits it. */
export interface ResourceOption {
  /** The API group (after the first `.`). */
  group: string;
  /** The resource. */
  resource: string;
  /** The subresource (after `/`). */
  subResource: string;
}

const VALID_RESOURCE_VERBS = [
  "*",
  "get",
  "delete",
  "list",
  "create",
  "update",
  "patch",
  "watch",
  "proxy",
  "deletecollection",
  "use",
  "bind",
  "escalate",
  "impersonate",
];
const VALID_NON_RESOURCE_VERBS = ["*", "get", "post", "put", "delete", "patch", "head", "options"];
const SPECIAL_VERBS: Record<string, [string, string][]> = {
  use: [["policy", "podsecuritypolicies"], ["extensions", "podsecuritypolicies"]],
  bind: [["rbac.authorization.k8s.io", "roles"], ["rbac.authorization.k8s.io", "clusterroles"]],
  escalate: [["rbac.authorization.k8s.io", "roles"], [
    "rbac.authorization.k8s.io",
    "clusterroles",
  ]],
  impersonate: [["", "users"], ["", "serviceaccounts"], ["", "groups"], [
    "authentication.k8s.io",
    "userextras",
  ]],
};

/** The rule flags of `create role` and `create clusterrole`. */
export interface RuleFlags {
  /** `--verb` (deduplicated; `*` wins). */
  verbs: string[];
  /** `--resource`, split. */
  resources: ResourceOption[];
  /** `--resource-name` (deduplicated). */
  resourceNames: string[];
  /** `--non-resource-url` (cluster roles; deduplicated). */
  nonResourceURLs: string[];
}

function dedup(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of values) if (!out.includes(v)) out.push(v);
  return out;
}

/**
 * Normalises the rule flags as `CreateRoleOptions.Complete` does.
 *
 * @param values The `--verb`, `--resource`, `--resource-name` and `--non-resource-url` values.
 * @returns The flags.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { ruleFlags } from "./_write_generators.ts";
 * const flags = (verbs: string[], resources: string[]) =>
 *   ruleFlags({ verbs, resources, resourceNames: [], nonResourceURLs: [] });
 * assertEquals(flags(["get", "*", "list"], ["pods.apps/status"]).verbs, ["*"]);
 * assertEquals(flags([], ["rs.apps/scale"]).resources, [{ group: "apps", resource: "rs", subResource: "scale" }]);
 * ```
 */
export function ruleFlags(values: {
  verbs: readonly string[];
  resources: readonly string[];
  resourceNames: readonly string[];
  nonResourceURLs: readonly string[];
}): RuleFlags {
  const { verbs, resources, resourceNames, nonResourceURLs } = values;
  let vs: string[] = [];
  for (const v of verbs) {
    if (v === "*") {
      vs = ["*"];
      break;
    }
    if (!vs.includes(v)) vs.push(v);
  }
  let rs: ResourceOption[] = [];
  for (const r of resources) {
    const slash = r.indexOf("/");
    const head = slash < 0 ? r : r.slice(0, slash);
    const dot = head.indexOf(".");
    const opt: ResourceOption = {
      group: dot < 0 ? "" : head.slice(dot + 1),
      resource: dot < 0 ? head : head.slice(0, dot),
      subResource: slash < 0 ? "" : r.slice(slash + 1),
    };
    if (opt.resource === "*" && dot < 0 && slash < 0) {
      rs = [opt];
      break;
    }
    rs.push(opt);
  }
  return {
    verbs: vs,
    resources: rs,
    resourceNames: dedup(resourceNames),
    nonResourceURLs: dedup(nonResourceURLs),
  };
}

/**
 * Resolves `--resource` names to plural resources (`cm` → `configmaps`), like kubectl's
 * `RESTMapper.ResourceFor`.
 */
export type ResourceResolver = (
  resource: string,
  group: string,
) => Promise<{ group: string; resource: string }>;

/**
 * The error kubectl's RESTMapper gives for an unknown resource (`CheckErr` prints it without
 * `error: `).
 *
 * @param resource The resource.
 * @param group The group, or `""`.
 * @returns The error.
 */
export function noResourceMatch(resource: string, group: string): CliError {
  const text = group
    ? `the server doesn't have a resource type ${JSON.stringify(resource)} in group ${
      JSON.stringify(group)
    }`
    : `the server doesn't have a resource type ${JSON.stringify(resource)}`;
  return new BareError(text);
}

/** An error printed as is, without `error: ` (kubectl's `NoResourceMatchError` path). */
export class BareError extends CliError {
  /** @param message The whole line. */
  constructor(message: string) {
    super(message);
    this.name = "BareError";
  }

  /** @returns The stderr text. */
  render(): string {
    return `${this.message}\n`;
  }
}

/**
 * Checks the rule flags of `create role` (kubectl's `Validate`), printing the warnings for
 * non-standard verbs.
 *
 * @param flags The rule flags.
 * @param io `resolve` resolves resources; `warn` receives
 *   `Warning: 'x' is not a standard resource verb` lines.
 * @throws {CliError} kubectl's messages.
 */
export async function validateRoleRules(
  flags: RuleFlags,
  io: { resolve: ResourceResolver; warn: (line: string) => void },
): Promise<void> {
  const { resolve, warn } = io;
  if (flags.verbs.length === 0) throw new CliError("at least one verb must be specified");
  for (const v of flags.verbs) {
    if (!VALID_RESOURCE_VERBS.includes(v)) {
      warn(`Warning: '${v}' is not a standard resource verb\n`);
    }
  }
  if (flags.resources.length === 0) throw new CliError("at least one resource must be specified");
  await validateResources(flags, resolve);
}

async function validateResources(flags: RuleFlags, resolve: ResourceResolver): Promise<void> {
  for (const r of flags.resources) {
    if (!r.resource) {
      throw new CliError("resource must be specified if apiGroup/subresource specified");
    }
    if (r.resource === "*") return;
    let resolved = { group: r.group, resource: r.resource };
    let err: unknown;
    try {
      resolved = await resolve(r.resource, r.group);
    } catch (e) {
      err = e;
    }
    for (const v of flags.verbs) {
      const special = SPECIAL_VERBS[v];
      if (!special) continue;
      if (!special.some(([g, res]) => g === resolved.group && res === resolved.resource)) {
        throw new CliError(
          `can not perform '${v}' on '${resolved.resource}' in group '${resolved.group}'`,
        );
      }
      err = undefined;
    }
    if (err) throw err;
  }
}

/**
 * Checks the flags of `create clusterrole` (kubectl's `Validate`).
 *
 * @param flags The rule flags.
 * @param io `--aggregation-rule` labels, the resource resolver and the warning sink.
 * @throws {CliError} kubectl's messages.
 */
export async function validateClusterRoleRules(
  flags: RuleFlags,
  io: {
    aggregation: Record<string, string>;
    resolve: ResourceResolver;
    warn: (line: string) => void;
  },
): Promise<void> {
  const { aggregation, resolve, warn } = io;
  if (Object.keys(aggregation).length > 0) {
    if (
      flags.nonResourceURLs.length || flags.verbs.length || flags.resources.length ||
      flags.resourceNames.length
    ) {
      throw new CliError(
        "aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames",
      );
    }
    return;
  }
  if (flags.verbs.length === 0) throw new CliError("at least one verb must be specified");
  if (flags.resources.length === 0 && flags.nonResourceURLs.length === 0) {
    throw new CliError("one of resource or nonResourceURL must be specified");
  }
  if (flags.resources.length > 0) {
    for (const v of flags.verbs) {
      if (!VALID_RESOURCE_VERBS.includes(v)) {
        warn(`Warning: '${v}' is not a standard resource verb\n`);
      }
    }
    await validateResources(flags, resolve);
  }
  if (flags.nonResourceURLs.length > 0) {
    for (const v of flags.verbs) {
      if (!VALID_NON_RESOURCE_VERBS.includes(v)) {
        throw new CliError(`invalid verb: '${v}' for nonResourceURL`);
      }
    }
    for (const u of flags.nonResourceURLs) {
      if (u === "*") continue;
      if (u === "" || !u.startsWith("/")) {
        throw new CliError("nonResourceURL should start with /");
      }
      if (u.slice(0, -1).includes("*")) {
        throw new CliError("nonResourceURL only supports wildcard matches when '*' is at the end");
      }
    }
  }
}

/**
 * The rules `create role`/`create clusterrole` generate: one rule per API group (groups
 * sorted), resources resolved to their plural names, and one rule for non-resource URLs.
 *
 * @param flags The rule flags.
 * @param resolve Resolves resources (failures keep the name as given).
 * @returns The rules, in Go field order.
 */
export async function policyRules(
  flags: RuleFlags,
  resolve: ResourceResolver,
): Promise<Record<string, unknown>[]> {
  const byGroup = new Map<string, string[]>();
  for (const r of flags.resources) {
    let resolved = { group: r.group, resource: r.resource };
    try {
      resolved = await resolve(r.resource, r.group);
    } catch {
      // kubectl keeps the resource as typed.
    }
    const res = r.subResource ? `${resolved.resource}/${r.subResource}` : resolved.resource;
    const list = byGroup.get(resolved.group) ?? [];
    if (!list.includes(res)) list.push(res);
    byGroup.set(resolved.group, list);
  }
  const rules: Record<string, unknown>[] = [];
  for (const g of [...byGroup.keys()].sort(byteOrder)) {
    const rule: Record<string, unknown> = {
      verbs: flags.verbs,
      apiGroups: [g],
      resources: byGroup.get(g),
    };
    if (flags.resourceNames.length) rule.resourceNames = flags.resourceNames;
    rules.push(rule);
  }
  if (flags.nonResourceURLs.length) {
    rules.push({ verbs: flags.verbs, nonResourceURLs: flags.nonResourceURLs });
  }
  return rules;
}

/**
 * Builds the Role of `create role`.
 *
 * @param object The name, and the namespace to put in the object or `""`.
 * @param rules The rules.
 * @returns The Role.
 */
export function roleObject(
  object: ObjectName,
  rules: Record<string, unknown>[],
): KubeObject {
  const { name, namespace } = object;
  return {
    kind: "Role",
    apiVersion: "rbac.authorization.k8s.io/v1",
    metadata: meta(name, namespace),
    rules,
  };
}

/**
 * Builds the ClusterRole of `create clusterrole`.
 *
 * @param name The name.
 * @param spec The rules (`null` with an aggregation rule, as kubectl encodes it) and the
 *   `--aggregation-rule` labels.
 * @returns The ClusterRole.
 */
export function clusterRoleObject(
  name: string,
  spec: { rules: Record<string, unknown>[] | null; aggregation: Record<string, string> },
): KubeObject {
  const { rules, aggregation } = spec;
  const o: Obj = {
    kind: "ClusterRole",
    apiVersion: "rbac.authorization.k8s.io/v1",
    metadata: meta(name, ""),
    rules,
  };
  if (Object.keys(aggregation).length) {
    o.aggregationRule = { clusterRoleSelectors: [{ matchLabels: sortedRecord(aggregation) }] };
  }
  return o;
}

/**
 * Parses `--aggregation-rule` values as component-base's `MapStringString` does (`k=v,k2=v2`,
 * repeatable; pairs trimmed, empty ones skipped).
 *
 * @param values The raw values.
 * @returns The labels, or the offending value.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseStringToString } from "./_write_generators.ts";
 * assertEquals(parseStringToString(["a=b,c=d"]), { ok: true, value: { a: "b", c: "d" } });
 * assertEquals(parseStringToString(["a"]), { ok: false, bad: "a" });
 * assertEquals(parseStringToString([" a=b,, c = d ,", ""]), { ok: true, value: { a: "b", c: "d" } });
 * ```
 */
export function parseStringToString(
  values: readonly string[],
): { ok: true; value: Record<string, string> } | { ok: false; bad: string } {
  const out: Record<string, string> = {};
  for (const v of values) {
    for (const raw of v.split(",")) {
      const pair = raw.trim();
      if (!pair) continue;
      const i = pair.indexOf("=");
      if (i < 0) return { ok: false, bad: v };
      out[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
    }
  }
  return { ok: true, value: out };
}

/** The subject flags of the binding generators. */
export interface SubjectFlags {
  /** `--user`. */
  users: readonly string[];
  /** `--group`. */
  groups: readonly string[];
  /** `--serviceaccount` (`namespace:name`). */
  serviceAccounts: readonly string[];
}

function subjects(flags: SubjectFlags): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const u of flags.users) {
    out.push({ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: u });
  }
  for (const g of flags.groups) {
    out.push({ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: g });
  }
  for (const sa of flags.serviceAccounts) {
    const parts = sa.split(":");
    if (parts.length !== 2 || !parts[0] || !parts[1]) {
      throw new CliError("serviceaccount must be <namespace>:<name>");
    }
    out.push({ kind: "ServiceAccount", name: parts[1], namespace: parts[0] });
  }
  return out;
}

/**
 * Builds the RoleBinding of `create rolebinding`.
 *
 * @param object The name, the namespace to put in the object (or `""`), and `--role` or
 *   `--clusterrole` (exactly one).
 * @param flags Subjects.
 * @returns The RoleBinding.
 * @throws {CliError} kubectl's messages.
 */
export function roleBindingObject(
  object: ObjectName & { role: string; clusterRole: string },
  flags: SubjectFlags,
): KubeObject {
  const { name, namespace } = object;
  const ref = object;
  if ((ref.role === "") === (ref.clusterRole === "")) {
    throw new CliError("exactly one of clusterrole or role must be specified");
  }
  const subs = subjects(flags);
  const o: Obj = {
    kind: "RoleBinding",
    apiVersion: "rbac.authorization.k8s.io/v1",
    metadata: meta(name, namespace),
  };
  if (subs.length) o.subjects = subs;
  o.roleRef = {
    apiGroup: "rbac.authorization.k8s.io",
    kind: ref.role ? "Role" : "ClusterRole",
    name: ref.role || ref.clusterRole,
  };
  return o;
}

/**
 * Builds the ClusterRoleBinding of `create clusterrolebinding`.
 *
 * @param object The name and `--clusterrole`.
 * @param flags Subjects.
 * @returns The ClusterRoleBinding.
 * @throws {CliError} kubectl's messages.
 */
export function clusterRoleBindingObject(
  object: { name: string; clusterRole: string },
  flags: SubjectFlags,
): KubeObject {
  const { name, clusterRole } = object;
  const subs = subjects(flags);
  const o: Obj = {
    kind: "ClusterRoleBinding",
    apiVersion: "rbac.authorization.k8s.io/v1",
    metadata: meta(name, ""),
  };
  if (subs.length) o.subjects = subs;
  o.roleRef = { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: clusterRole };
  return o;
}

/**
 * `--append-hash`: the hash kubectl appends to a ConfigMap's or Secret's name
 * (`hash.ConfigMapHash`/`SecretHash`: SHA-256 of a JSON encoding, ten characters, vowels and
 * some digits replaced).
 *
 * @param obj The ConfigMap or Secret.
 * @returns The hash, e.g. `tgm746dk2t`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { objectHash } from "./_write_generators.ts";
 * assertEquals(await objectHash({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "h" }, data: { a: "b" } }), "tgm746dk2t");
 * ```
 */
export async function objectHash(obj: KubeObject): Promise<string> {
  let encoded: string;
  if (obj.kind === "ConfigMap") {
    const m: Record<string, unknown> = {
      kind: "ConfigMap",
      name: obj.metadata.name,
      data: obj.data ?? {},
    };
    if (obj.binaryData && Object.keys(obj.binaryData).length) m.binaryData = obj.binaryData;
    encoded = goJson(m);
  } else {
    encoded = goJson({
      kind: "Secret",
      type: obj.type ?? "",
      name: obj.metadata.name,
      data: obj.data ?? {},
    });
  }
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(encoded)),
  );
  const hex = [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
  const map: Record<string, string> = { "0": "g", "1": "h", "3": "k", a: "m", e: "t" };
  return [...hex.slice(0, 10)].map((c) => map[c] ?? c).join("");
}

/**
 * `util.CreateApplyAnnotation` for a generated (typed) object: the object encoded in Go field
 * order without annotations, plus a newline, stored in the last-applied annotation.
 *
 * @param obj The object, modified in place.
 */
export function setTypedLastApplied(obj: KubeObject): void {
  const annotation = "kubectl.kubernetes.io/last-applied-configuration";
  const m = obj.metadata as Record<string, unknown>;
  const annots = { ...((m.annotations as Record<string, string> | undefined) ?? {}) };
  delete annots[annotation];
  const copy = { ...obj, metadata: { ...m } } as Obj;
  if (Object.keys(annots).length) (copy.metadata as Record<string, unknown>).annotations = annots;
  else delete (copy.metadata as Record<string, unknown>).annotations;
  const value = goJson(copy, { sortKeys: false }) + "\n";
  annots[annotation] = value;
  // ObjectMeta puts annotations after creationTimestamp (and labels).
  m.annotations = sortedRecord(annots);
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Reading `-f` manifests as kubectl's resource builder does: files, directories (`.json`,
 * `.yaml`, `.yml`; `-R` descends), `-` for stdin, `http(s)://` URLs; JSON streams and multi-document YAML;
 * `List` kinds flattened; every object tagged with its source for messages such as
 * `error when creating "objs.yaml": ...`. Any malformed document fails the whole load, so
 * nothing is applied from a broken input.
 *
 * @module
 */
import { goJson } from "../printers/go_format.ts";
import { decodeJsonStream, JsonSyntaxError } from "./json_stream.ts";
import { splitYamlDocuments, YamlSyntaxError, yamlToJson } from "./yaml_documents.ts";

/** Where an object came from. */
export interface ManifestSource {
  /** The name kubectl prints: the path as given, `<dir>/<file>` inside directories, or `STDIN`. */
  name: string;
  /** 0-based index of the document (YAML, non-empty documents counted) or value (JSON) in the file. */
  document: number;
  /** 1-based line where that document starts. */
  line: number;
}

/** An object read from a manifest. */
export interface ManifestObject {
  /** The object (with `apiVersion` and `kind`). */
  object: {
    apiVersion: string;
    kind: string;
    metadata?: Record<string, unknown>;
    [k: string]: unknown;
  };
  /** Its source. */
  source: ManifestSource;
}

/**
 * A manifest that cannot be read; the message is kubectl's text after `error: `, or the whole
 * line when `bare` (kubectl collects the errors of a `List`'s items and prints them as they are).
 */
export class ManifestError extends Error {
  /** Printed without `error: `. */
  readonly bare: boolean;

  /**
   * Creates an instance.
   *
   * @param message kubectl's wording.
   * @param options Standard error options (`cause`), and `bare`.
   */
  constructor(message: string, options?: ErrorOptions & { bare?: boolean }) {
    super(message, options);
    this.name = "ManifestError";
    this.bare = options?.bare ?? false;
  }

  /** @returns The stderr text: the message, after `error: ` unless bare. */
  render(): string {
    return this.bare ? `${this.message}\n` : `error: ${this.message}\n`;
  }
}

/** The file-system operations the loader needs (injectable for tests). */
export interface ManifestFs {
  /** Reads a file as UTF-8 text. */
  readTextFile(path: string): Promise<string>;
  /** What a path is, or `undefined` when it does not exist. */
  stat(path: string): Promise<{ isDirectory: boolean } | undefined>;
  /** The entries of a directory. */
  readDir(path: string): Promise<{ name: string; isDirectory: boolean }[]>;
}

/** Options of {@linkcode loadManifests}. */
export interface LoadManifestsOptions {
  /** `-R`: descend into subdirectories. */
  recursive?: boolean;
  /**
   * `--validate` (default true): objects without `apiVersion`/`kind` fail with kubectl's
   * validation message; with false, a missing kind fails decoding as kubectl's does.
   */
  validate?: boolean;
  /** Reads standard input for `-`. */
  readStdin?: () => Promise<string>;
  /** File-system access; defaults to Deno's. */
  fs?: ManifestFs;
  /** How `http://` and `https://` arguments are fetched; defaults to `fetch`. */
  urls?: { fetch?: typeof fetch; sleep?: (ms: number) => Promise<void> };
  /** Told each file read (not standard input), whether or not it holds objects. */
  onFile?: (path: string) => void;
  /**
   * Told of each file (or standard input) that cannot be parsed or decoded, which then adds no
   * object, and loading goes on, as kubectl's reads do; without it the first such error is
   * thrown. A path that does not exist is always thrown. `objectsBefore` is the number of
   * objects read before the error (where it falls among them).
   */
  onError?: (err: ManifestError, objectsBefore: number) => void;
}

const EXTENSIONS = [".json", ".yaml", ".yml"];

/**
 * Reads objects from `-f` arguments.
 *
 * @param filenames The `-f` values (`a.yaml`, `dir/`, `-`, `https://host/a.yaml`).
 * @param options Recursion, validation, stdin and file-system access.
 * @returns The objects, in argument order and document order.
 * @throws {ManifestError} With kubectl's wording: `the path "x" does not exist`,
 *   `error parsing x.yaml: error converting YAML to JSON: yaml: line 3: ...`,
 *   `error validating "x.yaml": error validating data: [apiVersion not set, kind not set]; ...`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { loadManifests } from "./load_manifests.ts";
 * const objs = await loadManifests(["-"], {
 *   readStdin: () => Promise.resolve('{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}]}'),
 * });
 * assertEquals(objs.map((o) => [o.object.kind, o.source.name]), [["ConfigMap", "STDIN"]]);
 * ```
 */
export async function loadManifests(
  filenames: readonly string[],
  options: LoadManifestsOptions = {},
): Promise<ManifestObject[]> {
  const fs = options.fs ?? denoFs;
  const out: ManifestObject[] = [];
  const onError = options.onError;
  const decode = async (name: string, text: string) => {
    out.push(
      ...await decodeFile(name, text, {
        ...options,
        ...(onError ? { onError: (e, n) => onError(e, out.length + n) } : {}),
      }),
    );
  };
  for (const f of filenames) {
    if (f === "-") {
      await decode("STDIN", options.readStdin ? await options.readStdin() : await readAllStdin());
      continue;
    }
    if (f.startsWith("http://") || f.startsWith("https://")) {
      const { readManifestUrl } = await import("./_read_url.ts");
      options.onFile?.(f);
      await decode(f, await readManifestUrl(f, options.urls ?? {}));
      continue;
    }
    const st = await fs.stat(f);
    if (!st) throw new ManifestError(`the path "${f}" does not exist`);
    if (!st.isDirectory) {
      options.onFile?.(f);
      await decode(f, await fs.readTextFile(f));
      continue;
    }
    const files = await walk(fs, f, f, options.recursive ?? false);
    if (files.length === 0) {
      throw new ManifestError(
        `error reading [${f}]: recognized file extensions are [${EXTENSIONS.join(" ")}]`,
      );
    }
    for (const path of files) {
      options.onFile?.(path);
      await decode(path, await fs.readTextFile(path));
    }
  }
  return out;
}

async function walk(
  fs: ManifestFs,
  root: string,
  dir: string,
  recursive: boolean,
): Promise<string[]> {
  const entries = (await fs.readDir(dir)).sort((
    a,
    b,
  ) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const e of entries) {
    const path = joinPath(dir, e.name);
    if (e.isDirectory) {
      if (recursive) files.push(...await walk(fs, root, path, recursive));
    } else if (EXTENSIONS.some((x) => e.name.endsWith(x))) {
      files.push(path);
    }
  }
  return files;
}

// filepath.Join: one separator, trailing slashes dropped.
function joinPath(dir: string, name: string): string {
  const d = dir.replace(/\/+$/, "");
  return d === "" ? `/${name}` : `${d}/${name}`;
}

/**
 * Decodes one file's content (a JSON stream if it starts with `{`, otherwise YAML documents).
 *
 * @param name The source name for messages.
 * @param text The content.
 * @param options Validation; `onError` to go on past broken documents (see
 *   {@linkcode LoadManifestsOptions}).
 * @returns The objects.
 * @throws {ManifestError} When the content or an object is malformed.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { decodeFile } from "./load_manifests.ts";
 * const objs = await decodeFile("x.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n# empty\n", {});
 * assertEquals(objs.map((o) => o.source), [{ name: "x.yaml", document: 0, line: 1 }]);
 * ```
 */
export async function decodeFile(
  name: string,
  text: string,
  options: { validate?: boolean; onError?: (err: ManifestError, objectsBefore: number) => void },
): Promise<ManifestObject[]> {
  const values: { value: unknown; line: number }[] = [];
  // With onError, go on as kubectl's reads do: a document that cannot be decoded is reported
  // and the next one read; a syntax error ends the file after the documents before it.
  const keep = (e: unknown) => {
    if (!(e instanceof ManifestError) || !options.onError) throw e;
    return e;
  };
  let broken: ManifestError | undefined;
  try {
    await parseDocuments(name, text, values);
  } catch (e) {
    broken = keep(e);
  }
  const out: ManifestObject[] = [];
  values.forEach(({ value, line }, document) => {
    if (value === null) return;
    try {
      for (const object of flatten(value, name, options.validate ?? true)) {
        out.push({ object, source: { name, document, line } });
      }
    } catch (e) {
      options.onError!(keep(e), out.length);
    }
  });
  if (broken) options.onError!(broken, out.length);
  return out;
}

async function parseDocuments(
  name: string,
  text: string,
  values: { value: unknown; line: number }[],
): Promise<void> {
  if (/^\s*\{/.test(text)) {
    try {
      decodeJsonStream(text, values);
    } catch (e) {
      if (e instanceof JsonSyntaxError) {
        // apimachinery's JSON decoder adds the offset of syntax errors.
        const msg = e.offset > 0 ? `json: offset ${e.offset}: ${e.message}` : e.message;
        throw new ManifestError(`error parsing ${name}: ${msg}`, { cause: e });
      }
      throw e;
    }
  } else {
    let chunks;
    try {
      chunks = splitYamlDocuments(text);
    } catch (e) {
      if (e instanceof YamlSyntaxError) {
        throw new ManifestError(`error parsing ${name}: ${e.message}`, { cause: e });
      }
      throw e;
    }
    for (const chunk of chunks) {
      try {
        values.push({ value: await yamlToJson(chunk.text), line: chunk.line });
      } catch (e) {
        if (e instanceof YamlSyntaxError) {
          throw new ManifestError(
            `error parsing ${name}: error converting YAML to JSON: ${e.message}`,
            { cause: e },
          );
        }
        throw e;
      }
    }
  }
}

function flatten(
  value: unknown,
  name: string,
  validate: boolean,
  item = false,
): ManifestObject["object"][] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    if (validate) {
      throw new ManifestError(
        `error validating "${name}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`,
      );
    }
    if (value === null && item) throw typeInfoError("Kind", "object has no kind field ");
    throw new ManifestError(
      `unable to decode "${name}": json: cannot unmarshal ${
        goType(value)
      } into Go value of type unstructured.detector`,
    );
  }
  const obj = value as Record<string, unknown>;
  check(obj, name, validate, item);
  if (String(obj.kind).endsWith("List") && Array.isArray(obj.items)) {
    return obj.items.flatMap((i) => flatten(i, name, validate, true));
  }
  return [obj as ManifestObject["object"]];
}

// The name encoding/json gives a JSON value's type in its errors.
function goType(v: unknown): string {
  return Array.isArray(v) ? "array" : typeof v === "boolean" ? "bool" : typeof v;
}

// schema.ParseGroupVersion: more than one slash is an error.
function badGroupVersion(v: string): boolean {
  return v.indexOf("/") !== v.lastIndexOf("/");
}

/**
 * Validation (`--validate` other than false): kubectl's `getObjectKind` errors. Decoding (no
 * validation): the unstructured decoder's missing kind, which a malformed `apiVersion` also
 * is; for a `List`'s item, the resource builder's type-info error.
 */
function check(obj: Record<string, unknown>, name: string, validate: boolean, item: boolean) {
  const api = obj.apiVersion;
  const kind = obj.kind;
  if (validate) {
    const errs: string[] = [];
    if (api === undefined || api === null || api === "") errs.push("apiVersion not set");
    else if (typeof api !== "string") errs.push("apiVersion isn't string type");
    else if (badGroupVersion(api)) errs.push(`unexpected GroupVersion string: ${api}`);
    if (kind === undefined || kind === null || kind === "") errs.push("kind not set");
    else if (typeof kind !== "string") errs.push("kind isn't string type");
    if (errs.length === 0) return;
    const list = errs.length > 1 ? `[${errs.join(", ")}]` : errs[0];
    throw new ManifestError(
      `error validating "${name}": error validating data: ${list}; if you choose to ignore these errors, turn validation off with --validate=false`,
    );
  }
  if (
    typeof kind !== "string" || kind === "" || (typeof api === "string" && badGroupVersion(api))
  ) {
    if (item) throw typeInfoError("Kind", "object has no kind field ");
    throw new ManifestError(
      `unable to decode "${name}": Object 'Kind' is missing in '${goJson(obj)}'`,
    );
  }
  if (item) {
    // The builder needs a version to map an item; a top-level object without one fails later,
    // when its kind is not found in version "".
    if (typeof api !== "string" || api.slice(api.indexOf("/") + 1) === "") {
      throw typeInfoError("apiVersion", "object has no apiVersion field");
    }
  } else if (api !== undefined && api !== null && typeof api !== "string") {
    throw new ManifestError(
      `unable to decode "${name}": json: cannot unmarshal ${
        goType(api)
      } into Go struct field metadataOnlyObject.apiVersion of type string`,
    );
  }
}

// The resource builder's error for a List item it cannot type (printed as it is).
function typeInfoError(field: string, detail: string): ManifestError {
  return new ManifestError(
    `unable to get type info from the object "*unstructured.Unstructured": Object '${field}' is missing in '${detail}'`,
    { bare: true },
  );
}

const denoFs: ManifestFs = {
  readTextFile: (p) => Deno.readTextFile(p),
  async stat(p) {
    try {
      const s = await Deno.stat(p);
      return { isDirectory: s.isDirectory };
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return undefined;
      throw e;
    }
  },
  async readDir(p) {
    const out: { name: string; isDirectory: boolean }[] = [];
    for await (const e of Deno.readDir(p)) out.push({ name: e.name, isDirectory: e.isDirectory });
    return out;
  },
};

async function readAllStdin(): Promise<string> {
  return await new Response(Deno.stdin.readable).text();
}

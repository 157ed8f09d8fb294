// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Resource arguments as kubectl's resource builder reads them: type resolution (with the
 * stored CRDs loaded before giving up) and the targets of `TYPE NAME...`, `TYPE/NAME...`,
 * `TYPE1,TYPE2`, `-f`, `-l`, `--field-selector` and `--all`, with the builder's messages.
 *
 * @module
 */
import type { KubeObject, ResourceType, Runtime } from "@k1s/core";
import type {
  ListTarget,
  NamedTarget,
  ResourceArgs,
  ResourceArgsOptions,
  ResourceTarget,
} from "./command.ts";
import { CliError } from "./errors.ts";
import type { ManifestObject } from "../_internal/manifest/mod.ts";

/** The reason of a `StatusError`, without loading the core's error module. */
export function reasonOf(err: unknown): string | undefined {
  const s = (err as { status?: { kind?: string; reason?: string } })?.status;
  return s?.kind === "Status" ? s.reason : undefined;
}

/**
 * Resolves a resource name against a runtime's registry, loading the stored
 * CustomResourceDefinitions when the name is unknown.
 *
 * @param rt The runtime.
 * @param name The argument (`cm`, `configmaps`, `roles.rbac.authorization.k8s.io`, `all`).
 * @returns The types (several for a category; empty for `all` when no kind is in it).
 * @throws {CliError} `the server doesn't have a resource type "x"`.
 */
export async function resolveResource(rt: Runtime, name: string): Promise<ResourceType[]> {
  let found = rt.registry.resolve(name);
  if (found.length === 0) {
    await loadStoredKinds(rt);
    found = rt.registry.resolve(name);
  }
  if (found.length === 0 && name.toLowerCase() !== "all") {
    // kubectl names only the resource of `resource[.version].group`, not the group.
    throw new CliError(`the server doesn't have a resource type "${name.split(".")[0]}"`);
  }
  return found;
}

/**
 * Registers the kinds of stored CustomResourceDefinitions (core/crd's `loadCustomResources`).
 *
 * @param rt The runtime.
 */
export async function loadStoredKinds(rt: Runtime): Promise<void> {
  const { loadCustomResources } = await import("./core_extra.ts");
  await loadCustomResources(rt);
}

/** What the builder needs from the command line. */
export interface BuilderInput {
  /** Positional arguments. */
  args: readonly string[];
  /** `-f` values. */
  filenames: readonly string[];
  /** `-R`. */
  recursive: boolean;
  /** `-l` (undefined when not given). */
  labelSelector?: string;
  /** `--field-selector` (undefined when not given). */
  fieldSelector?: string;
  /** `--all`. */
  all: boolean;
  /** `-A`. */
  allNamespaces: boolean;
  /** The request namespace. */
  namespace: string;
  /** Whether `-n` was given (objects from files must then be in it). */
  enforceNamespace: boolean;
  /** The tool name, for messages. */
  tool: string;
  /** Reads stdin for `-f -`. */
  readStdin: () => Promise<string>;
  /**
   * Validate files' objects (`--validate` other than false: `error validating ...`) rather
   * than only decode them (`unable to decode ...`, commands without `--validate`). Default true.
   */
  validate?: boolean;
}

/** kubectl's builder error when nothing is named (no argument, no file). */
export const MISSING_RESOURCE =
  "You must provide one or more resources by argument or filename.\n" +
  "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n" +
  "   '<resource> <name>'\n   '<resource>'";

/**
 * Builds the targets of resource arguments.
 *
 * @param rt The runtime (for type resolution).
 * @param input Arguments and flags.
 * @param options Which forms are allowed.
 * @returns The targets.
 * @throws {CliError} kubectl's builder messages.
 */
export async function buildResourceArgs(
  rt: Runtime,
  input: BuilderInput,
  options: ResourceArgsOptions = {},
): Promise<ResourceArgs> {
  const args = [...(options.args ?? input.args)];
  const filenames = options.files === false ? [] : input.filenames;
  const allowEmptySelector = options.allowEmptySelector ?? true;
  const selectAll = input.all || allowEmptySelector;
  const label = input.labelSelector ?? (input.all ? "" : undefined);
  const hasSelector = input.labelSelector !== undefined || input.fieldSelector !== undefined ||
    input.all;

  // TYPE/NAME tuples, or TYPE[,TYPE] NAME...
  const tuples: { type: string; name: string }[] = [];
  let types: string[] = [];
  let names: string[] = [];
  if (args.some((a) => a.includes("/"))) {
    for (const a of args) {
      if (!a.includes("/")) {
        throw new CliError(
          `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. '${input.tool} get resource/<resource_name>' instead of '${input.tool} get resource resource/<resource_name>'`,
        );
      }
      const parts = a.split("/");
      if (parts.length > 2) {
        throw new CliError("arguments in resource/name form may not have more than one slash");
      }
      if (!parts[0] || !parts[1]) {
        throw new CliError("arguments in resource/name form must have a single resource and name");
      }
      tuples.push({ type: parts[0], name: parts[1] });
    }
  } else if (args.length > 0) {
    types = args[0].split(",");
    names = args.slice(1);
  }

  const result: ResourceArgs = {
    targets: [],
    multipleTypes: false,
    singleItem: false,
    unknown: [],
    unreadable: [],
  };

  if (filenames.length > 0) {
    if (types.length > 0 || tuples.length > 0) {
      throw new CliError(
        "when paths, URLs, or stdin is provided as input, you may not specify resources as arguments as well",
      );
    }
    const { loadManifests } = await import("../_internal/manifest/mod.ts");
    let files = 0;
    const unreadable: { error: Error; order: number }[] = [];
    const objs = await loadManifests(filenames, {
      recursive: input.recursive,
      readStdin: input.readStdin,
      validate: input.validate ?? true,
      onFile: () => files++,
      ...(options.keepUnreadable
        ? { onError: (error: Error, order: number) => unreadable.push({ error, order }) }
        : {}),
    });
    let u = 0;
    for (let order = 0; order <= objs.length; order++) {
      // Unreadable files take their place among the objects, in file order.
      while (u < unreadable.length && unreadable[u].order <= order) {
        result.unreadable.push({ ...unreadable[u++], position: result.targets.length });
      }
      if (order === objs.length) break;
      const m = objs[order];
      const t = await fileTarget(rt, m, input);
      if (t instanceof Error) {
        if (options.keepUnknownKinds) {
          result.unknown.push({
            object: m.object as unknown as KubeObject,
            source: m.source,
            error: t,
            position: result.targets.length,
            order,
          });
          continue;
        }
        throw t;
      }
      result.targets.push(t);
    }
    const kinds = new Set(result.targets.map((t) => `${t.type.group}/${t.type.kind}`));
    result.multipleTypes = kinds.size > 1;
    // kubectl's visitByPaths: one file read (whatever it holds, -R or not) and no stdin.
    result.singleItem = files === 1 && !filenames.includes("-");
    return result;
  }

  if (hasSelector && (label !== undefined || input.fieldSelector !== undefined)) {
    if (names.length > 0) {
      throw new CliError("name cannot be provided when a selector is specified");
    }
    if (tuples.length > 0) {
      throw new CliError(
        "selectors and the all flag cannot be used when passing resource/name arguments",
      );
    }
    if (types.length === 0) {
      throw new CliError("at least one resource must be specified to use a selector");
    }
  }

  if (tuples.length > 0) {
    const seen = new Set<string>();
    for (const { type, name } of tuples) {
      const [t] = await resolveOne(rt, type);
      seen.add(`${t.group}/${t.kind}`);
      result.targets.push(named(t, name, input));
    }
    result.multipleTypes = seen.size > 1;
    result.singleItem = tuples.length === 1;
    checkNamedAcrossNamespaces(result.targets, input);
    return result;
  }

  if (names.length > 0 && !hasSelector) {
    if (types.length > 1) throw new CliError("you must specify only one resource");
    const [t] = await resolveOne(rt, types[0]);
    for (const n of names) result.targets.push(named(t, n, input));
    result.singleItem = names.length === 1;
    checkNamedAcrossNamespaces(result.targets, input);
    return result;
  }

  if (types.length > 0) {
    const resolved: ResourceType[] = [];
    for (const name of types) {
      for (const t of await resolveResource(rt, name)) {
        if (!resolved.includes(t)) resolved.push(t);
      }
    }
    if (!selectAll && !hasSelector) {
      throw new CliError("resource(s) were provided, but no name was specified");
    }
    result.multipleTypes = resolved.length > 1 || types.length > 1;
    for (const t of resolved) result.targets.push(list(t, input, label));
    return result;
  }

  throw new CliError(options.emptyMessage ?? MISSING_RESOURCE);
}

async function resolveOne(rt: Runtime, name: string): Promise<ResourceType[]> {
  const found = await resolveResource(rt, name);
  if (found.length === 0) throw new CliError(`the server doesn't have a resource type "${name}"`);
  return found;
}

function named(t: ResourceType, name: string, input: BuilderInput): NamedTarget {
  return { kind: "name", type: t, namespace: t.namespaced ? input.namespace : "", name };
}

function list(t: ResourceType, input: BuilderInput, label: string | undefined): ListTarget {
  const target: {
    kind: "list";
    type: ResourceType;
    namespace: string;
    labelSelector?: string;
    fieldSelector?: string;
  } = {
    kind: "list",
    type: t,
    namespace: t.namespaced && !input.allNamespaces ? input.namespace : "",
  };
  if (label) target.labelSelector = label;
  if (input.fieldSelector) target.fieldSelector = input.fieldSelector;
  return target;
}

function checkNamedAcrossNamespaces(targets: ResourceTarget[], input: BuilderInput): void {
  if (input.allNamespaces && targets.some((t) => t.kind === "name")) {
    throw new CliError("a resource cannot be retrieved by name across all namespaces");
  }
}

async function fileTarget(
  rt: Runtime,
  m: ManifestObject,
  input: BuilderInput,
): Promise<NamedTarget | Error> {
  const obj = m.object as unknown as KubeObject;
  // Decoding (no --validate) lets an object without an apiVersion through: version "".
  const apiVersion = typeof obj.apiVersion === "string" ? obj.apiVersion : "";
  let t: ResourceType | undefined = rt.registry.get(apiVersion, obj.kind);
  if (!t) {
    try {
      t = await rt.resolveType({ apiVersion, kind: obj.kind });
    } catch (e) {
      const meta = (obj.metadata ?? {}) as { name?: string; namespace?: string };
      return new CliError(
        `resource mapping not found for name: ${JSON.stringify(meta.name ?? "")} namespace: ${
          JSON.stringify(meta.namespace ?? "")
        } from ${JSON.stringify(m.source.name)}: no matches for kind ${
          JSON.stringify(obj.kind)
        } in version ${JSON.stringify(apiVersion)}\nensure CRDs are installed first`,
        { cause: e },
      );
    }
  }
  const meta = (obj.metadata ?? {}) as { name?: string; namespace?: string };
  let namespace = "";
  if (t.namespaced) {
    namespace = meta.namespace || input.namespace;
    if (input.enforceNamespace && meta.namespace && meta.namespace !== input.namespace) {
      throw new CliError(
        `the namespace from the provided object "${meta.namespace}" does not match the namespace "${input.namespace}". You must pass '--namespace=${meta.namespace}' to perform this operation.`,
      );
    }
  }
  return {
    kind: "name",
    type: t,
    namespace,
    name: meta.name ?? "",
    object: obj,
    source: m.source,
  };
}

/**
 * Reads what a target names.
 *
 * @param rt The runtime.
 * @param target The target.
 * @param options `chunkSize`: page size of lists (0: one request); `asTable`: lists for a
 *   table (core's `ListOptions.asTable`).
 * @returns The object, or the matching objects.
 */
export async function fetchTarget(
  rt: Runtime,
  target: ResourceTarget,
  options: { chunkSize?: number; asTable?: boolean } = {},
): Promise<KubeObject[]> {
  const type = { apiVersion: apiVersionOf(target.type), kind: target.type.kind };
  if (target.kind === "name") {
    const key = target.namespace
      ? { namespace: target.namespace, name: target.name }
      : { name: target.name };
    return [await rt.client.get(type, key)];
  }
  const out: KubeObject[] = [];
  let cont: string | undefined;
  do {
    let page;
    try {
      page = await rt.client.list(type, {
        namespace: target.namespace,
        ...(target.labelSelector ? { labelSelector: target.labelSelector } : {}),
        ...(target.fieldSelector ? { fieldSelector: target.fieldSelector } : {}),
        ...(options.chunkSize ? { limit: options.chunkSize } : {}),
        ...(cont ? { continue: cont } : {}),
        ...(options.asTable ? { asTable: true } : {}),
      });
    } catch (e) {
      throw await enhanceListError(e, target);
    }
    for (const item of page.items) {
      // Lists omit apiVersion/kind on items in some backends; kubectl's decoder fills them.
      out.push(item.kind ? item : { ...item, apiVersion: type.apiVersion, kind: type.kind });
    }
    cont = page.metadata?.continue || undefined;
  } while (cont);
  return out;
}

/**
 * cli-runtime's `Info.Get`: when a named object is not found in a namespace other than
 * `default`, kubectl asks for the namespace, and a missing namespace is the error reported.
 *
 * @param rt The runtime.
 * @param target The target that was read.
 * @param err The error reading it.
 * @returns `namespaces "x" not found`, or `err`.
 */
export async function explainNotFound(
  rt: Runtime,
  target: ResourceTarget,
  err: unknown,
): Promise<unknown> {
  if (reasonOf(err) !== "NotFound" || target.kind !== "name" || !target.namespace) return err;
  if (target.namespace === "default") return err;
  try {
    await rt.client.get({ apiVersion: "v1", kind: "Namespace" }, { name: target.namespace });
    return err;
  } catch (e) {
    return reasonOf(e) === "NotFound" ? e : err;
  }
}

/**
 * cli-runtime's `EnhanceListError`, which kubectl's builder applies to every list it makes
 * (`get`, `delete`, `label`, `wait`, ... by type and selector): a BadRequest or NotFound
 * keeps its reason and gets the resource and selectors in front of its message, e.g.
 * `Unable to find "/v1, Resource=configmaps" that match label selector "", field selector
 * "foo=bar": "foo" is not a known field selector: ...`, or `Unable to list "..."` without
 * selectors. Other errors are returned as they are.
 *
 * @param err The list's error; changed in place, as kubectl changes the status message.
 * @param target The list target.
 * @returns The error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { newBadRequest, type ResourceType } from "@k1s/core";
 * import { enhanceListError } from "./resources.ts";
 * const type = { group: "", version: "v1", plural: "configmaps" } as ResourceType;
 * const err = await enhanceListError(newBadRequest("bad"), { kind: "list", type, namespace: "", fieldSelector: "a=b" });
 * assertEquals((err as Error).message, 'Unable to find "/v1, Resource=configmaps" that match label selector "", field selector "a=b": bad');
 * ```
 */
export async function enhanceListError(err: unknown, target: ListTarget): Promise<unknown> {
  const reason = reasonOf(err);
  if (reason !== "BadRequest" && reason !== "NotFound") return err;
  const { goQuote } = await import("../_internal/printers/go_format.ts");
  // schema.GroupVersionResource's String().
  const t = target.type;
  const gvr = goQuote(`${t.group}/${t.version}, Resource=${t.plural}`);
  const label = target.labelSelector ?? "";
  const field = target.fieldSelector ?? "";
  const prefix = !label && !field
    ? `Unable to list ${gvr}: `
    : `Unable to find ${gvr} that match label selector ${goQuote(label)}, field selector ${
      goQuote(field)
    }: `;
  const e = err as Error & { status: { message?: string } };
  e.status.message = prefix + (e.status.message ?? "");
  e.message = prefix + e.message;
  return e;
}

/**
 * The `apiVersion` of a type.
 *
 * @param t The type.
 * @returns `v1` or `<group>/<version>`.
 */
export function apiVersionOf(t: { group: string; version: string }): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

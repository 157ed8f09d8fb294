// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `patch`: a strategic merge patch (the default; built-in kinds only), a JSON merge patch or a
 * JSON patch from `-p` or `--patch-file` (JSON or YAML), sent as field manager `kubectl-patch`,
 * to `TYPE NAME`, `TYPE/NAME` or `-f` objects, or to the status subresource; `--local` and
 * client dry runs patch locally. Prints `patched` or `patched (no change)`.
 *
 * @module
 */
import type { KubeObject, ResourceType } from "@k1s/core";
import {
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  decodePatch,
  parseApiVersion,
} from "@k1s/core";
import type { CommandContext } from "../_cli/command.ts";
import { CliError } from "../_cli/errors.ts";
import { fetchSubresource } from "./_subresource.ts";
import {
  apiVersionOf,
  cloneJson,
  finishErrors,
  localOrder,
  objectKey,
  reasonOf,
  sortKeysDeep,
  statusOf,
  typeMeta,
  visitErrors,
  writePrinter,
} from "./_write_common.ts";

const PATCH_TYPES = ["json", "merge", "strategic"];
const CONTENT_TYPES = {
  json: "application/json-patch+json",
  merge: "application/merge-patch+json",
  strategic: "application/strategic-merge-patch+json",
};

/**
 * Runs `patch`.
 *
 * @param ctx The command context.
 * @returns The exit code.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const patchText = ctx.string("patch");
  const patchFile = ctx.string("patch-file");
  const local = ctx.bool("local");
  const dryRun = ctx.dryRun;
  if (patchText && patchFile) {
    throw new CliError("cannot specify --patch and --patch-file together");
  }
  if (!patchText && !patchFile) {
    throw new CliError("must specify --patch or --patch-file containing the contents of the patch");
  }
  if (local && ctx.args.length !== 0) {
    throw new CliError("cannot specify --local and server resources");
  }
  if (local && dryRun === "server") {
    throw new CliError(
      "cannot specify --local and --dry-run=server - did you mean --dry-run=client?",
    );
  }
  const typeFlag = ctx.string("type");
  const patchType = (typeFlag || "strategic").toLowerCase() as "json" | "merge" | "strategic";
  if (typeFlag && !PATCH_TYPES.includes(patchType)) {
    throw new CliError(
      `--type must be one of [${PATCH_TYPES.join(" ")}], not ${JSON.stringify(typeFlag)}`,
    );
  }
  let raw = patchText;
  if (patchFile) {
    try {
      raw = await Deno.readTextFile(patchFile);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) {
        throw new CliError(
          `unable to read patch file: open ${patchFile}: no such file or directory`,
        );
      }
      throw e;
    }
  }
  const patch = await patchJson(raw, patchText);
  // kubectl sends the text unchecked: the server's decoder answers a malformed one (decodePatch).
  if (!local && dryRun !== "client") decodePatch(patch);

  // kubectl's builder reads files while visiting them: a file it cannot read is one more error.
  const sel = await ctx.resources({
    allowEmptySelector: false,
    keepUnknownKinds: true,
    keepUnreadable: true,
  });
  const subresource = ctx.string("subresource");
  const errors: unknown[] = [];
  let count = 0;
  let wrote = false;
  const printPatched = async (obj: KubeObject, after: KubeObject) => {
    const changed = JSON.stringify(sortKeysDeep(obj)) !== JSON.stringify(sortKeysDeep(after));
    // kubectl makes a printer per object, so YAML documents get no `---` between them, and its
    // operation replaces the dry-run suffix.
    (await writePrinter(ctx, { noDryRunSuffix: true })).print(
      after,
      changed ? "patched" : "patched (no change)",
    );
  };
  // Decoded once for every object patched here (locally, or printed as a client dry run).
  const decoded = local || dryRun === "client" ? decodeLocally(patch) : undefined;
  for (const item of localOrder(sel, local)) {
    if ("object" in item) {
      count++;
      try {
        const obj = cloneJson(item.object);
        const kind = {
          ...parseApiVersion(typeof obj.apiVersion === "string" ? obj.apiVersion : ""),
          kind: obj.kind,
          strategicMerge: false,
        };
        await printPatched(obj, patchLocally(kind, obj, patchType, decoded!));
      } catch (e) {
        errors.push(e);
      }
      continue;
    }
    const target = item.target;
    let objs: KubeObject[];
    try {
      objs = local && target.kind === "name" && target.object
        ? [cloneJson(target.object)]
        : subresource
        ? await fetchSubresource(ctx, target, subresource)
        : await ctx.fetch(target);
    } catch (e) {
      errors.push(e);
      continue;
    }
    for (const before of objs) {
      count++;
      try {
        const t = target.type;
        const obj = before.kind ? before : { ...before, apiVersion: apiVersionOf(t), kind: t.kind };
        let after: KubeObject;
        if (!local && dryRun !== "client") {
          const rt = await ctx.runtime();
          const key = objectKey(t, {
            namespace: obj.metadata.namespace ?? "",
            name: obj.metadata.name ?? "",
          });
          const options = {
            type: patchType,
            dryRun: dryRun === "server",
            fieldManager: ctx.string("field-manager"),
          };
          try {
            after = subresource === "scale"
              ? await rt.client.scale().patch(typeMeta(t), key, patch, options)
              : subresource
              ? await rt.client.status().patch(typeMeta(t), key, patch, options)
              : await rt.client.patch(typeMeta(t), key, patch, options);
          } catch (e) {
            if (reasonOf(e) === "UnsupportedMediaType") {
              throw new CliError(
                `${
                  CONTENT_TYPES[patchType]
                } is not supported by ${t.group}/${t.version}, Kind=${t.kind}: ${
                  (e as Error).message
                }`,
                { cause: e },
              );
            }
            throw e;
          }
          after = after.kind ? after : { ...after, apiVersion: apiVersionOf(t), kind: t.kind };
          wrote ||= dryRun === "none";
        } else {
          after = patchLocally(localKind(t), obj, patchType, decoded!);
        }
        await printPatched(obj, after);
      } catch (e) {
        errors.push(e);
      }
    }
  }
  if (wrote) await ctx.afterWrite();
  // kubectl's builder reports the files it could not read and the objects of unknown kinds
  // after the others, in file order.
  errors.push(...visitErrors(sel, { unknown: !local }));
  if (errors.length > 0) return finishErrors(ctx, errors);
  if (count === 0) throw new CliError("no objects passed to patch");
  return 0;
}

/**
 * The patch as JSON text, as kubectl's `yaml.ToJSON` makes it: text starting with `{` is kept
 * as is (kubectl sends it unchecked), anything else is converted from YAML.
 */
async function patchJson(raw: string, shown: string): Promise<string> {
  if (/^\s*\{/.test(raw)) return raw;
  const { yamlToJson } = await import("../_internal/manifest/mod.ts");
  try {
    return JSON.stringify(await yamlToJson(raw)) ?? "null";
  } catch (e) {
    throw new CliError(`unable to parse ${JSON.stringify(shown)}: ${(e as Error).message}`);
  }
}

/** What a local patch needs to know of a kind. */
interface LocalKind {
  group: string;
  version: string;
  kind: string;
  /** Whether strategic merge patches apply (built-in kinds). */
  strategicMerge: boolean;
  /** The schema strategic merge patches follow. */
  schema?: ResourceType["schema"];
}

function localKind(t: ResourceType): LocalKind {
  const { group, version, kind, schema } = t;
  return { group, version, kind, strategicMerge: !!t.strategy.strategicMerge, schema };
}

/** A patch decoded for local use: its value, or the syntax error decoding it gave. */
interface Decoded {
  patch?: unknown;
  syntax?: Error;
}

function decodeLocally(text: string): Decoded {
  try {
    return { patch: decodePatch(text) };
  } catch (e) {
    return { syntax: e as Error };
  }
}

// What kubectl's getPatchedJSON says about a patch when it applies it itself (--local,
// --dry-run=client): the patch libraries' own messages.
function patchLocally(
  t: LocalKind,
  obj: KubeObject,
  patchType: "json" | "merge" | "strategic",
  { patch, syntax }: Decoded,
): KubeObject {
  try {
    switch (patchType) {
      case "json":
        if (syntax) throw new CliError(syntax.message);
        return applyJsonPatch(obj, patch) as KubeObject;
      case "merge":
        // evanphx/json-patch's MergePatch; an array replaces the document, which then does not
        // decode as an object.
        if (syntax || patch === null || typeof patch !== "object") {
          throw new CliError("Invalid JSON Patch");
        }
        if (Array.isArray(patch)) {
          throw new CliError(
            "json: cannot unmarshal array into Go value of type unstructured.detector",
          );
        }
        return applyMergePatch(obj, patch) as KubeObject;
      case "strategic":
        if (!t.strategicMerge) {
          throw new CliError(
            `strategic merge patch is not supported for ${t.group}/${t.version}, Kind=${t.kind} locally, try --type merge`,
          );
        }
        // Go decodes the patch into a map: `null` is an empty one, anything else not an object
        // is an error.
        if (syntax || typeof patch !== "object" || Array.isArray(patch)) {
          throw new CliError("invalid JSON document");
        }
        return applyStrategicMergePatch(obj, patch ?? {}, t.schema) as KubeObject;
    }
  } catch (e) {
    // Not a server's answer: the library's message, as an `error:` line.
    const status = statusOf(e);
    if (status) {
      const cause = (e as Error).cause;
      throw new CliError(cause instanceof Error ? cause.message : status.message ?? "", {
        cause: e,
      });
    }
    throw e;
  }
}

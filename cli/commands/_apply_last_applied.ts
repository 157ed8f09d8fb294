// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `apply view-last-applied` and `apply set-last-applied`, as kubectl's
 * `apply_view_last_applied.go` and `apply_set_last_applied.go` behave, quirks included.
 *
 * @module
 */
import type { KubeObject } from "@k1s/core";
import type { CommandContext } from "../_cli/command.ts";
import { CliError } from "../_cli/errors.ts";
import { MISSING_RESOURCE } from "../_cli/resources.ts";
import { goJson, printYaml } from "../_internal/printers/mod.ts";
import {
  fileObjects,
  LAST_APPLIED,
  objectKey,
  targetObject,
  typeMeta,
  writePrinter,
} from "./_write_common.ts";

/**
 * Prints the last-applied configuration of each object named, as YAML (kubectl's JSONToYAML)
 * or JSON (the stored text indented by two), one after the other.
 *
 * @param ctx The command context.
 * @returns The exit code.
 */
export async function viewLastApplied(ctx: CommandContext): Promise<number> {
  const sel = await ctx.resources({ allowEmptySelector: false });
  const configs: string[] = [];
  // kubectl's builder stops at the first error.
  for (const target of sel.targets) {
    for (const obj of await ctx.fetch(target)) {
      const config = obj.metadata.annotations?.[LAST_APPLIED];
      if (config !== undefined) {
        configs.push(config);
        continue;
      }
      // kubectl's AddSourceToErr with a nil error: an error for objects from files, nothing for
      // objects named by arguments.
      const source = target.kind === "name" ? target.source?.name : undefined;
      if (source) {
        throw new CliError(
          `error when no last-applied-configuration annotation found on resource: ${obj.metadata.name}\n ${
            JSON.stringify(source)
          }: <nil>`,
        );
      }
    }
  }
  const output = ctx.string("output");
  if (configs.length > 0 && output !== "json" && output !== "yaml") {
    throw ctx.usageError(
      `Unexpected -o output mode: ${output}, the flag 'output' must be one of yaml|json`,
    );
  }
  for (const config of configs) {
    ctx.stdout.write(output === "json" ? jsonIndent(config) : printYaml(parseConfig(config)));
  }
  return 0;
}

/**
 * Go's `json.Indent(dst, src, "", "  ")`: the text re-indented token by token (keys keep their
 * order, strings their escapes); leading whitespace is dropped, trailing whitespace kept.
 */
function jsonIndent(src: string): string {
  let i = src.search(/[^ \t\r\n]|$/);
  const end = src.search(/[ \t\r\n]*$/);
  let out = "";
  let depth = 0;
  let open = false;
  let inString = false;
  let escaped = false;
  const newline = () => "\n" + "  ".repeat(depth);
  for (; i < end; i++) {
    const c = src[i];
    if (inString) {
      out += c;
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\n") continue;
    // An opened object or array is indented only if something comes before its end.
    if (open && c !== "}" && c !== "]") {
      open = false;
      depth++;
      out += newline();
    }
    if (c === "{" || c === "[") {
      open = true;
      out += c;
    } else if (c === "}" || c === "]") {
      if (open) open = false;
      else {
        depth--;
        out += newline();
      }
      out += c;
    } else if (c === ",") out += c + newline();
    else if (c === ":") out += ": ";
    else {
      if (c === '"') inString = true;
      out += c;
    }
  }
  return out + src.slice(end);
}

function parseConfig(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

/**
 * Sets the last-applied configuration of the live object of each object in `-f` to that object,
 * without changing anything else; every object is checked before any is written.
 *
 * @param ctx The command context.
 * @returns The exit code.
 */
export async function setLastApplied(ctx: CommandContext): Promise<number> {
  // Only files name objects here: arguments are ignored, and nothing named is the builder's error.
  const { targets, mappingErrors } = await fileObjects(ctx, { args: [] });
  if (mappingErrors.length > 0) throw mappingErrors[0];
  if (targets.length === 0) throw new CliError(MISSING_RESOURCE);
  const rt = await ctx.runtime();
  const createAnnotation = ctx.bool("create-annotation");
  const planned: { live: KubeObject; config: string; t: (typeof targets)[number] }[] = [];
  for (const t of targets) {
    // GetApplyPatch: the object as read (with its namespace), encoded as the annotation.
    const config = goJson(targetObject(t)) + "\n";
    const live = await rt.client.get(typeMeta(t.type), objectKey(t.type, t));
    const original = live.metadata.annotations?.[LAST_APPLIED];
    if (original === undefined && !createAnnotation) {
      throw new CliError(
        `no last-applied-configuration annotation found on resource: ${t.name}, to create the annotation, run the command with --create-annotation`,
      );
    }
    if (original === config) {
      ctx.stdout.write(`set-last-applied ${t.name}: no changes required.\n`);
      continue;
    }
    planned.push({ live, config, t });
  }
  const printer = await writePrinter(ctx);
  const dryRun = ctx.dryRun;
  let wrote = false;
  for (const { live, config, t } of planned) {
    let out = live;
    if (dryRun !== "client") {
      const patch = { metadata: { annotations: { [LAST_APPLIED]: config } } };
      out = await rt.client.patch(typeMeta(t.type), objectKey(t.type, t), patch, {
        type: "merge",
        dryRun: dryRun === "server",
        fieldManager: "kubectl",
      });
      wrote ||= dryRun === "none";
    }
    printer.print(out, "configured");
  }
  if (wrote) await ctx.afterWrite();
  return 0;
}

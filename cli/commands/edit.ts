// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `edit`: opens the objects in `$KUBE_EDITOR`/`$EDITOR` (default `vi`) as a temporary YAML (or
 * JSON) file with kubectl's header, then patches what changed (a two-way strategic merge patch
 * for built-in kinds, a JSON merge patch for custom kinds) as field manager `kubectl-edit`.
 * A file that fails validation, or an object the server rejects as invalid, reopens the editor
 * with the errors in the header; an unchanged file cancels the edit.
 *
 * `apply edit-last-applied` is the same loop over the objects' last-applied configurations
 * (kubectl's `ApplyEditMode`): what changed is written back into the annotation only.
 * `create --edit` runs it once per object of the files, which is then created.
 *
 * @module
 */
import type { KubeObject, ResourceType, Runtime } from "@k1s/core";
import { createMergePatch, createTwoWayMergePatch } from "@k1s/core";
import type { CommandContext, ResourceTarget } from "../_cli/command.ts";
import { CliError, ExitCode } from "../_cli/errors.ts";
import {
  apiVersionOf,
  cloneJson,
  fileObjects,
  LAST_APPLIED,
  objectKey,
  reasonOf,
  setLastApplied,
  sortKeysDeep,
  statusOf,
  targetObject,
  typeMeta,
  validationDirective,
  writePrinter,
} from "./_write_common.ts";
import {
  editHeader,
  editorCommand,
  type EditReason,
  hasLines,
  manualStrip,
} from "./_write_edit.ts";

interface Info {
  type: ResourceType;
  obj: KubeObject;
}

interface Results {
  reasons: EditReason[];
  retryable: number;
  notfound: number;
  edit: Info[];
}

/**
 * kubectl's `EditMode`: the live objects, their last-applied configurations, or the objects of
 * files before they are created.
 */
type EditMode = "normal" | "apply" | "create";

/**
 * Runs `edit`.
 *
 * @param ctx The command context.
 * @returns The exit code.
 */
export async function run(ctx: CommandContext): Promise<number> {
  return await editObjects(ctx, "normal");
}

/**
 * Runs `apply edit-last-applied`.
 *
 * @param ctx The command context.
 * @returns The exit code.
 */
export async function editLastApplied(ctx: CommandContext): Promise<number> {
  return await editObjects(ctx, "apply");
}

/**
 * Runs `create --edit` (kubectl's `RunEditOnCreate`): each object of the files is edited on
 * its own and created as field manager `kubectl-create`; the failures of some objects do not
 * stop the others and are reported together at the end.
 *
 * @param ctx The command context.
 * @returns The exit code.
 */
export async function editBeforeCreate(ctx: CommandContext): Promise<number> {
  const fieldValidation = validationDirective(ctx);
  const rt = await ctx.runtime();
  const { targets, mappingErrors } = await fileObjects(ctx);
  const printer = await writePrinter(ctx);
  const errors: unknown[] = [];
  for (const target of targets) {
    try {
      await editSession(ctx, rt, [{ type: target.type, obj: targetObject(target) }], {
        mode: "create",
        fieldValidation,
        printer,
      });
    } catch (e) {
      errors.push(e);
    }
  }
  errors.push(...mappingErrors);
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors);
  await ctx.afterWrite();
  return 0;
}

async function editObjects(ctx: CommandContext, mode: EditMode): Promise<number> {
  const subresource = ctx.string("subresource");
  if (subresource && subresource !== "status") {
    throw new CliError(`invalid subresource value: "${subresource}". Must be one of [status]`);
  }
  const fieldValidation = validationDirective(ctx);
  const rt = await ctx.runtime();
  const sel = await ctx.resources();
  let infos: Info[] = [];
  for (const target of sel.targets) {
    infos.push(...await latest(ctx, rt, target, { status: subresource === "status" }));
  }
  if (mode === "apply") infos = await lastAppliedInfos(ctx, rt, infos);
  else if (infos.length === 0) throw new CliError("edit cancelled, no objects found");
  editFormat(ctx);
  return await editSession(ctx, rt, infos, {
    mode,
    fieldValidation,
    subresource,
    printer: await writePrinter(ctx),
  });
}

/**
 * The format of the file to edit: kubectl's edit printer takes `-o json` or YAML and fails
 * for any other format when it writes the file, before the editor opens.
 */
function editFormat(ctx: CommandContext): "json" | "yaml" {
  const output = ctx.string("output");
  if (output && output !== "yaml" && output !== "json") {
    throw new CliError(
      `unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`,
    );
  }
  return output === "json" ? "json" : "yaml";
}

/** What an edit session needs besides the objects. */
interface SessionOptions {
  mode: EditMode;
  fieldValidation: "Strict" | "Warn" | "Ignore";
  /** `--subresource` of `edit`. */
  subresource?: string;
  printer: { print(obj: KubeObject, operation?: string): void };
}

/**
 * One file in the editor until it is saved without errors or cancelled (kubectl's `editFn`).
 *
 * @returns 0 when done or cancelled.
 * @throws The error that ends the session (after telling where the changes were kept).
 */
async function editSession(
  ctx: CommandContext,
  rt: Runtime,
  infos: Info[],
  o: SessionOptions,
): Promise<number> {
  const { mode, fieldValidation, printer } = o;
  const subresource = o.subresource ?? "";
  const json = editFormat(ctx) === "json";
  // RunEditOnCreate leaves the flag unread (its line endings are the platform's).
  const crlf = mode !== "create" && ctx.bool("windows-line-endings");
  let results: Results = { reasons: [], retryable: 0, notfound: 0, edit: [] };
  let original = "";
  let edited = "";
  let file = "";
  let containsError = false;
  const managed = new Map<string, unknown>();
  for (;;) {
    let buf = json ? "" : editHeader(results.reasons, mode);
    if (!containsError) {
      const shown = infos.length === 1 ? stripManaged(infos[0].obj, managed) : {
        apiVersion: "v1",
        items: infos.map((i) => stripManaged(i.obj, managed)),
        kind: "List",
        metadata: {},
      };
      const { printJson, printYaml } = await import("../_internal/printers/mod.ts");
      buf += json ? printJson(shown) : printYaml(shown);
      original = buf;
    } else {
      buf += manualStrip(edited);
    }
    if (crlf) buf = buf.replace(/\r?\n/g, "\r\n");

    const previous = edited;
    let path: string;
    try {
      [edited, path] = await launch(ctx, buf, json ? ".json" : ".yaml");
    } catch (e) {
      return preserved(ctx, e, file);
    }
    if (containsError && await stripComments(previous) === await stripComments(edited)) {
      return preserved(ctx, new CliError("Edit cancelled, no valid changes were saved."), path);
    }
    if (file) await removeQuietly(file);
    file = path;

    const invalid = fieldValidation === "Ignore" ? undefined : await validate(edited);
    if (invalid) {
      results = { reasons: [], retryable: 0, notfound: 0, edit: [] };
      containsError = true;
      ctx.stderr.write(
        addError(results, invalidStatus("The edited file failed validation", invalid), infos[0]) +
          "\n",
      );
      continue;
    }
    if (await stripComments(original) === await stripComments(edited)) {
      await removeQuietly(file);
      ctx.stderr.write("Edit cancelled, no changes made.\n");
      return 0;
    }
    if (!hasLines(edited)) {
      await removeQuietly(file);
      ctx.stderr.write("Edit cancelled, saved file was empty.\n");
      return 0;
    }
    results = { reasons: [], retryable: 0, notfound: 0, edit: [] };
    let updated: Info[];
    try {
      updated = await parseEdited(rt, edited);
    } catch (e) {
      containsError = true;
      results.reasons.push({
        head: `The edited file had a syntax error: ${(e as Error).message}`,
        other: [],
      });
      continue;
    }
    containsError = false;
    try {
      for (const u of updated) restoreManaged(u.obj, managed);
      for (const u of updated) {
        if (!u.type.namespaced) continue;
        const ns = u.obj.metadata.namespace;
        if (!ns) u.obj.metadata.namespace = ctx.namespace;
        // kubectl's RequireNamespace: what is edited stays in the command's namespace.
        else if (ns !== ctx.namespace) {
          throw new CliError(
            `the namespace from the provided object "${ns}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${ns}' to perform this operation.`,
          );
        }
      }
      if (ctx.bool("save-config")) { for (const u of updated) setLastApplied(u.obj); }
      for (const u of updated) {
        if (mode === "apply") await patchLastApplied(ctx, rt, infos, u, printer);
        else if (mode === "create") await createOne(ctx, rt, u, printer, fieldValidation);
        else await patchOne(ctx, rt, infos, u, results, printer, { fieldValidation, subresource });
      }
    } catch (e) {
      return preserved(ctx, e, file);
    }
    if (results.retryable > 0) {
      ctx.stderr.write(
        `You can run \`${ctx.name} replace -f ${file}\` to try this update again.\n`,
      );
      throw new ExitCode(1);
    }
    if (results.notfound > 0) {
      ctx.stderr.write(`The edits you made on deleted resources have been saved to "${file}"\n`);
      throw new ExitCode(1);
    }
    if (results.edit.length === 0) {
      await removeQuietly(file);
      await ctx.afterWrite();
      return 0;
    }
    if (results.reasons.length > 0) containsError = true;
  }
}

async function latest(
  ctx: CommandContext,
  rt: Runtime,
  target: ResourceTarget,
  options: { status?: boolean } = {},
): Promise<Info[]> {
  const t = target.type;
  const withType = (o: KubeObject) =>
    o.kind ? o : { ...o, apiVersion: apiVersionOf(t), kind: t.kind };
  if (target.kind === "name") {
    const name = target.name || target.object?.metadata?.name || "";
    const key = objectKey(t, { namespace: target.namespace, name });
    // `--subresource=status` reads through it, as kubectl's builder does (RBAC: <resource>/status).
    const obj = options.status
      ? await rt.client.status().get(typeMeta(t), key)
      : await rt.client.get(typeMeta(t), key);
    return [{ type: t, obj: withType(obj) }];
  }
  return (await ctx.fetch(target)).map((o) => ({ type: t, obj: withType(o) }));
}

/**
 * The objects' last-applied configurations, decoded as the edited file is; objects without one
 * are left out, and none at all is an error.
 */
async function lastAppliedInfos(
  ctx: CommandContext,
  rt: Runtime,
  infos: readonly Info[],
): Promise<Info[]> {
  const out: Info[] = [];
  for (const i of infos) {
    const data = i.obj.metadata.annotations?.[LAST_APPLIED];
    if (!data) continue;
    const [config] = await parseEdited(rt, data);
    // kubectl 1.32 panics on an annotation such as `null`.
    if (!config) {
      const t = i.type;
      throw new CliError(
        `the last-applied-configuration annotation of ${
          t.group ? `${t.plural}.${t.group}` : t.plural
        } ${JSON.stringify(i.obj.metadata.name ?? "")} holds no object`,
      );
    }
    out.push(config);
  }
  if (out.length === 0) {
    throw new CliError(
      `no last-applied-configuration annotation found on resources, to create the annotation, use command \`${ctx.name} apply set-last-applied --create-annotation\``,
    );
  }
  return out;
}

function stripManaged(obj: KubeObject, managed: Map<string, unknown>): KubeObject {
  const o = cloneJson(obj);
  managed.set(o.metadata.uid ?? "", o.metadata.managedFields);
  delete o.metadata.managedFields;
  return o;
}

function restoreManaged(obj: KubeObject, managed: Map<string, unknown>): void {
  const mf = managed.get(obj.metadata?.uid ?? "");
  if (mf !== undefined) (obj.metadata as Record<string, unknown>).managedFields = mf;
  else delete obj.metadata?.managedFields;
}

async function launch(
  ctx: CommandContext,
  content: string,
  ext: string,
): Promise<[string, string]> {
  const path = await Deno.makeTempFile({ prefix: `${ctx.name}-edit-`, suffix: ext });
  await Deno.writeTextFile(path, content);
  const { args, name } = editorCommand((k) => ctx.env(k), path);
  let ok = false;
  try {
    const status = await new Deno.Command(args[0], {
      args: args.slice(1),
      stdin: "inherit",
      stdout: "inherit",
      stderr: "inherit",
    }).spawn().status;
    ok = status.success;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound && !args[0].includes("/")) {
      throw new CliError(`unable to launch the editor "${name}"`, { cause: e });
    }
    if (!(e instanceof Deno.errors.NotFound) && !(e instanceof Deno.errors.PermissionDenied)) {
      throw e;
    }
  }
  if (!ok) throw new CliError(`there was a problem with the editor "${name}"`);
  return [await Deno.readTextFile(path), path];
}

async function removeQuietly(path: string): Promise<void> {
  try {
    await Deno.remove(path);
  } catch {
    // Already gone.
  }
}

/** kubectl's `preservedFile`: tells where the user's changes are, then fails. */
async function preserved(ctx: CommandContext, err: unknown, path: string): Promise<never> {
  if (path) {
    try {
      await Deno.stat(path);
      ctx.stderr.write(`A copy of your changes has been stored to "${path}"\n`);
    } catch {
      // Nothing to keep.
    }
  }
  throw err;
}

/** `cmdutil.StripComments`: the file as JSON (keys sorted), or without comment lines. */
async function stripComments(text: string): Promise<string> {
  const { yamlToJson } = await import("../_internal/manifest/mod.ts");
  try {
    return JSON.stringify(sortKeysDeep(await yamlToJson(text)));
  } catch {
    return manualStrip(text);
  }
}

/**
 * What kubectl's validator says about the edited file when the server validates fields: it
 * must parse, and be an object with `apiVersion` and `kind`.
 */
async function validate(text: string): Promise<string | undefined> {
  const { yamlToJson } = await import("../_internal/manifest/mod.ts");
  let stripped: string;
  try {
    stripped = JSON.stringify(await yamlToJson(text));
  } catch {
    stripped = manualStrip(text);
  }
  let value: unknown;
  try {
    value = await yamlToJson(stripped);
  } catch (e) {
    return (e as Error).message;
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    return "invalid object to validate";
  }
  const o = value as Record<string, unknown>;
  const errs: string[] = [];
  if (o.apiVersion === undefined || o.apiVersion === null) errs.push("apiVersion not set");
  else if (typeof o.apiVersion !== "string") {
    errs.push(`apiVersion isn't string type`);
  }
  if (o.kind === undefined || o.kind === null) errs.push("kind not set");
  else if (typeof o.kind !== "string") errs.push(`kind isn't string type`);
  if (errs.length === 1) return errs[0];
  if (errs.length > 1) return `[${errs.join(", ")}]`;
  return undefined;
}

function invalidStatus(value: string, detail: string): unknown {
  return {
    message: "",
    status: {
      kind: "Status",
      reason: "Invalid",
      code: 422,
      details: {
        causes: [{
          field: "<nil>",
          message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
        }],
      },
    },
  };
}

/** `editResults.addError`: records the failure and returns the line kubectl prints. */
function addError(results: Results, err: unknown, info: Info): string {
  const t = info.type;
  const res = t.group ? `${t.plural}.${t.group}` : t.plural;
  const name = info.obj.metadata?.name ?? "";
  const reason = reasonOf(err);
  if (reason === "Invalid") {
    results.edit.push(info);
    const other = (statusOf(err)?.details?.causes ?? []).map((c) =>
      `${c.field ?? ""}: ${c.message ?? ""}`
    );
    results.reasons.push({ head: `${res} ${JSON.stringify(name)} was not valid`, other });
    return `error: ${res} ${JSON.stringify(name)} is invalid`;
  }
  if (reason === "NotFound") {
    results.notfound++;
    return `error: ${res} ${JSON.stringify(name)} could not be found on the server`;
  }
  results.retryable++;
  return `error: ${res} ${JSON.stringify(name)} could not be patched: ${
    (err as Error)?.message ?? err
  }`;
}

async function parseEdited(rt: Runtime, text: string): Promise<Info[]> {
  const { decodeFile } = await import("../_internal/manifest/mod.ts");
  const objs = await decodeFile("edited-file", text, {});
  const out: Info[] = [];
  for (const m of objs) {
    const obj = m.object as unknown as KubeObject;
    let t: ResourceType;
    try {
      t = await rt.resolveType({ apiVersion: obj.apiVersion, kind: obj.kind });
    } catch {
      throw new CliError(
        `resource mapping not found for name: ${
          JSON.stringify(obj.metadata?.name ?? "")
        } namespace: ${
          JSON.stringify(obj.metadata?.namespace ?? "")
        } from "edited-file": no matches for kind ${JSON.stringify(obj.kind)} in version ${
          JSON.stringify(obj.apiVersion)
        }\nensure CRDs are installed first`,
      );
    }
    out.push({ type: t, obj });
  }
  return out;
}

/**
 * kubectl's `visitToCreate`: the edited object is created; an error ends the session. Unlike
 * kubectl 1.32, whose `RunEditOnCreate` creates the object whatever `--dry-run` says, a dry run
 * stays one.
 */
async function createOne(
  ctx: CommandContext,
  rt: Runtime,
  u: Info,
  printer: { print(obj: KubeObject, operation?: string): void },
  fieldValidation: "Strict" | "Warn" | "Ignore",
): Promise<void> {
  const created = ctx.dryRun === "client" ? u.obj : await rt.client.create(u.obj, {
    dryRun: ctx.dryRun === "server",
    fieldManager: "kubectl-create",
    fieldValidation,
  });
  const t = u.type;
  printer.print(
    created.kind ? created : { ...created, apiVersion: apiVersionOf(t), kind: t.kind },
    "created",
  );
}

/**
 * kubectl's `visitToApplyEditPatch`: an edited configuration is matched with an original by
 * uid (configurations seldom carry one, so usually with the first) and, when it differs, stored
 * as the annotation of the object of its name in the command's namespace, with a merge patch.
 */
async function patchLastApplied(
  ctx: CommandContext,
  rt: Runtime,
  originals: readonly Info[],
  u: Info,
  printer: { print(obj: KubeObject, operation?: string): void },
): Promise<void> {
  const uid = u.obj.metadata?.uid;
  const orig = originals.find((i) => i.obj.metadata?.uid === uid);
  if (!orig) throw new CliError(`no original object found for ${JSON.stringify(u.obj)}`);
  const { goJson } = await import("../_internal/printers/mod.ts");
  // The unstructured JSON encoder's text (json.Encoder: keys sorted, a final newline).
  const edited = goJson(u.obj) + "\n";
  if (goJson(orig.obj) + "\n" === edited) {
    printer.print(u.obj, "skipped");
    return;
  }
  const t = u.type;
  await rt.client.patch(
    typeMeta(t),
    objectKey(t, { namespace: ctx.namespace, name: u.obj.metadata?.name ?? "" }),
    { metadata: { annotations: { [LAST_APPLIED]: edited } } },
    { type: "merge", fieldManager: ctx.string("field-manager") },
  );
  printer.print(u.obj, "edited");
}

async function patchOne(
  ctx: CommandContext,
  rt: Runtime,
  originals: readonly Info[],
  u: Info,
  results: Results,
  printer: { print(obj: KubeObject, operation?: string): void },
  o: { fieldValidation: "Strict" | "Warn" | "Ignore"; subresource: string },
): Promise<void> {
  const uid = u.obj.metadata?.uid;
  const orig = originals.find((i) => i.obj.metadata?.uid === uid);
  if (!orig) throw new CliError(`no original object found for ${JSON.stringify(u.obj)}`);
  const originalJs = sortKeysDeep(orig.obj);
  const editedJs = sortKeysDeep(u.obj);
  if (JSON.stringify(originalJs) === JSON.stringify(editedJs)) {
    printer.print(u.obj, "skipped");
    return;
  }
  const changed = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);
  if (
    changed(originalJs.apiVersion, editedJs.apiVersion) ||
    changed(originalJs.kind, editedJs.kind) ||
    changed(originalJs.metadata?.name, editedJs.metadata?.name) ||
    changed(originalJs.metadata?.managedFields, editedJs.metadata?.managedFields)
  ) {
    throw new CliError("At least one of apiVersion, kind and name was changed");
  }
  const strategic = u.type.strategy.strategicMerge;
  const patch = strategic
    ? createTwoWayMergePatch(originalJs, editedJs, u.type.schema)
    : createMergePatch(originalJs, editedJs);
  if (ctx.bool("output-patch")) {
    const { goJson } = await import("../_internal/printers/mod.ts");
    ctx.stdout.write(`Patch: ${goJson(patch)}\n`);
  }
  const t = u.type;
  const key = objectKey(t, {
    namespace: u.obj.metadata.namespace ?? "",
    name: u.obj.metadata.name ?? "",
  });
  const options = {
    type: strategic ? "strategic" as const : "merge" as const,
    fieldManager: ctx.string("field-manager"),
    fieldValidation: o.fieldValidation,
  };
  let patched: KubeObject;
  try {
    patched = o.subresource
      ? await rt.client.status().patch(typeMeta(t), key, patch, options)
      : await rt.client.patch(typeMeta(t), key, patch, options);
  } catch (e) {
    ctx.stderr.write(addError(results, e, u) + "\n");
    return;
  }
  printer.print(
    patched.kind ? patched : { ...patched, apiVersion: apiVersionOf(t), kind: t.kind },
    "edited",
  );
}

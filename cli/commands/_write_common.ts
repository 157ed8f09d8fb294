// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Parts shared by the write commands (create, apply, replace, delete, edit, patch, label,
 * annotate, diff): kubectl's error aggregation (`cmdutil.CheckErr` over a `ContinueOnError`
 * visit), `error when creating "x.yaml": ...` wrapping, `--validate`, the
 * `last-applied-configuration` annotation, and the objects of `-f`.
 *
 * @module
 */
import type { FieldValidation, KubeObject, ResourceType, Status } from "@k1s/core";
import { StatusError } from "@k1s/core";
import type {
  CommandContext,
  NamedTarget,
  ResourceArgs,
  ResourceArgsOptions,
  ResourceTarget,
} from "../_cli/command.ts";
import { CliError } from "../_cli/errors.ts";
import { apiVersionOf } from "../_cli/resources.ts";
import { renderError } from "../_cli/errors.ts";
import { goJson } from "../_internal/printers/go_format.ts";

// The write commands take `apiVersionOf` from here with the rest of their helpers.
export { apiVersionOf };

/** The annotation client-side apply keeps the last applied configuration in. */
export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/**
 * The field validation `--validate` asks for (kubectl's `GetValidationDirective`).
 *
 * @param ctx The command context.
 * @returns `Strict`, `Warn` or `Ignore`.
 * @throws {CliError} For an unknown value, worded as kubectl.
 */
export function validationDirective(ctx: CommandContext): FieldValidation {
  if (!("validate" in ctx.flags)) return "Strict";
  const v = ctx.string("validate").toLowerCase();
  switch (v) {
    case "strict":
    case "true":
      return "Strict";
    case "warn":
      return "Warn";
    case "ignore":
    case "false":
      return "Ignore";
  }
  throw new CliError(
    `invalid - validate option "${
      ctx.string("validate")
    }"; must be one of: strict (or true), warn, ignore (or false)`,
  );
}

/**
 * `cmdutil.AddSourceToErr`: prefixes an error with the file it came from.
 *
 * @param err The error.
 * @param where `verb` (`creating`, `replacing`, `patching`, ...) and `source`, the file name
 *   kubectl prints (`objs.yaml`, `STDIN`) or `""`.
 * @returns A `StatusError` with the prefixed message (same reason and details), or an `Error`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { newNotFound } from "@k1s/core";
 * import { addSourceToErr } from "./_write_common.ts";
 * const e = addSourceToErr(newNotFound({ group: "", resource: "configmaps" }, "x"), {
 *   verb: "creating",
 *   source: "a.yaml",
 * });
 * assertEquals((e as Error).message, 'error when creating "a.yaml": configmaps "x" not found');
 * ```
 */
export function addSourceToErr(
  err: unknown,
  where: { verb: string; source: string },
): unknown {
  const { verb, source } = where;
  if (!source) return err;
  const status = statusOf(err);
  const prefix = `error when ${verb} ${JSON.stringify(source)}: `;
  if (status) {
    return new StatusError({ ...status, message: prefix + (status.message ?? "") }, { cause: err });
  }
  return new Error(prefix + messageOf(err), { cause: err });
}

/** The Kubernetes status an error carries, if any. *
 * @param err The error.
 * @returns Its status, or `undefined` for other errors.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { newNotFound } from "@k1s/core";
 * import { reasonOf, statusOf } from "./_write_common.ts";
 * assertEquals(statusOf(newNotFound({ group: "", resource: "configmaps" }, "x"))?.code, 404);
 * assertEquals(reasonOf(new Error("x")), undefined);
 * ```
 */
export function statusOf(err: unknown): Status | undefined {
  const s = (err as { status?: Status } | undefined)?.status;
  return s && s.kind === "Status" ? s : undefined;
}

/** The reason of an error's status, or `undefined`. *
 * @param err The error.
 * @returns The reason, e.g. `NotFound`.
 */
export function reasonOf(err: unknown): string | undefined {
  return statusOf(err)?.reason;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Ends a command that visited several objects and collected their errors, as kubectl's
 * `CheckErr` does with the aggregate: nothing for no error, the usual rendering for one, one
 * line per error for several. Deno permission errors keep their own message.
 *
 * @param ctx The command context.
 * @param errors The errors, in the order kubectl reports them.
 * @returns The exit code (0 or 1).
 */
export function finishErrors(ctx: CommandContext, errors: readonly unknown[]): number {
  let errs = [...errors];
  // Aggregates of one are unwrapped, so a lone aggregate prints one line per error.
  if (errs.length === 1 && errs[0] instanceof AggregateError) errs = [...errs[0].errors];
  if (errs.length === 0) return 0;
  if (errs.length === 1) {
    ctx.printError(errs[0]);
    return 1;
  }
  ctx.stderr.write(renderError(new AggregateError(errs), ctx.name));
  return 1;
}

/**
 * The errors of `-f` objects whose kind is unknown, as kubectl's builder reports them: after
 * the other errors, as one aggregate when there are several.
 *
 * @param unknown The unknown objects from `ctx.resources({ keepUnknownKinds: true })`.
 * @returns Zero or one error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { mappingErrors } from "./_write_common.ts";
 * assertEquals(mappingErrors([{ error: new Error("a") }]).length, 1);
 * assertEquals((mappingErrors([{ error: new Error("a") }, { error: new Error("b") }])[0] as Error).message, "a, b");
 * ```
 */
export function mappingErrors(unknown: readonly { error: Error }[]): unknown[] {
  if (unknown.length === 0) return [];
  if (unknown.length === 1) return [unknown[0].error];
  return [
    new AggregateError(unknown.map((u) => u.error), unknown.map((u) => u.error.message).join(", ")),
  ];
}

/**
 * What kubectl's builder reports of visiting `-f` files and the objects in them, as one
 * aggregate in file order (none when nothing failed): the files it could not read, the objects
 * of unknown kinds (with `unknown`) and the objects it could not fetch (`fetch`, by target
 * index). With the errors of the command's own changes before it, kubectl prints it as one
 * line; alone, as one line per error.
 *
 * @param sel The resource arguments.
 * @param options Whether to report unknown kinds, and the fetch errors.
 * @returns Zero or one error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { visitErrors } from "./_write_common.ts";
 * const sel = {
 *   targets: [],
 *   multipleTypes: false,
 *   singleItem: false,
 *   unknown: [],
 *   unreadable: [{ error: new Error("b"), position: 1, order: 1 }],
 * };
 * const [agg] = visitErrors(sel, { unknown: true, fetch: [{ index: 0, error: new Error("a") }] });
 * assertEquals((agg as AggregateError).errors.map((e) => (e as Error).message), ["a", "b"]);
 * ```
 */
export function visitErrors(
  sel: ResourceArgs,
  options: { unknown: boolean; fetch?: readonly { index: number; error: unknown }[] },
): unknown[] {
  const entries: { position: number; fetched: number; order: number; error: unknown }[] = [];
  for (const u of sel.unreadable) entries.push({ ...u, fetched: 0 });
  if (options.unknown) { for (const u of sel.unknown) entries.push({ ...u, fetched: 0 }); }
  for (const f of options.fetch ?? []) {
    entries.push({ position: f.index, fetched: 1, order: 0, error: f.error });
  }
  if (entries.length === 0) return [];
  // Before target i come what was read before it; then target i itself.
  entries.sort((a, b) => a.position - b.position || a.fetched - b.fetched || a.order - b.order);
  const errors = entries.map((e) => e.error);
  return [new AggregateError(errors, errors.map((e) => (e as Error)?.message ?? e).join(", "))];
}

/**
 * The kind string of delete's and diff's messages: `configmap`, `role.rbac.authorization.k8s.io`.
 *
 * @param t The type.
 * @returns The lower-case kind qualified by group.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { kindString } from "./_write_common.ts";
 * assertEquals(kindString({ group: "rbac.authorization.k8s.io", kind: "Role" }), "role.rbac.authorization.k8s.io");
 * ```
 */
export function kindString(t: { group: string; kind: string }): string {
  return t.group ? `${t.kind.toLowerCase()}.${t.group}` : t.kind.toLowerCase();
}

/**
 * The `TYPE/NAME` kubectl's `info.ObjectName()` prints: `configmaps/app`,
 * `roles.rbac.authorization.k8s.io/reader`.
 *
 * @param t The type.
 * @param name The object name.
 * @returns The name.
 */
export function objectName(t: ResourceType, name: string): string {
  return `${t.group ? `${t.plural}.${t.group}` : t.plural}/${name}`;
}

/** A deep copy of a JSON value. *
 * @param v The value.
 * @returns The copy.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { cloneJson } from "./_write_common.ts";
 * const a = { b: [1] };
 * const c = cloneJson(a);
 * c.b.push(2);
 * assertEquals(a.b, [1]);
 * ```
 */
export function cloneJson<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}

/**
 * `util.GetModifiedConfiguration` for an object read from a file (unstructured JSON): the
 * object without the last-applied annotation (its annotations become `{}` when empty), encoded
 * with sorted keys and a newline; with `annotate`, that text is then embedded as the annotation
 * and the object encoded again.
 *
 * @param obj The object (not modified).
 * @param annotate Whether to embed the annotation.
 * @returns The JSON text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { modifiedConfiguration } from "./_write_common.ts";
 * const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app", namespace: "default" } };
 * assertEquals(
 *   modifiedConfiguration(cm, false),
 *   '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{},"name":"app","namespace":"default"}}\n',
 * );
 * ```
 */
export function modifiedConfiguration(obj: KubeObject, annotate: boolean): string {
  const o = cloneJson(obj) as KubeObject;
  o.metadata ??= {} as KubeObject["metadata"];
  const annots = { ...(o.metadata.annotations ?? {}) };
  delete annots[LAST_APPLIED];
  o.metadata.annotations = annots;
  const plain = goJson(o) + "\n";
  if (!annotate) return plain;
  o.metadata.annotations = { ...annots, [LAST_APPLIED]: plain };
  return goJson(o) + "\n";
}

/**
 * `util.CreateApplyAnnotation`: sets the last-applied annotation of an object read from a file.
 *
 * @param obj The object, modified in place.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import type { KubeObject } from "@k1s/core";
 * import { LAST_APPLIED, setLastApplied } from "./_write_common.ts";
 * const cm: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } };
 * setLastApplied(cm);
 * assertEquals(cm.metadata.annotations?.[LAST_APPLIED], '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{},"name":"a"}}\n');
 * ```
 */
export function setLastApplied(obj: KubeObject): void {
  const value = modifiedConfiguration(obj, false);
  obj.metadata ??= {} as KubeObject["metadata"];
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: value };
}

/** What {@linkcode fileObjects} returns. */
export interface FileObjects {
  /** The objects with a known kind, in file order. */
  targets: NamedTarget[];
  /** Errors of objects whose kind is unknown (kubectl reports them last). */
  mappingErrors: unknown[];
}

/**
 * The objects of `-f`/`-R` (with the builder's errors for a missing path, a parse error or a
 * namespace mismatch), filtered by `-l` when the command has it, as kubectl's
 * `FilenameParam(...).LabelSelectorParam(...)` visits them.
 *
 * @param ctx The command context.
 * @param options Builder options (the message when nothing is named, ...).
 * @returns The objects and the mapping errors.
 */
export async function fileObjects(
  ctx: CommandContext,
  options: ResourceArgsOptions = {},
): Promise<FileObjects> {
  const sel = await ctx.resources({ keepUnknownKinds: true, ...options });
  let targets = sel.targets.filter((t): t is NamedTarget => t.kind === "name" && !!t.object);
  const selector = ctx.changed.has("selector") ? ctx.string("selector") : "";
  if (selector) {
    const { parseLabelSelector } = await import("@k1s/core");
    const s = parseLabelSelector(selector);
    targets = targets.filter((t) => s.matches(t.object!.metadata?.labels));
  }
  return { targets, mappingErrors: mappingErrors(sel.unknown) };
}

/**
 * The targets of a selection, with (for `--local`) the objects of kinds the store does not know
 * in their place in file order: kubectl's local builder maps no kinds, so it changes those
 * objects as they are.
 *
 * @param sel The selection (`keepUnknownKinds`).
 * @param local Whether the command runs locally; otherwise only the targets.
 * @returns Each target, or an object of an unknown kind, in order.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { localOrder } from "./_write_common.ts";
 * const w = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } };
 * const sel = {
 *   targets: [],
 *   multipleTypes: false,
 *   singleItem: true,
 *   unknown: [{ object: w, source: { name: "w.yaml", document: 0, line: 1 }, error: new Error(), position: 0, order: 0 }],
 *   unreadable: [],
 * };
 * assertEquals(localOrder(sel, true), [{ object: w }]);
 * assertEquals(localOrder(sel, false), []);
 * ```
 */
export function localOrder(
  sel: ResourceArgs,
  local: boolean,
): ({ target: ResourceTarget } | { object: KubeObject })[] {
  const out: ({ target: ResourceTarget } | { object: KubeObject })[] = [];
  let u = 0;
  const unknownUpTo = (i: number) => {
    for (; local && u < sel.unknown.length && sel.unknown[u].position <= i; u++) {
      out.push({ object: sel.unknown[u].object });
    }
  };
  for (const [i, target] of sel.targets.entries()) {
    unknownUpTo(i);
    out.push({ target });
  }
  unknownUpTo(Infinity);
  return out;
}

/**
 * The object of a `-f` target, as kubectl's builder hands it on: a copy with the namespace the
 * request uses (`metadata.namespace` set for namespaced kinds).
 *
 * @param t The target.
 * @returns A copy of the object.
 */
export function targetObject(t: NamedTarget): KubeObject {
  const o = cloneJson(t.object!) as KubeObject;
  o.metadata ??= {} as KubeObject["metadata"];
  if (t.type.namespaced) o.metadata.namespace = t.namespace;
  return o;
}

/**
 * The type meta of a resource type, for client calls.
 *
 * @param t The type.
 * @returns `{ apiVersion, kind }`.
 */
export function typeMeta(t: ResourceType): { apiVersion: string; kind: string } {
  return { apiVersion: apiVersionOf(t), kind: t.kind };
}

/**
 * The key of an object of a type, for client calls.
 *
 * @param t The type.
 * @param key The namespace (ignored for cluster-scoped kinds) and the name.
 * @returns The key.
 */
export function objectKey(
  t: ResourceType,
  key: { namespace: string; name: string },
): { namespace?: string; name: string } {
  return t.namespaced ? { namespace: key.namespace, name: key.name } : { name: key.name };
}

/**
 * The printer of a write command: kubectl's action line (`configmap/app created (dry run)`),
 * `-o name`, or the object in the `-o` format.
 *
 * @param ctx The command context (reads `-o`, `--dry-run`, `--show-managed-fields`,
 *   `--allow-missing-template-keys`, `--template`).
 * @param options `typed`: objects are kubectl's typed objects (generators before the server
 *   saw them), which `-o json` prints in Go field order; `noDryRunSuffix`: the command's
 *   operation replaces kubectl's dry-run suffix (patch).
 * @returns The printer.
 */
export async function writePrinter(
  ctx: CommandContext,
  options: { typed?: boolean; noDryRunSuffix?: boolean } = {},
): Promise<WritePrinter> {
  const dryRun = options.noDryRunSuffix ? "none" : ctx.dryRun;
  if (!ctx.string("output")) {
    // Action lines only: the YAML, JSONPath and column printers stay unloaded.
    const { actionLine } = await import("../_cli/action_line.ts");
    return {
      format: undefined,
      print(obj: KubeObject, operation?: string) {
        ctx.stdout.write(actionLine(obj, operation, dryRun));
      },
    };
  }
  const { ObjectPrinter, outputFormat, OBJECT_OUTPUT_FORMATS } = await import(
    "../_cli/printing.ts"
  );
  const { printJson, omitManagedFields } = await import("../_internal/printers/mod.ts");
  const format = await outputFormat(ctx, OBJECT_OUTPUT_FORMATS);
  const printer = new ObjectPrinter(format, ctx.stdout, {
    dryRun,
    showManagedFields: ctx.bool("show-managed-fields"),
    allowMissingKeys: !("allow-missing-template-keys" in ctx.flags) ||
      ctx.bool("allow-missing-template-keys"),
  });
  return {
    format: format?.type,
    print(obj: KubeObject, operation?: string, typed = options.typed ?? false) {
      if (typed && format?.type === "json") {
        const o = ctx.bool("show-managed-fields") ? obj : omitManagedFields(obj);
        ctx.stdout.write(printJson(o, { sortKeys: false }));
        return;
      }
      printer.print(obj, operation);
    },
  };
}

/** What {@linkcode writePrinter} returns. */
export interface WritePrinter {
  /** The `-o` format type, if `-o` was given. */
  format: string | undefined;
  /**
   * Prints one object.
   *
   * @param obj The object.
   * @param operation The action (`created`, `configured`, ...).
   * @param typed Whether the object is a typed one (Go field order for `-o json`).
   */
  print(obj: KubeObject, operation?: string, typed?: boolean): void;
}

/**
 * kubectl's `resource.Info.String()`: the mapping and the object's name and namespace, as
 * messages such as `error when applying patch: ... to: <info> for: "x.yaml"` print it.
 *
 * @param t The type.
 * @param object The name and the namespace (`""` for cluster-scoped kinds).
 * @returns Two lines.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { infoString } from "./_write_common.ts";
 * const t = { group: "", version: "v1", kind: "ConfigMap", plural: "configmaps" };
 * assertEquals(
 *   infoString(t, { name: "a", namespace: "default" }),
 *   'Resource: "/v1, Resource=configmaps", GroupVersionKind: "/v1, Kind=ConfigMap"\nName: "a", Namespace: "default"',
 * );
 * ```
 */
export function infoString(
  t: { group: string; version: string; kind: string; plural: string },
  object: { name: string; namespace: string },
): string {
  const { name, namespace } = object;
  return `Resource: "${t.group}/${t.version}, Resource=${t.plural}", GroupVersionKind: "${t.group}/${t.version}, Kind=${t.kind}"\nName: ${
    JSON.stringify(name)
  }, Namespace: ${JSON.stringify(namespace)}`;
}

/**
 * A copy of a JSON value with object keys sorted (as Go serialises maps).
 *
 * @param v The value.
 * @returns The sorted copy.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { sortKeysDeep } from "./_write_common.ts";
 * assertEquals(JSON.stringify(sortKeysDeep({ b: 1, a: { d: 1, c: 2 } })), '{"a":{"c":2,"d":1},"b":1}');
 * ```
 */
export function sortKeysDeep<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => sortKeysDeep(x)) as T;
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      out[k] = sortKeysDeep((v as Record<string, unknown>)[k]);
    }
    return out as T;
  }
  return v;
}

/**
 * Prints the objects a command wrote as kubectl's `-o json|yaml|jsonpath` does after apply,
 * label, annotate and patch: one object as itself, several as a typed `corev1.List`
 * (`kind`, `apiVersion`, `metadata: {}`, `items`).
 *
 * @param ctx The command context.
 * @param objects The objects.
 */
export async function printObjectsAsList(
  ctx: CommandContext,
  objects: readonly KubeObject[],
): Promise<void> {
  if (objects.length === 0) return;
  const { outputFormat, OBJECT_OUTPUT_FORMATS } = await import("../_cli/printing.ts");
  const { printJson, printYaml, newJSONPathPrinter, omitManagedFields } = await import(
    "../_internal/printers/mod.ts"
  );
  const format = await outputFormat(ctx, OBJECT_OUTPUT_FORMATS);
  // kubectl hides managed fields from its JSON and YAML printers only.
  const hide = !ctx.bool("show-managed-fields") &&
    (format.type === "json" || format.type === "yaml");
  const items = objects.map((o) => sortKeysDeep(hide ? omitManagedFields(o) : o));
  const value: unknown = items.length === 1
    ? items[0]
    : { kind: "List", apiVersion: "v1", metadata: {}, items };
  switch (format.type) {
    case "json":
      ctx.stdout.write(printJson(value, { sortKeys: false }));
      return;
    case "yaml":
      ctx.stdout.write(printYaml(value));
      return;
    case "jsonpath":
      ctx.stdout.write(
        newJSONPathPrinter(format.template, {
          asJson: format.asJson,
          allowMissingKeys: !("allow-missing-template-keys" in ctx.flags) ||
            ctx.bool("allow-missing-template-keys"),
        }).print(value),
      );
      return;
    default:
      return;
  }
}

/**
 * Whether `-o` asks for whole objects (kubectl's `shouldPrintObject`: any format but `name`).
 *
 * @param ctx The command context.
 * @returns Whether objects are printed at the end instead of action lines.
 */
export function printsObjects(ctx: CommandContext): boolean {
  const o = ctx.string("output");
  return o !== "" && o !== "name";
}

/**
 * `--cascade` as kubectl's `GetCascadingStrategy` reads it (boolean values are deprecated
 * aliases, with kubectl's warning).
 *
 * @param ctx The command context.
 * @returns The propagation policy.
 * @throws {CliError} `invalid cascade value (x). Must be "background", "foreground", or "orphan"`.
 */
export function cascadingStrategy(
  ctx: CommandContext,
): "Background" | "Foreground" | "Orphan" {
  let v = ctx.string("cascade") || "background";
  const b = parseGoBool(v);
  if (b !== undefined) {
    v = b ? "background" : "orphan";
    ctx.stderr.write(
      `warning: --cascade=${b} is deprecated (boolean value) and can be replaced with --cascade=${v}.\n`,
    );
  }
  switch (v) {
    case "orphan":
      return "Orphan";
    case "foreground":
      return "Foreground";
    case "background":
      return "Background";
  }
  throw new CliError(
    `invalid cascade value (${v}). Must be "background", "foreground", or "orphan"`,
  );
}

function parseGoBool(v: string): boolean | undefined {
  if (["1", "t", "T", "true", "TRUE", "True"].includes(v)) return true;
  if (["0", "f", "F", "false", "FALSE", "False"].includes(v)) return false;
  return undefined;
}

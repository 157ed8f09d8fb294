// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `create`: objects from `-f` files, directories (`-R`) and stdin, written in store
 * transactions of a few dozen objects (`_write_batches.ts`) with a failure in one object not
 * stopping the others; and the generators
 * (`create configmap|secret generic|tls|docker-registry|namespace|serviceaccount|role|
 * clusterrole|rolebinding|clusterrolebinding|token`) with kubectl's flags, client-side checks,
 * messages and output.
 *
 * @module
 */
import type { BoundObjectReference, KubeObject, ResourceType, Runtime } from "@k1s/core";
import type { CommandContext } from "../_cli/command.ts";
import { CliError } from "../_cli/errors.ts";
import { loadStoredKinds } from "../_cli/resources.ts";
import {
  addSourceToErr,
  fileObjects,
  finishErrors,
  setLastApplied,
  targetObject,
  validationDirective,
  writePrinter,
} from "./_write_common.ts";
import { jsonSize, WriteBatches } from "./_write_batches.ts";
import {
  clusterRoleBindingObject,
  clusterRoleObject,
  configMapFromSources,
  dockerRegistrySecret,
  genericSecret,
  namespaceObject,
  noResourceMatch,
  objectHash,
  parseStringToString,
  policyRules,
  type ResourceResolver,
  roleBindingObject,
  roleObject,
  ruleFlags,
  serviceAccountObject,
  setTypedLastApplied,
  tlsSecret,
  validateClusterRoleRules,
  validateRoleRules,
} from "./_write_generators.ts";

/**
 * Runs `create` or one of its generators.
 *
 * @param ctx The command context.
 * @returns The exit code.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const sub = ctx.path.slice(1).join(" ");
  switch (sub) {
    case "":
      return await createFromFiles(ctx);
    case "token":
      return await createToken(ctx);
    default:
      return await runGenerator(ctx, sub);
  }
}

async function createFromFiles(ctx: CommandContext): Promise<number> {
  // kubectl looks at the arguments first: `create configmp x` is unexpected arguments.
  if (ctx.args.length > 0) throw ctx.usageError(`Unexpected args: [${ctx.args.join(" ")}]`);
  if (ctx.strings("filename").length === 0) {
    throw new CliError("must specify one of -f and -k");
  }
  if (ctx.bool("edit")) return await (await import("./edit.ts")).editBeforeCreate(ctx);
  const dryRun = ctx.dryRun;
  const fieldValidation = validationDirective(ctx);
  const printer = await writePrinter(ctx);
  const { targets, mappingErrors } = await fileObjects(ctx);
  const rt = await ctx.runtime();
  const errors: unknown[] = [];
  const done: KubeObject[] = [];
  let committed = 0;
  const batches = new WriteBatches(rt, {
    enabled: dryRun === "none",
    onCommit: () => committed = done.length,
  });
  try {
    for (const t of targets) {
      let obj = targetObject(t);
      if (ctx.bool("save-config")) setLastApplied(obj);
      if (dryRun !== "client") {
        const client = await batches.client(jsonSize(obj));
        try {
          obj = await client.create(obj, {
            dryRun: dryRun === "server",
            fieldManager: ctx.string("field-manager"),
            fieldValidation,
          });
        } catch (e) {
          errors.push(addSourceToErr(e, { verb: "creating", source: t.source?.name ?? "" }));
          continue;
        }
      }
      done.push(obj);
    }
    await batches.commit();
  } catch (e) {
    // A batch failed to commit: the earlier ones are written, and said so.
    await batches.abort(e);
    for (const o of done.slice(0, committed)) printer.print(o, "created");
    throw e;
  }
  for (const o of done) printer.print(o, "created");
  if (dryRun === "none" && done.length > 0) await ctx.afterWrite();
  const all = [...errors, ...mappingErrors];
  if (all.length === 0 && done.length === 0) throw new CliError("no objects passed to create");
  return finishErrors(ctx, all);
}

/** `NameFromCommandArgs`: exactly one name before `--`. */
function nameArg(ctx: CommandContext): string {
  const n = ctx.argsLenAtDash === -1 ? ctx.args.length : ctx.argsLenAtDash;
  if (n !== 1) throw ctx.usageError(`exactly one NAME is required, got ${n}`);
  return ctx.args[0];
}

/** How kubectl wraps the create error of each generator (typed clients wrap some). */
const CREATE_ERROR_PREFIX: Record<string, string> = {
  configmap: "failed to create configmap: ",
  "secret generic": "failed to create secret ",
  "secret docker-registry": "failed to create secret ",
  "secret tls": "failed to create secret: ",
  serviceaccount: "failed to create serviceaccount: ",
  rolebinding: "failed to create rolebinding: ",
  clusterrolebinding: "failed to create clusterrolebinding: ",
};

async function runGenerator(ctx: CommandContext, sub: string): Promise<number> {
  // pflag parses `--aggregation-rule` before the command runs.
  let aggregation: Record<string, string> = {};
  if (sub === "clusterrole") {
    const parsed = parseStringToString(ctx.strings("aggregation-rule"));
    if (!parsed.ok) {
      throw new (await import("../_internal/args/mod.ts")).UsageError(
        `invalid argument "${parsed.bad}" for "--aggregation-rule" flag: malformed pair, expect string=string`,
        { kind: "flag", commandPath: ctx.specs.map((s) => s.name).join(" ") },
      );
    }
    aggregation = parsed.value;
  }
  if (sub === "clusterrolebinding" && !ctx.changed.has("clusterrole")) {
    const { klogLine } = await import("../_cli/verbose.ts");
    ctx.stderr.write(
      klogLine("E", `"command failed" err="required flag(s) \\"clusterrole\\" not set"`, ctx.now()),
    );
    const { ExitCode } = await import("../_cli/errors.ts");
    throw new ExitCode(1);
  }
  const name = nameArg(ctx);
  const dryRun = ctx.dryRun;
  const fieldValidation = validationDirective(ctx);
  const printer = await writePrinter(ctx, { typed: true });
  const ns = ctx.explicitNamespace ? ctx.namespace : "";
  const sources = {
    files: ctx.strings("from-file"),
    literals: ctx.strings("from-literal"),
    envFiles: ctx.strings("from-env-file"),
  };
  const lookupEnv = (k: string) => ctx.env(k);
  let obj: KubeObject;
  switch (sub) {
    case "configmap":
      obj = await configMapFromSources({ name, namespace: ns }, sources, { lookupEnv });
      break;
    case "secret generic":
      obj = await genericSecret({ name, namespace: ns, type: ctx.string("type") }, sources, {
        lookupEnv,
      });
      break;
    case "secret docker-registry":
      obj = await dockerRegistrySecret({ name, namespace: ns }, {
        username: ctx.string("docker-username"),
        password: ctx.string("docker-password"),
        email: ctx.string("docker-email"),
        server: ctx.string("docker-server"),
        files: ctx.strings("from-file"),
      });
      break;
    case "secret tls":
      obj = await tlsSecret({ name, namespace: ns }, {
        cert: ctx.string("cert"),
        key: ctx.string("key"),
      });
      break;
    case "namespace":
      obj = namespaceObject(name);
      break;
    case "serviceaccount":
      obj = serviceAccountObject(name, ns);
      break;
    case "role":
    case "clusterrole": {
      const flags = ruleFlags({
        verbs: ctx.strings("verb"),
        resources: ctx.strings("resource"),
        resourceNames: ctx.strings("resource-name"),
        nonResourceURLs: sub === "clusterrole" ? ctx.strings("non-resource-url") : [],
      });
      const resolve = resourceResolver(ctx);
      const warn = (line: string) => ctx.stderr.write(line);
      if (sub === "role") {
        await validateRoleRules(flags, { resolve, warn });
        obj = roleObject({ name, namespace: ns }, await policyRules(flags, resolve));
      } else {
        await validateClusterRoleRules(flags, { aggregation, resolve, warn });
        const rules = Object.keys(aggregation).length ? null : await policyRules(flags, resolve);
        obj = clusterRoleObject(name, { rules, aggregation });
      }
      break;
    }
    case "rolebinding":
      obj = roleBindingObject({
        name,
        namespace: ns,
        role: ctx.string("role"),
        clusterRole: ctx.string("clusterrole"),
      }, subjectFlags(ctx));
      break;
    case "clusterrolebinding":
      obj = clusterRoleBindingObject(
        { name, clusterRole: ctx.string("clusterrole") },
        subjectFlags(ctx),
      );
      break;
    default:
      throw new CliError(`unknown create subcommand ${JSON.stringify(sub)}`);
  }
  if (ctx.bool("append-hash")) {
    obj.metadata.name = `${obj.metadata.name}-${await objectHash(obj)}`;
  }
  if (ctx.bool("save-config")) setTypedLastApplied(obj);
  if (dryRun === "client") {
    if (ctx.explicitNamespace && obj.kind !== "Namespace" && !obj.kind.startsWith("Cluster")) {
      obj.metadata.namespace = ctx.namespace;
    }
    printer.print(obj, "created");
    return 0;
  }
  const rt = await ctx.runtime();
  let created: KubeObject;
  try {
    created = await rt.client.create(stripNulls(obj), {
      dryRun: dryRun === "server",
      fieldManager: ctx.string("field-manager"),
      fieldValidation,
    });
  } catch (e) {
    const prefix = CREATE_ERROR_PREFIX[sub];
    if (!prefix) throw e;
    throw new CliError(prefix + ((e as Error)?.message ?? String(e)), { cause: e });
  }
  printer.print(created, "created", false);
  if (dryRun === "none") await ctx.afterWrite();
  return 0;
}

function subjectFlags(ctx: CommandContext) {
  return {
    users: ctx.strings("user"),
    groups: ctx.strings("group"),
    serviceAccounts: ctx.strings("serviceaccount"),
  };
}

// A typed object's `creationTimestamp: null` and `rules: null` are not sent as such: the
// server sees them unset.
function stripNulls(obj: KubeObject): KubeObject {
  const o = JSON.parse(JSON.stringify(obj)) as KubeObject & Record<string, unknown>;
  const m = o.metadata as unknown as Record<string, unknown>;
  if (m.creationTimestamp === null) delete m.creationTimestamp;
  for (const [k, v] of Object.entries(o)) if (v === null) delete o[k];
  return o;
}

/** kubectl's `RESTMapper.ResourceFor` over the runtime's kinds (stored CRDs included). */
function resourceResolver(ctx: CommandContext): ResourceResolver {
  let rt: Runtime | undefined;
  let loaded = false;
  const find = (res: string, group: string): ResourceType | undefined =>
    rt!.registry.all().find((t) =>
      (group === "" || t.group === group) &&
      (t.plural === res || t.singular === res || t.shortNames.includes(res) ||
        t.kind.toLowerCase() === res)
    );
  return async (resource, group) => {
    rt ??= await ctx.runtime();
    const res = resource.toLowerCase();
    let t = find(res, group);
    if (!t && !loaded) {
      loaded = true;
      await loadStoredKinds(rt);
      t = find(res, group);
    }
    if (!t) throw noResourceMatch(resource, group);
    return { group: t.group, resource: t.plural };
  };
}

async function createToken(ctx: CommandContext): Promise<number> {
  const name = nameArg(ctx);
  const duration = ctx.number("duration");
  if (duration < 0) throw new CliError("--duration must be greater than or equal to 0");
  if (duration % 1000 !== 0) {
    throw new CliError("--duration cannot be expressed in units less than seconds");
  }
  const audiences = ctx.strings("audience");
  if (audiences.some((a) => a === "")) throw new CliError("--audience must not be an empty string");
  const boundObjectRef = boundObject(ctx);
  const format = ctx.string("output") ? await writePrinter(ctx, { typed: true }) : undefined;
  const rt = await ctx.runtime();
  const core = await import("@k1s/core") as Record<string, unknown>;
  const issueToken = core.issueToken as
    | ((
      rt: Runtime,
      o: {
        namespace: string;
        serviceAccount: string;
        expirationSeconds?: number;
        audiences?: string[];
        boundObjectRef?: BoundObjectReference;
      },
    ) => Promise<{ token: string; expirationTimestamp: string }>)
    | undefined;
  if (!issueToken) {
    throw new CliError("failed to create token: this build of @k1s/core cannot issue tokens");
  }
  let status: { token: string; expirationTimestamp: string };
  try {
    status = await issueToken(rt, {
      namespace: ctx.namespace,
      serviceAccount: name,
      ...(duration > 0 ? { expirationSeconds: duration / 1000 } : {}),
      ...(audiences.length ? { audiences } : {}),
      ...(boundObjectRef ? { boundObjectRef } : {}),
    });
  } catch (e) {
    throw new CliError(`failed to create token: ${(e as Error)?.message ?? e}`, { cause: e });
  }
  const claims = tokenClaims(status.token);
  const aud = Array.isArray(claims.aud) ? claims.aud as string[] : [];
  if (!status.token) throw new CliError("failed to create token: no token in server response");
  if (format) {
    const iat = typeof claims.iat === "number" ? claims.iat : Math.floor(Date.now() / 1000);
    const exp = typeof claims.exp === "number" ? claims.exp : iat;
    format.print({
      kind: "TokenRequest",
      apiVersion: "authentication.k8s.io/v1",
      metadata: { name, namespace: ctx.namespace, creationTimestamp: null },
      spec: {
        audiences: aud,
        expirationSeconds: exp - iat,
        boundObjectRef: boundObjectRef ?? null,
      },
      status: { token: status.token, expirationTimestamp: status.expirationTimestamp },
    } as unknown as KubeObject);
    return 0;
  }
  // kubectl adds a newline only when writing to a terminal.
  let tty = false;
  try {
    tty = Deno.stdout.isTerminal();
  } catch {
    tty = false;
  }
  ctx.stdout.write(tty ? `${status.token}\n` : status.token);
  return 0;
}

/** The kinds kubectl 1.32 binds tokens to, with their API version. */
const BOUND_OBJECT_KINDS: Record<string, string> = { Node: "v1", Pod: "v1", Secret: "v1" };

/** `--bound-object-kind/name/uid`, checked as kubectl's `TokenOptions.Validate` does. */
function boundObject(ctx: CommandContext): BoundObjectReference | undefined {
  const kind = ctx.string("bound-object-kind");
  const name = ctx.string("bound-object-name");
  const uid = ctx.string("bound-object-uid");
  if (!kind) {
    if (name) {
      throw new CliError("--bound-object-name can only be set if --bound-object-kind is provided");
    }
    if (uid) {
      throw new CliError("--bound-object-uid can only be set if --bound-object-kind is provided");
    }
    return undefined;
  }
  const apiVersion = Object.hasOwn(BOUND_OBJECT_KINDS, kind) ? BOUND_OBJECT_KINDS[kind] : "";
  if (!apiVersion) {
    throw new CliError(
      `supported --bound-object-kind values are ${Object.keys(BOUND_OBJECT_KINDS).join(", ")}`,
    );
  }
  if (!name) {
    throw new CliError("--bound-object-name is required if --bound-object-kind is provided");
  }
  return { kind, apiVersion, name, ...(uid ? { uid } : {}) };
}

function tokenClaims(token: string): Record<string, unknown> {
  try {
    const part = token.split(".")[1].replaceAll("-", "+").replaceAll("_", "/");
    return JSON.parse(atob(part + "=".repeat((4 - part.length % 4) % 4)));
  } catch {
    return {};
  }
}

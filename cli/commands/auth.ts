// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `auth can-i` (`yes` exit 0, `no` exit 1; `--list`) and `auth whoami`, on core/rbac's
 * self reviews, and `auth rotate-key` (core/rbac's `rotateSigningKey`). The identity is the
 * command's: the store owner, `--as`/`--as-group`, or the ServiceAccount of `--token`/`K1S_TOKEN`.
 *
 * @module
 */
import type { ResourceType, Runtime, UserInfo } from "@k1s/core";
import type { CommandContext } from "../_cli/command.ts";
import { CliError, ExitCode } from "../_cli/errors.ts";
import { OBJECT_OUTPUT_FORMATS, outputFormat } from "../_cli/output_format.ts";

/** What core/rbac exports for self reviews (see core/rbac/access_review.ts). */
interface RbacApi {
  canI(
    rt: Runtime,
    user: UserInfo,
    check: {
      verb: string;
      group?: string;
      resource?: string;
      subresource?: string;
      name?: string;
      namespace?: string;
      path?: string;
    },
  ): Promise<{ allowed: boolean; reason?: string; evaluationError?: string }>;
  rulesFor(rt: Runtime, user: UserInfo, namespace: string): Promise<unknown>;
  formatAccessList(status: unknown, options?: { noHeaders?: boolean }): string;
  whoAmI(rt: Runtime): UserInfo;
  formatWhoAmI(user: UserInfo): string;
  rotateSigningKey(rt: Runtime): Promise<void>;
}

async function rbacApi(): Promise<RbacApi> {
  return await import("../_cli/core_extra.ts");
}

const RESOURCE_VERBS = new Set([
  "get",
  "list",
  "watch",
  "create",
  "update",
  "patch",
  "delete",
  "deletecollection",
  "use",
  "bind",
  "impersonate",
  "*",
  "approve",
  "sign",
  "escalate",
  "attest",
]);
const NON_RESOURCE_VERBS = new Set([
  "get",
  "put",
  "post",
  "head",
  "options",
  "delete",
  "patch",
  "*",
]);

/**
 * Runs `auth can-i`, `auth rotate-key` or `auth whoami`.
 *
 * @param ctx The command context.
 * @returns The exit code.
 */
export async function run(ctx: CommandContext): Promise<number> {
  switch (ctx.path[1]) {
    case "whoami":
      return await whoami(ctx);
    case "rotate-key":
      return await rotateKey(ctx);
    default:
      return await canI(ctx);
  }
}

// The library refuses anyone but the store owner (403 Forbidden), which the CLI prints as the
// API server's errors are printed.
async function rotateKey(ctx: CommandContext): Promise<number> {
  const api = await rbacApi();
  await api.rotateSigningKey(await ctx.runtime());
  ctx.stdout.write("signing key rotated; existing tokens are no longer valid\n");
  return 0;
}

const NON_STANDARD_RESOURCES: ReadonlySet<string> = new Set(["users", "groups"]);

async function canI(ctx: CommandContext): Promise<number> {
  const list = ctx.bool("list");
  const quiet = ctx.bool("quiet");
  const out = quiet ? { write: () => {} } : ctx.stdout;
  if (list) {
    if (ctx.args.length !== 0) {
      throw new CliError("list option must be specified with no arguments");
    }
    if (quiet || ctx.allNamespaces || ctx.string("subresource")) {
      throw new CliError(
        "list option can't be specified with neither quiet, all-namespaces nor subresource options",
      );
    }
    const api = await rbacApi();
    const rt = await ctx.runtime();
    const status = await api.rulesFor(rt, rt.user, ctx.allNamespaces ? "" : ctx.namespace);
    out.write(api.formatAccessList(status, { noHeaders: ctx.bool("no-headers") }));
    return 0;
  }
  if (ctx.args.length !== 2) {
    throw new CliError(
      `you must specify two arguments: verb resource or verb resource/resourceName.\nSee '${ctx.name} auth can-i -h' for help and examples.`,
    );
  }
  if (ctx.bool("no-headers")) {
    throw new CliError("--no-headers cannot be set without --list specified");
  }
  const verb = ctx.args[0];
  const target = ctx.args[1];
  const subresource = ctx.string("subresource");
  const rt = await ctx.runtime();
  const namespace = ctx.allNamespaces ? "" : ctx.namespace;
  const check: Parameters<RbacApi["canI"]>[2] = { verb };
  if (target.startsWith("/")) {
    if (subresource) throw new CliError("--subresource can not be used with NonResourceURL");
    // kubectl's messages end in a newline of their own, so a blank line follows each warning.
    if (!NON_RESOURCE_VERBS.has(verb)) ctx.warn(`verb '${verb}' is not a known verb\n`);
    check.path = target;
  } else {
    const slash = target.indexOf("/");
    const resourceArg = slash < 0 ? target : target.slice(0, slash);
    const name = slash < 0 ? "" : target.slice(slash + 1);
    let group = "";
    let resource = resourceArg;
    let namespaced = true;
    if (resourceArg !== "*") {
      const types = await ctx.resolveResource(resourceArg).catch(() => [] as ResourceType[]);
      if (types.length === 1) {
        group = types[0].group;
        resource = types[0].plural;
        namespaced = types[0].namespaced;
      } else if (!NON_STANDARD_RESOURCES.has(resourceArg.toLowerCase())) {
        // kubectl's nonStandardResourceNames: users and groups are impersonation targets, not
        // resources the server lists, and are checked without a warning.
        const dot = resourceArg.indexOf(".");
        const res = dot < 0 ? resourceArg : resourceArg.slice(0, dot);
        const grp = dot < 0 ? "" : resourceArg.slice(dot + 1);
        ctx.stderr.write(
          grp
            ? `Warning: the server doesn't have a resource type '${res}' in group '${grp}'\n\n`
            : `Warning: the server doesn't have a resource type '${res}'\n\n`,
        );
      }
    }
    if (!namespaced && !ctx.allNamespaces) {
      ctx.warn(
        group
          ? `resource '${resource}' is not namespace scoped in group '${group}'\n`
          : `resource '${resource}' is not namespace scoped\n`,
      );
    }
    if (!RESOURCE_VERBS.has(verb)) ctx.warn(`verb '${verb}' is not a known verb\n`);
    check.group = group;
    check.resource = resource;
    if (name) check.name = name;
    if (subresource) check.subresource = subresource;
    // kubectl sends the namespace for cluster-scoped resources too (after its warning): a
    // RoleBinding there may allow them.
    if (namespace) check.namespace = namespace;
  }
  const api = await rbacApi();
  const d = await api.canI(rt, rt.user, check);
  if (d.allowed) {
    out.write("yes\n");
    return 0;
  }
  out.write(
    `no${d.reason ? ` - ${d.reason}` : ""}${d.evaluationError ? ` - ${d.evaluationError}` : ""}\n`,
  );
  throw new ExitCode(1);
}

async function whoami(ctx: CommandContext): Promise<number> {
  const api = await rbacApi();
  const rt = await ctx.runtime();
  const user = api.whoAmI(rt);
  if (!ctx.string("output")) {
    ctx.stdout.write(api.formatWhoAmI(user));
    return 0;
  }
  const format = await outputFormat(ctx, OBJECT_OUTPUT_FORMATS);
  const review = {
    apiVersion: "authentication.k8s.io/v1",
    kind: "SelfSubjectReview",
    metadata: { creationTimestamp: null },
    status: { userInfo: user },
  };
  const { ObjectPrinter } = await import("../_cli/printing.ts");
  new ObjectPrinter(format, ctx.stdout).print(review as never);
  return 0;
}

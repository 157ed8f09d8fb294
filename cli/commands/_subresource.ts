// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `get --subresource`: reading an object's `status` or `scale` subresource as kubectl's
 * builder does (`Info.Subresource`), and the columns the API server's table convertor gives
 * a custom resource's `Scale`.
 *
 * @module
 */
import type { KubeObject, PrinterColumn } from "@k1s/core";
import type { CommandContext, ResourceTarget } from "../_cli/command.ts";
import { CliError } from "../_cli/errors.ts";
import { apiVersionOf, fetchTarget } from "../_cli/resources.ts";

/**
 * The columns of a custom resource's `Scale` table (apiextensions-apiserver's
 * `getScaleColumnsForVersion`; NAME comes first): DESIRED, AVAILABLE, AGE.
 */
export const SCALE_COLUMNS: readonly PrinterColumn[] = [
  {
    name: "Desired",
    type: "integer",
    description: "Number of desired replicas",
    jsonPath: ".spec.replicas",
  },
  {
    name: "Available",
    type: "integer",
    description: "Number of actual replicas",
    jsonPath: ".status.replicas",
  },
  { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
];

/**
 * The builder's check that a subresource names single objects: `TYPE` alone, `-l`,
 * `--field-selector` and `--all` select in bulk. kubectl checks it before resolving the types,
 * after the other argument errors, which `ctx.resources` raises.
 *
 * @param ctx The command context.
 * @throws {CliError} `subresource cannot be used when bulk resources are specified`.
 */
export function checkNotBulk(ctx: CommandContext): void {
  if (ctx.strings("filename").length > 0 || ctx.args.some((a) => a.includes("/"))) return;
  // A type and names with a selector fail with `name cannot be provided ...` first.
  if (ctx.args.length === 1) {
    throw new CliError("subresource cannot be used when bulk resources are specified");
  }
}

/**
 * Reads a target's subresource: `status` is the object itself (for kinds that have one),
 * `scale` the `autoscaling/v1` `Scale`; anything else is the API server's 404.
 *
 * @param ctx The command context.
 * @param target A named target (lists are rejected by {@linkcode checkNotBulk}).
 * @param subresource `status`, `scale`, or what the user typed.
 * @returns The object.
 */
export async function fetchSubresource(
  ctx: CommandContext,
  target: ResourceTarget,
  subresource: string,
): Promise<KubeObject[]> {
  const rt = await ctx.runtime();
  const t = target.type;
  if (target.kind !== "name") return await fetchTarget(rt, target);
  const key = target.namespace
    ? { namespace: target.namespace, name: target.name }
    : { name: target.name };
  const type = { apiVersion: apiVersionOf(t), kind: t.kind };
  if (subresource === "scale") return [await rt.client.scale().get(type, key)];
  // Through the status subresource: RBAC checks `<resource>/status`, as for kubectl's GET.
  if (subresource === "status" && t.subresources.status) {
    return [await rt.client.status().get(type, key)];
  }
  // The API server has no such path.
  const { StatusError } = await import("@k1s/core");
  throw new StatusError({
    reason: "NotFound",
    code: 404,
    message: "the server could not find the requested resource",
  });
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `explain TYPE[.field...]`: a kind's documentation from its schema (built-in kinds, the
 * tool's kinds and stored CRDs), in kubectl's plaintext format.
 *
 * @module
 */
import type { JSONSchemaProps, ResourceType } from "@k1s/core";
import type { CommandContext } from "../_cli/command.ts";
import { CliError } from "../_cli/errors.ts";
import { loadStoredKinds, resolveResource } from "../_cli/resources.ts";
import { ExplainFieldError, type NamedType, renderExplain } from "../_internal/explain/explain.ts";

const OBJECT_META_DESCRIPTION =
  "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.";

/**
 * Runs `explain`.
 *
 * @param ctx The command context.
 * @returns The exit code.
 */
export async function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length === 0) {
    throw new CliError(
      `You must specify the type of resource to explain. Use "${ctx.name} api-resources" for a complete list of supported resources.`,
    );
  }
  if (ctx.args.length > 1) throw new CliError("We accept only this format: explain RESOURCE");
  const output = ctx.string("output");
  if (output !== "plaintext") {
    throw new CliError(`unsupported output format: ${output}`);
  }
  const [resource, ...fieldPath] = ctx.args[0].split(".");
  const rt = await ctx.runtime();
  let types = await resolveResource(rt, resource);
  const apiVersion = ctx.string("api-version");
  if (apiVersion) {
    await loadStoredKinds(rt);
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    types = rt.registry.all().filter((t) =>
      t.group === group && t.version === version && types.some((x) => x.kind === t.kind)
    );
    if (types.length === 0) {
      throw new CliError(
        `couldn't find resource for "${apiVersion}, Resource=${resource}"`,
      );
    }
  }
  const type = types[0];
  if (!type) throw new CliError(`the server doesn't have a resource type "${resource}"`);
  const schema = type.schema ?? { type: "object" };
  try {
    ctx.stdout.write(renderExplain(schema, {
      group: type.group,
      version: type.version,
      kind: type.kind,
      fieldPath,
      recursive: ctx.bool("recursive"),
      namedTypes: namedTypes(type, schema),
    }));
  } catch (e) {
    if (e instanceof ExplainFieldError) {
      throw new CliError(e.message, { stdout: e.output, cause: e });
    }
    throw e;
  }
  return 0;
}

// Schemas carry no OpenAPI `$ref` names; kubectl shows `<ObjectMeta>` for metadata, so name
// the node that has ObjectMeta's fields.
function namedTypes(_type: ResourceType, schema: JSONSchemaProps): Map<JSONSchemaProps, NamedType> {
  const named = new Map<JSONSchemaProps, NamedType>();
  const meta = schema.properties?.metadata;
  if (meta?.properties?.creationTimestamp && meta.properties.generateName) {
    named.set(meta, { name: "ObjectMeta", description: OBJECT_META_DESCRIPTION });
  }
  return named;
}

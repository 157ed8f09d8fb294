// Copyright 2026 the k1s authors. Apache-2.0 license.
// Objects every store holds from the start, as an API server creates them when it boots (the
// `default` Namespace). A runtime writes them before its first write; until a store has been
// written, reads serve them as they will be stored, so that a new store already looks like a
// new cluster to `get` and `list`.
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import type { ServerContext } from "./context.ts";
import { collectionPrefix, objectKey } from "./_keys.ts";
import { cloneJson } from "../object/clone.ts";

/** The implicit object of `type` named `name` (in `namespace`), if the store lacks it. */
export async function implicitObject(
  ctx: ServerContext,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
): Promise<KubeObject | undefined> {
  const found = ctx.implicitObjects?.(type).find((o) =>
    o.metadata.name === name && o.metadata.namespace === namespace
  );
  if (!found) return undefined;
  if (await ctx.storage.get(objectKey(ctx.keyPrefix, type, namespace, name))) return undefined;
  return cloneJson(found);
}

/**
 * Adds to one page of a list the implicit objects that belong on it: missing from the store,
 * selected by `pred`, and within the page's key range (from `start` up to the next page's first
 * key). `items` is in key order and stays so.
 */
export async function addImplicitObjects(
  ctx: ServerContext,
  type: ResourceType,
  options: {
    namespace: string | undefined;
    start: string | undefined;
    next: string | undefined;
    pred: ((obj: KubeObject) => boolean) | undefined;
  },
  items: KubeObject[],
): Promise<void> {
  const implicit = ctx.implicitObjects?.(type);
  if (!implicit?.length) return;
  const prefix = collectionPrefix(ctx.keyPrefix, type, options.namespace);
  for (const o of implicit) {
    const ns = o.metadata.namespace;
    if (options.namespace && ns !== options.namespace) continue;
    const key = objectKey(ctx.keyPrefix, type, ns, o.metadata.name!);
    if (!key.startsWith(prefix)) continue;
    if (options.start && key < options.start) continue;
    if (options.next && key >= options.next) continue;
    if (options.pred && !options.pred(o)) continue;
    if (await ctx.storage.get(key)) continue;
    const at = items.findIndex((i) =>
      objectKey(ctx.keyPrefix, type, i.metadata.namespace, i.metadata.name!) > key
    );
    items.splice(at < 0 ? items.length : at, 0, cloneJson(o));
  }
}

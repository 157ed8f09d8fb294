// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The client implementation: resolves kinds through the registry and calls the in-process API
 * server as one identity.
 *
 * @module
 */
import type { KubeList, KubeObject, ObjectKey, TypedObject, TypeMeta } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import type { RequestContext, ServerContext, UserInfo } from "../apiserver/context.ts";
import type {
  ApplyOptions,
  Client,
  CreateOptions,
  DeleteAllOfOptions,
  DeleteOptions,
  GetOptions,
  ListOptions,
  PatchOptions,
  ScaleAccessor,
  StatusWriter,
  UpdateOptions,
  WatchOptions,
} from "./types.ts";
import type { WatchStream } from "../apiserver/watch.ts";
import { getObject, type GetObjectOptions } from "../apiserver/get.ts";
import { listObjects } from "../apiserver/list.ts";
import { getScale } from "../apiserver/scale.ts";
import { newBadRequest } from "../errors/status_error.ts";

type WriteVerbs = typeof import("../apiserver/_write_verbs.ts");

// The write verbs and what they need (admission, validation, schemas, managed fields) are
// loaded with the first write, so a process that only reads never loads them.
let writeVerbs: WriteVerbs | undefined;

async function loadWriteVerbs(): Promise<WriteVerbs> {
  return writeVerbs ??= await import("../apiserver/_write_verbs.ts");
}

// client-go refuses a request for a named object that has no name before sending it
// (`Request.Name("")`); controller-runtime and kubectl report that error as it is.
function checkName(name: string | undefined): void {
  if (!name) throw new Error("resource name may not be empty");
}

/** What a {@linkcode K1sClient} needs from its runtime. */
export interface ClientEnv {
  /** The shared server context. */
  ctx: ServerContext;
  /** The identity requests are made as. */
  user: UserInfo;
  /** The namespace used when a namespaced request names none. */
  namespace: string;
  /** Finds the resource type of an apiVersion/kind (may load custom kinds). */
  resolve(type: TypeMeta): ResourceType | Promise<ResourceType>;
  /** Runs before the first write (creates the `default` namespace in a new store). */
  beforeWrite(): Promise<void> | undefined;
}

/** Replaces the contents of `target` with those of `source` (controller-runtime's refill). */
function refill<T extends TypedObject>(target: T, source: KubeObject): T & KubeObject {
  if ((target as unknown) === source) return target as T & KubeObject;
  const t = target as unknown as Record<string, unknown>;
  // `delete` only what the result lacks: deleting turns V8 objects into slow dictionaries.
  for (const k in t) if (!(k in source)) delete t[k];
  Object.assign(target, source);
  return target as T & KubeObject;
}

function checkTypeMeta(obj: KubeObject): void {
  if (!obj || typeof obj !== "object") throw newBadRequest("the object is not a Kubernetes object");
  if (!obj.apiVersion || !obj.kind) {
    throw newBadRequest("Object 'Kind' is missing in '" + JSON.stringify(obj) + "'");
  }
}

/**
 * The k1s client. Obtain one from a runtime (`rt.client`, `rt.clientFor(user)`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { createRuntime } from "@k1s/core";
 * await using rt = await createRuntime({ store: "memory:" });
 * const cm = await rt.client.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "default" } });
 * assertEquals(cm.metadata.name, "a");
 * ```
 */
export class K1sClient implements Client {
  #env: ClientEnv;

  /** @param env The runtime environment. */
  constructor(env: ClientEnv) {
    this.#env = env;
  }

  #req(options?: { dryRun?: boolean; fieldManager?: string }): RequestContext {
    const req: RequestContext = { user: this.#env.user };
    if (options?.dryRun) req.dryRun = true;
    if (options?.fieldManager) req.fieldManager = options.fieldManager;
    return req;
  }

  async #resolve(type: TypeMeta): Promise<ResourceType> {
    return this.#warnDeprecated(await this.#env.resolve(type));
  }

  // The API server warns on every request to a deprecated version (apiextensions' handler),
  // reads included.
  #warnDeprecated(t: ResourceType): ResourceType {
    if (t.deprecationWarning) this.#env.ctx.warn(t.deprecationWarning);
    return t;
  }

  #ns(type: ResourceType, namespace: string | undefined): string | undefined {
    if (!type.namespaced) return undefined;
    return namespace || this.#env.namespace;
  }

  async get<T extends TypedObject = KubeObject>(
    type: TypeMeta,
    key: ObjectKey,
    options: GetOptions = {},
  ): Promise<T> {
    return await this.#get(type, key, {
      ...(options.resourceVersion ? { resourceVersion: options.resourceVersion } : {}),
    }) as unknown as T;
  }

  async #get(type: TypeMeta, key: ObjectKey, options: GetObjectOptions): Promise<KubeObject> {
    checkName(key.name);
    const t = await this.#resolve(type);
    return await getObject(this.#env.ctx, this.#req(), t, {
      namespace: this.#ns(t, key.namespace),
      name: key.name,
    }, options);
  }

  async list<T extends TypedObject = KubeObject>(
    type: TypeMeta,
    options: ListOptions = {},
  ): Promise<KubeList<T>> {
    const t = await this.#resolve(type);
    return await listObjects(this.#env.ctx, this.#req(), t, options) as unknown as KubeList<T>;
  }

  async create<T extends TypedObject>(
    obj: T,
    options: CreateOptions = {},
  ): Promise<T & KubeObject> {
    checkTypeMeta(obj as unknown as KubeObject);
    const r = this.#env.resolve(obj);
    const t = this.#warnDeprecated("then" in r ? await r : r);
    const boot = this.#env.beforeWrite();
    if (boot) await boot;
    const { createObject } = writeVerbs ?? await loadWriteVerbs();
    const created = await createObject(
      this.#env.ctx,
      this.#req(options),
      t,
      obj as unknown as KubeObject,
      {
        namespace: this.#ns(t, obj.metadata?.namespace),
        ...(options.fieldValidation ? { fieldValidation: options.fieldValidation } : {}),
      },
    );
    return refill(obj, created);
  }

  async update<T extends TypedObject>(
    obj: T,
    options: UpdateOptions = {},
  ): Promise<T & KubeObject> {
    checkTypeMeta(obj as unknown as KubeObject);
    checkName(obj.metadata?.name);
    const t = await this.#resolve(obj);
    await this.#env.beforeWrite();
    const { updateObject } = writeVerbs ?? await loadWriteVerbs();
    const updated = await updateObject(
      this.#env.ctx,
      this.#req(options),
      t,
      obj as unknown as KubeObject,
      {
        namespace: this.#ns(t, obj.metadata?.namespace),
        ...(options.fieldValidation ? { fieldValidation: options.fieldValidation } : {}),
      },
    );
    return refill(obj, updated);
  }

  async patch<T extends TypedObject = KubeObject>(
    type: TypeMeta,
    key: ObjectKey,
    patch: unknown,
    options: PatchOptions,
  ): Promise<T> {
    return await this.#patch(type, key, patch, options, undefined) as unknown as T;
  }

  async #patch(
    type: TypeMeta,
    key: ObjectKey,
    patch: unknown,
    options: PatchOptions,
    subresource: "status" | undefined,
  ): Promise<KubeObject> {
    checkName(key.name);
    const t = await this.#resolve(type);
    await this.#env.beforeWrite();
    const { patchObject } = writeVerbs ?? await loadWriteVerbs();
    return await patchObject(
      this.#env.ctx,
      this.#req(options),
      t,
      { namespace: this.#ns(t, key.namespace), name: key.name },
      options.type,
      patch,
      {
        ...(subresource ? { subresource } : {}),
        ...(options.force ? { force: true } : {}),
        ...(options.fieldValidation ? { fieldValidation: options.fieldValidation } : {}),
      },
    );
  }

  async apply<T extends TypedObject>(obj: T, options: ApplyOptions): Promise<T & KubeObject> {
    checkTypeMeta(obj as unknown as KubeObject);
    const applied = await this.patch<T>(
      obj,
      { namespace: obj.metadata?.namespace, name: obj.metadata?.name ?? "" },
      obj,
      { ...options, type: "apply" },
    );
    return refill(obj, applied as unknown as KubeObject);
  }

  async delete(
    type: TypeMeta | KubeObject,
    key?: ObjectKey,
    options: DeleteOptions = {},
  ): Promise<KubeObject> {
    const k: ObjectKey = key ?? {
      name: (type as KubeObject).metadata?.name ?? "",
      ...((type as KubeObject).metadata?.namespace
        ? { namespace: (type as KubeObject).metadata.namespace }
        : {}),
    };
    checkName(k.name);
    const t = await this.#resolve(type);
    await this.#env.beforeWrite();
    const { deleteObject } = writeVerbs ?? await loadWriteVerbs();
    return await deleteObject(
      this.#env.ctx,
      this.#req(options),
      t,
      { namespace: this.#ns(t, k.namespace), name: k.name },
      {
        ...(options.propagationPolicy ? { propagationPolicy: options.propagationPolicy } : {}),
        ...(options.preconditions ? { preconditions: options.preconditions } : {}),
      },
    );
  }

  async deleteAllOf(type: TypeMeta, options: DeleteAllOfOptions = {}): Promise<KubeObject[]> {
    const t = await this.#resolve(type);
    await this.#env.beforeWrite();
    const { deleteCollection } = writeVerbs ?? await loadWriteVerbs();
    const { namespace, dryRun: _d, ...rest } = options;
    const ns = t.namespaced ? namespace : undefined;
    return await deleteCollection(this.#env.ctx, this.#req(options), t, {
      ...rest,
      ...(ns ? { namespace: ns } : {}),
    });
  }

  status(): StatusWriter {
    return {
      get: async <T extends TypedObject = KubeObject>(
        type: TypeMeta,
        key: ObjectKey,
      ): Promise<T> => await this.#get(type, key, { subresource: "status" }) as unknown as T,
      update: async <T extends TypedObject>(
        obj: T,
        options: UpdateOptions = {},
      ): Promise<T & KubeObject> => {
        checkTypeMeta(obj as unknown as KubeObject);
        checkName(obj.metadata?.name);
        const t = await this.#resolve(obj);
        await this.#env.beforeWrite();
        const { updateObject } = writeVerbs ?? await loadWriteVerbs();
        const updated = await updateObject(
          this.#env.ctx,
          this.#req(options),
          t,
          obj as unknown as KubeObject,
          {
            namespace: this.#ns(t, obj.metadata?.namespace),
            subresource: "status",
          },
        );
        return refill(obj, updated);
      },
      patch: async <T extends TypedObject = KubeObject>(
        type: TypeMeta,
        key: ObjectKey,
        patch: unknown,
        options: PatchOptions,
      ): Promise<T> => await this.#patch(type, key, patch, options, "status") as unknown as T,
    };
  }

  scale(): ScaleAccessor {
    const key = (t: ResourceType, k: ObjectKey) => {
      checkName(k.name);
      return { namespace: this.#ns(t, k.namespace), name: k.name };
    };
    return {
      get: async (type, k) => {
        const t = await this.#resolve(type);
        return await getScale(this.#env.ctx, this.#req(), t, key(t, k));
      },
      update: async (type, k, scale, options = {}) => {
        const t = await this.#resolve(type);
        await this.#env.beforeWrite();
        const { updateScale } = writeVerbs ?? await loadWriteVerbs();
        return await updateScale(this.#env.ctx, this.#req(options), t, key(t, k), scale);
      },
      patch: async (type, k, patch, options) => {
        const t = await this.#resolve(type);
        await this.#env.beforeWrite();
        const { patchScale } = writeVerbs ?? await loadWriteVerbs();
        return await patchScale(
          this.#env.ctx,
          this.#req(options),
          t,
          key(t, k),
          options.type,
          patch,
        );
      },
    };
  }

  watch<T extends TypedObject = KubeObject>(
    type: TypeMeta,
    options: WatchOptions = {},
  ): WatchStream<T> {
    const env = this.#env;
    let inner: WatchStream<T> | undefined;
    let stopped = false;
    const req = this.#req();
    const nsOf = (t: ResourceType) => this.#ns(t, options.namespace);
    const warnDeprecated = (t: ResourceType) => this.#warnDeprecated(t);
    async function* gen(): AsyncGenerator<import("../apiserver/watch.ts").WatchEvent<T>> {
      const t = warnDeprecated(await env.resolve(type));
      const ns = nsOf(t);
      const { watchObjects } = await import("../apiserver/watch.ts");
      inner = watchObjects<T>(env.ctx, req, t, {
        ...options,
        ...(t.namespaced && options.namespace ? { namespace: ns } : { namespace: undefined }),
      });
      if (stopped) inner.stop();
      yield* inner;
    }
    const it = gen();
    return {
      stop() {
        stopped = true;
        inner?.stop();
      },
      [Symbol.asyncIterator]() {
        return it;
      },
    };
  }
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * A client on a fresh in-memory store, seeded with objects, with per-verb interceptors for
 * injecting errors (controller-runtime's `fake.NewClientBuilder().WithObjects().WithInterceptorFuncs()`).
 *
 * @module
 */
import type {
  KubeList,
  KubeObject,
  ObjectKey,
  TypedObject,
  TypeMeta,
} from "../core/object/types.ts";
import type {
  ApplyOptions,
  Client,
  CreateOptions,
  DeleteAllOfOptions,
  DeleteOptions,
  GetOptions,
  ListOptions,
  PatchOptions,
  StatusWriter,
  UpdateOptions,
  WatchOptions,
} from "../core/client/types.ts";
import type { WatchStream } from "../core/apiserver/watch.ts";
import type { ResourceType } from "../core/registry/types.ts";
import { createRuntimeWith, type Runtime, type RuntimeOptions } from "../core/runtime/runtime.ts";
import { createMemoryStorage } from "../storage/memory/mod.ts";
import { StatusError } from "../core/errors/status_error.ts";
import { jsonEqual } from "../core/apiserver/_common.ts";

/**
 * Per-verb interceptors. Each receives the real client and the call's arguments; return what
 * the verb should return, or throw to inject an error. Unset verbs go straight to the client.
 */
export interface Interceptors {
  /** Intercepts `get`. */
  get?(client: Client, type: TypeMeta, key: ObjectKey, options?: GetOptions): Promise<KubeObject>;
  /** Intercepts `list`. */
  list?(client: Client, type: TypeMeta, options?: ListOptions): Promise<KubeList>;
  /** Intercepts `create`. */
  create?(client: Client, obj: KubeObject, options?: CreateOptions): Promise<KubeObject>;
  /** Intercepts `update`. */
  update?(client: Client, obj: KubeObject, options?: UpdateOptions): Promise<KubeObject>;
  /** Intercepts `patch` (and `apply`). */
  patch?(
    client: Client,
    type: TypeMeta,
    key: ObjectKey,
    patch: unknown,
    options: PatchOptions,
  ): Promise<KubeObject>;
  /** Intercepts `delete`. */
  delete?(
    client: Client,
    type: TypeMeta | KubeObject,
    key?: ObjectKey,
    options?: DeleteOptions,
  ): Promise<KubeObject>;
  /** Intercepts `deleteAllOf`. */
  deleteAllOf?(client: Client, type: TypeMeta, options?: DeleteAllOfOptions): Promise<KubeObject[]>;
  /** Intercepts `status().update`. */
  statusUpdate?(client: Client, obj: KubeObject, options?: UpdateOptions): Promise<KubeObject>;
  /** Intercepts `status().patch`. */
  statusPatch?(
    client: Client,
    type: TypeMeta,
    key: ObjectKey,
    patch: unknown,
    options: PatchOptions,
  ): Promise<KubeObject>;
  /** Intercepts `watch`. */
  watch?(client: Client, type: TypeMeta, options?: WatchOptions): WatchStream;
}

/** Options of {@linkcode createFakeClient}. */
export interface FakeClientOptions extends Omit<RuntimeOptions, "store" | "openStorage"> {
  /** Objects the store starts with; their namespaces are created when missing. */
  objects?: KubeObject[];
  /** Per-verb interceptors. */
  interceptors?: Interceptors;
  /** Extra kinds to serve. */
  resources?: ResourceType[];
}

/** A fake client: a real {@linkcode Client} on a fresh memory store. Close it when done. */
export interface FakeClient extends Client, AsyncDisposable {
  /** The runtime behind the client. */
  readonly runtime: Runtime;
  /** Closes the store. */
  close(): Promise<void>;
}

/**
 * Builds a fake client. Unlike controller-runtime's fake, it enforces the full semantics
 * (validation, namespaces, resourceVersions, finalizers, generation), because it is the real
 * client on the memory backend. Limits: no controllers run unless the test starts them, and
 * the store lives only as long as the client.
 *
 * @param options Seed objects, interceptors and runtime settings.
 * @returns The client.
 *
 * @example Inject a conflict
 * ```ts
 * import { assertRejects } from "@std/assert";
 * import { isConflict, newConflict } from "@k1s/core";
 * import { createFakeClient } from "@k1s/core/testing";
 * await using c = await createFakeClient({
 *   objects: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "default" } }],
 *   interceptors: { update: () => Promise.reject(newConflict({ group: "", resource: "configmaps" }, "a")) },
 * });
 * const cm = await c.get({ apiVersion: "v1", kind: "ConfigMap" }, { namespace: "default", name: "a" });
 * await assertRejects(() => c.update(cm), Error, "Operation cannot be fulfilled");
 * ```
 */
export async function createFakeClient(options: FakeClientOptions = {}): Promise<FakeClient> {
  const { objects = [], interceptors = {}, ...rest } = options;
  const runtime = await createRuntimeWith({ ...rest, store: createMemoryStorage() });
  const real = runtime.client;
  const namespaces = new Set<string>(["default"]);
  for (const o of objects) {
    if (o.kind === "Namespace" && o.metadata?.name) namespaces.add(o.metadata.name);
  }
  for (const o of objects) {
    const ns = o.metadata?.namespace;
    if (ns && !namespaces.has(ns)) {
      namespaces.add(ns);
      await real.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
    }
  }
  for (const o of objects) {
    // Seeds are stored as given, as controller-runtime's fake stores them: a resourceVersion
    // copied from a real object is dropped rather than refused, and a status survives the
    // status subresource that a create would otherwise reset.
    const seed = structuredClone(o);
    if (seed.metadata) delete seed.metadata.resourceVersion;
    let created: KubeObject;
    try {
      created = await real.create(seed);
    } catch (e) {
      if (
        e instanceof StatusError && e.status.reason === "AlreadyExists" && o.kind === "Namespace"
      ) continue;
      throw e;
    }
    if (
      o.status !== undefined && !jsonEqual(created.status, o.status) &&
      (await runtime.resolveType(o)).subresources.status
    ) {
      await real.status().update({ ...created, status: structuredClone(o.status) });
    }
  }
  const i = interceptors;
  const status: StatusWriter = {
    get: <T extends TypedObject = KubeObject>(type: TypeMeta, key: ObjectKey) =>
      real.status().get<T>(type, key),
    update: <T extends TypedObject>(obj: T, opts?: UpdateOptions) =>
      (i.statusUpdate
        ? i.statusUpdate(real, obj as unknown as KubeObject, opts)
        : real.status().update(obj, opts)) as unknown as Promise<T & KubeObject>,
    patch: <T extends TypedObject = KubeObject>(
      type: TypeMeta,
      key: ObjectKey,
      patch: unknown,
      opts: PatchOptions,
    ) =>
      (i.statusPatch
        ? i.statusPatch(real, type, key, patch, opts)
        : real.status().patch(type, key, patch, opts)) as unknown as Promise<T>,
  };
  const client: FakeClient = {
    runtime,
    get: <T extends TypedObject = KubeObject>(type: TypeMeta, key: ObjectKey, opts?: GetOptions) =>
      (i.get ? i.get(real, type, key, opts) : real.get(type, key, opts)) as unknown as Promise<T>,
    list: <T extends TypedObject = KubeObject>(type: TypeMeta, opts?: ListOptions) =>
      (i.list ? i.list(real, type, opts) : real.list(type, opts)) as unknown as Promise<
        KubeList<T>
      >,
    create: <T extends TypedObject>(obj: T, opts?: CreateOptions) =>
      (i.create
        ? i.create(real, obj as unknown as KubeObject, opts)
        : real.create(obj, opts)) as unknown as Promise<T & KubeObject>,
    update: <T extends TypedObject>(obj: T, opts?: UpdateOptions) =>
      (i.update
        ? i.update(real, obj as unknown as KubeObject, opts)
        : real.update(obj, opts)) as unknown as Promise<T & KubeObject>,
    patch: <T extends TypedObject = KubeObject>(
      type: TypeMeta,
      key: ObjectKey,
      patch: unknown,
      opts: PatchOptions,
    ) =>
      (i.patch
        ? i.patch(real, type, key, patch, opts)
        : real.patch(type, key, patch, opts)) as unknown as Promise<T>,
    apply: <T extends TypedObject>(obj: T, opts: ApplyOptions) =>
      (i.patch
        ? i.patch(
          real,
          obj,
          { namespace: obj.metadata?.namespace, name: obj.metadata?.name ?? "" },
          obj,
          {
            ...opts,
            type: "apply",
          },
        )
        : real.apply(obj, opts)) as unknown as Promise<T & KubeObject>,
    delete: (type: TypeMeta | KubeObject, key?: ObjectKey, opts?: DeleteOptions) =>
      i.delete ? i.delete(real, type, key, opts) : real.delete(type, key, opts),
    deleteAllOf: (type: TypeMeta, opts?: DeleteAllOfOptions) =>
      i.deleteAllOf ? i.deleteAllOf(real, type, opts) : real.deleteAllOf(type, opts),
    status: () => status,
    scale: () => real.scale(),
    watch: <T extends TypedObject = KubeObject>(type: TypeMeta, opts?: WatchOptions) =>
      (i.watch ? i.watch(real, type, opts) : real.watch(type, opts)) as WatchStream<T>,
    close: () => runtime.close(),
    [Symbol.asyncDispose]: () => runtime.close(),
  };
  return client;
}

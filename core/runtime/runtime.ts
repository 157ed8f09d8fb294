// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The runtime: one store, the registry of kinds, the in-process API server and clients.
 *
 * @module
 */
import type { TypeMeta } from "../object/types.ts";
import type { Storage } from "../storage/types.ts";
import type { ResourceType } from "../registry/types.ts";
import { Registry } from "../registry/registry.ts";
import type {
  AdmissionPlugin,
  Authorizer,
  SchemaHandler,
  ServerContext,
  UserInfo,
  WriteEvent,
} from "../apiserver/context.ts";
import type { Client } from "../client/types.ts";
import { K1sClient } from "../client/client.ts";
import { StatusError } from "../errors/status_error.ts";
import { builtinResourceTypes } from "../builtins/mod.ts";
import { createSummarizer } from "../storage/summary.ts";
import type { ControllerManager, EventRecorder } from "../controller/types.ts";
import type { AuditEvent } from "../rbac/types.ts";
import { isOwner } from "../rbac/_identity.ts";
import { createCrdKind } from "../crd/_crd_kind.ts";
import { systemNow } from "../apiserver/_time.ts";
import { DeferredControllers, type DeferredHost, DeferredRecorder } from "./_deferred.ts";
import { createBootstrapObjects, implicitObjectsOf } from "./_bootstrap.ts";

type Machinery = typeof import("./_machinery.ts");

/** The identity of whoever can open the store file: full rights, no RBAC. */
export const STORE_OWNER: UserInfo = {
  username: "k1s:store-owner",
  groups: ["system:masters", "system:authenticated"],
};

/** Options of {@linkcode createRuntime}. */
export interface RuntimeOptions {
  /**
   * The store: `memory:`, a file path or `sqlite:///abs/path` (persistent, the default
   * `~/.k1s/k1s.db`), `etcd://host:port[/prefix]`; or a {@linkcode Storage} you opened.
   */
  store?: string | Storage;
  /** Opens a store URL; supplied by `@k1s/core`'s `createRuntime`, which loads backends lazily. */
  openStorage?: (
    url: string,
    options?: { onWarning?: (message: string) => void },
  ) => Promise<Storage>;
  /** The identity `rt.client` acts as (impersonation). @default {STORE_OWNER} */
  user?: UserInfo;
  /** A ServiceAccount token: `rt.client` acts as that ServiceAccount, checked by RBAC. */
  token?: string;
  /** Checks every request of non-owner identities. @default {RBAC} */
  authorizer?: Authorizer;
  /** Audit log: a JSON-lines file path, or a function receiving each event. */
  auditLog?: string | ((event: AuditEvent) => void);
  /** Keeps this runtime's objects under `/tenants/<tenant>/registry`; must be a DNS-1123 label. */
  tenant?: string;
  /** Namespace for namespaced requests that name none. @default {"default"} */
  namespace?: string;
  /** Field manager of writes that name none. @default {"k1s"} */
  fieldManager?: string;
  /** The clock. @default {() => new Date()} */
  now?: () => Date;
  /** Extra kinds to serve. */
  resources?: ResourceType[];
  /** Admission plugins (mutating and validating), in order. */
  admission?: AdmissionPlugin[];
  /** Receives API warnings (`Warning: ...`). @default {ignore} */
  onWarning?: (message: string) => void;
}

/** A running k1s runtime. */
export interface Runtime extends AsyncDisposable {
  /** The client acting as the runtime's user. */
  readonly client: Client;
  /** The identity `client` acts as. */
  readonly user: UserInfo;
  /** The controllers of this runtime (built-ins and yours) and their triggered execution. */
  readonly controllers: ControllerManager;
  /** An event recorder for a component (e.g. `my-controller`). */
  recorder(component: string): EventRecorder;
  /** The kinds served. */
  readonly registry: Registry;
  /** The store. */
  readonly storage: Storage;
  /** The shared server context (for runtime extensions: controllers, RBAC). */
  readonly server: ServerContext;
  /** A client acting as another identity, checked by the authorizer. */
  clientFor(user: UserInfo): Client;
  /** Runs `fn` with a client whose writes commit together (one flush), or not at all. */
  transaction<T>(fn: (client: Client) => Promise<T>): Promise<T>;
  /** Adds an admission plugin. */
  addAdmission(plugin: AdmissionPlugin): void;
  /** Calls `listener` after every committed write of this process; returns an unsubscribe function. */
  onWrite(listener: (ev: WriteEvent) => void): () => void;
  /** Adds a loader consulted when a kind is unknown (e.g. reading CustomResourceDefinitions). */
  addKindLoader(loader: (rt: Runtime) => Promise<void>): void;
  /** Supplies schema handling (validation, defaulting, pruning) per kind. */
  setSchemaProvider(provider: (type: ResourceType) => SchemaHandler | undefined): void;
  /** Finds the type of an apiVersion/kind, consulting kind loaders; 404 when unknown. */
  resolveType(type: TypeMeta): Promise<ResourceType>;
  /** Runs `fn` when the runtime closes (after events are flushed, before the store closes). */
  onClose(fn: () => void | Promise<void>): void;
  /** Flushes events, runs close hooks and closes the store. */
  close(): Promise<void>;
}

const TENANT_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Creates a runtime on a store. `@k1s/core` exports a `createRuntime` that supplies
 * `openStorage` for every store URL scheme.
 *
 * @param options The store and runtime settings.
 * @returns The runtime.
 */
export async function createRuntimeWith(options: RuntimeOptions): Promise<Runtime> {
  let storage: Storage;
  if (typeof options.store === "object" && options.store) {
    storage = options.store;
  } else {
    if (!options.openStorage) {
      throw new TypeError("Cannot open a store URL: no openStorage function given");
    }
    storage = await options.openStorage(
      options.store ?? "",
      options.onWarning ? { onWarning: options.onWarning } : {},
    );
  }
  if (
    options.tenant !== undefined && (!TENANT_RE.test(options.tenant) || options.tenant.length > 63)
  ) {
    await storage.close();
    throw new TypeError(
      `Cannot use tenant ${JSON.stringify(options.tenant)}: it must be a DNS-1123 label`,
    );
  }
  const rt = new K1sRuntime(storage, options);
  // An identity other than the store owner's, or an audit log, needs RBAC now: tokens are
  // checked and impersonation is resolved before the runtime is returned. Otherwise the
  // machinery (controllers, custom kinds, RBAC, the write path) loads when first needed.
  if (options.user || options.token || options.auditLog) {
    try {
      await rt.install();
    } catch (e) {
      await storage.close();
      throw e;
    }
  }
  return rt;
}

class K1sRuntime implements Runtime {
  readonly registry: Registry = new Registry();
  readonly storage: Storage;
  readonly server: ServerContext;
  client: Client;
  user: UserInfo = STORE_OWNER;
  #authorizer: Authorizer | undefined;
  #recorders = new Map<string, EventRecorder>();
  #onClose: Array<() => void | Promise<void>> = [];
  #options: RuntimeOptions;
  #kindLoaders: Array<(rt: Runtime) => Promise<void>> = [];
  #loading: Promise<void> | undefined;
  #loadedAt = -1;
  #bootstrapped: Promise<void> | undefined;
  #booted = false;
  #closed = false;
  /** The write machinery, once loaded (see {@linkcode K1sRuntime.install}). */
  #machinery: Machinery | undefined;
  #installing: Promise<void> | undefined;
  #manager: ControllerManager | undefined;
  #deferred: DeferredControllers;
  #host: DeferredHost;

  constructor(storage: Storage, options: RuntimeOptions) {
    this.storage = storage;
    this.#options = options;
    const builtins = builtinResourceTypes();
    for (const t of builtins) this.registry.add(t);
    storage.setSummarizer?.(createSummarizer(builtins));
    // The CRD kind is served from the start; the custom-resource machinery attaches to it.
    this.registry.add(createCrdKind());
    for (const t of options.resources ?? []) this.registry.add(t);
    const warn = options.onWarning ?? (() => {});
    this.server = {
      storage,
      registry: this.registry,
      keyPrefix: options.tenant ? `/tenants/${options.tenant}/registry` : "/registry",
      now: options.now ?? systemNow,
      admission: [...(options.admission ?? [])],
      listeners: [],
      warn,
      defaultFieldManager: options.fieldManager ?? "k1s",
      // Once this runtime has made sure the store holds them, reads need not look for them.
      implicitObjects: (type) => this.#booted ? [] : implicitObjectsOf(type),
    };
    this.#host = {
      install: () => this.install(),
      manager: () => this.#manager,
      now: () => this.server.now(),
    };
    this.#deferred = new DeferredControllers(this.#host);
    this.client = this.#makeClient(STORE_OWNER, this.server);
  }

  get controllers(): ControllerManager {
    return this.#manager ?? this.#deferred;
  }

  /**
   * Loads and installs the write machinery, once: the controller manager, custom-resource
   * support, RBAC (and the identity of `user`/`token`). A runtime does this before its first
   * write, its first unknown kind or custom kind, its first check of a non-owner request, and
   * when its controllers run; until then it has loaded only what reads of built-in kinds need.
   */
  install(): Promise<void> {
    return this.#installing ??= this.#install().catch((e) => {
      this.#installing = undefined;
      throw e;
    });
  }

  async #install(): Promise<void> {
    const m = await import("./_machinery.ts");
    // What was registered before keeps its place after the machinery's own, as when the
    // machinery is installed with the runtime: write listeners, kind loaders, schema provider,
    // controllers.
    const listeners = this.server.listeners.splice(0);
    const loaders = this.#kindLoaders.splice(0);
    const provider = this.server.schemaFor;
    try {
      if (!this.#manager) {
        const manager = m.createControllerManager(this);
        this.#manager = manager;
        this.#deferred.adoptBuiltins(manager, () => m.installCustomResourceSupport(this));
      } else {
        m.installCustomResourceSupport(this);
      }
      const audit = this.#options.auditLog
        ? m.createAuditLogger(this.#options.auditLog)
        : undefined;
      if (audit) this.onClose(() => audit.close());
      const identity = await m.installRbac(this, {
        ...(this.#options.user ? { user: this.#options.user } : {}),
        ...(this.#options.token ? { token: this.#options.token } : {}),
        ...(audit ? { audit } : {}),
      });
      const authorizer = this.#options.authorizer ?? identity.authorizer;
      if (identity.user) this.setIdentity(identity.user, authorizer);
      else this.#authorizer = authorizer;
    } finally {
      this.server.listeners.push(...listeners);
      this.#kindLoaders.push(...loaders);
      this.#loadedAt = -1;
      if (provider) this.server.schemaFor = provider;
      if (this.#manager) this.#deferred.adoptRest(this.#manager);
    }
    this.#machinery = m;
    for (const [component, r] of this.#recorders) {
      if (r instanceof DeferredRecorder) r.adopt(m.createEventRecorder(this, component));
    }
  }

  /** Sets the identity of `client` and the authorizer of non-owner identities. */
  setIdentity(user: UserInfo, authorizer: Authorizer | undefined): void {
    this.user = user;
    this.#authorizer = authorizer;
    this.client = this.#makeClient(user, this.server);
  }

  /** Runs `fn` when the runtime closes (after events are flushed, before the store closes). */
  onClose(fn: () => void | Promise<void>): void {
    this.#onClose.push(fn);
  }

  recorder(component: string): EventRecorder {
    let r = this.#recorders.get(component);
    if (!r) {
      r = this.#machinery
        ? this.#machinery.createEventRecorder(this, component)
        : new DeferredRecorder(this.#host);
      this.#recorders.set(component, r);
    }
    return r;
  }

  // Checks requests of non-owner identities made before the machinery (and the RBAC
  // authorizer) loaded: loads it, then asks the authorizer.
  #lazyAuthorizer: Authorizer = {
    authorize: async (attrs) => {
      await this.install();
      const a = this.#authorizer;
      if (!a) throw new Error("The runtime has no authorizer after installing RBAC");
      return await a.authorize(attrs);
    },
  };

  #makeClient(user: UserInfo, ctx: ServerContext): Client {
    // The owner's name alone is not the owner: a token process may impersonate the name, and
    // is then checked like any user.
    const owner = user === STORE_OWNER || isOwner(user);
    // Inherit from the shared context so settings added later (schema provider, admission,
    // listeners) apply to every client.
    const scoped = Object.create(ctx) as ServerContext;
    // The owner is not checked: its clients keep the runtime's own authorizer, which is absent
    // (no cost) unless an audit log records the owner's writes.
    if (!owner) {
      scoped.authorizer = this.#authorizer ?? this.#options.authorizer ?? this.#lazyAuthorizer;
    }
    return new K1sClient({
      ctx: scoped,
      user,
      namespace: this.#options.namespace ?? "default",
      resolve: (t) => {
        // Built-in kinds need nothing loaded; custom kinds need their schema handling.
        const found = this.registry.get(t.apiVersion, t.kind);
        return found && (!found.custom || this.#machinery) ? found : this.#resolveInstalled(t);
      },
      beforeWrite: () => this.#bootstrap(),
    });
  }

  async #resolveInstalled(type: TypeMeta): Promise<ResourceType> {
    await this.install();
    return this.registry.get(type.apiVersion, type.kind) ?? await this.resolveType(type);
  }

  clientFor(user: UserInfo): Client {
    return this.#makeClient(user, this.server);
  }

  async resolveType(type: TypeMeta): Promise<ResourceType> {
    const found = this.registry.get(type.apiVersion, type.kind);
    if (found) return found;
    // Custom kinds come from the kind loaders, which the machinery adds.
    await this.install();
    if (this.#kindLoaders.length) {
      const rev = await this.storage.revision();
      if (rev !== this.#loadedAt) {
        this.#loading ??= (async () => {
          try {
            for (const l of this.#kindLoaders) await l(this);
            this.#loadedAt = rev;
          } finally {
            this.#loading = undefined;
          }
        })();
        await this.#loading;
      }
      const again = this.registry.get(type.apiVersion, type.kind);
      if (again) return again;
    }
    throw new StatusError({
      reason: "NotFound",
      code: 404,
      message: `no matches for kind "${type.kind}" in version "${type.apiVersion}"`,
      details: { kind: type.kind },
    });
  }

  /**
   * Before the first write: loads the write machinery, and creates the bootstrap objects the
   * store lacks (the `default` namespace, the default ClusterRoles).
   */
  #bootstrap(): Promise<void> | undefined {
    if (this.#booted) return undefined;
    if (this.#bootstrapped) return this.#bootstrapped;
    this.#bootstrapped = (async () => {
      try {
        await this.install();
        await createBootstrapObjects(this.server, STORE_OWNER, this.#machinery!.createObject);
        this.#booted = true;
      } catch (e) {
        this.#bootstrapped = undefined;
        throw e;
      }
    })();
    return this.#bootstrapped;
  }

  async transaction<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    await this.#bootstrap();
    // Write listeners hear about a transaction's writes only once it has committed.
    const pending: WriteEvent[] = [];
    const result = await this.storage.transaction(async (tx) => {
      const ctx = Object.create(this.server) as ServerContext;
      ctx.storage = tx;
      ctx.listeners = [(ev) => void pending.push(ev)];
      return await fn(this.#makeClient(this.user, ctx));
    });
    for (const ev of pending) for (const l of this.server.listeners) l(ev);
    return result;
  }

  addAdmission(plugin: AdmissionPlugin): void {
    this.server.admission.push(plugin);
  }

  onWrite(listener: (ev: WriteEvent) => void): () => void {
    this.server.listeners.push(listener);
    return () => {
      const i = this.server.listeners.indexOf(listener);
      if (i >= 0) this.server.listeners.splice(i, 1);
    };
  }

  addKindLoader(loader: (rt: Runtime) => Promise<void>): void {
    this.#kindLoaders.push(loader);
    this.#loadedAt = -1;
  }

  setSchemaProvider(provider: (type: ResourceType) => SchemaHandler | undefined): void {
    this.server.schemaFor = provider;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      for (const r of this.#recorders.values()) await r.flush();
      for (const fn of this.#onClose) await fn();
    } finally {
      this.#closed = true;
      await this.storage.close();
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/**
 * Loads a runtime's write machinery now (what it otherwise loads before its first write): for
 * code that needs the real controller manager, such as the controller test environment.
 *
 * @param rt A runtime made by {@linkcode createRuntimeWith}.
 * @returns When it is loaded.
 */
export async function installMachinery(rt: Runtime): Promise<void> {
  if (rt instanceof K1sRuntime) await rt.install();
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The client interfaces, in the shape of controller-runtime's `client.Client`: small
 * interfaces (Reader, Writer, StatusClient, WithWatch) composed into {@linkcode Client}, with
 * one plain options object per verb.
 *
 * @module
 */
import type { KubeList, KubeObject, ObjectKey, TypedObject, TypeMeta } from "../object/types.ts";
import type { WatchStream } from "../apiserver/watch.ts";
import type { LabelSelector } from "../selection/mod.ts";
import type { FieldSelector } from "../selection/mod.ts";

/** How unknown fields in a write are handled. */
export type FieldValidation = "Strict" | "Warn" | "Ignore";

/** Options of {@linkcode Reader.get}. */
export interface GetOptions {
  /** `""` (default): latest; `"0"`: any; `"N"`: not older than revision N. */
  resourceVersion?: string;
}

/** Options of {@linkcode Reader.list}. */
export interface ListOptions {
  /** Namespace to list; absent or `""`: all namespaces. */
  namespace?: string;
  /** Label selector, e.g. `app in (web,db),!legacy`. */
  labelSelector?: string | LabelSelector;
  /** Field selector, e.g. `metadata.name=app`. */
  fieldSelector?: string | FieldSelector;
  /** Most items per page. */
  limit?: number;
  /** The previous page's `metadata.continue`. */
  continue?: string;
  /** `""`: latest; `"0"`: any; `"N"`: not older than N (exactly N with `Exact`). */
  resourceVersion?: string;
  /** `NotOlderThan` or `Exact`. */
  resourceVersionMatch?: "NotOlderThan" | "Exact";
  /**
   * The list is for a table, as a Table request to the API server: items of built-in kinds
   * may come back metadata-only (no `managedFields` or `annotations`, nothing else), with their
   * printer columns' values in `tableCells(item)`; the others are whole objects. Ignored with a
   * field selector.
   */
  asTable?: boolean;
}

/** Options shared by the writes. */
export interface WriteOptions {
  /** Validate and return the result without persisting anything. */
  dryRun?: boolean;
  /** The field manager recorded in `metadata.managedFields`. */
  fieldManager?: string;
  /** Unknown-field handling. @default {"Warn"} */
  fieldValidation?: FieldValidation;
}

/** Options of {@linkcode Writer.create}. */
export type CreateOptions = WriteOptions;

/** Options of {@linkcode Writer.update}. */
export type UpdateOptions = WriteOptions;

/** Options of {@linkcode Writer.patch}. */
export interface PatchOptions extends WriteOptions {
  /** `merge` (RFC 7386), `json` (RFC 6902), `strategic` (built-in kinds) or `apply` (server-side apply). */
  type: "merge" | "json" | "strategic" | "apply";
  /** Server-side apply: take ownership of fields other managers own. */
  force?: boolean;
}

/** Options of {@linkcode Writer.apply}. */
export interface ApplyOptions extends WriteOptions {
  /** The field manager (required for apply). */
  fieldManager: string;
  /** Take ownership of fields other managers own. */
  force?: boolean;
}

/** Options of {@linkcode Writer.delete}. */
export interface DeleteOptions {
  /** `Background` (default), `Foreground` or `Orphan`. */
  propagationPolicy?: "Background" | "Foreground" | "Orphan";
  /** The object must still have this uid and/or resourceVersion. */
  preconditions?: { uid?: string; resourceVersion?: string };
  /** Validate without deleting. */
  dryRun?: boolean;
  /** Accepted for compatibility; deletion is immediate. */
  gracePeriodSeconds?: number;
}

/** Options of {@linkcode Writer.deleteAllOf}. */
export interface DeleteAllOfOptions extends DeleteOptions {
  /** Namespace; absent: all namespaces. */
  namespace?: string;
  /** Label selector. */
  labelSelector?: string | LabelSelector;
  /** Field selector. */
  fieldSelector?: string | FieldSelector;
}

/** Options of {@linkcode WithWatch.watch}. */
export interface WatchOptions {
  /** Namespace; absent: all namespaces. */
  namespace?: string;
  /** Only this object. */
  name?: string;
  /** Label selector. */
  labelSelector?: string | LabelSelector;
  /** Field selector. */
  fieldSelector?: string | FieldSelector;
  /** `""`/`"0"`: current objects as ADDED, then changes; `"N"`: changes after N. */
  resourceVersion?: string;
}

/** Reader knows how to read objects. */
export interface Reader {
  /** Reads one object; 404 NotFound when absent. */
  get<T extends TypedObject = KubeObject>(
    type: TypeMeta,
    key: ObjectKey,
    options?: GetOptions,
  ): Promise<T>;
  /** Lists objects; `metadata.resourceVersion` is the store revision at read time. */
  list<T extends TypedObject = KubeObject>(
    type: TypeMeta,
    options?: ListOptions,
  ): Promise<KubeList<T>>;
}

/** Writer knows how to create, update, patch and delete objects. */
export interface Writer {
  /** Creates an object; the passed object is refilled from the result and returned. */
  create<T extends TypedObject>(obj: T, options?: CreateOptions): Promise<T & KubeObject>;
  /** Replaces an object; a stale resourceVersion is a 409 Conflict. Refills and returns it. */
  update<T extends TypedObject>(obj: T, options?: UpdateOptions): Promise<T & KubeObject>;
  /** Patches an object. */
  patch<T extends TypedObject = KubeObject>(
    type: TypeMeta,
    key: ObjectKey,
    patch: unknown,
    options: PatchOptions,
  ): Promise<T>;
  /** Server-side applies a (partial) object as `options.fieldManager`. */
  apply<T extends TypedObject>(obj: T, options: ApplyOptions): Promise<T & KubeObject>;
  /**
   * Deletes an object (or marks it for deletion while finalizers remain) and resolves to its
   * last state. Accepts a type and key, or the object itself.
   */
  delete(
    type: TypeMeta | KubeObject,
    key?: ObjectKey,
    options?: DeleteOptions,
  ): Promise<KubeObject>;
  /** Deletes every matching object; resolves to the objects deleted or marked. */
  deleteAllOf(type: TypeMeta, options?: DeleteAllOfOptions): Promise<KubeObject[]>;
}

/** StatusWriter knows how to write the status subresource. */
export interface StatusWriter {
  /**
   * Reads an object through its status subresource: the object, authorized as
   * `<resource>/status` (404 when the kind has no status subresource).
   */
  get<T extends TypedObject = KubeObject>(type: TypeMeta, key: ObjectKey): Promise<T>;
  /** Replaces the status of an object (404 when the kind has no status subresource). */
  update<T extends TypedObject>(obj: T, options?: UpdateOptions): Promise<T & KubeObject>;
  /** Patches the status of an object. */
  patch<T extends TypedObject = KubeObject>(
    type: TypeMeta,
    key: ObjectKey,
    patch: unknown,
    options: PatchOptions,
  ): Promise<T>;
}

/** StatusClient knows how to return a {@linkcode StatusWriter}. */
export interface StatusClient {
  /** The status subresource writer. */
  status(): StatusWriter;
}

/**
 * ScaleAccessor reads and writes the scale subresource (an `autoscaling/v1` `Scale`) of kinds
 * that have one, as controller-runtime's `SubResource("scale")` client does.
 */
export interface ScaleAccessor {
  /** The object's `Scale` (404 when the kind has no scale subresource). */
  get(type: TypeMeta, key: ObjectKey): Promise<KubeObject>;
  /** Replaces the `Scale`: sets the desired replicas; its resourceVersion, if any, must match. */
  update(
    type: TypeMeta,
    key: ObjectKey,
    scale: KubeObject,
    options?: UpdateOptions,
  ): Promise<KubeObject>;
  /** Patches the `Scale` (json or merge; strategic is treated as merge). */
  patch(type: TypeMeta, key: ObjectKey, patch: unknown, options: PatchOptions): Promise<KubeObject>;
}

/** ScaleClient knows how to return a {@linkcode ScaleAccessor}. */
export interface ScaleClient {
  /** The scale subresource accessor. */
  scale(): ScaleAccessor;
}

/** WithWatch knows how to watch objects; meant for CLIs that wait for changes. */
export interface WithWatch {
  /** Streams the current objects (unless a resourceVersion is given) and then changes. */
  watch<T extends TypedObject = KubeObject>(type: TypeMeta, options?: WatchOptions): WatchStream<T>;
}

/** A Client knows how to perform every verb on every registered kind. */
export interface Client extends Reader, Writer, StatusClient, ScaleClient, WithWatch {}

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The resource registry: every kind the runtime serves, found by kind or by any name kubectl
 * accepts (plural, singular, short name, Kind, `plural.group`, `kind.version.group`, category).
 *
 * @module
 */
import type { ResourceType } from "./types.ts";
import { formatApiVersion, parseApiVersion } from "../object/types.ts";

function gvkKey(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind}`;
}

/**
 * A Registry knows every served kind. Kinds are added by the runtime (built-ins), by
 * CustomResourceDefinitions and by tool authors.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Registry } from "@k1s/core";
 * const r = new Registry();
 * r.add({
 *   group: "example.com", version: "v1", kind: "Widget", listKind: "WidgetList",
 *   plural: "widgets", singular: "widget", shortNames: ["wd"], categories: ["all"],
 *   namespaced: true, verbs: [], subresources: {}, printerColumns: [],
 *   strategy: { nameValidation: "subdomain", generation: true, allowUnconditionalUpdate: false, strategicMerge: false },
 * });
 * assertEquals(r.resolve("wd").map((t) => t.kind), ["Widget"]);
 * ```
 */
export class Registry {
  #byGvk = new Map<string, ResourceType>();
  #byApiVersion = new Map<string, Map<string, ResourceType>>();
  #all: ResourceType[] = [];
  // group → name (plural, singular, short name) → kind using it; makes add() constant-time.
  #names = new Map<string, Map<string, string>>();
  #version = 0;

  /** Increases whenever a type is added or removed; lets callers cache lookups. */
  get version(): number {
    return this.#version;
  }

  /**
   * Adds a kind. Throws a `TypeError` when its group/version/kind is already present or when a
   * name (plural, singular, short name) is already used by another kind of the same group.
   *
   * @param type The resource type.
   */
  add(type: ResourceType): void {
    const key = gvkKey(type.group, type.version, type.kind);
    if (this.#byGvk.has(key)) {
      throw new TypeError(
        `Cannot register ${type.kind} in ${
          formatApiVersion(type.group, type.version)
        }: already registered`,
      );
    }
    let names = this.#names.get(type.group);
    if (!names) this.#names.set(type.group, names = new Map());
    const own = [type.plural, type.singular, ...type.shortNames].filter((n) => n);
    for (const n of own) {
      const user = names.get(n);
      if (user !== undefined && user !== type.kind) {
        throw new TypeError(`Cannot register ${type.kind}: name "${n}" is already used by ${user}`);
      }
    }
    for (const n of own) names.set(n, type.kind);
    this.#byGvk.set(key, type);
    this.#byApiVersion.clear();
    this.#all.push(type);
    this.#version++;
  }

  /**
   * Removes every version of a kind.
   *
   * @param group The API group.
   * @param kind The kind.
   * @returns Whether anything was removed.
   */
  remove(group: string, kind: string): boolean {
    const before = this.#all.length;
    this.#all = this.#all.filter((t) => !(t.group === group && t.kind === kind));
    const names = this.#names.get(group);
    if (names) { for (const [n, k] of names) if (k === kind) names.delete(n); }
    for (const [k, t] of this.#byGvk) {
      if (t.group === group && t.kind === kind) this.#byGvk.delete(k);
    }
    this.#byApiVersion.clear();
    if (this.#all.length !== before) this.#version++;
    return this.#all.length !== before;
  }

  /**
   * The type for an `apiVersion` and `kind`.
   *
   * @param apiVersion `v1` or `<group>/<version>`.
   * @param kind The kind.
   * @returns The type, or `undefined`.
   */
  get(apiVersion: string, kind: string): ResourceType | undefined {
    // Two-level cache by apiVersion then kind: this is on every request's path.
    let byKind = this.#byApiVersion.get(apiVersion);
    if (byKind === undefined) {
      byKind = new Map();
      this.#byApiVersion.set(apiVersion, byKind);
    }
    let t = byKind.get(kind);
    if (t === undefined) {
      const { group, version } = parseApiVersion(apiVersion);
      t = this.#byGvk.get(gvkKey(group, version, kind));
      if (t) byKind.set(kind, t);
    }
    return t;
  }

  /**
   * All registered types, built-ins first, in registration order.
   *
   * @returns A fresh array.
   */
  all(): ResourceType[] {
    return [...this.#all];
  }

  /**
   * The preferred (first registered, served) version of each kind.
   *
   * @returns One type per group and kind.
   */
  preferred(): ResourceType[] {
    const seen = new Set<string>();
    const out: ResourceType[] = [];
    for (const t of this.#all) {
      const k = `${t.group}/${t.kind}`;
      if (seen.has(k) || t.served === false) continue;
      seen.add(k);
      out.push(t);
    }
    return out;
  }

  /**
   * Resolves a resource argument as kubectl does: `configmaps`, `configmap`, `cm`, `ConfigMap`,
   * `configmaps.v1.`, `roles.rbac.authorization.k8s.io`, `role.v1.rbac.authorization.k8s.io`,
   * or a category (`all`) that expands to several types. Matching is case-insensitive.
   *
   * @param name The argument.
   * @returns The matching types (preferred versions), empty when nothing matches.
   */
  resolve(name: string): ResourceType[] {
    const lower = name.toLowerCase();
    const types = this.preferred();
    const dot = lower.indexOf(".");
    if (dot < 0) {
      const byName = types.filter((t) =>
        t.plural === lower || t.singular === lower || t.kind.toLowerCase() === lower ||
        t.shortNames.includes(lower)
      );
      if (byName.length) return [preferCore(byName)];
      return types.filter((t) => t.categories.includes(lower));
    }
    const res = lower.slice(0, dot);
    const rest = lower.slice(dot + 1);
    const matchesRes = (t: ResourceType) =>
      t.plural === res || t.singular === res || t.kind.toLowerCase() === res ||
      t.shortNames.includes(res);
    // resource.group
    const byGroup = types.filter((t) => matchesRes(t) && t.group === rest);
    if (byGroup.length) return byGroup;
    // resource.version.group: only with two dots or more, as kubectl's ParseResourceArg
    // (`cm.v1` names a group "v1"; `configmaps.v1.` is the core group's v1).
    const vdot = rest.indexOf(".");
    if (vdot >= 0) {
      const version = rest.slice(0, vdot);
      const group = rest.slice(vdot + 1);
      const byVersion = this.#all.filter((t) =>
        matchesRes(t) && t.version === version && t.group === group
      );
      if (byVersion.length) return byVersion.slice(0, 1);
    }
    // A group named by its beginning (`roles.rbac`), as kubectl's RESTMapper matches it.
    const byPrefix = types.find((t) => matchesRes(t) && t.group.startsWith(rest));
    return byPrefix ? [byPrefix] : [];
  }
}

/** When a short name is ambiguous kubectl prefers the core group, then the first registered. */
function preferCore(types: ResourceType[]): ResourceType {
  return types.find((t) => t.group === "") ?? types[0];
}

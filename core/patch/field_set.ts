// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Field sets in managedFields' `FieldsV1` format.
 *
 * @module
 */
import type { JSONSchemaProps } from "../schema/types.ts";
import { rootSchema } from "./_schema.ts";
import {
  difference,
  formatPath,
  fromFieldsV1,
  hasPath,
  insert,
  intersection,
  isEmptySet,
  newNode,
  paths,
  type SNode,
  toFieldsV1,
  union,
} from "./_set.ts";
import { toFieldSet } from "./_typed.ts";

/**
 * A field path as serialized path elements: `["f:spec", "f:containers", 'k:{"name":"x"}', "f:image"]`.
 * Elements are `f:<field>`, `k:<JSON of the list-map keys>` (items of `map` lists), `v:<JSON value>`
 * (items of `set` lists) and `i:<index>`.
 */
export type FieldPath = readonly string[];

/**
 * An immutable set of field paths, as managedFields record ownership.
 *
 * @example From an object, to `FieldsV1`
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { FieldSet } from "@k1s/core";
 * const set = FieldSet.fromObject({ data: { k: "v" }, metadata: { finalizers: ["a/b"] } });
 * assertEquals(set.toFieldsV1(), {
 *   "f:data": { "f:k": {} },
 *   "f:metadata": { "f:finalizers": { 'v:"a/b"': {} } },
 * });
 * assertEquals(set.paths().map(FieldSet.formatPath), [".data.k", '.metadata.finalizers[="a/b"]']);
 * ```
 */
export class FieldSet {
  readonly #root: SNode;

  private constructor(root: SNode) {
    this.#root = root;
  }

  /**
   * The empty set.
   *
   * @returns A set without paths.
   */
  static empty(): FieldSet {
    return new FieldSet(newNode());
  }

  /**
   * Parses a `FieldsV1` value (`{"f:data":{".":{},"f:k":{}}}`).
   *
   * @param fields The managedFields entry's `fieldsV1`.
   * @returns The set.
   */
  static fromFieldsV1(fields: Record<string, unknown>): FieldSet {
    return new FieldSet(fromFieldsV1(fields));
  }

  /**
   * A set of the given paths.
   *
   * @param list The paths.
   * @returns The set.
   */
  static fromPaths(list: readonly FieldPath[]): FieldSet {
    const root = newNode();
    for (const p of list) insert(root, p);
    return new FieldSet(root);
  }

  /**
   * The fields an object sets, as server-side apply records an applier's ownership: scalars,
   * atomic lists and maps as leaves, items of `map` lists by their keys, items of `set` lists by
   * value, map entries (not declared fields) as members. Without a schema maps are granular and
   * lists atomic; `metadata` follows ObjectMeta.
   *
   * @param obj A whole object.
   * @param schema The kind's schema.
   * @returns The set.
   * @throws {Error} When a list breaks its rules (an item without its key, a repeated key).
   */
  static fromObject(obj: unknown, schema?: JSONSchemaProps): FieldSet {
    return new FieldSet(toFieldSet(obj, rootSchema(schema), true));
  }

  /**
   * Renders a path as Kubernetes prints it: `.spec.containers[name="x"].image`.
   *
   * @param path The path.
   * @returns The text.
   */
  static formatPath(path: FieldPath): string {
    return formatPath(path);
  }

  /**
   * Serializes as `FieldsV1`, keys sorted, `.` marking a member that also has children.
   *
   * @returns The `fieldsV1` value.
   */
  toFieldsV1(): Record<string, unknown> {
    return toFieldsV1(this.#root);
  }

  /**
   * The paths in this set or the other.
   *
   * @param other Another set.
   * @returns The union.
   */
  union(other: FieldSet): FieldSet {
    return new FieldSet(union(this.#root, other.#root));
  }

  /**
   * The paths in this set and not in the other.
   *
   * @param other Another set.
   * @returns The difference.
   */
  difference(other: FieldSet): FieldSet {
    return new FieldSet(difference(this.#root, other.#root));
  }

  /**
   * The paths in both sets.
   *
   * @param other Another set.
   * @returns The intersection.
   */
  intersection(other: FieldSet): FieldSet {
    return new FieldSet(intersection(this.#root, other.#root));
  }

  /**
   * Whether `path` is in the set.
   *
   * @param path The path.
   * @returns `true` when it is a member.
   */
  has(path: FieldPath): boolean {
    return hasPath(this.#root, path);
  }

  /**
   * Whether the set has no paths.
   *
   * @returns `true` when empty.
   */
  isEmpty(): boolean {
    return isEmptySet(this.#root);
  }

  /**
   * The paths, in structured-merge-diff's order (at each level members first, then children).
   *
   * @returns The member paths.
   */
  paths(): FieldPath[] {
    return paths(this.#root);
  }
}

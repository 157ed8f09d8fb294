// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * JSON patch (RFC 6902) with RFC 6901 pointers, as `application/json-patch+json` requests use it.
 *
 * @module
 */
import { newBadRequest } from "../errors/status_error.ts";
import { notApplied } from "./_not_applied.ts";
import {
  cloneJson,
  deepEqual,
  goTypeName,
  isObject,
  type JsonObject,
  own,
  setKey,
} from "./_util.ts";

/** The reason an operation failed, worded as evanphx/json-patch (and so kubectl) words it. */
class OpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JsonPatchError";
  }
}

type Container = JsonObject | unknown[];

function decodeKey(k: string): string {
  return k.includes("~") ? k.replace(/~1/g, "/").replace(/~0/g, "~") : k;
}

/** Go's `strconv.Atoi`: an optional sign, then decimal digits. */
function atoi(key: string): number | undefined {
  return /^[+-]?[0-9]+$/.test(key) ? Number(key) : undefined;
}

/** The container holding the last token of `path`, and that token; `undefined` when unreachable. */
function findObject(doc: Container, path: string): [Container, string] | undefined {
  const parts = path.split("/");
  if (parts.length < 2) return undefined;
  let cur: Container = doc;
  for (let i = 1; i < parts.length - 1; i++) {
    const next = get(cur, decodeKey(parts[i]!));
    if (next === undefined || next === null || typeof next !== "object") return undefined;
    cur = next as Container;
  }
  return [cur, decodeKey(parts[parts.length - 1]!)];
}

/** Reads `key`; `undefined` when absent. Throws for a bad array index. */
function get(c: Container, key: string): unknown {
  if (!Array.isArray(c)) return own(c, key);
  const idx = atoi(key);
  if (idx === undefined) return undefined;
  const i = idx < 0 ? idx + c.length : idx;
  if (i < 0 || i >= c.length) return undefined;
  return c[i];
}

function getStrict(c: Container, key: string): unknown {
  if (!Array.isArray(c)) return own(c, key);
  const i = arrayIndex(key, c.length - 1);
  return c[i];
}

/** Resolves an array index token; negative indices count from the end, as Kubernetes allows. */
function arrayIndex(key: string, max: number): number {
  const idx = atoi(key);
  if (idx === undefined) {
    throw new OpError(`strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`);
  }
  if (idx > max || idx < -(max + 1)) {
    throw new OpError(`Unable to access invalid index: ${idx}: invalid index referenced`);
  }
  return idx < 0 ? idx + max + 1 : idx;
}

function add(c: Container, key: string, value: unknown): void {
  if (!Array.isArray(c)) {
    setKey(c, key, value);
    return;
  }
  if (key === "-") {
    c.push(value);
    return;
  }
  if (atoi(key) === undefined) {
    throw new OpError(
      `value was not a proper array index: '${key}': strconv.Atoi: parsing ${
        JSON.stringify(key)
      }: invalid syntax`,
    );
  }
  c.splice(arrayIndex(key, c.length), 0, value);
}

function remove(c: Container, key: string): void {
  if (!Array.isArray(c)) {
    if (!Object.hasOwn(c, key)) {
      throw new OpError(`Unable to remove nonexistent key: ${key}: missing value`);
    }
    delete c[key];
    return;
  }
  c.splice(arrayIndex(key, c.length - 1), 1);
}

function pathOf(op: JsonObject, field: "path" | "from"): string | undefined {
  const p = op[field];
  return typeof p === "string" ? p : undefined;
}

function applyOp(doc: Container, op: JsonObject): void {
  const kind = typeof op.op === "string" ? op.op : "unknown";
  const path = pathOf(op, "path");
  switch (kind) {
    case "add": {
      if (path === undefined) {
        throw new OpError("add operation failed to decode path: missing value");
      }
      const at = findObject(doc, path);
      if (!at) {
        throw new OpError(
          `add operation does not apply: doc is missing path: "${path}": missing value`,
        );
      }
      try {
        add(at[0], at[1], cloneJson(op.value ?? null));
      } catch (e) {
        throw new OpError(`error in add for path: '${path}': ${(e as Error).message}`);
      }
      return;
    }
    case "remove": {
      if (path === undefined) {
        throw new OpError("remove operation failed to decode path: missing value");
      }
      const at = findObject(doc, path);
      if (!at) {
        throw new OpError(
          `remove operation does not apply: doc is missing path: "${path}": missing value`,
        );
      }
      try {
        remove(at[0], at[1]);
      } catch (e) {
        throw new OpError(`error in remove for path: '${path}': ${(e as Error).message}`);
      }
      return;
    }
    case "replace": {
      if (path === undefined) {
        throw new OpError("replace operation failed to decode path: missing value");
      }
      const at = findObject(doc, path);
      if (!at) {
        throw new OpError(
          `replace operation does not apply: doc is missing path: ${path}: missing value`,
        );
      }
      const [c, key] = at;
      if (get(c, key) === undefined && (Array.isArray(c) || !Object.hasOwn(c, key))) {
        throw new OpError(
          `replace operation does not apply: doc is missing key: ${path}: missing value`,
        );
      }
      const value = cloneJson(op.value ?? null);
      if (Array.isArray(c)) c[arrayIndex(key, c.length - 1)] = value;
      else setKey(c, key, value);
      return;
    }
    case "move": {
      const from = pathOf(op, "from");
      if (from === undefined) {
        throw new OpError("move operation failed to decode from: missing value");
      }
      const src = findObject(doc, from);
      if (!src) {
        throw new OpError(
          `move operation does not apply: doc is missing from path: ${from}: missing value`,
        );
      }
      let val: unknown;
      try {
        val = getStrict(src[0], src[1]);
        remove(src[0], src[1]);
      } catch (e) {
        throw new OpError(`error in move for path: '${src[1]}': ${(e as Error).message}`);
      }
      if (path === undefined) {
        throw new OpError("move operation failed to decode path: missing value");
      }
      const dst = findObject(doc, path);
      if (!dst) {
        throw new OpError(
          `move operation does not apply: doc is missing destination path: ${path}: missing value`,
        );
      }
      try {
        add(dst[0], dst[1], val);
      } catch (e) {
        throw new OpError(`error in move for path: '${path}': ${(e as Error).message}`);
      }
      return;
    }
    case "copy": {
      const from = pathOf(op, "from");
      if (from === undefined) {
        throw new OpError("copy operation failed to decode from: missing value");
      }
      const src = findObject(doc, from);
      if (!src) {
        throw new OpError(
          `copy operation does not apply: doc is missing from path: ${from}: missing value`,
        );
      }
      let val: unknown;
      try {
        if (!Array.isArray(src[0]) && !Object.hasOwn(src[0], src[1])) {
          throw new OpError(`unable to get nonexistent key: ${src[1]}: missing value`);
        }
        val = getStrict(src[0], src[1]);
      } catch (e) {
        throw new OpError(`error in copy for from: '${from}': ${(e as Error).message}`);
      }
      if (path === undefined) {
        throw new OpError("copy operation failed to decode path: missing value");
      }
      const dst = findObject(doc, path);
      if (!dst) {
        throw new OpError(
          `copy operation does not apply: doc is missing destination path: ${path}: missing value`,
        );
      }
      try {
        add(dst[0], dst[1], cloneJson(val));
      } catch (e) {
        throw new OpError(`error while adding value during copy: ${(e as Error).message}`);
      }
      return;
    }
    case "test": {
      if (path === undefined) {
        throw new OpError("test operation failed to decode path: missing value");
      }
      const at = findObject(doc, path);
      if (!at) {
        throw new OpError(`test operation does not apply: is missing path: ${path}: missing value`);
      }
      let val: unknown;
      try {
        val = getStrict(at[0], at[1]);
      } catch (e) {
        throw new OpError(`error in test for path: '${path}': ${(e as Error).message}`);
      }
      // An absent member and null are the same to evanphx/json-patch v4.
      const want = op.value ?? null;
      if ((val ?? null) === null ? want === null : deepEqual(val, want)) return;
      throw new OpError(`testing value ${path} failed: test failed`);
    }
    default:
      throw new OpError(`Unexpected kind: ${kind}`);
  }
}

/**
 * Applies a JSON patch (RFC 6902): `add`, `remove`, `replace`, `move`, `copy` and `test`, with
 * RFC 6901 pointers (`~0` is `~`, `~1` is `/`, `-` appends to a list). Negative list indices count
 * from the end, as Kubernetes' JSON patch library allows. The operations apply to a copy; any
 * failure, a failed `test` included, aborts the whole patch.
 *
 * @param doc The document to patch; not modified.
 * @param ops The operations (a JSON array).
 * @returns The patched document.
 * @throws {StatusError} 400 BadRequest when `ops` is not a list of operation objects; 422 Invalid,
 * worded as the apiserver words it, when an operation fails. The failing operation's own message
 * (`testing value /data/a failed: test failed`, as kubectl prints it) is the error's `cause`.
 *
 * @example A failed test aborts the patch
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { applyJsonPatch, StatusError } from "@k1s/core";
 * const cm = { data: { a: "1" } };
 * assertEquals(applyJsonPatch(cm, [{ op: "replace", path: "/data/a", value: "2" }]), { data: { a: "2" } });
 * const err = assertThrows(
 *   () => applyJsonPatch(cm, [{ op: "test", path: "/data/a", value: "9" }]),
 *   StatusError,
 * );
 * assertEquals((err.cause as Error).message, "testing value /data/a failed: test failed");
 * ```
 */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  if (ops === null) return cloneJson(doc);
  if (!Array.isArray(ops)) {
    throw newBadRequest(
      `json: cannot unmarshal ${goJsonKind(ops)} into Go value of type jsonpatch.Patch`,
    );
  }
  for (const op of ops) {
    if (op !== null && !isObject(op)) {
      throw newBadRequest(
        `json: cannot unmarshal ${goJsonKind(op)} into Go value of type jsonpatch.Operation`,
      );
    }
  }
  if (typeof doc !== "object" || doc === null) {
    throw notApplied(new OpError(`unexpected document type ${goTypeName(doc)}`), {
      unexpectedResponse: false,
    });
  }
  const out = cloneJson(doc) as Container;
  for (const op of ops as (JsonObject | null)[]) {
    try {
      applyOp(out, op ?? {});
    } catch (e) {
      if (e instanceof OpError) throw notApplied(e, { unexpectedResponse: false });
      throw e;
    }
  }
  return out;
}

/** How Go's JSON decoder names a value's kind in "cannot unmarshal" errors. */
function goJsonKind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "object") return "object";
  return typeof v === "boolean" ? "bool" : typeof v;
}

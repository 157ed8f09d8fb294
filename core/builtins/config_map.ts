// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The built-in `ConfigMap` kind (`v1`, short name `cm`).
 *
 * @module
 */
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import { type FieldError, forbidden, invalid, tooLong } from "../errors/field_error.ts";
import { isConfigMapKey, utf8Length } from "../validation/content.ts";
import { configMapSchema } from "./_schemas.ts";
import {
  AGE_COLUMN,
  asRecord,
  base64DecodedLength,
  keyCount,
  sameMap,
  STANDARD_VERBS,
} from "./_common.ts";

/** The most bytes a ConfigMap's or Secret's values may hold together (1 MiB). */
export const MAX_CONFIG_DATA_SIZE = 1048576;

const IMMUTABLE = "field is immutable when `immutable` is set";

function textBytes(data: Record<string, unknown> | undefined): number {
  let n = 0;
  for (const key in data) {
    const v = data[key];
    if (typeof v === "string") n += utf8Length(v);
  }
  return n;
}

function validateConfigMap(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const data = asRecord(obj.data);
  const binary = asRecord(obj.binaryData);
  // An upper bound first (a UTF-16 unit is at most 3 UTF-8 bytes); exact bytes only if needed.
  let textUnits = 0;
  let binarySize = 0;
  for (const key in data) {
    const msgs = isConfigMapKey(key);
    for (let i = 0; i < msgs.length; i++) errs.push(invalid(`data[${key}]`, key, msgs[i]));
    if (binary && Object.hasOwn(binary, key)) {
      errs.push(invalid(`data[${key}]`, key, "duplicate of key present in binaryData"));
    }
    const v = data[key];
    if (typeof v === "string") textUnits += v.length;
  }
  for (const key in binary) {
    const msgs = isConfigMapKey(key);
    for (let i = 0; i < msgs.length; i++) errs.push(invalid(`binaryData[${key}]`, key, msgs[i]));
    binarySize += base64DecodedLength(binary[key]);
  }
  if (
    textUnits * 3 + binarySize > MAX_CONFIG_DATA_SIZE &&
    textBytes(data) + binarySize > MAX_CONFIG_DATA_SIZE
  ) {
    // A path of "" refers to the whole object, which Kubernetes prints as "[]".
    errs.push(tooLong("[]", MAX_CONFIG_DATA_SIZE));
  }
  return errs;
}

function validateConfigMapUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (old.immutable === true) {
    if (obj.immutable !== true) errs.push(forbidden("immutable", IMMUTABLE));
    if (!sameMap(obj.data, old.data)) errs.push(forbidden("data", IMMUTABLE));
    if (!sameMap(obj.binaryData, old.binaryData)) errs.push(forbidden("binaryData", IMMUTABLE));
  }
  errs.push(...validateConfigMap(obj));
  return errs;
}

/**
 * The `ConfigMap` resource type. Keys follow the config-key rule, `data` and `binaryData` may
 * not share a key, values may hold 1 MiB together, and `immutable: true` freezes `data`,
 * `binaryData` and itself. Columns: DATA (keys of `data` and `binaryData`), AGE.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { configMapType, formatFieldError } from "@k1s/core";
 * const errs = configMapType.strategy.validate!({
 *   apiVersion: "v1",
 *   kind: "ConfigMap",
 *   metadata: { name: "c", namespace: "default" },
 *   data: { "bad/key": "x" },
 * });
 * assertEquals(
 *   formatFieldError(errs[0]),
 *   `data[bad/key]: Invalid value: "bad/key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
 * );
 * ```
 */
export const configMapType: ResourceType = {
  group: "",
  version: "v1",
  kind: "ConfigMap",
  listKind: "ConfigMapList",
  plural: "configmaps",
  singular: "configmap",
  shortNames: ["cm"],
  categories: [],
  namespaced: true,
  verbs: STANDARD_VERBS,
  subresources: {},
  printerColumns: [
    {
      name: "Data",
      type: "integer",
      description: configMapSchema.properties!.data.description,
      value: (obj) => keyCount(obj.data) + keyCount(obj.binaryData),
    },
    AGE_COLUMN,
  ],
  schema: configMapSchema,
  strategy: {
    nameValidation: "subdomain",
    generation: false,
    allowUnconditionalUpdate: true,
    strategicMerge: true,
    validate: validateConfigMap,
    validateUpdate: validateConfigMapUpdate,
  },
};

// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The built-in `Secret` kind (`v1`).
 *
 * @module
 */
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import { type FieldError, forbidden, invalid, required, tooLong } from "../errors/field_error.ts";
import { isConfigMapKey } from "../validation/content.ts";
import { secretSchema } from "./_schemas.ts";
import {
  AGE_COLUMN,
  asRecord,
  base64Decode,
  base64DecodedLength,
  base64EncodeUtf8,
  keyCount,
  sameMap,
  SECRET_REDACTED,
  STANDARD_VERBS,
} from "./_common.ts";
import { goJsonObjectError } from "./_go_json.ts";
import { MAX_CONFIG_DATA_SIZE } from "./config_map.ts";

const IMMUTABLE = "field is immutable when `immutable` is set";

/**
 * Folds the write-only `stringData` into base64 `data` (its keys win) and defaults `type` to
 * `Opaque`, as the v1 conversion and defaulting of a Secret do.
 */
function normalize(obj: KubeObject): void {
  const stringData = asRecord(obj.stringData);
  if (stringData && keyCount(stringData) > 0) {
    const data = asRecord(obj.data) ?? {};
    for (const k in stringData) {
      const v = stringData[k];
      // Decoding rejected values that are not strings; null decodes as "".
      data[k] = base64EncodeUtf8(typeof v === "string" ? v : "");
    }
    obj.data = data;
  }
  delete obj.stringData;
  if (typeof obj.type !== "string" || obj.type === "") obj.type = "Opaque";
}

function dockerConfigErrors(data: Record<string, unknown> | undefined, key: string): FieldError[] {
  const path = `data[${key}]`;
  if (!data || !Object.hasOwn(data, key)) return [required(path, "")];
  const bytes = base64Decode(data[key]) ?? new Uint8Array();
  const err = goJsonObjectError(bytes);
  return err ? [invalid(path, SECRET_REDACTED, err)] : [];
}

function validateSecret(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const data = asRecord(obj.data);
  let size = 0;
  for (const key in data) {
    const msgs = isConfigMapKey(key);
    for (let i = 0; i < msgs.length; i++) errs.push(invalid(`data[${key}]`, key, msgs[i]));
    size += base64DecodedLength(data[key]);
  }
  if (size > MAX_CONFIG_DATA_SIZE) errs.push(tooLong("data", MAX_CONFIG_DATA_SIZE));

  const has = (k: string) => !!data && Object.hasOwn(data, k);
  switch (obj.type) {
    case "kubernetes.io/service-account-token": {
      // Only the name is required; the uid and token may be filled in later by a controller.
      const name = obj.metadata?.annotations?.["kubernetes.io/service-account.name"];
      if (!name) {
        errs.push(required("metadata.annotations[kubernetes.io/service-account.name]", ""));
      }
      break;
    }
    case "kubernetes.io/dockercfg":
      errs.push(...dockerConfigErrors(data, ".dockercfg"));
      break;
    case "kubernetes.io/dockerconfigjson":
      errs.push(...dockerConfigErrors(data, ".dockerconfigjson"));
      break;
    case "kubernetes.io/basic-auth":
      // Either may be empty, but one of the keys must be there.
      if (!has("username") && !has("password")) {
        errs.push(required("data[username]", ""), required("data[password]", ""));
      }
      break;
    case "kubernetes.io/ssh-auth":
      if (base64DecodedLength(data?.["ssh-privatekey"]) === 0) {
        errs.push(required("data[ssh-privatekey]", ""));
      }
      break;
    case "kubernetes.io/tls":
      if (!has("tls.crt")) errs.push(required("data[tls.crt]", ""));
      if (!has("tls.key")) errs.push(required("data[tls.key]", ""));
      break;
  }
  return errs;
}

function validateSecretUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const type = typeof obj.type === "string" ? obj.type : "";
  if (type !== (typeof old.type === "string" ? old.type : "")) {
    errs.push(invalid("type", type, "field is immutable"));
  }
  if (old.immutable === true) {
    if (obj.immutable !== true) errs.push(forbidden("immutable", IMMUTABLE));
    // stringData was already folded into data, so data covers it.
    if (!sameMap(obj.data, old.data)) errs.push(forbidden("data", IMMUTABLE));
  }
  errs.push(...validateSecret(obj));
  return errs;
}

interface PemBlock {
  type: string;
}

const PEM_RE = /-----BEGIN ([^\n-]*)-----\r?\n[\s\S]*?-----END \1-----/g;

function pemBlocks(bytes: Uint8Array | undefined): PemBlock[] {
  if (!bytes) return [];
  const text = new TextDecoder().decode(bytes);
  return [...text.matchAll(PEM_RE)].map((m) => ({ type: m[1] }));
}

/**
 * The first problems Go's `tls.X509KeyPair` reports for a TLS Secret, as far as they can be told
 * from the PEM block types. Certificates and keys are not parsed, so a mismatched pair passes.
 */
function tlsWarnings(obj: KubeObject): string[] {
  if (obj.type !== "kubernetes.io/tls") return [];
  const data = asRecord(obj.data);
  const certTypes = pemBlocks(base64Decode(data?.["tls.crt"])).map((b) => b.type);
  if (!certTypes.includes("CERTIFICATE")) {
    if (certTypes.length === 0) return ["tls: failed to find any PEM data in certificate input"];
    if (certTypes.length === 1 && certTypes[0].endsWith("PRIVATE KEY")) {
      return [
        "tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched",
      ];
    }
    return [
      `tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${
        certTypes.join(" ")
      }]`,
    ];
  }
  const skipped: string[] = [];
  for (const { type } of pemBlocks(base64Decode(data?.["tls.key"]))) {
    if (type === "PRIVATE KEY" || type.endsWith(" PRIVATE KEY")) return [];
    skipped.push(type);
  }
  if (skipped.length === 0) return ["tls: failed to find any PEM data in key input"];
  if (skipped.length === 1 && skipped[0] === "CERTIFICATE") {
    return ["tls: found a certificate rather than a key in the PEM for the private key"];
  }
  return [
    `tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${
      skipped.join(" ")
    }]`,
  ];
}

/**
 * The `Secret` resource type. `type` defaults to `Opaque` and never changes; `stringData` is
 * folded into base64 `data` (winning on the same key) and never stored; keys follow the
 * config-key rule and values may hold 1 MiB together; each well-known type requires its keys
 * (service-account name annotation, `.dockercfg`/`.dockerconfigjson` as JSON objects,
 * `username` or `password`, `ssh-privatekey`, `tls.crt` and `tls.key`); `immutable: true`
 * freezes `data`. Field selector: `type`. Columns: TYPE, DATA, AGE.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { type KubeObject, secretType } from "@k1s/core";
 * const s: KubeObject = { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, stringData: { a: "b" } };
 * secretType.strategy.prepareForCreate!(s);
 * assertEquals(s, { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { a: "Yg==" }, type: "Opaque" });
 * ```
 */
export const secretType: ResourceType = {
  group: "",
  version: "v1",
  kind: "Secret",
  listKind: "SecretList",
  plural: "secrets",
  singular: "secret",
  shortNames: [],
  categories: [],
  namespaced: true,
  verbs: STANDARD_VERBS,
  subresources: {},
  printerColumns: [
    {
      name: "Type",
      type: "string",
      description: secretSchema.properties!.type.description,
      jsonPath: ".type",
    },
    {
      name: "Data",
      type: "integer",
      description: secretSchema.properties!.data.description,
      value: (obj) => keyCount(obj.data),
    },
    AGE_COLUMN,
  ],
  schema: secretSchema,
  strategy: {
    nameValidation: "subdomain",
    generation: false,
    allowUnconditionalUpdate: true,
    strategicMerge: true,
    prepareForCreate: normalize,
    prepareForUpdate: normalize,
    validate: validateSecret,
    validateUpdate: validateSecretUpdate,
    fieldSelectorAttrs: (obj) => ({ type: typeof obj.type === "string" ? obj.type : "" }),
    warnings: (obj) => tlsWarnings(obj),
  },
};

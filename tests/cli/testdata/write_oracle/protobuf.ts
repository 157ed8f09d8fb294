// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Just enough of Kubernetes' protobuf encoding for the oracle server to read what kubectl's
 * typed clients send (`create configmap`, `create secret`, ... send
 * `application/vnd.kubernetes.protobuf`): the `k8s\0` envelope and the messages of the kinds
 * k1s generates. Not part of any test run.
 *
 * @module
 */

type Field = { no: number; wire: number; value: bigint | Uint8Array };

function readVarint(b: Uint8Array, pos: { i: number }): bigint {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const byte = b[pos.i++];
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return result;
    shift += 7n;
  }
}

/** Splits a message into its fields. */
export function fields(b: Uint8Array): Field[] {
  const out: Field[] = [];
  const pos = { i: 0 };
  while (pos.i < b.length) {
    const tag = Number(readVarint(b, pos));
    const no = tag >> 3;
    const wire = tag & 7;
    if (wire === 0) out.push({ no, wire, value: readVarint(b, pos) });
    else if (wire === 2) {
      const len = Number(readVarint(b, pos));
      out.push({ no, wire, value: b.subarray(pos.i, pos.i + len) });
      pos.i += len;
    } else if (wire === 1) {
      pos.i += 8;
    } else if (wire === 5) {
      pos.i += 4;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

const dec = new TextDecoder();

/** A message schema: field number → [name, kind]. */
type Schema = Record<number, [string, Kind]>;
type Kind =
  | "string"
  | "bytes"
  | "int"
  | "bool"
  | "time"
  | { repeated: Kind }
  | { map: Kind }
  | Schema;

function decodeValue(kind: Kind, v: bigint | Uint8Array): unknown {
  if (kind === "string") return dec.decode(v as Uint8Array);
  if (kind === "bytes") return btoa(String.fromCharCode(...(v as Uint8Array)));
  if (kind === "int") return Number(v as bigint);
  if (kind === "bool") return (v as bigint) !== 0n;
  if (kind === "time") {
    const f = fields(v as Uint8Array);
    const s = Number((f.find((x) => x.no === 1)?.value as bigint) ?? 0n);
    if (s <= 0) return undefined;
    return new Date(s * 1000).toISOString().replace(/\.\d+Z$/, "Z");
  }
  return decodeMessage(kind as Schema, v as Uint8Array);
}

/** Decodes a message with a schema into JSON. */
export function decodeMessage(schema: Schema, b: Uint8Array): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields(b)) {
    const entry = schema[f.no];
    if (!entry) continue;
    const [name, kind] = entry;
    if (typeof kind === "object" && "repeated" in kind) {
      ((out[name] ??= []) as unknown[]).push(decodeValue(kind.repeated as Kind, f.value));
    } else if (typeof kind === "object" && "map" in kind) {
      const kv = fields(f.value as Uint8Array);
      const k = dec.decode(kv.find((x) => x.no === 1)?.value as Uint8Array ?? new Uint8Array());
      const raw = kv.find((x) => x.no === 2)?.value;
      const val = raw === undefined
        ? (kind.map === "bytes" ? "" : kind.map === "string" ? "" : {})
        : decodeValue(kind.map as Kind, raw);
      ((out[name] ??= {}) as Record<string, unknown>)[k] = val;
    } else {
      const v = decodeValue(kind, f.value);
      // proto2 writes every scalar; JSON omits empty ones.
      if (v !== undefined && v !== "" && v !== 0 && v !== false) out[name] = v;
    }
  }
  return out;
}

const OWNER_REF: Schema = {
  1: ["kind", "string"],
  3: ["name", "string"],
  4: ["uid", "string"],
  5: ["apiVersion", "string"],
  6: ["controller", "bool"],
  7: ["blockOwnerDeletion", "bool"],
};
const OBJECT_META: Schema = {
  1: ["name", "string"],
  2: ["generateName", "string"],
  3: ["namespace", "string"],
  5: ["uid", "string"],
  6: ["resourceVersion", "string"],
  7: ["generation", "int"],
  8: ["creationTimestamp", "time"],
  11: ["labels", { map: "string" }],
  12: ["annotations", { map: "string" }],
  13: ["ownerReferences", { repeated: OWNER_REF }],
  14: ["finalizers", { repeated: "string" }],
};
const POLICY_RULE: Schema = {
  1: ["verbs", { repeated: "string" }],
  2: ["apiGroups", { repeated: "string" }],
  3: ["resources", { repeated: "string" }],
  4: ["resourceNames", { repeated: "string" }],
  5: ["nonResourceURLs", { repeated: "string" }],
};
const LABEL_SELECTOR: Schema = {
  1: ["matchLabels", { map: "string" }],
  2: ["matchExpressions", {
    repeated: {
      1: ["key", "string"],
      2: ["operator", "string"],
      3: ["values", { repeated: "string" }],
    },
  }],
};
const SUBJECT: Schema = {
  1: ["kind", "string"],
  2: ["apiGroup", "string"],
  3: ["name", "string"],
  4: ["namespace", "string"],
};
const ROLE_REF: Schema = {
  1: ["apiGroup", "string"],
  2: ["kind", "string"],
  3: ["name", "string"],
};
const OBJECT_REF: Schema = { 1: ["name", "string"] };

/** Message schemas by kind. */
const KINDS: Record<string, Schema> = {
  ConfigMap: {
    1: ["metadata", OBJECT_META],
    2: ["data", { map: "string" }],
    3: ["binaryData", { map: "bytes" }],
    4: ["immutable", "bool"],
  },
  Secret: {
    1: ["metadata", OBJECT_META],
    2: ["data", { map: "bytes" }],
    3: ["type", "string"],
    4: ["stringData", { map: "string" }],
    5: ["immutable", "bool"],
  },
  Namespace: {
    1: ["metadata", OBJECT_META],
    2: ["spec", { 1: ["finalizers", { repeated: "string" }] }],
  },
  ServiceAccount: {
    1: ["metadata", OBJECT_META],
    2: ["secrets", { repeated: OBJECT_REF }],
    3: ["imagePullSecrets", { repeated: OBJECT_REF }],
    4: ["automountServiceAccountToken", "bool"],
  },
  Role: { 1: ["metadata", OBJECT_META], 2: ["rules", { repeated: POLICY_RULE }] },
  ClusterRole: {
    1: ["metadata", OBJECT_META],
    2: ["rules", { repeated: POLICY_RULE }],
    3: ["aggregationRule", { 1: ["clusterRoleSelectors", { repeated: LABEL_SELECTOR }] }],
  },
  RoleBinding: {
    1: ["metadata", OBJECT_META],
    2: ["subjects", { repeated: SUBJECT }],
    3: ["roleRef", ROLE_REF],
  },
  ClusterRoleBinding: {
    1: ["metadata", OBJECT_META],
    2: ["subjects", { repeated: SUBJECT }],
    3: ["roleRef", ROLE_REF],
  },
  TokenRequest: {
    1: ["metadata", OBJECT_META],
    2: ["spec", {
      1: ["audiences", { repeated: "string" }],
      3: ["boundObjectRef", {
        1: ["kind", "string"],
        2: ["apiVersion", "string"],
        3: ["name", "string"],
        4: ["uid", "string"],
      }],
      4: ["expirationSeconds", "int"],
    }],
  },
};

/**
 * Decodes a `k8s\0` protobuf envelope into a JSON object.
 *
 * @param b The request body.
 * @returns The object.
 */
export function decodeEnvelope(b: Uint8Array): Record<string, unknown> {
  if (dec.decode(b.subarray(0, 4)) !== "k8s\0") throw new Error("not a k8s protobuf envelope");
  const unknown = fields(b.subarray(4));
  const typeMeta = fields(unknown.find((f) => f.no === 1)!.value as Uint8Array);
  const apiVersion = dec.decode(typeMeta.find((f) => f.no === 1)!.value as Uint8Array);
  const kind = dec.decode(typeMeta.find((f) => f.no === 2)!.value as Uint8Array);
  const raw = unknown.find((f) => f.no === 2)!.value as Uint8Array;
  const schema = KINDS[kind];
  if (!schema) throw new Error(`cannot decode kind ${kind}`);
  return { apiVersion, kind, ...decodeMessage(schema, raw) };
}

/**
 * Dumps the fields of a message tree (for finding field numbers).
 *
 * @param b The bytes.
 * @param depth Indentation.
 * @returns Lines.
 */
export function dump(b: Uint8Array, depth = 0): string {
  let s = "";
  for (const f of fields(b)) {
    const pad = "  ".repeat(depth);
    if (f.wire === 2) {
      const bytes = f.value as Uint8Array;
      const text = dec.decode(bytes);
      s += `${pad}${f.no}: ${JSON.stringify(text)}\n`;
      try {
        // deno-lint-ignore no-control-regex
        if (bytes.length && /[\x00-\x1f]/.test(text)) s += dump(bytes, depth + 1);
      } catch { /* not a message */ }
    } else s += `${pad}${f.no}: ${f.value}\n`;
  }
  return s;
}

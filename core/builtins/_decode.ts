// Copyright 2026 the k1s authors. Apache-2.0 license.
// Decoding checks of the write paths. The apiserver decodes a request body (and the result of
// a patch) into the kind's Go struct before anything else runs, so a value of the wrong JSON
// type fails the request as Kubernetes words it:
// - a body: 400 `ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot
//   unmarshal number into Go struct field ConfigMap.data of type string`;
// - a patched object: 422 ` "" is invalid: patch: Invalid value: "<patched object>": <error>`
//   (kubectl: `The request is invalid: patch: ...`).
// Built-in kinds are checked against their whole schema. Custom resources decode into
// unstructured maps, where only metadata is decoded (as an ObjectMeta of its own, so paths
// start at the ObjectMeta: `ObjectMeta.labels`); other kinds have Go structs k1s does not
// know, so their metadata is checked as a built-in kind's is.
import type { KubeObject } from "../object/types.ts";
import type { ResourceType } from "../registry/types.ts";
import type { JSONSchemaProps } from "../schema/types.ts";
import { newBadRequest, newInvalid, type StatusError } from "../errors/status_error.ts";
import { invalid } from "../errors/field_error.ts";
import { compileGoType, convertTypeError, decodeTypeError, type GoNode } from "./_typecheck.ts";
import { goPatchedJson, goSprintV, jsonPatchTree, mergePatchTree } from "./_go_render.ts";
import { objectMetaSchema } from "./_schemas.ts";
import { configMapType } from "./config_map.ts";
import { secretType } from "./secret.ts";
import { SECRET_REDACTED } from "./_common.ts";
import { namespaceType } from "./namespace.ts";
import { serviceAccountType } from "./service_account.ts";
import { eventType } from "./event.ts";
import { roleType } from "./role.ts";
import { clusterRoleType } from "./cluster_role.ts";
import { roleBindingType } from "./role_binding.ts";
import { clusterRoleBindingType } from "./cluster_role_binding.ts";

/** The Go struct of each built-in kind. */
const GO_KINDS: ReadonlyMap<ResourceType, string> = new Map([
  [namespaceType, "v1.Namespace"],
  [configMapType, "v1.ConfigMap"],
  [secretType, "v1.Secret"],
  [serviceAccountType, "v1.ServiceAccount"],
  [eventType, "v1.Event"],
  [roleType, "v1.Role"],
  [clusterRoleType, "v1.ClusterRole"],
  [roleBindingType, "v1.RoleBinding"],
  [clusterRoleBindingType, "v1.ClusterRoleBinding"],
]);

const roots = new WeakMap<ResourceType, GoNode>();
let customMeta: GoNode | undefined;

/** The compiled Go type of a kind that decodes into a Go struct (not a custom resource). */
function goRoot(type: ResourceType): GoNode {
  let n = roots.get(type);
  if (n === undefined) {
    const goType = GO_KINDS.get(type);
    n = goType && type.schema
      ? compileGoType(goType, type.schema)
      : compileGoType(`v1.${type.kind}`, { properties: { metadata: objectMetaSchema } }, [
        "metadata v1.ObjectMeta",
      ]);
    roots.set(type, n);
  }
  return n;
}

/** The decode error of an object of `type`, or `undefined`. */
function decodeError(type: ResourceType, obj: unknown): string | undefined {
  if (!type.custom) return decodeTypeError(goRoot(type), obj);
  const meta = (obj as Partial<KubeObject> | null)?.metadata;
  if (meta === undefined) return undefined;
  customMeta ??= compileGoType("v1.ObjectMeta", objectMetaSchema as JSONSchemaProps);
  return decodeTypeError(customMeta, meta);
}

/**
 * Throws the 400 Kubernetes answers a request body with when it does not decode into the
 * kind's type.
 *
 * @param type The kind.
 * @param obj The body.
 */
export function assertBodyDecodes(type: ResourceType, obj: unknown): void {
  const err = decodeError(type, obj);
  if (err !== undefined) {
    throw newBadRequest(
      `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: ${err}`,
    );
  }
}

/** How an object was patched. */
export interface PatchInfo {
  /** The patch format. */
  patchType: "json" | "merge" | "strategic";
  /** The patch. */
  patch: unknown;
  /** The stored object the patch applied to. */
  current: KubeObject;
}

function patchError(value: string, detail: string): StatusError {
  return newInvalid({ group: "", kind: "" }, "", [invalid("patch", value, detail)]);
}

/**
 * Throws the 422 Kubernetes answers a patch with when the patched object does not decode into
 * the kind's type: JSON and merge patches report the JSON decoder's error, strategic merge
 * patches the unstructured converter's.
 *
 * @param type The kind.
 * @param patched The patched object.
 * @param info The patch.
 */
export function assertPatchedDecodes(type: ResourceType, patched: unknown, info: PatchInfo): void {
  const err = decodeError(type, patched);
  if (err === undefined) return;
  const root = type.custom ? undefined : goRoot(type);
  if (info.patchType === "strategic") {
    // The converter accepts some values the JSON decoder does not (it wraps overflowing ints).
    // The apiserver shows the patch here (`%+v` of its map), not the patched object.
    const conv = root ? convertTypeError(root, patched) : err;
    if (conv !== undefined) throw patchError(goSprintV(redactSecret(type, info.patch)), conv);
    return;
  }
  const tree = info.patchType === "json"
    ? jsonPatchTree(info.patch)
    : mergePatchTree(info.patch, info.current);
  throw patchError(goPatchedJson(redactSecret(type, patched), root, tree), err);
}

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/**
 * A Secret as an error may show it: the values of `data` and `stringData`, and the last-applied
 * copy, redacted. Kubernetes prints the patched object whole here; k1s never shows secret
 * values in errors.
 */
function redactSecret(type: ResourceType, obj: unknown): unknown {
  if (type.group !== "" || type.kind !== "Secret" || !obj || typeof obj !== "object") return obj;
  const out = { ...(obj as Record<string, unknown>) };
  for (const field of ["data", "stringData"]) {
    const m = out[field];
    if (m && typeof m === "object" && !Array.isArray(m)) {
      out[field] = Object.fromEntries(Object.keys(m).map((k) => [k, SECRET_REDACTED]));
    } else if (m !== undefined && m !== null) out[field] = SECRET_REDACTED;
  }
  const meta = out.metadata as Record<string, unknown> | undefined;
  const annotations = meta?.annotations as Record<string, unknown> | undefined;
  if (annotations && typeof annotations === "object" && LAST_APPLIED in annotations) {
    out.metadata = { ...meta, annotations: { ...annotations, [LAST_APPLIED]: SECRET_REDACTED } };
  }
  return out;
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
// Decoding checks for []byte fields (Secret.data, ConfigMap.binaryData): the apiserver's JSON
// decoder rejects such a request with 400 before validation runs.
import { newBadRequest } from "../errors/status_error.ts";
import type { KubeObject } from "../object/types.ts";

const B64 = /^[A-Za-z0-9+/]*$/;

/** Index of the first byte Go's base64.StdEncoding rejects, or -1 when `s` decodes. */
function illegalBase64At(s: string): number {
  const body = s.replace(/={1,2}$/, "");
  if (!B64.test(body)) {
    for (let i = 0; i < body.length; i++) if (!/[A-Za-z0-9+/]/.test(body[i])) return i;
  }
  if (s.length % 4 !== 0) return s.length - (s.length % 4);
  return -1;
}

/**
 * Rejects values of a `[]byte` map field that are not base64 strings, worded as Kubernetes'
 * decoder words it.
 */
export function checkBase64Map(obj: KubeObject, field: string, goField: string): void {
  const m = obj[field];
  if (m === undefined || m === null) return;
  const kind = obj.kind;
  const prefix = `${kind} in version "v1" cannot be handled as a ${kind}: `;
  if (typeof m !== "object" || Array.isArray(m)) {
    throw newBadRequest(
      `${prefix}json: cannot unmarshal ${
        Array.isArray(m) ? "array" : typeof m
      } into Go struct field ${kind}.${field} of type map[string][]uint8`,
    );
  }
  for (const v of Object.values(m as Record<string, unknown>)) {
    if (typeof v !== "string") {
      const t = v === null
        ? "null"
        : Array.isArray(v)
        ? "array"
        : typeof v === "object"
        ? "object"
        : typeof v;
      if (t === "null") continue;
      throw newBadRequest(
        `${prefix}json: cannot unmarshal ${t} into Go struct field ${goField} of type []uint8`,
      );
    }
    const at = illegalBase64At(v);
    if (at >= 0) throw newBadRequest(`${prefix}illegal base64 data at input byte ${at}`);
  }
}

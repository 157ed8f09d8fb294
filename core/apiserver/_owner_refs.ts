// Copyright 2026 the k1s authors. Apache-2.0 license.
// Duplicate owner references, as the apiserver's request handlers treat them
// (endpoints/handlers/rest.go): an entry equal to an earlier one is dropped, with a warning.
import type { KubeObject } from "../object/types.ts";
import type { ServerContext } from "./context.ts";
import { jsonEqual } from "./_common.ts";

const WARNING =
  ".metadata.ownerReferences contains duplicate entries; API server dedups owner references in 1.20+, and may reject such requests as early as 1.24; please fix your requests; duplicate UID(s) observed: ";
const WARNING_AFTER_ADMISSION =
  ".metadata.ownerReferences contains duplicate entries after mutating admission happens; API server dedups owner references in 1.20+, and may reject such requests as early as 1.24; please fix your requests; duplicate UID(s) observed: ";

/**
 * Drops owner references equal to an earlier one and warns with their UIDs. Creates and updates
 * check the body before admission (`afterAdmission` false), and every write, patches included,
 * what mutating admission left.
 */
export function dedupOwnerReferences(
  ctx: ServerContext,
  obj: KubeObject,
  afterAdmission: boolean,
): void {
  const refs = obj.metadata?.ownerReferences;
  if (!Array.isArray(refs) || refs.length < 2) return;
  const kept: typeof refs = [];
  const duplicates: string[] = [];
  for (const ref of refs) {
    if (kept.some((k) => k.uid === ref.uid && jsonEqual(k, ref))) duplicates.push(ref.uid);
    else kept.push(ref);
  }
  if (!duplicates.length) return;
  ctx.warn((afterAdmission ? WARNING_AFTER_ADMISSION : WARNING) + duplicates.join(", "));
  obj.metadata.ownerReferences = kept;
}

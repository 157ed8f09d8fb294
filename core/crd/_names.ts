// Copyright 2026 the k1s authors. Apache-2.0 license.
// The CRD status conditions apiextensions' controllers maintain, computed in the write path:
// the NamingConditionController's accepted names and NamesAccepted condition (a name another
// CRD of the group, or a built-in kind, already uses is refused), and the
// EstablishingController's Established condition.
import type {
  CustomResourceDefinition,
  CustomResourceDefinitionCondition,
  CustomResourceDefinitionNames,
} from "./types.ts";

/** Names already claimed in a group: resource names (plural, singular, short) and kinds. */
export interface ClaimedNames {
  /** Plural, singular and short names. */
  resources: Set<string>;
  /** Kinds and list kinds. */
  kinds: Set<string>;
}

/**
 * The names used in a group (`getAcceptedNamesForGroup`): those its CRDs were accepted with,
 * plus those claimed otherwise (built-in kinds).
 */
export function acceptedNamesForGroup(
  group: string,
  options: { crds: readonly CustomResourceDefinition[]; claimed: ClaimedNames },
): ClaimedNames {
  const { crds, claimed } = options;
  const resources = new Set(claimed.resources);
  const kinds = new Set(claimed.kinds);
  for (const c of crds) {
    if (c.spec?.group !== group) continue;
    const a = c.status?.acceptedNames;
    if (!a) continue;
    resources.add(a.plural ?? "");
    resources.add(a.singular ?? "");
    for (const s of a.shortNames ?? []) resources.add(s);
    kinds.add(a.kind ?? "");
    kinds.add(a.listKind ?? "");
  }
  resources.delete("");
  kinds.delete("");
  return { resources, kinds };
}

function equalToAcceptedOrFresh(
  requested: string | undefined,
  accepted: string | undefined,
  used: Set<string>,
): string | undefined {
  if ((requested ?? "") === (accepted ?? "")) return undefined;
  if (!used.has(requested ?? "")) return undefined;
  return `${JSON.stringify(requested ?? "")} is already in use`;
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]) &&
    (a === undefined) === (b === undefined);
}

/** The outcome of name checking. */
export interface NamingResult {
  /** The names the CRD is served with. */
  acceptedNames: CustomResourceDefinitionNames;
  /** The NamesAccepted condition. */
  namesAccepted: CustomResourceDefinitionCondition;
  /** The Established condition. */
  established: CustomResourceDefinitionCondition;
}

/**
 * `calculateNamesAndConditions` of the NamingConditionController, followed by what the
 * EstablishingController does once the names are accepted.
 *
 * @param crd The CRD (with its current status).
 * @param used The names claimed in its group (including its own accepted names).
 * @returns The accepted names and conditions.
 */
export function calculateNamesAndConditions(
  crd: CustomResourceDefinition,
  used: ClaimedNames,
): NamingResult {
  const requested = crd.spec.names;
  const accepted: Partial<CustomResourceDefinitionNames> = crd.status?.acceptedNames ?? {};
  const next: Partial<CustomResourceDefinitionNames> = { ...accepted };
  let cond: CustomResourceDefinitionCondition = { type: "NamesAccepted", status: "Unknown" };
  const fail = (reason: string, message: string) => {
    cond = { type: "NamesAccepted", status: "False", reason, message };
  };
  let e: string | undefined;
  if ((e = equalToAcceptedOrFresh(requested.plural, accepted.plural, used.resources))) {
    fail("PluralConflict", e);
  } else next.plural = requested.plural;
  if ((e = equalToAcceptedOrFresh(requested.singular, accepted.singular, used.resources))) {
    fail("SingularConflict", e);
  } else next.singular = requested.singular;
  if (!sameList(requested.shortNames, accepted.shortNames)) {
    const mine = new Set(accepted.shortNames ?? []);
    const errs: string[] = [];
    for (const s of requested.shortNames ?? []) {
      if (mine.has(s)) continue;
      const err = equalToAcceptedOrFresh(s, "", used.resources);
      if (err) errs.push(err);
    }
    if (errs.length) {
      fail("ShortNamesConflict", errs.length === 1 ? errs[0] : `[${errs.join(", ")}]`);
    } else if (requested.shortNames) next.shortNames = requested.shortNames;
    else delete next.shortNames;
  }
  if ((e = equalToAcceptedOrFresh(requested.kind, accepted.kind, used.kinds))) {
    fail("KindConflict", e);
  } else next.kind = requested.kind;
  if ((e = equalToAcceptedOrFresh(requested.listKind, accepted.listKind, used.kinds))) {
    fail("ListKindConflict", e);
  } else next.listKind = requested.listKind;
  if (requested.categories) next.categories = requested.categories;
  else delete next.categories;
  if (cond.status === "Unknown") {
    cond = {
      type: "NamesAccepted",
      status: "True",
      reason: "NoConflicts",
      message: "no conflicts found",
    };
  }
  let established: CustomResourceDefinitionCondition = {
    type: "Established",
    status: "False",
    reason: "NotAccepted",
    message: "not all names are accepted",
  };
  const old = crd.status?.conditions?.find((c) => c.type === "Established");
  if (old) established = old;
  if (established.status !== "True" && cond.status === "True") {
    established = {
      type: "Established",
      status: "True",
      reason: "InitialNamesAccepted",
      message: "the initial names have been accepted",
    };
  }
  const names = {} as CustomResourceDefinitionNames;
  for (const k of ["plural", "singular", "shortNames", "kind", "listKind", "categories"] as const) {
    if (next[k] !== undefined && next[k] !== "") {
      (names as unknown as Record<string, unknown>)[k] = next[k];
    }
  }
  return { acceptedNames: names, namesAccepted: cond, established };
}

/**
 * apiextensions' `SetCRDCondition`: replaces the condition of the same type, keeping its
 * transition time when the status did not change, or appends it.
 *
 * @param crd The CRD, changed in place.
 * @param cond The condition.
 * @param options `now`, the current time (RFC 3339).
 */
export function setCondition(
  crd: CustomResourceDefinition,
  cond: CustomResourceDefinitionCondition,
  options: { now: string },
): void {
  const now = options.now;
  const status = (crd.status ??= {});
  const conditions = (status.conditions ??= []);
  const next: CustomResourceDefinitionCondition = {
    type: cond.type,
    status: cond.status,
    lastTransitionTime: cond.lastTransitionTime ?? now,
    ...(cond.reason ? { reason: cond.reason } : {}),
    ...(cond.message ? { message: cond.message } : {}),
  };
  const i = conditions.findIndex((c) => c.type === cond.type);
  if (i < 0) {
    next.lastTransitionTime = now;
    conditions.push(next);
    return;
  }
  const existing = conditions[i];
  if (existing.status === cond.status && existing.lastTransitionTime) {
    next.lastTransitionTime = existing.lastTransitionTime;
  } else next.lastTransitionTime = now;
  conditions[i] = next;
}

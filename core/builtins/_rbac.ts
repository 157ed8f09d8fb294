// Copyright 2026 the k1s authors. Apache-2.0 license.
// Validation, defaulting and columns shared by the four rbac.authorization.k8s.io/v1 kinds
// (pkg/apis/rbac/validation, pkg/apis/rbac/v1/defaults.go, printers.go).
import type { KubeObject } from "../object/types.ts";
import type { PrinterColumn } from "../registry/types.ts";
import {
  type FieldError,
  invalid,
  notSupported,
  RawValue,
  required,
} from "../errors/field_error.ts";
import { isDNS1123Subdomain, isValidPathSegmentName } from "../validation/content.ts";
import { goStringStruct } from "../validation/_go.ts";
import { AGE_COLUMN, asRecord, CREATION_TIMESTAMP_DESCRIPTION, rfc3339 } from "./_common.ts";

/** The RBAC API group. */
export const RBAC_GROUP = "rbac.authorization.k8s.io";

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Kubernetes' `ValidatePolicyRule`. */
export function validatePolicyRule(rule: unknown, namespaced: boolean, path: string): FieldError[] {
  const r = asRecord(rule) ?? {};
  const errs: FieldError[] = [];
  if (list(r.verbs).length === 0) {
    errs.push(required(`${path}.verbs`, "verbs must contain at least one value"));
  }
  const urls = list(r.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced) {
      errs.push(
        invalid(
          `${path}.nonResourceURLs`,
          urls,
          "namespaced rules cannot apply to non-resource URLs",
        ),
      );
    }
    if (list(r.apiGroups).length || list(r.resources).length || list(r.resourceNames).length) {
      errs.push(
        invalid(
          `${path}.nonResourceURLs`,
          urls,
          "rules cannot apply to both regular resources and non-resource URLs",
        ),
      );
    }
    return errs;
  }
  if (list(r.apiGroups).length === 0) {
    errs.push(required(`${path}.apiGroups`, "resource rules must supply at least one api group"));
  }
  if (list(r.resources).length === 0) {
    errs.push(required(`${path}.resources`, "resource rules must supply at least one resource"));
  }
  return errs;
}

/** Validates `rules` of a Role (`namespaced`) or ClusterRole. */
export function validateRules(obj: KubeObject, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  list(obj.rules).forEach((rule, i) =>
    errs.push(...validatePolicyRule(rule, namespaced, `rules[${i}]`))
  );
  return errs;
}

/** Kubernetes' `ValidateRoleBindingSubject`. */
function validateSubject(subject: unknown, namespaced: boolean, path: string): FieldError[] {
  const s = asRecord(subject) ?? {};
  const errs: FieldError[] = [];
  const name = str(s.name);
  const apiGroup = str(s.apiGroup);
  if (name === "") errs.push(required(`${path}.name`, ""));
  switch (s.kind) {
    case "ServiceAccount":
      if (name) {
        for (const msg of isDNS1123Subdomain(name)) errs.push(invalid(`${path}.name`, name, msg));
      }
      if (apiGroup) errs.push(notSupported(`${path}.apiGroup`, apiGroup, [""]));
      if (!namespaced && str(s.namespace) === "") errs.push(required(`${path}.namespace`, ""));
      break;
    case "User":
    case "Group":
      if (apiGroup !== RBAC_GROUP) {
        errs.push(notSupported(`${path}.apiGroup`, apiGroup, [RBAC_GROUP]));
      }
      break;
    default:
      errs.push(notSupported(`${path}.kind`, str(s.kind), ["ServiceAccount", "User", "Group"]));
  }
  return errs;
}

/** Validates a RoleBinding (`namespaced`) or ClusterRoleBinding, apart from metadata. */
export function validateBinding(obj: KubeObject, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref = asRecord(obj.roleRef) ?? {};
  const apiGroup = str(ref.apiGroup);
  if (apiGroup !== RBAC_GROUP) errs.push(notSupported("roleRef.apiGroup", apiGroup, [RBAC_GROUP]));
  const kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
  const kind = str(ref.kind);
  if (!kinds.includes(kind)) errs.push(notSupported("roleRef.kind", kind, kinds));
  const name = str(ref.name);
  if (name === "") errs.push(required("roleRef.name", ""));
  else {for (const msg of isValidPathSegmentName(name)) {
      errs.push(invalid("roleRef.name", name, msg));
    }}
  list(obj.subjects).forEach((s, i) =>
    errs.push(...validateSubject(s, namespaced, `subjects[${i}]`))
  );
  return errs;
}

/** The roleRef may not change: `roleRef: Invalid value: rbac.RoleRef{...}: cannot change roleRef`. */
export function validateBindingUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const n = asRecord(obj.roleRef) ?? {};
  const o = asRecord(old.roleRef) ?? {};
  if (
    str(n.apiGroup) === str(o.apiGroup) && str(n.kind) === str(o.kind) &&
    str(n.name) === str(o.name)
  ) {
    return [];
  }
  const rendered = goStringStruct("rbac.RoleRef", [
    ["APIGroup", n.apiGroup],
    ["Kind", n.kind],
    ["Name", n.name],
  ]);
  return [invalid("roleRef", new RawValue(rendered), "cannot change roleRef")];
}

/** RBAC v1 defaulting: roleRef.apiGroup, and the apiGroup of User and Group subjects. */
export function defaultBinding(obj: KubeObject): void {
  // roleRef is a struct, not a pointer: an absent one is defaulted too.
  const ref = asRecord(obj.roleRef) ?? (obj.roleRef = {}) as Record<string, unknown>;
  if (str(ref.apiGroup) === "") ref.apiGroup = RBAC_GROUP;
  for (const s of list(obj.subjects)) {
    const subject = asRecord(s);
    if (!subject || str(subject.apiGroup) !== "") continue;
    if (subject.kind === "User" || subject.kind === "Group") subject.apiGroup = RBAC_GROUP;
  }
}

/** The CREATED AT column of roles: the creation time in RFC 3339, UTC. */
export const CREATED_AT_COLUMN: PrinterColumn = Object.freeze({
  name: "Created At",
  type: "string",
  description: CREATION_TIMESTAMP_DESCRIPTION,
  value: (obj: KubeObject) => rfc3339(obj.metadata?.creationTimestamp),
});

/** Subjects grouped as kubectl's `rbac.SubjectsStrings`. */
function subjectStrings(obj: KubeObject, kind: "User" | "Group" | "ServiceAccount"): string {
  const out: string[] = [];
  for (const s of list(obj.subjects)) {
    const subject = asRecord(s) ?? {};
    if (subject.kind !== kind) continue;
    out.push(
      kind === "ServiceAccount"
        ? `${str(subject.namespace)}/${str(subject.name)}`
        : str(subject.name),
    );
  }
  return out.join(", ");
}

/** Columns of RoleBindings and ClusterRoleBindings: ROLE, AGE, and wide USERS, GROUPS, SERVICEACCOUNTS. */
export function bindingColumns(roleRefDescription: string | undefined): PrinterColumn[] {
  return [
    {
      name: "Role",
      type: "string",
      description: roleRefDescription,
      value: (obj) => {
        const ref = asRecord(obj.roleRef) ?? {};
        return `${str(ref.kind)}/${str(ref.name)}`;
      },
    },
    AGE_COLUMN,
    {
      name: "Users",
      type: "string",
      priority: 1,
      description: "Users in the roleBinding",
      value: (obj) => subjectStrings(obj, "User"),
    },
    {
      name: "Groups",
      type: "string",
      priority: 1,
      description: "Groups in the roleBinding",
      value: (obj) => subjectStrings(obj, "Group"),
    },
    {
      name: "ServiceAccounts",
      type: "string",
      priority: 1,
      description: "ServiceAccounts in the roleBinding",
      value: (obj) => subjectStrings(obj, "ServiceAccount"),
    },
  ];
}

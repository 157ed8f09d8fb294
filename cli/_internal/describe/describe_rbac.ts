// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Describers for RBAC kinds: Role and ClusterRole (rules broken down per resource and verb,
 * then compacted and sorted as kubectl's `rbac.CompactRules` does), RoleBinding and
 * ClusterRoleBinding.
 *
 * @module
 */
import type { KubeObject } from "@k1s/core";
import { printAnnotationsMultiline, printLabelsMultiline, tabbedString } from "./prefix_writer.ts";
import { list, rec, str } from "./_util.ts";

/** An RBAC policy rule. */
export interface PolicyRule {
  /** Verbs. */
  verbs: string[];
  /** API groups. */
  apiGroups: string[];
  /** Resources. */
  resources: string[];
  /** Resource names. */
  resourceNames: string[];
  /** Non-resource URLs. */
  nonResourceURLs: string[];
}

function strings(v: unknown): string[] {
  return list(v).map((x) => String(x));
}

function toRule(v: unknown): PolicyRule {
  const r = rec(v);
  return {
    verbs: strings(r.verbs),
    apiGroups: strings(r.apiGroups),
    resources: strings(r.resources),
    resourceNames: strings(r.resourceNames),
    nonResourceURLs: strings(r.nonResourceURLs),
  };
}

/**
 * kubectl's `BreakdownRule` + `CompactRules` + sort by the rule's protobuf `String()`: one
 * rule per group, resource and name with verbs merged, non-resource URLs one per URL and verb.
 *
 * @param rules The role's rules.
 * @returns The rules as describe lists them.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { compactRules } from "./describe_rbac.ts";
 * const rules = compactRules([{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }, { apiGroups: [""], resources: ["pods"], verbs: ["list"] }]);
 * assertEquals(rules.map((r) => r.verbs), [["get", "list"]]);
 * ```
 */
export function compactRules(rules: readonly unknown[]): PolicyRule[] {
  const broken: PolicyRule[] = [];
  for (const raw of rules) {
    const r = toRule(raw);
    for (const group of r.apiGroups) {
      for (const resource of r.resources) {
        for (const verb of r.verbs) {
          if (r.resourceNames.length > 0) {
            for (const name of r.resourceNames) {
              broken.push({
                verbs: [verb],
                apiGroups: [group],
                resources: [resource],
                resourceNames: [name],
                nonResourceURLs: [],
              });
            }
          } else {
            broken.push({
              verbs: [verb],
              apiGroups: [group],
              resources: [resource],
              resourceNames: [],
              nonResourceURLs: [],
            });
          }
        }
      }
    }
    for (const url of r.nonResourceURLs) {
      for (const verb of r.verbs) {
        broken.push({
          verbs: [verb],
          apiGroups: [],
          resources: [],
          resourceNames: [],
          nonResourceURLs: [url],
        });
      }
    }
  }
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of broken) {
    if (r.nonResourceURLs.length > 0 || r.apiGroups.length !== 1 || r.resources.length !== 1) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([
      r.apiGroups[0],
      r.resources[0],
      r.resourceNames.length > 0,
      r.resourceNames[0] ?? "",
    ]);
    const existing = simple.get(key);
    if (existing) {
      for (const v of r.verbs) if (!existing.verbs.includes(v)) existing.verbs.push(v);
    } else {
      simple.set(key, { ...r, verbs: [...r.verbs] });
    }
  }
  compacted.push(...simple.values());
  return compacted
    .map((r) => ({ r, s: ruleString(r) }))
    .sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0))
    .map((x) => x.r);
}

// The generated protobuf String() of rbacv1.PolicyRule, which kubectl sorts rules by.
function ruleString(r: PolicyRule): string {
  const f = (v: string[]) => `[${v.join(" ")}]`;
  return `&PolicyRule{Verbs:${f(r.verbs)},APIGroups:${f(r.apiGroups)},Resources:${
    f(r.resources)
  },ResourceNames:${f(r.resourceNames)},NonResourceURLs:${f(r.nonResourceURLs)},}`;
}

function combineResourceGroup(resources: string[], groups: string[]): string {
  if (resources.length === 0) return "";
  const [res, sub] = resources[0].split(/\/(.*)/s);
  let out = res;
  if (groups.length > 0 && groups[0] !== "") out += "." + groups[0];
  if (sub !== undefined) out += "/" + sub;
  return out;
}

/**
 * Describes a Role or ClusterRole.
 *
 * @param role The role.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { describeRole } from "./describe_rbac.ts";
 * const role = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "r" }, rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }] };
 * assertEquals(
 *   describeRole(role),
 *   "Name:         r\nLabels:       <none>\nAnnotations:  <none>\nPolicyRule:\n" +
 *     "  Resources   Non-Resource URLs  Resource Names  Verbs\n" +
 *     "  ---------   -----------------  --------------  -----\n" +
 *     "  configmaps  []                 []              [get]\n",
 * );
 * ```
 */
export function describeRole(role: KubeObject): string {
  const rules = compactRules(list(role.rules));
  const f = (v: string[]) => `[${v.join(" ")}]`;
  return tabbedString((w) => {
    w.write(0, `Name:\t${role.metadata.name ?? ""}\n`);
    printLabelsMultiline(w, "Labels", role.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", role.metadata.annotations);
    w.write(0, "PolicyRule:\n");
    w.write(1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
    w.write(1, "---------\t-----------------\t--------------\t-----\n");
    for (const r of rules) {
      w.write(
        1,
        `${combineResourceGroup(r.resources, r.apiGroups)}\t${f(r.nonResourceURLs)}\t${
          f(r.resourceNames)
        }\t${f(r.verbs)}\n`,
      );
    }
  });
}

/**
 * Describes a RoleBinding or ClusterRoleBinding.
 *
 * @param binding The binding.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { describeRoleBinding } from "./describe_rbac.ts";
 * const rb = {
 *   apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: { name: "rb" },
 *   roleRef: { kind: "Role", name: "r" }, subjects: [{ kind: "User", name: "alice" }],
 * };
 * assertEquals(
 *   describeRoleBinding(rb),
 *   "Name:         rb\nLabels:       <none>\nAnnotations:  <none>\nRole:\n  Kind:  Role\n  Name:  r\nSubjects:\n" +
 *     "  Kind  Name   Namespace\n  ----  ----   ---------\n  User  alice  \n",
 * );
 * ```
 */
export function describeRoleBinding(binding: KubeObject): string {
  const ref = rec(binding.roleRef);
  return tabbedString((w) => {
    w.write(0, `Name:\t${binding.metadata.name ?? ""}\n`);
    printLabelsMultiline(w, "Labels", binding.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", binding.metadata.annotations);
    w.write(0, "Role:\n");
    w.write(1, `Kind:\t${str(ref.kind)}\n`);
    w.write(1, `Name:\t${str(ref.name)}\n`);
    w.write(0, "Subjects:\n");
    w.write(1, "Kind\tName\tNamespace\n");
    w.write(1, "----\t----\t---------\n");
    for (const s of list(binding.subjects).map(rec)) {
      w.write(1, `${str(s.kind)}\t${str(s.name)}\t${str(s.namespace)}\n`);
    }
  });
}

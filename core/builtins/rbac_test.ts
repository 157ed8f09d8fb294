// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { formatFieldError } from "../errors/field_error.ts";
import type { KubeObject } from "../object/types.ts";
import { roleType } from "./role.ts";
import { clusterRoleType } from "./cluster_role.ts";
import { roleBindingType } from "./role_binding.ts";
import { clusterRoleBindingType } from "./cluster_role_binding.ts";

const G = "rbac.authorization.k8s.io";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

function obj(kind: string, fields: Record<string, unknown>, namespaced = true): KubeObject {
  return {
    apiVersion: `${G}/v1`,
    kind,
    metadata: namespaced ? { name: "x", namespace: "default" } : { name: "x" },
    ...fields,
  };
}

const READ = { apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] };

Deno.test("RBAC rule validation", async (t) => {
  const cases: [string, unknown[], string[], string[]][] = [
    ["valid", [READ], [], []],
    ["no verbs", [{ apiGroups: [""], resources: ["pods"] }], [
      "rules[0].verbs: Required value: verbs must contain at least one value",
    ], ["rules[0].verbs: Required value: verbs must contain at least one value"]],
    ["no apiGroups or resources", [{ verbs: ["get"] }], [
      "rules[0].apiGroups: Required value: resource rules must supply at least one api group",
      "rules[0].resources: Required value: resource rules must supply at least one resource",
    ], [
      "rules[0].apiGroups: Required value: resource rules must supply at least one api group",
      "rules[0].resources: Required value: resource rules must supply at least one resource",
    ]],
    ["non-resource URLs", [{ nonResourceURLs: ["/healthz"], verbs: ["get"] }], [
      'rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
    ], []],
    ["both kinds of rule", [{ nonResourceURLs: ["/x"], resources: ["pods"], verbs: ["get"] }], [
      'rules[0].nonResourceURLs: Invalid value: []string{"/x"}: namespaced rules cannot apply to non-resource URLs',
      'rules[0].nonResourceURLs: Invalid value: []string{"/x"}: rules cannot apply to both regular resources and non-resource URLs',
    ], [
      'rules[0].nonResourceURLs: Invalid value: []string{"/x"}: rules cannot apply to both regular resources and non-resource URLs',
    ]],
    ["second rule", [READ, { verbs: [], apiGroups: [""], resources: ["x"] }], [
      "rules[1].verbs: Required value: verbs must contain at least one value",
    ], ["rules[1].verbs: Required value: verbs must contain at least one value"]],
  ];
  for (const [name, rules, inRole, inClusterRole] of cases) {
    await t.step(`Role: ${name}`, () => {
      const r = obj("Role", { rules });
      assertEquals(roleType.strategy.validate!(r).map(formatFieldError), inRole);
      assertEquals(roleType.strategy.validateUpdate!(r, r).map(formatFieldError), inRole);
    });
    await t.step(`ClusterRole: ${name}`, () => {
      const r = obj("ClusterRole", { rules }, false);
      assertEquals(clusterRoleType.strategy.validate!(r).map(formatFieldError), inClusterRole);
    });
  }
});

Deno.test("ClusterRole aggregationRule validation", async (t) => {
  const p = "aggregationRule.clusterRoleSelectors";
  const cases: [string, unknown, string[]][] = [
    ["valid", {
      clusterRoleSelectors: [{ matchLabels: { "rbac.example.com/aggregate-to-view": "true" } }],
    }, []],
    ["empty", { clusterRoleSelectors: [] }, [
      `${p}: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil`,
    ]],
    ["no selectors field", {}, [
      `${p}: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil`,
    ]],
    ["bad operator", {
      clusterRoleSelectors: [{ matchExpressions: [{ key: "a", operator: "Foo" }] }],
    }, [
      `${p}[0].matchExpressions[0].operator: Invalid value: "Foo": not a valid selector operator`,
      `${p}[0]: Invalid value: "null": invalid label selector.`,
    ]],
    ["bad value", { clusterRoleSelectors: [{ matchLabels: { a: "-" } }] }, [
      `${p}[0].matchLabels: Invalid value: "-": ${LABEL_VALUE_MSG}`,
      `${p}[0]: Invalid value: "null": invalid label selector.`,
    ]],
  ];
  for (const [name, aggregationRule, want] of cases) {
    await t.step(name, () => {
      const r = obj("ClusterRole", { aggregationRule }, false);
      assertEquals(clusterRoleType.strategy.validate!(r).map(formatFieldError), want);
    });
  }
  await t.step("an update may keep invalid selector values already stored", () => {
    const bad = obj("ClusterRole", {
      aggregationRule: {
        clusterRoleSelectors: [{ matchExpressions: [{ key: "a", operator: "In", values: ["-"] }] }],
      },
    }, false);
    assertEquals(clusterRoleType.strategy.validateUpdate!(bad, bad).map(formatFieldError), [
      `${p}[0]: Invalid value: "null": invalid label selector.`,
    ]);
    assertEquals(
      clusterRoleType.strategy.validateUpdate!(bad, obj("ClusterRole", {}, false)).map(
        formatFieldError,
      ),
      [
        `${p}[0].matchExpressions[0].values[0]: Invalid value: "-": ${LABEL_VALUE_MSG}`,
        `${p}[0]: Invalid value: "null": invalid label selector.`,
      ],
    );
  });
});

Deno.test("binding defaults fill the RBAC group", async (t) => {
  for (const type of [roleBindingType, clusterRoleBindingType]) {
    await t.step(type.kind, () => {
      const b = obj(type.kind, {
        roleRef: { kind: "ClusterRole", name: "view" },
        subjects: [
          { kind: "User", name: "alice" },
          { kind: "Group", name: "devs" },
          { kind: "ServiceAccount", name: "sa", namespace: "default" },
          { kind: "User", name: "bob", apiGroup: "example.com" },
        ],
      });
      type.strategy.prepareForCreate!(b);
      assertEquals(b.roleRef, { kind: "ClusterRole", name: "view", apiGroup: G });
      assertEquals(b.subjects, [
        { kind: "User", name: "alice", apiGroup: G },
        { kind: "Group", name: "devs", apiGroup: G },
        { kind: "ServiceAccount", name: "sa", namespace: "default" },
        { kind: "User", name: "bob", apiGroup: "example.com" },
      ]);
    });
  }
});

Deno.test("binding defaults apply to a missing roleRef", () => {
  const b = obj("RoleBinding", {});
  roleBindingType.strategy.prepareForCreate!(b);
  assertEquals(b.roleRef, { apiGroup: G });
  assertEquals(roleBindingType.strategy.validate!(b).map(formatFieldError), [
    'roleRef.kind: Unsupported value: "": supported values: "Role", "ClusterRole"',
    "roleRef.name: Required value",
  ]);
});

Deno.test("binding validation", async (t) => {
  const ref = { apiGroup: G, kind: "ClusterRole", name: "view" };
  const cases: [string, Record<string, unknown>, string[], string[]][] = [
    ["valid", { roleRef: ref, subjects: [{ kind: "User", apiGroup: G, name: "a" }] }, [], []],
    ["Role ref", { roleRef: { ...ref, kind: "Role" } }, [], [
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
    ]],
    ["no roleRef", {}, [
      'roleRef.apiGroup: Unsupported value: "": supported values: "rbac.authorization.k8s.io"',
      'roleRef.kind: Unsupported value: "": supported values: "Role", "ClusterRole"',
      "roleRef.name: Required value",
    ], [
      'roleRef.apiGroup: Unsupported value: "": supported values: "rbac.authorization.k8s.io"',
      'roleRef.kind: Unsupported value: "": supported values: "ClusterRole"',
      "roleRef.name: Required value",
    ]],
    ["bad roleRef name", { roleRef: { ...ref, name: "a/b" } }, [
      `roleRef.name: Invalid value: "a/b": may not contain '/'`,
    ], [`roleRef.name: Invalid value: "a/b": may not contain '/'`]],
    [
      "ServiceAccount subject",
      { roleRef: ref, subjects: [{ kind: "ServiceAccount", name: "sa" }] },
      [],
      [
        "subjects[0].namespace: Required value",
      ],
    ],
    ["ServiceAccount subject issues", {
      roleRef: ref,
      subjects: [{ kind: "ServiceAccount", name: "Bad", apiGroup: G, namespace: "n" }],
    }, [
      `subjects[0].name: Invalid value: "Bad": ${SUBDOMAIN_MSG}`,
      'subjects[0].apiGroup: Unsupported value: "rbac.authorization.k8s.io": supported values: ""',
    ], [
      `subjects[0].name: Invalid value: "Bad": ${SUBDOMAIN_MSG}`,
      'subjects[0].apiGroup: Unsupported value: "rbac.authorization.k8s.io": supported values: ""',
    ]],
    ["User with another group", {
      roleRef: ref,
      subjects: [{ kind: "User", name: "a", apiGroup: "x" }],
    }, [
      'subjects[0].apiGroup: Unsupported value: "x": supported values: "rbac.authorization.k8s.io"',
    ], [
      'subjects[0].apiGroup: Unsupported value: "x": supported values: "rbac.authorization.k8s.io"',
    ]],
    ["Group without name", { roleRef: ref, subjects: [{ kind: "Group", apiGroup: G }] }, [
      "subjects[0].name: Required value",
    ], ["subjects[0].name: Required value"]],
    ["unknown kind", { roleRef: ref, subjects: [{ kind: "Robot", name: "r" }] }, [
      'subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    ], [
      'subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    ]],
  ];
  for (const [name, fields, inRoleBinding, inClusterRoleBinding] of cases) {
    await t.step(`RoleBinding: ${name}`, () => {
      assertEquals(
        roleBindingType.strategy.validate!(obj("RoleBinding", fields)).map(formatFieldError),
        inRoleBinding,
      );
    });
    await t.step(`ClusterRoleBinding: ${name}`, () => {
      assertEquals(
        clusterRoleBindingType.strategy.validate!(obj("ClusterRoleBinding", fields, false)).map(
          formatFieldError,
        ),
        inClusterRoleBinding,
      );
    });
  }
});

Deno.test("binding roleRef cannot change", async (t) => {
  const ref = { apiGroup: G, kind: "ClusterRole", name: "view" };
  for (const type of [roleBindingType, clusterRoleBindingType]) {
    await t.step(`${type.kind} unchanged`, () => {
      const b = obj(type.kind, { roleRef: ref });
      assertEquals(type.strategy.validateUpdate!(b, structuredClone(b)), []);
    });
    await t.step(`${type.kind} changed`, () => {
      const old = obj(type.kind, { roleRef: ref });
      const b = obj(type.kind, { roleRef: { ...ref, name: "edit" } });
      assertEquals(type.strategy.validateUpdate!(b, old).map(formatFieldError), [
        'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
      ]);
    });
  }
});

Deno.test("RBAC columns match kubectl", async (t) => {
  await t.step("roles show CREATED AT in RFC 3339", () => {
    for (const type of [roleType, clusterRoleType]) {
      const [col] = type.printerColumns;
      assertEquals([col.name, col.type, type.printerColumns.length], ["Created At", "string", 1]);
      const r = obj(type.kind, {});
      r.metadata.creationTimestamp = "2026-11-26T10:35:57+01:00";
      assertEquals(col.value!(r), "2026-11-26T09:35:57Z");
      assertEquals(col.value!(obj(type.kind, {})), "0001-01-01T00:00:00Z");
    }
  });
  await t.step("bindings show ROLE, AGE and wide subjects", () => {
    const b = obj("RoleBinding", {
      roleRef: { apiGroup: G, kind: "Role", name: "reader" },
      subjects: [
        { kind: "User", name: "alice" },
        { kind: "User", name: "bob" },
        { kind: "Group", name: "devs" },
        { kind: "ServiceAccount", name: "sa", namespace: "ns1" },
      ],
    });
    const cols = roleBindingType.printerColumns;
    assertEquals(cols.map((c) => `${c.name}${c.priority ? "*" : ""}`), [
      "Role",
      "Age",
      "Users*",
      "Groups*",
      "ServiceAccounts*",
    ]);
    assertEquals(cols.filter((c) => c.value && c.name !== "Age").map((c) => c.value!(b)), [
      "Role/reader",
      "alice, bob",
      "devs",
      "ns1/sa",
    ]);
    assertEquals(clusterRoleBindingType.printerColumns.map((c) => c.name), cols.map((c) => c.name));
  });
});

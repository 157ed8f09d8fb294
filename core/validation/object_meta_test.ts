// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { formatFieldError } from "../errors/field_error.ts";
import type { ObjectMeta } from "../object/types.ts";
import {
  type ObjectMetaValidationOptions,
  validateAnnotations,
  validateFinalizers,
  validateLabels,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validateOwnerReferences,
} from "./object_meta.ts";
import { validateLabelSelector } from "./label_selector.ts";

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

const CM: ObjectMetaValidationOptions = {
  namespaced: true,
  nameValidation: "subdomain",
  coreKind: true,
};
const NS: ObjectMetaValidationOptions = {
  namespaced: false,
  nameValidation: "label",
  coreKind: true,
};
const ROLE: ObjectMetaValidationOptions = {
  namespaced: true,
  nameValidation: "path",
  coreKind: true,
};
const CR: ObjectMetaValidationOptions = { namespaced: true, nameValidation: "subdomain" };

type Case = [name: string, meta: ObjectMeta, options: ObjectMetaValidationOptions, want: string[]];

Deno.test("validateObjectMeta() checks metadata on create", async (t) => {
  const ok = { name: "a", namespace: "default" };
  const cases: Case[] = [
    ["valid", ok, CM, []],
    [
      "name missing",
      { namespace: "default" },
      CM,
      ["metadata.name: Required value: name or generateName is required"],
    ],
    [
      "name empty",
      { name: "", namespace: "default" },
      CM,
      ["metadata.name: Required value: name or generateName is required"],
    ],
    [
      "subdomain name",
      { name: "Foo", namespace: "default" },
      CM,
      [`metadata.name: Invalid value: "Foo": ${SUBDOMAIN_MSG}`],
    ],
    [
      "subdomain too long",
      { name: "a".repeat(254), namespace: "default" },
      CM,
      [`metadata.name: Invalid value: "${"a".repeat(254)}": must be no more than 253 characters`],
    ],
    ["label name with dots", { name: "a.b" }, NS, [
      'metadata.name: Invalid value: "a.b": must not contain dots',
    ]],
    ["label name", { name: "A" }, NS, [`metadata.name: Invalid value: "A": ${LABEL_MSG}`]],
    ["label name too long", { name: "a".repeat(64) }, NS, [
      `metadata.name: Invalid value: "${"a".repeat(64)}": must be no more than 63 characters`,
    ]],
    ["path name", { name: "system:controller:x", namespace: "a" }, ROLE, []],
    ["path name with slash", { name: "a/b", namespace: "a" }, ROLE, [
      `metadata.name: Invalid value: "a/b": may not contain '/'`,
    ]],
    ["path name dot", { name: ".", namespace: "a" }, ROLE, [
      `metadata.name: Invalid value: ".": may not be '.'`,
    ]],
    [
      "generateName valid with trailing dash",
      { name: "web-x7k2p", generateName: "web-", namespace: "d" },
      CM,
      [],
    ],
    [
      "generateName invalid",
      { name: "Web-x7k2p", generateName: "Web-", namespace: "d" },
      CM,
      [
        `metadata.generateName: Invalid value: "Web-": ${SUBDOMAIN_MSG}`,
        `metadata.name: Invalid value: "Web-x7k2p": ${SUBDOMAIN_MSG}`,
      ],
    ],
    ["namespace missing", { name: "a" }, CM, ["metadata.namespace: Required value"]],
    ["namespace invalid", { name: "a", namespace: "Bad" }, CM, [
      `metadata.namespace: Invalid value: "Bad": ${LABEL_MSG}`,
    ]],
    ["namespace on cluster-scoped kind", { name: "a", namespace: "x" }, NS, [
      "metadata.namespace: Forbidden: not allowed on this type",
    ]],
    ["negative generation", { ...ok, generation: -1 }, CM, [
      "metadata.generation: Invalid value: -1: must be greater than or equal to 0",
    ]],
    ["labels valid", { ...ok, labels: { "app.kubernetes.io/name": "web", empty: "" } }, CM, []],
    ["label key invalid", { ...ok, labels: { "bad key": "v" } }, CM, [
      `metadata.labels: Invalid value: "bad key": ${NAME_PART_MSG}`,
    ]],
    ["label value invalid", { ...ok, labels: { app: "bad value" } }, CM, [
      `metadata.labels: Invalid value: "bad value": ${LABEL_VALUE_MSG}`,
    ]],
    ["label value too long", { ...ok, labels: { app: "a".repeat(64) } }, CM, [
      `metadata.labels: Invalid value: "${"a".repeat(64)}": must be no more than 63 characters`,
    ]],
    [
      "annotation keys are case-insensitive",
      { ...ok, annotations: { "Example.COM/Key": "x" } },
      CM,
      [],
    ],
    ["annotation key invalid", { ...ok, annotations: { "a b": "x" } }, CM, [
      `metadata.annotations: Invalid value: "a b": ${NAME_PART_MSG}`,
    ]],
    ["annotations at the limit", { ...ok, annotations: { k: "x".repeat(262143) } }, CM, []],
    ["annotations too big", { ...ok, annotations: { k: "x".repeat(262144) } }, CM, [
      "metadata.annotations: Too long: may not be more than 262144 bytes",
    ]],
    ["annotations too big in bytes", { ...ok, annotations: { k: "é".repeat(131072) } }, CM, [
      "metadata.annotations: Too long: may not be more than 262144 bytes",
    ]],
    [
      "owner references valid",
      {
        ...ok,
        ownerReferences: [
          { apiVersion: "v1", kind: "ConfigMap", name: "o", uid: "1", controller: true },
          { apiVersion: "example.com/v1", kind: "W", name: "p", uid: "2", controller: false },
        ],
      },
      CM,
      [],
    ],
    [
      "owner reference fields missing",
      { ...ok, ownerReferences: [{ apiVersion: "", kind: "", name: "", uid: "" }] },
      CM,
      [
        'metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty',
        'metadata.ownerReferences.kind: Invalid value: "": must not be empty',
        'metadata.ownerReferences.name: Invalid value: "": must not be empty',
        'metadata.ownerReferences.uid: Invalid value: "": must not be empty',
      ],
    ],
    [
      "owner apiVersion without version",
      { ...ok, ownerReferences: [{ apiVersion: "apps/", kind: "D", name: "d", uid: "1" }] },
      CM,
      ['metadata.ownerReferences.apiVersion: Invalid value: "apps/": version must not be empty'],
    ],
    [
      "owner apiVersion with two slashes",
      { ...ok, ownerReferences: [{ apiVersion: "a/b/c", kind: "D", name: "d", uid: "1" }] },
      CM,
      ['metadata.ownerReferences.apiVersion: Invalid value: "a/b/c": version must not be empty'],
    ],
    [
      "Event may not own",
      { ...ok, ownerReferences: [{ apiVersion: "v1", kind: "Event", name: "e", uid: "1" }] },
      CM,
      [
        'metadata.ownerReferences: Invalid value: v1.OwnerReference{APIVersion:"v1", Kind:"Event", Name:"e", UID:"1", Controller:(*bool)(nil), BlockOwnerDeletion:(*bool)(nil)}: /v1, Kind=Event is disallowed from being an owner',
      ],
    ],
    [
      "two controllers",
      {
        ...ok,
        ownerReferences: [
          { apiVersion: "v1", kind: "A", name: "a", uid: "1", controller: true },
          { apiVersion: "v1", kind: "B", name: "b", uid: "2", controller: true },
        ],
      },
      CM,
      [
        'metadata.ownerReferences: Invalid value: []v1.OwnerReference{v1.OwnerReference{APIVersion:"v1", Kind:"A", Name:"a", UID:"1", Controller:(*bool)(0xc000000000), BlockOwnerDeletion:(*bool)(nil)}, v1.OwnerReference{APIVersion:"v1", Kind:"B", Name:"b", UID:"2", Controller:(*bool)(0xc000000000), BlockOwnerDeletion:(*bool)(nil)}}: Only one reference can have Controller set to true. Found "true" in references for A/a and B/b',
      ],
    ],
    ["standard finalizers on a core kind", { ...ok, finalizers: ["kubernetes", "orphan"] }, CM, []],
    ["qualified finalizer", { ...ok, finalizers: ["example.com/cleanup"] }, CM, []],
    ["unqualified finalizer on a core kind", { ...ok, finalizers: ["cleanup"] }, CM, [
      'metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ]],
    ["unqualified finalizer on a custom kind", { ...ok, finalizers: ["cleanup"] }, CR, []],
    ["invalid finalizer on a core kind", { ...ok, finalizers: ["a", "Bad Name"] }, CM, [
      `metadata.finalizers: Invalid value: "Bad Name": ${NAME_PART_MSG}`,
      'metadata.finalizers[0]: Invalid value: "a": name is neither a standard finalizer name nor is it fully qualified',
      'metadata.finalizers[1]: Invalid value: "Bad Name": name is neither a standard finalizer name nor is it fully qualified',
    ]],
    [
      "orphan with foregroundDeletion",
      { ...ok, finalizers: ["orphan", "foregroundDeletion"] },
      CR,
      [
        'metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set',
      ],
    ],
    [
      "managed fields",
      {
        ...ok,
        managedFields: [
          {
            manager: "k",
            operation: "Apply",
            apiVersion: "v1",
            fieldsType: "FieldsV1",
            fieldsV1: {},
          },
          {
            manager: "x".repeat(129),
            operation: "Patch" as "Apply",
            apiVersion: "v1",
            fieldsType: "FieldsV2" as "FieldsV1",
            fieldsV1: {},
            subresource: "s".repeat(257),
          },
          {
            manager: "a\u0007b",
            operation: "Update",
            apiVersion: "v1",
            fieldsType: "FieldsV1",
            fieldsV1: {},
          },
        ],
      },
      CM,
      [
        'metadata.managedFields[1].operation: Invalid value: "Patch": must be `Apply` or `Update`',
        'metadata.managedFields[1].fieldsType: Invalid value: "FieldsV2": must be `FieldsV1`',
        "metadata.managedFields[1].manager: Too long: may not be more than 128 bytes",
        "metadata.managedFields[1].subresource: Too long: may not be more than 256 bytes",
        'metadata.managedFields[2].manager: Invalid value: "a\\ab": invalid character U+0007 (at position 1)',
      ],
    ],
    [
      "errors in Kubernetes' order",
      { name: "A", namespace: "B", labels: { "-": "" }, finalizers: ["x"] },
      CM,
      [
        `metadata.name: Invalid value: "A": ${SUBDOMAIN_MSG}`,
        `metadata.namespace: Invalid value: "B": ${LABEL_MSG}`,
        `metadata.labels: Invalid value: "-": ${NAME_PART_MSG}`,
        'metadata.finalizers[0]: Invalid value: "x": name is neither a standard finalizer name nor is it fully qualified',
      ],
    ],
  ];
  for (const [name, meta, options, want] of cases) {
    await t.step(name, () => {
      assertEquals(validateObjectMeta(meta, options).map(formatFieldError), want);
    });
  }
});

Deno.test("validateObjectMetaUpdate() rejects changes to fixed fields", async (t) => {
  const old: ObjectMeta = {
    name: "a",
    namespace: "n",
    uid: "u1",
    creationTimestamp: "2026-01-02T03:04:05Z",
    generation: 2,
    finalizers: ["x/a"],
  };
  const cases: [string, ObjectMeta, ObjectMeta, string[]][] = [
    ["unchanged", { ...old }, old, []],
    [
      "same instant in another zone",
      { ...old, creationTimestamp: "2026-01-02T04:04:05+01:00" },
      old,
      [],
    ],
    ["name", { ...old, name: "b" }, old, ['metadata.name: Invalid value: "b": field is immutable']],
    ["namespace", { ...old, namespace: "m" }, old, [
      'metadata.namespace: Invalid value: "m": field is immutable',
    ]],
    ["uid", { ...old, uid: "u2" }, old, ['metadata.uid: Invalid value: "u2": field is immutable']],
    ["uid removed", { ...old, uid: undefined }, old, [
      'metadata.uid: Invalid value: "": field is immutable',
    ]],
    ["creationTimestamp", { ...old, creationTimestamp: "2026-05-06T07:08:09Z" }, old, [
      "metadata.creationTimestamp: Invalid value: 2026-05-06 07:08:09 +0000 UTC: field is immutable",
    ]],
    ["creationTimestamp removed", { ...old, creationTimestamp: null }, old, [
      "metadata.creationTimestamp: Invalid value: 0001-01-01 00:00:00 +0000 UTC: field is immutable",
    ]],
    ["deletionTimestamp set", { ...old, deletionTimestamp: "2026-05-06T07:08:09Z" }, old, [
      "metadata.deletionTimestamp: Invalid value: 2026-05-06 07:08:09 +0000 UTC: field is immutable",
    ]],
    [
      "deletionTimestamp cleared",
      { ...old },
      { ...old, deletionTimestamp: "2026-05-06T07:08:09Z" },
      ['metadata.deletionTimestamp: Invalid value: "null": field is immutable'],
    ],
    ["deletionGracePeriodSeconds", { ...old, deletionGracePeriodSeconds: 30 }, old, [
      "metadata.deletionGracePeriodSeconds: Invalid value: 30: field is immutable",
    ]],
    ["generation decremented", { ...old, generation: 1 }, old, [
      "metadata.generation: Invalid value: 1: must not be decremented",
    ]],
    [
      "new finalizers while deleting",
      {
        ...old,
        deletionTimestamp: "2026-05-06T07:08:09Z",
        finalizers: ["z/b", "x/a", "x/y", "x/y"],
      },
      { ...old, deletionTimestamp: "2026-05-06T07:08:09Z" },
      [
        'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"x/y", "z/b"}',
      ],
    ],
    [
      "removing finalizers while deleting",
      { ...old, deletionTimestamp: "2026-05-06T07:08:09Z", finalizers: [] },
      { ...old, deletionTimestamp: "2026-05-06T07:08:09Z" },
      [],
    ],
    ["new finalizers while not deleting", { ...old, finalizers: ["x/a", "x/b"] }, old, []],
  ];
  for (const [name, n, o, want] of cases) {
    await t.step(name, () => {
      assertEquals(validateObjectMetaUpdate(n, o).map(formatFieldError), want);
    });
  }
});

Deno.test("metadata part validators report at the given path", () => {
  assertEquals(validateLabels({ a: "b" }, "spec.selector.matchLabels"), []);
  assertEquals(validateLabels({ "-": "b" }, "spec.x").map((e) => e.field), ["spec.x"]);
  assertEquals(validateAnnotations({ "a/b": "c" }, "metadata.annotations"), []);
  assertEquals(validateFinalizers(["a/b"], "metadata.finalizers"), []);
  assertEquals(
    validateOwnerReferences([{ apiVersion: "v1", kind: "A", name: "a", uid: "1" }], "x"),
    [],
  );
});

Deno.test("validateLabelSelector() checks selectors inside objects", async (t) => {
  const p = "aggregationRule.clusterRoleSelectors[0]";
  const cases: [string, Parameters<typeof validateLabelSelector>[0], boolean, string[]][] = [
    [
      "valid",
      { matchLabels: { a: "b" }, matchExpressions: [{ key: "c", operator: "Exists" }] },
      false,
      [],
    ],
    ["null", null, false, []],
    ["bad matchLabels", { matchLabels: { a: "-" } }, false, [
      `${p}.matchLabels: Invalid value: "-": ${LABEL_VALUE_MSG}`,
    ]],
    ["In without values", { matchExpressions: [{ key: "a", operator: "In" }] }, false, [
      `${p}.matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
    ]],
    [
      "Exists with values",
      { matchExpressions: [{ key: "a", operator: "Exists", values: ["x"] }] },
      false,
      [
        `${p}.matchExpressions[0].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`,
      ],
    ],
    ["bad operator", { matchExpressions: [{ key: "a", operator: "Gt", values: ["1"] }] }, false, [
      `${p}.matchExpressions[0].operator: Invalid value: "Gt": not a valid selector operator`,
    ]],
    ["bad key", { matchExpressions: [{ key: "a b", operator: "Exists" }] }, false, [
      `${p}.matchExpressions[0].key: Invalid value: "a b": ${NAME_PART_MSG}`,
    ]],
    [
      "bad value",
      { matchExpressions: [{ key: "a", operator: "In", values: ["ok", "-"] }] },
      false,
      [
        `${p}.matchExpressions[0].values[1]: Invalid value: "-": ${LABEL_VALUE_MSG}`,
      ],
    ],
    [
      "bad value allowed",
      { matchExpressions: [{ key: "a", operator: "In", values: ["-"] }] },
      true,
      [],
    ],
  ];
  for (const [name, sel, allow, want] of cases) {
    await t.step(name, () => {
      assertEquals(
        validateLabelSelector(sel, p, { allowInvalidLabelValueInSelector: allow }).map(
          formatFieldError,
        ),
        want,
      );
    });
  }
});

// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { formatFieldError } from "../errors/field_error.ts";
import { isInvalid } from "../errors/status_error.ts";
import { loadCel } from "../schema/cel.ts";
import type { CustomResourceDefinition } from "./types.ts";
import { validateCustomResourceDefinition } from "./validate_crd.ts";
import { createCrd, errorOf, testRuntime, widgetCrd } from "./_fixtures_test.ts";

const PREFIX = 'CustomResourceDefinition.apiextensions.k8s.io "widgets.example.com" is invalid: ';
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const VERSION_V1 =
  'apiextensions.CustomResourceDefinitionVersion{Name:"v1", Served:true, Storage:true, Deprecated:false, DeprecationWarning:(*string)(nil), Schema:(*apiextensions.CustomResourceValidation)(nil), Subresources:(*apiextensions.CustomResourceSubresources)(nil), AdditionalPrinterColumns:[]apiextensions.CustomResourceColumnDefinition(nil), SelectableFields:[]apiextensions.SelectableField(nil)}';

type Case = [name: string, mutate: (c: CustomResourceDefinition) => void, message: string];

// deno-lint-ignore no-explicit-any
type Loose = any;

const cases: Case[] = [
  [
    "name must be plural.group",
    (c) => (c.metadata.name = "gadgets.example.com"),
    'CustomResourceDefinition.apiextensions.k8s.io "gadgets.example.com" is invalid: metadata.name: Invalid value: "gadgets.example.com": must be spec.names.plural+"."+spec.group',
  ],
  [
    "group needs a dot",
    (c) => {
      c.spec.group = "example";
      c.metadata.name = "widgets.example";
    },
    'CustomResourceDefinition.apiextensions.k8s.io "widgets.example" is invalid: spec.group: Invalid value: "example": should be a domain with at least one dot',
  ],
  [
    "scope is required",
    (c) => delete (c.spec as Loose).scope,
    `${PREFIX}spec.scope: Required value`,
  ],
  [
    "scope is Cluster or Namespaced",
    (c) => ((c.spec as Loose).scope = "Global"),
    `${PREFIX}spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"`,
  ],
  [
    "kind and listKind differ",
    (c) => (c.spec.names.listKind = "Widget"),
    `${PREFIX}spec.names.listKind: Invalid value: "Widget": kind and listKind may not be the same`,
  ],
  [
    "short names are DNS-1035 labels",
    (c) => (c.spec.names.shortNames = ["w_d"]),
    `${PREFIX}spec.names.shortNames[0]: Invalid value: "w_d": ${DNS1035}`,
  ],
  [
    "categories are DNS-1035 labels",
    (c) => (c.spec.names.categories = ["All"]),
    `${PREFIX}spec.names.categories[0]: Invalid value: "All": ${DNS1035}`,
  ],
  [
    "kind may have mixed case only",
    (c) => {
      c.spec.names = {
        ...c.spec.names,
        kind: "Wid_get",
        singular: "widget",
        listKind: "WidgetList",
      };
    },
    `${PREFIX}spec.names.kind: Invalid value: "Wid_get": may have mixed case, but should otherwise match: ${DNS1035}`,
  ],
  [
    "at least one version",
    (c) => (c.spec.versions = []),
    `${PREFIX}[spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{}: must have exactly one version marked as storage version, status.storedVersions: Invalid value: []string(nil): must have at least one stored version]`,
  ],
  [
    "exactly one storage version",
    (c) => c.spec.versions.push({ ...c.spec.versions[0], name: "v2" }),
    `${PREFIX}[spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{${VERSION_V1}, ${
      VERSION_V1.replace('"v1"', '"v2"')
    }}: must have exactly one version marked as storage version, status.storedVersions: Invalid value: []string{"v1"}: must have the storage version v2]`,
  ],
  [
    "unique version names",
    (c) => c.spec.versions.push({ ...c.spec.versions[0], storage: false }),
    `${PREFIX}spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{${VERSION_V1}, ${
      VERSION_V1.replace("Storage:true", "Storage:false")
    }}: must contain unique version names`,
  ],
  [
    "version names are DNS-1035 labels",
    (c) => (c.spec.versions[0].name = "V1"),
    `${PREFIX}spec.versions[0].name: Invalid value: "V1": ${DNS1035}`,
  ],
  [
    "a schema per version",
    (c) => delete c.spec.versions[0].schema,
    `${PREFIX}spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required`,
  ],
  [
    "one schema is checked at spec.validation",
    (c) => (c.spec.versions[0].schema!.openAPIV3Schema!.properties!.spec.properties!.size = {}),
    `${PREFIX}spec.validation.openAPIV3Schema.properties[spec].properties[size].type: Required value: must not be empty for specified object fields`,
  ],
  [
    "different schemas are checked per version",
    (c) =>
      c.spec.versions.push({
        name: "v2",
        served: true,
        storage: false,
        schema: { openAPIV3Schema: { type: "object", properties: { x: {} } } },
      }),
    `${PREFIX}spec.versions[1].schema.openAPIV3Schema.properties[x].type: Required value: must not be empty for specified object fields`,
  ],
  [
    "printer columns",
    (c) => (c.spec.versions[0].additionalPrinterColumns = [
      { name: "", type: "str", jsonPath: "spec.size", format: "x" },
    ]),
    `${PREFIX}[spec.additionalPrinterColumns[0].name: Required value, spec.additionalPrinterColumns[0].type: Invalid value: "str": must be one of boolean,date,integer,number,string, spec.additionalPrinterColumns[0].format: Invalid value: "x": must be one of byte,date,date-time,double,float,int32,int64,password, spec.additionalPrinterColumns[0].JSONPath: Invalid value: "spec.size": must be a simple json path starting with .]`,
  ],
  [
    "printer column paths are required",
    (
      c,
    ) => (c.spec.versions[0].additionalPrinterColumns = [
      { name: "Size", type: "integer" } as Loose,
    ]),
    `${PREFIX}spec.additionalPrinterColumns[0].JSONPath: Required value`,
  ],
  [
    "scale paths",
    (c) => (c.spec.versions[0].subresources = {
      scale: { specReplicasPath: ".status.r", statusReplicasPath: "" },
    }),
    `${PREFIX}[spec.subresources.scale.specReplicasPath: Invalid value: ".status.r": should be a json path under .spec, spec.subresources.scale.statusReplicasPath: Required value]`,
  ],
  [
    "selectable fields",
    (c) => (c.spec.versions[0].selectableFields = [
      { jsonPath: ".spec" },
      { jsonPath: ".spec.nope" },
      { jsonPath: ".spec.size" },
      { jsonPath: ".spec.size" },
      { jsonPath: ".spec[0]" },
    ]),
    `${PREFIX}[spec.selectableFields[0].jsonPath: Invalid value: ".spec": must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed., spec.selectableFields[1].jsonPath: Invalid value: ".spec.nope": is an invalid path: does not refer to a valid field, spec.selectableFields[3].jsonPath: Duplicate value: ".spec.size", spec.selectableFields[4].jsonPath: Invalid value: ".spec[0]": is an invalid path: array notation is not allowed]`,
  ],
  [
    "status subresource restricts the root schema",
    (c) => {
      c.spec.versions[0].subresources = { status: {} };
      c.spec.versions[0].schema!.openAPIV3Schema!.type = "string";
    },
    `${PREFIX}[spec.validation.openAPIV3Schema.type: Invalid value: "string": only "object" is allowed as the type at the root of the schema if the status subresource is enabled, spec.validation.openAPIV3Schema.type: Invalid value: "string": must be object at the root]`,
  ],
  [
    "protected groups need approval",
    (c) => {
      c.spec.group = "x.k8s.io";
      c.metadata.name = "widgets.x.k8s.io";
    },
    'CustomResourceDefinition.apiextensions.k8s.io "widgets.x.k8s.io" is invalid: metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111',
  ],
  [
    "webhook conversion needs a client config",
    (c) => (c.spec.conversion = { strategy: "Webhook" }),
    `${PREFIX}[spec.conversion.webhookClientConfig: Required value: required when strategy is set to Webhook, spec.conversion.conversionReviewVersions: Required value]`,
  ],
  [
    "deprecation warnings only on deprecated versions",
    (c) => (c.spec.versions[0].deprecationWarning = "x"),
    `${PREFIX}spec.versions[0].deprecationWarning: Invalid value: "x": can only be set for deprecated versions`,
  ],
  [
    "preserveUnknownFields cannot be true",
    (c) => (c.spec.preserveUnknownFields = true),
    `${PREFIX}spec.preserveUnknownFields: Invalid value: true: cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead`,
  ],
];

Deno.test("create rejects invalid CustomResourceDefinitions with Kubernetes' messages", async (t) => {
  await using rt = await testRuntime();
  for (const [name, mutate, message] of cases) {
    await t.step(name, async () => {
      assertEquals(await errorOf(() => createCrd(rt, widgetCrd(mutate))), message);
    });
  }
});

Deno.test("create rejects CEL rules that do not compile, loading CEL for the check", async () => {
  await using rt = await testRuntime();
  const msg = await errorOf(() =>
    createCrd(
      rt,
      widgetCrd((c) => {
        c.spec.versions[0].schema!.openAPIV3Schema!.properties!.spec["x-kubernetes-validations"] = [
          { rule: "self.sise > 0" },
        ];
      }),
    )
  );
  assertEquals(
    msg.startsWith(
      `${PREFIX}spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Invalid value: `,
    ),
    true,
  );
  assertEquals(
    msg.includes("compilation failed: ERROR: <input>:1:5: undefined field 'sise'"),
    true,
  );
});

Deno.test("update keeps group, plural and (once established) kind and scope", async (t) => {
  await using rt = await testRuntime();
  const stored = await createCrd(rt, widgetCrd());
  const steps: [string, (c: CustomResourceDefinition) => void, string][] = [
    [
      "kind",
      (c) => {
        c.spec.names.kind = "Gadget";
        c.spec.names.listKind = "GadgetList";
      },
      `${PREFIX}spec.names.kind: Invalid value: "Gadget": field is immutable`,
    ],
    [
      "scope",
      (c) => (c.spec.scope = "Cluster"),
      `${PREFIX}spec.scope: Invalid value: "Cluster": field is immutable`,
    ],
    [
      "plural",
      (c) => (c.spec.names.plural = "gadgets"),
      // An update does not check the name against the spec (ValidateCustomResourceDefinitionUpdate).
      `${PREFIX}spec.names.plural: Invalid value: "gadgets": field is immutable`,
    ],
  ];
  for (const [name, mutate, message] of steps) {
    await t.step(name, async () => {
      const next = structuredClone(stored);
      mutate(next);
      const err = await errorOf(() => rt.client.update(next as Loose));
      assertEquals(err, message);
    });
  }
});

Deno.test("validateCustomResourceDefinition() checks a CRD without a runtime", async (t) => {
  const crd = widgetCrd();
  crd.spec.names.singular = "widget";
  crd.spec.names.listKind = "WidgetList";
  crd.status = { storedVersions: ["v1"] };
  await t.step("a valid CRD has no errors", () => {
    assertEquals(validateCustomResourceDefinition(crd), []);
  });
  await t.step("singular and listKind are required after defaulting", () => {
    const c = structuredClone(crd);
    delete c.spec.names.singular;
    delete c.spec.names.listKind;
    assertEquals(validateCustomResourceDefinition(c).map(formatFieldError), [
      "spec.names.singular: Required value",
      "spec.names.listKind: Required value",
    ]);
  });
  await t.step("rules need CEL, or are skipped with rules: skip", async () => {
    const c = structuredClone(crd);
    c.spec.versions[0].schema!.openAPIV3Schema!["x-kubernetes-validations"] = [{ rule: "self.x" }];
    let threw = false;
    try {
      validateCustomResourceDefinition(c);
    } catch (e) {
      threw = e instanceof TypeError;
    }
    assertEquals(threw, true);
    assertEquals(validateCustomResourceDefinition(c, { rules: "skip" }), []);
    const errs = validateCustomResourceDefinition(c, { cel: await loadCel() });
    assertEquals(
      errs.map((e) => e.field),
      ["spec.validation.openAPIV3Schema.x-kubernetes-validations[0].rule"],
    );
  });
});

Deno.test("create returns Invalid (422) for invalid CRDs", async () => {
  await using rt = await testRuntime();
  try {
    await createCrd(rt, widgetCrd((c) => (c.metadata.name = "x.example.com")));
  } catch (e) {
    assertEquals(isInvalid(e), true);
    return;
  }
  throw new Error("Expected Invalid");
});

Deno.test("create rejects CEL rules as Kubernetes does, with its messages", async (t) => {
  await using rt = await testRuntime();
  const V = "spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[0]";
  const goRule = (r: { rule: string } & Record<string, string>) =>
    `apiextensions.ValidationRule{Rule:${JSON.stringify(r.rule)}, Message:"", MessageExpression:${
      JSON.stringify(r.messageExpression ?? "")
    }, Reason:(*apiextensions.FieldValueErrorReason)(nil), FieldPath:${
      JSON.stringify(r.fieldPath ?? "")
    }, OptionalOldSelf:(*bool)(nil)}`;
  const HINT =
    "(try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)";
  const steps: [
    string,
    { rule: string } & Record<string, string>,
    Record<string, unknown>,
    string,
  ][] = [
    [
      "a rule that does not compile",
      { rule: "self.foo == 1" },
      {},
      `${V}.rule: Invalid value: ${
        goRule({ rule: "self.foo == 1" })
      }: compilation failed: ERROR: <input>:1:5: undefined field 'foo'\n | self.foo == 1\n | ....^`,
    ],
    [
      "a messageExpression that does not compile",
      { rule: "self.l.size() > 0", messageExpression: "'too ' + self.nope" },
      { maxItems: 5 },
      `${V}.messageExpression: Invalid value: ${
        goRule({ rule: "self.l.size() > 0", messageExpression: "'too ' + self.nope" })
      }: messageExpression compilation failed: ERROR: <input>:1:14: undefined field 'nope'\n | 'too ' + self.nope\n | .............^`,
    ],
    [
      "a fieldPath that names no field",
      { rule: "self.l.size() > 0", fieldPath: ".nope" },
      { maxItems: 5 },
      `${V}.fieldPath: Invalid value: ".nope": fieldPath must be a valid path`,
    ],
    [
      "a rule over the cost budget",
      { rule: "self.l.all(x, self.l.all(y, x.matches(y)))" },
      {},
      `[${V}.rule: Forbidden: estimated rule cost exceeds budget by factor of more than 100x ${HINT}, ${V}.rule: Forbidden: contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema, spec.validation.openAPIV3Schema: Forbidden: x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema exceeds budget by factor of more than 100x ${HINT}]`,
    ],
  ];
  for (const [name, rule, bounds, want] of steps) {
    await t.step(name, async () => {
      const crd = widgetCrd((c) => {
        const spec = c.spec.versions[0].schema!.openAPIV3Schema!.properties!.spec;
        spec.properties = { l: { type: "array", items: { type: "string" }, ...bounds } };
        spec["x-kubernetes-validations"] = [rule];
      });
      assertEquals(await errorOf(() => createCrd(rt, crd)), PREFIX + want);
    });
  }
  await t.step("the same rule within bounds", async () => {
    const crd = widgetCrd((c) => {
      const spec = c.spec.versions[0].schema!.openAPIV3Schema!.properties!.spec;
      spec.properties = {
        l: { type: "array", maxItems: 10, items: { type: "string", maxLength: 10 } },
      };
      spec["x-kubernetes-validations"] = [{ rule: "self.l.all(x, self.l.all(y, x.matches(y)))" }];
    });
    assertEquals((await createCrd(rt, crd)).metadata.name, "widgets.example.com");
  });
});

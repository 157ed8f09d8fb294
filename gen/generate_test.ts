// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { fileURLToPath as fromFileUrl } from "node:url";
import { parse } from "yaml";
import { checkGenerated, generate, type GeneratedFile, writeGenerated } from "./mod.ts";

const GOLDEN = fromFileUrl(new URL("./testdata/golden", import.meta.url));
const REPO = fromFileUrl(new URL("..", import.meta.url));
// K1S_UPDATE_GOLDEN=1 rewrites the expected files; review the diff before committing it.
const UPDATE = Deno.env.get("K1S_UPDATE_GOLDEN") === "1";

const EXAMPLE_HEADER = "Copyright 2026 the k1s authors. Apache-2.0 license.";

async function assertGolden(files: GeneratedFile[], output: string): Promise<void> {
  if (UPDATE) {
    await writeGenerated(files, output);
    return;
  }
  for (const f of files) {
    assertEquals(
      f.content,
      await Deno.readTextFile(f.path),
      `${f.path} differs from the golden file`,
    );
  }
  assertEquals(await checkGenerated(files, output), []);
}

const cases: string[] = [];
for await (const e of Deno.readDir(GOLDEN)) if (e.isDirectory) cases.push(e.name);
cases.sort();

Deno.test("generate() output matches the golden files", async (t) => {
  assert(cases.length >= 2);
  for (const name of cases) {
    await t.step(name, async () => {
      const output = join(GOLDEN, name, "generated");
      const files = await generate({ input: join(GOLDEN, name, "api"), output });
      await assertGolden(files, output);
    });
  }
});

Deno.test("generate() output of the inventory example is up to date", async () => {
  const output = join(REPO, "examples/inventory/generated");
  const files = await generate({
    input: join(REPO, "examples/inventory/api"),
    output,
    header: EXAMPLE_HEADER,
  });
  await assertGolden(files, output);
});

// deno-lint-ignore no-explicit-any
function crdOf(files: GeneratedFile[], name: string): any {
  const file = files.find((f) => f.path.endsWith(`/${name}.yaml`));
  assert(file !== undefined, `no ${name}.yaml`);
  return parse(file.content);
}

Deno.test("generate() maps each marker and type as controller-gen does", async (t) => {
  const files = await generate({
    input: join(GOLDEN, "markers/api"),
    output: join(GOLDEN, "markers/generated"),
  });
  const widget = crdOf(files, "markers.example.com_widgets");
  const gadget = crdOf(files, "markers.example.com_gizmos");
  const v = widget.spec.versions[0];
  const root = v.schema.openAPIV3Schema;
  const spec = root.properties.spec.properties;
  const cases: [string, unknown, unknown][] = [
    // Names and CRD markers.
    ["metadata.name is <plural>.<group>", widget.metadata.name, "widgets.markers.example.com"],
    ["resource shortName", widget.spec.names.shortNames, ["wd", "wdg"]],
    ["resource categories", widget.spec.names.categories, ["all", "toys"]],
    ["listKind", widget.spec.names.listKind, "WidgetList"],
    ["default scope", widget.spec.scope, "Namespaced"],
    ["resource scope, path, singular", [
      gadget.spec.scope,
      gadget.spec.names.plural,
      gadget.spec.names.singular,
    ], [
      "Cluster",
      "gizmos",
      "gizmo",
    ]],
    ["printcolumn", v.additionalPrinterColumns[1], {
      name: "Level",
      type: "integer",
      jsonPath: ".spec.level",
      description: "How high",
      priority: 1,
      format: "int32",
    }],
    ["subresource:status", v.subresources, { status: {} }],
    ["subresource:scale", gadget.spec.versions[0].subresources.scale, {
      specReplicasPath: ".spec.replicas",
      statusReplicasPath: ".status.replicas",
      labelSelectorPath: ".status.selector",
    }],
    ["selectablefield", v.selectableFields, [{ jsonPath: ".spec.color" }]],
    ["deprecatedversion", [
      gadget.spec.versions[0].deprecated,
      gadget.spec.versions[0].deprecationWarning,
    ], [
      true,
      "use Widget instead",
    ]],
    ["single version is served and stored", [v.served, v.storage], [true, true]],
    // Root schema.
    [
      "root description is the kind's doc",
      root.description,
      "Widget has every CRD marker that applies to a namespaced kind.",
    ],
    ["metadata is a bare object", root.properties.metadata, { type: "object" }],
    ["root XValidation", root["x-kubernetes-validations"], [{
      rule: "self.metadata.name.size() <= 63",
      message: "name too long",
    }]],
    ["required follows ? and markers, sorted", root.properties.spec.required, [
      "color",
      "defColonEq",
      "reqByKb",
      "reqByMarker",
      "ro",
      "str",
    ]],
    // Types.
    ["string", spec.str.type, "string"],
    ["number", spec.num, { type: "number", description: "A plain number is a float." }],
    ["Type=integer on number", spec.numAsInt.type, "integer"],
    ["Format=int64 on number", [spec.numAsInt64.type, spec.numAsInt64.format], [
      "integer",
      "int64",
    ]],
    ["int32", [spec.i32.type, spec.i32.format], ["integer", "int32"]],
    ["int64", [spec.i64.type, spec.i64.format], ["integer", "int64"]],
    ["IntOrString", [spec.ios.anyOf, spec.ios["x-kubernetes-int-or-string"]], [[
      { type: "integer" },
      { type: "string" },
    ], true]],
    ["DateTime", [spec.when.type, spec.when.format], ["string", "date-time"]],
    ["string literal union", [spec.color.type, spec.color.enum], ["string", [
      "red",
      "green",
      "blue",
    ]]],
    ["integer literal union", [spec.level.type, spec.level.enum], ["integer", [1, 2, 3]]],
    ["number literal union", [spec.ratio.type, spec.ratio.enum], ["number", [0.5, 1]]],
    [
      "alias description when the field has none",
      spec.phase.description,
      "Phase is the lifecycle phase of a Widget.",
    ],
    ["T | null", spec.maybe.nullable, true],
    ["T[]", spec.list.items, { type: "string" }],
    ["readonly T[]", spec.roList.type, "array"],
    ["Array<T>", spec.generic.items, { type: "integer", format: "int32" }],
    ["Record<string, T>", spec.labels.additionalProperties, { type: "string" }],
    ["Record<string, unknown>", [
      spec.anyMap.type,
      spec.anyMap["x-kubernetes-preserve-unknown-fields"],
    ], ["object", true]],
    ["index signature", spec.idx.additionalProperties, { type: "integer", format: "int32" }],
    ["unknown", spec.raw, {
      description: "Arbitrary JSON.",
      "x-kubernetes-preserve-unknown-fields": true,
    }],
    ["inline object", [spec.nested.required, spec.nested.properties.a.description], [
      ["a"],
      "Inner field.",
    ]],
    ["imported interface", spec.endpoint.description, "Endpoint is a host and a port."],
    ["re-exported alias", Object.keys(spec.remote.properties), ["host", "port"]],
    ["field doc wins, type markers stay", [
      spec.port.description,
      spec.port.minimum,
      spec.port.maximum,
    ], [
      "The field doc wins over the type doc; the type's bounds stay.",
      1,
      65535,
    ]],
    ["type markers on array items", spec.ports.items.maximum, 65535],
    ["extends", [Object.keys(spec.derived.properties), spec.derived.required], [[
      "inherited",
      "overridden",
      "own",
    ], [
      "inherited",
      "overridden",
    ]]],
    [
      "field rules before type rules",
      spec.ruled["x-kubernetes-validations"].map((r: { rule: string }) => r.rule),
      [
        "self.max <= 100",
        "self.min <= self.max",
      ],
    ],
    ["quoted key", spec["quoted-key"].type, "string"],
    // Validation markers.
    ["Minimum/Maximum/Exclusive*/MultipleOf", [
      spec.bounded.minimum,
      spec.bounded.maximum,
      spec.bounded.exclusiveMinimum,
      spec.bounded.exclusiveMaximum,
      spec.bounded.multipleOf,
    ], [-5, 5, true, true, 0.5]],
    ["MinLength/MaxLength/Pattern", [spec.text.minLength, spec.text.maxLength, spec.text.pattern], [
      1,
      10,
      "^[a-z]{1,10}$",
    ]],
    ["raw-string Pattern", spec.decimal.pattern, "^\\d+(\\.\\d+)?$"],
    ["MinItems/MaxItems/UniqueItems=false", [
      spec.uniq.minItems,
      spec.uniq.maxItems,
      spec.uniq.uniqueItems,
    ], [1, 3, undefined]],
    ["MinProperties/MaxProperties", [spec.props.minProperties, spec.props.maxProperties], [1, 2]],
    ["Enum=a;b;c", spec.viaEnum.enum, ["a", "b", "c"]],
    ["Enum={1,2}", spec.intEnum.enum, [1, 2]],
    ["Format", spec.email.format, "email"],
    ["+nullable", spec.nul.nullable, true],
    ["default string", spec.defStr.default, "hello"],
    ["default integer", spec.defInt.default, -3],
    ["default number", spec.defNum.default, 1.5],
    ["default boolean", spec.defBool.default, true],
    ["default map", spec.defObj.default, { a: 1, b: "two" }],
    ["default slice", spec.defArr.default, ["x", "y"]],
    ["default {} on an array is []", spec.defEmptyArr.default, []],
    ["default {} on an object", spec.defEmptyObj.default, {}],
    ["default quoted string", spec.defQuoted.default, "quoted, with comma"],
    ["+default JSON", spec.defJson.default, "json"],
    ["+kubebuilder:default beats +default", spec.defBoth.default, "kubebuilder"],
    ["example", spec.example.example, ["a", "b"]],
    ["EmbeddedResource", spec.embedded["x-kubernetes-embedded-resource"], true],
    ["Schemaless", spec.schemaless, {
      description: "Not introspected.",
      type: "object",
      "x-kubernetes-preserve-unknown-fields": true,
    }],
    ["XIntOrString with Pattern", [
      spec.pct.type,
      spec.pct["x-kubernetes-int-or-string"],
      spec.pct.pattern,
    ], [
      undefined,
      true,
      "^\\d+%?$",
    ]],
    ["XPreserveUnknownFields", spec.keep["x-kubernetes-preserve-unknown-fields"], true],
    ["listType=map with listMapKey", [
      spec.entries["x-kubernetes-list-type"],
      spec.entries["x-kubernetes-list-map-keys"],
    ], [
      "map",
      ["name", "port"],
    ]],
    ["listType=set", spec.set["x-kubernetes-list-type"], "set"],
    ["listType=atomic", spec.atomicList["x-kubernetes-list-type"], "atomic"],
    ["mapType", spec.atomicMap["x-kubernetes-map-type"], "atomic"],
    ["structType", spec.atomicStruct["x-kubernetes-map-type"], "atomic"],
    ["validation:items:*", spec.itemsVal.items, {
      type: "string",
      maxLength: 5,
      pattern: "^[a-z]+$",
      "x-kubernetes-validations": [{ rule: "self != 'x'" }],
    }],
    ["XValidation arguments", spec.immutable["x-kubernetes-validations"], [{
      rule: "!oldSelf.hasValue() || self == oldSelf.value()",
      messageExpression: "'x was ' + oldSelf.value().x",
      reason: "FieldValueForbidden",
      fieldPath: ".x",
      optionalOldSelf: true,
    }]],
    // Descriptions.
    [
      "description processing",
      spec.documented.description,
      [
        "Doc processing: the first paragraph.",
        "",
        "The second paragraph, after a blank line, with a Endpoint and a",
        "labelled link.",
        "",
        "Runs of blank lines collapse.",
        "",
        "```yaml",
        "code: kept",
        "---",
        "```",
      ].join("\n"),
    ],
    ["markers after --- and tags still apply", [
      spec.documented.minLength,
      spec.documented.maxLength,
    ], [1, 9]],
  ];
  for (const [name, actual, expected] of cases) {
    await t.step(name, () => assertEquals(actual, expected));
  }
});

Deno.test("generate() merges versions into one CRD", async () => {
  const files = await generate({
    input: join(GOLDEN, "multiversion/api"),
    output: join(GOLDEN, "multiversion/generated"),
  });
  const thing = crdOf(files, "multi.example.com_things");
  const versions = thing.spec.versions.map((
    v: { name: string; served: boolean; storage: boolean; deprecated?: boolean },
  ) => [v.name, v.served, v.storage, v.deprecated ?? false]);
  assertEquals(versions, [
    ["v1", true, false, true],
    ["v1alpha1", false, false, false],
    ["v2", true, true, false],
  ]);
  const v1Spec = thing.spec.versions[0].schema.openAPIV3Schema.properties.spec;
  assertEquals(v1Spec.required, ["name"], "package-level +kubebuilder:validation:Optional");
  const mod = files.find((f) => f.path.endsWith("/mod.ts"))!;
  assertStringIncludes(
    mod.content,
    "export const crds: CustomResourceDefinition[] = [\n  v1.crds[0],\n  v2.crds[0],\n];",
  );
  assertEquals(files.map((f) => f.path.split("/").pop()), [
    "mod.ts",
    "multi.example.com_others.yaml",
    "multi.example.com_things.yaml",
    "v1.ts",
    "v1alpha1.ts",
    "v2.ts",
  ]);
});

Deno.test("generate() output is stable under deno fmt and starts with the banner", async () => {
  const output = join(GOLDEN, "markers/generated");
  const files = await generate({
    input: join(GOLDEN, "markers/api"),
    output,
    header: "Line one.\nLine two.",
  });
  for (const f of files) {
    const comment = f.path.endsWith(".yaml") ? "#" : "//";
    assert(
      f.content.startsWith(
        `${comment} Code generated by k1s-gen. DO NOT EDIT.\n${comment} Line one.\n${comment} Line two.\n`,
      ),
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["fmt", `--ext=${f.path.endsWith(".yaml") ? "yaml" : "ts"}`, "-"],
      cwd: output,
      stdin: "piped",
      stdout: "piped",
    }).spawn();
    const w = out.stdin.getWriter();
    await w.write(new TextEncoder().encode(f.content));
    await w.close();
    const formatted = new TextDecoder().decode((await out.output()).stdout);
    assertEquals(formatted, f.content, `${f.path} changes under deno fmt`);
  }
});

Deno.test("generate() without formatting still parses as YAML and keeps keys sorted", async () => {
  const files = await generate({
    input: join(GOLDEN, "markers/api"),
    output: join(GOLDEN, "markers/generated"),
    format: false,
  });
  const formatted = await generate({
    input: join(GOLDEN, "markers/api"),
    output: join(GOLDEN, "markers/generated"),
  });
  for (const [i, f] of files.entries()) {
    if (!f.path.endsWith(".yaml")) continue;
    assertEquals(parse(f.content), parse(formatted[i].content));
    const keys = Object.keys(parse(f.content));
    assertEquals(keys, [...keys].sort());
  }
});

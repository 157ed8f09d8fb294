// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertInstanceOf, assertRejects } from "@std/assert";
import { dirname, join } from "node:path";
import { generate, GenerateError } from "./mod.ts";

const GEN_TYPES = import.meta.resolve("./types.ts");

/** A package header plus a local ObjectMeta, so that fixtures need no import map. */
function pkg(group = "err.example.com", extra = ""): string {
  return `/**
 * +groupName=${group}${extra}
 * @module
 */
import type { int32 } from "${GEN_TYPES}";
export interface ObjectMeta { name?: string }
`;
}

function kind(
  name: string,
  spec: string,
  markers = "",
  version = "v1",
  group = "err.example.com",
): string {
  return `
/**
 * ${name} is a kind.
 * +kubebuilder:object:root=true${
    markers.split("\n").filter((l) => l !== "").map((l) => `\n * ${l}`).join("")
  }
 */
export interface ${name} {
  apiVersion: "${group}/${version}";
  kind: "${name}";
  metadata: ObjectMeta;
  spec: ${spec};
}
`;
}

/** The API server's rendering of a rule in a field error (Go's `%#v` of the internal type). */
function goRule(rule: string, messageExpression = ""): string {
  return `apiextensions.ValidationRule{Rule:${JSON.stringify(rule)}, Message:"", ` +
    `MessageExpression:${JSON.stringify(messageExpression)}, ` +
    `Reason:(*apiextensions.FieldValueErrorReason)(nil), FieldPath:"", ` +
    `OptionalOldSelf:(*bool)(nil)}`;
}

const SCHEMA = "spec.validation.openAPIV3Schema";
const BUDGET_HINT = "(try simplifying the rule, or adding maxItems, maxProperties, and " +
  "maxLength where arrays, maps, and strings are declared)";

/** An expected diagnostic: file, the text that identifies its line (or "" for line 0), message. */
type Expected = [file: string, lineText: string, message: string];

interface Case {
  name: string;
  files: Record<string, string>;
  expected: Expected[];
}

const cases: Case[] = [
  {
    name: "an import that does not resolve is Deno's error, not its hint",
    files: {
      "v1/types.ts": pkg() + 'import type { Nope } from "@k1s/nope";\n' +
        kind("Widget", "Nope"),
    },
    expected: [[
      "v1/types.ts",
      "@k1s/nope",
      'Failed resolving types. Import "@k1s/nope" not a dependency',
    ]],
  },
  {
    name: "unknown marker",
    files: {
      "v1/types.ts": pkg() + kind("Widget", "WidgetSpec") + `
export interface WidgetSpec {
  /** +kubebuilder:validation:Foo=1 */
  a: string;
}
`,
    },
    expected: [["v1/types.ts", "Foo=1", 'unknown marker "+kubebuilder:validation:Foo"']],
  },
  {
    name: "malformed marker values, each reported at its own line",
    files: {
      "v1/types.ts": pkg() + kind("Widget", "WidgetSpec") + `
export interface WidgetSpec {
  /**
   * +kubebuilder:validation:Minimum=abc
   * +kubebuilder:validation:UniqueItems=yes
   * +optional=true
   */
  a: int32;
  /** +kubebuilder:validation:XValidation:rule="self > 0",reason=Nope */
  b: int32;
}
`,
    },
    expected: [
      [
        "v1/types.ts",
        "Minimum=abc",
        'marker "+kubebuilder:validation:Minimum": expected integer or float',
      ],
      [
        "v1/types.ts",
        "UniqueItems=yes",
        'marker "+kubebuilder:validation:UniqueItems": expected true or false, got "yes"',
      ],
      ["v1/types.ts", "+optional=true", 'marker "+optional" takes no value'],
      [
        "v1/types.ts",
        "reason=Nope",
        'invalid reason "Nope", valid values are FieldValueRequired, FieldValueInvalid, FieldValueForbidden, FieldValueDuplicate',
      ],
    ],
  },
  {
    name: "markers in the wrong place",
    files: {
      "v1/types.ts": pkg() + kind("Widget", "WidgetSpec") + `
/**
 * +optional
 * +kubebuilder:printcolumn:name=A,type=string,JSONPath=.spec.a
 */
export interface WidgetSpec {
  /** +kubebuilder:subresource:status */
  a: string;
  /** +groupName=other.example.com */
  b: string;
}
`,
    },
    expected: [
      ["v1/types.ts", " * +optional", 'marker "+optional" is not allowed on a type'],
      [
        "v1/types.ts",
        "printcolumn:name=A",
        'marker "+kubebuilder:printcolumn" is only allowed on a kind (+kubebuilder:object:root=true)',
      ],
      [
        "v1/types.ts",
        "subresource:status */",
        'marker "+kubebuilder:subresource:status" is not allowed on a field',
      ],
      ["v1/types.ts", "groupName=other", 'marker "+groupName" is not allowed on a field'],
    ],
  },
  {
    name: "markers that do not fit the type",
    files: {
      "v1/types.ts": pkg() + kind("Widget", "WidgetSpec") + `
export interface WidgetSpec {
  /** +kubebuilder:validation:Minimum=1 */
  a: string;
  /** +kubebuilder:validation:Minimum=0.5 */
  b: int32;
  /** +kubebuilder:validation:MaxItems=1 */
  c: string;
  /** +kubebuilder:validation:Enum=x;y */
  d: "a" | "b";
  /** +kubebuilder:validation:Enum=x;y */
  e: int32;
  /** +listType=map */
  f: string;
  /**
   * +listType=map
   * +listMapKey=nope
   */
  g: { name: string }[];
  /** +kubebuilder:default=abc */
  h: int32;
  /** +kubebuilder:validation:Pattern=([a-z */
  i: string;
  /** +kubebuilder:validation:items:MaxLength=1 */
  j: string;
  /** +mapType=weird */
  k: Record<string, string>;
}
`,
    },
    expected: [
      ["v1/types.ts", "Minimum=1 */", 'must apply minimum to a numeric value, found type "string"'],
      [
        "v1/types.ts",
        "Minimum=0.5",
        "cannot apply non-integral minimum validation (0.5) to integer value",
      ],
      ["v1/types.ts", "MaxItems=1", 'must apply maxitems to an array, found type "string"'],
      [
        "v1/types.ts",
        "Enum=x;y */\n  d",
        "the type already lists its values (a literal union); remove the Enum marker",
      ],
      ["v1/types.ts", "Enum=x;y */\n  e", 'enum value "x": value must be an integer'],
      ["v1/types.ts", "listType=map */", "must apply listType to an array, found string"],
      ["v1/types.ts", "listMapKey=nope", 'listMapKey "nope" is not a property of the list items'],
      ["v1/types.ts", "default=abc", 'invalid default "abc": value must be an integer'],
      [
        "v1/types.ts",
        "Pattern=([a-z",
        'invalid pattern "([a-z": Invalid regular expression: /([a-z/: Unterminated character class',
      ],
      [
        "v1/types.ts",
        "items:MaxLength",
        "must apply +kubebuilder:validation:items:MaxLength to an array value, found string",
      ],
      ["v1/types.ts", "mapType=weird", 'MapType must be either "granular" or "atomic"'],
    ],
  },
  {
    name: "unsupported TypeScript types",
    files: {
      "v1/types.ts": pkg() + kind("Widget", "WidgetSpec") + `
interface A { a: string }
interface B { b: string }
interface Tree { children: Tree[] }
interface Box<T> { value: T }
enum Color { Red = "red" }
export interface WidgetSpec {
  fn: () => void;
  objects: A | B;
  mixed: string | number;
  anything: any;
  date: Date;
  tree: Tree;
  box: Box<string>;
  color: Color;
  numKeys: Record<number, string>;
  tuple: [string, string];
  both: A & B;
  typo: Strin;
  method(): void;
}
`,
    },
    expected: [
      ["v1/types.ts", "fn: () => void", "function types are not supported in API types"],
      [
        "v1/types.ts",
        "objects: A | B",
        'union type "A | B" is not supported; only unions of literals of one type (and null) can be expressed in a CRD schema',
      ],
      [
        "v1/types.ts",
        "mixed: string",
        'union type "string | number" is not supported; only unions of literals of one type (and null) can be expressed in a CRD schema',
      ],
      [
        "v1/types.ts",
        "anything: any",
        'type "any" is not supported; use "unknown" for arbitrary JSON',
      ],
      [
        "v1/types.ts",
        "date: Date",
        'type "Date" is not JSON; use DateTime from @k1s/gen (an RFC 3339 string)',
      ],
      [
        "v1/types.ts",
        "interface Tree",
        'type "Tree" is recursive, which a CRD schema cannot express',
      ],
      [
        "v1/types.ts",
        "box: Box<string>",
        'generic type "Box<string>" is not supported in API types',
      ],
      [
        "v1/types.ts",
        "enum Color",
        'enum "Color" is not supported; use a union of string literals',
      ],
      ["v1/types.ts", "numKeys", 'Record keys must be "string", not "number"'],
      ["v1/types.ts", "tuple:", 'type "[string, string]" is not supported in API types'],
      ["v1/types.ts", "both: A & B", 'type "A & B" is not supported in API types'],
      ["v1/types.ts", "typo: Strin", 'unknown type "Strin"'],
      ["v1/types.ts", "method(): void", 'method "method" is not supported in API types'],
    ],
  },
  {
    name: "a kind that is not exported",
    files: {
      "v1/types.ts": pkg() + `
/** +kubebuilder:object:root=true */
interface Hidden {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}
`,
    },
    expected: [
      ["v1/types.ts", "interface Hidden", 'kind "Hidden" must be exported'],
    ],
  },
  {
    name: "kind fields that do not match the group, version and name",
    files: {
      "v1/types.ts": pkg() + `
/** +kubebuilder:object:root=true */
export interface NoMeta {
  apiVersion: "err.example.com/v1";
  kind: "NoMeta";
}

/** +kubebuilder:object:root=true */
export interface WrongNames {
  apiVersion: "err.example.com/v2";
  kind: "Other";
  metadata: { name: string };
}
`,
    },
    expected: [
      ["v1/types.ts", "interface NoMeta", 'kind "NoMeta" has no "metadata" property'],
      [
        "v1/types.ts",
        'apiVersion: "err.example.com/v2"',
        '"apiVersion" is "err.example.com/v2" but must be "err.example.com/v1"',
      ],
      ["v1/types.ts", 'kind: "Other"', '"kind" is "Other" but must be "WrongNames"'],
      [
        "v1/types.ts",
        "metadata: { name",
        '"metadata" of kind "WrongNames" must be ObjectMeta from @k1s/core',
      ],
    ],
  },
  {
    name: "markers on apiVersion, kind and metadata",
    files: {
      "v1/types.ts": pkg() + `
/** +kubebuilder:object:root=true */
export interface Widget {
  /** +kubebuilder:validation:MinLength=1 */
  apiVersion: string;
  kind: string;
  /** +nullable */
  metadata: ObjectMeta;
}
`,
    },
    expected: [
      ["v1/types.ts", "MinLength=1", "markers are not allowed on apiVersion"],
      ["v1/types.ts", "+nullable", "markers are not allowed on metadata"],
    ],
  },
  {
    name: "a syntax error",
    files: {
      "v1/types.ts": pkg() + `
export const x = ;
`,
    },
    expected: [["v1/types.ts", "export const x", "SyntaxError: Expression expected"]],
  },
  {
    name: "an import that does not resolve",
    files: {
      "v1/types.ts": pkg() + `import type { Missing } from "./missing.ts";\n` +
        kind("Widget", "Missing"),
    },
    expected: [["v1/types.ts", "./missing.ts", 'Module not found "file://DIR/api/v1/missing.ts".']],
  },
  {
    name: "a package with kinds but no group",
    files: {
      "v1/types.ts": `export interface ObjectMeta { name?: string }\n` +
        kind("Widget", "{ a: string }"),
    },
    expected: [[
      "v1",
      "",
      "package declares kinds but no +groupName marker (put it in a @module JSDoc)",
    ]],
  },
  {
    name: "a package whose version cannot be told",
    files: {
      "stable/types.ts": pkg() + kind("Widget", "{ a: string }"),
    },
    expected: [[
      "stable",
      "",
      'cannot tell the version: name the directory like "v1alpha1" or add +versionName=',
    ]],
  },
  {
    name: "bad group name",
    files: {
      "v1/types.ts": pkg("nodots") + kind("Widget", "{ a: string }", "", "v1", "nodots"),
    },
    expected: [[
      "v1/types.ts",
      "+groupName=nodots",
      'group "nodots" must be a lower-case DNS subdomain with at least one dot',
    ]],
  },
  {
    name: "bad CRD markers",
    files: {
      "v1/types.ts": pkg() + kind(
        "Widget",
        "{ a: string }",
        [
          "+kubebuilder:resource:scope=Global,shortName=Bad_Name",
          "+kubebuilder:printcolumn:name=A,type=text,JSONPath=spec.a",
          "+kubebuilder:subresource:scale:specpath=.status.r,statuspath=.status.r",
        ].join("\n"),
      ),
    },
    expected: [
      [
        "v1/types.ts",
        "scope=Global",
        'invalid scope "Global", valid values are Namespaced, Cluster',
      ],
      ["v1/types.ts", "scope=Global", 'shortName "Bad_Name" must be a lower-case DNS label'],
      [
        "v1/types.ts",
        "type=text",
        'invalid printcolumn type "text", valid values are integer, number, string, boolean, date',
      ],
      ["v1/types.ts", "type=text", 'printcolumn JSONPath "spec.a" must start with "."'],
      ["v1/types.ts", "specpath=.status.r", 'specpath must start with ".spec.", got ".status.r"'],
    ],
  },
  {
    name: "several versions without a storage version",
    files: {
      "v1/types.ts": pkg() + kind("Widget", "{ a: string }"),
      "v2/types.ts": pkg() + kind("Widget", "{ a: string }", "", "v2"),
    },
    expected: [[
      "v1/types.ts",
      "export interface Widget",
      "CRD for Widget.err.example.com has several versions but none is marked +kubebuilder:storageversion",
    ]],
  },
  {
    name: "CEL rules that do not compile, at their markers",
    files: {
      "v1/types.ts": pkg() + kind(
        "Widget",
        "WidgetSpec",
        '+kubebuilder:validation:XValidation:rule="self.spec.missing > 0"',
      ) + `
export interface WidgetSpec {
  /** +kubebuilder:validation:XValidation:rule="self.foo == 1" */
  typeError: int32;
  /** +kubebuilder:validation:XValidation:rule="self >= " */
  syntaxError: int32;
  /** +kubebuilder:validation:XValidation:rule="self > 0",messageExpression="1" */
  notAString: int32;
  /** +kubebuilder:validation:XValidation:rule="self > 0",messageExpression="self.x" */
  badMessage: int32;
}
`,
    },
    expected: [
      [
        "v1/types.ts",
        "self.spec.missing",
        `${SCHEMA}.x-kubernetes-validations[0].rule: Invalid value: ${
          goRule("self.spec.missing > 0")
        }: compilation failed: ERROR: <input>:1:10: undefined field 'missing'\n` +
        " | self.spec.missing > 0\n" +
        " | .........^",
      ],
      [
        "v1/types.ts",
        "self.foo == 1",
        `${SCHEMA}.properties[spec].properties[typeError].x-kubernetes-validations[0].rule: ` +
        `Invalid value: ${goRule("self.foo == 1")}: compilation failed: ` +
        "ERROR: <input>:1:5: type 'int' does not support field selection\n" +
        " | self.foo == 1\n" +
        " | ....^",
      ],
      [
        "v1/types.ts",
        "self >= ",
        `${SCHEMA}.properties[spec].properties[syntaxError].x-kubernetes-validations[0].rule: ` +
        `Invalid value: ${goRule("self >= ")}: compilation failed: ` +
        "ERROR: <input>:1:6: Syntax error: found > but expecting end of input\n" +
        " | self >= \n" +
        " | .....^",
      ],
      [
        "v1/types.ts",
        'messageExpression="1"',
        `${SCHEMA}.properties[spec].properties[notAString].x-kubernetes-validations[0]` +
        `.messageExpression: Invalid value: ${
          goRule("self > 0", "1")
        }: messageExpression must evaluate to a string`,
      ],
      [
        "v1/types.ts",
        'messageExpression="self.x"',
        `${SCHEMA}.properties[spec].properties[badMessage].x-kubernetes-validations[0]` +
        `.messageExpression: Invalid value: ${goRule("self > 0", "self.x")}: ` +
        "messageExpression compilation failed: " +
        "ERROR: <input>:1:5: type 'int' does not support field selection\n" +
        " | self.x\n" +
        " | ....^",
      ],
    ],
  },
  {
    name: "a CEL rule over the cost budget on an unbounded list",
    files: {
      "v1/types.ts": pkg() + kind("Widget", "WidgetSpec") + `
export interface WidgetSpec {
  /** +kubebuilder:validation:XValidation:rule="self.all(x, self.all(y, x == y))" */
  names: string[];
}
`,
    },
    expected: [
      [
        "v1/types.ts",
        "export interface Widget ",
        `${SCHEMA}: Forbidden: x-kubernetes-validations estimated rule cost total for entire ` +
        `OpenAPIv3 schema exceeds budget by factor of more than 100x ${BUDGET_HINT}`,
      ],
      [
        "v1/types.ts",
        "self.all(x",
        `${SCHEMA}.properties[spec].properties[names].x-kubernetes-validations[0].rule: ` +
        `Forbidden: estimated rule cost exceeds budget by factor of more than 100x ${BUDGET_HINT}`,
      ],
      [
        "v1/types.ts",
        "self.all(x",
        `${SCHEMA}.properties[spec].properties[names].x-kubernetes-validations[0].rule: ` +
        "Forbidden: contributed to estimated rule cost total exceeding cost limit for entire " +
        "OpenAPIv3 schema",
      ],
    ],
  },
  {
    name: "other fields the API server rejects, at the marker that set them",
    files: {
      "v1/types.ts": pkg() + kind(
        "Widget",
        "WidgetSpec",
        "+kubebuilder:printcolumn:name=A,type=string,JSONPath=.spec.a,format=weird",
      ) + `
export interface WidgetSpec {
  /**
   * A list.
   * +kubebuilder:validation:MaxItems=3
   * +kubebuilder:validation:UniqueItems=true
   */
  a: string[];
  /** +kubebuilder:validation:Pattern="(?=x)y" */
  b: string;
  /** +kubebuilder:validation:XValidation:rule="self > 0",fieldPath=".nope" */
  c: int32;
}
`,
    },
    expected: [
      [
        "v1/types.ts",
        "format=weird",
        'spec.additionalPrinterColumns[0].format: Invalid value: "weird": must be one of ' +
        "byte,date,date-time,double,float,int32,int64,password",
      ],
      [
        "v1/types.ts",
        "UniqueItems=true",
        `${SCHEMA}.properties[spec].properties[a].uniqueItems: Forbidden: uniqueItems cannot be ` +
        "set to true since the runtime complexity becomes quadratic",
      ],
      [
        "v1/types.ts",
        "Pattern=",
        `${SCHEMA}.properties[spec].properties[b].pattern: Invalid value: "(?=x)y": must be a ` +
        "valid regular expression, but isn't: error parsing regexp: invalid or unsupported " +
        "Perl syntax: `(?=`",
      ],
      [
        "v1/types.ts",
        'fieldPath=".nope"',
        `${SCHEMA}.properties[spec].properties[c].x-kubernetes-validations[0].fieldPath: ` +
        'Invalid value: ".nope": fieldPath must be a valid path',
      ],
    ],
  },
];

async function lineOf(dir: string, file: string, text: string): Promise<number> {
  if (text === "") return 0;
  const src = await Deno.readTextFile(join(dir, file));
  const i = src.indexOf(text);
  if (i < 0) throw new Error(`Fixture ${file} has no ${JSON.stringify(text)}`);
  return src.slice(0, i).split("\n").length;
}

Deno.test("generate() reports problems with file and line", async (t) => {
  for (const c of cases) {
    await t.step(c.name, async () => {
      const dir = await Deno.makeTempDir({ prefix: "k1s_gen_err_" });
      try {
        for (const [name, content] of Object.entries(c.files)) {
          await Deno.mkdir(dirname(join(dir, "api", name)), { recursive: true });
          await Deno.writeTextFile(join(dir, "api", name), content);
        }
        const err = await assertRejects(
          () => generate({ input: join(dir, "api"), output: join(dir, "out"), format: false }),
          GenerateError,
        );
        const got = err.diagnostics.map((d) =>
          `${d.file.slice(dir.length + 5)}:${d.line}: ${d.message.replaceAll(dir, "DIR")}`
        );
        const want: string[] = [];
        for (const [file, text, message] of c.expected) {
          want.push(`${file}:${await lineOf(join(dir, "api"), file, text)}: ${message}`);
        }
        assertEquals(
          got,
          want.sort((a, b) => {
            const [fa, la] = a.split(":");
            const [fb, lb] = b.split(":");
            return fa < fb ? -1 : fa > fb ? 1 : Number(la) - Number(lb);
          }),
        );
        // Nothing is written when generation fails.
        await assertRejects(() => Deno.stat(join(dir, "out")), Deno.errors.NotFound);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    });
  }
});

Deno.test("GenerateError formats each problem as error: file:line: message", () => {
  const err = new GenerateError([
    { file: "/src/b.ts", line: 2, message: "second" },
    { file: "/src/a.ts", line: 9, message: "first" },
  ], { cwd: "/src" });
  assertInstanceOf(err, Error);
  assertEquals(err.message, "error: a.ts:9: first\nerror: b.ts:2: second");
});

Deno.test("generate() rejects an input that is not a directory", async () => {
  await assertRejects(
    () => generate({ input: "/nonexistent/k1s-gen-input", output: "/tmp/x" }),
    Error,
    'Cannot read input directory "/nonexistent/k1s-gen-input"',
  );
});

Deno.test("generate() rejects an input without API packages", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, "helpers.ts"), "export type Size = string;\n");
    const err = await assertRejects(
      () => generate({ input: dir, output: join(dir, "out") }),
      GenerateError,
    );
    assertEquals(
      err.diagnostics[0].message,
      "no API package found (no @module JSDoc with +groupName=)",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("generate() says so when a package declares no kind, or the output is the input", async (t) => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(dir, "v1"));
    await Deno.writeTextFile(
      join(dir, "v1", "types.ts"),
      "/**\n * @module\n * +groupName=example.com\n */\n\n/** A widget (its root marker forgotten). */\nexport interface Widget {\n  apiVersion?: string;\n  kind?: string;\n}\n",
    );
    await t.step("no kind", async () => {
      const err = await assertRejects(
        () => generate({ input: dir, output: join(dir, "out") }),
        GenerateError,
      );
      assertEquals(
        err.diagnostics.map((d) => d.message),
        ["no kinds found: a kind is an exported interface whose JSDoc has +kubebuilder:object:root=true"],
      );
    });
    await t.step("output = input", async () => {
      await assertRejects(
        () => generate({ input: dir, output: dir }),
        Error,
        "is the input directory: generate into a directory of its own",
      );
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

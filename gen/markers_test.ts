// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertThrows } from "@std/assert";
import { isMarkerLine, MarkerError, parseMarker } from "./_markers.ts";

Deno.test("parseMarker() parses values like controller-tools", async (t) => {
  const cases: [string, string, unknown][] = [
    ["+kubebuilder:validation:Minimum=1", "kubebuilder:validation:Minimum", 1],
    ["+kubebuilder:validation:Minimum=-0.5", "kubebuilder:validation:Minimum", -0.5],
    ["+kubebuilder:validation:Maximum=1e3", "kubebuilder:validation:Maximum", 1000],
    ["+kubebuilder:validation:MaxLength=10", "kubebuilder:validation:MaxLength", 10],
    ["+kubebuilder:validation:UniqueItems=true", "kubebuilder:validation:UniqueItems", true],
    [
      "+kubebuilder:validation:ExclusiveMinimum=false",
      "kubebuilder:validation:ExclusiveMinimum",
      false,
    ],
    ["+kubebuilder:validation:Enum=a;b;c", "kubebuilder:validation:Enum", ["a", "b", "c"]],
    ["+kubebuilder:validation:Enum={1,2,x}", "kubebuilder:validation:Enum", [1, 2, "x"]],
    ['+kubebuilder:validation:Enum="a;b";c', "kubebuilder:validation:Enum", ["a;b", "c"]],
    [
      "+kubebuilder:validation:Pattern=^[a-z]{1,3}$",
      "kubebuilder:validation:Pattern",
      "^[a-z]{1,3}$",
    ],
    ["+kubebuilder:validation:Pattern=`^\\d+$`", "kubebuilder:validation:Pattern", "^\\d+$"],
    ['+kubebuilder:validation:Pattern="^\\\\d+$"', "kubebuilder:validation:Pattern", "^\\d+$"],
    ["+kubebuilder:validation:Format=date-time", "kubebuilder:validation:Format", "date-time"],
    ["+kubebuilder:default=Available", "kubebuilder:default", "Available"],
    // The `:=` spelling many Go codebases use.
    ["+kubebuilder:default:=false", "kubebuilder:default", false],
    ["+kubebuilder:validation:MinLength:=1", "kubebuilder:validation:MinLength", 1],
    ["+kubebuilder:title=The name", "kubebuilder:title", "The name"],
    ["+k8s:optional", "k8s:optional", true],
    ["+kubebuilder:object:generate=true", "kubebuilder:object:generate", true],
    ["+kubebuilder:skipversion", "kubebuilder:skipversion", true],
    [
      '+kubebuilder:metadata:annotations="api-approved.kubernetes.io=https://x/1",labels=a=b',
      "kubebuilder:metadata",
      { annotations: ["api-approved.kubernetes.io=https://x/1"], labels: ["a=b"] },
    ],
    ["+kubebuilder:default=0", "kubebuilder:default", 0],
    ["+kubebuilder:default=1.25", "kubebuilder:default", 1.25],
    ["+kubebuilder:default=true", "kubebuilder:default", true],
    ["+kubebuilder:default=trueish", "kubebuilder:default", "trueish"],
    ["+kubebuilder:default=100Mi", "kubebuilder:default", "100Mi"],
    ['+kubebuilder:default="a, b"', "kubebuilder:default", "a, b"],
    ["+kubebuilder:default={}", "kubebuilder:default", {}],
    ["+kubebuilder:default={a,b}", "kubebuilder:default", ["a", "b"]],
    ["+kubebuilder:default=a;b", "kubebuilder:default", ["a", "b"]],
    [
      '+kubebuilder:default={policy: "delete", n: 2, on: true, list: {x,y}}',
      "kubebuilder:default",
      { policy: "delete", n: 2, on: true, list: ["x", "y"] },
    ],
    ['+default={"a": [1, 2]}', "default", { a: [1, 2] }],
    ["+kubebuilder:example={a: 1}", "kubebuilder:example", { a: 1 }],
    ["+optional", "optional", true],
    ["+kubebuilder:subresource:status", "kubebuilder:subresource:status", true],
    ["+kubebuilder:object:root=true", "kubebuilder:object:root", true],
    ["+groupName=example.com", "groupName", "example.com"],
    ["+listType=map", "listType", "map"],
    [
      '+kubebuilder:validation:XValidation:rule="self.a == \\"x\\"",message="a must be x",optionalOldSelf=true',
      "kubebuilder:validation:XValidation",
      { rule: 'self.a == "x"', message: "a must be x", optionalOldSelf: true },
    ],
    [
      "+kubebuilder:validation:items:XValidation:rule=`self != 'x'`,reason=FieldValueInvalid",
      "kubebuilder:validation:items:XValidation",
      { rule: "self != 'x'", reason: "FieldValueInvalid" },
    ],
    [
      '+kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`,priority=1',
      "kubebuilder:printcolumn",
      {
        name: "Ready",
        type: "string",
        JSONPath: '.status.conditions[?(@.type=="Ready")].status',
        priority: 1,
      },
    ],
    [
      "+kubebuilder:printcolumn:name=Age,type=date,JSONPath=.metadata.creationTimestamp",
      "kubebuilder:printcolumn",
      { name: "Age", type: "date", JSONPath: ".metadata.creationTimestamp" },
    ],
    [
      "+kubebuilder:resource:scope=Cluster,shortName=a;b,categories={all,x}",
      "kubebuilder:resource",
      { scope: "Cluster", shortName: ["a", "b"], categories: ["all", "x"] },
    ],
    [
      "+kubebuilder:subresource:scale:specpath=.spec.replicas,statuspath=.status.replicas",
      "kubebuilder:subresource:scale",
      { specpath: ".spec.replicas", statuspath: ".status.replicas" },
    ],
    ["+kubebuilder:deprecatedversion", "kubebuilder:deprecatedversion", {}],
    [
      '+kubebuilder:deprecatedversion:warning="use v2"',
      "kubebuilder:deprecatedversion",
      { warning: "use v2" },
    ],
    ["+kubebuilder:selectablefield:JSONPath=.spec.x", "kubebuilder:selectablefield", {
      JSONPath: ".spec.x",
    }],
  ];
  for (const [text, name, value] of cases) {
    await t.step(text, () => {
      const got = parseMarker(text);
      assertEquals(got.def.name, name);
      assertEquals(got.value, value);
    });
  }
});

Deno.test("parseMarker() rejects unknown and malformed markers", async (t) => {
  const cases: [string, string][] = [
    ["+kubebuilder:validation:Foo=1", 'unknown marker "+kubebuilder:validation:Foo"'],
    ["+kubebuilder:foo", 'unknown marker "+kubebuilder:foo"'],
    ["+genclient", 'unknown marker "+genclient"'],
    [
      "+kubebuilder:validation:Minimum=abc",
      'marker "+kubebuilder:validation:Minimum": expected integer or float',
    ],
    ["+kubebuilder:validation:Minimum", 'marker "+kubebuilder:validation:Minimum" needs a value'],
    [
      "+kubebuilder:validation:Minimum=1 2",
      'marker "+kubebuilder:validation:Minimum": extra arguments provided: "2"',
    ],
    [
      "+kubebuilder:validation:MaxLength=1.5",
      'marker "+kubebuilder:validation:MaxLength": expected integer',
    ],
    [
      "+kubebuilder:validation:UniqueItems=yes",
      'marker "+kubebuilder:validation:UniqueItems": expected true or false, got "yes"',
    ],
    [
      "+kubebuilder:object:root",
      'marker "+kubebuilder:object:root" needs a value (=true or =false)',
    ],
    ["+optional=true", 'marker "+optional" takes no value'],
    [
      "+kubebuilder:printcolumn:name=A,type=string,JSONPath=.a,colour=red",
      'marker "+kubebuilder:printcolumn": unknown argument "colour"',
    ],
    [
      "+kubebuilder:printcolumn:name=A,type=string",
      'marker "+kubebuilder:printcolumn": missing argument "JSONPath"',
    ],
    [
      "+kubebuilder:printcolumn:name=A,name=B,type=string,JSONPath=.a",
      'marker "+kubebuilder:printcolumn": duplicate argument "name"',
    ],
    [
      "+kubebuilder:resource=foo",
      'marker "+kubebuilder:resource" takes named arguments (+kubebuilder:resource:arg=value)',
    ],
    [
      '+kubebuilder:validation:XValidation:rule="unterminated',
      'marker "+kubebuilder:validation:XValidation": string literal not terminated',
    ],
    ["+default={bad json}", 'marker "+default": invalid JSON value "{bad json}"'],
    [
      "+kubebuilder:default={a: 1",
      'marker "+kubebuilder:default": expected comma, got end of marker',
    ],
  ];
  for (const [text, message] of cases) {
    await t.step(text, () => {
      const err = assertThrows(() => parseMarker(text), MarkerError);
      assertEquals(err.message, message);
    });
  }
});

Deno.test("isMarkerLine() needs a letter after the plus", () => {
  assertEquals(isMarkerLine("+kubebuilder:object:root=true"), true);
  assertEquals(isMarkerLine("  +optional"), true);
  assertEquals(isMarkerLine("+1 for this design"), false);
  assertEquals(isMarkerLine("a + b"), false);
});

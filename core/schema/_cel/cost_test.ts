// Copyright 2026 the k1s authors. Apache-2.0 license.
// The estimator and the runtime cost counter against Kubernetes' own expectations: the tables
// are apiextensions' TestCostEstimation (compilation_test.go) and TestCelCostStability
// (celcoststability_test.go), with schemas written as JSON Schema.
import { assertEquals } from "@std/assert";
import { loadCel } from "../cel.ts";
import { compileNode, type Node } from "../_node.ts";
import type { JSONSchemaProps } from "../types.ts";
import type { CelRuntimeImpl } from "./runtime.ts";
import { costErrorMessage } from "./cost.ts";

const cel = await loadCel() as CelRuntimeImpl;

type S = Record<string, unknown>;

function compileRule(schema: S, rule: string, resourceRoot: boolean): Node {
  const n = compileNode(
    { ...schema, "x-kubernetes-validations": [{ rule }] } as JSONSchemaProps,
    resourceRoot,
  );
  cel.compileTree(n);
  return n;
}

const t = (ty: string): S =>
  ty === "int-or-string"
    ? { "x-kubernetes-int-or-string": true }
    : ["duration", "date", "date-time"].includes(ty)
    ? { type: "string", format: ty }
    : { type: ty };
const bound = (key: string, m?: number): S => (m === undefined ? {} : { [key]: m });
const arr = (ty: string) => (m?: number): S => ({
  type: "array",
  items: t(ty),
  ...bound("maxItems", m),
});
const arrOfArr = (ty: string) => (m?: number): S => ({
  type: "array",
  items: { type: "array", items: { type: ty } },
  ...bound("maxItems", m),
});
const obj: S = {
  type: "object",
  properties: { required: { type: "string" }, optional: { type: "string" } },
  required: ["required"],
};
const objArr = (m?: number): S => ({ type: "array", items: obj, ...bound("maxItems", m) });
const mapArr = (ty: string) => (m?: number): S => ({
  type: "array",
  items: { type: "object", additionalProperties: { type: ty } },
  ...bound("maxItems", m),
});
const map = (ty: string) => (m?: number): S => ({
  type: "object",
  additionalProperties: t(ty),
  ...bound("maxProperties", m),
});
const str = (m?: number): S => ({ type: "string", ...bound("maxLength", m) });
const bytes = (m?: number): S => ({ type: "string", format: "byte", ...bound("maxLength", m) });
const nested = (m?: number): S => ({
  type: "object",
  additionalProperties: { type: "string", ...bound("maxLength", m) },
  ...bound("maxProperties", m),
});
const allMaxNested = (m?: number): S => ({
  type: "array",
  items: {
    type: "object",
    additionalProperties: { ...obj, ...bound("maxProperties", m) },
    ...bound("maxProperties", m),
  },
  ...bound("maxItems", m),
});
const oneMaxNested = (m?: number): S => ({
  type: "array",
  items: { type: "object", additionalProperties: obj, ...bound("maxProperties", m) },
});

Deno.test("estimated costs match Kubernetes' TestCostEstimation", async (tt) => {
  // [name, schema with an optional bound, rule, cost unbounded ("exceeds" = over 10M), bound, cost bounded]
  const cases: [string, (m?: number) => S, string, number | "exceeds", number, number][] = [
    ["number array with all", arr("number"), "self.all(x, true)", 4718591, 10, 32],
    ["string array with all", arr("string"), "self.all(x, true)", 3145727, 20, 62],
    ["boolean array with all", arr("boolean"), "self.all(x, true)", 1887437, 5, 17],
    ["array of number arrays with all", arrOfArr("number"), "self.all(x, true)", 3145727, 100, 302],
    ["array of objects with all", objArr, "self.all(x, true)", 555128, 50, 152],
    ["map of numbers with all", map("number"), "self.all(x, true)", 1348169, 10, 32],
    ["map of strings with all", map("string"), "self.all(x, true)", 1179647, 3, 11],
    ["map of booleans with all", map("boolean"), "self.all(x, true)", 943718, 100, 302],
    ["string with contains", str, "self.contains('test')", 314574, 10, 5],
    ["string with startsWith", str, "self.startsWith('test')", 2, 15, 2],
    ["concat string", str, `size(self + "hello") > size("hello")`, 314578, 4, 7],
    ["index of array with numbers", arr("number"), "self[1] == 0.0", 2, 5000, 2],
    ["index of array with strings", arr("string"), "self[1] == self[1]", 314577, 8, 314577],
    [
      "O(n^2) loop with numbers",
      arr("number"),
      "self.all(x, self.all(y, true))",
      "exceeds",
      10,
      352,
    ],
    [
      "O(n^3) loop with numbers",
      arr("number"),
      "self.all(x, self.all(y, self.all(z, true)))",
      "exceeds",
      10,
      3552,
    ],
    ["regex matches simple", str, `self.matches("x")`, 314574, 50, 22],
    ["regex matches empty string", str, `"".matches("(((((((((())))))))))[0-9]")`, 7, 10, 7],
    ["regex matches empty regex", str, `self.matches("")`, 1, 100, 1],
    [
      "map of strings with value length",
      nested,
      "self.all(x, x.contains(self[x]))",
      2752507,
      10,
      72,
    ],
    ["set array maxLength to zero", arr("number"), "self[3] == 0.0", 2, 0, 2],
    ["set map maxLength to zero", map("number"), `self["x"] == 0.0`, 2, 0, 2],
    ["set string maxLength to zero", str, `self == "x"`, 2, 0, 1],
    ["set bytes maxLength to zero", bytes, `self == b"x"`, 2, 0, 1],
    [
      "set maxLength greater than estimated maxLength",
      arr("number"),
      "self.all(x, x == 0.0)",
      6291454,
      3 * 1024 * 2048,
      25165826,
    ],
    [
      "nested types with root rule with all supporting maxLength",
      allMaxNested,
      `self.all(x, x["y"].required == "z")`,
      7340027,
      10,
      72,
    ],
    [
      "nested types with root rule with one supporting maxLength",
      oneMaxNested,
      `self.all(x, x["y"].required == "z")`,
      7340027,
      10,
      7340027,
    ],
    ["int-or-string array with all", arr("int-or-string"), "self.all(x, true)", 4718591, 10, 32],
    ["index of array with int-or-strings", arr("int-or-string"), "self[0] == 5", 3, 10, 3],
    ["index of array with booleans", arr("boolean"), "self[0] == false", 2, 25, 2],
    ["index of array of objects", objArr, "self[0] == null", 2, 422, 2],
    ["index of array of array of numnbers", arrOfArr("number"), "self[0][0] == -1.0", 3, 51, 3],
    [
      "array of number maps with all",
      mapArr("number"),
      `self.all(x, x.y == 25.2)`,
      6291452,
      12,
      74,
    ],
    ["index of array of number maps", mapArr("number"), `self[0].x > 2.0`, 4, 3000, 4],
    ["duration array with all", arr("duration"), "self.all(x, true)", 2359295, 5, 17],
    ["index of duration array", arr("duration"), "self[0].getHours() == 2", 4, 525, 4],
    ["date array with all", arr("date"), "self.all(x, true)", 725936, 15, 47],
    ["index of date array", arr("date"), "self[2].getDayOfMonth() == 13", 4, 42, 4],
    ["date-time array with all", arr("date-time"), "self.all(x, true)", 428963, 25, 77],
    ["index of date-time array", arr("date-time"), "self[2].getMinutes() == 45", 4, 99, 4],
    ["map of int-or-strings with all", map("int-or-string"), "self.all(x, true)", 1348169, 15, 47],
  ];
  for (const [name, gen, rule, unbounded, m, bounded] of cases) {
    await tt.step(name, () => {
      const a = compileRule(gen(), rule, false).cel!.rules[0].maxCost!;
      const b = compileRule(gen(m), rule, false).cel!.rules[0].maxCost!;
      if (unbounded === "exceeds") assertEquals(a > 10_000_000n, true);
      else assertEquals(a, BigInt(unbounded));
      assertEquals(b, BigInt(bounded));
    });
  }
});

const integer = { type: "integer" };
const number = { type: "number" };
const string = { type: "string" };
const byte = { type: "string", format: "byte" };
const boolean = { type: "boolean" };
const duration = { type: "string", format: "duration" };
const list = (i: S) => ({ type: "array", items: i });
const mapT = (i: S) => ({ type: "object", additionalProperties: i });
const object = (p: Record<string, S>) => ({ type: "object", properties: p });
const schemas = (...x: S[]) => object(Object.fromEntries(x.map((s, i) => [`val${i + 1}`, s])));
const objs = (...v: unknown[]) => Object.fromEntries(v.map((x, i) => [`val${i + 1}`, x]));
const ios = { "x-kubernetes-int-or-string": true };

Deno.test("runtime costs match Kubernetes' TestCelCostStability", async (tt) => {
  // [name, schema, object, rule → cost]
  const cases: [string, S, unknown, Record<string, number>][] = [
    ["integers", schemas(integer, integer), objs(5, 5), {
      "self.val1 == self.val2": 5,
      "type(self.val1) == int": 4,
    }],
    [
      "numbers",
      schemas(number, number, number, number, number, number, number),
      objs(1.5, 1.5, 1, 1, 1, 1, 1),
      { "self.val7 == 1.0": 3, "type(self.val1) == double": 4 },
    ],
    ["numeric comparisons", schemas(integer, number), objs(5, 10.5), {
      "double(self.val1) < self.val2": 6,
      "self.val1 < int(self.val2)": 6,
      "double(5) < 10.0": 1,
      "double(self.val1) < 10.0": 4,
    }],
    ["unicode strings", schemas(string, string), objs("Rook takes 👑", "Rook takes 👑"), {
      "self.val1.startsWith('Rook')": 4,
      "!self.val1.startsWith('knight')": 5,
      "self.val1.matches('^[^0-9]*$')": 8,
      "!self.val1.matches('^[0-9]*$')": 7,
      "type(self.val1) == string": 4,
      "size(self.val1) == 12": 4,
      "self.val1.charAt(3) == 'k'": 4,
      "self.val1.indexOf('o') == 1": 4,
      "self.val1.indexOf('o', 2) == 2": 4,
      "self.val1.replace(' ', 'x') == 'Rookxtakesx👑'": 7,
      "self.val1.split(' ') == ['Rook', 'takes', '👑']": 6,
      "self.val1.substring(5) == 'takes 👑'": 5,
      "self.val1.substring(4, 10).trim() == 'takes'": 6,
      "self.val1.upperAscii() == 'ROOK TAKES 👑'": 6,
    }],
    ["bytes", schemas(byte, byte), objs("QUI=", "QUI="), {
      "self.val1 == self.val2": 5,
      "self.val1 == b'AB'": 3,
      "type(self.val1) == bytes": 4,
      "size(self.val1) == 2": 4,
    }],
    ["booleans", schemas(boolean, boolean, boolean, boolean), objs(true, true, false, false), {
      "self.val1 != self.val4": 5,
      "type(self.val1) == bool": 4,
    }],
    ["duration", schemas(duration, duration), objs("1h2m3s4ms", "1h2m3s4ms"), {
      "self.val1 == duration('1h2m') + duration('3s4ms')": 4,
      "self.val1.getHours() == 1": 4,
    }],
    ["enums", object({ enumStr: { type: "string", enum: ["Pending", "Available"] } }), {
      enumStr: "Pending",
    }, { "self.enumStr == 'Pending'": 3, "self.enumStr in ['Pending', 'Available']": 2 }],
    ["lists", schemas(list(integer), list(integer)), objs([1, 2, 3], [1, 2, 3]), {
      "1 in self.val1": 5,
      "self.val2[0] in self.val1": 8,
      "!(0 in self.val1)": 6,
      "self.val1 + self.val2 == [1, 2, 3, 1, 2, 3]": 6,
      "self.val1 + [4, 5] == [1, 2, 3, 4, 5]": 4,
    }],
    [
      "maps",
      schemas(mapT(string), mapT(string)),
      objs({ k1: "a", k2: "b" }, { k2: "b", k1: "a" }),
      {
        "self.val1 == self.val2": 5,
        "'k1' in self.val1": 3,
        "!('k3' in self.val1)": 4,
        "self.val1 == {'k1': 'a', 'k2': 'b'}": 3,
      },
    ],
    [
      "object access",
      object({
        a: object({ b: integer, c: integer }),
        a1: object({ b1: object({ c1: integer }), d2: object({ e2: integer }) }),
      }),
      { a: { b: 1 }, a1: { b1: { c1: 4 } } },
      {
        "has(self.a.b)": 2,
        "has(self.a1.b1.c1)": 3,
        "!(has(self.a1.d2) && has(self.a1.d2.e2))": 3,
        "!has(self.a1.d2)": 3,
      },
    ],
    ["map access", object({ val: mapT(integer) }), { val: { b: 1, d: 2 } }, {
      "!('a' in self.val)": 4,
      "'b' in self.val": 3,
      "!has(self.val.a)": 3,
      "has(self.val.b)": 2,
      "self.val.all(k, self.val[k] > 0)": 17,
      "self.val.exists_one(k, self.val[k] == 2)": 14,
      "!self.val.exists_one(k, self.val[k] > 0)": 17,
      "size(self.val) == 2": 4,
      "size(self.val.filter(k, self.val[k] > 1)) == 1": 26,
    }],
    ["list access", object({ array: list(integer) }), { array: [1, 1, 2, 2, 3, 3, 4, 5] }, {
      "2 in self.array": 10,
      "self.array.all(e, e > 0)": 43,
      "self.array.exists(e, e > 2)": 36,
      "self.array.exists_one(e, e > 4)": 22,
      "!self.array.all(e, e < 2)": 21,
      "!self.array.exists(e, e < 0)": 52,
      "!self.array.exists_one(e, e == 2)": 25,
      "size(self.array.filter(e, e%2 == 0)) == 3": 68,
      "self.array.map(e, e * 20).filter(e, e > 50).exists(e, e == 60)": 194,
      "size(self.array) == 8": 4,
    }],
    ["typemeta", object({ spec: object({ field1: string }) }), {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "foo", generateName: "pickItForMe" },
      spec: { field1: "a" },
    }, {
      "self.kind == 'Pod'": 3,
      "self.metadata.name == 'foo'": 4,
      "self.metadata.generateName == 'pickItForMe'": 5,
      "self.spec.field1 == 'a'": 4,
    }],
    ["string in intOrString", object({ something: ios }), { something: "25%" }, {
      "type(self.something) == int ? self.something == 1 : self.something == '25%'": 7,
      "type(self.something) == string && self.something == '25%'": 7,
      "self.something == '25%'": 3,
      "self.something != 1": 3,
      "self.something == 1 || self.something == '25%'": 6,
      "self.something == '25%' || self.something == 1": 3,
      "self.something != ['anything']": 3,
    }],
    ["percent", object({ min: ios, current: integer, available: integer }), {
      min: "50%",
      current: 5,
      available: 10,
    }, {
      "type(self.min) == string && self.min.matches(r'(\\d+(\\.\\d+)?%)')": 10,
      "type(self.min) == int ? self.current <= self.min : double(self.current) / double(self.available) >= double(self.min.replace('%', '')) / 100.0":
        17,
    }],
    [
      "optionals",
      object({
        obj: object({ field: string, absentField: string }),
        m: mapT(string),
        l: list(string),
      }),
      { obj: { field: "a" }, m: { k: "v" }, l: ["a"] },
      {
        "optional.of('a') != optional.of('b')": 3,
        "optional.of('a') != optional.none()": 3,
        "optional.of('a').hasValue()": 2,
        "optional.none().or(optional.of('a')).hasValue()": 3,
        "self.obj.?field == optional.of('a')": 5,
        "self.obj.?absentField == optional.none()": 4,
        "self.obj.?field.orValue('v') == 'a'": 4,
        "self.m[?'k'] == optional.of('v')": 5,
        "self.l[?0] == optional.of('a')": 5,
        "optional.ofNonZeroValue(1).hasValue()": 2,
      },
    ],
    [
      "composition",
      object({
        obj: object({ field: string }),
        mapOfMap: mapT(mapT(string)),
        mapOfObj: mapT(object({ field2: string })),
        mapOfList: mapT(list(string)),
        listMapOfObj: {
          type: "array",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["k2"],
          items: { ...object({ k2: string, v2: string }), required: ["k2"] },
        },
        listOfMap: list(mapT(string)),
        listOfObj: list(object({ field3: string })),
      }),
      {
        obj: { field: "a" },
        mapOfMap: { x: { y: "b" } },
        mapOfObj: { k: { field2: "c" } },
        mapOfList: { l: ["e"] },
        listMapOfObj: [{ k2: "2", v2: "f" }],
        listOfMap: [{ z: "g" }],
        listOfObj: [{ field3: "h" }],
      },
      {
        "self.obj.field == 'a'": 4,
        "self.mapOfMap['x']['y'] == 'b'": 5,
        "self.mapOfObj['k'].field2 == 'c'": 5,
        "self.mapOfList['l'][0] == 'e'": 5,
        "self.listMapOfObj.exists(e, e.k2 == '2' && e.v2 == 'f')": 13,
        "self.listOfMap[0]['z'] == 'g'": 5,
        "self.listOfObj[0].field3 == 'h'": 5,
      },
    ],
    [
      "listMap access",
      object({ listMap: { type: "array", items: object({ k: string, v: string, v2: string }) } }),
      { listMap: [{ k: "a1", v: "b1" }, { k: "a2", v: "b2" }, { k: "a3", v: "b3", v2: "z" }] },
      {
        "has(self.listMap[0].v)": 3,
        "self.listMap.all(m, m.k.startsWith('a'))": 21,
        "self.listMap.all(m, !has(m.v2) || m.v2 == 'z')": 21,
        "self.listMap.exists(m, m.k.endsWith('1'))": 13,
        "self.listMap.exists_one(m, m.k == 'a3')": 15,
        "!self.listMap.all(m, m.k.endsWith('1'))": 18,
        "!self.listMap.exists(m, m.v == 'x')": 25,
        "!self.listMap.exists_one(m, m.k.startsWith('a'))": 20,
        "size(self.listMap.filter(m, m.k == 'a1')) == 1": 27,
        "self.listMap.exists(m, m.k == 'a1' && m.v == 'b1')": 16,
        "self.listMap.map(m, m.v).exists(v, v == 'b1')": 55,
        "self.listMap.exists(m, has(m.v2) && m.v2 == 'z')": 21,
        "!self.listMap.all(m, has(m.v2) && m.v2 != 'z')": 10,
        "self.listMap.exists_one(m, has(m.v2) && m.v2 == 'z')": 12,
        "self.listMap.filter(m, has(m.v2) && m.v2 == 'z').size() == 1": 24,
        "self.listMap.map(m, has(m.v2) && m.v2 == 'z', m.v2).size() == 1": 25,
        "self.listMap.filter(m, has(m.v2) && m.v2 == 'z').map(m, m.v2).size() == 1": 39,
      },
    ],
    [
      "nullability",
      object({
        setPlainStr: string,
        setNullableStr: { ...string, nullable: true },
        unsetPlainStr: string,
      }),
      { setPlainStr: "v1", setNullableStr: "v3" },
      {
        "!has(self.unsetPlainStr)": 2,
        "has(self.setPlainStr) && self.setPlainStr == 'v1'": 4,
        "type(self.setNullableStr) != null_type": 4,
      },
    ],
    ["object types", object({ nestedInMap: mapT(object({ inMapField: integer })) }), {
      nestedInMap: { k1: { inMapField: 1 }, k2: { inMapField: 2 } },
    }, {
      "type(self) == type(self)": 5,
      "type(self.nestedInMap['k1']) == type(self.nestedInMap['k2'])": 9,
    }],
  ];
  for (const [name, schema, o, want] of cases) {
    for (const [rule, cost] of Object.entries(want)) {
      await tt.step(`${name}: ${rule}`, () => {
        const n = compileRule(schema, rule, true);
        const r = n.cel!.rules[0].evaluate!(n.cel!.bind(o, undefined, false).plain);
        assertEquals(r, { value: true, cost });
      });
    }
  }
});

Deno.test("costErrorMessage() words the factor as apiextensions does", async (tt) => {
  const cases: [bigint, string][] = [
    [10_485_760n, "1.048576x"],
    [25_000_000n, "2.5x"],
    [999_000_000n, "99.9x"],
    [1_000_000_001n, "more than 100x"],
  ];
  for (const [cost, factor] of cases) {
    await tt.step(factor, () =>
      assertEquals(
        costErrorMessage("estimated rule cost", cost, 10_000_000n),
        `estimated rule cost exceeds budget by factor of ${factor} (try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)`,
      ));
  }
});

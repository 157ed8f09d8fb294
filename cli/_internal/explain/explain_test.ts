// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import type { JSONSchemaProps } from "@k1s/core";
import { ExplainFieldError, type NamedType, renderExplain, typeName } from "./explain.ts";
import { wrapString } from "./word_wrap.ts";

const dir = new URL("./testdata/", import.meta.url);
const read = async (f: string) => JSON.parse(await Deno.readTextFile(new URL(f, dir)));

// Inline an OpenAPI v3 document's $refs into JSONSchemaProps, remembering the names kubectl
// shows for referenced types.
function inline(
  doc: {
    components: { schemas: Record<string, JSONSchemaProps & { $ref?: string; allOf?: unknown[] }> };
  },
) {
  const named = new Map<JSONSchemaProps, NamedType>();
  const resolve = (s: Record<string, unknown>): JSONSchemaProps => {
    const ref = (s.$ref as string | undefined) ??
      ((s.allOf as { $ref?: string }[] | undefined)?.[0]?.$ref);
    let node: JSONSchemaProps;
    if (ref) {
      const key = ref.split("/").pop()!;
      const target = resolve(doc.components.schemas[key] as Record<string, unknown>);
      node = { ...target, description: s.description as string | undefined };
      if (!s.description) delete node.description;
      const name = target.type && !target.properties ? target.type : key.split(".").pop()!;
      named.set(node, { name, description: target.description });
      return node;
    }
    node = { ...s } as JSONSchemaProps;
    if (node.properties) {
      node.properties = Object.fromEntries(
        Object.entries(node.properties).map(([k, v]) => [k, resolve(v as Record<string, unknown>)]),
      );
    }
    if (node.items) node.items = resolve(node.items as Record<string, unknown>);
    if (typeof node.additionalProperties === "object") {
      node.additionalProperties = resolve(node.additionalProperties as Record<string, unknown>);
    }
    return node;
  };
  return { resolve, named };
}

Deno.test("renderExplain() matches kubectl explain (plaintext, OpenAPI v3)", async (t) => {
  // testdata/explain.kubectl.json: kubectl 1.32 `explain` against a fake server publishing
  // openapi_v1.json and openapi_rbac.json.
  const golden: { args: string; stdout: string; stderr: string; rc: number }[] = await read(
    "explain.kubectl.json",
  );
  const core = inline(await read("openapi_v1.json"));
  const rbac = inline(await read("openapi_rbac.json"));
  const cm = core.resolve(
    (await read("openapi_v1.json")).components.schemas["io.k8s.api.core.v1.ConfigMap"],
  );
  const role = rbac.resolve(
    (await read("openapi_rbac.json")).components.schemas["io.k8s.api.rbac.v1.Role"],
  );
  for (const g of golden) {
    await t.step(g.args, () => {
      const [target, flag] = g.args.split(" ");
      const [res, ...path] = target.split(".");
      const isRole = res.startsWith("role");
      const opts = {
        group: isRole ? "rbac.authorization.k8s.io" : "",
        version: "v1",
        kind: isRole ? "Role" : "ConfigMap",
        fieldPath: path,
        recursive: flag === "--recursive",
        namedTypes: isRole ? rbac.named : core.named,
      };
      let got;
      try {
        got = { stdout: renderExplain(isRole ? role : cm, opts), stderr: "", rc: 0 };
      } catch (e) {
        if (!(e instanceof ExplainFieldError)) throw e;
        got = { stdout: e.output, stderr: `error: ${e.message}\n`, rc: 1 };
      }
      assertEquals(got, { stdout: g.stdout, stderr: g.stderr, rc: g.rc });
    });
  }
});

Deno.test("typeName() names types as kubectl does", async (t) => {
  const cases: [JSONSchemaProps, string][] = [
    [{ type: "string" }, "string"],
    [{ type: "array", items: { type: "integer" } }, "[]integer"],
    [{ type: "array", items: { type: "array", items: { type: "number" } } }, "[][]number"],
    [{ type: "object", additionalProperties: { type: "string" } }, "map[string]string"],
    [{ type: "object", properties: { a: { type: "string" } } }, "Object"],
    [{ "x-kubernetes-preserve-unknown-fields": true }, "Object"],
    [
      { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] },
      "Object",
    ],
  ];
  for (const [s, want] of cases) await t.step(want, () => assertEquals(typeName(s), want));
});

Deno.test("wrapString() behaves as go-wordwrap", async (t) => {
  const cases: [string, number, string][] = [
    ["a b c", 3, "a b\nc"],
    ["averyveryverylongword and more", 10, "averyveryverylongword\nand more"],
    ["keep\nbreaks here", 5, "keep\nbreaks\nhere"],
    ["trailing   ", 20, "trailing   "],
    ["", 5, ""],
  ];
  for (const [s, n, want] of cases) {
    await t.step(JSON.stringify(s), () => assertEquals(wrapString(s, n), want));
  }
});

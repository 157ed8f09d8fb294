// Copyright 2026 the k1s authors. Apache-2.0 license.
// The generator keeps its own copy of the CRD types; this checks, at type-check time, that what
// it builds is assignable to @k1s/core's definitions.
import { assertEquals } from "@std/assert";
import type { CustomResourceDefinition } from "../core/crd/types.ts";
import type { JSONSchemaProps } from "../core/schema/types.ts";
import type { Crd, Schema } from "./_types.ts";

function asCore(crd: Crd): CustomResourceDefinition {
  return crd;
}

function asCoreSchema(schema: Schema): JSONSchemaProps {
  return schema;
}

Deno.test("the generator's CRD type is assignable to @k1s/core's CustomResourceDefinition", () => {
  const schema: Schema = { type: "object", properties: { a: { type: "string" } } };
  const crd: Crd = {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "widgets.example.com" },
    spec: {
      group: "example.com",
      names: { kind: "Widget", plural: "widgets" },
      scope: "Namespaced",
      versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: schema } }],
    },
  };
  assertEquals(asCore(crd).spec.names.plural, "widgets");
  assertEquals(asCoreSchema(schema).type, "object");
});

// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals } from "@std/assert";
import { createRuntime } from "../../mod.ts";
import type { KubeObject } from "../object/types.ts";
import { isInvalid } from "../errors/status_error.ts";
import { installCustomResourceDefinitions, loadCustomResources } from "./install.ts";
import type { CustomResourceDefinition } from "./types.ts";
import { createCrd, errorOf, testRuntime, WIDGET, widget, widgetCrd } from "./_fixtures_test.ts";

function compiledCrd(): CustomResourceDefinition {
  return widgetCrd((c) => {
    c.spec.versions[0].subresources = { status: {} };
    const spec = c.spec.versions[0].schema!.openAPIV3Schema!.properties!.spec;
    spec.properties!.size.default = 2;
    spec["x-kubernetes-validations"] = [{ rule: "!has(self.color) || self.size < 5" }];
  });
}

Deno.test("installCustomResourceDefinitions() serves compiled-in kinds without the store", async () => {
  await using rt = await testRuntime();
  installCustomResourceDefinitions(rt, [compiledCrd()]);
  assertEquals(rt.registry.resolve("wd").map((t) => t.kind), ["Widget"]);
  const crds = await rt.client.list({
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
  });
  assertEquals(crds.items, [], "nothing was written");
  const w = await rt.client.create(widget("a", {}));
  assertEquals(w.spec, { size: 2 });
  assertEquals(
    await errorOf(() => rt.client.create(widget("b", { size: 6, color: "red" }))),
    'Widget.example.com "b" is invalid: spec: Invalid value: "object": failed rule: !has(self.color) || self.size < 5',
  );
});

Deno.test("installCustomResourceDefinitions() rejects invalid CRDs with Kubernetes' messages", async () => {
  await using rt = await testRuntime();
  try {
    installCustomResourceDefinitions(rt, [
      widgetCrd((c) => (c.metadata.name = "gadgets.example.com")),
    ]);
    throw new Error("Expected Invalid");
  } catch (e) {
    assert(isInvalid(e));
    assertEquals(
      (e as Error).message,
      'CustomResourceDefinition.apiextensions.k8s.io "gadgets.example.com" is invalid: metadata.name: Invalid value: "gadgets.example.com": must be spec.names.plural+"."+spec.group',
    );
  }
});

Deno.test("installCustomResourceDefinitions() refuses names a kind already has", async () => {
  await using rt = await testRuntime();
  let threw = false;
  try {
    installCustomResourceDefinitions(rt, [
      widgetCrd((c) => {
        c.metadata.name = "roles.rbac.authorization.k8s.io";
        c.metadata.annotations = { "api-approved.kubernetes.io": "unapproved, test" };
        c.spec.group = "rbac.authorization.k8s.io";
        c.spec.names = { plural: "roles", kind: "OtherRole" };
      }),
    ]);
  } catch (e) {
    threw = e instanceof TypeError && e.message.includes('name "roles" is already used by Role');
  }
  assert(threw);
});

Deno.test("a compiled-in CRD wins over a stored one of the same name", async () => {
  await using rt = await testRuntime();
  installCustomResourceDefinitions(rt, [compiledCrd()]);
  const stored = await createCrd(rt, widgetCrd());
  assertEquals(stored.status?.conditions?.[0].status, "True", "its own names are no conflict");
  await loadCustomResources(rt);
  const [t] = rt.registry.resolve("widgets");
  assertEquals(t.subresources.status, true, "the compiled-in version is served");
});

Deno.test("a compiled-in kind's names conflict with CRDs created later", async () => {
  await using rt = await testRuntime();
  installCustomResourceDefinitions(rt, [compiledCrd()]);
  const other = await createCrd(
    rt,
    widgetCrd((c) => {
      c.metadata.name = "gadgets.example.com";
      c.spec.names = { plural: "gadgets", kind: "Gadget", shortNames: ["wd"] };
    }),
  );
  assertEquals(other.status?.conditions?.[0].message, '"wd" is already in use');
});

Deno.test("an in-process custom kind with a schema gets schema handling", async () => {
  const crd = compiledCrd();
  await using rt = await createRuntime({
    store: "memory:",
    resources: [{
      group: "example.com",
      version: "v1",
      kind: "Widget",
      listKind: "WidgetList",
      plural: "widgets",
      singular: "widget",
      shortNames: [],
      categories: [],
      namespaced: true,
      verbs: [],
      subresources: {},
      printerColumns: [],
      schema: crd.spec.versions[0].schema!.openAPIV3Schema,
      custom: true,
      strategy: {
        nameValidation: "subdomain",
        generation: true,
        allowUnconditionalUpdate: false,
        strategicMerge: false,
      },
    }],
  });
  const w = await rt.client.create(widget("a", {}) as KubeObject);
  assertEquals(w.spec, { size: 2 });
  assertEquals(
    await errorOf(() => rt.client.create(widget("b", { size: 7, color: "red" }))),
    'Widget.example.com "b" is invalid: spec: Invalid value: "object": failed rule: !has(self.color) || self.size < 5',
  );
  assertEquals((await rt.client.get(WIDGET, { namespace: "default", name: "a" })).spec, {
    size: 2,
  });
});

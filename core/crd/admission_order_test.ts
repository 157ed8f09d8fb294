// Copyright 2026 the k1s authors. Apache-2.0 license.
// Kubernetes runs mutating admission before schema validation (with defaults applied again)
// and validating admission after it; in-process plugins follow the same order.
import { assert, assertEquals } from "@std/assert";
import type { KubeObject } from "../object/types.ts";
import type { AdmissionRequest } from "../apiserver/context.ts";
import { isForbidden, isInvalid } from "../errors/status_error.ts";
import { createCrd, errorOf, testRuntime, widget, widgetCrd } from "./_fixtures_test.ts";

function spec(obj: KubeObject): Record<string, unknown> {
  return (obj.spec ??= {}) as Record<string, unknown>;
}

async function widgetRuntime() {
  const rt = await testRuntime();
  await createCrd(
    rt,
    widgetCrd(undefined, {
      type: "object",
      properties: {
        spec: {
          type: "object",
          required: ["size"],
          properties: {
            size: { type: "integer", maximum: 10 },
            color: { type: "string", default: "red" },
          },
          "x-kubernetes-validations": [{ rule: "self.size != 7", message: "seven is unlucky" }],
        },
      },
    }),
  );
  return rt;
}

Deno.test("mutating admission runs before a custom kind's schema validation", async (t) => {
  await using rt = await widgetRuntime();
  const seen: string[] = [];
  rt.addAdmission({
    name: "sizer",
    kinds: ["example.com/Widget"],
    mutate(req: AdmissionRequest) {
      seen.push(`mutate color=${spec(req.object).color}`);
      if (spec(req.object).size === undefined) spec(req.object).size = 3;
      if (spec(req.object).size === 6) spec(req.object).size = 7;
      if (spec(req.object).size === 5) spec(req.object).size = 50;
      if (spec(req.object).color === "blue") delete spec(req.object).color;
    },
    validate(req: AdmissionRequest) {
      seen.push(`validate size=${spec(req.object).size} color=${spec(req.object).color}`);
      if (spec(req.object).size === 4) return "four is taken";
    },
  });
  await t.step("a required field a mutating plugin sets passes validation", async () => {
    seen.length = 0;
    const w = await rt.client.create(widget("a", {}));
    assertEquals(spec(w), { size: 3, color: "red" });
    assertEquals(seen, ["mutate color=red", "validate size=3 color=red"]);
  });
  await t.step("what a mutating plugin sets is validated by the schema", async () => {
    seen.length = 0;
    assertEquals(
      await errorOf(() => rt.client.create(widget("b", { size: 5 }))),
      'Widget.example.com "b" is invalid: spec.size: Invalid value: 50: spec.size in body should be less than or equal to 10',
    );
    assertEquals(seen, ["mutate color=red"], "validating admission does not run");
  });
  await t.step("and by the CEL rules", async () => {
    assertEquals(
      await errorOf(() => rt.client.create(widget("c", { size: 6 }))),
      'Widget.example.com "c" is invalid: spec: Invalid value: "object": seven is unlucky',
    );
  });
  await t.step("defaults come back after a mutating plugin removed them", async () => {
    const w = await rt.client.create(widget("d", { size: 1, color: "blue" }));
    assertEquals(spec(w).color, "red");
  });
  await t.step("validating admission runs after validation and may deny", async () => {
    seen.length = 0;
    try {
      await rt.client.create(widget("e", { size: 4 }));
      throw new Error("Expected a denial");
    } catch (e) {
      assert(isForbidden(e));
      assertEquals(
        (e as Error).message,
        'widgets.example.com "e" is forbidden: admission plugin "sizer" denied the request: four is taken',
      );
    }
    assertEquals(seen, ["mutate color=red", "validate size=4 color=red"]);
  });
  await t.step("on update too, with the old object", async () => {
    const w = await rt.client.get({ apiVersion: "example.com/v1", kind: "Widget" }, {
      namespace: "default",
      name: "a",
    });
    spec(w).size = 5;
    assertEquals(
      await errorOf(() => rt.client.update(w)),
      'Widget.example.com "a" is invalid: spec.size: Invalid value: 50: spec.size in body should be less than or equal to 10',
    );
  });
});

Deno.test("mutating admission runs before a built-in kind's validation", async () => {
  await using rt = await testRuntime();
  const seen: string[] = [];
  rt.addAdmission({
    name: "labeller",
    kinds: ["/ConfigMap"],
    mutate(req) {
      seen.push(`mutate foo=${req.object.foo}`);
      (req.object.data as Record<string, string>)["bad/key"] = "x";
    },
    validate(req) {
      seen.push("validate");
      return req.object.data ? undefined : "no data";
    },
  });
  try {
    await rt.client.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", namespace: "default" },
      data: {},
      foo: 1,
    });
    throw new Error("Expected Invalid");
  } catch (e) {
    assert(isInvalid(e));
    assert(
      (e as Error).message.startsWith('ConfigMap "c" is invalid: data[bad/key]: Invalid value'),
    );
  }
  assertEquals(seen, ["mutate foo=undefined"], "pruning ran first; validating admission did not");
});

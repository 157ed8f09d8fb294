// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertThrows } from "@std/assert";
import { formatName, qualifiedKind } from "./format_name.ts";

Deno.test("formatName() prints kind/name as kubectl -o name", async (t) => {
  const cases: [Record<string, unknown>, string][] = [
    [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "foo" } }, "configmap/foo\n"],
    [{
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "x" },
    }, "clusterrolebinding.rbac.authorization.k8s.io/x\n"],
    [
      { apiVersion: "example.com/v1alpha1", kind: "Widget", metadata: { name: "w" } },
      "widget.example.com/w\n",
    ],
  ]; // deno-fmt-ignore
  for (const [obj, want] of cases) await t.step(want.trim(), () => assertEquals(formatName(obj), want));
  await t.step("operation", () => {
    assertEquals(
      formatName({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } }, {
        operation: "created (dry run)",
      }),
      "configmap/x created (dry run)\n",
    );
  });
  await t.step("missing kind", () => {
    assertEquals(
      assertThrows(() => formatName({ metadata: { name: "x" } })).message,
      "missing kind for resource with name x",
    );
  });
  assertEquals(qualifiedKind("v1", "Namespace"), "namespace");
});

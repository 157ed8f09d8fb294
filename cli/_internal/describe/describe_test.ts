// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import type { KubeObject } from "@k1s/core";
import { describeObject, joinDescriptions } from "./describe_object.ts";
import { smartLabelFor } from "./describe_generic.ts";

const dir = new URL("./testdata/", import.meta.url);
// testdata/describe.kubectl.json: kubectl 1.32 `describe` against a fake server serving
// describe_store.json (ConfigMap key order: a run where Go's map order happened to be sorted).
const store: Record<string, KubeObject[]> & { now: string } = JSON.parse(
  await Deno.readTextFile(new URL("describe_store.json", dir)),
);
const golden: { args: string; stdout: string; stderr: string; rc: number }[] = JSON.parse(
  await Deno.readTextFile(new URL("describe.kubectl.json", dir)),
);

const RESOURCES: Record<string, string> = {
  configmap: "configmaps",
  secret: "secrets",
  serviceaccount: "serviceaccounts",
  namespace: "namespaces",
  role: "roles",
  clusterrole: "clusterroles",
  rolebinding: "rolebindings",
  clusterrolebinding: "clusterrolebindings",
  widget: "widgets",
}; // deno-fmt-ignore
// Kinds whose kubectl describer shows events.
const WITH_EVENTS = new Set(["configmap", "serviceaccount", "widget"]);

Deno.test("describeObject() matches kubectl describe", async (t) => {
  const now = new Date(store.now);
  for (const g of golden) {
    await t.step(g.args, () => {
      const [type, ...names] = g.args.split(" ");
      const objs = names.map((n) => store[RESOURCES[type]].find((o) => o.metadata.name === n)!);
      const text = joinDescriptions(objs.map((obj) => {
        const events = WITH_EVENTS.has(type)
          ? store.events.filter((e) =>
            (e.involvedObject as { uid: string }).uid === obj.metadata.uid
          )
          : null;
        const secrets = store.secrets.filter((s) =>
          s.metadata.namespace === obj.metadata.namespace
        );
        return describeObject(obj, { now, events, secrets, resourceQuotas: [], limitRanges: [] });
      }));
      assertEquals(text, g.stdout);
    });
  }
});

Deno.test("smartLabelFor() labels fields as kubectl", async (t) => {
  const cases: [string, string][] = [
    ["apiVersion", "API Version"],
    ["uid", "UID"],
    ["ID", "ID"],
    ["displayName", "Display Name"],
    ["with-dash", "With - Dash"],
    ["snake_case", "snake_case"],
    ["v1", "v1"],
    ["PDFLoader", "PDF Loader"],
    ["ownerReferences", "Owner References"],
    ["guidValue", "GUID Value"],
  ]; // deno-fmt-ignore
  for (const [field, want] of cases) await t.step(field, () => assertEquals(smartLabelFor(field), want));
});

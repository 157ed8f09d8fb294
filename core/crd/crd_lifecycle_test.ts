// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals } from "@std/assert";
import { createRuntime } from "../../mod.ts";
import type { KubeObject } from "../object/types.ts";
import type { Storage } from "../storage/types.ts";
import { isNotFound, type StatusError } from "../errors/status_error.ts";
import { loadCustomResources } from "./install.ts";
import type { CustomResourceDefinition } from "./types.ts";
import {
  createCrd,
  errorOf,
  finishCrdDeletion,
  testRuntime,
  WIDGET,
  widget,
  widgetCrd,
} from "./_fixtures_test.ts";

const CRD = { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition" };

function conditions(crd: CustomResourceDefinition): string[] {
  return (crd.status?.conditions ?? []).map((c) =>
    `${c.type}=${c.status} ${c.reason ?? ""}: ${c.message ?? ""}`
  );
}

/** A storage wrapper that counts list calls per prefix. */
function countingStorage(inner: Storage): Storage & { lists: string[] } {
  const lists: string[] = [];
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === "lists") return lists;
      const v = Reflect.get(target, prop, receiver);
      if (prop === "list") {
        return (o: { prefix: string }) => {
          lists.push(o.prefix);
          return target.list(o as never);
        };
      }
      return typeof v === "function" ? v.bind(target) : v;
    },
  }) as Storage & { lists: string[] };
}

Deno.test("creating a CRD accepts its names, establishes it and serves its kind", async () => {
  await using rt = await testRuntime();
  const crd = await createCrd(rt, widgetCrd());
  assertEquals(conditions(crd), [
    "NamesAccepted=True NoConflicts: no conflicts found",
    "Established=True InitialNamesAccepted: the initial names have been accepted",
  ]);
  assertEquals(crd.status?.acceptedNames, {
    plural: "widgets",
    singular: "widget",
    shortNames: ["wd"],
    kind: "Widget",
    listKind: "WidgetList",
  });
  assertEquals(crd.status?.storedVersions, ["v1"]);
  assertEquals(crd.metadata.finalizers, ["customresourcecleanup.apiextensions.k8s.io"]);
  assertEquals(crd.metadata.generation, 1);
  assertEquals(Object.keys(crd.status!), ["conditions", "acceptedNames", "storedVersions"]);
  assertEquals(rt.registry.resolve("wd").map((t) => `${t.kind}.${t.group}/${t.version}`), [
    "Widget.example.com/v1",
  ]);
  const w = await rt.client.create(widget("a", { size: 3 }));
  assertEquals(w.metadata.generation, 1);
  assertEquals(w.spec, { size: 3 });
});

Deno.test("the CRD kind is registered with its names, category and status subresource", async () => {
  await using rt = await testRuntime();
  const [t] = rt.registry.resolve("crds");
  assertEquals(t.kind, "CustomResourceDefinition");
  assertEquals(rt.registry.resolve("crd")[0], t);
  assertEquals(rt.registry.resolve("api-extensions").map((x) => x.kind), [
    "CustomResourceDefinition",
  ]);
  assertEquals(t.namespaced, false);
  assertEquals(t.subresources.status, true);
  assertEquals(t.printerColumns.map((c) => c.name), ["Created At"]);
  assertEquals(
    t.printerColumns[0].value!({
      apiVersion: "",
      kind: "",
      metadata: { creationTimestamp: "2026-01-02T03:04:05Z" },
    }),
    "2026-01-02T03:04:05Z",
  );
});

Deno.test("a new runtime on the same store serves stored CRDs' kinds, loading them on demand", async () => {
  await using rt = await testRuntime();
  await createCrd(rt, widgetCrd());
  await rt.client.create(widget("a", { size: 3 }));
  const storage = countingStorage(rt.storage);
  const rt2 = await createRuntime({ store: storage });
  const crdPrefix = "/registry/apiextensions.k8s.io/customresourcedefinitions/";
  assertEquals(storage.lists.filter((p) => p === crdPrefix), [], "no CRD read at start-up");
  await rt2.client.create({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "c", namespace: "default" },
  });
  await rt2.client.list({ apiVersion: "v1", kind: "ConfigMap" });
  assertEquals(storage.lists.filter((p) => p === crdPrefix), [], "built-in kinds pay nothing");
  assertEquals(rt2.registry.get("example.com/v1", "Widget"), undefined);
  const got = await rt2.client.get(WIDGET, { namespace: "default", name: "a" });
  assertEquals(got.spec, { size: 3 });
  assertEquals(storage.lists.filter((p) => p === crdPrefix).length, 1);
  await loadCustomResources(rt2);
  assertEquals(storage.lists.filter((p) => p === crdPrefix).length, 1, "unchanged store: no list");
});

Deno.test("a custom kind survives a restart on a sqlite file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/k1s.db`;
    {
      await using rt = await createRuntime({ store: path });
      await createCrd(rt, widgetCrd());
      await rt.client.create(widget("a", { size: 4 }));
    }
    await using rt = await createRuntime({ store: path });
    await loadCustomResources(rt);
    assertEquals(rt.registry.resolve("widgets").map((t) => t.kind), ["Widget"]);
    const got = await rt.client.get(WIDGET, { namespace: "default", name: "a" });
    assertEquals(got.spec, { size: 4 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("updating a CRD updates the served kind and bumps its generation", async () => {
  await using rt = await testRuntime();
  const crd = await createCrd(rt, widgetCrd());
  crd.spec.names.shortNames = ["wd", "wdg"];
  crd.spec.versions[0].additionalPrinterColumns = [
    { name: "Size", type: "integer", jsonPath: ".spec.size" },
  ];
  const updated = await rt.client.update(
    crd as unknown as KubeObject,
  ) as unknown as CustomResourceDefinition;
  assertEquals(updated.metadata.generation, 2);
  assertEquals(updated.status?.acceptedNames?.shortNames, ["wd", "wdg"]);
  const [t] = rt.registry.resolve("wdg");
  assertEquals(t.kind, "Widget");
  assertEquals(t.printerColumns.map((c) => c.name), ["Size"]);
  // A status-only change keeps the generation.
  const again = await rt.client.update(updated as unknown as KubeObject);
  assertEquals(again.metadata.generation, 2);
});

Deno.test("a CRD whose names conflict is not established and serves nothing", async (t) => {
  await using rt = await testRuntime();
  await createCrd(rt, widgetCrd());
  const cases: [string, (c: CustomResourceDefinition) => void, string][] = [
    [
      "short name of another CRD",
      (c) => {
        c.metadata.name = "gadgets.example.com";
        c.spec.names = { plural: "gadgets", kind: "Gadget", shortNames: ["wd"] };
      },
      'NamesAccepted=False ShortNamesConflict: "wd" is already in use',
    ],
    [
      "kind of another CRD",
      (c) => {
        c.metadata.name = "things.example.com";
        c.spec.names = { plural: "things", kind: "Widget", listKind: "ThingList" };
      },
      'NamesAccepted=False KindConflict: "Widget" is already in use',
    ],
    [
      "plural used as a singular",
      (c) => {
        c.metadata.name = "widget.example.com";
        c.spec.names = { plural: "widget", singular: "onewidget", kind: "Other" };
      },
      'NamesAccepted=False PluralConflict: "widget" is already in use',
    ],
  ];
  for (const [name, mutate, want] of cases) {
    await t.step(name, async () => {
      const crd = await createCrd(rt, widgetCrd(mutate));
      assertEquals(conditions(crd), [
        want,
        "Established=False NotAccepted: not all names are accepted",
      ]);
      assertEquals(rt.registry.all().filter((x) => x.group === "example.com").map((x) => x.kind), [
        "Widget",
      ]);
    });
  }
});

Deno.test("a CRD may not take the names of a built-in kind", async () => {
  await using rt = await testRuntime();
  const crd = await createCrd(
    rt,
    widgetCrd((c) => {
      c.metadata.name = "roles.rbac.authorization.k8s.io";
      c.metadata.annotations = { "api-approved.kubernetes.io": "unapproved, testing" };
      c.spec.group = "rbac.authorization.k8s.io";
      c.spec.names = { plural: "roles", kind: "MyRole" };
    }),
  );
  assertEquals(conditions(crd)[0], 'NamesAccepted=False PluralConflict: "roles" is already in use');
  assertEquals(rt.registry.get("rbac.authorization.k8s.io/v1", "MyRole"), undefined);
});

Deno.test("deleting a CRD terminates it, deletes its objects and unregisters the kind", async () => {
  await using rt = await testRuntime();
  await createCrd(rt, widgetCrd());
  await rt.client.create({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: "other" },
  });
  await rt.client.create(widget("a"));
  await rt.client.create({ ...widget("b"), metadata: { name: "b", namespace: "other" } });
  const deleted = await rt.client.delete(CRD, { name: "widgets.example.com" });
  assert(deleted.metadata.deletionTimestamp, "the CRD waits for its cleanup");
  // New objects are refused while the CRD terminates; existing ones stay readable.
  const err = await errorOf(() => rt.client.create(widget("c")));
  assertEquals(err, "create not allowed while custom resource definition is terminating");
  try {
    await rt.client.create(widget("c"));
  } catch (e) {
    assertEquals((e as StatusError).status.code, 405);
    assertEquals((e as StatusError).status.reason, "MethodNotAllowed");
  }
  assertEquals((await rt.client.list(WIDGET)).items.length, 2);

  await finishCrdDeletion(rt, "widgets.example.com");
  try {
    await rt.client.get(CRD, { name: "widgets.example.com" });
    throw new Error("Expected the CRD to be gone");
  } catch (e) {
    assert(isNotFound(e));
  }
  const left = await rt.storage.list({ prefix: "/registry/example.com/widgets/" });
  assertEquals(left.items.length, 0);
  assertEquals(rt.registry.get("example.com/v1", "Widget"), undefined);
  assertEquals(
    await errorOf(() => rt.client.create(widget("d"))),
    'no matches for kind "Widget" in version "example.com/v1"',
  );
});

Deno.test("CRD cleanup waits for custom resources that have finalizers", async () => {
  await using rt = await testRuntime();
  await createCrd(rt, widgetCrd());
  await rt.client.create({
    ...widget("held"),
    metadata: { name: "held", namespace: "default", finalizers: ["example.com/hold"] },
  });
  await rt.client.delete(CRD, { name: "widgets.example.com" });
  const controller = rt.controllers.list().find((c) => c.name === "apiextensions-crd-finalizer")!;
  const ctx = {
    client: rt.client,
    recorder: rt.recorder("test"),
    signal: new AbortController().signal,
    log: () => {},
  };
  const result = await controller.reconcile(ctx, { name: "widgets.example.com" });
  assertEquals(result, { requeueAfter: 5000 });
  const crd = await rt.client.get(CRD, {
    name: "widgets.example.com",
  }) as unknown as CustomResourceDefinition;
  assertEquals(
    conditions(crd)[2],
    "Terminating=True InstanceDeletionInProgress: CustomResource deletion is in progress",
  );
  const held = await rt.client.get(WIDGET, { namespace: "default", name: "held" });
  assert(held.metadata.deletionTimestamp);
  held.metadata.finalizers = [];
  await rt.client.update(held);
  await controller.reconcile(ctx, { name: "widgets.example.com" });
  try {
    await rt.client.get(CRD, { name: "widgets.example.com" });
    throw new Error("Expected the CRD to be gone");
  } catch (e) {
    assert(isNotFound(e));
  }
});

Deno.test("a CRD that was never established is deleted without touching objects", async () => {
  await using rt = await testRuntime();
  await createCrd(rt, widgetCrd());
  await createCrd(
    rt,
    widgetCrd((c) => {
      c.metadata.name = "gadgets.example.com";
      c.spec.names = { plural: "gadgets", kind: "Widget", listKind: "GadgetList" };
    }),
  );
  await rt.client.delete(CRD, { name: "gadgets.example.com" });
  await finishCrdDeletion(rt, "gadgets.example.com");
  assertEquals((await rt.client.list(CRD)).items.map((c) => c.metadata.name), [
    "widgets.example.com",
  ]);
});

Deno.test("names a deleted CRD frees go to the CRD that wanted them", async () => {
  await using rt = await testRuntime();
  await createCrd(rt, widgetCrd());
  await createCrd(
    rt,
    widgetCrd((c) => {
      c.metadata.name = "gadgets.example.com";
      c.spec.names = { plural: "gadgets", kind: "Gadget", shortNames: ["wd"] };
    }),
  );
  assertEquals(rt.registry.get("example.com/v1", "Gadget"), undefined);
  await rt.client.delete(CRD, { name: "widgets.example.com" });
  await finishCrdDeletion(rt, "widgets.example.com");
  const gadgets = await rt.client.get(CRD, {
    name: "gadgets.example.com",
  }) as unknown as CustomResourceDefinition;
  assertEquals(conditions(gadgets), [
    "NamesAccepted=True NoConflicts: no conflicts found",
    "Established=True InitialNamesAccepted: the initial names have been accepted",
  ]);
  assertEquals(rt.registry.resolve("wd").map((t) => t.kind), ["Gadget"]);
});

Deno.test("another process's CRD deletion unregisters the kind at the next load", async () => {
  await using rt = await testRuntime();
  await createCrd(rt, widgetCrd());
  const rt2 = await createRuntime({ store: rt.storage });
  await loadCustomResources(rt2);
  assert(rt2.registry.get("example.com/v1", "Widget"));
  await rt.client.delete(CRD, { name: "widgets.example.com" });
  await finishCrdDeletion(rt, "widgets.example.com");
  await loadCustomResources(rt2);
  assertEquals(rt2.registry.get("example.com/v1", "Widget"), undefined);
});

Deno.test("a status write can be a fresh runtime's first CRD request", async () => {
  await using rt = await testRuntime();
  await createCrd(rt, widgetCrd());
  const rt2 = await createRuntime({ store: rt.storage });
  const patched = await rt2.client.status().patch(
    CRD,
    { name: "widgets.example.com" },
    { status: { storedVersions: ["v1"] } },
    { type: "merge" },
  );
  assertEquals(patched.metadata.finalizers, ["customresourcecleanup.apiextensions.k8s.io"]);
  const updated = await rt2.client.patch(
    CRD,
    { name: "widgets.example.com" },
    { metadata: { labels: { a: "b" } } },
    { type: "merge" },
  );
  assertEquals(updated.metadata.labels, { a: "b" });
  assertEquals(updated.metadata.finalizers, ["customresourcecleanup.apiextensions.k8s.io"]);
});

Deno.test("CRD cleanup says so when every instance is gone", async () => {
  await using rt = await testRuntime();
  // Another finalizer keeps the CRD after its instances are removed.
  await createCrd(rt, widgetCrd((c) => c.metadata.finalizers = ["example.com/keep"]));
  await rt.client.create(widget("a"));
  await rt.client.delete(CRD, { name: "widgets.example.com" });
  await rt.controllers.drain();
  const crd = await rt.client.get(CRD, {
    name: "widgets.example.com",
  }) as unknown as CustomResourceDefinition;
  assertEquals(
    conditions(crd).find((c) => c.startsWith("Terminating")),
    "Terminating=False InstanceDeletionCompleted: removed all instances",
  );
});

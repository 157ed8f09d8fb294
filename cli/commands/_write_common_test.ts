// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { invalid, type KubeObject, newAlreadyExists, newInvalid, newNotFound } from "@k1s/core";
import {
  addSourceToErr,
  finishErrors,
  infoString,
  kindString,
  mappingErrors,
  modifiedConfiguration,
  setLastApplied,
  sortKeysDeep,
} from "./_write_common.ts";
import type { CommandContext } from "../_cli/command.ts";
import { errorText, multipleErrorLine } from "../_internal/output.ts";

const CM = { group: "", resource: "configmaps" };

Deno.test("modifiedConfiguration() is kubectl's GetModifiedConfiguration for unstructured objects", () => {
  const obj = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: "app",
      namespace: "default",
      annotations: { "kubectl.kubernetes.io/last-applied-configuration": "old", keep: "x" },
    },
    data: { k: "v" },
  };
  assertEquals(
    modifiedConfiguration(obj, false),
    '{"apiVersion":"v1","data":{"k":"v"},"kind":"ConfigMap","metadata":{"annotations":{"keep":"x"},"name":"app","namespace":"default"}}\n',
  );
  const embedded = JSON.parse(modifiedConfiguration(obj, true));
  assertEquals(
    embedded.metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"],
    modifiedConfiguration(obj, false),
  );
  // The input is left alone.
  assertEquals(obj.metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"], "old");
  const bare: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "b" } };
  setLastApplied(bare);
  assertEquals(bare.metadata, {
    name: "b",
    annotations: {
      "kubectl.kubernetes.io/last-applied-configuration":
        '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{},"name":"b"}}\n',
    },
  });
});

Deno.test("addSourceToErr() prefixes API errors and keeps their reason", () => {
  const e = addSourceToErr(newAlreadyExists(CM, "foo"), { verb: "creating", source: "objs.yaml" });
  assertEquals(
    errorText(e),
    'Error from server (AlreadyExists): error when creating "objs.yaml": configmaps "foo" already exists\n',
  );
  assertEquals(
    addSourceToErr(newNotFound(CM, "x"), { verb: "creating", source: "" }) instanceof Error,
    true,
  );
  assertEquals(
    (addSourceToErr(new Error("boom"), { verb: "deleting", source: "a.yaml" }) as Error).message,
    'error when deleting "a.yaml": boom',
  );
});

Deno.test("multipleErrorLine() prints errors as kubectl's MultipleErrors does", () => {
  const inv = newInvalid({ group: "", kind: "ConfigMap" }, "Bad", [
    invalid("metadata.name", "Bad", "x"),
    invalid("data", "y", "z"),
  ]);
  assertEquals(
    multipleErrorLine(inv),
    'Error from server (Invalid): ConfigMap "Bad" is invalid: [metadata.name: Invalid value: "Bad": x, data: Invalid value: "y": z]\n',
  );
  assertEquals(multipleErrorLine(new Error("plain")), "plain\n");
  assertEquals(
    multipleErrorLine(new AggregateError([new Error("a"), new Error("b")], "a, b")),
    "[a, b]\n",
  );
});

Deno.test("finishErrors() prints one error as CheckErr does and several one per line", () => {
  const out: string[] = [];
  const ctx = {
    name: "k1s",
    stderr: { write: (t: string) => void out.push(t) },
    printError: (e: unknown) => void out.push(errorText(e)),
  } as unknown as CommandContext;
  assertEquals(finishErrors(ctx, []), 0);
  assertEquals(finishErrors(ctx, [new Error("one")]), 1);
  assertEquals(out.splice(0), ["error: one\n"]);
  assertEquals(finishErrors(ctx, [newNotFound(CM, "a"), new Error("two")]), 1);
  assertEquals(
    out.splice(0).join(""),
    'Error from server (NotFound): configmaps "a" not found\ntwo\n',
  );
  // An aggregate on its own is unwrapped: one line per error, no `error: `.
  assertEquals(
    finishErrors(ctx, mappingErrors([{ error: new Error("m1") }, { error: new Error("m2") }])),
    1,
  );
  assertEquals(out.splice(0).join(""), "m1\nm2\n");
});

Deno.test("infoString(), kindString() and sortKeysDeep() format as kubectl does", () => {
  const role = { group: "rbac.authorization.k8s.io", version: "v1", kind: "Role", plural: "roles" };
  assertEquals(
    infoString(role, { name: "r", namespace: "default" }),
    'Resource: "rbac.authorization.k8s.io/v1, Resource=roles", GroupVersionKind: "rbac.authorization.k8s.io/v1, Kind=Role"\nName: "r", Namespace: "default"',
  );
  assertEquals(kindString(role), "role.rbac.authorization.k8s.io");
  assertEquals(
    JSON.stringify(sortKeysDeep({ b: [{ d: 1, c: 2 }], a: 1 })),
    '{"a":1,"b":[{"c":2,"d":1}]}',
  );
});

// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertRejects } from "@std/assert";
import { createRuntime } from "@k1s/core";
import { type BuilderInput, buildResourceArgs, resolveResource } from "./resources.ts";
import { CliError } from "./errors.ts";

function input(args: string[], more: Partial<BuilderInput> = {}): BuilderInput {
  return {
    args,
    filenames: [],
    recursive: false,
    all: false,
    allNamespaces: false,
    namespace: "default",
    enforceNamespace: false,
    tool: "k1s",
    readStdin: () => Promise.resolve(""),
    ...more,
  };
}

Deno.test("resolveResource() resolves names as kubectl does", async (t) => {
  await using rt = await createRuntime({ store: "memory:" });
  for (
    const [name, want] of [
      ["configmaps", "ConfigMap"],
      ["configmap", "ConfigMap"],
      ["cm", "ConfigMap"],
      ["ConfigMap", "ConfigMap"],
      ["CM", "ConfigMap"],
      ["roles.rbac.authorization.k8s.io", "Role"],
      ["role.v1.rbac.authorization.k8s.io", "Role"],
      ["crd", "CustomResourceDefinition"],
    ]
  ) {
    await t.step(name, async () => {
      assertEquals((await resolveResource(rt, name)).map((x) => x.kind), [want]);
    });
  }
  await t.step("unknown", async () => {
    const e = await assertRejects(() => resolveResource(rt, "gizmos"), CliError);
    assertEquals(e.message, `the server doesn't have a resource type "gizmos"`);
    // Only the resource of `resource[.version].group` (kubectl's NoResourceMatchError).
    for (const arg of ["gizmos.example.com", "gizmos.v9.example.com"]) {
      const g = await assertRejects(() => resolveResource(rt, arg), CliError);
      assertEquals(g.message, `the server doesn't have a resource type "gizmos"`);
    }
  });
  await t.step("an empty category is no error", async () => {
    assertEquals(await resolveResource(rt, "all"), []);
  });
});

Deno.test("buildResourceArgs() builds kubectl's targets", async (t) => {
  await using rt = await createRuntime({ store: "memory:" });
  const summary = async (
    args: string[],
    more: Partial<BuilderInput> = {},
    allowEmptySelector = true,
  ) => {
    const r = await buildResourceArgs(rt, input(args, more), { allowEmptySelector });
    return {
      targets: r.targets.map((x) =>
        x.kind === "name"
          ? `${x.type.plural} ${x.namespace}/${x.name}`
          : `${x.type.plural} ${x.namespace}/* ${x.labelSelector ?? ""}${x.fieldSelector ?? ""}`
            .trim()
      ),
      multipleTypes: r.multipleTypes,
      singleItem: r.singleItem,
    };
  };
  await t.step("TYPE NAME...", async () => {
    assertEquals(await summary(["cm", "a", "b"]), {
      targets: ["configmaps default/a", "configmaps default/b"],
      multipleTypes: false,
      singleItem: false,
    });
  });
  await t.step("TYPE/NAME of several types", async () => {
    assertEquals(await summary(["cm/a", "ns/dev"]), {
      targets: ["configmaps default/a", "namespaces /dev"],
      multipleTypes: true,
      singleItem: false,
    });
  });
  await t.step("TYPE,TYPE lists, -A, selectors", async () => {
    assertEquals(await summary(["cm,secrets"], { allNamespaces: true, labelSelector: "app=x" }), {
      targets: ["configmaps /* app=x", "secrets /* app=x"],
      multipleTypes: true,
      singleItem: false,
    });
  });
  await t.step("one name is a single item", async () => {
    assertEquals((await summary(["cm", "a"])).singleItem, true);
  });
  await t.step("--all and -l allow lists where names are required", async () => {
    assertEquals((await summary(["cm"], { all: true }, false)).targets, ["configmaps default/*"]);
    assertEquals((await summary(["cm"], { labelSelector: "a" }, false)).targets, [
      "configmaps default/* a",
    ]);
  });
  await t.step("files", async () => {
    const objs = JSON.stringify({
      apiVersion: "v1",
      kind: "List",
      items: [
        { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } },
        { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "b", namespace: "dev" } },
        {
          apiVersion: "rbac.authorization.k8s.io/v1",
          kind: "ClusterRole",
          metadata: { name: "c" },
        },
      ],
    });
    const r = await summary([], { filenames: ["-"], readStdin: () => Promise.resolve(objs) });
    assertEquals(r.targets, ["configmaps default/a", "configmaps dev/b", "clusterroles /c"]);
    assertEquals(r.multipleTypes, true);
  });
  await t.step("one file read is a single item, whatever it holds (kubectl's -f)", async (t) => {
    const dir = await Deno.makeTempDir();
    try {
      const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\n`;
      await Deno.writeTextFile(`${dir}/two.yaml`, `${cm("a")}---\n${cm("b")}`);
      await Deno.mkdir(`${dir}/one/sub`, { recursive: true });
      await Deno.writeTextFile(`${dir}/one/c.yaml`, cm("c"));
      await Deno.writeTextFile(`${dir}/one/sub/d.yaml`, cm("d"));
      const cases: [string, string[], boolean, boolean][] = [
        ["a file of two objects", ["two.yaml"], false, true],
        ["a directory of one file", ["one"], false, true],
        ["-R over a directory of two files", ["one"], true, false],
        ["-R over one file", ["two.yaml"], true, true],
        ["two files", ["two.yaml", "one/c.yaml"], false, false],
        ["a file and stdin", ["two.yaml", "-"], false, false],
      ];
      for (const [name, files, recursive, want] of cases) {
        await t.step(name, async () => {
          const r = await summary([], {
            filenames: files.map((f) => (f === "-" ? f : `${dir}/${f}`)),
            recursive,
            readStdin: () => Promise.resolve(""),
          });
          assertEquals(r.singleItem, want);
        });
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
  const errors: [string, string[], Partial<BuilderInput>, boolean, string][] = [
    ["nothing", [], {}, true, "You must provide one or more resources by argument or filename."],
    ["names need one type", ["cm,secrets", "a"], {}, true, "you must specify only one resource"],
    [
      "names and selector",
      ["cm", "a"],
      { labelSelector: "x" },
      true,
      "name cannot be provided when a selector is specified",
    ],
    [
      "tuple and selector",
      ["cm/a"],
      { all: true },
      true,
      "selectors and the all flag cannot be used when passing resource/name arguments",
    ],
    ["no names", ["cm"], {}, false, "resource(s) were provided, but no name was specified"],
    [
      "names and -A",
      ["cm", "a"],
      { allNamespaces: true },
      true,
      "a resource cannot be retrieved by name across all namespaces",
    ],
    [
      "files and args",
      ["cm"],
      { filenames: ["-"] },
      true,
      "when paths, URLs, or stdin is provided as input, you may not specify resources as arguments as well",
    ],
    ["unknown type", ["gizmos", "a"], {}, true, `the server doesn't have a resource type "gizmos"`],
  ];
  for (const [name, args, more, allowEmpty, message] of errors) {
    await t.step(`error: ${name}`, async () => {
      const e = await assertRejects(
        () => buildResourceArgs(rt, input(args, more), { allowEmptySelector: allowEmpty }),
        CliError,
      );
      assertEquals(e.message.split("\n")[0], message);
    });
  }
  await t.step("an object's namespace must match -n", async () => {
    const e = await assertRejects(() =>
      buildResourceArgs(
        rt,
        input([], {
          filenames: ["-"],
          namespace: "dev",
          enforceNamespace: true,
          readStdin: () =>
            Promise.resolve(
              '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"prod"}}',
            ),
        }),
      ), CliError);
    assertEquals(
      e.message,
      `the namespace from the provided object "prod" does not match the namespace "dev". You must pass '--namespace=prod' to perform this operation.`,
    );
  });
  await t.step("unknown kinds in files are kept when asked", async () => {
    const r = await buildResourceArgs(
      rt,
      input([], {
        filenames: ["-"],
        readStdin: () =>
          Promise.resolve('{"apiVersion":"x.io/v1","kind":"Gizmo","metadata":{"name":"g"}}'),
      }),
      { keepUnknownKinds: true },
    );
    assertEquals(r.targets, []);
    assertEquals(
      r.unknown[0].error.message,
      'resource mapping not found for name: "g" namespace: "" from "STDIN": no matches for kind "Gizmo" in version "x.io/v1"\nensure CRDs are installed first',
    );
  });
});

// Copyright 2026 the k1s authors. Apache-2.0 license.
// create, apply, replace and delete of more objects than one store transaction takes
// (cli/commands/_write_batches.ts): the same lines, errors and exit codes as for a few objects,
// on SQLite and in memory. tests/cli/etcd_test.ts runs them on etcd, which bounds transactions.
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { k1s, tempStore } from "./_helpers.ts";

/** 130 ConfigMaps labelled `batch=yes`; the 11th has a bad data key, the 101st a bad name. */
export function batchManifest(value = "v"): { yaml: string; names: string[] } {
  const docs: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < 130; i++) {
    const name = i === 100 ? "Cm_100" : `cm-${String(i).padStart(3, "0")}`;
    const key = i === 10 ? '"bad/key"' : "k";
    if (i !== 10 && i !== 100) names.push(name);
    docs.push(
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  labels:\n    batch: "yes"\ndata:\n  ${key}: ${value}\n`,
    );
  }
  return { yaml: docs.join("---\n"), names };
}

const lines = (names: string[], line: (n: string) => string) => names.map(line).join("");

/** The two invalid objects' errors, in file order. */
function assertInvalidPair(stderr: string, verb: string): void {
  const errs = stderr.split("\n").filter((l) => l.includes("is invalid"));
  assertEquals(errs.length, 2, stderr);
  assert(
    errs[0].startsWith(
      `Error from server (Invalid): error when ${verb} "all.yaml": ConfigMap "cm-010" is invalid: data[bad/key]`,
    ),
  );
  assert(
    errs[1].startsWith(
      `Error from server (Invalid): error when ${verb} "all.yaml": ConfigMap "Cm_100" is invalid: metadata.name`,
    ),
  );
}

Deno.test("write commands of 130 objects print and fail per object as for a few (sqlite)", async (t) => {
  const { dir, store, cleanup } = await tempStore();
  const run = (args: string[]) => k1s(args, { store, cwd: dir });
  const { yaml, names } = batchManifest();
  await Deno.writeTextFile(`${dir}/all.yaml`, yaml);
  await Deno.writeTextFile(`${dir}/changed.yaml`, batchManifest("w").yaml);
  try {
    await t.step("apply creates the valid ones and reports the others", async () => {
      const r = await run(["apply", "-f", "all.yaml"]);
      assertEquals(r.stdout, lines(names, (n) => `configmap/${n} created\n`));
      assertInvalidPair(r.stderr, "creating");
      assertEquals(r.stderr.split("\n").length, 3);
      assertEquals(r.code, 1);
      const got = await run(["get", "cm", "-l", "batch=yes", "-o", "name"]);
      assertEquals(got.stdout, lines(names, (n) => `configmap/${n}\n`));
    });
    await t.step("apply again: unchanged", async () => {
      const r = await run(["apply", "-f", "all.yaml"]);
      assertEquals(r.stdout, lines(names, (n) => `configmap/${n} unchanged\n`));
      assertEquals(r.code, 1);
    });
    await t.step("create: one error per object, in file order", async () => {
      const r = await run(["create", "-f", "all.yaml"]);
      assertEquals(r.stdout, "");
      const errs = r.stderr.trimEnd().split("\n");
      assertEquals(errs.length, 130);
      assertEquals(
        errs.filter((l) => l.includes("AlreadyExists")),
        names.map((n) =>
          `Error from server (AlreadyExists): error when creating "all.yaml": configmaps "${n}" already exists`
        ),
      );
      assertStringIncludes(errs[10], 'ConfigMap "cm-010" is invalid');
      assertStringIncludes(errs[100], 'ConfigMap "Cm_100" is invalid');
      assertEquals(r.code, 1);
    });
    await t.step("replace", async () => {
      const r = await run(["replace", "-f", "changed.yaml"]);
      assertEquals(r.stdout, lines(names, (n) => `configmap/${n} replaced\n`));
      assertEquals(
        r.stderr,
        'Error from server (NotFound): error when replacing "changed.yaml": configmaps "cm-010" not found\n' +
          'Error from server (NotFound): error when replacing "changed.yaml": configmaps "Cm_100" not found\n',
      );
      assertEquals(r.code, 1);
      const got = await run(["get", "cm", "-l", "batch=yes", "-o", "jsonpath={.items[*].data.k}"]);
      assertEquals(got.stdout, names.map(() => "w").join(" "));
    });
    await t.step("delete -f, then by selector", async () => {
      const r = await run(["delete", "-f", "all.yaml"]);
      assertEquals(r.stdout, lines(names, (n) => `configmap "${n}" deleted\n`));
      assertEquals(
        r.stderr,
        'Error from server (NotFound): error when deleting "all.yaml": configmaps "cm-010" not found\n' +
          'Error from server (NotFound): error when deleting "all.yaml": configmaps "Cm_100" not found\n',
      );
      assertEquals(r.code, 1);
      await run(["apply", "-f", "all.yaml"]);
      const bySelector = await run(["delete", "cm", "-l", "batch=yes"]);
      assertEquals(bySelector, {
        code: 0,
        stdout: lines(names, (n) => `configmap "${n}" deleted\n`),
        stderr: "",
      });
      assertEquals((await run(["get", "cm", "-l", "batch=yes", "-o", "name"])).stdout, "");
    });
  } finally {
    await cleanup();
  }
});

Deno.test("apply -f of 130 objects on a memory store", async () => {
  const { dir, cleanup } = await tempStore();
  try {
    const { yaml, names } = batchManifest();
    await Deno.writeTextFile(`${dir}/all.yaml`, yaml);
    const r = await k1s(["apply", "-f", "all.yaml", "-o", "name"], { store: "memory:", cwd: dir });
    assertEquals(r.stdout, lines(names, (n) => `configmap/${n}\n`));
    assertInvalidPair(r.stderr, "creating");
    assertEquals(r.code, 1);
  } finally {
    await cleanup();
  }
});

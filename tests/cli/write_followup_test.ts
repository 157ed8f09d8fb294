// Copyright 2026 the k1s authors. Apache-2.0 license.
// What a write command says about the reconciles its write triggered (cli/_cli/context.ts,
// afterWrite): failures and work left past the drain budget are warnings on stderr, the exit
// code stays 0 (the write itself succeeded), and -v adds the detail.
import { assertEquals, assertMatch } from "@std/assert";
import { k1s, tempStore } from "./_helpers.ts";

const BUSY = new URL("./testdata/busy_cli.ts", import.meta.url).pathname;

// A ConfigMap owned by a kind no store serves: the garbage collector cannot resolve the owner.
function orphan(name: string): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: "${name}"
  ownerReferences:
  - apiVersion: example.com/v1
    kind: Gizmo
    name: g
    uid: 6b1f0c2e-0000-4000-8000-000000000001
`;
}

function gcWarning(name: string): string {
  return `Warning: garbage-collector default/${name}: Cannot find the kind "Gizmo" in version "example.com/v1"; run "k1s reconcile" to retry\n`;
}

// A write's drain also runs the requests of earlier writes that are due again (their backoff
// ran out), so the steps that check stderr exactly use a store of their own.
Deno.test("a write whose reconciles fail warns, and still exits 0", async (t) => {
  const stores: { cleanup(): Promise<void> }[] = [];
  const fresh = async () => {
    const s = await tempStore();
    stores.push(s);
    return s.store;
  };
  try {
    await t.step("the failure is a warning; reconcile knows the request too", async () => {
      const store = await fresh();
      assertEquals(await k1s(["create", "-f", "-"], { store, stdin: orphan("x") }), {
        code: 0,
        stdout: "configmap/x created\n",
        stderr: gcWarning("x"),
      });
      const r = await k1s(["reconcile"], { store });
      // Failed again, or not yet due after its backoff.
      assertMatch(r.stdout, /\n {2}garbage-collector {2}default\/x {2}/);
    });
    await t.step("it is not a warning from the server: --warnings-as-errors keeps 0", async () => {
      const r = await k1s(["create", "-f", "-", "--warnings-as-errors"], {
        store: await fresh(),
        stdin: orphan("y"),
      });
      assertEquals(r, { code: 0, stdout: "configmap/y created\n", stderr: gcWarning("y") });
    });
    await t.step("-v=1 adds the log line, as before", async () => {
      const r = await k1s(["create", "-f", "-", "-v=1"], {
        store: await fresh(),
        stdin: orphan("z"),
      });
      assertEquals([r.code, r.stdout], [0, "configmap/z created\n"]);
      const lines = r.stderr.trimEnd().split("\n");
      assertEquals(lines.length, 2, r.stderr);
      assertMatch(
        lines[0],
        /^I\d{4} [\d:.]+ +\d+ k1s\.ts:0\] reconcile of garbage-collector default\/z failed: Cannot find the kind "Gizmo"/,
      );
      assertEquals(`${lines[1]}\n`, gcWarning("z"));
    });
    await t.step("a dry run triggers nothing and says nothing", async () => {
      const r = await k1s(["create", "-f", "-", "--dry-run=server"], {
        store: await fresh(),
        stdin: orphan("w"),
      });
      assertEquals(r, { code: 0, stdout: "configmap/w created (server dry run)\n", stderr: "" });
    });
  } finally {
    for (const s of stores) await s.cleanup();
  }
});

Deno.test("work left queued past the drain budget is one warning line", async () => {
  const { store, cleanup } = await tempStore();
  try {
    const r = await k1s(["create", "configmap", "loop-a"], { store, script: BUSY });
    assertEquals(r, {
      code: 0,
      stdout: "configmap/loop-a created\n",
      stderr:
        `Warning: 1 reconcile was still queued when the controllers' time or pass budget ran out; run "busy reconcile" to finish it\n`,
    });
  } finally {
    await cleanup();
  }
});

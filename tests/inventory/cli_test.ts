// Copyright 2026 the k1s authors. Apache-2.0 license.
// End-to-end tests of the inventory CLI (examples/inventory/main.ts): real subprocesses on a
// temporary SQLite store, with the permissions of the `deno task inventory` line.
import { assert, assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { createRuntime } from "@k1s/core";
import { register } from "../../examples/inventory/generated/mod.ts";
import { cells, inventory, ROOT, type RunResult, tempStore } from "./_inventory.ts";

function ok(r: RunResult, what: string): RunResult {
  assertEquals(r.code, 0, `${what} failed (exit ${r.code}):\n${r.stderr}${r.stdout}`);
  return r;
}

const GROUP = "examples.k1s.dtomasi.github.io";
const NEW_ITEM = `apiVersion: ${GROUP}/v1alpha1
kind: Item
metadata:
  name: keyboard-321
  labels:
    category: computers
    brand: logitech
    type: keyboard
spec:
  name: Logitech MX Keys
  quantity: 20
  price: 9999
  category: computers
`;

Deno.test("inventory apply -f resources/ creates the example and the controllers count", async () => {
  const s = await tempStore();
  try {
    const applied = ok(await inventory(s.store, ["apply", "-f", "resources/"]), "apply");
    assertEquals(applied.stdout.trimEnd().split("\n"), [
      `category.${GROUP}/computers created`,
      `category.${GROUP}/electronics created`,
      `item.${GROUP}/laptop-123 created`,
      `item.${GROUP}/monitor-789 created`,
      `item.${GROUP}/phone-456 created`,
    ]);
    assertEquals(applied.stderr, "");

    const cats = ok(await inventory(s.store, ["get", "categories"]), "get categories");
    assertMatch(
      cats.stdout.split("\n")[0],
      /^NAME\s+CATEGORY NAME\s+ITEMS\s+SUBCATEGORIES\s+PARENT\s+AGE$/,
    );
    const c = cells(cats.stdout);
    assertEquals(Object.keys(c), ["computers", "electronics"]);
    assertEquals(
      [
        c.computers["CATEGORY NAME"],
        c.computers.ITEMS,
        c.computers.SUBCATEGORIES,
        c.computers.PARENT,
      ],
      ["Computers", "2", "0", "electronics"],
    );
    assertEquals(
      [c.electronics.ITEMS, c.electronics.SUBCATEGORIES, c.electronics.PARENT],
      ["1", "1", ""],
    );

    const items = ok(await inventory(s.store, ["get", "items"]), "get items");
    assertMatch(
      items.stdout.split("\n")[0],
      /^NAME\s+ITEM NAME\s+QUANTITY\s+CATEGORY\s+STATUS\s+PRICE\s+AGE$/,
    );
    const i = cells(items.stdout);
    assertEquals(
      Object.entries(i).map(([n, r]) => [n, r.QUANTITY, r.CATEGORY, r.STATUS, r.PRICE]),
      [
        ["laptop-123", "5", "computers", "Available", "129999"],
        ["monitor-789", "8", "computers", "Available", "59999"],
        ["phone-456", "12", "electronics", "Available", "99900"],
      ],
    );

    // Applying the same files again changes nothing (status is not part of the manifests).
    const again = ok(await inventory(s.store, ["apply", "-f", "resources/"]), "apply again");
    assertEquals(again.stdout.trimEnd().split("\n").map((l) => l.split(" ")[1]), [
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
    ]);
  } finally {
    await s.cleanup();
  }
});

Deno.test("inventory get: short names, singular names and label selectors", async (t) => {
  const s = await tempStore();
  try {
    ok(await inventory(s.store, ["apply", "-f", "resources/"]), "apply");
    const cases: [string[], string[]][] = [
      [["get", "cat", "-o", "name"], [
        `category.${GROUP}/computers`,
        `category.${GROUP}/electronics`,
      ]],
      [["get", "itm", "-o", "name"], [
        `item.${GROUP}/laptop-123`,
        `item.${GROUP}/monitor-789`,
        `item.${GROUP}/phone-456`,
      ]],
      [["get", "category", "electronics", "-o", "name"], [`category.${GROUP}/electronics`]],
      [["get", "item", "phone-456", "-o", "name"], [`item.${GROUP}/phone-456`]],
      [["get", "items", "-l", "category=computers", "-o", "name"], [
        `item.${GROUP}/laptop-123`,
        `item.${GROUP}/monitor-789`,
      ]],
      [["get", "items", "-l", "brand=apple", "-o", "name"], [`item.${GROUP}/phone-456`]],
      [["get", "items", "-l", "type=laptop", "-o", "name"], [`item.${GROUP}/laptop-123`]],
      [["get", "categories", "-l", "parent=electronics", "-o", "name"], [
        `category.${GROUP}/computers`,
      ]],
    ];
    for (const [args, want] of cases) {
      await t.step(args.join(" "), async () => {
        const r = ok(await inventory(s.store, args), args.join(" "));
        assertEquals(r.stdout.trimEnd().split("\n"), want);
      });
    }
    await t.step("get items -l category=computers (table)", async () => {
      const r = ok(await inventory(s.store, ["get", "items", "-l", "category=computers"]), "get");
      assertEquals(Object.keys(cells(r.stdout)), ["laptop-123", "monitor-789"]);
    });
  } finally {
    await s.cleanup();
  }
});

Deno.test("inventory describe category shows the status and the controller's events", async () => {
  const s = await tempStore();
  try {
    ok(await inventory(s.store, ["apply", "-f", "resources/"]), "apply");
    const d = ok(
      await inventory(s.store, ["describe", "category", "electronics"]),
      "describe",
    ).stdout;
    assertMatch(d, /^Name:\s+electronics$/m);
    assertMatch(d, /^Kind:\s+Category$/m);
    assertMatch(d, /^\s+inventory\.examples\.k1s\.dtomasi\.github\.io\/in-use$/m);
    assertMatch(d, /^\s+Item Count:\s+1$/m);
    assertMatch(d, /^\s+Sub Category Count:\s+1$/m);
    assertMatch(d, /^Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n/m);
    assertMatch(
      d,
      /^\s+Normal\s+Updated\s+\S+\s+category-controller\s+counted 1 item and 1 subcategory$/m,
    );
  } finally {
    await s.cleanup();
  }
});

Deno.test("inventory keeps the counts current as items change", async () => {
  const s = await tempStore();
  try {
    ok(await inventory(s.store, ["apply", "-f", "resources/"]), "apply");
    const created = ok(
      await inventory(s.store, ["create", "-f", "-"], { stdin: NEW_ITEM }),
      "create",
    );
    assertEquals(created.stdout, `item.${GROUP}/keyboard-321 created\n`);
    ok(
      await inventory(s.store, [
        "patch",
        "item",
        "laptop-123",
        "--type=merge",
        "-p",
        '{"spec":{"quantity":3}}',
      ]),
      "patch quantity",
    );
    let c = cells(ok(await inventory(s.store, ["get", "cat"]), "get").stdout);
    assertEquals([c.computers.ITEMS, c.electronics.ITEMS], ["3", "1"]);

    // Moving an item recounts both categories (the old and the new object are mapped).
    ok(
      await inventory(s.store, [
        "patch",
        "item",
        "monitor-789",
        "--type=merge",
        "-p",
        '{"spec":{"category":"electronics"}}',
      ]),
      "move",
    );
    c = cells(ok(await inventory(s.store, ["get", "cat"]), "get").stdout);
    assertEquals([c.computers.ITEMS, c.electronics.ITEMS], ["2", "2"]);

    const items = cells(ok(await inventory(s.store, ["get", "items"]), "get items").stdout);
    assertEquals(items["laptop-123"].QUANTITY, "3");
    assertEquals(items["keyboard-321"].STATUS, "Available");
  } finally {
    await s.cleanup();
  }
});

Deno.test("inventory delete category: the in-use finalizer holds it until its items are gone", async () => {
  const s = await tempStore();
  try {
    ok(await inventory(s.store, ["apply", "-f", "resources/"]), "apply");
    const del = ok(
      await inventory(s.store, ["delete", "category", "computers", "--wait=false"]),
      "delete",
    );
    assertEquals(del.stdout, `category.${GROUP} "computers" deleted\n`);
    const ts = ok(
      await inventory(s.store, [
        "get",
        "category",
        "computers",
        "-o",
        "jsonpath={.metadata.deletionTimestamp} {.metadata.finalizers}",
      ]),
      "get",
    );
    assertMatch(
      ts.stdout,
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \["inventory\.examples\.k1s\.dtomasi\.github\.io\/in-use"\]$/,
    );
    const d = ok(await inventory(s.store, ["describe", "category", "computers"]), "describe");
    assertMatch(
      d.stdout,
      /^\s+Warning\s+InUse\s+\S+\s+category-controller\s+category is still used by 2 items and 0 subcategories; delete or move them before the category can be deleted$/m,
    );

    // Waiting for the deletion times out while the items remain.
    const wait = await inventory(s.store, ["delete", "category", "computers", "--timeout=1s"]);
    assertEquals(wait.code, 1);
    assertStringIncludes(
      wait.stderr,
      `error: timed out waiting for the condition on categories.${GROUP}/computers`,
    );

    // A parent in use is held too.
    const parent = await inventory(s.store, ["delete", "cat", "electronics", "--timeout=1s"]);
    assertEquals(parent.code, 1);

    ok(await inventory(s.store, ["delete", "items", "laptop-123", "monitor-789"]), "delete items");
    const gone = await inventory(s.store, ["get", "category", "computers"]);
    assertEquals(gone.code, 1);
    assertEquals(
      gone.stderr,
      `Error from server (NotFound): categories.${GROUP} "computers" not found\n`,
    );
    const events = ok(
      await inventory(s.store, ["get", "events", "--field-selector", "reason=Released"]),
      "get events",
    );
    assertStringIncludes(events.stdout, "category/computers");

    // electronics (deleted above, so Terminating) lost its subcategory but phone-456 holds it.
    const c = cells(ok(await inventory(s.store, ["get", "cat"]), "get").stdout);
    assertEquals(Object.keys(c), ["electronics"]);
    assertEquals([c.electronics.ITEMS, c.electronics.SUBCATEGORIES], ["1", "0"]);
    ok(await inventory(s.store, ["delete", "item", "phone-456"]), "delete phone");
    const last = await inventory(s.store, ["get", "categories"]);
    assertEquals([last.code, last.stdout, last.stderr], [
      0,
      "",
      "No resources found in default namespace.\n",
    ]);
  } finally {
    await s.cleanup();
  }
});

Deno.test("inventory reconcile catches up with writes of a process without the controllers", async () => {
  const s = await tempStore();
  try {
    ok(await inventory(s.store, ["apply", "-f", "resources/"]), "apply");
    // Another program writes through the library, registering the kinds but no controllers.
    const rt = await createRuntime({ store: s.store });
    try {
      register(rt);
      await rt.client.create({
        apiVersion: `${GROUP}/v1alpha1`,
        kind: "Item",
        metadata: { name: "tablet-654", namespace: "default", labels: { category: "electronics" } },
        spec: { name: "iPad Air", quantity: 4, price: 59900, category: "electronics" },
      });
    } finally {
      await rt.close();
    }
    let c = cells(ok(await inventory(s.store, ["get", "cat"]), "get").stdout);
    assertEquals(c.electronics.ITEMS, "1"); // Reads run no controllers.

    const r = ok(await inventory(s.store, ["reconcile"]), "reconcile");
    assertMatch(r.stdout, /^[1-9]\d* reconciles? ran\.\nNothing is left\.\n$/);
    c = cells(ok(await inventory(s.store, ["get", "cat"]), "get").stdout);
    assertEquals(c.electronics.ITEMS, "2");
    const items = cells(ok(await inventory(s.store, ["get", "items"]), "get items").stdout);
    assertEquals(items["tablet-654"].STATUS, "Available");

    const idle = ok(await inventory(s.store, ["reconcile"]), "reconcile again");
    assertEquals(idle.stdout, "0 reconciles ran.\nNothing is left.\n");
  } finally {
    await s.cleanup();
  }
});

Deno.test("inventory rejects the original example's invalid fields", async (t) => {
  const s = await tempStore();
  try {
    // The seed design's YAML: no spec.name, a decimal price string, unknown fields.
    const broken = (spec: string) =>
      `apiVersion: ${GROUP}/v1alpha1\nkind: Item\nmetadata:\n  name: laptop-123\nspec:\n${spec}`;
    await t.step("unknown fields", async () => {
      const r = await inventory(s.store, ["apply", "-f", "-"], {
        stdin: broken(
          "  name: x\n  quantity: 5\n  category: computers\n  currency: USD\n  tags: [a]\n",
        ),
      });
      assertEquals(r.code, 1);
      assertStringIncludes(
        r.stderr,
        'strict decoding error: unknown field "spec.currency", unknown field "spec.tags"',
      );
    });
    await t.step("missing name and decimal price", async () => {
      const r = await inventory(s.store, ["apply", "-f", "-"], {
        stdin: broken('  quantity: 5\n  price: "1299.99"\n  category: computers\n'),
      });
      assertEquals(r.code, 1);
      assertStringIncludes(r.stderr, `The Item "laptop-123" is invalid: \n`);
      assertStringIncludes(
        r.stderr,
        '* spec.price: Invalid value: "string": spec.price in body must be of type integer: "string"\n',
      );
      assertStringIncludes(r.stderr, "* spec.name: Required value\n");
    });
    await t.step("CEL rule", async () => {
      const r = await inventory(s.store, ["apply", "-f", "-"], {
        stdin: broken("  name: x\n  quantity: 20000\n  category: computers\n"),
      });
      assertEquals(r.code, 1);
      assertStringIncludes(r.stderr, "spec.quantity: Invalid value: ");
      assertStringIncludes(r.stderr, "quantity cannot exceed 10000");
    });
  } finally {
    await s.cleanup();
  }
});

Deno.test("inventory keeps its own store under $HOME/.inventory by default", async () => {
  const s = await tempStore();
  try {
    const home = `${s.dir}/home`;
    await Deno.mkdir(home);
    const env = { HOME: home, K1S_STORE: "" };
    const flags = [
      "--allow-read",
      `--allow-write=${home}/.inventory`,
      "--allow-env=K1S_STORE,K1S_HOME,K1S_TOKEN,K1S_TENANT,HOME,LOG_TOKENS,LOG_STREAM",
    ];
    ok(
      await inventory(s.store, ["apply", "-f", "resources/"], { env, denoFlags: flags }),
      "apply",
    );
    const st = await Deno.stat(`${home}/.inventory/inventory.db`);
    assert(st.isFile);
    const r = ok(
      await inventory(s.store, ["get", "cat", "-o", "name"], { env, denoFlags: flags }),
      "get",
    );
    assertEquals(r.stdout.trimEnd().split("\n").length, 2);
  } finally {
    await s.cleanup();
  }
});

Deno.test("deno task inventory runs the tool with its narrow permissions", async () => {
  const s = await tempStore();
  try {
    const config = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
    const task: string | undefined = config.tasks?.inventory;
    assert(task, 'the root deno.json has no "inventory" task (see examples/inventory/README.md)');
    assert(!/\s(-A|--allow-all)\s/.test(task), `the inventory task grants everything: ${task}`);
    // The tool's default store is under $HOME; keep Deno's cache where it is.
    const info = await new Deno.Command(Deno.execPath(), { args: ["info", "--json"] }).output();
    const denoDir: string = JSON.parse(new TextDecoder().decode(info.stdout)).denoDir;
    const run = async (...args: string[]) => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["task", "--quiet", "inventory", ...args],
        cwd: ROOT,
        env: { HOME: s.dir, K1S_STORE: "", DENO_DIR: denoDir, NO_COLOR: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const dec = new TextDecoder();
      return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
    };
    ok(await run("apply", "-f", "examples/inventory/resources/"), "deno task inventory apply");
    assert((await Deno.stat(`${s.dir}/.inventory/inventory.db`)).isFile);
    const c = cells(ok(await run("get", "cat"), "deno task inventory get cat").stdout);
    assertEquals(c.electronics.SUBCATEGORIES, "1");
  } finally {
    await s.cleanup();
  }
});

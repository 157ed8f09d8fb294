// Copyright 2026 the k1s authors. Apache-2.0 license.
// A tool built with createCli (tests/cli/testdata/inventory_cli.ts): its kinds' columns and
// short names, its own name in help and messages, its default store, its controllers after a
// write, its admission plugins, and its own commands.
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { k1s, tempStore } from "./_helpers.ts";

const TOOL = new URL("./testdata/inventory_cli.ts", import.meta.url).pathname;

Deno.test("a createCli tool serves its kinds with every command", async (t) => {
  const { dir, store, cleanup } = await tempStore();
  const inv = (args: string[], stdin?: string) =>
    k1s(args, { script: TOOL, env: { INVENTORY_STORE: store }, ...(stdin ? { stdin } : {}) });
  try {
    await t.step("empty list", async () => {
      assertEquals(await inv(["get", "items"]), {
        code: 0,
        stdout: "",
        stderr: "No resources found in default namespace.\n",
      });
    });
    await t.step("create from stdin runs the tool's controller", async () => {
      const r = await inv(
        ["create", "-f", "-"],
        JSON.stringify({
          apiVersion: "examples.k1s.dtomasi.github.io/v1alpha1",
          kind: "Item",
          metadata: { name: "hammer" },
          spec: { name: "Hammer", category: "tools", price: 1299 },
        }),
      );
      assertEquals(r, {
        code: 0,
        stdout: "item.examples.k1s.dtomasi.github.io/hammer created\n",
        stderr: "",
      });
    });
    await t.step("the tool's admission plugin rejects writes", async () => {
      const recalled = {
        apiVersion: "examples.k1s.dtomasi.github.io/v1alpha1",
        kind: "Item",
        metadata: { name: "drill" },
        spec: { name: "Drill", category: "recalled", price: 4999 },
      };
      assertEquals(await inv(["create", "-f", "-"], JSON.stringify(recalled)), {
        code: 1,
        stdout: "",
        stderr:
          'Error from server (Forbidden): error when creating "STDIN": items.examples.k1s.dtomasi.github.io "drill" is forbidden: admission plugin "no-recalled-items" denied the request: recalled items cannot be stocked\n',
      });
      const r = await inv([
        "patch",
        "item",
        "hammer",
        "--type=merge",
        "-p",
        '{"spec":{"category":"recalled"}}',
      ]);
      assertEquals(r.code, 1);
      assertStringIncludes(r.stderr, 'admission plugin "no-recalled-items" denied the request');
      assertEquals(
        (await inv(["get", "items", "-o", "name"])).stdout,
        "item.examples.k1s.dtomasi.github.io/hammer\n",
      );
    });
    await t.step("printer columns and short names", async () => {
      const r = await inv(["get", "itm"]);
      assertEquals(r.code, 0);
      assertEquals(
        r.stdout.split("\n")[0],
        "NAME     ITEM NAME   QUANTITY   CATEGORY   STATUS      PRICE   AGE",
      );
      assert(
        r.stdout.split("\n")[1].startsWith(
          "hammer   Hammer      1          tools      Available   1299    ",
        ),
      );
    });
    await t.step("api-resources and explain", async () => {
      const r = await inv(["api-resources", "--api-group=examples.k1s.dtomasi.github.io"]);
      assertEquals(
        r.stdout,
        "NAME         SHORTNAMES   APIVERSION                                NAMESPACED   KIND\n" +
          "categories   cat          examples.k1s.dtomasi.github.io/v1alpha1   true         Category\n" +
          "items        itm          examples.k1s.dtomasi.github.io/v1alpha1   true         Item\n",
      );
      const e = await inv(["explain", "items.spec.quantity"]);
      assertStringIncludes(e.stdout, "FIELD: quantity <integer>\n");
    });
    await t.step("its own environment variables: K1S_STORE does not move it", async () => {
      const other = await k1s(["get", "items", "-o", "name"], {
        script: TOOL,
        env: { INVENTORY_STORE: store, K1S_STORE: `${store}.other` },
      });
      assertEquals(other, await inv(["get", "items", "-o", "name"]));
      assertEquals(other.stdout.length > 0, true);
    });
    await t.step("its own name in help and errors", async () => {
      const root = await inv(["--help"]);
      assert(root.stdout.startsWith("inventory keeps a shop's stock.\n"));
      assertStringIncludes(root.stdout, "  hello           Say hello\n");
      assertStringIncludes(root.stdout, 'Use "inventory <command> --help" for more information');
      const bad = await inv(["get", "widgets"]);
      assertEquals(bad.stderr, `error: the server doesn't have a resource type "widgets"\n`);
      const flag = await inv(["get", "--nope"]);
      assertEquals(
        flag.stderr,
        "Error: unknown flag: --nope\nSee 'inventory get --help' for usage.\n",
      );
      // No help text of a built-in command or global option names k1s.
      for (const args of [["create", "--help"], ["completion", "--help"], ["options"]]) {
        const help = await inv(args);
        const text = help.stdout.replaceAll(store, "STORE").replaceAll("K1S_", "");
        assert(!/\bk1s\b|_k1s|\.k1s\//.test(text), text);
      }
      const completion = await inv(["completion", "--help"]);
      assertStringIncludes(completion.stdout, '"${fpath[1]}/_inventory"');
      assertStringIncludes(completion.stdout, "~/.config/fish/completions/inventory.fish");
      const options = await inv(["options"]);
      assertStringIncludes(
        options.stdout,
        "Defaults to $INVENTORY_STORE, then $INVENTORY_HOME/inventory.db, then ~/.inventory/inventory.db.",
      );
      assertStringIncludes(options.stdout, "defaults to $INVENTORY_TOKEN)");
      assertStringIncludes(options.stdout, "Specific to inventory:");
    });
    await t.step("its own command", async () => {
      assertEquals(await inv(["hello", "bob"]), {
        code: 0,
        stdout: "hello bob from inventory 1.2.3\n",
        stderr: "",
      });
      assertEquals(
        (await inv(["hello"])).stderr,
        "error: accepts 1 arg(s), received 0\nSee 'inventory hello -h' for help and examples\n",
      );
    });
    await t.step("version", async () => {
      assertEquals((await inv(["version", "--client"])).stdout, "Client Version: v1.2.3\n");
    });
    void dir;
  } finally {
    await cleanup();
  }
});

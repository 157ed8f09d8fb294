// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * `deno task demo`: a walkthrough of the example tool, `inventory` (examples/inventory), on a
 * fresh SQLite store in a temporary directory (it never touches `~/.k1s` or `~/.inventory`).
 * Every command runs as its own short-lived process, as a user would type it, with the
 * permissions of `deno task inventory`; the controllers run after each command's writes.
 *
 * Exits 1 when a command's exit code or output is not what the walkthrough expects.
 *
 * @module
 */
import { createRuntime } from "@k1s/core";
import { register } from "../examples/inventory/generated/mod.ts";
import { CLI_V8_FLAGS } from "../cli/_cli/v8_flags.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const INVENTORY = `${ROOT}examples/inventory/`;
const MAIN = `${INVENTORY}main.ts`;
const ENV_VARS = "K1S_STORE,K1S_HOME,K1S_TOKEN,K1S_TENANT,HOME,LOG_TOKENS,LOG_STREAM";
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

interface Step {
  /** Exit code the walkthrough expects. @default {0} */
  code?: number;
  /** Standard input, shown as a here-document. */
  stdin?: string;
  /** Patterns stdout must match. */
  expect?: RegExp[];
  /** Patterns stdout must not match. */
  reject?: RegExp[];
}

class DemoError extends Error {}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

function say(text: string): void {
  console.log(`\n# ${text}`);
}

async function main(): Promise<number> {
  const dir = await Deno.makeTempDir({ prefix: "k1s_demo_" });
  const store = `${dir}/inventory.db`;
  const flags = [
    "--allow-read",
    `--allow-write=${dir}`,
    `--allow-env=${ENV_VARS}`,
    ...CLI_V8_FLAGS,
  ];
  const started = performance.now();

  async function inventory(args: string[], step: Step = {}): Promise<string> {
    const shown = `$ inventory ${args.map(shellQuote).join(" ")}`;
    console.log(step.stdin === undefined ? shown : `${shown} <<EOF\n${step.stdin}EOF`);
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "--quiet", "--no-prompt", ...flags, MAIN, ...args],
      cwd: INVENTORY,
      env: { K1S_STORE: store, NO_COLOR: "1" },
      stdin: step.stdin === undefined ? "null" : "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    if (step.stdin !== undefined) {
      const w = child.stdin.getWriter();
      await w.write(new TextEncoder().encode(step.stdin));
      await w.close();
    }
    const out = await child.output();
    const stdout = new TextDecoder().decode(out.stdout);
    await Deno.stdout.write(out.stdout);
    await Deno.stdout.write(out.stderr);
    const want = step.code ?? 0;
    if (out.code !== want) {
      throw new DemoError(`"${shown.slice(2)}" exited with ${out.code}, expected ${want}`);
    }
    for (const re of step.expect ?? []) {
      if (!re.test(stdout)) throw new DemoError(`"${shown.slice(2)}" printed no match for ${re}`);
    }
    for (const re of step.reject ?? []) {
      if (re.test(stdout)) throw new DemoError(`"${shown.slice(2)}" printed a match for ${re}`);
    }
    return stdout;
  }

  try {
    console.log(`inventory: a kubectl-style tool made with createCli (examples/inventory)`);
    console.log(`store: ${store} (a fresh SQLite file; removed at the end)`);

    say("Apply the example resources: two categories, three items.");
    await inventory(["apply", "-f", "resources/"]);

    say("The category controller ran after the apply and filled in the counts.");
    await inventory(["get", "categories"], {
      expect: [
        /^computers\s+Computers\s+2\s+0\s+electronics\s/m,
        /^electronics\s+Electronics\s+1\s+1\s/m,
      ],
    });
    await inventory(["get", "items"], { expect: [/^laptop-123\s.*\sAvailable\s/m] });
    await inventory(["get", "items", "-l", "category=computers"]);

    say("Change things: a label, a quantity, a new item.");
    await inventory(["label", "item", "phone-456", "featured=true"]);
    await inventory([
      "patch",
      "item",
      "laptop-123",
      "--type=merge",
      "-p",
      '{"spec":{"quantity":3}}',
    ]);
    await inventory(["apply", "-f", "-"], { stdin: NEW_ITEM });
    await inventory(["get", "items", "-L", "brand,featured"]);
    await inventory(["get", "cat"], { expect: [/^computers\s+Computers\s+3\s/m] });

    say(
      "Another program writes through the library (createRuntime + register), without the\n" +
        "# controllers: it adds tablet-654 to electronics. Reads run no controllers, so the\n" +
        "# count is stale until a command that writes, or `inventory reconcile`, catches up.",
    );
    await addTablet(store);
    await inventory(["get", "cat", "electronics"], {
      expect: [/^electronics\s+Electronics\s+1\s/m],
    });
    await inventory(["reconcile"], { expect: [/reconciles? ran\./] });
    await inventory(["get", "cat", "electronics"], {
      expect: [/^electronics\s+Electronics\s+2\s/m],
    });

    say("Describe a category: its status and the controller's events.");
    await inventory(["describe", "category", "electronics"], {
      expect: [/Normal\s+Updated\s.*counted 2 items and 1 subcategory/],
    });

    say(
      "Delete a category still in use: the in-use finalizer keeps it (Terminating) and the\n" +
        "# controller says why. (--wait=false: kubectl would wait until it is gone.)",
    );
    await inventory(["delete", "category", "computers", "--wait=false"]);
    await inventory(["get", "categories"], { expect: [/^computers\s/m] });
    await inventory(["events", "--for", "category/computers"], {
      expect: [/Warning\s+InUse\s.*category is still used by 3 items/],
    });

    say("Delete its items: nothing references the category any more, so it goes.");
    await inventory(["delete", "items", "-l", "category=computers"]);
    await inventory(["get", "categories"], {
      expect: [/^electronics\s+Electronics\s+2\s+0\s/m],
      reject: [/^computers\s/m],
    });

    console.log(`\ndemo: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (e) {
    if (!(e instanceof DemoError)) throw e;
    console.error(`\ndemo: failed: ${e.message}`);
    return 1;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

// What another tool built on @k1s/core does: open the same store, serve the kinds, write.
async function addTablet(store: string): Promise<void> {
  await using rt = await createRuntime({ store });
  register(rt);
  await rt.client.create({
    apiVersion: `${GROUP}/v1alpha1`,
    kind: "Item",
    metadata: {
      name: "tablet-654",
      namespace: "default",
      labels: { category: "electronics", brand: "apple", type: "tablet" },
    },
    spec: { name: "iPad Air", quantity: 4, price: 59900, category: "electronics" },
  });
}

if (import.meta.main) Deno.exit(await main());

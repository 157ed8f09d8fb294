// Copyright 2026 the k1s authors. Apache-2.0 license.
// Help output: snapshots of every read command's help (tests/cli/testdata/help/*.txt; run with
// UPDATE_SNAPSHOTS=1 to rewrite them), the flag blocks shared with kubectl 1.32 compared with
// kubectl's own help, and help rendered for a tool of another name.
import { assertEquals, assertStringIncludes } from "@std/assert";
import { createCli } from "@k1s/cli";
import { k1s } from "./_helpers.ts";
import { hasKubectl } from "./_kube_oracle.ts";

const SNAPSHOTS = new URL("./testdata/help/", import.meta.url);
const UPDATE = Deno.env.get("UPDATE_SNAPSHOTS") === "1";

async function run(
  args: string[],
  name = "k1s",
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  // No default store: the help shows k1s's own; nothing here opens a store.
  const code = await createCli({ name, version: "0.1.0" }).run(args, {
    stdout: { write: (t) => void out.push(t) },
    stderr: { write: (t) => void err.push(t) },
    env: () => undefined,
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

const HELP: [string, string[]][] = [
  ["root", ["--help"]],
  ["get", ["get", "--help"]],
  ["describe", ["describe", "--help"]],
  ["api-resources", ["api-resources", "--help"]],
  ["explain", ["explain", "--help"]],
  ["events", ["events", "--help"]],
  ["wait", ["wait", "--help"]],
  ["version", ["version", "--help"]],
  ["completion", ["completion", "--help"]],
  ["auth", ["auth", "--help"]],
  ["auth-can-i", ["auth", "can-i", "--help"]],
  ["auth-rotate-key", ["auth", "rotate-key", "--help"]],
  ["auth-whoami", ["auth", "whoami", "--help"]],
  ["reconcile", ["reconcile", "--help"]],
  ["options", ["options"]],
];

Deno.test("help output matches the snapshots", async (t) => {
  if (UPDATE) await Deno.mkdir(SNAPSHOTS, { recursive: true });
  for (const [name, args] of HELP) {
    await t.step(name, async () => {
      const r = await run(args);
      assertEquals([r.code, r.stderr], [0, ""]);
      const file = new URL(`${name}.txt`, SNAPSHOTS);
      if (UPDATE) await Deno.writeTextFile(file, r.stdout);
      assertEquals(r.stdout, await Deno.readTextFile(file));
    });
  }
});

Deno.test("the k1s binary prints the root help with and without --help, and help to stderr for a group", async () => {
  const a = await k1s([]);
  const b = await k1s(["--help"]);
  assertEquals(a, b);
  assertEquals(a.code, 0);
  assertEquals(a.stdout, await Deno.readTextFile(new URL("root.txt", SNAPSHOTS)));
  const g = await k1s(["auth"]);
  assertEquals(g.code, 1);
  assertEquals(g.stdout, "");
  assertEquals(g.stderr, await Deno.readTextFile(new URL("auth.txt", SNAPSHOTS)));
  const u = await k1s(["auth", "nope"]);
  assertEquals(u, {
    code: 1,
    stdout: "",
    stderr: `error: unknown command "nope"\nSee 'k1s auth -h' for help and examples\n`,
  });
  const h = await k1s(["help", "version"]);
  assertEquals(h.stdout, await Deno.readTextFile(new URL("version.txt", SNAPSHOTS)));
});

// Flags whose help text k1s words differently on purpose (no Go templates, no OpenAPI v2).
const DIFFERENT = new Set([
  "get --output",
  "events --output",
  "wait --output",
  "auth whoami --output",
  "explain --output",
]);

function flagBlocks(help: string): Map<string, string> {
  const out = new Map<string, string>();
  const options = help.split("\nOptions:\n")[1]?.split("\n\nUsage:")[0] ?? "";
  for (const block of options.split("\n\n")) {
    const m = /--([a-z-]+)=/.exec(block);
    if (m) out.set(m[1], block.trim());
  }
  return out;
}

Deno.test({
  name: "flags shared with kubectl have kubectl's help text and defaults",
  ignore: !(await hasKubectl()),
  async fn(t) {
    const commands = [
      ["get"],
      ["describe"],
      ["api-resources"],
      ["explain"],
      ["events"],
      ["wait"],
      ["version"],
      ["auth", "can-i"],
      ["auth", "whoami"],
    ];
    for (const cmd of commands) {
      await t.step(cmd.join(" "), async () => {
        const theirs = await new Deno.Command("kubectl", {
          args: [...cmd, "--help"],
          stdout: "piped",
        })
          .output();
        const kubectl = flagBlocks(new TextDecoder().decode(theirs.stdout));
        const ours = flagBlocks((await run([...cmd, "--help"])).stdout);
        let shared = 0;
        for (const [flag, block] of ours) {
          if (!kubectl.has(flag) || DIFFERENT.has(`${cmd.join(" ")} --${flag}`)) continue;
          shared++;
          assertEquals(block, kubectl.get(flag), `${cmd.join(" ")} --${flag}`);
        }
        assertEquals(shared > 0 || cmd[0] === "version", true);
      });
    }
    await t.step("options", async () => {
      const theirs = new TextDecoder().decode(
        (await new Deno.Command("kubectl", { args: ["options"], stdout: "piped" }).output()).stdout,
      );
      const kubectl = new Map(
        theirs.split("\n\n").map((b) => [/--([a-z-]+)=/.exec(b)?.[1] ?? "", b.trim()]),
      );
      const ours = (await run(["options"])).stdout.split("\n\n");
      for (const b of ours) {
        const flag = /--([a-z-]+)=/.exec(b)?.[1];
        if (!flag || !kubectl.has(flag) || flag === "token") continue;
        assertEquals(b.trim(), kubectl.get(flag));
      }
    });
  },
});

Deno.test("help names the tool it belongs to", async () => {
  const r = await run(["get", "--help"], "inventory");
  assertStringIncludes(r.stdout, "  inventory get configmaps\n");
  assertStringIncludes(r.stdout, 'Use "inventory api-resources" for a complete list');
  assertStringIncludes(r.stdout, 'Use "inventory options" for a list of global');
  assertEquals(r.stdout.includes("k1s"), false);
});

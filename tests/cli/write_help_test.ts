// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Help of the write commands: snapshots of `k1s <command> --help`
 * (`testdata/write_help/*.txt`; run with UPDATE_SNAPSHOTS=1 to rewrite them), and the parts
 * shared with kubectl 1.32 compared with kubectl's own help (`testdata/write_help.kubectl.json`,
 * recorded by `testdata/write_oracle/record_help.ts`): the description, the usage line, and
 * every flag k1s has, worded and defaulted as kubectl words it. Examples are k1s's own (they
 * use the kinds k1s serves).
 */
import { assertEquals } from "@std/assert";
import { createCli } from "@k1s/cli";
import { HELP_COMMANDS } from "./testdata/write_oracle/help_commands.ts";

const SNAPSHOTS = new URL("./testdata/write_help/", import.meta.url);
const UPDATE = Deno.env.get("UPDATE_SNAPSHOTS") === "1";
const KUBECTL: Record<string, string> = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/write_help.kubectl.json", import.meta.url)),
);

async function help(path: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await createCli({ name: "k1s", version: "0.1.0", defaultStore: "memory:" }).run(
    [...path, "--help"],
    {
      stdout: { write: (t) => void out.push(t) },
      stderr: { write: (t) => void err.push(t) },
      env: () => undefined,
    },
  );
  assertEquals([code, err.join("")], [0, ""]);
  return out.join("");
}

/** kubectl's help as k1s would print it: the tool's name instead of `kubectl`. */
function asK1s(text: string): string {
  return text.replace(/\bkubectl(?=[ '"])/g, "k1s");
}

interface Sections {
  description: string;
  usage: string;
  flags: Map<string, string>;
}

function sections(text: string): Sections {
  const description =
    text.split(/\n\n(?=(?:Aliases|Examples|Available Commands|Options|Usage):\n)/)[0];
  const usage = /\nUsage:\n {2}(.*)\n/.exec(text)?.[1] ?? "";
  const flags = new Map<string, string>();
  const options = /\nOptions:\n([\s\S]*?)\n\nUsage:/.exec(text)?.[1] ?? "";
  for (const m of options.matchAll(/^ {4}(?:-\w, )?--([\w-]+)=.*:\n\t.*$/gm)) {
    flags.set(m[1], m[0]);
  }
  return { description, usage, flags };
}

/** kubectl flags k1s does not have: kustomize, raw HTTP, Go templates' UI and pod-only ones. */
const OMITTED: Record<string, string[]> = {
  "create": ["kustomize", "raw"],
  "apply": ["kustomize", "openapi-patch"],
  "apply edit-last-applied": ["kustomize"],
  "apply view-last-applied": ["kustomize"],
  "replace": ["kustomize", "raw"],
  "delete": ["kustomize", "raw"],
  "edit": ["kustomize"],
  "patch": ["kustomize"],
  "label": ["kustomize"],
  "annotate": ["kustomize"],
  "diff": ["kustomize"],
  "scale": ["kustomize"],
};

/** Flags k1s words differently on purpose. */
const WORDED_DIFFERENTLY = new Set([
  // k1s has no Go templates.
  "output",
  // k1s names itself.
  "save-config",
  // A pflag mapStringString shows no default; k1s declares a string list.
  "aggregation-rule",
]);

/** Usage lines without the `-k DIRECTORY` alternative k1s does not have. */
const USAGE: Record<string, [string, string]> = {
  "apply": ["(-f FILENAME | -k DIRECTORY)", "-f FILENAME"],
  "delete": ["[-k DIRECTORY] | ", ""],
};

Deno.test("help of the write commands matches the snapshots", async (t) => {
  if (UPDATE) await Deno.mkdir(SNAPSHOTS, { recursive: true });
  for (const path of HELP_COMMANDS) {
    const name = path.join(" ");
    await t.step(name, async () => {
      const text = await help(path);
      const file = new URL(`${path.join("-")}.txt`, SNAPSHOTS);
      if (UPDATE) await Deno.writeTextFile(file, text);
      assertEquals(text, await Deno.readTextFile(file));
    });
  }
});

Deno.test("help of the write commands words what it shares with kubectl as kubectl does", async (t) => {
  for (const path of HELP_COMMANDS) {
    const name = path.join(" ");
    await t.step(name, async () => {
      const ours = sections(await help(path));
      const theirs = sections(asK1s(KUBECTL[name]));
      assertEquals(ours.description, theirs.description);
      let usage = theirs.usage;
      const u = USAGE[name];
      if (u) usage = usage.replace(u[0], u[1]);
      assertEquals(ours.usage, usage);
      for (const [flag, block] of ours.flags) {
        if (WORDED_DIFFERENTLY.has(flag)) continue;
        assertEquals(block, theirs.flags.get(flag), `--${flag}`);
      }
      const missing = [...theirs.flags.keys()].filter((f) =>
        !ours.flags.has(f) && f !== "template"
      );
      assertEquals(missing.sort(), OMITTED[name] ?? []);
    });
  }
});

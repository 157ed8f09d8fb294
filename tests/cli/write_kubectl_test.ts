// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * The write commands against kubectl 1.32 as the oracle: every scenario of
 * `testdata/write_oracle/scenario.ts` runs here as real `k1s` subprocesses on a temporary
 * SQLite store, and what each command prints (stdout, stderr, exit code) must equal what kubectl
 * printed for the same steps against a server (`testdata/write.kubectl.json`, recorded by
 * `testdata/write_oracle/record.ts`; see its README). Scenarios run concurrently (each on its
 * own store); each test reports one scenario.
 */
import { assertEquals } from "@std/assert";
import {
  normalize,
  type Recorded,
  type Scenario,
  SCENARIOS,
  sortBlocks,
} from "./testdata/write_oracle/scenario.ts";
import { runK1s } from "./_write_run.ts";

const golden: Record<string, Recorded[]> = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/write.kubectl.json", import.meta.url)),
);

async function runScenario(s: Scenario): Promise<Recorded[]> {
  const dir = await Deno.makeTempDir({ prefix: "k1s-write-" });
  try {
    const write = async (files: Record<string, string>) => {
      for (const [name, content] of Object.entries(files)) {
        const exec = name.endsWith("+x");
        const path = `${dir}/${exec ? name.slice(0, -2) : name}`;
        await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
        await Deno.writeTextFile(path, content);
        if (exec) await Deno.chmod(path, 0o755);
      }
    };
    await write(s.files ?? {});
    const got: Recorded[] = [];
    for (const step of s.steps) {
      if ("write" in step) {
        await write(step.write);
        continue;
      }
      const r = await runK1s(step.args, {
        cwd: dir,
        store: `${dir}/k1s.db`,
        stdin: step.stdin,
        env: step.env,
      });
      const stdout = normalize(r.stdout.replaceAll(dir, "<dir>"), "k1s");
      got.push({
        args: step.args,
        stdout: step.sortLines ? sortBlocks(stdout) : stdout,
        stderr: normalize(r.stderr.replaceAll(dir, "<dir>"), "k1s"),
        code: r.code,
      });
    }
    return got;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

// Every scenario starts at once, a few at a time; the tests below wait for their own.
let all: Map<string, Promise<Recorded[]>> | undefined;
function results(): Map<string, Promise<Recorded[]>> {
  if (all) return all;
  all = new Map();
  const limit = Math.max(2, Math.min(8, navigator.hardwareConcurrency ?? 4));
  let running = 0;
  const queue: (() => void)[] = [];
  for (const s of SCENARIOS) {
    all.set(
      s.name,
      (async () => {
        if (running >= limit) await new Promise<void>((r) => queue.push(r));
        running++;
        try {
          return await runScenario(s);
        } finally {
          running--;
          queue.shift()?.();
        }
      })(),
    );
  }
  return all;
}

for (const s of SCENARIOS) {
  Deno.test({
    name: `k1s prints what kubectl prints: ${s.name}`,
    // The scenarios run concurrently, so their subprocesses outlive single tests.
    sanitizeOps: false,
    sanitizeResources: false,
    async fn() {
      const want = golden[s.name];
      if (!want) throw new Error(`no kubectl recording for ${JSON.stringify(s.name)}`);
      const got = await results().get(s.name)!;
      for (let i = 0; i < want.length; i++) {
        assertEquals(got[i], want[i], `step ${i}: k1s ${want[i].args.join(" ")}`);
      }
      assertEquals(got.length, want.length);
    },
  });
}

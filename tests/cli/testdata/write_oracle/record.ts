// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Records kubectl's output for the write scenarios (scenario.ts) against the fake API server
 * (fake_apiserver_write.ts, started here) into `../write.kubectl.json`. Not part of any test
 * run: `deno run -A record.ts [scenario-name-substring]`.
 *
 * @module
 */
import { normalize, type Recorded, SCENARIOS, sortBlocks } from "./scenario.ts";

const port = 18090 + Math.floor(Math.random() * 500);
const here = new URL(".", import.meta.url).pathname;
const server = new Deno.Command(Deno.execPath(), {
  args: ["run", "-A", `${here}fake_apiserver_write.ts`, String(port)],
  stdout: "null",
  stderr: "inherit",
}).spawn();
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 100; i++) {
  try {
    await (await fetch(`${base}/version`)).text();
    break;
  } catch {
    await new Promise((r) => setTimeout(r, 100));
  }
}

const outFile = `${here}../write.kubectl.json`;
let golden: Record<string, Recorded[]> = {};
try {
  golden = JSON.parse(await Deno.readTextFile(outFile));
} catch {
  // first recording
}
const only = Deno.args[0];
try {
  for (const s of SCENARIOS) {
    if (only && !s.name.includes(only)) continue;
    await (await fetch(`${base}/reset`, { method: "POST" })).text();
    const dir = await Deno.makeTempDir({ prefix: "k1s-oracle-" });
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
    const out: Recorded[] = [];
    for (const step of s.steps) {
      if ("write" in step) {
        await write(step.write);
        continue;
      }
      const child = new Deno.Command("kubectl", {
        args: [`--server=${base}`, ...step.args],
        cwd: dir,
        env: { KUBECONFIG: "/dev/null", HOME: dir, ...(step.env ?? {}) },
        stdin: step.stdin !== undefined ? "piped" : "null",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      if (step.stdin !== undefined) {
        const w = child.stdin.getWriter();
        await w.write(new TextEncoder().encode(step.stdin));
        await w.close();
      }
      const r = await child.output();
      const sorted = (t: string) => step.sortLines ? sortBlocks(t) : t;
      const dec = new TextDecoder();
      out.push({
        args: step.args,
        stdout: sorted(normalize(dec.decode(r.stdout).replaceAll(dir, "<dir>"), "kubectl")),
        stderr: normalize(dec.decode(r.stderr).replaceAll(dir, "<dir>"), "kubectl"),
        code: r.code,
      });
    }
    golden[s.name] = out;
    await Deno.remove(dir, { recursive: true });
    console.error(`recorded ${s.name}`);
  }
} finally {
  server.kill();
  await server.status;
}
const sorted: Record<string, Recorded[]> = {};
for (const s of SCENARIOS) if (golden[s.name]) sorted[s.name] = golden[s.name];
await Deno.writeTextFile(outFile, JSON.stringify(sorted, null, 1) + "\n");

// Copyright 2026 the k1s authors. Apache-2.0 license.
// Graceful stop of the long-running operator mode: SIGTERM/SIGINT let the reconcile in flight
// finish and flush its events, then the process exits 0.
import { assertEquals } from "@std/assert";
import { createRuntime } from "@k1s/core";

const TOOL = new URL("./slow_tool.ts", import.meta.url).pathname;
const ROOT = new URL("../../", import.meta.url).pathname;

async function waitFor(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  text: string,
): Promise<void> {
  const dec = new TextDecoder();
  let seen = "";
  const deadline = Date.now() + 20_000;
  while (!seen.includes(text)) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${JSON.stringify(text)}: ${seen}`);
    }
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before ${JSON.stringify(text)}: ${seen}`);
    seen += dec.decode(value);
  }
}

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  Deno.test(`reconcile --watch finishes the reconcile in flight and flushes events on ${signal}`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "k1s_graceful_" });
    const store = `${dir}/k1s.db`;
    try {
      {
        await using rt = await createRuntime({ store });
        await rt.client.create({
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name: "a", namespace: "default" },
        });
      }
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "--quiet", TOOL, "reconcile", "--watch"],
        env: { SLOW_STORE: store, NO_COLOR: "1" },
        cwd: ROOT,
        stdin: "null",
        stdout: "null",
        stderr: "piped",
      }).spawn();
      const err = child.stderr.getReader();
      await waitFor(err, "reconciling a");
      child.kill(signal);
      // Read stderr to the end: the stopped command still reports what it left queued.
      let rest = "";
      for (;;) {
        const { value, done } = await err.read();
        if (done) break;
        rest += new TextDecoder().decode(value);
      }
      const status = await child.status;
      assertEquals(status.code, 0, rest);
      assertEquals(
        rest.match(/^Warning: .*$/gm) ?? [],
        [
          'Warning: 1 reconcile was still queued when the command was stopped; run "slowtool reconcile" to finish it',
        ],
      );
      await using rt = await createRuntime({ store });
      const cm = await rt.client.get({ apiVersion: "v1", kind: "ConfigMap" }, {
        namespace: "default",
        name: "a",
      });
      assertEquals(cm.metadata.annotations?.["example.com/done"], "yes");
      const events = await rt.client.list({ apiVersion: "v1", kind: "Event" }, {
        namespace: "default",
      });
      assertEquals(events.items.map((e) => e.reason), ["Annotated"]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertRejects } from "@std/assert";
import { readManifestUrl } from "./_read_url.ts";
import { ManifestError } from "./load_manifests.ts";

const URL_ = "https://example.com/m.yaml";

function answering(...statuses: number[]) {
  const calls: string[] = [];
  const sleeps: number[] = [];
  const fetch = (u: string | URL | Request) => {
    calls.push(String(u));
    const status = statuses[Math.min(calls.length - 1, statuses.length - 1)];
    return Promise.resolve(
      new Response(status === 200 ? "kind: ConfigMap\n" : "oops", {
        status,
        statusText: status === 503 ? "Service Unavailable" : "Not Found",
      }),
    );
  };
  const sleep = (ms: number) => {
    sleeps.push(ms);
    return Promise.resolve();
  };
  return { calls, sleeps, options: { fetch: fetch as typeof globalThis.fetch, sleep } };
}

Deno.test("readManifestUrl() retries 5xx answers as kubectl does, three tries a second apart", async (t) => {
  await t.step("a 503, then 200", async () => {
    const a = answering(503, 200);
    assertEquals(await readManifestUrl(URL_, a.options), "kind: ConfigMap\n");
    assertEquals([a.calls.length, a.sleeps], [2, [1000]]);
  });
  const failures: [string, number, string, number, number[]][] = [
    ["503 three times", 503, "503 Service Unavailable", 3, [1000, 1000]],
    ["a 404 is not tried again", 404, "404 Not Found", 1, []],
  ];
  for (const [name, status, reported, calls, sleeps] of failures) {
    await t.step(name, async () => {
      const a = answering(status);
      await assertRejects(
        () => readManifestUrl(URL_, a.options),
        ManifestError,
        `unable to read URL "${URL_}", server reported ${reported}, status code=${status}`,
      );
      assertEquals([a.calls.length, a.sleeps], [calls, sleeps]);
    });
  }
});

Deno.test("readManifestUrl() words failed connections as kubectl's CheckErr", async (t) => {
  const failing = (why: string) => ({
    fetch: (() =>
      Promise.reject(
        new TypeError("fetch failed", { cause: new Error(why) }),
      )) as unknown as typeof fetch,
  });
  const cases: [string, string, string][] = [
    [
      "refused",
      "client error (Connect): tcp connect error: Connection refused (os error 111)",
      "The connection to the server example.com:8443 was refused - did you specify the right host or port?\n",
    ],
    [
      "unknown host",
      "client error (Connect): dns error: failed to lookup address information: Name or service not known",
      "Unable to connect to the server: dial tcp: lookup example.com: no such host\n",
    ],
  ];
  for (const [name, why, want] of cases) {
    await t.step(name, async () => {
      const e = await assertRejects(
        () => readManifestUrl("https://example.com:8443/m.yaml", failing(why)),
        ManifestError,
      );
      assertEquals(e.render(), want);
    });
  }
});

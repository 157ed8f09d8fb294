// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals, assertThrows } from "@std/assert";
import { StorageError } from "../../core/storage/storage_error.ts";
import type { EtcdStorageOptions } from "./mod.ts";
import { parseEtcdStoreUrl } from "./mod.ts";

Deno.test("parseEtcdStoreUrl() reads endpoints, prefix and options", async (t) => {
  const cases: [string, EtcdStorageOptions][] = [
    ["etcd://127.0.0.1:2379", { endpoints: ["http://127.0.0.1:2379"], prefix: "" }],
    ["etcd://localhost", { endpoints: ["http://localhost:2379"], prefix: "" }],
    ["etcd://a:1,b:2,c/", { endpoints: ["http://a:1", "http://b:2", "http://c:2379"], prefix: "" }],
    ["etcd://a:1/k1s", { endpoints: ["http://a:1"], prefix: "/k1s" }],
    ["etcd://a:1/k1s/dev/", { endpoints: ["http://a:1"], prefix: "/k1s/dev" }],
    ["etcd://a:1/my%20store", { endpoints: ["http://a:1"], prefix: "/my store" }],
    ["etcd://[::1]:2379,[fe80::1]/p", {
      endpoints: ["http://[::1]:2379", "http://[fe80::1]:2379"],
      prefix: "/p",
    }],
    ["ETCD://a:1?timeout=250", { endpoints: ["http://a:1"], prefix: "", timeoutMs: 250 }],
    ["etcd://a:1?timeout=1.5s", { endpoints: ["http://a:1"], prefix: "", timeoutMs: 1500 }],
    ["etcd://a:1?timeout=2m", { endpoints: ["http://a:1"], prefix: "", timeoutMs: 120_000 }],
    ["etcds://a:1,b:2/k1s?ca=/etc/ca.pem&cert=/etc/c.pem&key=/etc/c.key&timeout=300ms", {
      endpoints: ["https://a:1", "https://b:2"],
      prefix: "/k1s",
      timeoutMs: 300,
      tls: { caFile: "/etc/ca.pem", certFile: "/etc/c.pem", keyFile: "/etc/c.key" },
    }],
    ["etcds://a", { endpoints: ["https://a:2379"], prefix: "" }],
    ["etcd://a:1?first-response-timeout=1.5s&watch-silence=2s", {
      endpoints: ["http://a:1"],
      prefix: "",
      firstResponseTimeoutMs: 1500,
      watchSilenceMs: 2000,
    }],
    ["etcd://a:1?timeout=5s&first-response-timeout=800", {
      endpoints: ["http://a:1"],
      prefix: "",
      timeoutMs: 5000,
      firstResponseTimeoutMs: 800,
    }],
  ];
  for (const [url, expected] of cases) {
    await t.step(url, () => assertEquals(parseEtcdStoreUrl(url), expected));
  }
});

Deno.test("parseEtcdStoreUrl() rejects malformed URLs with Invalid", async (t) => {
  const cases: [string, string][] = [
    ["sqlite:///tmp/x.db", 'expected "etcd://host:port'],
    ["etcd://", "bad host"],
    ["etcd://a:1,,b:2", "bad host"],
    ["etcd://a:99999", "bad port"],
    ["etcd://a:0", "bad port"],
    ["etcd://a:1?ca=/x", "need the etcds:// scheme"],
    ["etcds://a:1?cert=/x", "cert and key go together"],
    ["etcd://a:1?timeout=soon", "bad timeout"],
    ["etcd://a:1?timeout=0", "bad timeout"],
    ["etcd://a:1?first-response-timeout=1h", 'bad first-response-timeout "1h"'],
    ["etcd://a:1?watch-silence=", 'bad watch-silence ""'],
    ["etcd://a:1?tls=1", 'unknown parameter "tls"'],
    ["etcd://a:1/%E0%A4%A", "bad percent-encoding"],
  ];
  for (const [url, message] of cases) {
    await t.step(url, () => {
      const e = assertThrows(() => parseEtcdStoreUrl(url), StorageError, message);
      assertEquals(e.code, "Invalid");
    });
  }
});

// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assertEquals } from "@std/assert";
import { parseEtcdStoreUrl } from "@k1s/core/storage/etcd";
import { etcdAccess, permissionFlags } from "./permissions.ts";

const ENV =
  "--allow-env=K1S_STORE,K1S_HOME,K1S_TOKEN,K1S_TENANT,K1S_AUDIT_LOG,HOME,LOG_TOKENS,LOG_STREAM";

Deno.test("permissionFlags() scopes every permission to what the invocation uses", async (t) => {
  const env = (vars: Record<string, string>) => (k: string) => vars[k];
  const cases: [string, string[], Record<string, string>, string[]][] = [
    ["default store", ["get", "cm"], { HOME: "/home/u" }, [
      "--allow-read=/home/u/.k1s",
      "--allow-write=/home/u/.k1s",
      ENV,
    ]],
    ["K1S_HOME", ["get", "cm"], { K1S_HOME: "/data/k/" }, [
      "--allow-read=/data/k",
      "--allow-write=/data/k",
      ENV,
    ]],
    [
      "--store wins, relative to cwd",
      ["--store", "s/x.db", "get", "cm"],
      { K1S_STORE: "/other/y.db" },
      ["--allow-read=/work/s", "--allow-write=/work/s", ENV],
    ],
    ["sqlite URL", ["get", "cm", "--store=sqlite:///var/k1s/a.db"], {}, [
      "--allow-read=/var/k1s",
      "--allow-write=/var/k1s",
      ENV,
    ]],
    ["memory", ["get", "cm"], { K1S_STORE: "memory:" }, [ENV]],
    ["etcd", ["get", "cm"], { K1S_STORE: "etcd://10.0.0.1:2379,10.0.0.2:2379/k1s" }, [
      "--allow-net=10.0.0.1:2379,10.0.0.2:2379",
      ENV,
    ]],
    [
      "-f in every form, and template files",
      [
        "apply",
        "-f",
        "a.yaml",
        "--filename=../b",
        "-fc.json",
        "-f",
        "-",
        "-o",
        "jsonpath-file=t.txt",
      ],
      { K1S_STORE: "/s/k.db" },
      ["--allow-read=/s,/work/a.yaml,/b,/work/c.json,/work/t.txt", "--allow-write=/s", ENV],
    ],
    [
      "edit runs the editor",
      ["-n", "dev", "edit", "cm", "x"],
      { K1S_STORE: "/s/k.db", KUBE_EDITOR: "code --wait", EDITOR: "vim" },
      [
        "--allow-read=/s,/tmp",
        "--allow-write=/s,/tmp",
        `${ENV},KUBE_EDITOR,EDITOR,TMPDIR`,
        "--allow-run=code",
      ],
    ],
    [
      "apply edit-last-applied runs the editor",
      ["apply", "edit-last-applied", "cm/x"],
      { K1S_STORE: "/s/k.db", EDITOR: "nano" },
      [
        "--allow-read=/s,/tmp",
        "--allow-write=/s,/tmp",
        `${ENV},KUBE_EDITOR,EDITOR,TMPDIR`,
        "--allow-run=nano",
      ],
    ],
    [
      "create --edit runs the editor",
      ["create", "-f", "a.yaml", "--edit=true"],
      { K1S_STORE: "/s/k.db", TMPDIR: "/t" },
      [
        "--allow-read=/s,/work/a.yaml,/t",
        "--allow-write=/s,/t",
        `${ENV},KUBE_EDITOR,EDITOR,TMPDIR`,
        "--allow-run=vi",
      ],
    ],
    [
      "create --edit=false does not",
      ["create", "-f", "a.yaml", "--edit=false"],
      { K1S_STORE: "/s/k.db" },
      ["--allow-read=/s,/work/a.yaml", "--allow-write=/s", ENV],
    ],
    [
      "--audit-log (before the command too) is written, not read",
      ["--audit-log", "logs/audit.jsonl", "edit", "cm", "x"],
      { K1S_STORE: "/s/k.db", KUBE_EDITOR: "vi", K1S_AUDIT_LOG: "/ignored" },
      [
        "--allow-read=/s,/tmp",
        "--allow-write=/s,/work/logs/audit.jsonl,/tmp",
        `${ENV},KUBE_EDITOR,EDITOR,TMPDIR`,
        "--allow-run=vi",
      ],
    ],
    ["K1S_AUDIT_LOG", ["get", "cm"], { K1S_STORE: "memory:", K1S_AUDIT_LOG: "/var/log/k1s" }, [
      "--allow-write=/var/log/k1s",
      ENV,
    ]],
    [
      "manifest URLs are fetched from their hosts",
      ["apply", "-f", "https://example.com/a.yaml,http://127.0.0.1:8080/b.yaml", "-f", "c.yaml"],
      { K1S_STORE: "memory:" },
      ["--allow-read=/work/c.yaml", "--allow-net=example.com,127.0.0.1:8080", ENV],
    ],
    [
      "generator sources; an env file's bare keys read any variable",
      ["create", "cm", "c", "--from-file=k=a.txt", "--from-env-file", "e.env"],
      { K1S_STORE: "memory:" },
      ["--allow-read=/work/a.txt,/work/e.env", "--allow-env"],
    ],
  ];
  for (const [name, args, vars, want] of cases) {
    await t.step(
      name,
      () => assertEquals(permissionFlags({ args, env: env(vars), cwd: "/work" }).flags, want),
    );
  }
});

Deno.test("permissionFlags() grants an etcd store its members without the query, and its TLS files", async (t) => {
  const flags = (store: string) =>
    permissionFlags({ args: ["get", "cm", "--store", store], env: () => undefined, cwd: "/work" })
      .flags;
  await t.step("query parameters are not part of the port", () => {
    assertEquals(flags("etcd://127.0.0.1:23791?timeout=5s"), ["--allow-net=127.0.0.1:23791", ENV]);
  });
  await t.step("default port, IPv6, several members, prefix", () => {
    assertEquals(flags("etcd://a,[::1]:2380,b:1/k1s/x?timeout=1s"), [
      "--allow-net=a:2379,[::1]:2380,b:1",
      ENV,
    ]);
  });
  await t.step("etcds:// reads the CA and client certificate files", () => {
    assertEquals(flags("etcds://h:2379/p?ca=/etc/k1s/ca.pem&cert=tls/c.pem&key=tls/k.pem"), [
      "--allow-read=/etc/k1s/ca.pem,/work/tls/c.pem,/work/tls/k.pem",
      "--allow-net=h:2379",
      ENV,
    ]);
  });
  await t.step("a malformed host is left to the CLI's own error", () => {
    assertEquals(flags("etcd://h:99999,ok"), ["--allow-net=ok:2379", ENV]);
  });
});

Deno.test("etcdAccess() finds the members parseEtcdStoreUrl connects to", () => {
  for (
    const url of [
      "etcd://127.0.0.1:23791?timeout=5s",
      "etcd://10.0.0.1,10.0.0.2:2380/k1s",
      "etcds://etcd.local?ca=/etc/k1s/ca.pem&timeout=3s",
      "etcds://[::1]:2379,h/p%2Fq?ca=/a&cert=/b&key=/c",
    ]
  ) {
    const parsed = parseEtcdStoreUrl(url);
    const access = etcdAccess(url);
    assertEquals(access.net, parsed.endpoints.map((e) => e.replace(/^https?:\/\//, "")), url);
    const tls = parsed.tls ?? {};
    assertEquals(
      access.files,
      [tls.caFile, tls.certFile, tls.keyFile].filter((f) => f !== undefined),
      url,
    );
  }
});

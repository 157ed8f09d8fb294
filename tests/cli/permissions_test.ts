// Copyright 2026 the k1s authors. Apache-2.0 license.
// The CLI under exactly the Deno permissions the launcher computes (cli/_cli/permissions.ts):
// reads and writes work, and a missing permission ends the command with a message naming the
// flag to add.
import { assert, assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { permissionFlags } from "../../cli/_cli/permissions.ts";
import { configMap, k1s, ROOT, seed, tempStore } from "./_helpers.ts";

function sqlJsDir(): string[] {
  const wasm = new URL(import.meta.resolve("sql.js/dist/sql-wasm.wasm"));
  return wasm.protocol === "file:" ? [wasm.pathname.replace(/\/dist\/[^/]+$/, "")] : [];
}

Deno.test("k1s works with exactly the permissions the launcher grants", async (t) => {
  const { dir, store, cleanup } = await tempStore();
  try {
    // The store exists (created by another tool); the CLI only opens it.
    await seed(store, [configMap("foo", { a: "1" })]);
    await Deno.writeTextFile(
      `${dir}/cm.yaml`,
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fromfile\n",
    );
    const env: Record<string, string> = { K1S_STORE: store, HOME: dir };
    const run = (args: string[], more: Record<string, string> = {}) => {
      const all = { ...env, ...more };
      const { flags } = permissionFlags({
        args,
        env: (k) => all[k],
        cwd: ROOT,
        extraRead: sqlJsDir(),
      });
      return k1s(args, { env: all, denoFlags: flags });
    };
    await t.step("flags", () => {
      const { flags } = permissionFlags({
        args: ["get", "cm"],
        env: (k) => (env as Record<string, string>)[k],
        cwd: ROOT,
      });
      assertEquals(flags, [
        `--allow-read=${dir}`,
        `--allow-write=${dir}`,
        "--allow-env=K1S_STORE,K1S_HOME,K1S_TOKEN,K1S_TENANT,K1S_AUDIT_LOG,HOME,LOG_TOKENS,LOG_STREAM",
      ]);
    });
    await t.step("read", async () => {
      assertEquals(await run(["get", "cm", "foo", "-o", "name"]), {
        code: 0,
        stdout: "configmap/foo\n",
        stderr: "",
      });
    });
    await t.step("write", async () => {
      assertEquals(await run(["create", "configmap", "bar", "--from-literal=b=2"]), {
        code: 0,
        stdout: "configmap/bar created\n",
        stderr: "",
      });
    });
    await t.step("write from a file", async () => {
      assertEquals(await run(["create", "-f", `${dir}/cm.yaml`]), {
        code: 0,
        stdout: "configmap/fromfile created\n",
        stderr: "",
      });
    });
    await t.step("generator sources: files, env files' bare keys, the standard input", async () => {
      await Deno.writeTextFile(`${dir}/a.txt`, "A\n");
      await Deno.writeTextFile(`${dir}/e.env`, "E=1\nFROM_ENV\n");
      const args = [
        "create",
        "configmap",
        "gen",
        `--from-file=a=${dir}/a.txt`,
        "--dry-run=client",
        "-o",
        "jsonpath={.data}",
      ];
      assertEquals(await run(args), { code: 0, stdout: '{"a":"A\\n"}', stderr: "" });
      const envArgs = ["create", "cm", "gen", `--from-env-file=${dir}/e.env`, "--dry-run=client"];
      const fromEnv = await run([...envArgs, "-o", "jsonpath={.data}"], { FROM_ENV: "x" });
      assertEquals(fromEnv, { code: 0, stdout: '{"E":"1","FROM_ENV":"x"}', stderr: "" });
      const stdinArgs = ["create", "cm", "gen", "--from-file=k=/dev/stdin", "--dry-run=client"];
      const all = { ...env };
      const { flags } = permissionFlags({ args: stdinArgs, env: (k) => all[k], cwd: ROOT });
      const fromStdin = await k1s([...stdinArgs, "-o", "jsonpath={.data.k}"], {
        env: all,
        denoFlags: flags,
        stdin: "piped in",
      });
      assertEquals(fromStdin, { code: 0, stdout: "piped in", stderr: "" });
    });
    await t.step("manifests from a URL", async () => {
      const ac = new AbortController();
      const server = Deno.serve(
        { hostname: "127.0.0.1", port: 0, signal: ac.signal, onListen() {} },
        (req) =>
          new URL(req.url).pathname === "/cm.yaml"
            ? new Response("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fromurl\n")
            : new Response("no", { status: 404, statusText: "Not Found" }),
      );
      try {
        const base = `http://127.0.0.1:${server.addr.port}`;
        assertEquals(await run(["create", "-f", `${base}/cm.yaml`]), {
          code: 0,
          stdout: "configmap/fromurl created\n",
          stderr: "",
        });
        // The source is the URL, as kubectl names it.
        assertEquals(await run(["create", "-f", `${base}/cm.yaml`]), {
          code: 1,
          stdout: "",
          stderr:
            `Error from server (AlreadyExists): error when creating "${base}/cm.yaml": configmaps "fromurl" already exists\n`,
        });
        assertEquals(await run(["apply", "-f", `${base}/nope.yaml`]), {
          code: 1,
          stdout: "",
          stderr:
            `error: unable to read URL "${base}/nope.yaml", server reported 404 Not Found, status code=404\n`,
        });
      } finally {
        ac.abort();
        await server.finished;
      }
    });
    await t.step("the commands that open the editor", async () => {
      const editor = `${dir}/ed.sh`;
      await Deno.writeTextFile(
        editor,
        '#!/bin/sh\nsed -i "s/name: fromfile$/name: edited/" "$1"\n',
      );
      await Deno.chmod(editor, 0o755);
      const more = { KUBE_EDITOR: editor, TMPDIR: dir };
      assertEquals(await run(["create", "-f", `${dir}/cm.yaml`, "--edit"], more), {
        code: 0,
        stdout: "configmap/edited created\n",
        stderr: "",
      });
      await run(["apply", "-f", `${dir}/cm.yaml`]);
      await Deno.writeTextFile(
        editor,
        '#!/bin/sh\nsed -i "s/^kind: ConfigMap$/kind: ConfigMap\\ndata: {a: b}/" "$1"\n',
      );
      assertEquals(await run(["apply", "edit-last-applied", "cm/fromfile"], more), {
        code: 0,
        stdout: "configmap/fromfile edited\n",
        stderr: "",
      });
    });
    await t.step("describe, api-resources, explain, events", async () => {
      for (
        const args of [["describe", "cm", "bar"], ["api-resources"], ["explain", "cm"], ["events"]]
      ) {
        const r = await run(args);
        assertEquals([r.code, r.stderr.includes("Deno")], [0, false], args.join(" "));
      }
    });
  } finally {
    await cleanup();
  }
});

Deno.test("a missing Deno permission gives a clear error naming the flag", async (t) => {
  const { dir, store, cleanup } = await tempStore();
  try {
    await seed(store, [configMap("foo")]);
    const env = { K1S_STORE: store };
    const vars = "--allow-env=K1S_STORE,K1S_HOME,K1S_TOKEN,K1S_TENANT,HOME";
    await t.step("no write access", async () => {
      const r = await k1s(["create", "configmap", "x"], {
        env,
        denoFlags: [`--allow-read=${dir}`, vars],
      });
      assertEquals(r.code, 1);
      assertMatch(
        r.stderr,
        new RegExp(
          `^error: k1s needs write access to "${dir}/[^"]+" but Deno did not grant it; run it with --allow-write=${dir}/\\S+ \\(see "Permissions" in docs/cli.md\\)\\n$`,
        ),
      );
    });
    await t.step("no read access", async () => {
      const r = await k1s(["get", "cm"], { env, denoFlags: [vars] });
      assertEquals(r.code, 1);
      assertStringIncludes(r.stderr, `error: k1s needs read access to "${dir}/`);
      assertStringIncludes(r.stderr, "run it with --allow-read=");
    });
    await t.step("no env access", async () => {
      const r = await k1s(["get", "cm"], { env, denoFlags: [`--allow-read=${dir}`] });
      assertEquals(r.code, 1);
      assertMatch(
        r.stderr,
        /^error: k1s needs env access to "K1S_\w+" but Deno did not grant it; run it with --allow-env=K1S_\w+ /,
      );
    });
    await t.step("no read access to a -f file", async () => {
      await Deno.mkdir(`${dir}/manifests`);
      await Deno.writeTextFile(
        `${dir}/manifests/x.yaml`,
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
      );
      const r = await k1s(["get", "-f", "/etc/hostname"], {
        env,
        denoFlags: [`--allow-read=${dir}`, vars],
      });
      assertEquals(r.code, 1);
      assertStringIncludes(r.stderr, 'error: k1s needs read access to "/etc/hostname"');
    });
  } finally {
    await cleanup();
  }
});

Deno.test("deno task k1s: the launcher runs the CLI with narrow flags and passes the exit code", async () => {
  const { dir, store, cleanup } = await tempStore();
  try {
    await seed(store, [configMap("foo")]);
    const launcher = `${ROOT}cli/launcher.ts`;
    const dry = await k1s(["get", "cm", "-f", "x.yaml"], {
      script: launcher,
      denoFlags: ["--allow-read", "--allow-env", "--allow-run"],
      // As `deno task` runs it: in the checkout, with the user's directory in INIT_CWD (which
      // an enclosing `deno task test` has set to the checkout).
      env: { K1S_STORE: store, K1S_LAUNCHER_DRY_RUN: "1", INIT_CWD: dir },
      cwd: dir,
    });
    assertEquals(dry.code, 0);
    assert(dry.stdout.startsWith(`deno run --no-prompt --quiet --allow-read=${dir},${dir}/x.yaml`));
    assertStringIncludes(
      dry.stdout,
      ` --allow-write=${dir} --allow-env=K1S_STORE,K1S_HOME,K1S_TOKEN,K1S_TENANT,K1S_AUDIT_LOG,HOME,LOG_TOKENS,LOG_STREAM `,
    );
    // With the CLI's V8 flags, so that its code cache holds compiled functions.
    assert(dry.stdout.endsWith(` --v8-flags=--no-lazy ${ROOT}cli/main.ts get cm -f x.yaml\n`));
    const ok = await k1s(["get", "cm", "foo", "-o", "name"], {
      script: launcher,
      denoFlags: ["--allow-read", "--allow-env", "--allow-run"],
      env: { K1S_STORE: store },
    });
    assertEquals(ok, { code: 0, stdout: "configmap/foo\n", stderr: "" });
    const missing = await k1s(["get", "cm", "nope"], {
      script: launcher,
      denoFlags: ["--allow-read", "--allow-env", "--allow-run"],
      env: { K1S_STORE: store },
    });
    assertEquals(missing, {
      code: 1,
      stdout: "",
      stderr: 'Error from server (NotFound): configmaps "nope" not found\n',
    });
    const edit = permissionFlags({
      args: ["edit", "cm", "foo"],
      env: (k) => ({ K1S_STORE: store, EDITOR: "nano -w" } as Record<string, string>)[k],
      cwd: dir,
    });
    assertStringIncludes(edit.flags.join(" "), "--allow-run=nano");
  } finally {
    await cleanup();
  }
});

Deno.test("deno task k1s: relative paths are the user's directory (INIT_CWD), not the checkout's", async () => {
  const { dir, store, cleanup } = await tempStore();
  try {
    await Deno.mkdir(`${dir}/manifests`);
    await Deno.writeTextFile(
      `${dir}/manifests/cm.yaml`,
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: relative\n",
    );
    // What `deno task k1s` does: the launcher runs in the checkout, with the task's flags.
    const launched = await k1s(["apply", "-f", "manifests/cm.yaml", "--store", "k1s.db"], {
      script: `${ROOT}cli/launcher.ts`,
      denoFlags: ["--allow-env", "--allow-run"],
      env: { HOME: dir, INIT_CWD: dir },
      cwd: ROOT,
    });
    assertEquals(launched, { code: 0, stdout: "configmap/relative created\n", stderr: "" });
    await Deno.stat(store); // `--store k1s.db` is the user's directory too
    // And through `deno task` itself, from a subdirectory.
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "task",
        "-q",
        `--config=${ROOT}deno.json`,
        "k1s",
        "get",
        "-f",
        "cm.yaml",
        "-o",
        "name",
      ],
      cwd: `${dir}/manifests`,
      // A user's shell: `deno task` sets INIT_CWD only when it is unset, and an enclosing
      // `deno task test` would have set it.
      clearEnv: true,
      env: {
        PATH: Deno.env.get("PATH") ?? "",
        HOME: Deno.env.get("HOME") ?? "",
        K1S_STORE: store,
        NO_COLOR: "1",
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const dec = new TextDecoder();
    assertEquals(
      { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) },
      { code: 0, stdout: "configmap/relative\n", stderr: "" },
    );
  } finally {
    await cleanup();
  }
});

Deno.test("deno task k1s: a SIGTERM to the launcher stops the CLI it runs", async () => {
  const { store, cleanup } = await tempStore();
  try {
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-read",
        "--allow-env",
        "--allow-run",
        `${ROOT}cli/launcher.ts`,
        "reconcile",
        "--watch",
      ],
      env: { K1S_STORE: store },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    // Wait until the CLI runs (it says so on stderr), then stop the launcher alone, as a
    // supervisor does.
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    const reader = child.stderr.getReader();
    let seen = "";
    while (!seen.includes("until interrupted")) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += new TextDecoder().decode(value);
    }
    reader.releaseLock();
    child.kill("SIGTERM");
    const status = await child.status;
    clearTimeout(timer);
    await child.stdout.cancel();
    await child.stderr.cancel();
    assertStringIncludes(seen, "Reconciling with");
    assertEquals([status.signal, status.code], [null, 0]);
  } finally {
    await cleanup();
  }
});

// Copyright 2026 the k1s authors. Apache-2.0 license.
// Starts real etcd members on free loopback ports with temporary data directories, for tests
// and benchmarks. Not part of the published package.

/** Whether an `etcd` binary runs here, and why not. */
export interface EtcdAvailability {
  ok: boolean;
  reason: string;
}

/** Whether `etcd --version` runs. */
export async function etcdAvailability(): Promise<EtcdAvailability> {
  try {
    const out = await new Deno.Command("etcd", {
      args: ["--version"],
      stdout: "piped",
      stderr: "null",
    }).output();
    if (!out.success) return { ok: false, reason: "`etcd --version` failed" };
    return { ok: true, reason: new TextDecoder().decode(out.stdout).split("\n")[0] };
  } catch (e) {
    return { ok: false, reason: `\`etcd\` is not installed (${(e as Error).message})` };
  }
}

/** Whether this run must have etcd (CI, or K1S_REQUIRE_ETCD=1). */
export function etcdRequired(): boolean {
  return Deno.env.get("CI") === "true" || Deno.env.get("K1S_REQUIRE_ETCD") === "1";
}

/** TLS files for a member started with {@linkcode startEtcdCluster}'s `tls` option. */
export interface EtcdTlsFiles {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

/** One running (or stopped) member. */
export class EtcdMember {
  readonly name: string;
  readonly clientUrl: string;
  readonly peerUrl: string;
  readonly dataDir: string;
  #args: string[];
  #child: Deno.ChildProcess | undefined;
  #paused = false;
  #logFile: string;

  constructor(
    name: string,
    clientUrl: string,
    peerUrl: string,
    dataDir: string,
    args: string[],
    logFile: string,
  ) {
    this.name = name;
    this.clientUrl = clientUrl;
    this.peerUrl = peerUrl;
    this.dataDir = dataDir;
    this.#args = args;
    this.#logFile = logFile;
  }

  /** Whether the process runs. */
  get running(): boolean {
    return this.#child !== undefined;
  }

  /** Starts the process (again, on the same data directory and ports). */
  start(): void {
    if (this.#child) return;
    this.#child = new Deno.Command("etcd", {
      args: [...this.#args, `--log-outputs=${this.#logFile}`],
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
  }

  /** Whether the process is stopped with {@linkcode EtcdMember.pause}. */
  get paused(): boolean {
    return this.#paused;
  }

  /**
   * Freezes the process (SIGSTOP): its ports still accept connections, but nothing is
   * answered, as with a hung member.
   */
  pause(): void {
    if (!this.#child || this.#paused) return;
    this.#child.kill("SIGSTOP");
    this.#paused = true;
  }

  /** Lets a paused process go on (SIGCONT). */
  resume(): void {
    if (!this.#child || !this.#paused) return;
    this.#paused = false;
    try {
      this.#child.kill("SIGCONT");
    } catch {
      // Already exited.
    }
  }

  /** Kills the process with `signal` (resuming it first if paused) and waits for it to exit. */
  async stop(signal: Deno.Signal = "SIGTERM"): Promise<void> {
    const child = this.#child;
    if (!child) return;
    // A stopped process would keep SIGTERM pending until continued.
    this.resume();
    this.#child = undefined;
    try {
      child.kill(signal);
    } catch {
      // Already exited.
    }
    await child.status;
  }

  /** Kills the process at once without waiting (for `unload` handlers). */
  killNow(): void {
    this.resume();
    try {
      this.#child?.kill("SIGKILL");
    } catch {
      // Already exited.
    }
    this.#child = undefined;
  }

  /** The end of the member's log, for failure messages. */
  async logTail(lines = 20): Promise<string> {
    try {
      return (await Deno.readTextFile(this.#logFile)).trimEnd().split("\n").slice(-lines).join(
        "\n",
      );
    } catch {
      return "";
    }
  }
}

/** A set of members forming one cluster. */
export class EtcdCluster {
  readonly members: EtcdMember[];
  readonly dir: string;
  readonly tls: EtcdTlsFiles | undefined;

  constructor(members: EtcdMember[], dir: string, tls: EtcdTlsFiles | undefined) {
    this.members = members;
    this.dir = dir;
    this.tls = tls;
  }

  /** The client URLs, in member order. */
  get endpoints(): string[] {
    return this.members.map((m) => m.clientUrl);
  }

  /** Kills every member and removes the data directories, synchronously (for `unload`). */
  stopNow(): void {
    for (const m of this.members) m.killNow();
    try {
      Deno.removeSync(this.dir, { recursive: true });
    } catch {
      // Gone already, or a member still writes: the OS temp directory cleans up.
    }
  }

  /** Stops every member and removes the data directories. */
  async stop(): Promise<void> {
    await Promise.all(this.members.map((m) => m.stop("SIGKILL")));
    await Deno.remove(this.dir, { recursive: true }).catch(() => {});
  }
}

/** Ports that were free a moment ago (the OS picks them). */
function freePorts(n: number): number[] {
  const listeners = Array.from(
    { length: n },
    () => Deno.listen({ hostname: "127.0.0.1", port: 0 }),
  );
  const ports = listeners.map((l) => (l.addr as Deno.NetAddr).port);
  for (const l of listeners) l.close();
  return ports;
}

/** Options of {@linkcode startEtcdCluster}. */
export interface StartEtcdOptions {
  /** Number of members. @default {1} */
  members?: number;
  /** Serve clients over TLS with a fresh CA, requiring client certificates (needs `openssl`). */
  tls?: boolean;
}

/** Starts a new cluster and waits until every member is healthy. */
export async function startEtcdCluster(options: StartEtcdOptions = {}): Promise<EtcdCluster> {
  const n = options.members ?? 1;
  const dir = await Deno.makeTempDir({ prefix: "k1s-etcd-" });
  const tls = options.tls ? await makeTlsFiles(dir) : undefined;
  const ports = freePorts(2 * n);
  const scheme = tls ? "https" : "http";
  const names = Array.from({ length: n }, (_, i) => `m${i}`);
  const peerUrls = names.map((_, i) => `http://127.0.0.1:${ports[2 * i + 1]}`);
  const initialCluster = names.map((name, i) => `${name}=${peerUrls[i]}`).join(",");
  const members = names.map((name, i) => {
    const clientUrl = `${scheme}://127.0.0.1:${ports[2 * i]}`;
    const args = [
      `--name=${name}`,
      `--data-dir=${dir}/${name}`,
      `--listen-client-urls=${clientUrl}`,
      `--advertise-client-urls=${clientUrl}`,
      `--listen-peer-urls=${peerUrls[i]}`,
      `--initial-advertise-peer-urls=${peerUrls[i]}`,
      `--initial-cluster=${initialCluster}`,
      "--initial-cluster-state=new",
      `--initial-cluster-token=k1s-test-${ports[0]}`,
      "--heartbeat-interval=50",
      "--election-timeout=500",
      "--logger=zap",
      "--log-level=warn",
      ...(tls
        ? [
          `--cert-file=${tls.serverCert}`,
          `--key-file=${tls.serverKey}`,
          `--trusted-ca-file=${tls.ca}`,
          "--client-cert-auth",
        ]
        : []),
    ];
    return new EtcdMember(
      name,
      clientUrl,
      peerUrls[i],
      `${dir}/${name}`,
      args,
      `${dir}/${name}.log`,
    );
  });
  const cluster = new EtcdCluster(members, dir, tls);
  for (const m of members) m.start();
  try {
    await waitHealthy(cluster);
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  return cluster;
}

/** Waits until every running member answers `/health` with a leader. */
export async function waitHealthy(cluster: EtcdCluster, timeoutMs = 20_000): Promise<void> {
  const client = cluster.tls
    ? Deno.createHttpClient({
      caCerts: [await Deno.readTextFile(cluster.tls.ca)],
      cert: await Deno.readTextFile(cluster.tls.clientCert),
      key: await Deno.readTextFile(cluster.tls.clientKey),
    })
    : Deno.createHttpClient({});
  try {
    const deadline = Date.now() + timeoutMs;
    for (const m of cluster.members) {
      if (!m.running) continue;
      for (;;) {
        try {
          const res = await fetch(`${m.clientUrl}/health`, {
            client,
            signal: AbortSignal.timeout(1000),
          });
          const body = await res.json() as { health?: string };
          if (body.health === "true") break;
        } catch {
          // Not up yet.
        }
        if (Date.now() > deadline) {
          throw new Error(`etcd member ${m.name} did not become healthy:\n${await m.logTail()}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  } finally {
    client.close();
  }
}

async function openssl(dir: string, args: string[]): Promise<void> {
  const out = await new Deno.Command("openssl", { args, cwd: dir, stdout: "null", stderr: "piped" })
    .output();
  if (!out.success) {
    throw new Error(`openssl ${args[0]} failed: ${new TextDecoder().decode(out.stderr)}`);
  }
}

/** Whether `openssl` runs (for the TLS test). */
export async function opensslAvailable(): Promise<boolean> {
  try {
    return (await new Deno.Command("openssl", { args: ["version"], stdout: "null", stderr: "null" })
      .output())
      .success;
  } catch {
    return false;
  }
}

async function makeTlsFiles(dir: string): Promise<EtcdTlsFiles> {
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  await openssl(dir, [
    "req",
    "-x509",
    ...ec,
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "2",
    "-subj",
    "/CN=k1s test CA",
  ]);
  await Deno.writeTextFile(
    `${dir}/ext.cnf`,
    "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n",
  );
  for (const who of ["server", "client"]) {
    await openssl(dir, [
      "req",
      ...ec,
      "-keyout",
      `${who}.key`,
      "-out",
      `${who}.csr`,
      "-subj",
      `/CN=${who}`,
    ]);
    await openssl(dir, [
      "x509",
      "-req",
      "-in",
      `${who}.csr`,
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      `${who}.pem`,
      "-days",
      "2",
      "-extfile",
      "ext.cnf",
    ]);
  }
  return {
    ca: `${dir}/ca.pem`,
    serverCert: `${dir}/server.pem`,
    serverKey: `${dir}/server.key`,
    clientCert: `${dir}/client.pem`,
    clientKey: `${dir}/client.key`,
  };
}

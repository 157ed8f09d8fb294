// Copyright 2026 the k1s authors. Apache-2.0 license.
/**
 * Store URLs of the etcd backend.
 *
 * @module
 */
import { StorageError } from "../../core/storage/storage_error.ts";
import type { EtcdStorageOptions } from "./etcd_storage.ts";

const DEFAULT_PORT = 2379;

/**
 * Parses an etcd store URL into {@linkcode EtcdStorageOptions}:
 *
 * - `etcd://host[:port][,host[:port]…][/prefix][?timeout=5s]`: plain HTTP, members tried in
 *   the given order, port 2379 by default, IPv6 hosts in brackets;
 * - `etcds://…?ca=FILE&cert=FILE&key=FILE`: HTTPS with an extra CA and an optional client
 *   certificate (`cert` and `key` together).
 *
 * The path becomes the key prefix without its trailing `/` (percent-decoded). `timeout` (per
 * request), `first-response-timeout` (after which a silent member is probed and given up) and
 * `watch-silence` (after which a silent watch probes its member) are numbers of milliseconds or
 * durations such as `500ms`, `5s`, `1m`.
 *
 * @param url The store URL.
 * @returns The options for `createEtcdStorage`.
 * @throws {StorageError} `Invalid` when the URL is malformed.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseEtcdStoreUrl } from "@k1s/core/storage/etcd";
 * assertEquals(parseEtcdStoreUrl("etcd://10.0.0.1,10.0.0.2:2380/k1s"), {
 *   endpoints: ["http://10.0.0.1:2379", "http://10.0.0.2:2380"],
 *   prefix: "/k1s",
 * });
 * assertEquals(parseEtcdStoreUrl("etcds://etcd.local?ca=/etc/k1s/ca.pem&timeout=3s"), {
 *   endpoints: ["https://etcd.local:2379"],
 *   prefix: "",
 *   tls: { caFile: "/etc/k1s/ca.pem" },
 *   timeoutMs: 3000,
 * });
 * ```
 */
export function parseEtcdStoreUrl(url: string): EtcdStorageOptions {
  const m = /^(etcds?):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?$/i.exec(url);
  if (!m) throw invalid(url, 'expected "etcd://host:port[,host:port…][/prefix]" or "etcds://…"');
  const tls = m[1].toLowerCase() === "etcds";
  const hosts = m[2].split(",");
  const endpoints = hosts.map((h) => `${tls ? "https" : "http"}://${parseHost(url, h)}`);
  let prefix: string;
  try {
    prefix = decodeURIComponent(m[3]).replace(/\/+$/, "");
  } catch (e) {
    throw invalid(url, `bad percent-encoding in the prefix`, e);
  }
  const options: EtcdStorageOptions = { endpoints, prefix };
  const tlsFiles: { caFile?: string; certFile?: string; keyFile?: string } = {};
  for (const [name, value] of new URLSearchParams(m[4] ?? "")) {
    switch (name) {
      case "ca":
        tlsFiles.caFile = value;
        break;
      case "cert":
        tlsFiles.certFile = value;
        break;
      case "key":
        tlsFiles.keyFile = value;
        break;
      case "timeout":
        options.timeoutMs = parseDuration(url, name, value);
        break;
      case "first-response-timeout":
        options.firstResponseTimeoutMs = parseDuration(url, name, value);
        break;
      case "watch-silence":
        options.watchSilenceMs = parseDuration(url, name, value);
        break;
      default:
        throw invalid(
          url,
          `unknown parameter ${JSON.stringify(name)} (known: ca, cert, key, timeout, ` +
            "first-response-timeout, watch-silence)",
        );
    }
  }
  const hasTlsFiles = Object.keys(tlsFiles).length > 0;
  if (hasTlsFiles && !tls) throw invalid(url, "ca, cert and key need the etcds:// scheme");
  if ((tlsFiles.certFile === undefined) !== (tlsFiles.keyFile === undefined)) {
    throw invalid(url, "cert and key go together");
  }
  if (hasTlsFiles) options.tls = tlsFiles;
  return options;
}

function parseHost(url: string, hostPort: string): string {
  const m = /^(\[[0-9a-f:.]+\]|[^:\[\]]+)(?::(\d*))?$/i.exec(hostPort);
  if (!m) throw invalid(url, `bad host ${JSON.stringify(hostPort)}`);
  const port = m[2] ? Number(m[2]) : DEFAULT_PORT;
  if (!(port >= 1 && port <= 65535)) throw invalid(url, `bad port in ${JSON.stringify(hostPort)}`);
  return `${m[1]}:${port}`;
}

function parseDuration(url: string, name: string, value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value);
  const n = m ? Number(m[1]) * (m[2] === "m" ? 60_000 : m[2] === "s" ? 1000 : 1) : NaN;
  if (!(n > 0)) throw invalid(url, `bad ${name} ${JSON.stringify(value)}`);
  return Math.round(n);
}

function invalid(url: string, why: string, cause?: unknown): StorageError {
  return new StorageError("Invalid", {
    message: `invalid etcd store URL ${JSON.stringify(url)}: ${why}`,
    ...(cause !== undefined ? { cause } : {}),
  });
}

// Copyright 2026 the k1s authors. Apache-2.0 license.
// `-f https://...`: kubectl's URL visitor (resource builder `readHttpWithRetries`): a GET,
// tried again a second later while the server answers 5xx, three tries in all; any other
// status is an error naming it.
import { ManifestError } from "./load_manifests.ts";

/** What {@linkcode readManifestUrl} may be given instead of the platform's. */
export interface UrlReaderOptions {
  /** The HTTP client. @default {globalThis.fetch} */
  fetch?: typeof fetch;
  /** Waits between tries. */
  sleep?: (ms: number) => Promise<void>;
}

const ATTEMPTS = 3;

/**
 * Reads a manifest from an `http(s)://` URL.
 *
 * @param url The `-f` value.
 * @param options HTTP client and sleep, for tests.
 * @returns The body as text.
 * @throws {ManifestError} `unable to read URL "u", server reported 404 Not Found, status
 *   code=404`; kubectl's lines for a connection that fails (`The connection to the server h
 *   was refused ...`, `Unable to connect to the server: ...`).
 *   A Deno permission error is thrown as it is.
 *
 * @example
 * ```ts
 * import { assertEquals, assertRejects } from "@std/assert";
 * import { readManifestUrl } from "./_read_url.ts";
 * const ok = () => Promise.resolve(new Response("kind: ConfigMap\n"));
 * assertEquals(await readManifestUrl("https://example.com/cm.yaml", { fetch: ok }), "kind: ConfigMap\n");
 * const gone = () => Promise.resolve(new Response("", { status: 404, statusText: "Not Found" }));
 * await assertRejects(
 *   () => readManifestUrl("https://example.com/x.yaml", { fetch: gone }),
 *   Error,
 *   'unable to read URL "https://example.com/x.yaml", server reported 404 Not Found, status code=404',
 * );
 * ```
 */
export async function readManifestUrl(
  url: string,
  options: UrlReaderOptions = {},
): Promise<string> {
  const get = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  let status = "";
  let code = 0;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let res: Response;
    try {
      res = await get(url);
    } catch (e) {
      throw fetchError(url, e);
    }
    if (res.status === 200) return await res.text();
    await res.body?.cancel();
    code = res.status;
    status = `${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
    if (code < 500 || code >= 600) break;
    if (attempt < ATTEMPTS - 1) await sleep(1000);
  }
  throw new ManifestError(
    `unable to read URL ${JSON.stringify(url)}, server reported ${status}, status code=${code}`,
  );
}

function fetchError(url: string, e: unknown): unknown {
  const capable = (Deno.errors as Record<string, unknown>).NotCapable as
    | (new () => Error)
    | undefined;
  if (capable && e instanceof capable) return e;
  // fetch says only "fetch failed"; its cause says why.
  const cause = (e as Error)?.cause ?? e;
  const text = String((cause as Error)?.message ?? cause);
  // kubectl's CheckErr words every failed connection as one to the API server.
  const { host, hostname } = new URL(url);
  const bare = (message: string) => new ManifestError(message, { bare: true, cause: e });
  if (/connection refused/i.test(text)) {
    return bare(
      `The connection to the server ${host} was refused - did you specify the right host or port?`,
    );
  }
  if (/dns error|failed to lookup address/i.test(text)) {
    return bare(`Unable to connect to the server: dial tcp: lookup ${hostname}: no such host`);
  }
  return bare(`Unable to connect to the server: ${text}`);
}

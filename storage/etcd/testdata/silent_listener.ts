// Copyright 2026 the k1s authors. Apache-2.0 license.
// A TCP port that accepts connections and never answers nor reads: what a client sees of a
// hung member behind a live socket (or of a wrong service on the port).

/** A running silent listener; `url` is its client URL. */
export interface SilentListener {
  url: string;
  /** Number of connections accepted so far. */
  accepted: number;
  close(): Promise<void>;
}

/** Starts a silent listener on a free loopback port. */
export function startSilentListener(): SilentListener {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns = new Set<Deno.Conn>();
  const silent: SilentListener = {
    url: `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    accepted: 0,
    async close() {
      listener.close();
      for (const c of conns) {
        try {
          c.close();
        } catch {
          // Closed by the peer already.
        }
      }
      await accepting;
    },
  };
  const accepting = (async () => {
    for await (const conn of listener) {
      conns.add(conn);
      silent.accepted++;
    }
  })().catch(() => {});
  return silent;
}

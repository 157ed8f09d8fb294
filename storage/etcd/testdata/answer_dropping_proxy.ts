// Copyright 2026 the k1s authors. Apache-2.0 license.
// A TCP proxy in front of an etcd member that, while `dropping` is set, forwards requests but
// hangs up instead of passing the answer back: the member applies the write and the client
// never learns it (the "outcome unknown" case of a connection that drops after sending).

/** A running proxy; `url` is its client URL. */
export interface AnswerDroppingProxy {
  url: string;
  /** Whether answers are dropped now. */
  dropping: boolean;
  /** Number of answers dropped so far. */
  dropped: number;
  close(): Promise<void>;
}

/** Starts a proxy on a free loopback port in front of `target` (`http://host:port`). */
export function startAnswerDroppingProxy(target: string): AnswerDroppingProxy {
  const { hostname, port } = new URL(target);
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns = new Set<Promise<void>>();
  const sockets = new Set<Deno.Conn>();
  const proxy: AnswerDroppingProxy = {
    url: `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    dropping: false,
    dropped: 0,
    async close() {
      listener.close();
      for (const s of sockets) closeQuietly(s);
      await accepting;
      await Promise.allSettled([...conns]);
    },
  };
  async function handle(client: Deno.Conn): Promise<void> {
    let upstream: Deno.Conn | undefined;
    try {
      upstream = await Deno.connect({ hostname, port: Number(port) });
      sockets.add(upstream);
      const up = upstream;
      const forward = client.readable.pipeTo(up.writable, { preventClose: true }).catch(() => {});
      const writer = client.writable.getWriter();
      const reader = up.readable.getReader();
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        if (proxy.dropping) {
          proxy.dropped++;
          break;
        }
        await writer.write(chunk.value);
      }
      closeQuietly(client);
      closeQuietly(up);
      await forward;
    } catch {
      // Either side went away.
    } finally {
      sockets.delete(client);
      if (upstream) sockets.delete(upstream);
      closeQuietly(client);
      if (upstream) closeQuietly(upstream);
    }
  }
  const accepting = (async () => {
    for await (const conn of listener) {
      sockets.add(conn);
      const p = handle(conn).finally(() => conns.delete(p));
      conns.add(p);
    }
  })().catch(() => {});
  return proxy;
}

function closeQuietly(c: Deno.Conn): void {
  try {
    c.close();
  } catch {
    // Already closed.
  }
}

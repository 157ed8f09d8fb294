// Copyright 2026 the k1s authors. Apache-2.0 license.
import { assert, assertEquals, assertInstanceOf, assertRejects } from "@std/assert";
import { Http1Error, Http1Pool } from "./_http1.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const HEADERS = "content-type: application/json\r\n";

/**
 * A raw HTTP server on a loopback port: `answer` gets each request (head and body, as read)
 * and the number of the connection it came on, and returns the bytes to write back, or null
 * to close the connection without an answer (or `thenClose` after writing them).
 */
function rawServer(
  answer: (
    req: { head: string; body: string; conn: number },
  ) => string | null | { text: string; thenClose: true },
): { url: string; connections: () => number; dropConnections: () => void; close: () => void } {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  let connections = 0;
  const conns = new Set<Deno.Conn>();
  (async () => {
    for await (const conn of listener) {
      const id = ++connections;
      conns.add(conn);
      (async () => {
        let buf = new Uint8Array(0);
        const chunk = new Uint8Array(64 * 1024);
        try {
          for (;;) {
            const text = decoder.decode(buf);
            const headEnd = text.indexOf("\r\n\r\n");
            const length = Number(/content-length: (\d+)/i.exec(text)?.[1] ?? 0);
            if (headEnd >= 0 && buf.length >= headEnd + 4 + length) {
              const out = answer({
                head: text.slice(0, headEnd),
                body: text.slice(headEnd + 4, headEnd + 4 + length),
                conn: id,
              });
              buf = buf.slice(headEnd + 4 + length);
              if (out === null) break;
              const bytes = encoder.encode(typeof out === "string" ? out : out.text);
              for (let off = 0; off < bytes.length;) off += await conn.write(bytes.subarray(off));
              if (typeof out !== "string") break;
              continue;
            }
            const n = await conn.read(chunk);
            if (n === null) break;
            const next = new Uint8Array(buf.length + n);
            next.set(buf);
            next.set(chunk.subarray(0, n), buf.length);
            buf = next;
          }
        } catch {
          // The client went away.
        } finally {
          conns.delete(conn);
          try {
            conn.close();
          } catch {
            // Closed already.
          }
        }
      })();
    }
  })();
  return {
    url: `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    connections: () => connections,
    dropConnections: () => {
      for (const c of conns) {
        try {
          c.close();
        } catch {
          // Closed already.
        }
      }
    },
    close: () => {
      listener.close();
      for (const c of conns) {
        try {
          c.close();
        } catch {
          // Closed already.
        }
      }
    },
  };
}

function ok(body: string, extra = ""): string {
  return `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n${extra}content-length: ${
    encoder.encode(body).length
  }\r\n\r\n${body}`;
}

function chunked(parts: string[]): string {
  return "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n" +
    parts.map((p) => `${encoder.encode(p).length.toString(16)}\r\n${p}\r\n`).join("") +
    "0\r\n\r\n";
}

Deno.test("Http1Pool reads answers and keeps the connection for the next request", async (t) => {
  const big = "x".repeat(200_000);
  const server = rawServer(({ head, body }) => {
    const path = head.split(" ")[1];
    if (path === "/echo") {
      return ok(JSON.stringify({ got: body, host: /host: (.*)/.exec(head)?.[1] }));
    }
    if (path === "/chunked") {
      return chunked(['{"a":"', big.slice(0, 70_000), big.slice(70_000), '"}']);
    }
    if (path === "/big") return ok(JSON.stringify({ a: big }));
    if (path === "/utf8") return ok(JSON.stringify({ a: "ü€😀" }));
    if (path === "/error") {
      return `HTTP/1.1 400 Bad Request\r\ncontent-length: 17\r\n\r\n{"code":3,"m":""}`;
    }
    return null;
  });
  const pool = new Http1Pool(server.url);
  const signal = new AbortController().signal;
  try {
    await t.step("a Content-Length answer, and the request's body and host", async () => {
      const res = await pool.post("/echo", '{"k":"ü"}', HEADERS, signal);
      assertEquals(res.status, 200);
      assertEquals(JSON.parse(res.text), {
        got: '{"k":"ü"}',
        host: server.url.slice("http://".length),
      });
    });
    for (
      const [name, path, want] of [
        ["a chunked answer over several reads", "/chunked", big],
        ["an answer larger than the read buffer", "/big", big],
        ["UTF-8 in the answer", "/utf8", "ü€😀"],
      ] as const
    ) {
      await t.step(name, async () => {
        const res = await pool.post(path, "{}", HEADERS, signal);
        assertEquals(JSON.parse(res.text).a, want);
      });
    }
    await t.step("an error status is an answer", async () => {
      const res = await pool.post("/error", "{}", HEADERS, signal);
      assertEquals(res.status, 400);
      assertEquals(JSON.parse(res.text).code, 3);
    });
    await t.step("all of that went over one connection", () => {
      assertEquals(server.connections(), 1);
    });
    await t.step("concurrent requests each get a connection, then share them", async () => {
      const answers = await Promise.all(
        Array.from({ length: 5 }, (_, i) => pool.post("/echo", String(i), HEADERS, signal)),
      );
      assertEquals(answers.map((a) => JSON.parse(a.text).got), ["0", "1", "2", "3", "4"]);
      assertEquals(server.connections(), 5);
      await pool.post("/echo", "{}", HEADERS, signal);
      assertEquals(server.connections(), 5);
    });
  } finally {
    pool.close();
    server.close();
  }
});

Deno.test("Http1Pool does not keep a connection the server closes", async () => {
  const server = rawServer(() => ok("{}", "connection: close\r\n"));
  const pool = new Http1Pool(server.url);
  try {
    const signal = new AbortController().signal;
    await pool.post("/", "{}", HEADERS, signal);
    await pool.post("/", "{}", HEADERS, signal);
    assertEquals(server.connections(), 2);
  } finally {
    pool.close();
    server.close();
  }
});

Deno.test("Http1Pool tells a request that was not sent from one whose answer is lost", async (t) => {
  const signal = new AbortController().signal;
  await t.step("a refused connection: not sent", async () => {
    const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (l.addr as Deno.NetAddr).port;
    l.close();
    const pool = new Http1Pool(`http://127.0.0.1:${port}`);
    const e = await assertRejects(() => pool.post("/", "{}", HEADERS, signal), Http1Error);
    assertEquals(e.sent, false);
    pool.close();
  });
  await t.step("closed without an answer: sent, no answer", async () => {
    const server = rawServer(() => null);
    const pool = new Http1Pool(server.url);
    const e = await assertRejects(() => pool.post("/", "{}", HEADERS, signal), Http1Error);
    assertEquals([e.sent, e.noAnswer], [true, true]);
    pool.close();
    server.close();
  });
  await t.step("an answer cut short: sent, part of an answer", async () => {
    const server = rawServer(() => ({
      text: 'HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"a":',
      thenClose: true,
    }));
    const pool = new Http1Pool(server.url);
    const e = await assertRejects(() => pool.post("/", "{}", HEADERS, signal), Http1Error);
    assertEquals([e.sent, e.noAnswer], [true, false]);
    pool.close();
    server.close();
  });
  await t.step("an answer that stops coming: only the signal ends the wait", async () => {
    const server = rawServer(() => 'HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"a":');
    const pool = new Http1Pool(server.url);
    const signal = AbortSignal.timeout(300);
    const e = await assertRejects(() => pool.post("/", "{}", HEADERS, signal), Http1Error);
    assertEquals([e.sent, e.noAnswer], [true, false]);
    assertInstanceOf(e.cause, DOMException);
    assertEquals(e.cause.name, "TimeoutError");
    pool.close();
    server.close();
  });
});

Deno.test("Http1Pool gives up a request when its signal aborts, with the signal's reason", async (t) => {
  // A listener that accepts and never answers, on TCP or in the TLS handshake.
  const silent = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const accepted: Deno.Conn[] = [];
  (async () => {
    for await (const c of silent) accepted.push(c);
  })();
  const port = (silent.addr as Deno.NetAddr).port;
  try {
    await t.step("waiting for the answer: sent", async () => {
      const pool = new Http1Pool(`http://127.0.0.1:${port}`);
      const ac = new AbortController();
      const reason = new Error("given up");
      const p = pool.post("/", "{}", HEADERS, ac.signal);
      setTimeout(() => ac.abort(reason), 50);
      const e = await assertRejects(() => p, Http1Error, "given up");
      assert(e.cause === reason);
      assertEquals([e.sent, e.noAnswer], [true, true]);
      const again = await assertRejects(() => pool.post("/", "{}", HEADERS, ac.signal), Http1Error);
      assertEquals(again.sent, false);
      pool.close();
    });
    await t.step("in the TLS handshake: not sent", async () => {
      const pool = new Http1Pool(`https://127.0.0.1:${port}`);
      const e = await assertRejects(
        () => pool.post("/", "{}", HEADERS, AbortSignal.timeout(200)),
        Http1Error,
      );
      assertEquals(e.sent, false);
      assertInstanceOf(e.cause, DOMException);
      pool.close();
    });
  } finally {
    silent.close();
    for (const c of accepted) c.close();
  }
});

Deno.test("Http1Pool sees an abort that comes while it takes a kept connection", async () => {
  const server = rawServer(() => ok("{}"));
  const pool = new Http1Pool(server.url);
  try {
    await pool.post("/", "{}", HEADERS, new AbortController().signal);
    const ac = new AbortController();
    // Runs after post() has checked the signal and before it uses the kept connection.
    queueMicrotask(() => ac.abort(new Error("given up")));
    const e = await assertRejects(() => pool.post("/", "{}", HEADERS, ac.signal), Http1Error);
    assertEquals(e.message, "given up");
  } finally {
    pool.close();
    server.close();
  }
});

Deno.test("Http1Pool sends nothing on a connection that opens after close()", async () => {
  let requests = 0;
  const server = rawServer(() => {
    requests++;
    return ok("{}");
  });
  const pool = new Http1Pool(server.url);
  try {
    const p = pool.post("/", "{}", HEADERS, new AbortController().signal);
    pool.close();
    const e = await assertRejects(() => p, Http1Error, "closed");
    assertEquals(e.sent, false);
    assertEquals(requests, 0);
  } finally {
    server.close();
  }
});

Deno.test("Http1Pool reads past an interim 100 Continue to the answer", async () => {
  const server = rawServer(() => "HTTP/1.1 100 Continue\r\n\r\n" + ok('{"a":1}'));
  const pool = new Http1Pool(server.url);
  try {
    const res = await pool.post("/", "{}", HEADERS, new AbortController().signal);
    assertEquals([res.status, JSON.parse(res.text)], [200, { a: 1 }]);
  } finally {
    pool.close();
    server.close();
  }
});

Deno.test("Http1Pool sends a request again on a new connection when a kept one was closed, if allowed", async (t) => {
  // Answers the first request of each connection, then closes it without answering the next,
  // as a server that restarted between two requests.
  const server = rawServer(({ conn, body }) => {
    const seen = (served.get(conn) ?? 0) + 1;
    served.set(conn, seen);
    return seen === 1 ? ok(JSON.stringify({ conn, body })) : null;
  });
  const served = new Map<number, number>();
  const pool = new Http1Pool(server.url);
  const signal = new AbortController().signal;
  try {
    await pool.post("/", "1", HEADERS, signal);
    await t.step("a request that may run twice: sent again", async () => {
      const res = await pool.post("/", "2", HEADERS, signal, { retryStale: true });
      assertEquals(JSON.parse(res.text), { conn: 2, body: "2" });
    });
    await t.step("a request that may not: the caller learns the answer is lost", async () => {
      const e = await assertRejects(() => pool.post("/", "3", HEADERS, signal), Http1Error);
      assertEquals([e.sent, e.noAnswer], [true, true]);
      assertEquals(server.connections(), 2);
    });
  } finally {
    pool.close();
    server.close();
  }
});

Deno.test("Http1Pool drops every kept connection once one turns out closed", async () => {
  const server = rawServer(({ body }) => ok(JSON.stringify({ body })));
  const pool = new Http1Pool(server.url);
  const signal = new AbortController().signal;
  try {
    await Promise.all([1, 2, 3].map((i) => pool.post("/", String(i), HEADERS, signal)));
    assertEquals(server.connections(), 3);
    // As a member that restarted: every connection it had is gone.
    server.dropConnections();
    const res = await pool.post("/", "4", HEADERS, signal, { retryStale: true });
    assertEquals(JSON.parse(res.text), { body: "4" });
    assertEquals(server.connections(), 4);
  } finally {
    pool.close();
    server.close();
  }
});

Deno.test("Http1Pool does not send a request again once part of its answer came", async () => {
  const served = new Map<number, number>();
  const server = rawServer(({ conn }) => {
    const seen = (served.get(conn) ?? 0) + 1;
    served.set(conn, seen);
    if (seen === 1) return ok("{}");
    // The head and a first chunk larger than the read buffer, then the end of the connection.
    const part = `{"a":"${"x".repeat(40_000)}`;
    return {
      text: `HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n${
        part.length.toString(16)
      }\r\n${part}\r\n`,
      thenClose: true,
    };
  });
  const pool = new Http1Pool(server.url);
  const signal = new AbortController().signal;
  try {
    await pool.post("/", "{}", HEADERS, signal);
    const e = await assertRejects(
      () => pool.post("/", "{}", HEADERS, signal, { retryStale: true }),
      Http1Error,
    );
    assertEquals([e.sent, e.noAnswer], [true, false]);
    assertEquals(server.connections(), 1);
  } finally {
    pool.close();
    server.close();
  }
});

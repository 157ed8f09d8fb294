// Copyright 2026 the k1s authors. Apache-2.0 license.
// A minimal HTTP/1.1 client for the unary requests of the etcd JSON gateway: POST with a JSON
// body, an answer with Content-Length or chunked, keep-alive connections per member.
//
// Why not `fetch`: on this path it costs the process about 0.3 ms of CPU per request (Request,
// Headers and Response objects, body streams, the hyper client behind them); this client needs
// about a third of that, so a request one at a time takes about 0.2 ms less, and with 64 in
// flight on a small machine etcd gets the CPU back (1.1-1.7 times the raw puts per second in the
// benchmark's runs, docs/storage-etcd.md). It also knows what was sent: `fetch` re-sends a
// request on a new connection when a reused one closes before the answer, which hides from the
// caller that a write may have been applied. Here a request is re-sent only when the caller
// allows it (`retryStale`, for reads); a failure says whether the request surely did not leave
// the process (`sent`).
// Watches, which stream, still use `fetch`.

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const latin1 = new TextDecoder("latin1");

/** Bytes read from a connection at once (and the size of most answers). */
const READ_SIZE = 16 * 1024;
/** An answer's head may not be larger than this. */
const MAX_HEAD = 64 * 1024;

/** TLS material of `https` members. */
export interface Http1Tls {
  /** PEM certificates of the CAs to trust instead of the system's. */
  caCerts?: string[];
  /** PEM client certificate chain (with `key`). */
  cert?: string;
  /** PEM private key of `cert`. */
  key?: string;
}

/** An answer. */
export interface Http1Response {
  /** The HTTP status code. */
  status: number;
  /** The body, decoded as UTF-8. */
  text: string;
}

/** A request that failed without an answer. */
export class Http1Error extends Error {
  /**
   * Whether any of the request may have reached the server: false only when the connection
   * could not be opened (connect or TLS handshake failed), so nothing was written.
   */
  readonly sent: boolean;
  /** Whether not a byte of an answer had arrived. */
  readonly noAnswer: boolean;

  constructor(
    message: string,
    sent: boolean,
    options?: ErrorOptions & { noAnswer?: boolean },
  ) {
    super(message, options);
    this.name = "Http1Error";
    this.sent = sent;
    this.noAnswer = options?.noAnswer ?? !sent;
  }
}

/**
 * One connection and its read buffer (bytes `[start, end)` are read and not yet used), and how
 * many bytes of the current exchange's answer have arrived.
 */
interface Connection {
  conn: Deno.Conn;
  buf: Uint8Array;
  start: number;
  end: number;
  got: number;
}

/**
 * The keep-alive connections to one server (`http://host:port` or `https://host:port`).
 * Requests on one connection are sequential; concurrent requests open more connections, and
 * connections are kept for reuse once their answer has been read.
 */
export class Http1Pool {
  readonly #hostname: string;
  readonly #port: number;
  readonly #hostHeader: string;
  readonly #tls: Http1Tls | undefined;
  readonly #idle: Connection[] = [];
  readonly #busy = new Set<Connection>();
  #closed = false;

  /**
   * @param url The server's base URL (its path is ignored).
   * @param tls TLS material, for `https` URLs.
   */
  constructor(url: string, tls?: Http1Tls) {
    const u = new URL(url);
    const secure = u.protocol === "https:";
    this.#hostname = u.hostname.replace(/^\[(.*)\]$/, "$1");
    this.#port = u.port ? Number(u.port) : secure ? 443 : 80;
    this.#hostHeader = u.host;
    this.#tls = secure ? tls ?? {} : undefined;
  }

  /**
   * POSTs `body` as JSON to `path`, with `headers` (lines `name: value\r\n`).
   *
   * @param options `onHead`: called once the answer's head has arrived; `retryStale`: when a
   * kept connection turns out to be closed (no answer at all, as when the server restarted),
   * send the request again once on a new connection (only for requests that may run twice).
   * @throws {Http1Error} when there is no complete answer, also when `signal` aborts the request
   * (with the signal's reason as `cause`).
   */
  async post(
    path: string,
    body: string,
    headers: string,
    signal: AbortSignal,
    options: { onHead?: () => void; retryStale?: boolean } = {},
  ): Promise<Http1Response> {
    if (signal.aborted) throw this.#aborted(signal, false, true);
    const content = encoder.encode(body);
    const head = encoder.encode(
      `POST ${path} HTTP/1.1\r\nhost: ${this.#hostHeader}\r\n${headers}content-length: ${content.length}\r\n\r\n`,
    );
    // One buffer, so that head and body leave in one write.
    const bytes = new Uint8Array(head.length + content.length);
    bytes.set(head);
    bytes.set(content, head.length);
    let first: Http1Error | undefined;
    for (;;) {
      const reused = this.#idle.length > 0;
      try {
        const c = await this.#connection(signal);
        return await this.#exchange(c, bytes, signal, options.onHead);
      } catch (e) {
        if (!(e instanceof Http1Error)) throw e;
        // A retry that fails still failed a request that was sent once.
        if (first) throw e.sent ? e : new Http1Error(e.message, true, { cause: e, noAnswer: true });
        const stale = e.sent && e.noAnswer && reused && !signal.aborted;
        // The others were most likely opened before the same restart: start afresh.
        if (stale) this.#dropIdle();
        if (!(stale && options.retryStale)) throw e;
        first = e;
      }
    }
  }

  async #exchange(
    c: Connection,
    bytes: Uint8Array,
    signal: AbortSignal,
    onHead: (() => void) | undefined,
  ): Promise<Http1Response> {
    this.#busy.add(c);
    // Nothing of this exchange's answer read yet (`noAnswer` below relies on it).
    c.start = c.end = c.got = 0;
    const abort = () => closeQuietly(c.conn);
    signal.addEventListener("abort", abort);
    let reusable = false;
    let writing = false;
    try {
      // It may have aborted while the connection was being taken: the listener came too late.
      if (signal.aborted) throw signal.reason;
      writing = true;
      for (let off = 0; off < bytes.length;) off += await c.conn.write(bytes.subarray(off));
      const res = await this.#read(c, onHead);
      reusable = res.keepAlive;
      return { status: res.status, text: res.text };
    } catch (e) {
      if (signal.aborted) throw this.#aborted(signal, writing, c.got === 0);
      if (e instanceof Http1Error) throw e;
      throw new Http1Error(
        `connection to ${this.#hostHeader} failed: ${(e as Error).message}`,
        true,
        { cause: e, noAnswer: c.got === 0 },
      );
    } finally {
      signal.removeEventListener("abort", abort);
      this.#busy.delete(c);
      if (reusable && !this.#closed && !signal.aborted) this.#idle.push(c);
      else closeQuietly(c.conn);
    }
  }

  /** The error of a request given up by its signal. */
  #aborted(signal: AbortSignal, sent: boolean, noAnswer: boolean): Http1Error {
    const reason = signal.reason;
    const why = reason instanceof Error ? reason.message : String(reason);
    return new Http1Error(why, sent, { cause: reason, noAnswer });
  }

  #dropIdle(): void {
    for (const c of this.#idle) closeQuietly(c.conn);
    this.#idle.length = 0;
  }

  /** Closes every connection; requests in flight fail. */
  close(): void {
    this.#closed = true;
    this.#dropIdle();
    for (const c of this.#busy) closeQuietly(c.conn);
    this.#busy.clear();
  }

  async #connection(signal: AbortSignal): Promise<Connection> {
    if (this.#closed) throw new Http1Error("the client is closed", false);
    const idle = this.#idle.pop();
    if (idle) return idle;
    const opening: Promise<Deno.Conn> = this.#tls
      ? Deno.connectTls({
        hostname: this.#hostname,
        port: this.#port,
        ...(this.#tls.caCerts ? { caCerts: this.#tls.caCerts } : {}),
        ...(this.#tls.cert && this.#tls.key ? { cert: this.#tls.cert, key: this.#tls.key } : {}),
      })
      : Deno.connect({ hostname: this.#hostname, port: this.#port });
    let conn: Deno.Conn;
    try {
      conn = await abortable<Deno.Conn>(opening, signal);
      if (this.#tls) await abortable((conn as Deno.TlsConn).handshake(), signal);
    } catch (e) {
      opening.then(closeQuietly, () => {});
      // Nothing was written: a connection that is not open yet carries no request.
      if (signal.aborted) throw this.#aborted(signal, false, true);
      throw new Http1Error(
        `cannot connect to ${this.#hostHeader}: ${(e as Error).message}`,
        false,
        { cause: e },
      );
    }
    if (this.#closed) {
      closeQuietly(conn);
      throw new Http1Error("the client is closed", false);
    }
    if (!this.#tls) (conn as Deno.TcpConn).setNoDelay(true);
    return { conn, buf: new Uint8Array(READ_SIZE), start: 0, end: 0, got: 0 };
  }

  /** Reads one answer (after any interim 1xx answers). */
  async #read(
    c: Connection,
    onHead: (() => void) | undefined,
  ): Promise<{ status: number; text: string; keepAlive: boolean }> {
    let head: string;
    let code: number;
    for (;;) {
      let headEnd = indexOfCrlfCrlf(c.buf, c.start, c.end);
      while (headEnd < 0) {
        if (c.end - c.start >= MAX_HEAD) {
          throw new Http1Error("the answer's head is too large", true);
        }
        await this.#compactAndFill(
          c,
          c.got === 0 ? "no answer" : "the answer's head was cut short",
        );
        headEnd = indexOfCrlfCrlf(c.buf, c.start, c.end);
      }
      head = latin1.decode(c.buf.subarray(c.start, headEnd));
      c.start = headEnd + 4;
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      if (!status) throw new Http1Error(`not an HTTP/1.1 answer: ${head.slice(0, 80)}`, true);
      code = Number(status[1]);
      // 100 Continue and the like precede the answer (101 would switch protocols: not ours).
      if (code < 100 || code >= 200 || code === 101) break;
    }
    onHead?.();
    const lengthMatch = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
    const chunked = /\r\ntransfer-encoding:[^\r]*chunked/i.test(head);
    let keepAlive = !/\r\nconnection:[^\r]*close/i.test(head) && head.startsWith("HTTP/1.1");
    let body: Uint8Array;
    if (code === 204 || code === 304 || code === 101) {
      body = new Uint8Array();
    } else if (chunked) {
      body = await this.#chunked(c);
    } else if (lengthMatch) {
      body = await this.#exactly(c, Number(lengthMatch[1]));
    } else {
      // Delimited by the end of the connection.
      body = await this.#untilEof(c);
      keepAlive = false;
    }
    if (c.start !== c.end) keepAlive = false;
    return { status: code, text: decoder.decode(body), keepAlive };
  }

  /** Reads more bytes after `end`, growing the buffer when it is full; false at the end. */
  async #readMore(c: Connection): Promise<boolean> {
    if (c.end === c.buf.length) {
      const bigger = new Uint8Array(c.buf.length * 2);
      bigger.set(c.buf.subarray(0, c.end));
      c.buf = bigger;
    }
    const n = await c.conn.read(c.buf.subarray(c.end));
    if (n === null) return false;
    c.end += n;
    c.got += n;
    return true;
  }

  /** {@linkcode Http1Pool.#readMore}, where the end of the connection cuts the answer short. */
  async #fill(c: Connection, eofMessage: string): Promise<void> {
    if (!await this.#readMore(c)) {
      throw new Http1Error(`${this.#hostHeader} closed the connection: ${eofMessage}`, true, {
        noAnswer: c.got === 0,
      });
    }
  }

  async #exactly(c: Connection, length: number): Promise<Uint8Array> {
    if (c.end - c.start >= length) {
      const out = c.buf.subarray(c.start, c.start + length);
      c.start += length;
      return out;
    }
    const out = new Uint8Array(length);
    let have = c.end - c.start;
    out.set(c.buf.subarray(c.start, c.end));
    c.start = c.end = 0;
    while (have < length) {
      const n = await c.conn.read(out.subarray(have));
      if (n === null) {
        throw new Http1Error(
          `${this.#hostHeader} closed the connection: the answer was cut short`,
          true,
        );
      }
      have += n;
      c.got += n;
    }
    return out;
  }

  async #chunked(c: Connection): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const lineEnd = await this.#lineEnd(c);
      const size = parseInt(latin1.decode(c.buf.subarray(c.start, lineEnd)), 16);
      if (!(size >= 0)) throw new Http1Error("a bad chunk in the answer", true);
      c.start = lineEnd + 2;
      if (size === 0) {
        // Trailers (none expected), then the empty line.
        for (;;) {
          const end = await this.#lineEnd(c);
          const empty = end === c.start;
          c.start = end + 2;
          if (empty) break;
        }
        break;
      }
      const chunk = await this.#exactly(c, size);
      parts.push(chunk.buffer === c.buf.buffer ? chunk.slice() : chunk);
      total += size;
      while (c.end - c.start < 2) await this.#compactAndFill(c);
      c.start += 2;
    }
    if (parts.length === 1) return parts[0];
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  async #untilEof(c: Connection): Promise<Uint8Array> {
    while (await this.#readMore(c));
    const out = c.buf.subarray(c.start, c.end);
    c.start = c.end;
    return out;
  }

  /** Where the line at `start` ends (its CR), reading until it is complete. */
  async #lineEnd(c: Connection): Promise<number> {
    for (;;) {
      const end = indexOfCrlf(c.buf, c.start, c.end);
      if (end >= 0) return end;
      await this.#compactAndFill(c);
    }
  }

  /** Moves unread bytes to the front of the buffer, then reads more. */
  async #compactAndFill(c: Connection, eofMessage = "the answer was cut short"): Promise<void> {
    if (c.start > 0) {
      c.buf.copyWithin(0, c.start, c.end);
      c.end -= c.start;
      c.start = 0;
    }
    await this.#fill(c, eofMessage);
  }
}

function indexOfCrlf(b: Uint8Array, from: number, to: number): number {
  for (let i = from; i + 1 < to; i++) if (b[i] === 13 && b[i + 1] === 10) return i;
  return -1;
}

function indexOfCrlfCrlf(b: Uint8Array, from: number, to: number): number {
  for (let i = from; i + 3 < to; i++) {
    if (b[i] === 13 && b[i + 1] === 10 && b[i + 2] === 13 && b[i + 3] === 10) return i;
  }
  return -1;
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // Closed already.
  }
}

/** `p`, or the signal's reason once it aborts (`p` is left to settle on its own). */
function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

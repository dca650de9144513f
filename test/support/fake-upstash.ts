/**
 * A stand-in for Upstash's REST and QStash APIs, for --verify tests without network: canned answers
 * per host, every request recorded. Reached three ways, none of which a scanned repository can set:
 * as a Transport handed to verifyScan, as a `request` function handed to httpsTransport (loopback
 * HTTP instead of HTTPS), and, for the bundle, through test/support/fake-upstash-preload.mjs.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { RequestFn, Transport } from "../../src/verify/transport";

export interface SeenRequest {
  host: string;
  method: string;
  path: string;
  authorization?: string;
  /** What the bundle's transport asked of TLS (recorded by the preload): "rejectUnauthorized" or "unchecked". */
  tls?: string;
}

export interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Never answer. */
  hang?: boolean;
  /** Send this many bytes of body (in 64 KiB chunks) instead of `body`. */
  bytes?: number;
}

export const PONG: Answer = { status: 200, body: '{"result":"PONG"}' };
export const UNAUTHORIZED: Answer = { status: 401, body: '{"error":"Unauthorized"}' };

export class FakeUpstash {
  readonly requests: SeenRequest[] = [];
  /** Answers by host; `*` for any other host. */
  readonly answers = new Map<string, Answer>();
  /** Connections the loopback server saw closed before it finished writing (huge bodies). */
  aborted = 0;
  private server?: http.Server;
  private readonly sockets = new Set<import("node:net").Socket>();

  answer(host: string, a: Answer): this {
    this.answers.set(host, a);
    return this;
  }

  private answerFor(host: string): Answer {
    return this.answers.get(host) ?? this.answers.get("*") ?? { status: 404, body: "no such fake host" };
  }

  /** In-process: no sockets at all. */
  transport(): Transport {
    return async (req, limits) => {
      this.requests.push({
        host: req.url.hostname,
        method: req.method,
        path: req.url.pathname + req.url.search,
        authorization: req.headers.authorization,
      });
      const a = this.answerFor(req.url.hostname);
      if (a.hang)
        return new Promise((_, reject) => limits.signal.addEventListener("abort", () => reject(new Error("aborted"))));
      const body = a.bytes !== undefined ? "x".repeat(Math.min(a.bytes, limits.maxBytes)) : (a.body ?? "");
      return { status: a.status, body, truncated: a.bytes !== undefined && a.bytes > limits.maxBytes };
    };
  }

  async start(): Promise<number> {
    this.server = http.createServer((req, res) => {
      const host = String(req.headers["x-fake-upstash-host"] ?? req.headers.host ?? "").replace(/:\d+$/, "");
      this.requests.push({
        host,
        method: req.method ?? "",
        path: req.url ?? "",
        authorization: req.headers.authorization,
        ...(req.headers["x-fake-upstash-tls"] ? { tls: String(req.headers["x-fake-upstash-tls"]) } : {}),
      });
      const a = this.answerFor(host);
      if (a.hang) return;
      res.writeHead(a.status, { "content-type": "application/json", ...a.headers });
      if (a.bytes === undefined) {
        res.end(a.body ?? "");
        return;
      }
      let left = a.bytes;
      const chunk = Buffer.alloc(64 * 1024, "x");
      const pump = (): void => {
        while (left > 0) {
          left -= chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => {
        if (left > 0) this.aborted++;
      });
      pump();
    });
    this.server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return (this.server.address() as AddressInfo).port;
  }

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  /** node:https's `request` signature, sending to this loopback server over plain HTTP. */
  requestFn(): RequestFn {
    const port = this.port;
    return (url, options, callback) =>
      http.request(
        {
          host: "127.0.0.1",
          port,
          path: url.pathname + url.search,
          method: options.method,
          headers: { ...options.headers, "x-fake-upstash-host": url.hostname },
          agent: false,
        },
        callback,
      );
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

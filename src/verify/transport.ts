/**
 * The one place `--verify` touches the network. A transport is a function, so tests hand the verifier
 * another one (a loopback stand-in for Upstash) as an argument: nothing a scanned repository can write
 * (files, configuration, environment of the scan) can choose it.
 */
import * as https from "node:https";
import type { ClientRequest, IncomingMessage } from "node:http";
import type { VerifyRequest, VerifyResponse } from "./endpoints";

export interface TransportLimits {
  /** Wall-clock limit of this request, connection to last byte. */
  timeoutMs: number;
  /** Body bytes read at most; the rest is not read. */
  maxBytes: number;
  /** Aborted when the scan's verification budget runs out. */
  signal: AbortSignal;
}

export type Transport = (request: VerifyRequest, limits: TransportLimits) => Promise<VerifyResponse>;

/** node:https's `request`, or a stand-in with its signature (tests). */
export type RequestFn = (
  url: URL,
  options: https.RequestOptions,
  callback: (res: IncomingMessage) => void,
) => ClientRequest;

/** A failure with a short, secret-free reason (`timed out after 5 s`, `ECONNREFUSED`). */
export class TransportError extends Error {}

/**
 * Requests over node:https: certificates always checked (whatever NODE_TLS_REJECT_UNAUTHORIZED says),
 * no connection reuse, no proxy, no redirect ever followed (node:https does not follow them; a 3xx is
 * handed back as it is), the body read up to `maxBytes`.
 */
export function httpsTransport(request: RequestFn = https.request): Transport {
  return (req, limits) =>
    new Promise<VerifyResponse>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        limits.signal.removeEventListener("abort", onAbort);
        fn();
      };
      const fail = (reason: string): void => finish(() => reject(new TransportError(reason)));
      let client: ClientRequest | undefined;
      const timer = setTimeout(() => {
        fail(`timed out after ${Math.round(limits.timeoutMs / 100) / 10} s`);
        client?.destroy();
      }, limits.timeoutMs);
      const onAbort = (): void => {
        fail("the verification time budget ran out");
        client?.destroy();
      };
      if (limits.signal.aborted) return onAbort();
      limits.signal.addEventListener("abort", onAbort);
      try {
        client = request(
          req.url,
          {
            method: req.method,
            headers: { ...req.headers, connection: "close" },
            agent: false,
            rejectUnauthorized: true,
          },
          (res) => {
            const chunks: Buffer[] = [];
            let size = 0;
            let truncated = false;
            const done = (): void =>
              finish(() =>
                resolve({
                  status: res.statusCode ?? 0,
                  body: Buffer.concat(chunks).toString("utf8"),
                  truncated,
                }),
              );
            res.on("data", (chunk: Buffer) => {
              if (truncated) return;
              const room = limits.maxBytes - size;
              if (chunk.length > room) {
                chunks.push(chunk.subarray(0, room));
                truncated = true;
                done();
                res.destroy();
                return;
              }
              chunks.push(chunk);
              size += chunk.length;
            });
            res.on("end", done);
            res.on("error", (err: NodeJS.ErrnoException) => fail(reasonOf(err)));
            // A connection cut mid-answer may only close: never wait for an end that will not come.
            res.on("close", () => (res.complete ? done() : fail("the connection closed before the answer ended")));
          },
        );
      } catch (err) {
        return fail(reasonOf(err as NodeJS.ErrnoException));
      }
      client.on("error", (err: NodeJS.ErrnoException) => fail(reasonOf(err)));
      client.end();
    });
}

/** An error code or first line, never a request or header (node's messages hold neither). */
function reasonOf(err: NodeJS.ErrnoException): string {
  return err.code ?? String(err.message).split("\n")[0]!.slice(0, 120);
}

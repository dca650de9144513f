/**
 * A loopback stand-in for GitHub's code-scanning API (POST …/code-scanning/sarifs and GET
 * …/sarifs/{id}) that records every request and answers from scripted response queues.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** When the request arrived (Date.now()). */
  at: number;
}

export class FakeGitHub {
  readonly requests: Recorded[] = [];
  /** Answers to uploads, in order; the last one repeats. */
  uploads: Reply[] = [{ status: 202, body: { id: "sarif-1", url: "" } }];
  /** Answers to status checks, in order; the last one repeats. */
  statuses: Reply[] = [{ status: 200, body: { processing_status: "complete", errors: null, analyses_url: "" } }];
  /** Answer to GET /repos/{o}/{r}/pulls/{n}/files (the pull request's files and patches). */
  pullFiles: Reply = { status: 200, body: [] };
  /** Answers a request itself (a redirect, a body that never ends, no answer at all) by returning true. */
  intercept?: (rec: Recorded, res: http.ServerResponse) => boolean;
  private server?: http.Server;
  private served = { uploads: 0, statuses: 0 };

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Forget the requests and set new scripts. */
  reset(script: { uploads?: Reply[]; statuses?: Reply[]; pullFiles?: Reply } = {}): void {
    this.intercept = undefined;
    this.pullFiles = script.pullFiles ?? { status: 200, body: [] };
    this.requests.length = 0;
    this.served = { uploads: 0, statuses: 0 };
    this.uploads = script.uploads ?? [
      { status: 202, body: { id: "sarif-1", url: `${this.url}/repos/octo/demo/code-scanning/sarifs/sarif-1` } },
    ];
    this.statuses = script.statuses ?? [
      { status: 200, body: { processing_status: "complete", errors: null, analyses_url: `${this.url}/analyses` } },
    ];
  }

  uploadRequests(): Recorded[] {
    return this.requests.filter((r) => r.method === "POST" && /\/code-scanning\/sarifs$/.test(r.url));
  }

  statusRequests(): Recorded[] {
    return this.requests.filter((r) => r.method === "GET" && /\/code-scanning\/sarifs\/[^/]+$/.test(r.url));
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const rec: Recorded = {
          method: req.method ?? "",
          url: req.url ?? "",
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          at: Date.now(),
        };
        this.requests.push(rec);
        if (this.intercept?.(rec, res)) return;
        let reply: Reply = { status: 404, body: { message: "Not Found" } };
        if (rec.method === "POST" && /^\/repos\/[^/]+\/[^/]+\/code-scanning\/sarifs$/.test(rec.url)) {
          reply = this.uploads[Math.min(this.served.uploads++, this.uploads.length - 1)]!;
        } else if (rec.method === "GET" && /^\/repos\/[^/]+\/[^/]+\/code-scanning\/sarifs\/[^/]+$/.test(rec.url)) {
          reply = this.statuses[Math.min(this.served.statuses++, this.statuses.length - 1)]!;
        } else if (rec.method === "GET" && /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/files(\?|$)/.test(rec.url)) {
          reply = this.pullFiles;
        }
        const text =
          reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
        res.writeHead(reply.status, {
          "content-type": typeof reply.body === "string" ? "text/html" : "application/json; charset=utf-8",
          ...reply.headers,
        });
        res.end(text);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.reset();
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

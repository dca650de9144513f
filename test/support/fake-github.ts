/**
 * A loopback stand-in for GitHub's code-scanning API (POST …/code-scanning/sarifs and GET
 * …/sarifs/{id}) that records every request and answers from scripted response queues, plus a
 * stateful store of issue comments (list, create, edit, delete, and GraphQL minimize) for the
 * pull-request comment, and the pull-request review endpoints, which keep the review comments posted
 * to them (across resets) so that a second run sees the first run's suggestions.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface Reply {
  status: number;
  body?: unknown;
}

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  minimized: boolean;
}

export class FakeGitHub {
  readonly requests: Recorded[] = [];
  /** Answers to uploads, in order; the last one repeats. */
  uploads: Reply[] = [{ status: 202, body: { id: "sarif-1", url: "" } }];
  /** Answers to status checks, in order; the last one repeats. */
  statuses: Reply[] = [{ status: 200, body: { processing_status: "complete", errors: null, analyses_url: "" } }];
  /** Answer to GET /repos/{o}/{r}/pulls/{n}/files (the pull request's files and patches). */
  pullFiles: Reply = { status: 200, body: [] };
  /** Issue comments by id; survive between steps of one test, cleared by reset(). */
  readonly comments = new Map<number, FakeComment>();
  /** When set, every comment request (REST and GraphQL) gets this answer instead. */
  commentRefusal?: Reply;
  private nextCommentId = 1000;
  /** Review comments on the pull request, as GET …/pulls/{n}/comments lists them. */
  reviewComments: Array<{
    id: number;
    path: string;
    line: number;
    start_line?: number;
    body: string;
    commit_id: string;
  }> = [];
  /** Answer to POST …/pulls/{n}/reviews when not the default (200, comments kept). */
  reviewReply?: Reply;
  private server?: http.Server;
  private served = { uploads: 0, statuses: 0 };

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Forget the requests and set new scripts. */
  reset(
    script: {
      uploads?: Reply[];
      statuses?: Reply[];
      pullFiles?: Reply;
      commentRefusal?: Reply;
      reviewReply?: Reply;
    } = {},
  ): void {
    this.pullFiles = script.pullFiles ?? { status: 200, body: [] };
    this.commentRefusal = script.commentRefusal;
    this.comments.clear();
    this.reviewReply = script.reviewReply;
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

  commentRequests(): Recorded[] {
    return this.requests.filter((r) => /\/issues\/(\d+\/)?comments|^\/graphql$/.test(r.url));
  }

  /** The comment endpoints over `comments`; pages of `per_page` with a Link header, as GitHub does. */
  private commentReply(rec: Recorded, res: http.ServerResponse): Reply {
    const url = new URL(rec.url, "http://x");
    const list = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname);
    const one = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname);
    const view = (c: FakeComment) => ({
      id: c.id,
      node_id: `IC_${c.id}`,
      body: c.body,
      html_url: `https://github.example/octo/demo/pull/${c.issue}#issuecomment-${c.id}`,
      user: { login: "github-actions[bot]", type: "Bot" },
    });
    if (list && rec.method === "GET") {
      const perPage = Number(url.searchParams.get("per_page") ?? 30);
      const page = Number(url.searchParams.get("page") ?? 1);
      const all = [...this.comments.values()].filter((c) => c.issue === Number(list[1])).sort((a, b) => a.id - b.id);
      if (page * perPage < all.length) {
        const next = new URL(url.toString());
        next.searchParams.set("page", String(page + 1));
        res.setHeader("link", `<${this.url}${next.pathname}${next.search}>; rel="next"`);
      }
      return { status: 200, body: all.slice((page - 1) * perPage, page * perPage).map(view) };
    }
    if (list && rec.method === "POST") {
      const c = {
        id: this.nextCommentId++,
        issue: Number(list[1]),
        body: (JSON.parse(rec.body) as { body: string }).body,
        minimized: false,
      };
      this.comments.set(c.id, c);
      return { status: 201, body: view(c) };
    }
    const c = one ? this.comments.get(Number(one[1])) : undefined;
    if (one && !c) return { status: 404, body: { message: "Not Found" } };
    if (c && rec.method === "PATCH") {
      c.body = (JSON.parse(rec.body) as { body: string }).body;
      return { status: 200, body: view(c) };
    }
    if (c && rec.method === "DELETE") {
      this.comments.delete(c.id);
      return { status: 204 };
    }
    if (url.pathname === "/graphql" && rec.method === "POST") {
      const q = JSON.parse(rec.body) as { query: string; variables: { id: string } };
      const target = this.comments.get(Number(q.variables.id.replace(/^IC_/, "")));
      if (!target) return { status: 200, body: { data: null, errors: [{ message: "Could not resolve to a node" }] } };
      target.minimized = /\bminimizeComment\b/.test(q.query);
      return { status: 200, body: { data: { result: { isMinimized: target.minimized } } } };
    }
    return { status: 404, body: { message: "Not Found" } };
  }

  reviewRequests(): Recorded[] {
    return this.requests.filter((r) => r.method === "POST" && /\/pulls\/\d+\/(reviews|comments)$/.test(r.url));
  }

  private keepComments(body: string, kind: "review" | "comment"): Reply {
    const data = JSON.parse(body) as {
      commit_id: string;
      comments?: Array<{ path: string; line: number; start_line?: number; body: string }>;
    } & { path?: string; line?: number; start_line?: number; body: string };
    const comments = kind === "review" ? (data.comments ?? []) : [data as { path: string; line: number; body: string }];
    for (const c of comments)
      this.reviewComments.push({ id: this.reviewComments.length + 1, commit_id: data.commit_id, ...c });
    return { status: kind === "review" ? 200 : 201, body: { id: this.reviewComments.length } };
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
        };
        this.requests.push(rec);
        let reply: Reply = { status: 404, body: { message: "Not Found" } };
        if (rec.method === "POST" && /^\/repos\/[^/]+\/[^/]+\/code-scanning\/sarifs$/.test(rec.url)) {
          reply = this.uploads[Math.min(this.served.uploads++, this.uploads.length - 1)]!;
        } else if (rec.method === "GET" && /^\/repos\/[^/]+\/[^/]+\/code-scanning\/sarifs\/[^/]+$/.test(rec.url)) {
          reply = this.statuses[Math.min(this.served.statuses++, this.statuses.length - 1)]!;
        } else if (rec.method === "GET" && /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/files(\?|$)/.test(rec.url)) {
          reply = this.pullFiles;
        } else if (/\/issues\/(\d+\/)?comments|^\/graphql$/.test(rec.url)) {
          reply = this.commentRefusal ?? this.commentReply(rec, res);
        } else if (rec.method === "GET" && /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/comments(\?|$)/.test(rec.url)) {
          reply = { status: 200, body: this.reviewComments };
        } else if (rec.method === "POST" && /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/reviews$/.test(rec.url)) {
          reply = this.reviewReply ?? this.keepComments(rec.body, "review");
        } else if (rec.method === "POST" && /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/comments$/.test(rec.url)) {
          reply = this.keepComments(rec.body, "comment");
        }
        const text =
          reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
        res.writeHead(reply.status, {
          "content-type": typeof reply.body === "string" ? "text/html" : "application/json; charset=utf-8",
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

import { help, type RuleMeta } from "./types";

export const rateLimitMisconfiguration: RuleMeta = {
  id: "upstash/rate-limit-misconfiguration",
  number: 4,
  name: "RateLimitMisconfiguration",
  title: "Rate Limit Misconfiguration",
  severity: "medium",
  likelihood: "medium",
  impact: "medium",
  mitigation: "Test rate-limit configurations; monitor for anomalies.",
  shortDescription: "A rate limit is not enforced, shared, bypassable or implausible",
  fullDescription:
    "An @upstash/ratelimit limiter whose result is ignored, whose identifier is shared by every client or chosen by the client, that fails open on errors, whose limits are implausible, or that is created per request. The limit either lets abuse through or blocks legitimate users.",
  securitySeverity: "5.3",
  precision: "medium",
  cwe: ["CWE-770", "CWE-307"],
  slug: "rate-limit-misconfiguration",
  help: help({
    risk: "Improper rate limits can either allow abuse or block legitimate users.",
    why: "`limit()` only reports; nothing is blocked unless the caller reads `success` and refuses the request. A constant or client-chosen identifier puts everyone in one bucket or lets an attacker rotate buckets freely.",
    mitigation:
      "Read `success` and return 429 before doing the work; key the limit by an authenticated user id or the platform's client IP; create the limiter once at module scope; test the configured numbers and watch the analytics for anomalies.",
    bad: `await ratelimit.limit("api");
return handle(req);`,
    good: `const { success } = await ratelimit.limit(session.userId);
if (!success) return new Response("Too many requests", { status: 429 });
return handle(req);`,
  }),
};

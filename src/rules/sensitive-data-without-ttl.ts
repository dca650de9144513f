import { help, type RuleMeta } from "./types";

export const sensitiveDataWithoutTtl: RuleMeta = {
  id: "upstash/sensitive-data-without-ttl",
  number: 2,
  name: "SensitiveDataWithoutTtl",
  title: "Sensitive Data Without TTL",
  severity: "medium",
  likelihood: "medium",
  impact: "medium",
  mitigation: "Set a TTL on sensitive data (SET key value EX seconds).",
  shortDescription: "Sensitive data is written to Redis without an expiry",
  fullDescription:
    "A session, token, one-time code, password hash, API key or personal data is stored in Upstash Redis with no TTL, with an expiry option that @upstash/redis ignores, or has its TTL removed. Redis keeps it until someone deletes it, so a later leak or bug exposes data that should have expired long ago.",
  securitySeverity: "5.3",
  precision: "medium",
  cwe: ["CWE-613", "CWE-459"],
  slug: "sensitive-data-without-ttl",
  help: help({
    risk: "Data persists indefinitely unless explicitly deleted.",
    why: "Sessions, reset tokens and one-time codes are meant to die. Without a TTL they stay valid and readable forever: a stolen session never expires, an old reset link still works, and personal data outlives its purpose.",
    mitigation:
      "Pass an expiry when writing (`{ ex: seconds }`, `px`, `exat`, `pxat`), or call `expire` on the key in the same function or pipeline. Note that @upstash/redis ignores node-redis spellings such as `{ EX: 60 }`.",
    bad: `await redis.set(\`session:\${sessionId}\`, user);`,
    good: `await redis.set(\`session:\${sessionId}\`, user, { ex: 60 * 60 * 24 });`,
  }),
};

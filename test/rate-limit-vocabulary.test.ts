/** The rate-limit rule's member vocabularies, each with words it must and must not hold. */
import { describe, expect, it } from "vitest";
import {
  BODY_READERS,
  CLIENT_ADDRESS_MEMBERS,
  PRINCIPAL_MEMBERS,
  QUERY_MEMBERS,
} from "../src/detectors/rate-limit-misconfiguration/analysis/identifiers";
import { CLIENT_READ, FLAG_VALUE, SWITCH_NAME } from "../src/detectors/rate-limit-misconfiguration/analysis/bypass";

const TABLES = [
  {
    name: "client address",
    set: CLIENT_ADDRESS_MEMBERS,
    yes: ["getClientAddress", "remoteAddress", "clientAddress"],
    // `req.ips` is empty unless Express trusts a proxy; `req.ip` is missing on Next.js 15.
    no: ["address", "ip", "ips", "host"],
  },
  { name: "body readers", set: BODY_READERS, yes: ["json", "formData", "text"], no: ["body", "blob", "arrayBuffer"] },
  { name: "query", set: QUERY_MEMBERS, yes: ["query", "searchParams"], no: ["params", "search", "url"] },
  {
    name: "principal",
    set: PRINCIPAL_MEMBERS,
    yes: ["session", "user", "locals"],
    no: ["userId", "headers", "cookies"],
  },
];

describe.each(TABLES)("$name", ({ set, yes, no }) => {
  it.each(yes)("holds %s", (w) => expect(set.has(w)).toBe(true));
  it.each(no)("does not hold %s", (w) => expect(set.has(w)).toBe(false));
});

const PATTERNS = [
  {
    name: "flag values a client switch compares with",
    re: FLAG_VALUE,
    yes: ["1", "true", "yes", "load-test", "loadtest", "bypass", "e2e"],
    // Secrets and ordinary values are not switches.
    no: ["sk_live_abc", "hunter2", "websocket", "application/json", "100"],
  },
  {
    name: "names of a bare switch",
    re: SWITCH_NAME,
    yes: ['req.headers["x-skip-ratelimit"]', 'req.headers["x-bypass"]', "req.query.noRateLimit", "x-load-test"],
    no: ['req.headers["x-request-id"]', "req.query.limit", 'req.headers["x-forwarded-for"]'],
  },
  {
    name: "reads of what the client sends",
    re: CLIENT_READ,
    yes: [
      'req.headers["x-load-test"]',
      'request.headers.get("x-test")',
      'c.req.header("x-test")',
      "req.query.debug",
      'url.searchParams.get("debug")',
      "req?.headers?.test",
    ],
    no: ["process.env.CI", "headers", 'config.get("debug")', "req.body.test", "session.user.role"],
  },
];

describe.each(PATTERNS)("$name", ({ re, yes, no }) => {
  it.each(yes)("matches %s", (w) => expect(re.test(w)).toBe(true));
  it.each(no)("does not match %s", (w) => expect(re.test(w)).toBe(false));
});

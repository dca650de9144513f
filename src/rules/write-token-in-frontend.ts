import { help, type RuleMeta } from "./types";

export const writeTokenInFrontend: RuleMeta = {
  id: "upstash/write-token-in-frontend",
  number: 1,
  name: "WriteTokenInFrontend",
  title: "Write Token in Frontend",
  severity: "critical",
  likelihood: "high",
  impact: "critical",
  mitigation: "Use read-only tokens client-side; keep write tokens server-side.",
  shortDescription: "An Upstash write token is reachable from frontend code",
  fullDescription:
    "A credential that can write to Upstash (Redis REST/KV token, QStash token or signing key, Vector admin token, management key) is named with a client-exposed prefix, inlined by a bundler, or written into code that ships to browsers or apps. Anyone who opens the app can read it and modify or delete your data.",
  securitySeverity: "9.3",
  precision: "high",
  cwe: ["CWE-522", "CWE-200"],
  slug: "write-token-in-frontend",
  help: help({
    risk: "Exposing write tokens allows anyone to modify your data.",
    why: "Everything in a client bundle is public: variables prefixed NEXT_PUBLIC_, VITE_, EXPO_PUBLIC_ (and the like) are inlined into JavaScript that every visitor downloads. A standard Upstash token can run any command, including FLUSHALL.",
    mitigation:
      "Use a read-only token (KV_REST_API_READ_ONLY_TOKEN or the database's read-only REST token) for code that runs in the browser, and keep write tokens in server-only variables used by route handlers, server actions or edge functions.",
    bad: `// components/Counter.tsx ("use client")
const redis = new Redis({
  url: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL,
  token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN,
});`,
    good: `// app/api/count/route.ts (server only)
const redis = Redis.fromEnv(); // UPSTASH_REDIS_REST_TOKEN, never sent to the browser
export async function POST() {
  return Response.json({ count: await redis.incr("count") });
}`,
  }),
};

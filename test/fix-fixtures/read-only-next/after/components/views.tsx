"use client";
import { Redis } from "@upstash/redis";

// Only read here, and not exported: a read-only token cannot break anything.
const redis = new Redis({
  url: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL!,
  // fix: upstash/write-token-in-frontend/public-env-credential
  token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_READ_ONLY_TOKEN!,
});

// This client counts views: with a read-only token the increment would fail. The writes belong on
// the server; no edit.
const counter = new Redis({
  url: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL!,
  // nofix: upstash/write-token-in-frontend/public-env-credential
  token: process.env["NEXT_PUBLIC_KV_REST_API_TOKEN"]!,
});

// A QStash token has no read-only counterpart for browsers: publishing belongs on the server.
// nofix: upstash/write-token-in-frontend/public-env-credential
const qstashToken = process.env.NEXT_PUBLIC_QSTASH_TOKEN;

export function Views({ slug }: { slug: string }) {
  void qstashToken;
  return (
    <button onClick={() => counter.incr(`views:${slug}`)} onMouseEnter={() => redis.get(`views:${slug}`)}>
      views
    </button>
  );
}

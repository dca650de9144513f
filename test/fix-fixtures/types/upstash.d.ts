// The parts of the Upstash SDKs the fixtures use, with the signatures the fixes must satisfy
// (@upstash/redis 1.38, @upstash/qstash 2.11, @upstash/ratelimit 2.0, @vercel/kv 3).

declare module "@upstash/redis" {
  type Expiry =
    | { ex: number; px?: never; exat?: never; pxat?: never; keepTtl?: never }
    | { ex?: never; px: number; exat?: never; pxat?: never; keepTtl?: never }
    | { ex?: never; px?: never; exat: number; pxat?: never; keepTtl?: never }
    | { ex?: never; px?: never; exat?: never; pxat: number; keepTtl?: never }
    | { ex?: never; px?: never; exat?: never; pxat?: never; keepTtl: true }
    | { ex?: never; px?: never; exat?: never; pxat?: never; keepTtl?: never };
  type Condition = { nx: true; xx?: never } | { xx: true; nx?: never } | { nx?: never; xx?: never };
  export type SetCommandOptions = { get?: boolean } & Expiry & Condition;
  export class Pipeline {
    set(key: string, value: unknown, opts?: SetCommandOptions): Pipeline;
    expire(key: string, seconds: number): Pipeline;
    incr(key: string): Pipeline;
    exec(): Promise<unknown[]>;
  }
  export class Redis {
    constructor(config: { url: string; token: string });
    static fromEnv(): Redis;
    get<T = unknown>(key: string): Promise<T | null>;
    set(key: string, value: unknown, opts?: SetCommandOptions): Promise<unknown>;
    hset(key: string, fields: Record<string, unknown>): Promise<number>;
    expire(key: string, seconds: number): Promise<number>;
    incr(key: string): Promise<number>;
    zrange<T extends unknown[] = string[]>(key: string, start: number, stop: number): Promise<T>;
    pipeline(): Pipeline;
  }
}

declare module "@vercel/kv" {
  import type { Redis } from "@upstash/redis";
  export const kv: Redis;
}

declare module "@upstash/qstash" {
  export class Client {
    constructor(config: { token: string });
    publishJSON(req: { url: string; body: unknown; delay?: number }): Promise<{ messageId: string }>;
  }
  export class Receiver {
    constructor(config?: { currentSigningKey?: string; nextSigningKey?: string });
    verify(req: { signature: string; body: string; url?: string }): Promise<boolean>;
  }
}

declare module "@upstash/qstash/nextjs" {
  import type { NextApiHandler } from "next";
  import type { NextRequest } from "next/server";
  type Config = { currentSigningKey?: string; nextSigningKey?: string; url?: string; clockTolerance?: number };
  export function verifySignature(handler: NextApiHandler, config?: Config): NextApiHandler;
  export function verifySignatureAppRouter(
    handler:
      | ((request: Request, params?: any) => Response | Promise<Response>)
      | ((request: NextRequest, params?: any) => Response | Promise<Response>),
    config?: Config,
  ): (request: NextRequest | Request, params?: any) => Promise<Response>;
}

declare module "@upstash/qstash/svelte" {
  import type { RequestHandler } from "@sveltejs/kit";
  export function verifySignatureSvelte(
    handler: RequestHandler,
    config: { currentSigningKey: string; nextSigningKey: string; clockTolerance?: number },
  ): RequestHandler;
}

declare module "@upstash/qstash/nuxt" {
  import type { EventHandler, H3Event } from "h3";
  export function verifySignatureNuxt(
    handler: (event: H3Event) => Promise<unknown>,
    config?: { currentSigningKey?: string; nextSigningKey?: string },
  ): EventHandler;
}

declare module "@upstash/ratelimit" {
  import type { Redis } from "@upstash/redis";
  type Duration = `${number} ${"ms" | "s" | "m" | "h" | "d"}` | `${number}${"ms" | "s" | "m" | "h" | "d"}`;
  type Algorithm = { readonly kind: string };
  export class Ratelimit {
    constructor(config: { redis: Redis; limiter: Algorithm; prefix?: string; analytics?: boolean });
    static slidingWindow(tokens: number, window: Duration): Algorithm;
    static fixedWindow(tokens: number, window: Duration): Algorithm;
    limit(
      identifier: string,
    ): Promise<{ success: boolean; limit: number; remaining: number; reset: number; pending: Promise<unknown> }>;
  }
}

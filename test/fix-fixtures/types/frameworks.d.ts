// The framework surfaces the fixtures use (Next.js 15, SvelteKit 2, h3/Nuxt 3, Express 5, Hono 4),
// reduced to what the fixed handlers touch.

declare const process: { env: Record<string, string | undefined> };

interface ImportMetaEnv {
  readonly [key: string]: string | undefined;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}

declare namespace JSX {
  type Element = unknown;
  interface IntrinsicElements {
    [name: string]: Record<string, unknown>;
  }
}

declare module "next" {
  import type { IncomingMessage, ServerResponse } from "node:http";
  export interface NextApiRequest extends IncomingMessage {
    body: any;
    query: Record<string, string | string[]>;
  }
  export type NextApiResponse<T = any> = ServerResponse & {
    status(code: number): NextApiResponse<T>;
    json(body: T): void;
    send(body: T): void;
  };
  export type NextApiHandler<T = any> = (req: NextApiRequest, res: NextApiResponse<T>) => unknown | Promise<unknown>;
}

declare module "next/server" {
  export class NextRequest extends Request {
    readonly ip?: string;
  }
  export class NextResponse<Body = unknown> extends Response {
    static json<T>(body: T, init?: ResponseInit): NextResponse<T>;
    static next(): NextResponse;
  }
}

declare module "node:http" {
  export interface IncomingMessage {
    headers: Record<string, string | string[] | undefined>;
    method?: string;
  }
  export interface ServerResponse {
    end(chunk?: unknown): this;
  }
}

declare module "@sveltejs/kit" {
  export interface RequestEvent {
    request: Request;
    params: Record<string, string>;
    getClientAddress(): string;
  }
  export type RequestHandler = (event: RequestEvent) => Response | Promise<Response>;
}

declare module "$env/static/private" {
  export const QSTASH_CURRENT_SIGNING_KEY: string;
  export const QSTASH_NEXT_SIGNING_KEY: string;
  export const QSTASH_TOKEN: string;
}

declare module "h3" {
  export interface H3Event {
    readonly path: string;
  }
  export type EventHandler = (event: H3Event) => unknown;
  export function defineEventHandler<T>(handler: (event: H3Event) => T): EventHandler;
  export function readBody<T = any>(event: H3Event): Promise<T>;
  export function getRequestIP(event: H3Event): string | undefined;
  export function createError(input: { statusCode: number; statusMessage?: string }): Error;
}

// Nuxt imports h3's helpers into server routes automatically.
declare function defineEventHandler<T>(handler: (event: import("h3").H3Event) => T): import("h3").EventHandler;
declare function readBody<T = any>(event: import("h3").H3Event): Promise<T>;
declare function getRequestIP(event: import("h3").H3Event): string | undefined;
declare function createError(input: { statusCode: number; statusMessage?: string }): Error;

declare module "express" {
  export interface Request {
    ip?: string;
    body: any;
    headers: Record<string, string | string[] | undefined>;
  }
  export interface Response {
    status(code: number): Response;
    send(body?: unknown): Response;
    json(body: unknown): Response;
    end(chunk?: unknown): Response;
  }
  export type NextFunction = (err?: unknown) => void;
  export type RequestHandler = (req: Request, res: Response, next: NextFunction) => void | Promise<void>;
  export interface Application {
    post(path: string, ...handlers: RequestHandler[]): Application;
    get(path: string, ...handlers: RequestHandler[]): Application;
    use(...handlers: unknown[]): Application;
    listen(port: number): unknown;
  }
  export default function express(): Application;
}

declare module "hono" {
  export interface Context {
    req: { header(name: string): string | undefined; json<T = any>(): Promise<T> };
    text(text: string, status?: number): Response;
    json(body: unknown, status?: number): Response;
  }
  export class Hono {
    post(path: string, handler: (c: Context) => Response | Promise<Response>): this;
    get(path: string, handler: (c: Context) => Response | Promise<Response>): this;
  }
}

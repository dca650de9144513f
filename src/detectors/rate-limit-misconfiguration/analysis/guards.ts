/**
 * When a fallback in a rate-limit identifier can fire. `ip ?? "127.0.0.1"` only applies when `ip` is
 * missing, and whether it can be missing depends on what `ip` reads and on where the app runs: Vercel
 * sets `x-forwarded-for` on every request, Express always fills `req.ip`, Next.js 15 removed
 * `request.ip`. The file phase records what must be missing as a `Guard` (plain data, carried in
 * facts); the project phase, which knows the host, decides whether that can happen in production and
 * says why.
 */
import type { ProjectFacts } from "../../../engine/project";
import type { Confidence } from "../../../engine/types";
import type { ImportRef } from "./limiters";
import { declaredMajor, frameworksAt, hostOf, versionNote, type Host } from "./hosting";

/** What must be missing for a value to be nullish (so that a fallback after it applies). */
export type Guard =
  /** Never missing: constant text, `split(",")[0]`, a socket address, `getClientAddress()`. */
  | { kind: "never" }
  /** A client-IP header (`x-forwarded-for`): missing unless the host's edge sets it. */
  | { kind: "header"; name: string }
  /** `req.ip` / `request.ip`, on a Next.js `NextRequest` or pages-router `NextApiRequest` when `via` says so. */
  | { kind: "request-ip"; via?: "next-request" | "next-api" }
  /** `ipAddress(req)` from @vercel/functions: undefined off Vercel. */
  | { kind: "ip-function"; name: string }
  /** An imported function's result: missing unless its declared return type excludes it. */
  | { kind: "imported"; ref: ImportRef; name: string }
  /** The signed-in user: missing for anonymous requests. */
  | { kind: "anonymous" }
  /** Something the client sends (a custom header, a body field): missing when the client omits it. */
  | { kind: "client"; detail: string }
  | { kind: "unknown" }
  /** Missing only when every part is missing (`a || b`). */
  | { kind: "all"; of: Guard[] }
  /** Missing when any part may be (`cond ? a : b`, a variable assigned twice). */
  | { kind: "any"; of: Guard[] };

export const NEVER: Guard = { kind: "never" };
export const UNKNOWN: Guard = { kind: "unknown" };

/** `all`/`any` with `never` and nesting folded away. */
export function allOf(of: Guard[]): Guard {
  if (of.some((g) => g.kind === "never")) return NEVER;
  const flat = of.flatMap((g) => (g.kind === "all" ? g.of : [g]));
  return flat.length === 0 ? UNKNOWN : flat.length === 1 ? flat[0]! : { kind: "all", of: dedupe(flat) };
}

export function anyOf(of: Guard[]): Guard {
  const live = of.filter((g) => g.kind !== "never").flatMap((g) => (g.kind === "any" ? g.of : [g]));
  return live.length === 0 ? NEVER : live.length === 1 ? live[0]! : { kind: "any", of: dedupe(live) };
}

function dedupe(list: Guard[]): Guard[] {
  const seen = new Set<string>();
  return list.filter((g) => {
    const k = JSON.stringify(g);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Whether a fallback can apply in production, why, and how sure that is. */
export interface Reachability {
  reachable: boolean;
  /** Clauses for the message ("Next.js 15 removed request.ip (next ^15.1.0 in package.json)"). */
  why: string[];
  confidence: Confidence;
}

/** What the project phase knows about the file the identifier is used in. */
export interface Environment {
  project: ProjectFacts;
  file: string;
  /** Whether an imported function is declared never to return null/undefined. */
  nonNullish(ref: ImportRef): boolean;
}

/** The first Next.js major without `NextRequest.ip`. */
const NEXT_WITHOUT_REQUEST_IP = 15;
const NEWEST_NEXT = 16;

const NODE_SERVERS = ["express", "fastify"] as const;

/** Whether `g` can be missing in production, with the reasons. */
export function reachability(g: Guard, env: Environment): Reachability {
  const host = hostOf(env.project, env.file);
  return evaluate(g, env, host);
}

function yes(why: string, confidence: Confidence): Reachability {
  return { reachable: true, why: [why], confidence };
}

function no(why: string): Reachability {
  return { reachable: false, why: [why], confidence: "high" };
}

/** How sure a reason that rests on the host is: an assumed host is a guess. */
function onHost(host: Host): Confidence {
  return host.assumed ? "medium" : "high";
}

function hostText(host: Host): string {
  return host.assumed ? `${host.name} (${host.evidence})` : `${host.name} (${host.evidence})`;
}

const LEAVES: {
  [K in Guard["kind"]]?: (g: Extract<Guard, { kind: K }>, env: Environment, host: Host) => Reachability;
} = {
  never: () => no("the value is always set"),
  unknown: () => yes("the value is missing", "medium"),
  anonymous: () => yes("a request comes without a signed-in user", "high"),
  client: (g) => yes(`a client leaves out ${g.detail}`, "high"),
  header: (g, _env, host) =>
    host.headers.has(g.name)
      ? no(`${host.name} sets ${g.name} on every request`)
      : yes(`a request arrives without ${g.name}, which nothing sets on ${hostText(host)}`, onHost(host)),
  "ip-function": (g, _env, host) =>
    host.kind === "vercel"
      ? no(`${g.name}() returns the client address on Vercel`)
      : yes(`${g.name}() returns undefined off Vercel, and this app runs on ${hostText(host)}`, onHost(host)),
  imported: (g, env) =>
    env.nonNullish(g.ref)
      ? no(`${g.name}() is declared to return a value`)
      : yes(`${g.name}() returns nothing`, "medium"),
  "request-ip": requestIp,
};

function requestIp(g: Extract<Guard, { kind: "request-ip" }>, env: Environment, host: Host): Reachability {
  const fw = frameworksAt(env.project, env.file);
  const node = NODE_SERVERS.find((f) => fw.has(f));
  if (!g.via && node) return no(`${node === "express" ? "Express" : "Fastify"} sets req.ip from the connection`);
  if (g.via === "next-api")
    return yes("a pages-router request (NextApiRequest) has no ip property, so req.ip is always undefined", "high");
  if (!g.via && !fw.has("nextjs")) return yes("req.ip is undefined", "medium");
  const major = declaredMajor(env.project, env.file, "next", NEWEST_NEXT);
  if (major === undefined)
    return yes(
      `request.ip no longer exists since Next.js ${NEXT_WITHOUT_REQUEST_IP} (this package's Next.js version is not known) and is only filled on Vercel before that`,
      "medium",
    );
  if (major >= NEXT_WITHOUT_REQUEST_IP)
    return yes(
      `Next.js ${NEXT_WITHOUT_REQUEST_IP} removed NextRequest.ip (${versionNote(env.project, env.file, "next")}), so request.ip is always undefined`,
      "high",
    );
  if (host.kind === "vercel") return no("Vercel fills request.ip in Next.js 14 and earlier");
  return yes(`request.ip is only filled on Vercel, and this app runs on ${hostText(host)}`, onHost(host));
}

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

function evaluate(g: Guard, env: Environment, host: Host): Reachability {
  if (g.kind === "all") {
    const parts = g.of.map((p) => evaluate(p, env, host));
    const blocked = parts.find((p) => !p.reachable);
    if (blocked) return blocked;
    return {
      reachable: true,
      why: parts.flatMap((p) => p.why),
      confidence: parts.reduce<Confidence>((c, p) => (RANK[p.confidence] < RANK[c] ? p.confidence : c), "high"),
    };
  }
  if (g.kind === "any") {
    const parts = g.of.map((p) => evaluate(p, env, host));
    const live = parts.filter((p) => p.reachable);
    if (!live.length) return { reachable: false, why: parts.flatMap((p) => p.why), confidence: "high" };
    const best = live.reduce((a, b) => (RANK[b.confidence] > RANK[a.confidence] ? b : a));
    return best;
  }
  const leaf = LEAVES[g.kind] as ((g: Guard, env: Environment, host: Host) => Reachability) | undefined;
  return leaf ? leaf(g, env, host) : yes("the value is missing", "medium");
}

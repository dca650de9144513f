/**
 * Routes from file paths, and matching the URL path a QStash publisher targets against them: Next.js
 * app router (route groups, [param], [...rest] and [[...optional]] segments), pages-directory API
 * routes (Next.js pages router, Astro endpoints), SvelteKit +server files, Nuxt/Nitro server routes and
 * Remix / React Router flat routes.
 */

export type RouteFramework = "next-app" | "pages" | "sveltekit" | "nuxt" | "remix" | "solid";

export interface RouteFile {
  /** URL path pattern, e.g. "/api/jobs/[id]". */
  pattern: string;
  framework: RouteFramework;
  /** Nuxt `x.post.ts`: the only method the file serves. */
  method?: string;
}

const EXT = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;

/** A cheap superset of the files routeOfFile() accepts, for the keyword prefilter. */
export const ROUTE_FILE =
  /(^|\/)(app\/.*\/?route\.[cm]?[jt]sx?|pages\/(api\/.+\.[cm]?[jt]sx?|.+\.[cm]?[jt]s)|routes\/.*\+server\.[jt]s|src\/routes\/.+\.[jt]s|server\/(api|routes)\/.+\.[cm]?[jt]s|app\/routes\/[^/]+\.[jt]sx?|(src\/)?(middleware|proxy)\.[jt]s)$/;
const GROUP = /^\(.*\)$/;

export function routeOfFile(file: string): RouteFile | undefined {
  const parts = file.split("/");
  const base = parts[parts.length - 1]!;
  if (!EXT.test(base) || /\.(test|spec|stories|d)\.[a-z]+$/.test(base)) return undefined;
  for (const rule of ROUTE_RULES) {
    const hit = rule(parts, base);
    if (hit !== null) return hit;
  }
  return undefined;
}

/** One framework's file routing: a route, undefined (the file is its but serves nothing), or null. */
type RouteRule = (parts: string[], base: string) => RouteFile | undefined | null;

/** Next.js app router: app/…/route.ts. Route groups, parallel slots and private folders name no segment. */
const nextApp: RouteRule = (parts, base) => {
  const app = parts.lastIndexOf("app");
  if (app === -1 || !/^route\.[a-z]+$/.test(base)) return null;
  const dirs = parts.slice(app + 1, -1);
  if (dirs.some((s) => s.startsWith("_"))) return undefined;
  const segs = dirs.filter((s) => !GROUP.test(s) && !s.startsWith("@"));
  return { pattern: "/" + segs.join("/"), framework: "next-app" };
};

/** Remix / React Router flat routes: app/routes/api.jobs.$id.ts */
const remix: RouteRule = (parts, base) => {
  const app = parts.lastIndexOf("app");
  if (app === -1 || parts[app + 1] !== "routes" || parts.length !== app + 3) return null;
  const name = base.replace(EXT, "").replace(/\.server$/, "");
  const segs = name
    .split(".")
    .filter((s) => s !== "_index" && !s.startsWith("_"))
    .map((s) => (s.startsWith("$") ? (s === "$" ? "[...rest]" : `[${s.slice(1)}]`) : s.replace(/_$/, "")));
  return { pattern: "/" + segs.join("/"), framework: "remix" };
};

/** Next.js pages/api (and Astro endpoints, which may live anywhere under pages/). */
const pagesDir: RouteRule = (parts, base) => {
  const pages = parts.lastIndexOf("pages");
  if (pages === -1 || parts.length <= pages + 1) return null;
  const segs = parts.slice(pages + 1);
  if (segs[0] !== "api" && !/\.(ts|js|mjs)$/.test(base)) return undefined;
  if (segs.some((s) => s.startsWith("_"))) return undefined;
  segs[segs.length - 1] = base.replace(EXT, "").replace(/\.(json|xml|txt)$/, "");
  if (segs[segs.length - 1] === "index") segs.pop();
  return { pattern: "/" + segs.join("/"), framework: "pages" };
};

/** SvelteKit: src/routes/…/+server.ts */
const svelteKit: RouteRule = (parts, base) => {
  const routes = parts.lastIndexOf("routes");
  if (routes === -1 || !/^\+server\.[a-z]+$/.test(base)) return null;
  const segs = parts.slice(routes + 1, -1).filter((s) => !GROUP.test(s));
  return { pattern: "/" + segs.join("/"), framework: "sveltekit" };
};

/** SolidStart API routes: src/routes/api/jobs/[id].ts exporting GET/POST. */
const solidStart: RouteRule = (parts, base) => {
  const routes = parts.lastIndexOf("routes");
  if (routes === -1 || parts[routes - 1] !== "src" || parts.length <= routes + 1 || /^\+/.test(base)) return null;
  const segs = parts.slice(routes + 1).filter((s) => !GROUP.test(s));
  segs[segs.length - 1] = base.replace(EXT, "");
  if (segs[segs.length - 1] === "index") segs.pop();
  return { pattern: "/" + segs.join("/"), framework: "solid" };
};

/** Nuxt/Nitro: server/api/… and server/routes/…, with `x.post.ts` naming the method. */
const nitro: RouteRule = (parts, base) => {
  const server = parts.lastIndexOf("server");
  if (server === -1 || (parts[server + 1] !== "api" && parts[server + 1] !== "routes")) return null;
  const segs = parts.slice(server + (parts[server + 1] === "api" ? 1 : 2));
  let name = base.replace(EXT, "");
  const m = /\.(get|post|put|patch|delete|head|options)$/.exec(name);
  if (m) name = name.slice(0, -m[0].length);
  segs[segs.length - 1] = name;
  if (segs[segs.length - 1] === "index") segs.pop();
  return { pattern: "/" + segs.join("/"), framework: "nuxt", ...(m ? { method: m[1]!.toUpperCase() } : {}) };
};

const ROUTE_RULES: RouteRule[] = [nextApp, remix, pagesDir, svelteKit, solidStart, nitro];

function isDynamic(seg: string): boolean {
  return /^\[.*\]$/.test(seg) || seg.startsWith(":") || seg === "*";
}

function isCatchAll(seg: string): boolean {
  return /^\[\[?\.\.\./.test(seg) || seg === "*" || /^:\w+\*$/.test(seg) || seg === "**";
}

/**
 * Whether a URL path (with "*" for unknown segments) is served by a route pattern. Patterns use file
 * routing's [param] or a router's :param / *. `suffix` lets a router's pattern match the tail of the
 * path (routers are often mounted under a prefix the scanner cannot see).
 */
export function routeMatches(pattern: string, urlPath: string, suffix = false): boolean {
  const want = pattern.split("/").filter(Boolean);
  const got = urlPath.split("?")[0]!.split("/").filter(Boolean);
  if (suffix && want.length > 0 && got.length > want.length) {
    const tail = got.slice(got.length - want.length);
    // The tail must agree on a literal segment: "/test-routes/*" says nothing about a router's "/workflow".
    const anchored = tail.some((g, i) => !g.includes("*") && g === want[i]);
    return (anchored && matchSegments(want, tail)) || matchSegments(want, got);
  }
  return matchSegments(want, got);
}

function matchSegments(want: string[], got: string[]): boolean {
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    if (isCatchAll(w)) return got.length >= i + (w.startsWith("[[") ? 0 : 1) || w === "*";
    const g = got[i];
    if (g === undefined) return false;
    if (isDynamic(w) || g === "*") continue;
    // A segment partly unknown ("*-report") matches a literal with the same known parts.
    if (g.includes("*")) {
      const re = new RegExp("^" + g.split("*").map(escapeRegex).join(".*") + "$");
      if (re.test(w)) continue;
      return false;
    }
    if (w !== g) return false;
  }
  return got.length === want.length;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export const GENERIC_SEGMENT = /^(api|v\d+|trpc|app|internal|public|rest)$/i;

/**
 * Whether a publisher path with unknown segments still says something: "/api/jobs/*" does,
 * "/api/*" (`${base}/api/${route}`) would match every API route and does not.
 */
export function specificEnough(urlPath: string): boolean {
  if (!urlPath.includes("*")) return true;
  return urlPath.split("/").some((seg) => seg && !seg.includes("*") && !GENERIC_SEGMENT.test(seg));
}

/** Route segments that say a route is a queue consumer (by name only: low confidence). */
const QUEUE_SEGMENT =
  /^(qstash|queues?|jobs?|cron|crons|tasks?|workers?|background|webhooks?-qstash|qstash-webhooks?)$/i;

export function namesQueue(pattern: string): boolean {
  const segs = pattern.split("/").filter(Boolean);
  if (segs.some((s) => /qstash/i.test(s))) return true;
  // "/api/jobs" alone is as likely a job board's collection as a queue consumer: a queue-named
  // segment must be followed by the job's own name.
  return segs.slice(0, -1).some((s) => QUEUE_SEGMENT.test(s));
}

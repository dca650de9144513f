/**
 * Routes from file paths, and matching the URL path a QStash publisher targets against them: Next.js
 * app router (route groups, [param] and [...rest] segments), pages router API routes, SvelteKit
 * +server files and Nuxt server routes.
 */

export interface RouteFile {
  /** URL path pattern, e.g. "/api/jobs/[id]". */
  pattern: string;
  framework: "next-app" | "next-pages" | "sveltekit" | "nuxt";
}

const EXT = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;

export function routeOfFile(file: string): RouteFile | undefined {
  const parts = file.split("/");
  const base = parts[parts.length - 1]!;
  const app = parts.lastIndexOf("app");
  if (app !== -1 && /^route\.(ts|js|tsx|jsx|mjs)$/.test(base)) {
    const segs = parts.slice(app + 1, -1).filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@"));
    return { pattern: "/" + segs.join("/"), framework: "next-app" };
  }
  const pages = parts.lastIndexOf("pages");
  if (pages !== -1 && parts[pages + 1] === "api" && EXT.test(base)) {
    const segs = parts.slice(pages + 1);
    segs[segs.length - 1] = base.replace(EXT, "");
    if (segs[segs.length - 1] === "index") segs.pop();
    return { pattern: "/" + segs.join("/"), framework: "next-pages" };
  }
  const routes = parts.lastIndexOf("routes");
  if (routes !== -1 && /^\+server\.(ts|js)$/.test(base)) {
    const segs = parts.slice(routes + 1, -1).filter((s) => !/^\(.*\)$/.test(s));
    return { pattern: "/" + segs.join("/"), framework: "sveltekit" };
  }
  const server = parts.lastIndexOf("server");
  if (server !== -1 && (parts[server + 1] === "api" || parts[server + 1] === "routes") && EXT.test(base)) {
    const segs = parts.slice(server + (parts[server + 1] === "api" ? 1 : 2));
    segs[segs.length - 1] = base.replace(EXT, "").replace(/\.(get|post|put|patch|delete)$/, "");
    if (segs[segs.length - 1] === "index") segs.pop();
    return { pattern: "/" + segs.join("/"), framework: "nuxt" };
  }
  return undefined;
}

/** Whether a URL path (with "*" for unknown segments) is served by a route pattern. */
export function routeMatches(pattern: string, urlPath: string): boolean {
  const want = pattern.split("/").filter(Boolean);
  const got = urlPath.split("?")[0]!.split("/").filter(Boolean);
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    if (/^\[\[?\.\.\./.test(w)) return true;
    const g = got[i];
    if (g === undefined) return false;
    if (/^\[.*\]$/.test(w) || g === "*") continue;
    if (w !== g) return false;
  }
  return got.length === want.length;
}

/**
 * Where a file runs, judged from framework conventions: its path inside its package, its directives
 * and what it imports. Two questions: can this file never be part of a client bundle (server-only),
 * and does it ship to clients on its own (a client entry)?
 */
import * as path from "node:path";
import { MemoKey, type FileSummary, type PackageInfo, type ProjectFacts } from "../../../engine/project";

const SCRIPT = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;

/** The file's package and its path inside that package. */
export interface PackagePath {
  pkg: PackageInfo | undefined;
  /** Directory of the package ("" for the root or when there is no package.json). */
  dir: string;
  /** Path relative to the package directory. */
  rel: string;
}

const PACKAGE_PATHS = new MemoKey<Map<string, PackagePath>>("package-relative paths");

export function packagePath(project: ProjectFacts, file: string): PackagePath {
  const cache = project.memo(PACKAGE_PATHS, () => new Map());
  let hit = cache.get(file);
  if (!hit) {
    const pkg = project.packageOf(file);
    const dir = pkg?.dir ?? "";
    cache.set(file, (hit = { pkg, dir, rel: dir ? file.slice(dir.length + 1) : file }));
  }
  return hit;
}

/** Dependencies that make a package an SSR framework app, where `src/` is not all client code. */
const SSR_DEPS = [
  "next",
  "nuxt",
  "@sveltejs/kit",
  "astro",
  "@remix-run/react",
  "@remix-run/node",
  "@react-router/dev",
  "@tanstack/react-start",
  "@tanstack/start",
  "@solidjs/start",
  "@builder.io/qwik-city",
  "vike",
  "vite-plugin-ssr",
  "@analogjs/platform",
  "waku",
];

/** Dependencies of browser-extension toolchains. */
const EXTENSION_DEPS = [
  "wxt",
  "plasmo",
  "webextension-polyfill",
  "@crxjs/vite-plugin",
  "vite-plugin-web-extension",
  "@types/chrome",
  "@types/webextension-polyfill",
  "chrome-types",
  "@samrum/vite-plugin-web-extension",
  "extension",
];

/** Server frameworks: a package that has one and no frontend framework is a server. */
const SERVER_DEPS = [
  "express",
  "hono",
  "fastify",
  "koa",
  "@hapi/hapi",
  "@nestjs/core",
  "wrangler",
  "@cloudflare/workers-types",
  "elysia",
  "h3",
];
const FRONTEND_DEPS = [
  "react",
  "react-dom",
  "vue",
  "svelte",
  "solid-js",
  "preact",
  "@angular/core",
  "next",
  "nuxt",
  "astro",
  "vite",
  "react-scripts",
  "gatsby",
  "expo",
  "react-native",
  "@sveltejs/kit",
  "@vue/cli-service",
];

/** Module specifiers that only resolve in a server runtime; a client bundle importing one fails. */
const SERVER_MODULES =
  /^(server-only|\$env\/(static|dynamic)\/private|next\/server|next\/headers|node:.*|fs|fs\/promises|child_process|net|tls|http|https|crypto|os|worker_threads|cluster|dgram|dns|readline|express|hono|hono\/.*|@hono\/node-server|fastify|koa|@vercel\/functions|@netlify\/functions|firebase-admin|firebase-functions(\/.*)?)$/;

/** Modules whose import makes a bundler refuse the file in client code (build error), so reach stops. */
const BUNDLE_BREAKERS = new Set(["server-only", "$env/static/private", "$env/dynamic/private"]);

function has(pkg: PackageInfo | undefined, deps: readonly string[]): boolean {
  return Boolean(pkg && deps.some((d) => pkg.dependencies.has(d)));
}

/**
 * Why a file never runs in a client bundle, judged by its path and package: route handlers, API
 * directories, server directories, build configuration, scripts and tests. Undefined when the path
 * says nothing (the file may still be server-only by what it imports, see `serverOnlyReason`).
 */
export function serverOnlyPathReason(project: ProjectFacts, file: string): string | undefined {
  const { pkg, rel } = packagePath(project, file);
  const base = path.posix.basename(rel);
  const top = rel.includes("/") ? rel.slice(0, rel.indexOf("/")) : "";
  if (project.tests.has(file)) return "test code";
  if (base.includes(".server.") || /^\+server\.[cm]?[jt]s$/.test(base)) return "a .server module";
  if (rel.includes("lib/server/") || rel.startsWith("server/") || rel.startsWith("src/server/"))
    return "a server directory";
  if (CONFIG_FILE.test(base) && (!top || KNOWN_CONFIG.test(base))) return "build configuration";
  if (/^gatsby-(node|ssr|config)\.[cm]?[jt]s$/.test(base)) return "Gatsby build code";
  if (MIDDLEWARE.test(base) && (!top || (top === "src" && rel.indexOf("/") === rel.lastIndexOf("/"))))
    return "Next.js middleware";
  if (/^route\.[cm]?[jt]sx?$/.test(base) && (rel.startsWith("app/") || rel.includes("/app/"))) return "a route handler";
  if (rel.startsWith("pages/api/") || rel.includes("/pages/api/")) return "a pages/api route";
  if (base.includes("+api.")) return "an Expo API route";
  if (SERVERLESS_DIRS.has(top) || rel.startsWith("netlify/functions/") || rel.startsWith("supabase/functions/"))
    return "serverless functions";
  if (rel.startsWith("src/api/") && has(pkg, ["gatsby"])) return "Gatsby functions";
  if (SCRIPT_DIRS.has(top)) return "scripts";
  if (pkg && has(pkg, SERVER_DEPS) && !has(pkg, FRONTEND_DEPS)) return "a server package";
  return undefined;
}

const CONFIG_FILE = /^[\w.-]+\.config\.[cm]?[jt]s$/;
const KNOWN_CONFIG =
  /^(next|vite|nuxt|astro|svelte|webpack|rollup|tailwind|postcss|babel|metro|app|wxt|jest|vitest|playwright|eslint|prettier|drizzle|tsup|gatsby-config)\./;
const MIDDLEWARE = /^(middleware|instrumentation|proxy)\.[cm]?[jt]s$/;
const SERVERLESS_DIRS = new Set([
  "api",
  "functions",
  "workers",
  "worker",
  "edge-functions",
  "lambda",
  "lambdas",
  "cron",
  "jobs",
]);
const SCRIPT_DIRS = new Set(["scripts", "bin", "prisma", "drizzle", "migrations", "seed", "seeds"]);

/** Why a file is server-only by its directives or imports, or by its path. */
export function serverOnlyReason(project: ProjectFacts, file: string): string | undefined {
  if (project.declaredRole(file) === "server") return "declared server code (paths.server)";
  const summary = project.files.get(file);
  if (summary?.directives?.includes("use server")) return 'a "use server" module';
  const serverImport = summary?.imports?.find((i) => !i.typeOnly && SERVER_MODULES.test(i.specifier));
  if (serverImport) return `imports "${serverImport.specifier}"`;
  return serverOnlyPathReason(project, file);
}

/**
 * Files where a client import walk must stop: the build refuses them in client code or turns their
 * exports into network calls ("use server" actions), so nothing inside them is bundled.
 */
export function endsClientBundle(summary: FileSummary | undefined, file: string): boolean {
  if (!summary) return false;
  if (summary.directives?.includes("use server")) return true;
  if (summary.imports?.some((i) => !i.typeOnly && BUNDLE_BREAKERS.has(i.specifier))) return true;
  const base = path.posix.basename(file);
  return /\.server\.[a-z]+$/.test(base) || /^\+server\.[cm]?[jt]s$/.test(base) || /(^|\/)lib\/server\//.test(file);
}

/** Static-asset and build-output directories whose files are served as they are. */
const ASSET_DIR =
  /^(public|static|www|\.next\/static|\.output\/public|\.vercel\/output\/static|\.svelte-kit\/output\/client|storybook-static)\//;
const OUTPUT_DIR =
  /^(dist|out|\.next\/static|\.output\/public|\.vercel\/output\/static|\.svelte-kit\/output\/client|storybook-static)\//;
const REPORT_DIR = /(^|\/)(coverage|node_modules|playwright-report|test-results|\.nyc_output)\//;

/**
 * Why a committed file is served to clients as it is, if it is: static assets, build output, HTML
 * pages. These are entries of their own: nothing imports them.
 */
export function assetReason(project: ProjectFacts, file: string): string | undefined {
  const summary = project.files.get(file);
  const { pkg, rel } = packagePath(project, file);
  if (REPORT_DIR.test(rel) || project.tests.has(file)) return undefined;
  // Server builds (an API package's dist/, Remix build/server) are not served to browsers.
  const serverBuild =
    /(^|\/)server\//.test(rel) || (pkg !== undefined && has(pkg, SERVER_DEPS) && !has(pkg, FRONTEND_DEPS));
  if (OUTPUT_DIR.test(rel) && !serverBuild) return "committed build output";
  // Create React App writes build/; elsewhere build/ often holds build scripts, not output.
  if (/^build\//.test(rel) && !serverBuild && (has(pkg, ["react-scripts"]) || /^build\/static\//.test(rel)))
    return "committed build output";
  if (ASSET_DIR.test(rel)) return "committed static asset";
  // Expo embeds the app config (extra included) into every build of the app.
  if (rel === "app.json" && has(pkg, ["expo"])) return "Expo app manifest";
  if (summary?.kind === "html") return "HTML page";
  return undefined;
}

/** Whether the package is a browser extension, by its dependencies (manifests are checked by the caller). */
export function isExtensionPackage(pkg: PackageInfo | undefined): boolean {
  return has(pkg, EXTENSION_DEPS);
}

/**
 * Why a script or component is a client entry by its own facts (directives, framework, location), or
 * undefined. `extensionRoots` are directories of browser extensions (from their manifests).
 */
export function clientEntryReason(
  project: ProjectFacts,
  file: string,
  extensionRoots: ReadonlySet<string>,
): string | undefined {
  const summary = project.files.get(file);
  if (!summary || (summary.kind !== "script" && summary.kind !== "sfc")) return undefined;
  if (summary.directives?.includes("use client")) return '"use client" module';
  if (endsClientBundle(summary, file)) return undefined;
  const { pkg, rel } = packagePath(project, file);
  const base = path.posix.basename(rel);
  if (base.endsWith(".vue")) return "Vue component";
  if (base.endsWith(".svelte")) return "Svelte component";
  if (base.endsWith(".astro")) return undefined;
  if (serverOnlyPathReason(project, file) || summary.directives?.includes("use server")) return undefined;
  for (const root of extensionRoots) if (root === "" || file.startsWith(root + "/")) return "browser extension code";
  const fw = pkg?.frameworks;
  if (!fw) return undefined;
  if (fw.has("nextjs") && /^(src\/)?pages\//.test(rel) && !/^(src\/)?pages\/_document\./.test(rel) && SCRIPT.test(base))
    return "Next.js pages-router page";
  if (fw.has("sveltekit")) {
    if (/^\+(page|layout)\.[cm]?[jt]s$/.test(base)) return "SvelteKit universal load module";
    if (/^src\/hooks(\.client)?\.[cm]?[jt]s$/.test(rel)) return "SvelteKit client hooks";
    if (/^src\/service-worker/.test(rel)) return "SvelteKit service worker";
    return undefined;
  }
  if (fw.has("nuxt")) {
    if (
      /^(app\/)?(plugins|composables|utils|middleware|stores|layouts|pages|components)\//.test(rel) ||
      /^(app\/)?app\.config\.[cm]?[jt]s$/.test(rel)
    )
      return "Nuxt app code";
    return undefined;
  }
  if (fw.has("expo") || fw.has("react-native")) return fw.has("expo") ? "Expo app source" : "React Native app source";
  if (fw.has("gatsby") && /^src\//.test(rel)) return "Gatsby site source";
  if (fw.has("cra") && /^src\//.test(rel)) return "Create React App source";
  if (fw.has("vue-cli") && /^src\//.test(rel)) return "Vue CLI app source";
  if (fw.has("vite") && !has(pkg, SSR_DEPS) && /^(src|client|frontend|resources\/js|app\/javascript)\//.test(rel))
    return "Vite app source";
  return undefined;
}

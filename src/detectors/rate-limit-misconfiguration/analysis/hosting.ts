/**
 * Where a package runs in production, from what the repository says about it: whether a fallback in
 * a rate-limit identifier (`x-forwarded-for ?? "127.0.0.1"`, `req.ip ?? "anon"`) can ever fire
 * depends on the host, which sets the client-IP headers, and on the framework version.
 *
 * Evidence, nearest first (the file's package directory, then each parent up to the root):
 * 1. a platform's own deployment file (`vercel.json`, `wrangler.toml`, `netlify.toml`, `fly.toml`,
 *    `render.yaml`, `railway.json`, `heroku.yml`, `apphosting.yaml`, `firebase.json`);
 * 2. a dependency only that platform needs (`@vercel/analytics`, `@sveltejs/adapter-cloudflare`,
 *    `@netlify/functions`, …) in the package or the workspace root;
 * 3. a Dockerfile (or a Node adapter such as `@sveltejs/adapter-node`): a self-hosted server, where
 *    nothing is known to set a client-IP header;
 * 4. nothing: the framework's usual host. Next.js apps are taken to run on Vercel; SvelteKit, Astro,
 *    Nuxt and Remix apps on a managed platform that sets `x-forwarded-for` (their default adapters
 *    target one); a Node server (Express, Fastify, Koa, plain Node) is self-run with no proxy known.
 * A platform file or dependency wins over a Dockerfile beside it: templates that ship both are
 * deployed on the platform and only self-hostable.
 */
import { MemoKey, type Framework, type PackageInfo, type ProjectFacts } from "../../../engine/project";

export type HostKind = "vercel" | "cloudflare" | "netlify" | "paas" | "self-hosted" | "node-server";

export interface Host {
  kind: HostKind;
  /** For messages: "Vercel", "Render", "a self-hosted server". */
  name: string;
  /** What says so, for messages: "vercel.json", "@vercel/analytics in apps/web/package.json". */
  evidence: string;
  /** Nothing in the repository names the host: decided from the framework alone. */
  assumed: boolean;
  /** Client-IP headers the host's edge sets on every request (lower case). */
  headers: ReadonlySet<string>;
  /** Requests reach the app through the platform's proxy or load balancer. */
  behindProxy: boolean;
}

interface HostSpec {
  kind: HostKind;
  name: string;
  headers: readonly string[];
  behindProxy: boolean;
}

const VERCEL: HostSpec = {
  kind: "vercel",
  name: "Vercel",
  headers: ["x-forwarded-for", "x-real-ip", "x-vercel-forwarded-for"],
  behindProxy: true,
};
const CLOUDFLARE: HostSpec = {
  kind: "cloudflare",
  name: "Cloudflare",
  headers: ["cf-connecting-ip", "x-forwarded-for"],
  behindProxy: true,
};
const NETLIFY: HostSpec = {
  kind: "netlify",
  name: "Netlify",
  headers: ["x-nf-client-connection-ip", "x-forwarded-for"],
  behindProxy: true,
};
/** A platform whose router or load balancer forwards the request: only `x-forwarded-for` is certain. */
function paas(name: string, ...own: string[]): HostSpec {
  return { kind: "paas", name, headers: ["x-forwarded-for", ...own], behindProxy: true };
}
const DOCKER: HostSpec = { kind: "self-hosted", name: "a self-hosted container", headers: [], behindProxy: false };
const NODE_ADAPTER: HostSpec = {
  kind: "self-hosted",
  name: "a self-hosted Node server",
  headers: [],
  behindProxy: false,
};

/** Deployment files, by file name (matched in the package directory and its parents). */
export const HOST_FILES: ReadonlyArray<{ name: RegExp; host: HostSpec }> = [
  { name: /^vercel\.json$/, host: VERCEL },
  { name: /^wrangler\.(toml|json|jsonc)$/, host: CLOUDFLARE },
  { name: /^netlify\.toml$/, host: NETLIFY },
  { name: /^fly\.toml$/, host: paas("Fly.io", "fly-client-ip") },
  { name: /^render\.ya?ml$/, host: paas("Render") },
  { name: /^railway\.(json|toml)$/, host: paas("Railway") },
  { name: /^heroku\.yml$/, host: paas("Heroku") },
  { name: /^(apphosting(\.[\w-]+)?\.yaml|firebase\.json)$/, host: paas("Firebase") },
];

/** Self-hosting files: a container image the owner runs wherever they like. */
export const SELF_HOSTED_FILES: readonly RegExp[] = [/^(dockerfile|containerfile)(\.[\w.-]+)?$/i, /\.dockerfile$/i];

/** Dependencies that only make sense on one host. */
export const HOST_DEPS: ReadonlyArray<[string, HostSpec]> = [
  ["@vercel/analytics", VERCEL],
  ["@vercel/speed-insights", VERCEL],
  ["@vercel/functions", VERCEL],
  ["@vercel/edge-config", VERCEL],
  ["@vercel/node", VERCEL],
  ["@sveltejs/adapter-vercel", VERCEL],
  ["@astrojs/vercel", VERCEL],
  ["wrangler", CLOUDFLARE],
  ["@cloudflare/workers-types", CLOUDFLARE],
  ["@cloudflare/next-on-pages", CLOUDFLARE],
  ["@opennextjs/cloudflare", CLOUDFLARE],
  ["@sveltejs/adapter-cloudflare", CLOUDFLARE],
  ["@astrojs/cloudflare", CLOUDFLARE],
  ["@netlify/functions", NETLIFY],
  ["@netlify/edge-functions", NETLIFY],
  ["@netlify/plugin-nextjs", NETLIFY],
  ["@sveltejs/adapter-netlify", NETLIFY],
  ["@astrojs/netlify", NETLIFY],
  ["@sveltejs/adapter-node", NODE_ADAPTER],
  ["@astrojs/node", NODE_ADAPTER],
];

const MANAGED: HostSpec = paas("a managed platform");

function host(spec: HostSpec, evidence: string, assumed = false): Host {
  return {
    kind: spec.kind,
    name: spec.name,
    evidence,
    assumed,
    headers: new Set(spec.headers),
    behindProxy: spec.behindProxy,
  };
}

/** The directories a package's deployment files may sit in, nearest first ("" is the root). */
function levels(dir: string): string[] {
  const out = [dir];
  for (let d = dir; d;) {
    d = d.includes("/") ? d.slice(0, d.lastIndexOf("/")) : "";
    out.push(d);
  }
  return out;
}

/** Base names of the files directly in each directory, built once per scan. */
const FILES_BY_DIR = new MemoKey<Map<string, string[]>>("rate-limit: files by directory");

function filesByDir(project: ProjectFacts): Map<string, string[]> {
  return project.memo(FILES_BY_DIR, () => {
    const out = new Map<string, string[]>();
    for (const f of project.files.keys()) {
      const i = f.lastIndexOf("/");
      const dir = i === -1 ? "" : f.slice(0, i);
      let list = out.get(dir);
      if (!list) out.set(dir, (list = []));
      list.push(f.slice(i + 1));
    }
    return out;
  });
}

const at = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

function fromFiles(project: ProjectFacts, dirs: string[], names: readonly RegExp[]): string | undefined {
  const byDir = filesByDir(project);
  for (const d of dirs) {
    const hit = byDir.get(d)?.find((n) => names.some((re) => re.test(n)));
    if (hit) return at(d, hit);
  }
  return undefined;
}

function platformFile(project: ProjectFacts, dirs: string[]): Host | undefined {
  const byDir = filesByDir(project);
  for (const d of dirs) {
    for (const n of byDir.get(d) ?? []) {
      const spec = HOST_FILES.find((h) => h.name.test(n));
      if (spec) return host(spec.host, at(d, n));
    }
  }
  return undefined;
}

function platformDependency(pkgs: PackageInfo[]): Host | undefined {
  for (const p of pkgs) {
    const hit = HOST_DEPS.find(([dep]) => p.dependencies.has(dep));
    if (hit) return host(hit[1], `${hit[0]} in ${at(p.dir, "package.json")}`);
  }
  return undefined;
}

/** Frameworks a file's own imports name, for packages whose package.json the scan could not read. */
const IMPORTED_FRAMEWORKS: ReadonlyArray<[RegExp, Framework]> = [
  [/^next(\/|$)/, "nextjs"],
  [/^express$/, "express"],
  [/^fastify$/, "fastify"],
  [/^hono(\/|$)/, "hono"],
  [/^@sveltejs\/kit(\/|$)|^\$app\//, "sveltekit"],
  [/^astro(:|\/|$)/, "astro"],
];

/** The frameworks of the file's package (and the workspace root), and those its imports name. */
export function frameworksAt(project: ProjectFacts, file: string): Set<Framework> {
  const out = new Set(project.frameworksOf(file));
  for (const i of project.files.get(file)?.imports ?? [])
    for (const [re, fw] of IMPORTED_FRAMEWORKS) if (re.test(i.specifier)) out.add(fw);
  return out;
}

function byFramework(project: ProjectFacts, file: string): Host {
  const fw = frameworksAt(project, file);
  if (fw.has("cloudflare-workers")) return host(CLOUDFLARE, "wrangler in package.json");
  if (fw.has("nextjs") && !fw.has("express") && !fw.has("fastify"))
    return host(VERCEL, "no deployment file: Next.js apps are taken to run on Vercel", true);
  if (fw.has("sveltekit") || fw.has("astro") || fw.has("nuxt") || fw.has("remix"))
    return host(MANAGED, "no deployment file: the framework's default adapter targets a managed platform", true);
  return {
    kind: "node-server",
    name: "a Node server",
    evidence: "no deployment file or platform dependency says a proxy is in front of it",
    assumed: true,
    headers: new Set(),
    behindProxy: false,
  };
}

const HOSTS = new MemoKey<Map<string, Host>>("rate-limit: host per package");

/** Where the package holding `file` runs (memoized per package for the scan). */
export function hostOf(project: ProjectFacts, file: string): Host {
  const pkg = project.packageOf(file);
  const dir = pkg?.dir ?? "";
  const cache = project.memo(HOSTS, () => new Map());
  const key = `${dir}\0${[...frameworksAt(project, file)].sort().join(",")}`;
  let h = cache.get(key);
  if (!h) cache.set(key, (h = detect(project, file, dir, pkg)));
  return h;
}

function detect(project: ProjectFacts, file: string, dir: string, pkg: PackageInfo | undefined): Host {
  const dirs = levels(dir);
  const root = project.packages.find((p) => p.dir === "");
  const pkgs = [pkg, root].filter((p, i, a): p is PackageInfo => Boolean(p) && a.indexOf(p) === i);
  const platform = platformFile(project, dirs) ?? platformDependency(pkgs);
  if (platform) return platform;
  const docker = fromFiles(project, dirs, SELF_HOSTED_FILES);
  if (docker) return host(DOCKER, docker);
  return byFramework(project, file);
}

/**
 * The major version of a dependency as the package declares it (`"^14.2.5"` → 14), or undefined
 * when the range names none (`workspace:*`, a git URL). `latest`, `canary` and `rc` count as the
 * newest major we know of.
 */
export function declaredMajor(project: ProjectFacts, file: string, dep: string, newest: number): number | undefined {
  const own = project.packageOf(file);
  const root = project.packages.find((p) => p.dir === "");
  const range = own?.versions.get(dep) ?? root?.versions.get(dep);
  if (range === undefined) return undefined;
  if (/^(latest|canary|rc|next|beta)$/.test(range.trim())) return newest;
  const m = /(\d+)(?:\.\d+|\.x)?/.exec(range.replace(/^npm:[^@]+@/, ""));
  return m ? Number(m[1]) : undefined;
}

/** Where the declared version comes from, for messages. */
export function versionNote(project: ProjectFacts, file: string, dep: string): string {
  const own = project.packageOf(file);
  const pkg = own?.versions.has(dep) ? own : project.packages.find((p) => p.dir === "");
  const range = pkg?.versions.get(dep);
  return range === undefined ? "" : `${dep} ${range} in ${at(pkg!.dir, "package.json")}`;
}

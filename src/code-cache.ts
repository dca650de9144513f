/**
 * Compiled code kept between runs for the bundle's large chunks (TypeScript is most of the bundle and
 * most of the start-up cost of a scan that parses). Node 22.1+ has this built in
 * (`module.enableCompileCache`, used when present: the Action runs on node24); on Node 20 the chunks
 * are compiled through `vm.Script` with V8's cached data, kept in a per-user cache directory.
 *
 * Anything that goes wrong here only costs speed: a cache V8 rejects (another Node version, another
 * chunk) is compiled afresh and rewritten; set UPSTASH_SCAN_CODE_CACHE=0 to turn the cache off.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as nodeModule from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";

/** Chunks smaller than this compile faster than their cache is read. */
const MIN_CHUNK_BYTES = 512 * 1024;

interface Pending {
  script: vm.Script;
  file: string;
}
const pending: Pending[] = [];

function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || (os.homedir() ? path.join(os.homedir(), ".cache") : os.tmpdir());
  return path.join(base, "upstash-scan", "code-cache");
}

/** Call first thing in the bundle's entry (main thread and workers alike). */
export function enableCodeCache(bundleDir: string): void {
  if (process.env.UPSTASH_SCAN_CODE_CACHE === "0") return;
  const builtIn = (nodeModule as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
  try {
    if (builtIn) {
      builtIn();
      return;
    }
    hookChunks(bundleDir);
  } catch {
    // not available: no cache
  }
}

type Loader = (module: NodeJS.Module & { _compile?: unknown }, filename: string) => void;

function hookChunks(bundleDir: string): void {
  const extensions = (nodeModule as unknown as { _extensions: Record<string, Loader> })._extensions;
  const original = extensions[".js"]!;
  extensions[".js"] = function (module, filename) {
    let source: string;
    try {
      if (path.dirname(filename) !== bundleDir || fs.statSync(filename).size < MIN_CHUNK_BYTES)
        return original(module, filename);
      source = fs.readFileSync(filename, "utf8");
    } catch {
      return original(module, filename);
    }
    const key = crypto
      .createHash("sha256")
      .update(`${process.version}\0${process.arch}\0${filename}\0`)
      .update(source)
      .digest("hex")
      .slice(0, 24);
    const cacheFile = path.join(cacheDir(), `${path.basename(filename)}-${key}.v8`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      // first run
    }
    const script = new vm.Script(nodeModule.wrap(source), { filename, cachedData });
    const fn = script.runInThisContext() as (...args: unknown[]) => void;
    const require = nodeModule.createRequire(filename);
    fn.call(module.exports, module.exports, require, module, filename, path.dirname(filename));
    if (!cachedData || script.cachedDataRejected) pending.push({ script, file: cacheFile });
  };
}

/**
 * Write the caches of chunks compiled without one. Call once the chunk's code has run for a while (after
 * the first files are parsed): V8 then includes the functions compiled since, which is most of the gain.
 */
export function saveCodeCache(): void {
  for (const { script, file } of pending.splice(0)) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(tmp, file);
    } catch {
      // a cache that cannot be written only costs speed next time
    }
  }
}

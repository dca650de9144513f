/**
 * The npm package as users get it: `npm pack`, install the tarball into an empty project with no
 * network (`npm install --offline`, an empty npm cache: nothing but the tarball may be needed), and
 * run `npx upstash-scan` on the demo app. The tarball holds only what runs and what a package must
 * carry (README, LICENSE, CHANGELOG, the configuration and report schemas, the problem matcher); the
 * bundle is self-contained, with one copy of TypeScript. Needs a current bundle (`npm run bundle`).
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, REPO, tempDir } from "./support/run";
import { VERSION } from "../src/version";

const hasBundle = fs.existsSync(path.join(REPO, "dist/index.js"));
if (!hasBundle) console.warn("package: SKIPPED — dist/index.js is missing; run `npm run bundle` first.");

const RULE_IDS = [
  "upstash/write-token-in-frontend",
  "upstash/sensitive-data-without-ttl",
  "upstash/qstash-webhook-spoofing",
  "upstash/rate-limit-misconfiguration",
  "upstash/token-rotation-neglect",
];

describe.skipIf(!hasBundle)("the npm package", () => {
  let tmp: { dir: string; cleanup: () => void };
  let tarball: string;
  let files: string[];
  // npm without the network and without this machine's cache or configuration.
  const npmEnv = () => ({
    ...process.env,
    npm_config_cache: path.join(tmp.dir, "npm-cache"),
    npm_config_userconfig: path.join(tmp.dir, "npmrc"),
    npm_config_offline: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
    NO_COLOR: "1",
  });

  beforeAll(() => {
    tmp = tempDir("upstash-scan-package-");
    fs.writeFileSync(path.join(tmp.dir, "npmrc"), "");
    const out = execFileSync("npm", ["pack", "--json", "--pack-destination", tmp.dir], {
      cwd: REPO,
      encoding: "utf8",
      env: npmEnv(),
    });
    const [packed] = JSON.parse(out) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = path.join(tmp.dir, packed!.filename);
    files = packed!.files.map((f) => f.path).sort();
  });
  afterAll(() => tmp?.cleanup());

  it("holds only what runs, its documentation and licence", () => {
    expect(path.basename(tarball)).toBe(`upstash-scan-${VERSION}.tgz`);
    const dist = fs
      .readdirSync(path.join(REPO, "dist"))
      .map((f) => `dist/${f}`)
      .sort();
    expect(dist).toContain("dist/index.js");
    expect(dist.every((f) => /^dist\/([0-9]+\.)?index\.js$|^dist\/licenses\.txt$/.test(f))).toBe(true);
    expect(files).toEqual(
      [
        "CHANGELOG.md",
        "LICENSE",
        "README.md",
        "bin/upstash-scan.js",
        ...dist,
        "package.json",
        "src/config/upstash-scan.schema.json",
        "src/output/problem-matcher.json",
        "src/output/report.schema.json",
      ].sort(),
    );
  });

  it("declares no runtime dependencies and is publishable", () => {
    const pkg = JSON.parse(
      execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }),
    ) as Record<string, unknown>;
    expect(pkg.private).toBeUndefined();
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.optionalDependencies).toBeUndefined();
    expect(pkg.peerDependencies).toBeUndefined();
    expect(pkg.bin).toEqual({ "upstash-scan": "bin/upstash-scan.js" });
    expect(pkg.license).toBe("MIT");
    expect(pkg.version).toBe(VERSION);
    // npm would run these on install or pack: the bundle is committed, nothing is built.
    for (const script of ["preinstall", "install", "postinstall", "prepare", "prepack"])
      expect((pkg.scripts as Record<string, string>)[script], script).toBeUndefined();
  });

  it("bundles one copy of TypeScript", () => {
    const copies = fs
      .readdirSync(path.join(REPO, "dist"))
      .filter((f) => f.endsWith(".js"))
      .map(
        (f) =>
          fs.readFileSync(path.join(REPO, "dist", f), "utf8").match(/\bversionMajorMinor = "\d+\.\d+"/g)?.length ?? 0,
      )
      .reduce((a, b) => a + b, 0);
    expect(copies).toBe(1);
  });

  it("installs offline into an empty project, and `npx upstash-scan` scans the demo app", () => {
    const project = path.join(tmp.dir, "consumer");
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    const install = spawnSync("npm", ["install", tarball], { cwd: project, encoding: "utf8", env: npmEnv() });
    expect(install.status, install.stderr).toBe(0);
    // Nothing but the package itself was installed.
    expect(fs.readdirSync(path.join(project, "node_modules")).filter((d) => !d.startsWith("."))).toEqual([
      "upstash-scan",
    ]);

    const npx = (...args: string[]) =>
      spawnSync("npx", ["--offline", "upstash-scan", ...args], { cwd: project, encoding: "utf8", env: npmEnv() });
    const version = npx("--version");
    expect(version.stdout.trim()).toBe(VERSION);

    const scan = npx(DEMO, "--format", "json");
    expect(scan.status, scan.stderr).toBe(1); // findings at or above the default fail-on high
    const report = JSON.parse(scan.stdout) as { findings: Array<{ rule: string }> };
    expect([...new Set(report.findings.map((f) => f.rule))].sort()).toEqual([...RULE_IDS].sort());
    // The same findings as the checkout's own bin script.
    const local = spawnSync(process.execPath, [path.join(REPO, "bin/upstash-scan.js"), DEMO, "--format", "json"], {
      encoding: "utf8",
    });
    const rules = (text: string) =>
      (JSON.parse(text) as { findings: Array<{ rule: string; file: string; startLine: number }> }).findings.map(
        (f) => `${f.rule} ${f.file}:${f.startLine}`,
      );
    expect(rules(scan.stdout)).toEqual(rules(local.stdout));
  });
});

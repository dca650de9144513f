#!/usr/bin/env node
// Checks that a release tag matches what the repository says about itself, before anything is
// published: package.json and src/version.ts carry the tag's version, CHANGELOG.md has a dated
// section for it (its text becomes the release notes), the README pins the Action to the tag's major
// version, and the package is publishable. Used by .github/workflows/release.yml; run it locally
// before tagging (see RELEASING.md).
// Usage: node scripts/release-check.mjs vX.Y.Z [--notes FILE] [--tags "v1.0.0 v1.1.0 …"]
// Prints, as lines for $GITHUB_OUTPUT, `major=vX`, `major-latest=true|false` (no higher vX.*.* tag
// exists: only then does the vX tag move, so a backported patch never moves it back) and
// `npm-latest=true|false` (no higher tag at all: only then does npm's `latest` dist-tag move).
// Exit 1 with every problem listed.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const SEMVER_TAG = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** The section of a Keep a Changelog file for `version`: its date and body, or undefined. */
export function changelogSection(text, version) {
  const lines = text.split(/\r?\n/);
  const escaped = version.replace(/\./g, "\\.");
  const head = new RegExp(`^## \\[${escaped}\\](?: - (\\d{4}-\\d{2}-\\d{2}))?\\s*$`);
  const start = lines.findIndex((l) => head.test(l));
  if (start === -1) return undefined;
  const date = head.exec(lines[start])[1];
  let end = lines.findIndex((l, i) => i > start && (/^## /.test(l) || /^\[[^\]]+\]: /.test(l)));
  if (end === -1) end = lines.length;
  return {
    date,
    body: lines
      .slice(start + 1, end)
      .join("\n")
      .trim(),
  };
}

const parseTag = (t) => SEMVER_TAG.exec(t)?.slice(1).map(Number);

/** Whether no release tag among `tags` is higher than `tag`; with `sameMajor`, only vMAJOR.*.* count. */
export function isHighest(tag, tags, sameMajor = false) {
  const mine = parseTag(tag);
  return tags.every((t) => {
    const other = parseTag(t);
    if (!other || (sameMajor && other[0] !== mine[0])) return true;
    for (let i = 0; i < 3; i++) if (other[i] !== mine[i]) return other[i] < mine[i];
    return true;
  });
}

/** Every problem that stops releasing `tag` from the repository at `root`; empty when it may go. */
export function releaseProblems(root, tag) {
  const problems = [];
  const m = SEMVER_TAG.exec(tag);
  if (!m) return [`the tag "${tag}" is not vMAJOR.MINOR.PATCH`];
  const version = tag.slice(1);
  const read = (rel) => fs.readFileSync(path.join(root, rel), "utf8");

  const pkg = JSON.parse(read("package.json"));
  if (pkg.version !== version) problems.push(`package.json has version ${pkg.version}, the tag says ${version}`);
  if (pkg.private) problems.push("package.json is private: npm would refuse to publish it");
  if (pkg.dependencies && Object.keys(pkg.dependencies).length)
    problems.push(
      `package.json has runtime dependencies (${Object.keys(pkg.dependencies).join(", ")}): the bundle must be self-contained`,
    );

  const code = /export const VERSION = "([^"]+)"/.exec(read("src/version.ts"))?.[1];
  if (code !== version) problems.push(`src/version.ts has VERSION ${code ?? "(none)"}, the tag says ${version}`);

  const section = changelogSection(read("CHANGELOG.md"), version);
  if (!section) problems.push(`CHANGELOG.md has no "## [${version}] - YYYY-MM-DD" section`);
  else {
    if (!section.date) problems.push(`CHANGELOG.md's section for ${version} has no date`);
    if (!section.body) problems.push(`CHANGELOG.md's section for ${version} is empty`);
  }

  const major = `v${m[1]}`;
  const pins = [...read("README.md").matchAll(/upstash-scan\/upstash-scan(?:\/[^@\s]*)?@([^\s`"']+)/g)].map(
    (x) => x[1],
  );
  const wrong = [...new Set(pins.filter((p) => p !== major))];
  if (!pins.length) problems.push("README.md shows no `uses: upstash-scan/upstash-scan@…` line");
  if (wrong.length) problems.push(`README.md pins the Action to ${wrong.join(", ")}; use @${major}`);
  return problems;
}

function main(argv) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const tag = argv[0];
  const opt = (name) => {
    const i = argv.indexOf(name);
    return i === -1 ? undefined : argv[i + 1];
  };
  if (!tag || tag.startsWith("--")) {
    console.error("usage: node scripts/release-check.mjs vX.Y.Z [--notes FILE] [--tags 'v1.0.0 v1.1.0']");
    return 2;
  }
  const problems = releaseProblems(root, tag);
  if (problems.length) {
    for (const p of problems) console.error(`release-check: ${p}`);
    return 1;
  }
  const notes = opt("--notes");
  if (notes) {
    const { body } = changelogSection(fs.readFileSync(path.join(root, "CHANGELOG.md"), "utf8"), tag.slice(1));
    fs.writeFileSync(notes, body + "\n");
  }
  const tags = (opt("--tags") ?? "").split(/\s+/).filter(Boolean);
  console.log(`major=${tag.split(".")[0]}`);
  console.log(`major-latest=${isHighest(tag, tags, true)}`);
  console.log(`npm-latest=${isHighest(tag, tags)}`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = main(process.argv.slice(2));

/**
 * QStash signs every message with the current signing key and accepts the next one, so keys can be
 * rolled without rejecting messages; both keys are needed.
 * - In code: `new Receiver({ currentSigningKey })` with one key only (or the same value twice).
 *   Since @upstash/qstash 2.10 the options are used only when both keys are given: one key alone is
 *   silently ignored in favour of the QSTASH_*_SIGNING_KEY env vars; before 2.10 the missing next key
 *   made every message signed after a rotation fail. `new Receiver()` reads both from the env: fine.
 * - In env files and templates (one directory's non-template files are loaded together; a template
 *   stands alone), CI/deployment configuration and env schemas (`createEnv({ server: { … } })`):
 *   QSTASH_CURRENT_SIGNING_KEY declared without QSTASH_NEXT_SIGNING_KEY (region-prefixed names
 *   alike). Current SDKs refuse to verify with only the current key in the environment.
 */
import type * as ts from "typescript";
import * as path from "node:path";
import { typescript } from "../../engine/parse";
import { parseEnvFile } from "../../engine/env-file";
import type { Location } from "../../engine/types";
import { importBindings, memberPath, propertyNameText, stringValue, unwrap, walk } from "../ast";
import { defineDetector } from "../types";
import { configValues } from "./analysis/config-values";
import { deployConfigKind } from "./analysis/deploy-config";
import { isEnvTemplate } from "./analysis/report";

type Fact =
  | {
      type: "env";
      dir: string;
      template: boolean;
      gitIgnored: boolean;
      current: Array<{ name: string; at: Location }>;
      next: string[];
    }
  | { type: "declare"; name: string; at: Location; where: string }
  | { type: "mention"; next: string[]; nextOption: boolean };

const CURRENT = /^(?:[A-Z0-9_]*_)?QSTASH_CURRENT_SIGNING_KEY$/;
const NEXT_NAME = /\b(?:[A-Z0-9_]*_)?QSTASH_NEXT_SIGNING_KEY\b/g;

function counterpart(name: string): string {
  return name.replace(/CURRENT_SIGNING_KEY$/, "NEXT_SIGNING_KEY");
}

const WHY_BOTH =
  "QStash verifies with the current key and falls back to the next one, which is what lets signing keys be rolled without rejecting messages";

/** `new Receiver(…)` calls whose Receiver comes from @upstash/qstash. */
function receiverCalls(sf: ts.SourceFile): ts.NewExpression[] {
  const ts = typescript();
  const imports = importBindings(sf);
  const out: ts.NewExpression[] = [];
  walk(sf, (n) => {
    if (!ts.isNewExpression(n)) return undefined;
    const callee = memberPath(n.expression);
    if (!callee) return undefined;
    const binding = imports.get(callee[0]!);
    if (!binding?.module.startsWith("@upstash/qstash")) return undefined;
    const imported =
      callee.length === 1 ? binding.imported : binding.imported === "*" && callee.length === 2 ? callee[1] : undefined;
    if (imported === "Receiver") out.push(n);
    return undefined;
  });
  return out;
}

/** What a Receiver options object says about the keys, or undefined when it cannot be known. */
function signingKeyProblem(arg: ts.Expression, sf: ts.SourceFile): string | undefined {
  const ts = typescript();
  const obj = unwrap(arg);
  if (!ts.isObjectLiteralExpression(obj)) return undefined;
  const keys = new Map<string, ts.Expression | undefined>();
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p)) return undefined;
    const name = propertyNameText(p.name);
    if (name !== "currentSigningKey" && name !== "nextSigningKey") continue;
    if (ts.isPropertyAssignment(p)) keys.set(name, p.initializer);
    else if (ts.isShorthandPropertyAssignment(p)) keys.set(name, p.name);
  }
  const given = (e: ts.Expression | undefined) => {
    if (!e) return false;
    const u = unwrap(e);
    if (u.kind === ts.SyntaxKind.UndefinedKeyword || u.kind === ts.SyntaxKind.NullKeyword) return false;
    if (ts.isIdentifier(u) && u.text === "undefined") return false;
    return stringValue(u) !== "";
  };
  const current = given(keys.get("currentSigningKey"));
  const next = given(keys.get("nextSigningKey"));
  if (!current && !next) return undefined; // nothing given: both come from the environment
  if (current !== next) {
    const only = current ? "currentSigningKey" : "nextSigningKey";
    return `This Receiver is given only ${only}: since @upstash/qstash 2.10 the options are ignored unless both keys are given (it silently falls back to the QSTASH_*_SIGNING_KEY env vars), and older versions reject every message signed after a key rotation. ${WHY_BOTH}. Pass both currentSigningKey and nextSigningKey, or call new Receiver() to read both from the environment.`;
  }
  const text = (e: ts.Expression) => unwrap(e).getText(sf).replace(/[!\s]/g, "");
  if (text(keys.get("currentSigningKey")!) === text(keys.get("nextSigningKey")!)) {
    return `This Receiver is given the same value for currentSigningKey and nextSigningKey, so there is only one key: messages signed after a key rotation are rejected. ${WHY_BOTH}. Pass QSTASH_NEXT_SIGNING_KEY as nextSigningKey.`;
  }
  return undefined;
}

export default defineDetector<Fact>({
  id: "single-signing-key",
  rule: "upstash/token-rotation-neglect",
  checks: {
    "single-signing-key": "A QStash Receiver or configuration with only one of the two signing keys",
  },
  // Signing key names; a Receiver comes from @upstash/qstash, directly or through a helper module.
  keywords: ["signing_key", "signingkey"],
  imports: { packages: ["@upstash/qstash"], importers: true },
  fileKinds: ["script", "sfc", "env", "yaml", "json", "toml", "dockerfile", "text"],
  needs: { ast: true },
  analyzeFile(ctx) {
    const next = [...new Set(ctx.text.match(NEXT_NAME) ?? [])];
    if (ctx.kind === "env") {
      const current: Array<{ name: string; at: Location }> = [];
      for (const e of parseEnvFile(ctx.text))
        if (CURRENT.test(e.name))
          current.push({ name: e.name, at: ctx.location(e.nameStart, e.nameStart + e.name.length) });
      const dir = path.posix.dirname(ctx.path);
      ctx.fact({ type: "env", dir, template: isEnvTemplate(ctx.path), gitIgnored: ctx.gitIgnored, current, next });
      return;
    }
    ctx.fact({ type: "mention", next, nextOption: /\bnextSigningKey\b/.test(ctx.text) });
    if (ctx.sourceFile) {
      const ts = typescript();
      for (const call of receiverCalls(ctx.sourceFile)) {
        const arg = call.arguments?.[0];
        if (!arg) continue;
        const problem = signingKeyProblem(arg, ctx.sourceFile);
        if (problem)
          ctx.report({
            check: "single-signing-key",
            start: call.getStart(ctx.sourceFile),
            end: call.expression.getEnd(),
            message: problem,
            confidence: "high",
          });
      }
      // Env schemas (t3-env createEnv, zod objects) declare the variables a deployment must set.
      walk(ctx.sourceFile, (n) => {
        if (ts.isPropertyAssignment(n) && ts.isObjectLiteralExpression(n.parent)) {
          const name = propertyNameText(n.name);
          if (name && CURRENT.test(name))
            ctx.fact({
              type: "declare",
              name,
              at: ctx.location(n.name.getStart(ctx.sourceFile), n.name.getEnd()),
              where: "this env schema",
            });
        }
        return undefined;
      });
      return;
    }
    const kind = deployConfigKind(ctx.path, ctx.text);
    if (!kind) return;
    for (const v of configValues(ctx.kind, ctx.text)) {
      const name = v.keys[v.keys.length - 1]!;
      if (!CURRENT.test(name)) continue;
      // Point at the key: the nearest occurrence of the name before its value.
      const at = ctx.text.lastIndexOf(name, v.start);
      if (at !== -1) ctx.fact({ type: "declare", name, at: ctx.location(at, at + name.length), where: `this ${kind}` });
    }
  },
  analyzeProject(ctx) {
    const mentioned = new Set<string>();
    let nextOption = false;
    for (const { fact } of ctx.facts) {
      if (fact.type === "mention") {
        fact.next.forEach((n) => mentioned.add(n));
        nextOption ||= fact.nextOption;
      } else if (fact.type === "env") fact.next.forEach((n) => mentioned.add(n));
    }
    // Env files: a template stands alone; the other files of one directory are loaded together.
    const envFacts = ctx.facts.filter(
      (f): f is { file: string; fact: Extract<Fact, { type: "env" }> } => f.fact.type === "env" && !f.fact.gitIgnored,
    );
    for (const { fact } of envFacts) {
      const together = fact.template
        ? [fact]
        : envFacts.filter((o) => !o.fact.template && o.fact.dir === fact.dir).map((o) => o.fact);
      const declared = new Set(together.flatMap((f) => [...f.next, ...f.current.map((c) => c.name)]));
      for (const c of fact.current) {
        const want = counterpart(c.name);
        if (declared.has(want)) continue;
        ctx.report({
          check: "single-signing-key",
          location: c.at,
          confidence: "high",
          message: `${fact.template ? "This env template" : "This env file"} declares ${c.name} without ${want}: @upstash/qstash needs both keys (current versions refuse to verify with only one in the environment). ${WHY_BOTH}. Add ${want} next to it.`,
        });
      }
    }
    // Schemas and deployment configuration: reported when the project never mentions the next key.
    for (const { fact } of ctx.facts) {
      if (fact.type !== "declare") continue;
      const want = counterpart(fact.name);
      if (mentioned.has(want) || (nextOption && want === "QSTASH_NEXT_SIGNING_KEY")) continue;
      ctx.report({
        check: "single-signing-key",
        location: fact.at,
        confidence: "medium",
        message: `${capitalize(fact.where)} declares ${fact.name}, and ${want} appears nowhere in the project: @upstash/qstash needs both keys (current versions refuse to verify with only one). ${WHY_BOTH}. Declare and set ${want} as well.`,
      });
    }
  },
});

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * An Upstash credential written into source or config. Rotating it takes a code change and a deploy,
 * and every clone and fork already has it. Two kinds of evidence:
 * - a known credential shape, decoded and classified (Redis REST tokens by their first byte, QStash
 *   tokens by their JSON, Vector tokens by their role, signing keys, rediss:// URL passwords);
 * - a real-looking literal (long, random, no placeholder words) under a credential name: env-style
 *   names such as UPSTASH_API_KEY, or SDK options such as `token` in `new Redis({ … })`.
 * Env files, CI workflows and deployment configuration have checks of their own; env templates are
 * read here, for known shapes only, because a real token in `.env.example` is a hard-coded one.
 */
import { confirmedReach } from "../write-token-in-frontend/analysis/client-bundle";
import type { ProjectFacts } from "../../engine/project";
import { defineDetector } from "../types";
import { CREDENTIAL_SHAPES, REDIS_URL_SHAPE } from "../../secrets/credentials";
import {
  describeCandidate,
  isPublicByDesign,
  mergeCandidates,
  namedCandidate,
  shapeCandidates,
  type Candidate,
  type NamedSpan,
} from "./analysis/candidates";
import { parseEnvFile } from "../../engine/env-file";
import { configValues } from "./analysis/config-values";
import { deployConfigKind } from "./analysis/deploy-config";
import { grade, isEnvTemplate, REVOKE, type PendingFinding } from "./analysis/report";
import { scriptValues } from "./analysis/script-values";
import { credentialRef } from "../../verify/credential-ref";

function message(c: Candidate, template: boolean): string {
  const what = describeCandidate(c);
  if (template) {
    return `${what} is filled into an env template: templates are committed and copied by everyone, so this credential is public to anyone with the repository. ${REVOKE}, and leave the value empty in the template.`;
  }
  const where = c.basis === "name" ? " as a literal" : "";
  return `${what} is hard-coded here${where}: every clone and fork has it, and rotating it needs a code change and a deploy. ${REVOKE}, then load it from an environment variable or a secrets manager.`;
}

/**
 * Whether a file ships to clients, as rule 1 decides it (the same walk, checked on the syntax trees):
 * then rule 1 reports the literal too, and this message points there instead of repeating it.
 */
function shipsToClients(file: string, project: ProjectFacts): boolean {
  return confirmedReach(project, file) !== undefined;
}
const ALSO_RULE_1 = " Rule 1 (upstash/write-token-in-frontend) also reports this literal because it ships to clients.";

export default defineDetector<PendingFinding>({
  id: "hardcoded-credential",
  rule: "upstash/token-rotation-neglect",
  checks: {
    "hardcoded-credential": "An Upstash credential written into source or config",
  },
  // Credential names and prefixes, and the scripts that import an Upstash SDK (a literal handed to it).
  keywords: [
    "upstash",
    "qstash_",
    "qstashtoken",
    "sig_",
    "eyjvc2vyswqioi",
    "kv_rest_api",
    "kv_url",
    "@vercel/kv",
    "signingkey",
    "signing_key",
  ],
  textKeywords: ["qstash"],
  imports: { packages: ["@upstash/", "@vercel/kv"] },
  patterns: [...CREDENTIAL_SHAPES, REDIS_URL_SHAPE],
  fileKinds: ["script", "sfc", "html", "yaml", "json", "toml", "dockerfile", "text", "env"],
  needs: { ast: true },
  analyzeFile(ctx) {
    const template = ctx.kind === "env" && isEnvTemplate(ctx.path);
    // Real env files are committed-env-file's; CI and deployment files are another check's.
    if (ctx.kind === "env" && !template) return;
    if (ctx.kind !== "env" && deployConfigKind(ctx.path, ctx.text)) return;
    const shapes = shapeCandidates(ctx.text);
    let named: Array<Candidate | undefined> = [];
    let spans: NamedSpan[] = [];
    if (ctx.sourceFile && ctx.ts) {
      const values = scriptValues(ctx.ts, ctx.sourceFile);
      named = values.map((v) => namedCandidate(v.name, v.context, v.value, v.start));
      spans = values.map((v) => ({ name: v.name, start: v.start, end: v.start + v.value.length }));
    } else if (ctx.kind !== "env" && ctx.kind !== "script" && ctx.kind !== "sfc") {
      const values = configValues(ctx.kind, ctx.text).filter((v) => !v.encoded);
      named = values.map((v) => namedCandidate(v.keys[v.keys.length - 1]!, v.keys, v.value, v.start));
      spans = values.map((v) => ({ name: v.keys[v.keys.length - 1]!, start: v.start, end: v.end }));
    } else if (ctx.kind === "env") {
      spans = parseEnvFile(ctx.text).map((e) => ({ name: e.name, start: e.valueStart, end: e.valueEnd }));
    }
    for (const c of mergeCandidates(shapes, named, spans)) {
      ctx.secret(c.value);
      if (isPublicByDesign(c)) continue;
      const g = grade(c);
      ctx.fact({
        check: "hardcoded-credential",
        at: ctx.location(c.start, c.end),
        message: message(c, template),
        ...g,
        kind: c.kind,
        access: c.access,
        ref: credentialRef(c, ctx.text, c.start, c.end),
      });
    }
  },
  analyzeProject(ctx) {
    for (const { fact } of ctx.facts) {
      const shipped = shipsToClients(fact.at.file, ctx.project);
      // A read-only token in client code is the remedy rule 1 recommends: public by design.
      if (fact.access === "read-only" && shipped) continue;
      const also = fact.access === "write" && shipped ? ALSO_RULE_1 : "";
      ctx.report({
        check: fact.check,
        location: fact.at,
        message: fact.message + also,
        confidence: fact.confidence,
        ...(fact.severity ? { severity: fact.severity } : {}),
        credentials: [fact.ref],
      });
    }
  },
});

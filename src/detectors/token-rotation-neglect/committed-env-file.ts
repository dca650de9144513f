/**
 * An env file holding real-looking Upstash credentials that is part of the repository. Env files are
 * the right place for secrets only while they stay on one machine: committed, the values are in every
 * clone and fork and in git history for good. Templates (.env.example, .sample, .template) are not
 * this check's business (a real token in one is reported as hardcoded-credential).
 *
 * Committed means tracked by git, whatever .gitignore says (a file committed before it was ignored is
 * still committed). In the Action's checkout every file present is tracked. Outside a git work tree
 * every env file that no .gitignore excludes is assumed committed, with medium confidence. In a work
 * tree, an untracked env file that no .gitignore excludes is one `git add .` away from being
 * committed: reported with low confidence.
 */
import { defineDetector } from "../types";
import type { Confidence, Location, Severity } from "../../engine/types";
import { describeCandidate, envCandidates, isPublicByDesign } from "./analysis/candidates";
import { grade, isEnvTemplate, REVOKE } from "./analysis/report";
import { credentialRef } from "../../verify/credential-ref";
import type { CredentialRef } from "../../verify/types";

interface EnvFileFact {
  gitIgnored: boolean;
  credentials: Array<{ at: Location; what: string; confidence: Confidence; severity?: Severity; ref: CredentialRef }>;
}

const FIX =
  "remove the file from git (`git rm --cached <file>`), add it to .gitignore and set the values in your platform's environment or secret store";

export default defineDetector<EnvFileFact>({
  id: "committed-env-file",
  rule: "upstash/token-rotation-neglect",
  checks: {
    "committed-env-file": "An env file with real Upstash credentials that is part of the repository",
  },
  keywords: ["upstash", "qstash", "kv_rest_api", "kv_url", "sig_", "eyjvc2vyswqioi"],
  fileKinds: ["env"],
  needs: {},
  analyzeFile(ctx) {
    if (isEnvTemplate(ctx.path)) return;
    const credentials: EnvFileFact["credentials"] = [];
    for (const c of envCandidates(ctx.text)) {
      ctx.secret(c.value);
      if (isPublicByDesign(c)) continue;
      credentials.push({
        at: ctx.location(c.start, c.end),
        what: describeCandidate(c),
        ...grade(c),
        ref: credentialRef(c, ctx.text, c.start, c.end),
      });
    }
    if (credentials.length) ctx.fact({ gitIgnored: ctx.gitIgnored, credentials });
  },
  analyzeProject(ctx) {
    const tracked = ctx.project.gitTrackedFiles();
    for (const { file, fact } of ctx.facts) {
      let status: { confidence: Confidence; why: string } | undefined;
      if (tracked?.has(file)) {
        status = { confidence: "high", why: "this env file is committed to the repository" };
      } else if (fact.gitIgnored) {
        continue; // ignored and untracked: where local secrets belong
      } else if (tracked) {
        status = {
          confidence: "low",
          why: "this env file is not committed yet, but no .gitignore excludes it, so `git add .` would commit it",
        };
      } else {
        status = {
          confidence: "medium",
          why: "no .gitignore excludes this env file (there is no git repository to ask, so it is assumed to be committed)",
        };
      }
      for (const c of fact.credentials) {
        // The weaker of the file's status and the value's own evidence.
        const confidence = weaker(status.confidence, c.confidence);
        ctx.report({
          check: "committed-env-file",
          location: c.at,
          message: `${c.what}: ${status.why}. Every clone and fork has it, and git history keeps it after the file is deleted. ${REVOKE}, ${FIX}.`,
          confidence,
          ...(c.severity ? { severity: c.severity } : {}),
          credentials: [c.ref],
        });
      }
    }
  },
});

const ORDER: Confidence[] = ["high", "medium", "low"];
function weaker(a: Confidence, b: Confidence): Confidence {
  return ORDER[Math.max(ORDER.indexOf(a), ORDER.indexOf(b))]!;
}

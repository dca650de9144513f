/**
 * An Upstash credential written into source or config. Rotating it takes a code change and a deploy,
 * and every clone and fork already has it. Classified by decoding, so only real credential shapes
 * count; placeholders and Upstash's public development credentials are ignored.
 */
import { CREDENTIAL_LABEL, CREDENTIAL_SHAPES, REDIS_URL_SHAPE, findCredentials } from "../../secrets/credentials";
import { redact } from "../../secrets/redact";
import { defineDetector } from "../types";

export default defineDetector({
  id: "hardcoded-credential",
  rule: "upstash/token-rotation-neglect",
  checks: {
    "hardcoded-credential": "An Upstash credential written into source or config",
  },
  keywords: ["upstash", "qstash", "sig_", "eyjvc2vyswqioi"],
  patterns: [...CREDENTIAL_SHAPES, REDIS_URL_SHAPE],
  // Env files have their own check (committed-env-file): they are the right place for secrets.
  fileKinds: ["script", "sfc", "html", "yaml", "json", "toml", "dockerfile", "text"],
  needs: {},
  analyzeFile(ctx) {
    for (const c of findCredentials(ctx.text)) {
      ctx.secret(c.value);
      ctx.report({
        check: "hardcoded-credential",
        start: c.start,
        end: c.end,
        confidence: "high",
        message: `${c.access === "read-only" ? "Read-only " : ""}${CREDENTIAL_LABEL[c.kind]} ${redact(c.value)} is hard-coded here: it is in every clone and fork, and rotating it needs a code change and a deploy. Revoke it in the Upstash console and load it from an environment variable or secrets manager.`,
      });
    }
  },
});

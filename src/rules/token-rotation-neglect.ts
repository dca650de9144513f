import { help, type RuleMeta } from "./types";

export const tokenRotationNeglect: RuleMeta = {
  id: "upstash/token-rotation-neglect",
  number: 5,
  name: "TokenRotationNeglect",
  title: "Token Rotation Neglect",
  severity: "medium",
  likelihood: "low",
  impact: "medium",
  mitigation: "Rotate tokens periodically; revoke immediately if exposed.",
  shortDescription: "An Upstash credential cannot be rotated easily or has already been exposed",
  fullDescription:
    "An Upstash credential is hard-coded in source, committed in an env file or CI/deploy config, configured with a single QStash signing key, or present in git history. Rotating it needs a code change, and every clone and fork already holds it.",
  securitySeverity: "4.3",
  precision: "high",
  cwe: ["CWE-798", "CWE-324"],
  slug: "token-rotation-neglect",
  help: help({
    risk: "Long-lived tokens increase exposure window if leaked.",
    why: "A credential in the repository is in every clone, fork, CI log and backup, and changing it means a code change and a deploy, so in practice it is never rotated. One that was ever committed must be treated as leaked even after it is deleted.",
    mitigation:
      "Reset the credential in the Upstash console (revoke immediately if it was exposed), load it from the environment or a secrets manager, keep env files out of git, and configure both QStash signing keys so keys can be rolled without downtime.",
    bad: `const redis = new Redis({
  url: "https://eu1-fine-cat-12345.upstash.io",
  token: "AX…(62 chars)", // hard-coded token
});`,
    good: `const redis = Redis.fromEnv(); // UPSTASH_REDIS_REST_URL / _TOKEN from the environment`,
  }),
};

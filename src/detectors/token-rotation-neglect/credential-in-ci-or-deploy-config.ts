/**
 * A literal Upstash credential in CI or deployment configuration: GitHub Actions workflows and other
 * CI files, vercel.json, netlify.toml, wrangler.toml `[vars]`, fly.toml, docker-compose files,
 * Dockerfile ENV/ARG, Helm values and Kubernetes manifests (including base64 `data:` of a Secret).
 * These files are committed, and the platforms they configure all have a secret store that the file
 * should reference instead (`${{ secrets.X }}`, `secretKeyRef`, `wrangler secret put`, Vercel and
 * Netlify environment settings).
 */
import { defineDetector } from "../types";
import { CREDENTIAL_SHAPES, REDIS_URL_SHAPE } from "../../secrets/credentials";
import {
  describeCandidate,
  isPublicByDesign,
  mergeCandidates,
  namedCandidate,
  shapeCandidates,
  type Candidate,
} from "./analysis/candidates";
import { configValues } from "./analysis/config-values";
import { deployConfigKind } from "./analysis/deploy-config";
import { grade, REVOKE } from "./analysis/report";
import { credentialRef } from "../../verify/credential-ref";

function fixFor(path: string, kind: string): string {
  if (kind === "CI workflow")
    return path.includes(".github/")
      ? "store it as a repository or environment secret and reference it as `${{ secrets.NAME }}`"
      : "store it in the CI system's secret variables and reference it by name";
  if (kind === "Kubernetes manifest")
    return "keep it in a Secret created outside the repository (or an external secrets operator) and reference it with `secretKeyRef`";
  if (/wrangler\./.test(path)) return "remove it from [vars] and set it with `wrangler secret put NAME`";
  if (/Dockerfile|Containerfile|\.dockerfile$/i.test(path))
    return "pass it at run time (`docker run -e`, orchestrator secrets) or as a build secret (`RUN --mount=type=secret`), never in ENV/ARG, which are stored in the image";
  if (/compose/.test(path))
    return "reference it from the environment (`${NAME}`) or an ignored env_file, or use compose secrets";
  return "set it in the platform's environment variable settings instead of the file";
}

export default defineDetector({
  id: "credential-in-ci-or-deploy-config",
  rule: "upstash/token-rotation-neglect",
  checks: {
    "credential-in-ci-or-deploy-config":
      "A literal Upstash credential in CI or deployment configuration instead of a secret reference",
  },
  keywords: ["upstash", "qstash", "kv_rest_api", "kv_url", "sig_", "eyjvc2vyswqioi"],
  patterns: [...CREDENTIAL_SHAPES, REDIS_URL_SHAPE],
  fileKinds: ["yaml", "json", "toml", "dockerfile"],
  needs: {},
  analyzeFile(ctx) {
    const kind = deployConfigKind(ctx.path, ctx.text);
    if (!kind) return;
    const values = configValues(ctx.kind, ctx.text);
    const named: Array<Candidate | undefined> = [];
    const decoded: Candidate[] = [];
    for (const v of values) {
      const name = v.keys[v.keys.length - 1]!;
      if (!v.encoded) {
        named.push(namedCandidate(name, v.keys, v.value, v.start));
        continue;
      }
      // A Kubernetes Secret's `data:` holds base64: decode it and judge the decoded value.
      ctx.secret(ctx.text.slice(v.start, v.end));
      const inner = shapeCandidates(v.value)[0] ?? namedCandidate(name, v.keys, v.value, 0);
      if (inner) decoded.push({ ...inner, name, start: v.start, end: v.end });
    }
    const spans = values.map((v) => ({ name: v.keys[v.keys.length - 1]!, start: v.start, end: v.end }));
    for (const c of mergeCandidates([...shapeCandidates(ctx.text), ...decoded], named, spans)) {
      ctx.secret(c.value);
      if (isPublicByDesign(c)) continue;
      const g = grade(c);
      const encoded = decoded.includes(c) ? " (base64-encoded in a Secret's data, which is not encryption)" : "";
      ctx.report({
        check: "credential-in-ci-or-deploy-config",
        start: c.start,
        end: c.end,
        ...g,
        credentials: [credentialRef(c, ctx.text, c.start, c.end)],
        message: `${describeCandidate(c)} is written as a literal into this ${kind}${encoded}: it is committed with the file, visible to everyone who can read the repository, and rotating it means editing and redeploying. ${REVOKE}, then ${fixFor(ctx.path, kind)}.`,
      });
    }
  },
});

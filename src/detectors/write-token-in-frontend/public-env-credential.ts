/**
 * An Upstash write credential named with a client-exposed prefix (NEXT_PUBLIC_, VITE_, …): the
 * framework inlines it into JavaScript that every visitor downloads. Reported where it is defined
 * (env files, templates included: they state the intended setup) and where code reads it.
 */
import { clientPrefixOf, credentialOfEnvName } from "../../secrets/env-names";
import { parseEnvFile } from "../../engine/env-file";
import { envReads } from "../ast";
import { defineDetector } from "../types";

function describeName(name: string): { prefix: string; label: string } | undefined {
  const prefix = clientPrefixOf(name);
  if (!prefix) return undefined;
  const cred = credentialOfEnvName(name.slice(prefix.length));
  if (!cred || cred.access !== "write") return undefined;
  return { prefix, label: cred.label };
}

const fix = "Use a read-only token for client code and keep the write token in a server-only variable (no public prefix).";

export default defineDetector({
  id: "public-env-credential",
  rule: "upstash/write-token-in-frontend",
  checks: {
    "public-env-credential": "An Upstash write credential named with a client-exposed prefix",
  },
  keywords: ["upstash", "qstash", "kv_rest_api", "kv_url"],
  fileKinds: ["env", "script", "sfc"],
  needs: { ast: true },
  analyzeFile(ctx) {
    if (ctx.kind === "env") {
      for (const entry of parseEnvFile(ctx.text)) {
        const d = describeName(entry.name);
        if (!d) continue;
        ctx.report({
          check: "public-env-credential",
          start: entry.nameStart,
          end: entry.nameStart + entry.name.length,
          message: `${entry.name} defines a ${d.label} with the client-exposed prefix ${d.prefix}: the framework inlines it into browser code, where anyone can read it and modify your data. ${fix}`,
        });
      }
      return;
    }
    if (!ctx.sourceFile) return;
    for (const read of envReads(ctx.sourceFile)) {
      const d = describeName(read.name);
      if (!d) continue;
      ctx.report({
        check: "public-env-credential",
        start: read.node.getStart(ctx.sourceFile),
        end: read.node.getEnd(),
        message: `Code reads ${read.name}, a ${d.label} with the client-exposed prefix ${d.prefix}: it is inlined into the client bundle. ${fix}`,
      });
    }
  },
});

/**
 * Dev mode makes a Receiver (and the verifySignature* helpers) accept the QStash dev server's signing
 * keys, which are public: anyone can sign a message that passes. It is switched on by `devMode: true`
 * or by `QSTASH_DEV=true|1` in the environment. Reported in code outside tests, and in env files,
 * Dockerfiles and wrangler/fly configs that are not for development.
 */
import type * as ts from "typescript";
import { parseEnvFile } from "../../engine/env-file";
import { importBindings, memberPath, propertyNameText, stringValue, unwrap, walk } from "../ast";
import { defineDetector, type FileContext } from "../types";
import { QSTASH_MODULE } from "./analysis/vocabulary";

const CHECK = "dev-mode-receiver";
const TRUTHY = /^\s*["']?(true|1)["']?\s*$/i;
/** Files that configure local development, where dev mode belongs (test code is skipped too). */
const DEV_FILE =
  /(^|\/)(\.env\.(development|dev|local|test|testing|e2e|ci)(\..*)?|\.env\.[\w.-]*\.local|\.dev\.vars(\..*)?|docker-compose[\w.-]*\.ya?ml)$|(^|\/)scripts\//i;

function reportEnv(ctx: FileContext, start: number, end: number, where: string, confidence: "high" | "medium"): void {
  ctx.report({
    check: CHECK,
    start,
    end,
    confidence,
    message: `QSTASH_DEV is switched on in ${where}: the QStash SDK then verifies signatures against the local dev server's signing keys, which are public, so anyone can sign a message this deployment accepts. Set QSTASH_DEV only in local development files (.env.development, .env.local) and configure QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY here.`,
  });
}

export default defineDetector({
  id: "dev-mode-receiver",
  rule: "upstash/qstash-webhook-spoofing",
  checks: {
    "dev-mode-receiver":
      "A Receiver or verification helper in dev mode (devMode: true, QSTASH_DEV=true) outside development",
  },
  keywords: ["devmode", "qstash_dev"],
  fileKinds: ["script", "env", "dockerfile", "toml"],
  needs: { ast: true },
  skipTests: true,
  skipPaths: [DEV_FILE],
  analyzeFile(ctx) {
    if (ctx.kind === "env") {
      if (/\.(example|sample|template|dist|defaults?|tmpl|tpl)$|\.example\./i.test(ctx.path) || ctx.gitIgnored) return;
      for (const e of parseEnvFile(ctx.text)) {
        if (e.name !== "QSTASH_DEV" || !TRUTHY.test(e.value)) continue;
        const production = /\.env\.(prod|production|staging|preview)/i.test(ctx.path);
        reportEnv(
          ctx,
          e.nameStart,
          e.valueEnd,
          `${ctx.path.split("/").pop()}, which is committed to the repository`,
          production ? "high" : "medium",
        );
      }
      return;
    }
    if (ctx.kind === "dockerfile") {
      const re = /^[ \t]*(?:ENV|ARG)[ \t]+(?:.*[ \t])?(QSTASH_DEV)(?:=|[ \t]+)["']?(true|1)\b/gim;
      for (let m = re.exec(ctx.text); m; m = re.exec(ctx.text)) {
        const start = m.index + m[0].indexOf("QSTASH_DEV");
        reportEnv(ctx, start, m.index + m[0].length, "the Docker image", "medium");
      }
      return;
    }
    if (ctx.kind === "toml") {
      let section = "";
      let offset = 0;
      for (const line of ctx.text.split("\n")) {
        const h = /^\s*\[+([^\]]+)\]+/.exec(line);
        if (h) section = h[1]!;
        const m = /^\s*(QSTASH_DEV)\s*=\s*["']?(true|1)\b/i.exec(line);
        if (m && !/\b(dev|development|local|test)\b/i.test(section)) {
          const start = offset + line.indexOf(m[1]!);
          reportEnv(
            ctx,
            start,
            offset + line.length,
            `the deployed configuration${section ? ` [${section}]` : ""}`,
            "medium",
          );
        }
        offset += line.length + 1;
      }
      return;
    }
    const sf = ctx.sourceFile;
    const ts = ctx.ts;
    if (!sf || !ts) return;
    const imports = importBindings(sf);
    const isReceiverConfig = (obj: ts.ObjectLiteralExpression): string | undefined => {
      let p: ts.Node = obj.parent;
      while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p)) p = p.parent;
      if (ts.isNewExpression(p) && memberPath(p.expression)?.slice(-1)[0] === "Receiver") return "new Receiver()";
      if (ts.isCallExpression(p)) {
        const callee = unwrap(p.expression);
        const name = ts.isIdentifier(callee)
          ? callee.text
          : ts.isPropertyAccessExpression(callee)
            ? callee.name.text
            : "";
        const b = ts.isIdentifier(callee) ? imports.get(name) : undefined;
        const imported = b?.imported ?? name;
        if (/^verifySignature/.test(imported) && (!b || QSTASH_MODULE.test(b.module))) return `${imported}()`;
      }
      return undefined;
    };
    walk(sf, (n) => {
      if (ts.isPropertyAssignment(n) && propertyNameText(n.name) === "devMode") {
        const v = unwrap(n.initializer);
        const on =
          v.kind === ts.SyntaxKind.TrueKeyword || (stringValue(v) !== undefined && TRUTHY.test(stringValue(v)!));
        const owner = ts.isObjectLiteralExpression(n.parent) ? isReceiverConfig(n.parent) : undefined;
        if (on && owner) {
          ctx.report({
            check: CHECK,
            start: n.getStart(sf),
            end: n.getEnd(),
            confidence: "high",
            message: `${owner} is created with devMode: true: it accepts messages signed with the QStash dev server's public signing keys, so anyone can forge a message that passes. Remove devMode (or set it from an explicit local-development check) and configure QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY.`,
          });
        }
      }
      if (
        ts.isBinaryExpression(n) &&
        n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        memberPath(n.left)?.join(".") === "process.env.QSTASH_DEV"
      ) {
        const v = stringValue(unwrap(n.right));
        if ((v !== undefined && TRUTHY.test(v)) || unwrap(n.right).kind === ts.SyntaxKind.TrueKeyword) {
          ctx.report({
            check: CHECK,
            start: n.getStart(sf),
            end: n.getEnd(),
            confidence: "high",
            message: `Setting process.env.QSTASH_DEV turns on the QStash SDK's dev mode for every Receiver in the process: signatures are checked against the dev server's public keys, so forged messages pass. Only enable it in local development.`,
          });
        }
      }
      return undefined;
    });
  },
});

/**
 * Turning GitHub's refusals of an upload into one paragraph that names the cause and the fix. A
 * refusal is about the repository or the token, not about the scan: with `upload: auto` it becomes a
 * warning and the run goes on (annotations, summary, SARIF file and the gate all still work).
 */
import { ApiError } from "./api";
import { readOnlyTokenCause, type RunContext } from "./context";

export type RefusalCause =
  | "code-security-disabled"
  | "fork"
  | "dependabot"
  | "missing-permission"
  | "archived"
  | "rate-limited"
  | "bad-credentials"
  | "not-found"
  | "forbidden";

export interface Refusal {
  cause: RefusalCause;
  status: number;
  /** One paragraph: what GitHub said, why, and what to do. */
  message: string;
}

const STILL_WORKS =
  "The findings are still in this step's annotations, its job summary and the SARIF file it wrote (keep that with actions/upload-artifact)";

/** The explanation for a refused upload, or undefined when the error is not a refusal (400, 413, 5xx, network…). */
export function explainRefusal(
  err: ApiError,
  ctx: Pick<RunContext, "eventName" | "event" | "actor" | "repository" | "apiUrl">,
): Refusal | undefined {
  const status = err.status;
  if (status !== 401 && status !== 403 && status !== 404 && status !== 429) return undefined;
  const repo = ctx.repository ? `${ctx.repository.owner}/${ctx.repository.repo}` : "this repository";
  const said = `GitHub refused the code-scanning upload for ${repo} (HTTP ${status}: "${oneLine(err.message)}")`;
  const refusal = (cause: RefusalCause, text: string): Refusal => ({ cause, status, message: `${said}. ${text}` });

  if (status === 401) {
    return refusal(
      "bad-credentials",
      `The token is invalid or expired. Leave the \`token\` input at its default (\`\${{ github.token }}\`), or pass a token that is still valid: a fine-grained token with "Code scanning alerts: read and write" on this repository, or a classic token with the \`security_events\` scope (\`repo\` for private repositories). ${STILL_WORKS}.`,
    );
  }
  if (status === 404) {
    return refusal(
      "not-found",
      `Either the token cannot see ${repo} (a personal access token or GitHub App without access to it), or this server does not offer code scanning (GitHub Enterprise Server without GitHub Advanced Security; the API address used was ${ctx.apiUrl}). Check the \`token\` input, or set \`upload: false\` where code scanning is not available. ${STILL_WORKS}.`,
    );
  }

  const m = err.message.toLowerCase();
  if (/advanced security|code security|code scanning is not enabled|not enabled for this repository/.test(m)) {
    return refusal(
      "code-security-disabled",
      `Code scanning is not enabled for ${repo}: it needs GitHub Advanced Security (GitHub Code Security), which public repositories have for free and private or internal ones need a licence for. Enable it under Settings → Advanced Security (Code security), or set \`upload: false\` to stop trying. ${STILL_WORKS}.`,
    );
  }
  if (/archived/.test(m)) {
    return refusal(
      "archived",
      `The repository is archived, and archived repositories accept no new analyses. Unarchive it to upload again, or set \`upload: false\`. ${STILL_WORKS}.`,
    );
  }
  if (status === 429 || /rate limit/.test(m)) {
    return refusal(
      "rate-limited",
      `The token hit an API rate limit (code scanning accepts at most 1,000 uploads per hour per token). Spread scheduled scans of many repositories over time, or give the matrix jobs different tokens. ${STILL_WORKS}.`,
    );
  }
  const readOnly = readOnlyTokenCause(ctx);
  if (readOnly === "fork") {
    return refusal(
      "fork",
      `This run is for a pull request from a fork, and GitHub gives such runs a read-only GITHUB_TOKEN, so they cannot write code-scanning results. That is expected and safe: the alerts appear once the change is merged and the push to the base branch is scanned. Do not switch to \`pull_request_target\` with a checkout of the fork's code just to get a write token: that runs untrusted code with write access. ${STILL_WORKS}.`,
    );
  }
  if (readOnly === "dependabot") {
    return refusal(
      "dependabot",
      `This run was started by Dependabot, whose GITHUB_TOKEN is read-only unless the workflow asks for more. Add \`permissions: { security-events: write, contents: read }\` to the workflow or job so Dependabot's runs can upload too, or accept that the alerts appear when the change is merged. ${STILL_WORKS}.`,
    );
  }
  if (/resource not accessible by (integration|personal access token)/.test(m)) {
    return refusal(
      "missing-permission",
      `The token lacks the \`security-events: write\` permission. Add it to the workflow or the job: \`permissions: { security-events: write, contents: read }\` (a permissions block replaces the defaults, so keep \`contents: read\` for actions/checkout). A personal access token needs "Code scanning alerts: read and write" (fine-grained) or the \`security_events\` scope (classic). ${STILL_WORKS}.`,
    );
  }
  return refusal(
    "forbidden",
    `Check that code scanning is enabled for ${repo} (Settings → Advanced Security) and that the workflow grants \`permissions: { security-events: write, contents: read }\`. ${STILL_WORKS}.`,
  );
}

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, " ").trim();
  return line.length > 300 ? line.slice(0, 300) + "…" : line;
}

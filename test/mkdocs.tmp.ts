import * as fs from "node:fs";
import { RULES } from "../src/rules/index";
import { DETECTORS } from "../src/detectors/index";
for (const r of RULES) {
  const checks = DETECTORS.filter((d) => d.rule === r.id).flatMap((d) => Object.entries(d.checks));
  const md = `# \`${r.id}\` — ${r.title}

**Severity** ${r.severity} · **Likelihood** ${r.likelihood} · **Impact** ${r.impact} · CWE: ${r.cwe.join(", ")}

> ${r.help.markdown.split("\n\n")[0]!.replace("**Risk.** ", "")}

${r.fullDescription}

${r.help.markdown}

## Checks

${checks.map(([id, desc]) => `### \`${id}\`\n\n${desc}.\n`).join("\n")}
## Suppressing a finding

Add a comment with a reason on the line above (or at the end of the line):

\`\`\`ts
// upstash-scan-ignore-next-line ${r.id} -- <why this is acceptable>
\`\`\`

In env and YAML files use \`#\` instead of \`//\`.
`;
  fs.writeFileSync(`/work/main/docs/rules/${r.slug}.md`, md);
}

/**
 * JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines, CircleCI…): one
 * test suite per guide risk, one test case per finding. An open finding is a failure, a suppressed one
 * is skipped (with its reason), and a risk with no findings is one passing test case, so a clean scan
 * reads as five passes. Scan notes form a last suite: a file that could not be scanned is a skipped
 * case, an internal error an error.
 */
import { RULES, ruleById } from "../rules/index";
import { TOOL_NAME } from "../version";
import { suppressionTag } from "./text";
import { oneLine, toReport, type ReportFinding, type ReportInput } from "./report";

/** Text as XML 1.0 character data or attribute value: escaped, and characters XML cannot carry replaced. */
function xml(s: string): string {
  return s
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      "\ufffd",
    )
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\r/g, "&#13;")
    .replace(/\n/g, "&#10;");
}

/** Character data keeps its line breaks readable. */
function text(s: string): string {
  return xml(s).replace(/&#10;/g, "\n");
}

const attrs = (a: Record<string, string | number>) =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${xml(String(v))}"`)
    .join("");

interface Case {
  name: string;
  classname: string;
  file?: string;
  line?: number;
  body: string;
  outcome: "passed" | "failure" | "error" | "skipped";
}

function suite(name: string, cases: Case[], timestamp: string, properties: Record<string, string> = {}): string {
  const count = (o: Case["outcome"]) => cases.filter((c) => c.outcome === o).length;
  const props = Object.entries(properties);
  return [
    `  <testsuite${attrs({ name, tests: cases.length, failures: count("failure"), errors: count("error"), skipped: count("skipped"), time: 0, timestamp })}>`,
    ...(props.length
      ? [
          "    <properties>",
          ...props.map(([k, v]) => `      <property${attrs({ name: k, value: v })}/>`),
          "    </properties>",
        ]
      : []),
    ...cases.map((c) => {
      const head = `    <testcase${attrs({ name: c.name, classname: c.classname, ...(c.file ? { file: c.file } : {}), ...(c.line ? { line: c.line } : {}), time: 0 })}`;
      return c.outcome === "passed" && !c.body ? `${head}/>` : `${head}>\n${c.body}\n    </testcase>`;
    }),
    "  </testsuite>",
  ].join("\n");
}

function findingCase(f: ReportFinding): Case {
  const where = `${oneLine(f.file)}:${f.startLine}:${f.startColumn}`;
  const name = `${where} ${f.check}`;
  if (f.suppressed)
    return {
      name,
      classname: f.rule,
      file: f.file,
      line: f.startLine,
      outcome: "skipped",
      body: `      <skipped${attrs({ message: oneLine(suppressionTag(f).trim()) })}/>`,
    };
  const details = [
    where,
    `${f.severity} · ${f.rule}/${f.check} · ${f.confidence} confidence`,
    `${suppressionTag(f)}${f.message}`,
    ...(f.excerpt ? [`${f.startLine} | ${f.excerpt}`] : []),
    ...(f.related ?? []).map((r) => `  ↳ ${oneLine(r.file)}:${r.startLine}${r.message ? ` — ${r.message}` : ""}`),
    `Mitigation: ${ruleById(f.rule).mitigation}`,
  ].join("\n");
  return {
    name,
    classname: f.rule,
    file: f.file,
    line: f.startLine,
    outcome: "failure",
    body: `      <failure${attrs({ message: oneLine(f.message), type: f.severity })}>${text(details)}</failure>`,
  };
}

export function formatJunit(result: ReportInput): string {
  const report = toReport(result);
  const at = report.startedAt.replace(/\.\d+Z$/, "");
  const suites: Array<{ cases: Case[]; xml: string }> = [];
  for (const rule of RULES) {
    const findings = report.findings.filter((f) => f.rule === rule.id);
    const cases = findings.length
      ? findings.map(findingCase)
      : [{ name: "no findings", classname: rule.id, outcome: "passed" as const, body: "" }];
    suites.push({
      cases,
      xml: suite(`${rule.id} (#${rule.number} ${rule.title})`, cases, at, {
        severity: rule.severity,
        likelihood: rule.likelihood,
        impact: rule.impact,
        mitigation: rule.mitigation,
      }),
    });
  }
  if (report.notifications.length) {
    const cases: Case[] = report.notifications.map((n, i) => {
      const name = `${i + 1} ${n.id}${n.file ? ` ${oneLine(n.file)}` : ""}`;
      const message = oneLine(n.message);
      const c = { name, classname: `${TOOL_NAME}/scan`, ...(n.file ? { file: n.file } : {}) };
      if (n.level === "error")
        return { ...c, outcome: "error", body: `      <error${attrs({ message, type: n.id })}/>` };
      if (n.level === "warning") return { ...c, outcome: "skipped", body: `      <skipped${attrs({ message })}/>` };
      return { ...c, outcome: "passed", body: `      <system-out>${text(n.message)}</system-out>` };
    });
    suites.push({ cases, xml: suite(`${TOOL_NAME} scan notes`, cases, at) });
  }
  const all = suites.flatMap((s) => s.cases);
  const count = (o: Case["outcome"]) => all.filter((c) => c.outcome === o).length;
  const seconds = ((Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000).toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: TOOL_NAME, tests: all.length, failures: count("failure"), errors: count("error"), skipped: count("skipped"), time: seconds, timestamp: at })}>`,
    ...suites.map((s) => s.xml),
    "</testsuites>",
    "",
  ].join("\n");
}

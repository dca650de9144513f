import { describe, expect, it } from "vitest";
import { scan } from "../src/engine/scan";
import { RULES } from "../src/rules/index";
import { score } from "./support/expectations";
import { DEMO, REPO } from "./support/run";

describe("the embedded demo app", () => {
  it("has a finding for every rule, exactly where its annotations say", async () => {
    const result = await scan({ paths: [DEMO], srcRoot: REPO });
    const rules = new Set(result.findings.map((f) => f.rule));
    for (const rule of RULES) expect(rules, rule.id).toContain(rule.id);
    const s = score(DEMO, REPO, result.findings, new Set(RULES.map((r) => r.id)));
    expect(s.problems).toEqual([]);
    expect(s.precision).toBe(1);
    expect(s.recall).toBe(1);
  });
});

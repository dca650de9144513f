import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { INPUTS, readInputs } from "../src/github/inputs";
import { OUTPUTS } from "../src/main";
import { REPO } from "./support/run";

interface ActionYml {
  name: string;
  description: string;
  branding: { icon: string; color: string };
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

const action = parse(fs.readFileSync(path.join(REPO, "action.yml"), "utf8")) as ActionYml;

describe("action.yml", () => {
  it("declares node24 and the bundle", () => {
    expect(action.runs).toEqual({ using: "node24", main: "dist/index.js" });
    expect(action.name).toBeTruthy();
    expect(action.description.length).toBeGreaterThan(20);
    expect(action.description.length).toBeLessThanOrEqual(125); // the Marketplace cuts longer ones
    expect(action.branding.icon).toBeTruthy();
  });

  it("has exactly the SPEC's inputs, each described, optional, with the code's default", () => {
    // SPEC's inputs, plus gate-on and baseline (configuration issue), scan-history (rule 5), verify,
    // and ref, sha, checkout-path, comment and matrix (for the default category) from issue 18.
    // SPEC's inputs, plus gate-on and baseline (configuration issue), scan-history (rule 5), and
    // verify and suggest (SPEC's additions).
    expect(Object.keys(action.inputs).sort()).toEqual([
      "baseline",
      "category",
      "checkout-path",
      "comment",
      "config",
      "fail-on",
      "gate-on",
      "matrix",
      "path",
      "ref",
      "sarif-file",
      "scan-history",
      "sha",
      "suggest",
      "token",
      "upload",
      "verify",
      "wait-for-processing",
    ]);
    expect(Object.keys(action.inputs).sort()).toEqual(Object.keys(INPUTS).sort());
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toBeTruthy();
      expect(input.required ?? false, name).toBe(false);
      expect(input.default, name).toBeDefined();
      // The token and matrix defaults are expressions the runner evaluates; outside a workflow there are none.
      if (name !== "token" && name !== "matrix")
        expect(String(input.default), name).toBe(INPUTS[name as keyof typeof INPUTS].default);
    }
    expect(action.inputs.token!.default).toBe("${{ github.token }}");
    expect(action.inputs.matrix!.default).toBe("${{ toJson(matrix) }}");
    expect(action.inputs.category!.default).toBe(""); // derived
    expect(action.inputs.comment!.default).toBe("false");
    expect(action.inputs.path!.default).toBe(".");
    expect(action.inputs["fail-on"]!.default).toBe("high");
    expect(action.inputs.upload!.default).toBe("auto");
    expect(action.inputs["wait-for-processing"]!.default).toBe("true");
  });

  it("has exactly the SPEC's outputs, each described, and main sets each", () => {
    expect(Object.keys(action.outputs).sort()).toEqual([
      "critical",
      "findings",
      "high",
      "low",
      "medium",
      "sarif-file",
      "sarif-id",
    ]);
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUTS].sort());
    for (const [name, output] of Object.entries(action.outputs)) expect(output.description, name).toBeTruthy();
    const main = fs.readFileSync(path.join(REPO, "src/main.ts"), "utf8");
    for (const name of OUTPUTS.filter((o) => !["critical", "high", "medium", "low"].includes(o)))
      expect(main).toContain(`setOutput("${name}"`);
  });
});

describe("readInputs", () => {
  const from = (values: Record<string, string>) => (name: string) => values[name] ?? "";

  it("applies the defaults to unset inputs", () => {
    expect(readInputs(from({}))).toEqual({
      path: ".",
      "fail-on": "high",
      "sarif-file": "upstash-scan.sarif",
      upload: "auto",
      category: "",
      token: "",
      config: "",
      "wait-for-processing": true,
      "gate-on": "all",
      baseline: "",
      "scan-history": false,
      verify: false,
      ref: "",
      sha: "",
      "checkout-path": "",
      comment: false,
      matrix: "",
      suggest: false,
    });
  });

  it("reads and normalises given values", () => {
    const i = readInputs(
      from({
        "fail-on": "Critical",
        upload: "TRUE",
        "wait-for-processing": "false",
        path: " src ",
        config: "ci/scan.yml",
      }),
    );
    expect(i["fail-on"]).toBe("critical");
    expect(i.upload).toBe("true");
    expect(i["wait-for-processing"]).toBe(false);
    expect(i.path).toBe("src");
    expect(i.config).toBe("ci/scan.yml");
  });

  it("rejects bad values with a message naming the input and the allowed values", () => {
    expect(() => readInputs(from({ "fail-on": "severe" }))).toThrow(
      'input "fail-on" must be one of critical, high, medium, low, none, not "severe"',
    );
    expect(() => readInputs(from({ upload: "always" }))).toThrow(
      'input "upload" must be one of auto, true, false, not "always"',
    );
    expect(() => readInputs(from({ "wait-for-processing": "yes" }))).toThrow(
      'input "wait-for-processing" must be true or false, not "yes"',
    );
  });

  it("reads the runner's INPUT_ variables by default, hyphens kept", () => {
    const saved = { ...process.env };
    try {
      process.env["INPUT_FAIL-ON"] = "medium";
      process.env.INPUT_UPLOAD = "false";
      const i = readInputs();
      expect(i["fail-on"]).toBe("medium");
      expect(i.upload).toBe("false");
    } finally {
      delete process.env["INPUT_FAIL-ON"];
      delete process.env.INPUT_UPLOAD;
      Object.assign(process.env, saved);
    }
  });
});

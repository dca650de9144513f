/**
 * The configuration check reads the published JSON Schema itself (src/config/validate.ts); ajv, which
 * used to compile the schema on every run, is the reference here: on generated configurations, valid
 * and not, both must find the same errors with the same messages.
 */
import fc from "fast-check";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import schema from "../src/config/upstash-scan.schema.json";
import { validateSchema } from "../src/config/validate";

const RULES = Object.keys(schema.properties.rules.properties);
const WORDS = [...RULES, "enabled", "severity", "checks", "tests", "options", "paths", "include", "exclude"];
const OPTION_WORDS = [
  "sensitiveWords",
  "verifyFunctions",
  "maxRequestsPerSecond",
  "minWindowMs",
  "globalIdentifiers",
  "maxCredentialAgeDays",
  "historyBudgetSeconds",
  "colour",
];

const leaf = fc.oneof(
  fc.constantFrom("critical", "LOW", "High", "extreme", "report", "ignore", "low-confidence", "", "legacy/"),
  fc.integer({ min: -5, max: 5000 }),
  fc.double({ min: -10, max: 10, noNaN: true }),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("list"), tie("object")),
  list: fc.array(tie("any"), { maxLength: 3 }),
  object: fc.dictionary(fc.constantFrom(...WORDS, ...OPTION_WORDS), tie("any"), { maxKeys: 4 }),
})).any;

/** Configurations shaped like the schema, with wrong values and unknown keys mixed in. */
const config = fc.record(
  {
    rules: fc.dictionary(
      fc.constantFrom(...RULES, "upstash/nope"),
      fc.record(
        {
          enabled: fc.oneof(fc.boolean(), leaf),
          severity: leaf,
          checks: fc.oneof(fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.boolean(), leaf)), leaf),
          tests: leaf,
          options: fc.oneof(fc.dictionary(fc.constantFrom(...OPTION_WORDS), value, { maxKeys: 3 }), leaf),
          enabeld: leaf,
        },
        { requiredKeys: [] },
      ),
      { maxKeys: 3 },
    ),
    paths: fc.oneof(fc.dictionary(fc.constantFrom("include", "exclude", "client", "server", "other"), value), leaf),
    tests: fc.oneof(fc.record({ paths: value, findings: leaf }, { requiredKeys: [] }), leaf),
    baseline: leaf,
    colour: leaf,
  },
  { requiredKeys: [] },
);

const ajv = new Ajv({ allErrors: true, strict: false }).compile(schema);
const key = (e: { instancePath: string; keyword: string; params: unknown; message?: string }) =>
  `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)} ${e.message}`;

describe("configuration schema check", () => {
  it("finds what ajv finds, with the same messages", () => {
    fc.assert(
      fc.property(fc.oneof(config, value), (data) => {
        const ours = validateSchema(schema, data).map(key).sort();
        ajv(data);
        const theirs = (ajv.errors ?? []).map(key).sort();
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses a schema keyword it does not implement", () => {
    expect(() => validateSchema({ type: "string", format: "email" }, "b")).toThrow(
      /unsupported schema keyword "format"/,
    );
    expect(() => validateSchema({ type: "null" }, null)).toThrow(/unsupported schema type "null"/);
  });
});

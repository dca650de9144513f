/**
 * Test folders: credentials there are often made up for the tests, so findings there get low
 * confidence by default, or are dropped when the configuration says `ignoreTests: true`. The folders
 * are the usual conventions unless the configuration gives its own `testPaths` globs.
 */
import ignore, { type Ignore } from "ignore";
import type { Confidence } from "../../engine/types";

const DEFAULT_TEST_PATHS = [
  "test/",
  "tests/",
  "__tests__/",
  "__test__/",
  "__mocks__/",
  "__fixtures__/",
  "fixtures/",
  "spec/",
  "specs/",
  "e2e/",
  "cypress/",
  "testdata/",
  "test-data/",
  "*.test.*",
  "*.spec.*",
  "*.e2e.*",
  "*.stories.*",
];

export interface TestPolicy {
  isTest(path: string): boolean;
  /** Drop findings in test paths (`ignoreTests: true`). */
  readonly ignore: boolean;
}

const cache = new WeakMap<object, TestPolicy>();

/** The test-path policy of a detector's options (`testPaths`, `ignoreTests`). */
export function testPolicy(options: Readonly<Record<string, unknown>>): TestPolicy {
  const cached = cache.get(options);
  if (cached) return cached;
  const globs = Array.isArray(options.testPaths) ? options.testPaths.filter((g): g is string => typeof g === "string") : DEFAULT_TEST_PATHS;
  const ig: Ignore = ignore().add(globs);
  const policy: TestPolicy = {
    isTest: (path) => path !== "" && ig.ignores(path),
    ignore: options.ignoreTests === true,
  };
  cache.set(options, policy);
  return policy;
}

/**
 * The confidence a finding in `path` keeps: unchanged outside tests, `low` inside them, or undefined
 * when the configuration drops test paths.
 */
export function confidenceFor(path: string, confidence: Confidence, policy: TestPolicy): Confidence | undefined {
  if (!policy.isTest(path)) return confidence;
  return policy.ignore ? undefined : "low";
}

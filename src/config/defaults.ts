import { DEFAULT_BUDGETS } from "../engine/read";
import type { ScanConfig } from "./types";

/** Where test code usually lives (.gitignore-style patterns): the one definition every rule uses. */
export const DEFAULT_TEST_PATHS = [
  "__tests__/",
  "__mocks__/",
  "__fixtures__/",
  "test/",
  "tests/",
  "spec/",
  "e2e/",
  "cypress/",
  "playwright/",
  "fixtures/",
  "fixture/",
  "*.test.*",
  "*.spec.*",
  "*.e2e.*",
  "*.cy.*",
  "*.stories.*",
  "*.story.*",
];

/** The configuration used when there is no configuration file. */
export function defaultConfig(): ScanConfig {
  return {
    source: "defaults",
    disabledRules: new Set(),
    disabledChecks: new Set(),
    severity: new Map(),
    detectorOptions: {},
    clientPaths: [],
    serverPaths: [],
    testPaths: [...DEFAULT_TEST_PATHS],
    testFindings: "low-confidence",
    testFindingsByRule: new Map(),
    budgets: { ...DEFAULT_BUDGETS },
    fix: { defaultTtlSeconds: 86_400 },
  };
}

/** The configuration the engine runs with, after the configuration file has been read and checked. */
import type { RuleId, Severity } from "../engine/types";
import type { Budgets } from "../engine/read";
import type { FixSettings } from "../fix/types";

export type TestFindings = "report" | "low-confidence" | "ignore";

export interface ScanConfig {
  /** Where the configuration came from, for messages ("defaults" when there is no file). */
  source: string;
  disabledRules: Set<RuleId>;
  /** "<rule-id>/<check>" entries. */
  disabledChecks: Set<string>;
  severity: Map<RuleId, Severity>;
  /** Options per detector id, handed to the detector as plain data. */
  detectorOptions: Record<string, Record<string, unknown>>;
  /** Extra file filter (include/exclude patterns); true keeps the path. */
  accept?: (rel: string, isDir: boolean) => boolean;
  /** .gitignore-style patterns of files declared to ship to clients, or never to. */
  clientPaths: string[];
  serverPaths: string[];
  /** .gitignore-style patterns that mark test code, and what to do with findings there. */
  testPaths: string[];
  testFindings: TestFindings;
  testFindingsByRule: Map<RuleId, TestFindings>;
  /** Absolute path of a baseline file whose findings are hidden. */
  baseline?: string;
  budgets: Budgets;
  /** What the fixers write (`fix:` in the configuration file). */
  fix: FixSettings;
}

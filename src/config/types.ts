/** The configuration the engine runs with, after the configuration file has been read and checked. */
import type { RuleId, Severity } from "../engine/types";
import type { Budgets } from "../engine/read";

export interface ScanConfig {
  /** Where the configuration came from, for messages ("defaults" when there is no file). */
  source: string;
  disabledRules: Set<RuleId>;
  /** "<rule-id>/<check>" entries. */
  disabledChecks: Set<string>;
  severity: Map<RuleId, Severity>;
  /** Options per detector id, handed to the detector as plain data. */
  detectorOptions: Record<string, Record<string, unknown>>;
  /** Extra file filter (include/exclude globs); true keeps the file. */
  accept?: (rel: string) => boolean;
  budgets: Budgets;
}

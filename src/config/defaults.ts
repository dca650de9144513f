import { DEFAULT_BUDGETS } from "../engine/read";
import type { ScanConfig } from "./types";

/** The configuration used when there is no configuration file. */
export function defaultConfig(): ScanConfig {
  return {
    source: "defaults",
    disabledRules: new Set(),
    disabledChecks: new Set(),
    severity: new Map(),
    detectorOptions: {},
    budgets: { ...DEFAULT_BUDGETS },
  };
}

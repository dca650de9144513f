/** Finding and reading the configuration file. */
import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError } from "../engine/scan";
import { defaultConfig } from "./defaults";
import type { ScanConfig } from "./types";

export const CONFIG_FILE_NAMES = [".upstash-scan.yml", ".upstash-scan.yaml"];

/** The explicit file, or the one at the scanned root, or the defaults. */
export function loadConfig(explicit: string | undefined, scanRoot: string): ScanConfig {
  const file = explicit ?? CONFIG_FILE_NAMES.map((n) => path.join(scanRoot, n)).find((f) => fs.existsSync(f));
  if (!file) return defaultConfig();
  if (!fs.existsSync(file)) throw new UsageError(`configuration file not found: ${file}`);
  throw new UsageError(`${file}: configuration files are not supported yet in this version`);
}

/** The Action's pipeline. Filled in by the Action work; until then it explains itself. */
import * as core from "@actions/core";

export async function run(): Promise<void> {
  core.setFailed("upstash-scan: the GitHub Action entry is not implemented yet; use the CLI (bin/upstash-scan.js).");
}

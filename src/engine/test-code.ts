/**
 * "Is this test code?", answered once for every rule from the configuration's `tests.paths`
 * (.gitignore-style patterns; the defaults are in config/defaults.ts). The engine lowers or drops
 * findings there (`tests.findings`), a detector with `skipTests` never sees such files, and rules
 * that reason about where code runs (test code never ships to clients) ask the same question.
 */
import ignore, { type Ignore } from "ignore";

export class TestCode {
  private readonly matcher: Ignore | undefined;

  constructor(patterns: readonly string[]) {
    this.matcher = patterns.length ? ignore().add([...patterns]) : undefined;
  }

  /** Whether a path (relative to the source root, `/`-separated) is test code. */
  has(file: string): boolean {
    return !file.startsWith("../") && Boolean(this.matcher?.ignores(file));
  }
}

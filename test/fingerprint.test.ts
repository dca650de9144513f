import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/engine/scan";
import { tempDir, writeTree } from "./support/run";
import { fakeRedisToken } from "./support/credentials";

async function fingerprints(dir: string): Promise<Map<string, number>> {
  const result = await scan({ paths: [dir] });
  return new Map(result.findings.map((f) => [`${f.check} ${f.fingerprint}`, f.location.range.startLine]));
}

describe("primaryLocationLineHash", () => {
  it("survives lines inserted above and edits to neighbouring lines; differs for identical lines", async () => {
    const t = tempDir();
    try {
      const token = fakeRedisToken();
      const body = (pad: string, neighbour: string) =>
        `${pad}import { Redis } from "@upstash/redis";\nconst kv = Redis.fromEnv();\n${neighbour}\nexport async function a(id: string) {\n  await kv.set(\`session:\${id}\`, 1);\n}\nexport async function b(id: string) {\n  await kv.set(\`session:\${id}\`, 1);\n}\nconst t = "${token}";\n`;
      writeTree(t.dir, { "a.ts": body("", "// v1") });
      const before = await fingerprints(t.dir);
      expect(before.size).toBe(3);
      fs.writeFileSync(path.join(t.dir, "a.ts"), body("// new header\n\n\n", "// v2, edited"));
      const after = await fingerprints(t.dir);
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      for (const [k, line] of after) expect(line).toBe(before.get(k)! + 3);
      // Re-indenting does not change the hash either.
      fs.writeFileSync(path.join(t.dir, "a.ts"), body("", "// v1").replace(/\n {2}await/g, "\n\t\tawait"));
      expect([...(await fingerprints(t.dir)).keys()].sort()).toEqual([...before.keys()].sort());
    } finally {
      t.cleanup();
    }
  });
});

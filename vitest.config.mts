import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests that run the bundle spawn processes; two workers match this 2-core machine.
    maxWorkers: 2,
  },
});

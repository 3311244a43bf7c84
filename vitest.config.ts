import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Building documents is CPU-bound; the default 5 s is tight on 2 cores under load.
    testTimeout: 30_000,
    reporters: ["default", "./tests/helpers/summary-reporter.ts"],
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["./tests/helpers/global-setup.ts"],
    // No wall-clock limits: the machines are shared and busy, and a slow run
    // is not a failure (speed is measured by `npm run bench`, not by tests).
    testTimeout: 0,
    hookTimeout: 0,
    reporters: ["default", "./tests/helpers/summary-reporter.ts"],
  },
});

import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Test files share their worker's loaded modules instead of loading the
    // pipeline (zod, docx, pdf-lib, fontkit, …) again for each file: about a
    // third of the suite's time on 2 cores. No test changes module state.
    isolate: false,
    // Vitest leaves one core free by default, which on the 2-core CI machine
    // means one worker; many tests wait on child processes, so two keep both
    // cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: ["./tests/helpers/global-setup.ts"],
    // No wall-clock limits: the machines are shared and busy, and a slow run
    // is not a failure (speed is measured by `npm run bench`, not by tests).
    testTimeout: 0,
    hookTimeout: 0,
    reporters: ["default", "./tests/helpers/summary-reporter.ts"],
  },
});

import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
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
    projects: [
      {
        extends: true,
        test: {
          name: "delade",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/**/*.mocked.test.ts", "**/node_modules/**"],
          // Test files share their worker's loaded modules instead of loading the
          // pipeline (zod, docx, pdf-lib, fontkit, …) again for each file: about a
          // third of the suite's time on 2 cores. No test changes module state.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "egna",
          // A file that replaces a module with vi.mock (a refused write, a save
          // at a fixed moment of the build) needs modules of its own: in a
          // shared worker the real module may be loaded already.
          include: ["tests/**/*.mocked.test.ts"],
          isolate: true,
        },
      },
    ],
  },
});

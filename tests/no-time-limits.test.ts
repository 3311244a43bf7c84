// The team's rule, checked: no test can fail because the machine is busy.
// The machines are shared by several builds at once; a test that passes in
// 5 s alone may take 60 s then. Speed is measured by `npm run bench`.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import config from "../vitest.config.js";

const ROOT = join(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|mts)$/.test(name) ? [path] : [];
  });
}

describe("time limits in tests", () => {
  it("are off for every test and hook", () => {
    expect(config.test?.testTimeout).toBe(0);
    expect(config.test?.hookTimeout).toBe(0);
  });

  it("are not set again by a test file (a number after the test's function, { timeout }, vi.setConfig)", () => {
    const limited = sources(join(ROOT, "tests"))
      .filter((path) => !path.endsWith("no-time-limits.test.ts"))
      .flatMap((path) =>
        readFileSync(path, "utf8")
          .split("\n")
          .map((line, i) => ({ line, at: `${relative(ROOT, path)}:${i + 1}` }))
          .filter(({ line }) => /^\s*\}\s*,\s*[\d_]+\s*\)\s*;?\s*$/.test(line) || /\btimeout\s*:\s*[1-9]/.test(line) || /setConfig\(/.test(line)),
      )
      .map(({ at, line }) => `${at}: ${line.trim()}`);
    expect(limited).toEqual([]);
  });
});

// Every command answers --help in Swedish, in the one format of src/help.ts:
// how it is typed, what it does, its flags and what its exit codes mean.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const PROGRAMS = ["cli", "diff-cli", "textconv", "ny-omgang", "importera", "forhandsgranska", "granska-pdf", "status"];

describe("--help", () => {
  it.each(PROGRAMS)("%s: Användning, Flaggor and Slutstatus, exit 0", (program) => {
    const args = program === "cli" ? ["build", "--help"] : ["--help"];
    const result = spawnSync(process.execPath, ["scripts/run.mjs", program, ...args], { cwd: ROOT, encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Användning:\n {2}npm run /);
    expect(result.stdout).toContain("\nFlaggor:\n");
    expect(result.stdout).toMatch(/\nSlutstatus:\n {2}0 /);
    expect(result.stdout).not.toMatch(/\b(Usage|Options|Error)\b/);
  });
});

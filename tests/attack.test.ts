// Attacks on build and check that are not a single broken round file (those
// are in tests/broken/cases): other files in rounds/, links, special files.
// Each says what it must give; none may print a file's content it should not
// have read, or leave out/ changed.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { loadRoundFile } from "../src/load/load-round.js";

const ROOT = join(import.meta.dirname, "..");

/** The three recent rounds (2023–2025) into `dir`/rounds. */
function copyRounds(dir: string): void {
  mkdirSync(join(dir, "rounds"), { recursive: true });
  for (const year of ["2023", "2024", "2025"]) cpSync(join(ROOT, "rounds", `${year}.yaml`), join(dir, "rounds", `${year}.yaml`));
}

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "lum-attack-"));
  copyRounds(dir);
  return dir;
}

async function run(dir: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), cwd: dir });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("a file's year is its name's year", () => {
  it("refuses rounds/2025.yaml saying år: 2024, and a single-file build leaves out/2024 alone", async () => {
    const dir = project();
    writeFileSync(join(dir, "rounds", "2025.yaml"), readFileSync(join(dir, "rounds", "2025.yaml"), "utf8").replace(/^år: 2025/m, "år: 2024"));
    const result = await run(dir, "build", "rounds/2025.yaml");
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^rounds\/2025\.yaml:\d+:\d+: fel: Filen heter 2025\.yaml, men år: är 2024\. \[ar-filnamn\]$/m);
    expect(readdirSync(dir)).not.toContain("out");
  });

  it("refuses a single file whose year another round file in the folder already has", async () => {
    const dir = project();
    cpSync(join(dir, "rounds", "2024.yaml"), join(dir, "rounds", "kopia.yaml"));
    const result = await run(dir, "build", "rounds/kopia.yaml");
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^rounds\/kopia\.yaml:\d+:\d+: fel: År 2024 finns redan i rounds\/2024\.yaml\. \[ar-dubblett\]$/m);
    expect(readdirSync(dir)).not.toContain("out");
  });
});

describe("a broken previous-year file", () => {
  it("is reported instead of silently changing this year's redovisning", async () => {
    const dir = project();
    const path = join(dir, "rounds", "2023.yaml");
    writeFileSync(path, readFileSync(path, "utf8").replace("titel:", "titl:"));
    const single = await run(dir, "build", "rounds/2024.yaml");
    expect(single.code).toBe(1);
    expect(single.err).toContain("Förra årets fil, rounds/2023.yaml, går inte att läsa (1 fel)");
    expect(single.err).toContain("[foregaende-ar-trasigt]");
    // Building every file reports 2023's own error, and stops too.
    const all = await run(dir, "build");
    expect(all.code).toBe(1);
    expect(all.err).toMatch(/^rounds\/2023\.yaml:\d+:\d+: fel: Nyckeln "titl" är okänd här/m);
  });
});

describe("links and special files in rounds/", () => {
  it("never follows a link out of the project, nor prints what it points at", async () => {
    const dir = project();
    const secret = join(mkdtempSync(join(tmpdir(), "lum-secret-")), "token");
    writeFileSync(secret, "ghp_HEMLIGTTOKEN1234567890\n");
    symlinkSync(secret, join(dir, "rounds", "2026.yaml"));
    for (const command of ["check", "build"]) {
      const result = await run(dir, command);
      expect(result.code).toBe(1);
      expect(result.err).toContain("rounds/2026.yaml: fel: Filen rounds/2026.yaml är en länk till en fil utanför projektet och läses inte. [fil-utanfor-projektet]");
      expect(result.err + result.out).not.toContain("HEMLIGT");
    }
    // A single-file build of another year does not read it either.
    const single = await run(dir, "check", "rounds/2024.yaml");
    expect(single.err + single.out).not.toContain("HEMLIGT");
  });

  it("follows a link that stays inside the project", async () => {
    const dir = project();
    mkdirSync(join(dir, "arkiv"));
    cpSync(join(dir, "rounds", "2025.yaml"), join(dir, "arkiv", "2025.yaml"));
    writeFileSync(join(dir, "rounds", "2025.yaml"), "");
    const { rmSync } = await import("node:fs");
    rmSync(join(dir, "rounds", "2025.yaml"));
    symlinkSync(join("..", "arkiv", "2025.yaml"), join(dir, "rounds", "2025.yaml"));
    expect((await run(dir, "check")).code).toBe(0);
  });

  it("refuses a FIFO at once instead of waiting for a writer", async () => {
    const dir = project();
    execFileSync("mkfifo", [join(dir, "rounds", "2026.yaml")]);
    const result = await run(dir, "check");
    expect(result.code).toBe(1);
    expect(result.err).toContain("rounds/2026.yaml: fel: rounds/2026.yaml är en namngiven pipe (FIFO), inte en vanlig fil, och läses inte. [fil-inte-vanlig]");
    // …also when it is only a sibling of the file being built.
    const single = await run(dir, "check", "rounds/2024.yaml");
    expect(single.code).toBe(0);
  });

  it("refuses a device and a folder", async () => {
    const dir = project();
    symlinkSync("/dev/zero", join(dir, "rounds", "2026.yaml"));
    mkdirSync(join(dir, "rounds", "2027.yaml"));
    const result = await run(dir, "check", "rounds/2026.yaml", "rounds/2027.yaml", "/dev/zero");
    expect(result.code).toBe(1);
    expect(result.err).toContain("rounds/2026.yaml är en länk till en fil utanför projektet");
    expect(result.err).toContain("rounds/2027.yaml är en mapp, inte en vanlig fil");
    expect(result.err).toContain("/dev/zero är en enhetsfil, inte en vanlig fil");
  });

  it("checks the size on what is read, not on what stat says", async () => {
    // /proc/self/pagemap: stat says 0 bytes, reading gives gigabytes.
    const result = await loadRoundFile("/proc/self/pagemap", "pagemap.yaml");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.diagnostics.map((d) => d.code)).toEqual(["fil-for-stor"]);
  });
});

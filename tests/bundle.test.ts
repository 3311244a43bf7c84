// The bundle in dist/ (scripts/run.mjs) is never used broken: it is built
// aside and renamed, chosen by the content of the sources (not file times),
// and a half-written or abandoned one is rebuilt or removed. Runs a copy of
// the project, so the real dist/ is left alone.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");

function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), "lum-bundle-"));
  for (const part of ["src", "scripts", "templates", "data", "rounds", "package.json", "package-lock.json"]) {
    if (existsSync(join(ROOT, part))) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  }
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

const run = (dir: string, ...args: string[]) => spawnSync(process.execPath, [join(dir, "scripts", "run.mjs"), "cli", ...args], { cwd: dir, encoding: "utf8" });
const bundles = (dir: string) => readdirSync(join(dir, "dist")).filter((n) => /^[0-9a-f]{16}$/.test(n));

describe("the bundle in dist/", () => {
  const dir = copy();
  let first = "";

  it("is built aside and marked complete", () => {
    const result = run(dir, "check");
    expect(result.stderr).not.toContain("fel:");
    expect(result.stdout).toContain("Kontrollerade");
    expect(result.status).toBe(0);
    expect(bundles(dir)).toHaveLength(1);
    first = bundles(dir)[0]!;
    expect(readdirSync(join(dir, "dist", first))).toContain("klar");
    expect(readdirSync(join(dir, "dist")).filter((n) => n.startsWith("."))).toEqual([]);
  });

  it("is rebuilt when a source changed, even if the file looks older than the bundle", () => {
    const usage = join(dir, "src", "help.ts");
    writeFileSync(usage, readFileSync(usage, "utf8").replace('"Användning:"', '"Användning (ändrad text):"'));
    utimesSync(usage, new Date(2001, 0, 1), new Date(2001, 0, 1));
    const result = run(dir, "hjälp");
    expect(result.stdout).toContain("Användning (ändrad text):");
    expect(bundles(dir)).toHaveLength(2);
  });

  it("is rebuilt when it was left half-written", () => {
    const [current] = bundles(dir).filter((b) => b !== first);
    rmSync(join(dir, "dist", current!, "klar"));
    writeFileSync(join(dir, "dist", current!, "cli.cjs"), "exports.run = (");
    const result = run(dir, "hjälp");
    expect(result.stdout).toContain("Användning (ändrad text):");
    expect(existsSync(join(dir, "dist", current!, "klar"))).toBe(true);
  });

  it("removes what a killed build left behind", () => {
    mkdirSync(join(dir, "dist", ".bygge-999999-abcd"), { recursive: true });
    writeFileSync(join(dir, "dist", ".bygge-999999-abcd", "cli.cjs"), "halv");
    writeFileSync(join(dir, "src", "extra.ts"), "export const x = 1;\n"); // new sources: a build runs
    expect(run(dir, "check").status).toBe(0);
    expect(readdirSync(join(dir, "dist")).filter((n) => n.startsWith("."))).toEqual([]);
  });
});

const mounted: string[] = [];
afterAll(() => {
  for (const at of mounted) execFileSync("umount", [at], { stdio: "ignore" });
});

describe("a bundle that cannot be written", () => {
  it("says the disk is full, and the next run on a disk with room works", (context) => {
    const dir = copy();
    mkdirSync(join(dir, "dist"));
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", join(dir, "dist")], { stdio: "ignore" });
      mounted.push(join(dir, "dist"));
    } catch {
      context.skip(); // mounting is not allowed here
    }
    const result = run(dir, "check");
    expect(result.status).toBe(74);
    expect(result.stderr).toContain("Kan inte förbereda verktyget: disken är full.");
    expect(readdirSync(join(dir, "dist"))).toEqual([]);
    execFileSync("umount", [join(dir, "dist")]);
    mounted.pop();
    expect(run(dir, "check").status).toBe(0);
  });
});

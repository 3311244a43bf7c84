// Nothing lost: a build killed (SIGKILL, as kill -9) at every step of writing
// out/ leaves, once the next build has run its recovery, every year either
// fully old or fully new (all years together), and none missing; two builds at
// once both succeed and leave every file. Kill points are steps counted by
// src/write/output.ts (LUM_AVBRYT_VID_STEG), not moments in time.
import { execFile, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { recoverOutput, withOutputLock } from "../src/write/output.js";
import { bounded, until } from "./helpers/bounded.js";
import { renderFile } from "./helpers/build.js";

/** How many files a build of 2023 writes (rendered once per test run). */
const filesOf2023 = async () => (await renderFile(join(import.meta.dirname, "..", "rounds", "2023.yaml"))).files.length;

const ROOT = join(import.meta.dirname, "..");

/**
 * Three small rounds (2022, 2023 with its tjänsteutlåtande, 2025) into
 * `dir`/rounds: real builds of several years, without 2024's 74 files.
 */
function copyRounds(dir: string): void {
  mkdirSync(join(dir, "rounds"), { recursive: true });
  for (const year of ["2022", "2023", "2025"]) cpSync(join(ROOT, "rounds", `${year}.yaml`), join(dir, "rounds", `${year}.yaml`));
}
const YEARS = ["2023", "2024", "2025"];
const FILES = ["a.docx", "a.pdf", "sub/b.txt"];
/** The command line as `npm run build` runs it: the bundle in dist/, started by plain node. */
const CLI = [join(ROOT, "scripts", "run.mjs"), "cli"];

/** Runs node with `args`; resolves to its exit code, or "SIGKILL" when it was killed. */
function child(args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<number | string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: "ignore" });
    p.on("error", reject);
    p.on("exit", (code, signal) => resolve(signal ?? code ?? -1));
  });
}

// The write step alone (tests/helpers/output-child.ts), bundled once with
// esbuild so that each of the many children starts as plain node (tsx would
// add a second or more to each).
let writer = "";
beforeAll(async () => {
  const { build } = await import("esbuild");
  writer = join(mkdtempSync(join(tmpdir(), "lum-crash-child-")), "output-child.mjs");
  await build({ entryPoints: [join(ROOT, "tests", "helpers", "output-child.ts")], outfile: writer, bundle: true, platform: "node", format: "esm", logLevel: "silent" });
});

/** The stamp of a year's folder: "gammal", "ny", "saknas", or "blandad" when its files disagree or are missing. */
function stampOf(out: string, year: string): string {
  if (!existsSync(join(out, year))) return "saknas";
  const stamps = new Set(FILES.map((f) => (existsSync(join(out, year, f)) ? readFileSync(join(out, year, f), "utf8").split(" ")[0] : "fil-saknas")));
  const listed = readdirSync(join(out, year)).sort().join(",");
  return stamps.size === 1 && listed === "a.docx,a.pdf,sub" ? [...stamps][0]! : "blandad";
}

function oldTree(): string {
  const dir = mkdtempSync(join(tmpdir(), "lum-crash-"));
  const out = join(dir, "out");
  for (const year of YEARS) {
    for (const f of FILES) {
      mkdirSync(join(out, year, "sub"), { recursive: true });
      writeFileSync(join(out, year, f), `gammal ${f}`);
    }
  }
  return out;
}

describe("a build killed at any step", () => {
  it("leaves every year fully old or fully new once recovered, all years together", async () => {
    const seen: string[] = [];
    let finished = false;
    for (let n = 1; n <= 40 && !finished; n++) {
      const out = oldTree();
      const result = await child([writer, "write", out, "ny"], { LUM_AVBRYT_VID_STEG: String(n) });
      if (result === 0) {
        finished = true;
        expect(YEARS.map((y) => stampOf(out, y))).toEqual(["ny", "ny", "ny"]);
        expect(readdirSync(out)).toEqual(YEARS);
        break;
      }
      expect(result).toBe("SIGKILL");
      // Right after the kill no year is ever mixed (at most one is moved aside).
      const after = YEARS.map((y) => stampOf(out, y));
      expect(after.filter((s) => s === "blandad")).toEqual([]);
      expect(after.filter((s) => s === "saknas").length).toBeLessThanOrEqual(1);
      // The next run's recovery (here in this process, as a build starts with it): all old or all new, nothing missing, nothing left over.
      await withOutputLock(out, () => recoverOutput(out));
      const recovered = YEARS.map((y) => stampOf(out, y));
      expect(new Set(recovered).size, `step ${n}: ${recovered}`).toBe(1);
      expect(["gammal", "ny"]).toContain(recovered[0]);
      expect(readdirSync(out)).toEqual(YEARS);
      seen.push(`${n}:${after.join("/")}→${recovered[0]}`);
    }
    expect(finished).toBe(true);
    // The kills covered the states that matter: before the commit (undone),
    // between a year's two renames (a year missing), and after (finished).
    expect(seen.some((s) => s.endsWith("→gammal"))).toBe(true);
    expect(seen.some((s) => s.includes("saknas") && s.endsWith("→ny"))).toBe(true);
    expect(seen.length).toBeGreaterThanOrEqual(9);
  });

  it("is recovered by the next build even when that build stops on an error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lum-crash-cli-"));
    copyRounds(dir);
    mkdirSync(join(dir, "out", "2023"), { recursive: true });
    writeFileSync(join(dir, "out", "2023", "tjansteutlatande.docx"), "förra bygget");
    // Steps of a real build: lock, three years written, commit, then 2022 moved in
    // (no old 2022: one step), then 2023 moved aside: step 7 kills between 2023's renames.
    const killed = await child([...CLI, "build"], { LUM_AVBRYT_VID_STEG: "7" }, dir);
    expect(killed).toBe("SIGKILL");
    expect(existsSync(join(dir, "out", "2023"))).toBe(false);
    // The next build has a broken round file and stops; out/2023 comes back, new.
    writeFileSync(join(dir, "rounds", "2025.yaml"), "år: [");
    const err: string[] = [];
    expect(await main(["build"], { out: () => {}, err: (l) => err.push(l), cwd: dir })).toBe(1);
    expect(readFileSync(join(dir, "out", "2023", "tjansteutlatande.docx")).subarray(0, 2).toString()).toBe("PK");
    // The killed build never wrote its record (.indata.json): the next one rebuilds.
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["2022", "2023", "2025"]);
  });
});

function countFiles(dir: string): number {
  return readdirSync(dir).reduce((n, name) => n + (statSync(join(dir, name)).isDirectory() ? countFiles(join(dir, name)) : 1), 0);
}

describe("two builds at once", () => {
  it("both succeed and out/2023 has every file of a single build (in one process)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lum-race-"));
    copyRounds(dir);
    const io = { out: () => {}, err: () => {}, cwd: dir };
    expect(await Promise.all([main(["build"], io), main(["build"], io)])).toEqual([0, 0]);
    expect(countFiles(join(dir, "out", "2023"))).toBe(await filesOf2023());
    expect(readdirSync(join(dir, "out")).sort()).toEqual([".indata.json", "2022", "2023", "2025"]);
  });

  it("both succeed and out/2023 has every file of a single build (two processes)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lum-race-"));
    copyRounds(dir);
    expect(await Promise.all([child([...CLI, "build"], {}, dir), child([...CLI, "build"], {}, dir)])).toEqual([0, 0]);
    expect(countFiles(join(dir, "out", "2023"))).toBe(await filesOf2023());
    expect(readdirSync(join(dir, "out")).sort()).toEqual([".indata.json", "2022", "2023", "2025"]);
  });

  it("waits for a running build and says so", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lum-race-"));
    copyRounds(dir);
    // A lock held by a live process (this test's parent, the vitest worker's parent).
    mkdirSync(join(dir, "out", ".bygge"), { recursive: true });
    writeFileSync(join(dir, "out", ".bygge", "lås"), `${process.ppid} x\n`);
    const err: string[] = [];
    const build = main(["build"], { out: () => {}, err: (l) => err.push(l), cwd: dir });
    // It waits until the lock goes away; release it once the build has said it waits.
    await until(() => err.some((l) => l.includes("Väntar")), "the build's message that it waits for the lock");
    expect(err.join("\n")).toContain(`Ett annat bygge pågår (process ${process.ppid}). Väntar tills det är klart`);
    expect(existsSync(join(dir, "out", "2023"))).toBe(false);
    const { unlinkSync } = await import("node:fs");
    unlinkSync(join(dir, "out", ".bygge", "lås"));
    expect(await bounded(build, "the build after the lock was released")).toBe(0);
    expect(countFiles(join(dir, "out", "2023"))).toBe(await filesOf2023());
  });

  it("takes over the lock of a build that was killed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lum-race-"));
    copyRounds(dir);
    const dead = await promisify(execFile)(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
    mkdirSync(join(dir, "out", ".bygge"), { recursive: true });
    writeFileSync(join(dir, "out", ".bygge", "lås"), `${dead.stdout} x\n`);
    expect(await main(["build"], { out: () => {}, err: () => {}, cwd: dir })).toBe(0);
    expect(readdirSync(join(dir, "out")).sort()).toEqual([".indata.json", "2022", "2023", "2025"]);
  });
});

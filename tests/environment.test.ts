// Environment faults say what they are: a full disk, a read-only out/, out/ on
// another filesystem, a reader that goes away (EPIPE). And no message carries
// English from a library: every yaml error and every kind of zod issue the
// schema can raise is gone through. The disk tests mount small tmpfs
// filesystems (the test machine runs as root); where mounting is not allowed
// they are skipped and say so.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkRounds } from "../src/pipeline/index.js";
import { YAML_ERRORS } from "../src/load/load-round.js";
import { environmentMessage } from "../src/program.js";
import { renderFile } from "./helpers/build.js";

/** How many files a build of 2023 writes (rendered once per test run). */
const filesOf2023 = async () => (await renderFile(join(import.meta.dirname, "..", "rounds", "2023.yaml"))).files.length;

const ROOT = join(import.meta.dirname, "..");

/** Three small rounds (2022, 2023 with its tjänsteutlåtande, 2025) into `dir`/rounds: about 550 kB of documents. */
function copyRounds(dir: string): void {
  mkdirSync(join(dir, "rounds"), { recursive: true });
  for (const year of ["2022", "2023", "2025"]) cpSync(join(ROOT, "rounds", `${year}.yaml`), join(dir, "rounds", `${year}.yaml`));
}
/** The command line as `npm run build` runs it (the bundle in dist/). */
const CLI = [join(ROOT, "scripts", "run.mjs"), "cli"];
const ENGLISH = /\b(object|null|undefined|expected|received|string|number|boolean|array|int|invalid|must|error|too|input)\b/i;

function cli(cwd: string, args: string[], closeStdout = false): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...CLI, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    // The reader goes away before a single line is printed: every write meets EPIPE.
    if (closeStdout) p.stdout.destroy();
    else p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.on("error", reject);
    p.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "lum-env-"));
  copyRounds(dir);
  return dir;
}

const mounted: string[] = [];
function mountTmpfs(at: string, options: string): boolean {
  mkdirSync(at, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", at], { stdio: "ignore" });
    mounted.push(at);
    return true;
  } catch {
    return false;
  }
}
afterAll(() => {
  for (const at of mounted.reverse()) execFileSync("umount", [at], { stdio: "ignore" });
});

const canMount = (() => {
  const probe = mkdtempSync(join(tmpdir(), "lum-mount-"));
  if (!mountTmpfs(probe, "size=64k")) return false;
  return true;
})();

function countFiles(dir: string): number {
  return readdirSync(dir).reduce((n, name) => n + (statSync(join(dir, name)).isDirectory() ? countFiles(join(dir, name)) : 1), 0);
}

describe.skipIf(!canMount)("out/ on a disk of its own", () => {
  it("builds when out/ is another filesystem", async () => {
    const dir = project();
    expect(mountTmpfs(join(dir, "out"), "size=64m")).toBe(true);
    const result = await cli(dir, ["build"]);
    expect(result.stderr).not.toMatch(/: fel:|Internt fel|EPIPE|Error|\n\s+at /);
    expect(result.code).toBe(0);
    expect(countFiles(join(dir, "out", "2023"))).toBe(await filesOf2023());
  });

  it("says the disk is full, and leaves out/ as it was", async () => {
    const dir = project();
    // Smaller than the documents of the three rounds.
    expect(mountTmpfs(join(dir, "out"), "size=200k")).toBe(true);
    mkdirSync(join(dir, "out", "2024"));
    writeFileSync(join(dir, "out", "2024", "tjansteutlatande.docx"), "förra bygget");
    const result = await cli(dir, ["build"]);
    expect(result.code).toBe(74);
    expect(result.stderr).toContain("Datorn stoppade arbetet: disken är full");
    expect(result.stderr).toContain("Frigör utrymme på disken");
    expect(result.stderr).not.toContain("Internt fel");
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["2024"]);
    expect(readFileSync(join(dir, "out", "2024", "tjansteutlatande.docx"), "utf8")).toBe("förra bygget");
  });

  it("says out/ is read-only", async () => {
    const dir = project();
    expect(mountTmpfs(join(dir, "out"), "size=64k,ro")).toBe(true);
    const result = await cli(dir, ["build"]);
    expect(result.code).toBe(74);
    expect(result.stderr).toMatch(/^Datorn stoppade arbetet: mappen ligger på en skrivskyddad disk \(.*out.*\)\.$/m);
    expect(result.stderr).not.toContain("Internt fel");
  });
});

describe("a reader that goes away", () => {
  it("ends the build quietly and the build still finishes (npm run build | head -1)", async () => {
    const dir = project();
    const result = await cli(dir, ["build"], true);
    expect(result.stderr).not.toMatch(/: fel:|Internt fel|EPIPE|Error|\n\s+at /);
    expect(result.code).toBe(0);
    expect(countFiles(join(dir, "out", "2023"))).toBe(await filesOf2023());
  });
});

describe("messages from libraries", () => {
  it("translate every error code yaml has, with no English", () => {
    const codes = readFileSync(join(ROOT, "node_modules", "yaml", "dist", "errors.d.ts"), "utf8").match(/ErrorCode = ([^;]+);/)![1]!.match(/'(\w+)'/g)!;
    expect(codes.length).toBeGreaterThan(20);
    for (const code of codes) {
      const text = YAML_ERRORS[code.slice(1, -1) as keyof typeof YAML_ERRORS];
      expect(text, code).toBeDefined();
      expect(text).not.toMatch(ENGLISH);
    }
  });

  it("name each fault of the computer in Swedish, and no other error", () => {
    for (const code of ["EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT", "EIO", "EMFILE", "ENFILE", "ENAMETOOLONG", "ENOTDIR", "EISDIR", "ENOMEM"]) {
      const message = environmentMessage(Object.assign(new Error("x"), { code, path: "/p/out" }));
      expect(message, code).toMatch(/^Datorn stoppade arbetet: .+ \(\/p\/out\)\.\n.+\.$/);
      expect(message).not.toMatch(ENGLISH);
    }
    expect(environmentMessage(new TypeError("x is not a function"))).toBeUndefined();
  });

  /** Round files that raise each kind of issue, yaml error and zod issue alike. */
  const base = readFileSync(join(ROOT, "rounds", "2024.yaml"), "utf8");
  const cases: [string, string][] = [
    ["invalid_type (text)", base.replace("titel: ", "titel: [1, 2]\nx: ")],
    ["invalid_type (list)", base.replace(/^huvudkriterier:/m, "huvudkriterier: 5\nhuvudkriterier_gammal:")],
    ["invalid_type (object)", base.replace(/^regler:/m, "regler: 5\nregler_gammal:")],
    ["invalid_type (boolean)", base.replace("godkänd: true", 'godkänd: "ja"')],
    ["invalid_type (null)", base.replace("titel: ", "titel: null\nx: ")],
    ["too_small (list)", base.replace(/^undertecknare:[\s\S]*?(?=^\S)/m, "undertecknare: []\n")],
    ["too_small (text)", base.replace(/^titel: .*$/m, 'titel: ""')],
    ["too_big / too_small (number)", base.replace(/procent: \d+/, "procent: 250").replace("projektår: 2", "projektår: 11")],
    ["invalid_value (enum)", base.replace("utfall: avslag", "utfall: nej")],
    ["invalid_format", base.replace(/^återbetalning_senast: .*$/m, "återbetalning_senast: igår")],
    ["invalid_union (amount)", base.replace("sökt: 23 400", "sökt: [1]")],
    ["unrecognized_keys", base.replace("titel:", "titlar: x\ntitel:")],
    ["custom", base.replace(/belopp: 200 000\n/, "")],
    ["yaml: multiple documents", `${base}\n---\nx: 1\n`],
    ["yaml: bad escape", base.replace(/^titel: .*$/m, 'titel: "a\\qb"')],
    ["yaml: block in flow", base.replace(/^titel: .*$/m, "titel: [a,\n- b]")],
    ["yaml: bad indent", base.replace(/^titel: (.*)$/m, "titel:\n    - a\n  b: c")],
    ["yaml: alias", base.replace(/^titel: .*$/m, "titel: *saknas")],
    ["yaml: long key", base.replace(/^titel: .*$/m, `${"k".repeat(1100)}: x`)],
  ];
  it.each(cases)("%s: a Swedish message, no English", async (_, text) => {
    const path = join(mkdtempSync(join(tmpdir(), "lum-sweep-")), "2024.yaml");
    writeFileSync(path, text);
    const { diagnostics } = await checkRounds([path]);
    expect(diagnostics.filter((d) => d.severity === "fel").length).toBeGreaterThan(0);
    for (const d of diagnostics) expect(`${d.message} ${d.hint}`, d.message).not.toMatch(ENGLISH);
  });
});

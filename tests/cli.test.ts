// The command line as the secretary meets it: a broken round file gives a
// Swedish message with file, line and column, exit code 1, and out/ is left
// exactly as it was.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { main } from "../src/cli.js";

const ROOT = join(import.meta.dirname, "..");
let dir: string;
let out: string[];
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lum-cli-"));
  cpSync(join(ROOT, "rounds"), join(dir, "rounds"), { recursive: true });
  mkdirSync(join(dir, "out", "2024"), { recursive: true });
  writeFileSync(join(dir, "out", "2024", "tjansteutlatande.docx"), "förra bygget");
  out = [];
  err = [];
});

const run = (...args: string[]) => main(args, { out: (l) => out.push(l), err: (l) => err.push(l), cwd: dir });

function snapshotOut(): string {
  const walk = (d: string): string[] =>
    readdirSync(d).sort().flatMap((n) => {
      const p = join(d, n);
      return statSync(p).isDirectory() ? walk(p) : [`${p}:${readFileSync(p).toString("base64")}`];
    });
  return walk(join(dir, "out")).join("\n");
}

function breakRound(find: string, replace: string, file = "rounds/2024.yaml") {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  if (!text.includes(find)) throw new Error(`test setup: "${find}" not in ${file}`);
  writeFileSync(path, text.replace(find, replace));
}

const lineOf = (find: string, file = "rounds/2024.yaml") =>
  readFileSync(join(dir, file), "utf8").split("\n").findIndex((l) => l.includes(find)) + 1;

describe("build", () => {
  it("writes every document of every round into out/<year>/", async () => {
    expect(await run("build")).toBe(0);
    for (const year of ["2023", "2024"]) {
      const files = readdirSync(join(dir, "out", year)).sort();
      expect(files).toEqual([
        "bilaga-1-ansokningar-lum.docx",
        "bilaga-1-ansokningar-lum.txt",
        "bilaga-2-ansokningar-mul.docx",
        "bilaga-2-ansokningar-mul.txt",
        "tjansteutlatande.docx",
        "tjansteutlatande.txt",
      ]);
    }
    expect(readFileSync(join(dir, "out", "2024", "tjansteutlatande.docx")).subarray(0, 2).toString()).toBe("PK");
    expect(readdirSync(join(dir, "out")).filter((n) => n.startsWith("."))).toEqual([]);
  });

  it("stops on a YAML syntax error with file, line and column, and leaves out/ alone", async () => {
    const before = snapshotOut();
    breakRound("  namn: Anna Andersson", "  namn: Anna Andersson\n telefon 08");
    expect(await run("build")).toBe(1);
    const message = err.join("\n");
    expect(message).toMatch(/rounds\/2024\.yaml:\d+:\d+: fel: Filen går inte att läsa som YAML/);
    expect(message).toContain("Inga dokument har skrivits eller ändrats i out/");
    expect(snapshotOut()).toBe(before);
    expect(readdirSync(join(dir, "out"))).toEqual(["2024"]);
  });

  it("points a wrong value at its own line, deep in the file", async () => {
    const before = snapshotOut();
    breakRound("    sökt: 460 000             # PLATSHÅLLARE", "    sökt: fyrahundra");
    const line = lineOf("    sökt: fyrahundra");
    expect(await run("build")).toBe(1);
    const message = err.join("\n");
    expect(message).toContain(`rounds/2024.yaml:${line}:11: fel: "lum[11].sökt" ska vara ett belopp i hela kronor`);
    expect(message).toContain(`  ${line} |     sökt: fyrahundra`);
    expect(message).toContain("^^^^^^^^^^");
    expect(snapshotOut()).toBe(before);
  });

  it("names an unknown key and suggests the nearest known one", async () => {
    breakRound("    projekt: Digital Lots för samsjukliga", "    projket: Digital Lots för samsjukliga");
    const line = lineOf("projket:");
    expect(await run("check")).toBe(1);
    const message = err.join("\n");
    expect(message).toContain(`rounds/2024.yaml:${line}:5: fel: Nyckeln "projket" är okänd här. Menade du "projekt"?`);
    // The missing key is reported too, at the application it belongs to.
    expect(message).toMatch(/"lum\[4\]\.projekt" saknas/);
  });

  it("reports every broken file in one run", async () => {
    breakRound("år: 2023", "år: tjugotjugotre", "rounds/2023.yaml");
    breakRound("datum: 2023-12-12", "datum: 2023-13-12");
    expect(await run("build")).toBe(1);
    const message = err.join("\n");
    expect(message).toContain(`rounds/2023.yaml:${lineOf("år: tjugotjugotre", "rounds/2023.yaml")}:5: fel: "år"`);
    expect(message).toMatch(/rounds\/2024\.yaml:\d+:8: fel: "datum" är inte ett datum som finns i kalendern/);
  });

  it("says what to do about a missing file, with exit code 1", async () => {
    expect(await run("build", "rounds/2025.yaml")).toBe(1);
    expect(err.join("\n")).toContain("rounds/2025.yaml: fel: Filen rounds/2025.yaml finns inte eller kan inte läsas.");
  });

  it("answers wrong usage with the usage text and exit code 2", async () => {
    expect(await run("bygg")).toBe(2);
    expect(err.join("\n")).toContain("Användning:");
    expect(await run("build", "--snabbt")).toBe(2);
  });
});

describe("the real command", () => {
  it("prints no stack trace for a broken file", async () => {
    breakRound("lum:", "lum: [");
    const result = await promisify(execFile)(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "src", "cli.ts"), "build"], { cwd: dir }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/rounds\/2024\.yaml:\d+:\d+: fel:/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

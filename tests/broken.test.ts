// The corpus of broken round files (tests/broken/cases, written by
// tests/broken/generate.ts): each must give its diagnostic, at its line,
// stop the build with exit code 1 (warnings: only with --strict), and leave
// out/ exactly as it was.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { catalogue, type DiagnosticCode } from "../src/diagnostics/catalogue.js";

const ROOT = join(import.meta.dirname, "..");
const LIBRARY_WORDS = /\b(object|null|number|string|array|boolean|undefined|expected|received|Invalid|instanceof)\b/;
const CASES = join(import.meta.dirname, "broken", "cases");
const names = readdirSync(CASES).filter((f) => f.endsWith(".yaml")).map((f) => f.replace(/\.yaml$/, "")).sort();

function setup(name: string) {
  const dir = mkdtempSync(join(tmpdir(), "lum-broken-"));
  mkdirSync(join(dir, "rounds"));
  cpSync(join(ROOT, "rounds", "2023.yaml"), join(dir, "rounds", "2023.yaml"));
  cpSync(join(CASES, `${name}.yaml`), join(dir, "rounds", `${name}.yaml`));
  mkdirSync(join(dir, "out", "2024"), { recursive: true });
  writeFileSync(join(dir, "out", "2024", "tjansteutlatande.docx"), "förra bygget");
  return dir;
}

function snapshot(dir: string): string {
  const walk = (d: string): string[] =>
    readdirSync(d).sort().flatMap((n) => {
      const p = join(d, n);
      return statSync(p).isDirectory() ? walk(p) : [`${p}:${readFileSync(p).toString("base64")}`];
    });
  return walk(join(dir, "out")).join("\n");
}

async function run(dir: string, args: string[]) {
  const err: string[] = [];
  const code = await main(args, { out: () => {}, err: (l) => err.push(l), cwd: dir });
  return { code, err: err.join("\n") };
}

describe("broken round files", () => {
  it("is a corpus of at least 40 different mistakes", () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
  });

  it.each(names)("%s", async (name) => {
    // "code line", then optionally "text: …" (words the message must hold) and "fel: n" (errors in all, no follow-on errors).
    const [first, ...more] = readFileSync(join(CASES, `${name}.expected`), "utf8").trim().split("\n");
    const [code, lineText] = first!.split(" ") as [DiagnosticCode, string];
    const line = Number(lineText);
    const says = more.find((l) => l.startsWith("text: "))?.slice("text: ".length);
    const errors = more.find((l) => l.startsWith("fel: "))?.slice("fel: ".length);
    expect(catalogue[code], `unknown code ${code}`).toBeDefined();
    const dir = setup(name);
    const before = snapshot(dir);
    const file = `rounds/${name}.yaml`;
    const where = line > 0 ? `${file}:${line}:\\d+` : file;
    const pattern = new RegExp(`^${where}: (fel|varning|notering): .*\\[${code}\\]$`, "m");

    if (catalogue[code].severity === "fel") {
      const result = await run(dir, ["build"]);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(pattern);
      if (says !== undefined) expect(result.err.match(pattern)![0]).toContain(says);
      if (errors !== undefined) expect(result.err.match(/^\S+: fel: /gm)).toHaveLength(Number(errors));
      expect(result.err).not.toMatch(/\n\s+at /);
      // No library words: the secretary reads Swedish.
      expect(result.err).not.toMatch(LIBRARY_WORDS);
      expect(snapshot(dir)).toBe(before);
    } else {
      const lenient = await run(dir, ["check"]);
      expect(lenient.code).toBe(0);
      expect(lenient.err).toMatch(pattern);
      expect(lenient.err).not.toMatch(LIBRARY_WORDS);
      const strict = await run(dir, ["check", "--strict"]);
      expect(strict.code).toBe(1);
    }
  });
});

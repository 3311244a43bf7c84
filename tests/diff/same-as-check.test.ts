// The review report says "samma kontroll som npm run check": run both on the
// same files, as a reviewer would, and they must give the same findings. The
// case from the user trial: 2025 is an inriktning (no applications), and a
// 2026 project is on its second year. check does not compare it with 2025
// (an inriktning says nothing about what was granted) and notes that; the
// report used to compare it anyway and said the project was missing from 2025.
import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main as cli } from "../../src/cli.js";
import { main as newRound } from "../../src/ny-omgang.js";
import { removeDir, replaceOnce, ROOT, runDiff, tempDir, tempRepo } from "./helpers.js";

const YEAR_2_PROJECT = `lum:
  - nr: 1
    id: digital-lots-samsjukliga
    förvaltning: Farsta
    projekt: Digital Lots för samsjukliga
    projektår: 2
    sökt: 300 000
    beslut:
      utfall: bifall
`;

let repo: ReturnType<typeof tempRepo>;
let templates: string;

beforeEach(async () => {
  repo = tempRepo();
  cpSync(join(ROOT, "rounds"), join(repo.dir, "rounds"), { recursive: true });
  templates = tempDir("same-as-check-templates");
  cpSync(join(ROOT, "templates"), templates, { recursive: true });
  const quiet = () => {};
  expect(await newRound(["2026"], { out: quiet, err: quiet, cwd: repo.dir, templateRoot: templates })).toBe(0);
  repo.git("add", "rounds");
  repo.git("commit", "-q", "-m", "2026 påbörjad");
});
afterEach(() => {
  removeDir(repo.dir);
  removeDir(templates);
});

/** The codes `npm run check` prints for errors and warnings (the report leaves notes out), sorted. */
async function checkCodes(file: string): Promise<string[]> {
  const lines: string[] = [];
  await cli(["check", file], { out: (l) => lines.push(l), err: (l) => lines.push(l), cwd: repo.dir });
  return lines
    .join("\n")
    .split("\n")
    .flatMap((l) => /^\S+:\d+:\d+: (?:fel|varning): .*\[([a-z0-9-]+)\]$/.exec(l)?.slice(1) ?? [])
    .sort();
}

/** The codes under "Kontroll av den nya versionen", with the summed-up placeholders counted one each, sorted. */
function reportCodes(report: string): string[] {
  const part = report.split("Kontroll av den nya versionen")[1] ?? "";
  const codes = [...part.matchAll(/^\s*• (?:Nytt: )?(?:Fel|Varning) .*\[([a-z0-9-]+)\]$/gm)].map((m) => m[1]!);
  const placeholders = /(\d+|En) uppgift(?:er)? är märkt/.exec(part)?.[1];
  const count = placeholders === undefined ? 0 : placeholders === "En" ? 1 : Number(placeholders);
  return [...codes, ...Array<string>(count).fill("platshallare")].sort();
}

describe("the review report's check is check's", () => {
  it("chooses last year's round as check does: not an inriktning without applications", async () => {
    const file = join(repo.dir, "rounds/2026.yaml");
    repo.write("rounds/2026.yaml", replaceOnce(readFileSync(file, "utf8"), "lum: []\n", YEAR_2_PROJECT));

    const lines: string[] = [];
    await cli(["check", "rounds/2026.yaml"], { out: (l) => lines.push(l), err: (l) => lines.push(l), cwd: repo.dir });
    const said = lines.join("\n");
    expect(said).not.toContain("[foregaende-ar-saknas]");
    expect(said).toContain("[foregaende-omgang-saknas]");

    const { code, out } = await runDiff(["HEAD:rounds/2026.yaml", "rounds/2026.yaml"], { cwd: repo.dir });
    expect(code).toBe(0);
    expect(out).not.toContain("[foregaende-ar-saknas]");
    expect(reportCodes(out)).toEqual(await checkCodes("rounds/2026.yaml"));
  });

  it("gives the same findings for a file at a revision, with the other years of that revision", async () => {
    const file = join(repo.dir, "rounds/2026.yaml");
    repo.write("rounds/2026.yaml", replaceOnce(readFileSync(file, "utf8"), "lum: []\n", YEAR_2_PROJECT));
    repo.git("commit", "-q", "-am", "Ett projekt på år 2");
    const { out } = await runDiff(["HEAD~1:rounds/2026.yaml", "HEAD:rounds/2026.yaml"], { cwd: repo.dir });
    expect(out).not.toContain("[foregaende-ar-saknas]");
    expect(reportCodes(out)).toEqual(await checkCodes("rounds/2026.yaml"));
  });

  it("still finds a year-2 project missing from last year when last year has applications", async () => {
    // 2025 with 2024's applications: the project is not among them under this id.
    const file = join(repo.dir, "rounds/2026.yaml");
    repo.write("rounds/2026.yaml", replaceOnce(readFileSync(file, "utf8"), "lum: []\n", YEAR_2_PROJECT.replace("digital-lots-samsjukliga", "inte-i-fjol")));
    const { out } = await runDiff(["HEAD:rounds/2026.yaml", "rounds/2026.yaml"], { cwd: repo.dir });
    expect(reportCodes(out)).toEqual(await checkCodes("rounds/2026.yaml"));
    // With last year's applications beside it, both say it: the same code from both commands.
    repo.write("rounds/2025.yaml", readFileSync(join(ROOT, "rounds/2024.yaml"), "utf8").replace(/^år: 2024$/m, "år: 2025"));
    const checked = await checkCodes("rounds/2026.yaml");
    expect(checked).toContain("foregaende-ar-saknas");
    const report = (await runDiff(["HEAD:rounds/2026.yaml", "rounds/2026.yaml"], { cwd: repo.dir })).out;
    expect(reportCodes(report)).toEqual(checked);
  });
});

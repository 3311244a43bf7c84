// One look shows everything open (issue 20, point 5): check lists the
// placeholders beside the missing decisions, and `npm run status` shows per
// fund and förvaltning what has a proposal and a decision, the sums, the
// limit and the placeholders, in a table that fits a terminal.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main as cli } from "../src/cli.js";
import { main as status, wrap } from "../src/status.js";

const ROOT = join(import.meta.dirname, "..");
const round2024 = readFileSync(join(ROOT, "rounds", "2024.yaml"), "utf8");

/** rounds/2024.yaml with the decisions of LUM nr 6 (a joint application) and MUL nr 1 taken out, and no meeting yet. */
function halfDone(): string {
  let text = round2024.replace("    beslut:\n      utfall: bifall\n\n  - nr: 7", "\n  - nr: 7");
  text = text.replace(/(    id: farsta-goteborg\n(?:    (?!beslut).*\n)*)    beslut:\n      utfall: bifall\n/, "$1");
  // No meeting yet, and so no anmälningsärenden either (they follow the meeting).
  const start = text.indexOf("\nsammanträde:");
  const after = text.indexOf("\nredovisning:");
  expect(start).toBeGreaterThan(0);
  return text.slice(0, start) + "\n" + text.slice(after);
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "lum-status-"));
  mkdirSync(join(dir, "rounds"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "rounds", name), text);
  return dir;
}

async function run(main: typeof cli | typeof status, dir: string, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t: string) => out.push(t), err: (l: string) => err.push(l), cwd: dir });
  return { code, out: out.join(""), err: err.join("\n") };
}

describe("check with decisions missing", () => {
  it("lists every placeholder beside the missing decisions, in one run", async () => {
    const dir = project({ "2024.yaml": halfDone() });
    const result = await run(cli, dir, ["check", "rounds/2024.yaml"]);
    expect(result.code).toBe(1);
    const missing = result.err.split("\n").filter((l) => / fel: "beslut" i (LUM|MUL)-ansökan nr \d+ saknas/.test(l));
    expect(missing).toHaveLength(2);
    const placeholders = result.err.split("\n").filter((l) => l.includes("[platshallare]"));
    expect(placeholders.length).toBeGreaterThan(10);
    expect(result.err).toMatch(new RegExp(`Kontrollen hittade 2 fel, ${placeholders.length} varningar`));
  });
});

describe("npm run status", () => {
  it("shows per fund and förvaltning the proposals, decisions, sums and limit, and what is left, within 80 columns", async () => {
    const dir = project({ "2024.yaml": halfDone() });
    const before = readFileSync(join(dir, "rounds", "2024.yaml"));
    const result = await run(status, dir, ["rounds/2024.yaml"]);
    expect(result.code, result.err).toBe(0);
    const lines = result.out.split("\n");
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
    // The joint application without a proposal is open for both its förvaltningar; its money is the first's.
    expect(lines).toContain("Hägersten-Älvsjö        1     0/1    0/1    500 000          –          –   0/2");
    expect(lines).toContain("Enskede-Årsta-Vantör    2     1/2    0/2    500 000          0          –   0/2");
    expect(lines).toContain("Farsta                  2     2/2    0/2  1 000 000    500 000          –   1/2");
    expect(lines).toContain("Summa                  14   13/14   0/14  6 460 000  2 500 000          –     7");
    expect(lines).toContain("Summa                   8     7/8    0/8    198 400    173 400          –     7");
    expect(result.out).toContain("Förslag saknas för 2 ansökningar: LUM nr 6; MUL nr 1.");
    expect(result.out).toContain("Nämndens beslut: inte än (sammanträde: läggs in när nämnden har beslutat).");
    expect(result.out).toMatch(/Platshållare kvar: \d+, på rad 13, 14, 16, 17, /);
    // It only looks: the file is as it was.
    expect(readFileSync(join(dir, "rounds", "2024.yaml"))).toEqual(before);
  });

  it("marks a förvaltning over the limit, and says when everything is decided", async () => {
    const dir = project({ "2024.yaml": round2024.replace("  max_beviljade_lum_per_förvaltning: 2\n", "  max_beviljade_lum_per_förvaltning: 2\n  max_beviljade_mul_per_förvaltning: 1\n") });
    const result = await run(status, dir, ["rounds/2024.yaml"]);
    expect(result.out).toContain("Förslag: alla ansökningar har förvaltningens förslag.");
    expect(result.out).toContain("Nämndens beslut: den 23 januari 2024, § 12, enligt förslaget.");
    // Farsta has two study visits granted against a limit of one.
    expect(result.out).toContain("Farsta                  2     2/2    2/2     50 000     50 000     50 000  2/1!");
    expect(result.out).toMatch(/Kontroll: \d+ fel, .*npm run check -- rounds\/2024\.yaml visar dem/);
  });

  it("shows the mistakes that keep the table from being shown, at their lines, with exit code 1", async () => {
    const dir = project({ "2024.yaml": round2024.replace("sökt: 300 000", "sökt: 300.000") });
    const result = await run(status, dir, ["rounds/2024.yaml"]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^rounds\/2024\.yaml:\d+:\d+: fel: .*300 000 eller 300000/m);
    expect(result.out.replace(/\n/g, " ")).toContain("rounds/2024.yaml: filen har fel (ovan) som gör att tabellen inte kan visas; rätta dem först.");
    expect(result.out).toMatch(/Platshållare kvar: 23,/);
  });

  it("says in Swedish when the file cannot be read, with exit code 1", async () => {
    const dir = project({});
    const result = await run(status, dir, ["rounds/2030.yaml"]);
    expect(result.code).toBe(1);
    expect(result.err).toContain("rounds/2030.yaml kunde inte läsas");
  });

  it("wraps its notes at word boundaries within 80 columns", () => {
    const text = "Platshållare kvar: 23, på rad 13, 14, 16, 17, 49, 60, 89, 98 och 15 till, och en mening till som gör raden lång.";
    const lines = wrap(text);
    expect(lines.length).toBe(2);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
    expect(lines.join(" ")).toBe(text);
  });
});

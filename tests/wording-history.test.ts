// Each year's wording lives in its own template set (templates/<år>/), and a
// round is written with the set of its year or the newest earlier one. So a
// new year's rewording never moves the papers of an earlier year.
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkRounds, renderRound, type RenderedRound } from "../src/pipeline/index.js";
import { TEMPLATE_ROOT, templateSetFor } from "../src/compose/compose.js";

const ROOT = join(import.meta.dirname, "..");

async function render(year: number, templateRoot?: string): Promise<RenderedRound> {
  const { rounds, diagnostics } = await checkRounds([join(ROOT, "rounds", `${year}.yaml`)]);
  if (diagnostics.some((d) => d.severity === "fel") || !rounds[0]) throw new Error(`${year}: ${diagnostics.map((d) => d.message).join("; ")}`);
  return renderRound(rounds[0], { templateRoot });
}

const bytesOf = (r: RenderedRound) => Object.fromEntries(r.files.map((f) => [f.name, Buffer.from(f.bytes).toString("base64")]));

/** Every template file below `dir`. */
const templateFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? templateFiles(join(dir, n)) : [join(dir, n)]));

describe("wording per year", () => {
  it("picks the set of the round's year, else the newest earlier one", () => {
    expect(templateSetFor(2024)?.year).toBe(2024);
    expect(templateSetFor(2023)?.year).toBe(2023);
    expect(templateSetFor(2025)?.year).toBe(2024); // no rewording for 2025 yet: 2024's words
    expect(templateSetFor(1999)).toBeUndefined();
  });

  it("a new year's rewording leaves the 2023 and 2024 papers byte-identical", async () => {
    const before = { 2023: bytesOf(await render(2023)), 2024: bytesOf(await render(2024)), 2025: bytesOf(await render(2025)) };
    // The secretary starts 2025's wording from 2024's and rewords every text in it.
    const root = mkdtempSync(join(tmpdir(), "lum-mallar-"));
    cpSync(TEMPLATE_ROOT, root, { recursive: true });
    cpSync(join(root, "2024"), join(root, "2025"), { recursive: true });
    for (const file of templateFiles(join(root, "2025")).filter((f) => f.endsWith(".hbs"))) {
      writeFileSync(file, readFileSync(file, "utf8").replace(/förvaltningen/g, "förvaltningen (omformulerat 2025)").replace(/Sammanfattning/g, "Kort sammanfattning"));
    }
    const after = { 2023: bytesOf(await render(2023, root)), 2024: bytesOf(await render(2024, root)), 2025: bytesOf(await render(2025, root)) };
    expect(after[2023]).toEqual(before[2023]);
    expect(after[2024]).toEqual(before[2024]);
    // …and the rewording did reach the new year (so the test could have failed).
    expect(after[2025]).not.toEqual(before[2025]);
    const inriktning = Buffer.from(after[2025]["inriktning.txt"]!, "base64").toString("utf8");
    expect(inriktning).toContain("omformulerat 2025");
  });

  it("words 2023 as its own paper, not 2024's", async () => {
    const text = (r: RenderedRound, name: string) => new TextDecoder().decode(r.files.find((f) => f.name === name)!.bytes);
    const t2023 = text(await render(2023), "tjansteutlatande.txt");
    const t2024 = text(await render(2024), "tjansteutlatande.txt");
    expect(t2023).toContain("evidensbaserad praktik");
    expect(t2023).not.toContain("kunskapsbaserat arbete");
    expect(t2024).toContain("kunskapsbaserat arbete");
    // 2023 signs right after the proposal; 2024 at the end, before the bilagor.
    const signed = (t: string) => t.indexOf("Avdelningschef") < t.indexOf("Sammanfattning");
    expect(signed(t2023)).toBe(true);
    expect(signed(t2024)).toBe(false);
    // 2023's own bilagor and table titles.
    expect(t2023).toContain("1. Bruttolista över inkomna LUM-ansökningar");
    expect(t2023).toContain("Förslag till fördelning av lokala utvecklingsmedel 2023");
    expect(t2024).toContain("1. Ansökningar LUM samt motivering och bedömning");
  });
});

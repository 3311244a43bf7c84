// Comparing 2023 with 2024: continuing projects are matched by id across the
// years and shown with their amounts in each year; totals per fund move as
// the two committee papers say.
import { describe, expect, it } from "vitest";
import { compareRounds } from "../../src/diff/compare.js";
import { loadRoundFile } from "../../src/load/load-round.js";
import { plain, ROUND_2023, ROUND_2024, runDiff, section } from "./helpers.js";

async function load(path: string) {
  const result = await loadRoundFile(path);
  if (!result.ok) throw new Error(`${path} did not load`);
  return result.round;
}

describe("npm run diff -- rounds/2023.yaml rounds/2024.yaml", () => {
  it("matches the projects funded in both years by id, not by number or name", async () => {
    const diff = compareRounds({ label: "2023", round: await load(ROUND_2023) }, { label: "2024", round: await load(ROUND_2024) });
    expect(diff.mellanÅr).toBe(true);
    expect(diff.lum.matched.map((m) => [m.id, m.before.nr, m.after.nr])).toEqual([
      ["tidigt-stod-eu-medborgare", 4, 1],
      ["prata-om-det", 10, 2],
      ["rehabilitering-ekonomiskt-bistand", 5, 3],
    ]);
    // The district changed name between the years; the id still matches it.
    const rehab = diff.lum.matched[2]!;
    expect(rehab.changes.find((c) => c.field === "förvaltning")).toMatchObject({ before: "Rinkeby-Kista", after: "Järva" });
    expect(diff.lum.removed.map((a) => a.id)).toContain("agera-tillsammans");
    expect(diff.lum.added.map((a) => a.id)).toContain("digital-lots-samsjukliga");
    expect(diff.mul.matched).toEqual([]);
  });

  it("lists each continuing project with its amounts in each year and the change", async () => {
    const { code, out, err } = await runDiff([ROUND_2023, ROUND_2024]);
    expect(err).toBe("");
    expect(code).toBe(0);
    const report = plain(out);
    const both = section(report, /^LUM: projekt som finns båda åren \(3\)$/);
    expect(both).toEqual([
      "  • ”Tidigt stöd till minderåriga EU-medborgare” (Norrmalm)",
      "    – 2023: projektår 2, sökt 250 000, delvis bifall, beviljat 200 000",
      "    – 2024: projektår 3, sökt 300 000, delvis bifall, beviljat 200 000",
      "    – Förändring av beviljat belopp: ±0",
      "  • ”Prata om det – barn som anhöriga” (Södermalm)",
      "    – 2023: projektår 1, sökt 250 000, bifall, beviljat 250 000",
      "    – 2024: projektår 2, sökt 300 000, bifall, beviljat 300 000",
      "    – Förändring av beviljat belopp: +50 000",
      "  • ”Utveckla arbetssätt och metoder för strukturerad samverkan och parallella insatser för rehabiliteringsärenden på ekonomiskt bistånd” (Järva)",
      "    – 2023: projektår 2, sökt 500 000, delvis bifall, beviljat 400 000",
      "    – 2024: projektår 3, sökt 500 000, bifall, beviljat 500 000",
      "    – Förändring av beviljat belopp: +100 000",
      "    – Förvaltning: Rinkeby-Kista → Järva",
    ]);
    const onlyBefore = section(report, /^LUM: ansökningar bara 2023 \(8\)$/)!.join("\n");
    expect(onlyBefore).toContain("nr 6 ”Agera tillsammans” (Rinkeby-Kista): sökt 500 000, bifall, beviljat 500 000");
    expect(onlyBefore).not.toContain("Tidigt stöd");
    const onlyAfter = section(report, /^LUM: nya ansökningar 2024 \(11\)$/)!.join("\n");
    expect(onlyAfter).toContain("nr 9 ”BFS (Boende med förstärkt stöd)” (Enskede-Årsta-Vantör): sökt 500 000, avslag");
    expect(report).toContain("MUL: inga studiebesök finns båda åren.");
  });

  it("shows the totals per fund and in all, before and after", async () => {
    const report = plain((await runDiff([ROUND_2023, ROUND_2024])).out);
    const totals = section(report, /^Summor$/)!;
    expect(totals[0]).toMatch(/^\s+2023\s+2024\s+Förändring$/);
    expect(totals).toContainEqual(expect.stringMatching(/^  LUM beviljat\s+3 850 000  →  3 000 000\s+−850 000$/));
    expect(totals).toContainEqual(expect.stringMatching(/^  MUL beviljat\s+188 500  →    198 400\s+\+9 900$/));
    expect(totals).toContainEqual(expect.stringMatching(/^  Totalt beviljat\s+4 038 500  →  3 198 400\s+−840 100$/));
    expect(totals).toContainEqual(expect.stringMatching(/^  LUM ansökningar\s+11  →\s+14\s+\+3$/));
  });

  it("names the criteria, rules and dates that changed between the years", async () => {
    const report = plain((await runDiff([ROUND_2023, ROUND_2024])).out);
    const rules = section(report, /^Regler och kriterier$/)!.join("\n");
    expect(rules).toContain("Borttaget: [-Projektet kan bidra med strategiskt värde för staden som helhet.-]");
    // A reworded priority area is one changed item with a word diff, not a removal and an addition.
    expect(rules).toContain("Ändrat: Projekt med avsikt att testa förebyggande insatser [-och/-]eller tidigt stöd.");
    expect(rules).toContain("Minskning för fortsättningsprojekt: 20 procent från projektår 2 → ingen minskning");
    const dates = section(report, /^Datum$/)!;
    expect(dates).toContain("  • Återbetalning anmäls senast: 31 maj 2023 → 2 juni 2024");
  });
});

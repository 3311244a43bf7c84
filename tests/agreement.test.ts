// Swedish agreement in the generated sentences (issue 20, point 4): one
// project or several, one förvaltning or several, and none, each tried on an
// edited copy of a real round; and a continuing project named "år 2 av 3"
// where the papers speak of it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderRound } from "../src/pipeline/index.js";
import { checkRound } from "../src/check/check-round.js";
import { parseRound } from "../src/load/load-round.js";
import { plain } from "./helpers/build.js";

const ROOT = join(import.meta.dirname, "..");
const source = (year: number) => readFileSync(join(ROOT, "rounds", `${year}.yaml`), "utf8");

async function build(year: number, text: string) {
  const loaded = parseRound({ path: `rounds/${year}.yaml`, text });
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join("; "));
  const errors = checkRound(loaded, undefined, false).filter((d) => d.severity === "fel");
  expect(errors.map((d) => d.message)).toEqual([]);
  const rendered = await renderRound({ file: `${year}.yaml`, round: loaded.round });
  return (name: string) => plain(new TextDecoder().decode(rendered.files.find((f) => f.name === name)!.bytes)).replace(/\u00a0/g, " ");
}

/** The 2020 round with only the first `keep` of its continuing projects still continuing. */
function continuing(keep: number): string {
  let seen = 0;
  return source(2020).replace(/\n    fortsätter: true\n/g, (m) => (++seen <= keep ? m : "\n"));
}

/** The 2020 round with only the first `keep` research projects. */
function research(keep: number): string {
  const text = source(2020);
  const blocks = text.split(/(?=\n  - id: )/);
  let seen = 0;
  return blocks.filter((b) => !/\n    typ: forskning\n/.test(b) || ++seen <= keep).join("");
}

describe("the projects that continue, in the redovisning", () => {
  it.each([
    [0, undefined],
    // By their short names (kortnamn:, issue 25), as the 2020 paper lists them.
    [1, /Av ovanstående projekt har Samlarteamet även beviljats medel för att fortsätta driva projektet under 2019\./],
    [2, /Av ovanstående projekt har Samlarteamet och LIHF även beviljats medel för att fortsätta driva projekten under 2019\./],
  ])("%i continuing", async (n, expected) => {
    const text = (await build(2020, continuing(n)))("inriktning.txt");
    if (expected === undefined) expect(text).not.toContain("Av ovanstående projekt har");
    else expect(text).toMatch(expected);
    // The example: never "projekten" after a single name.
    if (n <= 1) expect(text).not.toContain("fortsätta driva projekten");
  });
});

describe("research projects' final reports", () => {
  it("none: no research section, the summary opens with the local projects", async () => {
    const text = (await build(2020, research(0)))("inriktning.txt");
    expect(text).toContain("Tio lokala utvecklingsprojekt har erhållit medel för forskning och utveckling.");
    expect(text).not.toContain("Redovisning av forskningsprojekt");
    expect(text).not.toMatch(/\bnoll\b/i);
  });

  it("one: in the singular, with its report", async () => {
    const text = (await build(2020, research(1)))("inriktning.txt");
    expect(text).toContain("Ett forskningsprojekt har lämnat sin slutrapport under 2018 och tio lokala utvecklingsprojekt har erhållit");
    expect(text).toContain("Under 2018 har nedanstående forskningsprojekt som finansierats av lokala utvecklingsmedel lämnat in sin slutrapport:");
    expect(text).toContain("Slutrapporten går att ta del av i sin helhet på Kunskapsbanken. En sammanfattning av den återfinns i bilaga 1.");
  });

  it("several: in the plural", async () => {
    const text = (await build(2020, source(2020)))("inriktning.txt");
    expect(text).toContain("Tre forskningsprojekt har lämnat sina slutrapporter under 2018");
    expect(text).toContain("nedanstående tre forskningsprojekt som finansierats av lokala utvecklingsmedel lämnat in sina slutrapporter:");
  });
});

describe("local projects reported on", () => {
  it("one: its result, from the project, and its report", async () => {
    const text = source(2020);
    const blocks = text.split(/(?=\n  - id: )/);
    // Keep the research projects and one local project carried out (Nya startpunkten, the last, before lum: []).
    const one = blocks.filter((b) => !/\n  - id: /.test(b) || /typ: forskning/.test(b) || /id: nya-startpunkten\n/.test(b)).join("");
    const out = (await build(2020, one))("inriktning.txt");
    expect(out).toContain("Det var ett lokalt utvecklingsprojekt som beviljades medel för 2018. I bilaga 1 redovisas resultatet från följande lokala utvecklingsprojekt:");
    expect(out).toContain("Slutrapporten går att ta del av i sin helhet på Kunskapsbanken.");
  });
});

describe("central funding in the tjänsteutlåtande (2024 wording)", () => {
  const central = (text: string, id: string) =>
    text.replace(new RegExp(`(    id: ${id}\\n(?:    .*\\n)*?    beslut:\\n)      utfall: \\w+\\n(?:      (?:belopp|motivering): .*\\n)*`), "$1      utfall: centrala_medel\n      motivering: finansieras i stället med centrala utvecklingsmedel.\n");

  it("one LUM project: \"Lokalt utvecklingsprojekt nr 2\"; two: \"Lokala utvecklingsprojekt nr 2 och 3\"", async () => {
    const one = central(source(2024), "prata-om-det");
    expect(one).not.toBe(source(2024));
    expect((await build(2024, one))("tjansteutlatande.txt")).toContain("– Lokalt utvecklingsprojekt nr 2 finansieras med centrala utvecklingsmedel.");
    const two = central(one, "rehabilitering-ekonomiskt-bistand");
    expect(two).not.toBe(one);
    expect((await build(2024, two))("tjansteutlatande.txt")).toContain("– Lokala utvecklingsprojekt nr 2 och 3 finansieras med centrala utvecklingsmedel.");
  });

  it("one study visit: \"ett studiebesök\", neuter", async () => {
    const text = central(source(2024), "farsta-goteborg");
    expect(text).not.toBe(source(2024));
    expect((await build(2024, text))("tjansteutlatande.txt")).toContain("Förslaget innebär att ett studiebesök finansieras med centrala utvecklingsmedel: Göteborg.");
  });
});

describe("a continuing project is \"år 2 av 3\"", () => {
  it("in bilaga 1 and in its förvaltning's letter, from projektår and max_år_i_rad", async () => {
    const textOf = await build(2024, source(2024));
    expect(textOf("bilaga-1-ansokningar-lum.txt")).toContain("Prata om det – barn som anhöriga / Sökande: Södermalm / Projektår: 2 av 3 |");
    expect(textOf("beslutsmeddelanden/sodermalm.txt")).toContain("| 2 | Prata om det – barn som anhöriga, år 2 av 3 |");
    expect(textOf("beslutsmeddelanden/norrmalm.txt")).toContain("| 1 | Tidigt stöd till minderåriga EU-medborgare, år 3 av 3 |");
    // A first-year project is not marked.
    expect(textOf("beslutsmeddelanden/farsta.txt")).not.toMatch(/år 1 av/);
  });

  it("follows max_år_i_rad", async () => {
    const textOf = await build(2024, source(2024).replace("max_år_i_rad: 3", "max_år_i_rad: 4"));
    expect(textOf("bilaga-1-ansokningar-lum.txt")).toContain("Projektår: 2 av 4");
  });
});

describe("one förvaltning or several, in the tjänsteutlåtande", () => {
  /** The 2024 round with every study visit from the given förvaltningar, in turn. */
  const mulFrom = (names: string[]) => {
    const text = source(2024);
    const start = text.indexOf("\nmul:");
    let i = 0;
    return text.slice(0, start) + text.slice(start).replace(/\n    förvaltning: .*\n/g, () => `\n    förvaltning: ${names[i++ % names.length]}\n`);
  };

  it.each([
    [["Farsta"], "kom från en stadsdelsförvaltning."],
    [["Farsta", "Bromma"], "kom från två stadsdelsförvaltningar."],
    [["Socialförvaltningen"], "kom från socialförvaltningen."],
    [["Farsta", "Socialförvaltningen"], "kom från en stadsdelsförvaltning samt socialförvaltningen."],
  ])("study visits from %j", async (names, expected) => {
    const text = (await build(2024, mulFrom(names)))("tjansteutlatande.txt");
    expect(text).toContain(`Åtta ansökningar avsåg medel för utveckling och lärande genom studiebesök/resor och ${expected}`);
  });
});

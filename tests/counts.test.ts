// Nothing countable is typed (issue 20, point 3, and point 6): the number of
// projects granted in the year a redovisning reports on comes from that
// year's round where it is there, else from the projects listed; a typed
// count that disagrees is an error at its line; and the note about a
// continuing project that cannot be checked names the round it searched.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderRound } from "../src/pipeline/index.js";
import { main } from "../src/cli.js";
import { parseRound } from "../src/load/load-round.js";
import { plain } from "./helpers/build.js";

const ROOT = join(import.meta.dirname, "..");
const source = (year: number) => readFileSync(join(ROOT, "rounds", `${year}.yaml`), "utf8");

function replaced(text: string, from: string, to: string): string {
  expect(text.includes(from), `the round holds ${JSON.stringify(from)}`).toBe(true);
  return text.replace(from, to);
}

async function inriktning2020(text: string): Promise<string> {
  const loaded = parseRound({ path: "rounds/2020.yaml", text });
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join("; "));
  const rendered = await renderRound({ file: "2020.yaml", round: loaded.round });
  return plain(new TextDecoder().decode(rendered.files.find((f) => f.name === "inriktning.txt")!.bytes));
}

/** A project folder with the given round files, and `npm run check` on one of them. */
async function check(files: Record<string, string>, file: string) {
  const dir = mkdtempSync(join(tmpdir(), "lum-counts-"));
  mkdirSync(join(dir, "rounds"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "rounds", name), text);
  const err: string[] = [];
  const code = await main(["check", file], { out: () => {}, err: (l) => err.push(l), cwd: dir });
  return { code, err: err.join("\n") };
}

describe("the 2019 paper (round 2020)", () => {
  it("has counts that agree with its own list: eleven granted, one never started, ten reported and listed", async () => {
    const text = await inriktning2020(source(2020));
    expect(text).toContain("Det var elva lokala utvecklingsprojekt som beviljades medel för 2018.");
    expect(text).toContain("I bilaga 1 redovisas resultaten från följande tio lokala utvecklingsprojekt:");
    const section = text.slice(text.indexOf("följande tio"), text.indexOf("Slutrapporterna går att ta del av i sin helhet på Kunskapsbanken.\n\nAv"));
    expect(section.split("\n").filter((l) => l.startsWith("– "))).toHaveLength(10);
  });

  it("follows a project added to the list, everywhere, with no count left behind", async () => {
    const added = replaced(
      source(2020),
      "lum: []",
      `  - id: nytt-projekt
    förvaltning: Bromma
    projekt: Ett nytt projekt
    syfte: Syftet var att pröva något nytt.
    godkänd: true

lum: []`,
    );
    const text = await inriktning2020(added);
    expect(text).toContain("Det var tolv lokala utvecklingsprojekt som beviljades medel för 2018.");
    expect(text).toContain("från följande elva lokala utvecklingsprojekt");
    expect(text).toContain("Ett nytt projekt, Bromma stadsdelsförvaltning.");
    expect(text).not.toMatch(/\btio\b/);
  });
});

describe("facts that once were typed into the 2019 wording", () => {
  it("leave the paper with the project they belong to (Södermalmsmodellen, and with it Sjuan)", async () => {
    const full = await inriktning2020(source(2020));
    expect(full).toContain("Även inom projektet Södermalmsmodellen har man strävat efter ett jämställdhetsperspektiv och genomfört en jämställdhetsanalys enligt metoden Sjuan.");
    const text = source(2020);
    const start = text.indexOf("  - id: sodermalmsmodellen\n");
    const end = text.indexOf("  - id: nya-startpunkten\n");
    expect(start).toBeGreaterThan(0);
    const without = await inriktning2020(text.slice(0, start) + text.slice(end));
    expect(without).not.toContain("Södermalmsmodellen");
    expect(without).not.toContain("Sjuan");
    expect(without).toContain("Av projekten som pågått under 2018 kan Lösningsinriktad intensiv hemmabaserad familjebehandling (LIFH) nämnas. I projektet har man haft en uttalad avsikt");
  });
});

describe("a typed antal_beviljade", () => {
  it("that disagrees with the projects listed is an error at its line; nothing is built", async () => {
    const text = replaced(source(2020), "  år: 2018\n", "  år: 2018\n  antal_beviljade: 10\n");
    const line = text.split("\n").findIndex((l) => l.includes("antal_beviljade: 10")) + 1;
    const result = await check({ "2020.yaml": text }, "rounds/2020.yaml");
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      `rounds/2020.yaml:${line}:20: fel: antal_beviljade är 10, men redovisningar: räknar upp 11 lokala utvecklingsprojekt; dokumenten skulle skriva ett antal bredvid en lista med ett annat. [antal-stammer-inte]`,
    );
  });

  it("that agrees with the list passes", async () => {
    const text = replaced(source(2020), "  år: 2018\n", "  år: 2018\n  antal_beviljade: 11\n");
    const result = await check({ "2020.yaml": text }, "rounds/2020.yaml");
    expect(result.err).not.toContain("antal-stammer-inte");
  });

  it("is checked against the reported year's round where it is there, not the list", async () => {
    const text = replaced(source(2024), "redovisning:\n", "redovisning:\n  antal_beviljade: 9\n");
    const result = await check({ "2023.yaml": source(2023), "2024.yaml": text }, "rounds/2024.yaml");
    expect(result.code).toBe(1);
    expect(result.err).toContain("antal_beviljade är 9, men rounds/2023.yaml ger 10 (de projekt som beviljades medel 2023)");
  });
});

describe("the note about a continuing project that cannot be checked", () => {
  it("names last year's file and says it has no applications", async () => {
    // Last year's file is an inriktning: there, but it does not tell what was granted.
    const inriktning = source(2025).replace(/2025/g, "2023").replace(/2024/g, "2022");
    const result = await check({ "2023.yaml": inriktning, "2024.yaml": source(2024) }, "rounds/2024.yaml");
    expect(result.err).toContain(
      "notering: Projekt på år 2 eller senare kan inte kontrolleras mot förra året: rounds/2023.yaml finns, men den har inga ansökningar (den är 2023 års inriktning), så det går inte att se vilka projekt som fick medel 2023. [foregaende-omgang-saknas]",
    );
    expect(result.err).toContain("Åtgärd: Lägg in 2023 års ansökningar med beslut i rounds/2023.yaml om kontrollen ska göras");
    expect(result.err).not.toContain("Lägg förra årets fil i samma mapp");
  });

  it("names the file it looked for when there is none", async () => {
    const result = await check({ "2022.yaml": source(2022), "2024.yaml": source(2024) }, "rounds/2024.yaml");
    expect(result.err).toContain("det finns ingen omgångsfil för 2023 bredvid filen (rounds/2023.yaml söktes). [foregaende-omgang-saknas]");
    expect(result.err).toContain("Åtgärd: Lägg 2023 års fil (rounds/2023.yaml) i samma mapp om kontrollen ska göras.");
  });
});


// npm run importera: applications from the secretary's spreadsheet into the
// round file, merged without disturbing anything else in it.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import writeXlsx from "write-excel-file/node";
import { parse } from "yaml";
import { main as cli } from "../src/cli.js";
import { readTables } from "../src/import/read-table.js";
import { main } from "../src/importera.js";
import { main as nyOmgang } from "../src/ny-omgang.js";

const ROOT = join(import.meta.dirname, "..");
const FIXTURES = join(import.meta.dirname, "fixtures", "import");

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "lum-import-"));
  mkdirSync(join(dir, "rounds"));
  for (const year of [2024, 2025]) cpSync(join(ROOT, "rounds", `${year}.yaml`), join(dir, "rounds", `${year}.yaml`));
  return dir;
}

async function importera(dir: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (l) => err.push(l), cwd: dir, colour: false });
  return { code, out: out.join(""), err: err.join("\n") };
}

type Row = (string | number | null)[];
async function sheet(path: string, rows: Row[], name = "Ansökningar") {
  await writeXlsx(rows.map((r) => r.map((v) => (v === null ? null : { value: v }))), { sheet: name }).toFile(path);
}

const HEADER: Row = ["Fond", "Nr", "Id", "Förvaltning", "Enhet", "Projekt/Resmål", "Syfte", "Beskrivning", "Sökt belopp", "Projektår"];

/** The first applications of rounds/2024.yaml, as the secretary would type them. */
const SIX: Row[] = [
  ["LUM", 1, "tidigt-stod-eu-medborgare", "Norrmalm sdf", null, "Tidigt stöd till minderåriga EU-medborgare", null, null, "300 000 kr", 3],
  ["LUM", 2, "prata-om-det", "södermalm", null, "Prata om det – barn som anhöriga", null, null, "300 000:-", 2],
  ["LUM", 4, "digital-lots-samsjukliga", "Farsta stadsdelsförvaltning", null, "Digital Lots för samsjukliga ", null, null, 500000, null],
  ["MUL", 1, "farsta-goteborg", "Farsta", null, "Göteborg", "Verksamhetsbesök", null, "25 000", null],
  ["MUL", 2, "farsta-finland", "Farsta", null, "Finland\u200b", "Verksamhetsbesök", null, "25000 kr", null],
  ["MUL", 4, "eav-belgien", "EÅV", null, "Belgien", "Verksamhetsbesök", null, "23 400", null],
];

/** Amounts as the report and the check print them, with a no-break space between digit groups. */
const nb = (s: string) => s.replace(/(\d) (?=\d{3}\b)/g, "$1\u00a0");

const withoutDecision = (a: Record<string, unknown>) => Object.fromEntries(Object.entries(a).filter(([k]) => k !== "beslut"));

describe("importera", () => {
  it("adds the applications of a sheet as the hand-written 2024 file has them, and a second import changes nothing", async () => {
    const dir = project();
    // 2025's file has no applications yet: the six go into it.
    await sheet(join(dir, "ansokningar.xlsx"), [HEADER, ...SIX]);
    const first = await importera(dir, "ansokningar.xlsx", "--ar", "2025");
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain("Tillagda ansökningar (6)");
    const imported = parse(readFileSync(join(dir, "rounds", "2025.yaml"), "utf8"));
    const hand = parse(readFileSync(join(ROOT, "rounds", "2024.yaml"), "utf8"));
    const pick = (list: Record<string, unknown>[], nrs: number[]) => list.filter((a) => nrs.includes(a.nr as number)).map(withoutDecision);
    // A project in its first year has no projektår in the hand-written file.
    expect(imported.lum.map((a: Record<string, unknown>) => (a.projektår === 1 ? withoutDecision({ ...a, projektår: undefined }) : a))).toEqual(
      pick(hand.lum, [1, 2, 4]).map((a) => ({ ...a, projektår: a.projektår })),
    );
    expect(imported.mul).toEqual(pick(hand.mul, [1, 2, 4]));

    const before = readFileSync(join(dir, "rounds", "2025.yaml"));
    const second = await importera(dir, "ansokningar.xlsx", "--ar", "2025");
    expect(second.code).toBe(0);
    expect(second.out).toContain("Inga ändringar");
    expect(readFileSync(join(dir, "rounds", "2025.yaml"))).toEqual(before);
  });

  it("reads a sheet that LibreOffice saved, and finds its six applications already in the 2024 file", async () => {
    const dir = project();
    cpSync(join(FIXTURES, "ansokningar-2024-libreoffice.xlsx"), join(dir, "ansokningar-2024.xlsx"));
    const before = readFileSync(join(dir, "rounds", "2024.yaml"));
    const result = await importera(dir, "ansokningar-2024.xlsx");
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain("Inga ändringar");
    expect(readFileSync(join(dir, "rounds", "2024.yaml"))).toEqual(before);
  });

  it("reads the handed-out template after LibreOffice Calc filled it: the six applications are 2024's, and the 2024 file needs no change", async () => {
    // tests/fixtures/import/ansokningar-2024-mallen-libreoffice.xlsx is the file of
    // `npm run importera -- --mall`, filled in LibreOffice Calc 7.4 (through its
    // UNO interface: text typed as text, some amounts as numbers) and saved as .xlsx.
    const dir = project();
    cpSync(join(FIXTURES, "ansokningar-2024-mallen-libreoffice.xlsx"), join(dir, "ansokningar.xlsx"));
    const added = await importera(dir, "ansokningar.xlsx", "--ar", "2025");
    expect(added.code, added.err).toBe(0);
    expect(added.out).toContain("Tillagda ansökningar (6)");
    const imported = parse(readFileSync(join(dir, "rounds", "2025.yaml"), "utf8"));
    const hand = parse(readFileSync(join(ROOT, "rounds", "2024.yaml"), "utf8"));
    // Ids are made from the titles (the template has no id column); everything else is as typed by hand.
    const facts = (a: Record<string, unknown>) => {
      const { id: _id, beslut: _beslut, projektår, ...rest } = a;
      return { ...rest, projektår: projektår ?? 1 };
    };
    expect(imported.lum.map(facts)).toEqual(hand.lum.filter((a: { nr: number }) => a.nr <= 4).map(facts));
    expect(imported.mul.map(facts)).toEqual(hand.mul.filter((a: { nr: number }) => a.nr <= 2).map(facts));
    for (const a of [...imported.lum, ...imported.mul]) expect(a.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);

    cpSync(join(FIXTURES, "ansokningar-2024-mallen-libreoffice.xlsx"), join(dir, "ansokningar-2024.xlsx"));
    const before = readFileSync(join(dir, "rounds", "2024.yaml"));
    const same = await importera(dir, "ansokningar-2024.xlsx");
    expect(same.code, same.err).toBe(0);
    expect(same.out).toContain("Inga ändringar");
    expect(readFileSync(join(dir, "rounds", "2024.yaml"))).toEqual(before);
  });

  it("updates a changed amount in place, leaving every other line and the decision as it was; --visa writes nothing", async () => {
    const dir = project();
    await sheet(join(dir, "ansokningar-2024.xlsx"), [HEADER, ["LUM", 4, null, "Farsta", null, "Digital Lots för samsjukliga", null, null, "450 000", null]]);
    const path = join(dir, "rounds", "2024.yaml");
    const before = readFileSync(path, "utf8");

    const shown = await importera(dir, "ansokningar-2024.xlsx", "--visa");
    expect(shown.code).toBe(0);
    expect(shown.out).toContain("Ändrade ansökningar (1)");
    expect(shown.out).toMatch(/Sökt: \[-500 000-\] → 450 000/);
    expect(readFileSync(path, "utf8")).toBe(before);

    const done = await importera(dir, "ansokningar-2024.xlsx");
    expect(done.code, done.err).toBe(0);
    const after = readFileSync(path, "utf8");
    const a = before.split("\n");
    const b = after.split("\n");
    expect(b).toHaveLength(a.length);
    const changed = a.map((line, i) => [line, b[i]]).filter(([x, y]) => x !== y);
    expect(changed).toEqual([["    sökt: 500 000", "    sökt: 450 000"]]);
  });

  it("names every bad cell at once, by sheet, column and row, and writes nothing", async () => {
    const dir = project();
    await sheet(join(dir, "ansokningar-2025.xlsx"), [
      HEADER,
      ["LUM", null, null, "Farst", null, "Ett projekt", null, null, "500 000", null],
      ["LUM", null, null, "Farsta", null, "Ett annat projekt", null, null, "5,5 miljoner", null],
      ["MUL", null, null, "Farsta", null, "Oslo", null, null, "25 000", null],
      ["LUN", null, null, "Farsta", null, "Tredje projektet", null, null, "100 000", 0],
      ["LUM", null, null, "Rinkeby-Kista", null, "Fjärde projektet", null, null, "100 000", null],
    ]);
    const before = readFileSync(join(dir, "rounds", "2025.yaml"));
    const result = await importera(dir, "ansokningar-2025.xlsx");
    expect(result.code).toBe(1);
    expect(result.err).toContain('Ansökningar!D2: fel: "Farst" finns inte i stadens register över förvaltningar. Menade du "Farsta"');
    expect(result.err).toMatch(/Ansökningar!I3: fel: "5,5 miljoner"/);
    expect(result.err).toContain("Ansökningar!G4: fel: syftet med studiebesöket saknas");
    expect(result.err).toContain('Ansökningar!A5: fel: "LUN" är ingen fond');
    expect(result.err).toContain('Ansökningar!J5: fel: "0" är inget projektår');
    expect(result.err).toContain("Ansökningar!D6: fel: Rinkeby-Kista fanns inte 2025");
    expect(result.err).toContain("Inget importerades: 6 fel");
    expect(readFileSync(join(dir, "rounds", "2025.yaml"))).toEqual(before);
  });

  it("reads .csv with semicolons in Windows-1252 and with commas in UTF-8 alike", async () => {
    const rows = [
      "Fond;Förvaltning;Projekt/Resmål;Syfte;Sökt belopp",
      "LUM;Hässelby-Vällingby;Språkombud #2 – fortsättning;;375 500:-",
      "MUL;Östermalm;Malmö;Verksamhetsbesök;18 000 kr",
    ];
    const dir = project();
    // As Excel saves it on a Swedish Windows machine: Windows-1252, where the en dash is 0x96.
    const cp1252 = Buffer.from([...rows.join("\r\n")].map((c) => (c === "\u2013" ? 0x96 : c.charCodeAt(0))));
    writeFileSync(join(dir, "a.csv"), cp1252);
    writeFileSync(join(dir, "b.csv"), rows.map((r) => r.split(";").map((c) => (c.includes(",") ? `"${c}"` : c)).join(",")).join("\n"), "utf8");
    const a = await readTables(join(dir, "a.csv"));
    const b = await readTables(join(dir, "b.csv"));
    if (!a.ok || !b.ok) throw new Error("not read");
    expect(a.tables[0]!.rows).toEqual(b.tables[0]!.rows);
    expect(a.tables[0]!.rows[1]).toEqual(["LUM", "Hässelby-Vällingby", "Språkombud #2 – fortsättning", null, "375 500:-"]);
    const result = await importera(dir, "a.csv", "--ar", "2025");
    expect(result.code, result.err).toBe(0);
    const round = parse(readFileSync(join(dir, "rounds", "2025.yaml"), "utf8"));
    expect(round.lum[0]).toMatchObject({ förvaltning: "Hässelby-Vällingby", projekt: "Språkombud #2 – fortsättning", sökt: "375 500" });
    expect(round.mul[0]).toMatchObject({ förvaltning: "Östermalm", resmål: "Malmö", syfte: "Verksamhetsbesök", sökt: "18 000" });
  });

  it("writes a template to hand out, whose example row is never imported, and never overwrites a file", async () => {
    const dir = project();
    const made = await importera(dir, "--mall", "ansokningar.xlsx");
    expect(made.code).toBe(0);
    const read = await readTables(join(dir, "ansokningar.xlsx"));
    if (!read.ok) throw new Error(read.message);
    expect(read.tables[0]!.name).toBe("Ansökningar");
    expect(read.tables[0]!.rows[0]).toEqual(["Fond", "Nr", "Förvaltning", "Enhet", "Projekt/Resmål", "Syfte", "Beskrivning", "Sökt belopp", "Projektår"]);
    const untouched = await importera(dir, "ansokningar.xlsx", "--ar", "2025");
    expect(untouched.code).toBe(1);
    expect(untouched.err).toContain("exempelrad hoppas över");
    expect(untouched.err).toContain("har inga ansökningar");
    expect((await importera(dir, "--mall", "ansokningar.xlsx")).code).toBe(1);
    expect(existsSync(join(dir, "ansokningar.xlsx"))).toBe(true);
  });

  it("asks for the year when the file name does not give it, and for the round file when it is missing", async () => {
    const dir = project();
    await sheet(join(dir, "ansokningar.xlsx"), [HEADER, SIX[0]!]);
    const noYear = await importera(dir, "ansokningar.xlsx");
    expect(noYear.code).toBe(2);
    expect(noYear.err).toContain("--ar 2026");
    const noRound = await importera(dir, "ansokningar.xlsx", "--ar", "2031");
    expect(noRound.code).toBe(1);
    expect(noRound.err).toContain("rounds/2031.yaml finns inte");
  });

  it("gives a continuing project (projektår 2, no id) the id it had in the latest round with applications, as ny-omgang lists it", async () => {
    // The trial: npm run ny-omgang -- 2026 lists 2024's projects (2025 has only its inriktning) with their ids as comments.
    const dir = project();
    cpSync(join(ROOT, "templates"), join(dir, "templates"), { recursive: true });
    expect(await nyOmgang(["2026"], { out: () => {}, err: () => {}, cwd: dir, templateRoot: join(dir, "templates") })).toBe(0);
    expect(readFileSync(join(dir, "rounds", "2026.yaml"), "utf8")).toContain("id: digital-lots-samsjukliga");
    const TEMPLATE: Row = ["Fond", "Nr", "Förvaltning", "Enhet", "Projekt/Resmål", "Syfte", "Beskrivning", "Sökt belopp", "Projektår"];
    await sheet(join(dir, "ansokningar-2026.xlsx"), [
      TEMPLATE,
      // Another spelling of Farsta and another case in the title are the same project, as when the import merges.
      ["LUM", null, "Farsta sdf", null, "Digital lots för  samsjukliga", null, null, "400 000", 2],
      ["LUM", null, "Farsta", null, "Digital Lots för samsjukliga vuxna", null, null, "400 000", 2],
      ["LUM", null, "Norrmalm", null, "Digital Lots för samsjukliga", null, null, "400 000", 2],
    ]);
    const result = await importera(dir, "ansokningar-2026.xlsx");
    expect(result.code, result.err).toBe(0);
    const round = parse(readFileSync(join(dir, "rounds", "2026.yaml"), "utf8"));
    expect(round.lum.map((a: { id: string }) => a.id)).toEqual(["digital-lots-samsjukliga", "digital-lots-for-samsjukliga-vuxna", "digital-lots-for-samsjukliga"]);
    expect(result.out).toContain(
      nb("LUM nr 1 ”Digital lots för samsjukliga” (Farsta): sökt 400 000, inget beslut än; projektår 2, samma id som i 2024: digital-lots-samsjukliga (rounds/2024.yaml)"),
    );
    // No project of the same förvaltning and title: an id from the title, as before, and the report says why.
    expect(result.out).toContain("projektår 2, men rounds/2024.yaml har inget projekt från Norrmalm med samma titel, så id blev nytt: digital-lots-for-samsjukliga");

    // Into 2025, whose last year (2024) the rules check it against: the kept id passes them.
    const into2025 = await importera(dir, "ansokningar-2026.xlsx", "--ar", "2025");
    expect(into2025.code).toBe(1);
    const ids2025 = parse(readFileSync(join(dir, "rounds", "2025.yaml"), "utf8")).lum.map((a: { id: string }) => a.id);
    expect(ids2025[0]).toBe("digital-lots-samsjukliga");
    // The two new projects on "year 2" are not in 2024's round, and the check after the import says so; the kept one passes.
    expect(into2025.err).toContain("fel: Projektet är på år 2, men finns inte med id digital-lots-for-samsjukliga-vuxna i rounds/2024.yaml.");
    expect(into2025.err).toContain("fel: Projektet är på år 2, men finns inte med id digital-lots-for-samsjukliga i rounds/2024.yaml.");
    expect(into2025.err).not.toContain("id digital-lots-samsjukliga i");
  });

  it("checks the file after the import as npm run check does: a lowered amount under a written decision is an error, the file is written, exit 1", async () => {
    const dir = project();
    const path = join(dir, "rounds", "2024.yaml");
    // LUM nr 1 has delvis_bifall with belopp 200 000; the sheet now says the applicant asks for 150 000. And one new application.
    await sheet(join(dir, "ansokningar-2024.xlsx"), [
      HEADER,
      ["LUM", 1, null, "Norrmalm", null, "Tidigt stöd till minderåriga EU-medborgare", null, null, "150 000", 3],
      ["LUM", null, null, "Farsta", null, "Ett nytt projekt", null, null, "100 000", null],
    ]);
    const before = readFileSync(path, "utf8");
    const shown = await importera(dir, "ansokningar-2024.xlsx", "--visa");
    expect(shown.code).toBe(1);
    expect(shown.err).toContain("Kontrollen av rounds/2024.yaml som den skulle bli: 1 fel, 0 varningar som kommer av importen.");
    expect(readFileSync(path, "utf8")).toBe(before);

    const done = await importera(dir, "ansokningar-2024.xlsx");
    expect(done.code).toBe(1);
    expect(readFileSync(path, "utf8")).toContain("    sökt: 150 000");
    const diagnostic = [
      nb("rounds/2024.yaml:162:15: fel: Beviljat belopp, 200 000 kronor, är mer än det sökta, 150 000 kronor. [beviljat-over-sokt]"),
      "  162 |       belopp: 200 000",
      "      |               ^^^^^^^",
      "  Åtgärd: Sänk beloppet till högst det sökta, eller rätta det sökta beloppet.",
    ].join("\n");
    expect(done.err).toContain(`Kontrollen av den nya filen: 1 fel, 0 varningar som kommer av importen.\n\n${diagnostic}`);
    expect(done.err).toContain("Skrev rounds/2024.yaml, men filen har nu ett fel som måste rättas innan du kan bygga");
    // Not one "beslut saknas" per new application, and nothing that was in the file before (its placeholders).
    expect(done.err).not.toContain("[saknas]");
    expect(done.err).not.toContain("[platshallare]");
    expect(done.out).not.toContain("Skrev");
    // npm run check says the same, at the same line, once the new application has its decision
    // (until then the file does not pass the schema and check stops at "beslut saknas").
    writeFileSync(path, readFileSync(path, "utf8").replace(/^    # beslut: .*$/m, "    beslut:\n      utfall: avslag\n      motivering: uppfyller inte kriterierna"));
    const said: string[] = [];
    expect(await cli(["check", "rounds/2024.yaml"], { out: (l) => said.push(l), err: (l) => said.push(l), cwd: dir })).toBe(1);
    expect(said.join("\n")).toContain(diagnostic);

    // An import that leaves the decisions fitting says the check found nothing new, and exits 0.
    const fine = join(dir, "ansokningar-ok-2024.xlsx");
    await sheet(fine, [HEADER, ["LUM", 1, null, "Norrmalm", null, "Tidigt stöd till minderåriga EU-medborgare", null, null, "250 000", 3]]);
    const ok = await importera(dir, "ansokningar-ok-2024.xlsx");
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain("Kontrollen av den nya filen: inga nya fel eller varningar.");
  });

  it("refuses an amount under 1 000 kronor, naming the cell: LibreOffice with English settings read a typed 300.000 as 300", async () => {
    // tests/fixtures/import/ansokningar-engelsk-libreoffice.xlsx: four applications typed as the template has them
    // (";"-separated text) and opened by LibreOffice Calc 7.4 with English (USA) settings
    // (soffice --headless --infilter="CSV:59,34,76,1,,1033" --convert-to xlsx), which made the typed
    // "300.000" in H4 the number 300 and kept "300 000" and "25 000" as text.
    const dir = project();
    cpSync(join(FIXTURES, "ansokningar-engelsk-libreoffice.xlsx"), join(dir, "ansokningar.xlsx"));
    const read = await readTables(join(dir, "ansokningar.xlsx"));
    if (!read.ok) throw new Error(read.message);
    expect(read.tables[0]!.rows[3]![7]).toBe(300);
    const before = readFileSync(join(dir, "rounds", "2025.yaml"));
    const result = await importera(dir, "ansokningar.xlsx", "--ar", "2025");
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      "Ansökningar!H4: fel: cellen innehåller talet 300, vilket är för lite för en ansökan (under 1 000 kronor). Om du skrev 300.000 har kalkylprogrammet läst punkten som decimaltecken (så gör det med engelska inställningar) och gjort det till 300. Skriv 300 000 i stället.",
    );
    expect(result.err).toContain("Inget importerades: 1 fel");
    expect(readFileSync(join(dir, "rounds", "2025.yaml"))).toEqual(before);

    // "25.500" read as 25.5, and a small amount typed as text.
    await sheet(join(dir, "sma.xlsx"), [HEADER, ["MUL", null, null, "Farsta", null, "Oslo", "Verksamhetsbesök", null, 25.5, null], ["LUM", null, null, "Farsta", null, "Ett projekt", null, null, "300 kr", null]]);
    const small = await importera(dir, "sma.xlsx", "--ar", "2025");
    expect(small.code).toBe(1);
    expect(small.err).toContain("Ansökningar!I2: fel: cellen innehåller talet 25,5");
    expect(small.err).toContain("Om du skrev 25.500 har kalkylprogrammet läst punkten som decimaltecken");
    expect(small.err).toContain("Skriv 25 500 i stället.");
    expect(small.err).toContain('Ansökningar!I3: fel: "300 kr" är för lite för en ansökan (under 1 000 kronor).');
  });
});

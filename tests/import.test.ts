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
import { withStandInDecisions } from "../src/import/verify.js";
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

  it("shows an exact duplicate row in the same run as the cell errors, even beside a row with a mistake", async () => {
    const dir = project();
    await sheet(join(dir, "ansokningar-2025.xlsx"), [
      HEADER,
      ["LUM", null, null, "Farsta", null, "Ett projekt", null, null, "500 000", null],
      ["LUM", null, null, "Farst", null, "Ett annat projekt", null, null, "400 000", null],
      ["LUM", null, null, "Farsta", null, "Ett projekt", null, null, "500 000", null],
      ["LUM", null, null, "Farst", null, "Ett annat projekt", null, null, "fyra", null],
    ]);
    const before = readFileSync(join(dir, "rounds", "2025.yaml"));
    const result = await importera(dir, "ansokningar-2025.xlsx");
    expect(result.code).toBe(1);
    const lines = result.err.split("\n").filter((l) => l.includes(": fel: "));
    expect(lines).toEqual([
      expect.stringContaining('Ansökningar!D3: fel: "Farst" finns inte'),
      "Ansökningar!4: fel: ansökan finns redan på rad 2 (samma förvaltning och titel); ta bort den ena raden.",
      "Ansökningar!5: fel: ansökan finns redan på rad 3 (samma förvaltning och titel); ta bort den ena raden.",
      expect.stringContaining('Ansökningar!D5: fel: "Farst" finns inte'),
      expect.stringContaining('Ansökningar!I5: fel: "fyra"'),
    ]);
    expect(result.err).toContain("Inget importerades: 5 fel");
    expect(readFileSync(join(dir, "rounds", "2025.yaml"))).toEqual(before);
  });

  describe("a joint application, several förvaltningar in one cell", () => {
    it.each([
      ["Hägersten–Älvsjö, Enskede-Årsta-Vantör"],
      ["Hägersten-Älvsjö och Enskede-Årsta-Vantör"],
      ["Hägersten-Älvsjö / Enskede-Årsta-Vantörs stadsdelsförvaltning"],
      ["Hägersten-Älvsjö & EÅV"],
      ["hagersten alvsjo; Enskede-Årsta-Vantör"],
    ])("%s: is imported as a list, the first named receiving the money", async (cell) => {
      const dir = project();
      await sheet(join(dir, "ansokningar-2025.xlsx"), [HEADER, ["LUM", null, null, cell, null, "Gemensamt stöd", null, null, "400 000", null]]);
      const result = await importera(dir, "ansokningar-2025.xlsx");
      expect(result.code, result.err).toBe(0);
      expect(result.out).toContain("(Hägersten-Älvsjö och Enskede-Årsta-Vantör; gemensam ansökan, medlen betalas till Hägersten-Älvsjö)");
      const round = parse(readFileSync(join(dir, "rounds", "2025.yaml"), "utf8")) as { lum: { förvaltning: unknown }[] };
      expect(round.lum[0]!.förvaltning).toEqual(["Hägersten-Älvsjö", "Enskede-Årsta-Vantör"]);
      // A second import of the same sheet changes nothing.
      const again = await importera(dir, "ansokningar-2025.xlsx");
      expect(again.out).toContain("Inga ändringar");
    });

    it("keeps a name the register knows with a separator in it as one, and takes the official names", async () => {
      const dir = project();
      await sheet(join(dir, "ansokningar-2025.xlsx"), [
        HEADER,
        ["LUM", null, null, "Hägersten/Älvsjö", null, "Ett", null, null, "100 000", null],
        ["LUM", null, null, "Södermalms stadsdelsförvaltning, Kungsholmens stadsdelsnämnd", null, "Två", null, null, "100 000", null],
      ]);
      const result = await importera(dir, "ansokningar-2025.xlsx");
      expect(result.code, result.err).toBe(0);
      const round = parse(readFileSync(join(dir, "rounds", "2025.yaml"), "utf8")) as { lum: { förvaltning: unknown }[] };
      expect(round.lum.map((a) => a.förvaltning)).toEqual(["Hägersten-Älvsjö", ["Södermalm", "Kungsholmen"]]);
    });

    it("names only the unknown part, never suggesting to drop the partner", async () => {
      const dir = project();
      await sheet(join(dir, "ansokningar-2025.xlsx"), [
        HEADER,
        ["LUM", null, null, "Hägersten-Älvsjö, Enskede-Årsta-Vantr", null, "Gemensamt stöd", null, null, "400 000", null],
        ["LUM", null, null, "Farsta och Farsta", null, "Dubbelt", null, null, "400 000", null],
      ]);
      const before = readFileSync(join(dir, "rounds", "2025.yaml"));
      const result = await importera(dir, "ansokningar-2025.xlsx");
      expect(result.code).toBe(1);
      expect(result.err).toContain(
        'Ansökningar!D2: fel: "Enskede-Årsta-Vantr" (förvaltning 2 av 2 i "Hägersten-Älvsjö, Enskede-Årsta-Vantr") finns inte i stadens register över förvaltningar. Menade du "Enskede-Årsta-Vantör"?',
      );
      expect(result.err).not.toContain('"Hägersten-Älvsjö" finns inte');
      expect(result.err).toContain('Ansökningar!D3: fel: Farsta står två gånger i "Farsta och Farsta"');
      expect(readFileSync(join(dir, "rounds", "2025.yaml"))).toEqual(before);
    });
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

  describe("what an attack on the import found", () => {
    const csv = (dir: string, name: string, lines: string[]) => writeFileSync(join(dir, name), `${lines.join("\n")}\n`, "utf8");
    const round2025 = (dir: string) => join(dir, "rounds", "2025.yaml");
    const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;
    const FLOW_APPLICATION = "{nr: 1, id: befintligt, förvaltning: Farsta, projekt: Befintligt projekt, sökt: 100 000, beslut: {utfall: bifall}}";

    it("refuses to add to a lum: list written on one line ([…]), naming the file and line; nothing is written", async () => {
      const dir = project();
      const path = round2025(dir);
      writeFileSync(path, readFileSync(path, "utf8").replace("lum: []", `lum: [${FLOW_APPLICATION}]`));
      const before = readFileSync(path, "utf8");
      expect(parse(before).lum).toHaveLength(1);
      csv(dir, "ansokningar-2025.csv", ["Fond;Förvaltning;Projekt/Resmål;Sökt belopp", "LUM;Kungsholmen;Nytt projekt;200 000"]);
      const result = await importera(dir, "ansokningar-2025.csv");
      expect(result.code).toBe(1);
      expect(result.err).toContain(
        `rounds/2025.yaml:${lineOf(before, "lum: [")}: fel: lum: är skriven på en rad ([…]); importen kan bara lägga till i en lista med en ansökan per rad (- nr: …). Skriv om listan eller lägg in ansökningarna för hand.`,
      );
      expect(readFileSync(path, "utf8")).toBe(before);
    });

    it("refuses to add keys to an application written as a flow map ({…}); nothing is written", async () => {
      const dir = project();
      const path = round2025(dir);
      writeFileSync(path, readFileSync(path, "utf8").replace("lum: []", `lum:\n  - ${FLOW_APPLICATION}`));
      const before = readFileSync(path, "utf8");
      csv(dir, "ansokningar-2025.csv", ["Fond;Förvaltning;Projekt/Resmål;Beskrivning;Sökt belopp", "LUM;Farsta;Befintligt projekt;Ett nytt sätt att arbeta.;150 000"]);
      const result = await importera(dir, "ansokningar-2025.csv");
      expect(result.code).toBe(1);
      expect(result.err).toContain(`rounds/2025.yaml:${lineOf(before, "  - {nr: 1")}: fel: LUM-ansökan nr 1 (befintligt) är skriven på en rad ({…})`);
      expect(readFileSync(path, "utf8")).toBe(before);
    });

    it("never writes a text the merge would break, and puts a list under an empty lum: key", async () => {
      const dir = project();
      const path = round2025(dir);
      csv(dir, "ansokningar-2025.csv", ["Fond;Förvaltning;Projekt/Resmål;Sökt belopp", "LUM;Kungsholmen;Nytt projekt;200 000"]);
      // Not a list at all: the import has no place for the application.
      writeFileSync(path, readFileSync(path, "utf8").replace("\nlum: []\n", "\nlum: 5\n"));
      const before = readFileSync(path, "utf8");
      const result = await importera(dir, "ansokningar-2025.csv");
      expect(result.code).toBe(1);
      expect(result.err).toContain("rounds/2025.yaml: fel: importen kunde inte lägga in ansökningarna säkert (filen skulle inte gå att läsa efteråt), så inget skrevs.");
      expect(readFileSync(path, "utf8")).toBe(before);
      // "lum:" with nothing after it is an empty list, and the application goes under it.
      writeFileSync(path, before.replace("\nlum: 5\n", "\nlum:\n"));
      const empty = await importera(dir, "ansokningar-2025.csv");
      expect(empty.code, empty.err).toBe(0);
      expect(parse(readFileSync(path, "utf8")).lum).toMatchObject([{ nr: 1, projekt: "Nytt projekt", förvaltning: "Kungsholmen" }]);
    });

    it("does not give a continuing project a new id when the round it would be looked up in has errors", async () => {
      const dir = project();
      cpSync(join(ROOT, "rounds", "2023.yaml"), join(dir, "rounds", "2023.yaml"));
      const broken = join(dir, "rounds", "2024.yaml");
      writeFileSync(broken, `${readFileSync(broken, "utf8")}\nmul: [\n`);
      csv(dir, "ansokningar-2025.csv", ["Fond;Förvaltning;Projekt/Resmål;Sökt belopp;Projektår", "LUM;Farsta;Digital Lots för samsjukliga;400 000;2"]);
      const before = readFileSync(round2025(dir), "utf8");
      const result = await importera(dir, "ansokningar-2025.csv");
      expect(result.code).toBe(1);
      expect(result.err).toContain(
        "ansokningar-2025.csv!E2: fel: projektår 2, men rounds/2024.yaml har fel och kan inte läsas; rätta den filen först (npm run check -- rounds/2024.yaml), eller skriv projektets id i en kolumn Id.",
      );
      expect(result.err).not.toContain("2023");
      expect(readFileSync(round2025(dir), "utf8")).toBe(before);
    });

    it("refuses an Id cell that another application in the round already has, in either fund; its own id updates it", async () => {
      const dir = project();
      const path = join(dir, "rounds", "2024.yaml");
      const before = readFileSync(path, "utf8");
      csv(dir, "ansokningar-2024.csv", [
        "Fond;Id;Förvaltning;Projekt/Resmål;Syfte;Sökt belopp",
        "MUL;digital-lots-samsjukliga;Farsta;Oslo;Verksamhetsbesök;20 000",
        "LUM;nytt-id;Farsta;Ett nytt projekt;;200 000",
        "MUL;nytt-id;Farsta;Bergen;Verksamhetsbesök;20 000",
      ]);
      const result = await importera(dir, "ansokningar-2024.csv");
      expect(result.code).toBe(1);
      expect(result.err).toContain("ansokningar-2024.csv!B2: fel: id digital-lots-samsjukliga har redan LUM-ansökan nr 4 ”Digital Lots för samsjukliga” (Farsta) i rounds/2024.yaml.");
      expect(result.err).toContain("ansokningar-2024.csv!B4: fel: id nytt-id har redan ansökan på rad 3 i ansokningar-2024.csv.");
      expect(readFileSync(path, "utf8")).toBe(before);
      // The application's own id is how an update finds it.
      csv(dir, "egen-2024.csv", ["Fond;Id;Förvaltning;Projekt/Resmål;Sökt belopp", "LUM;digital-lots-samsjukliga;Farsta;Digital Lots för samsjukliga;450 000"]);
      const own = await importera(dir, "egen-2024.csv", "--visa");
      expect(own.code, own.err).toBe(0);
      expect(own.out).toContain("Ändrade ansökningar (1)");
    });

    it("reads a quote inside an unquoted CSV field as typed, and explains a quote that is never closed", async () => {
      const dir = project();
      csv(dir, "ansokningar-2025.csv", ["Fond;Förvaltning;Projekt/Resmål;Sökt belopp", 'LUM;Farsta;Projekt "X" i Farsta;200 000']);
      const result = await importera(dir, "ansokningar-2025.csv");
      expect(result.code, result.err).toBe(0);
      expect(parse(readFileSync(round2025(dir), "utf8")).lum[0].projekt).toBe('Projekt "X" i Farsta');

      csv(dir, "trasig-2025.csv", ["Fond;Förvaltning;Projekt/Resmål;Sökt belopp", "LUM;Farsta;Ett projekt;200 000", 'LUM;Farsta;"Projekt i Farsta;200 000', "LUM;Farsta;Sista;100 000"]);
      const unclosed = await importera(dir, "trasig-2025.csv");
      expect(unclosed.code).toBe(1);
      expect(unclosed.err).toContain("går inte att läsa som CSV på rad 3: ett citattecken (\") som inleder ett fält avslutas aldrig.");
      expect(unclosed.err).not.toContain("Internt fel");
    });

    it("does not guess between two projects of last year with the same förvaltning and title", async () => {
      const dir = project();
      const path = join(dir, "rounds", "2024.yaml");
      writeFileSync(path, readFileSync(path, "utf8").replace("projekt: Förstärkt stöd till familjehem och vårdnadshavare", "projekt: Digital Lots för samsjukliga"));
      csv(dir, "ansokningar-2025.csv", ["Fond;Förvaltning;Projekt/Resmål;Sökt belopp;Projektår", "LUM;Farsta;Digital Lots för samsjukliga;400 000;2"]);
      const result = await importera(dir, "ansokningar-2025.csv", "--visa");
      expect(result.out).toContain(
        "projektår 2, men rounds/2024.yaml har 2 projekt från Farsta med samma titel (digital-lots-samsjukliga, forstarkt-stod-familjehem), så det går inte att veta vilket som fortsätter och id blev nytt: digital-lots-for-samsjukliga. Skriv rätt id i en kolumn Id i kalkylarket",
      );
    });

    it("keeps the line ending of a round file saved with CRLF on every line it writes", async () => {
      const dir = project();
      const path = join(dir, "rounds", "2024.yaml");
      writeFileSync(path, readFileSync(path, "utf8").replace(/\r?\n/g, "\r\n"));
      csv(dir, "ansokningar-2024.csv", [
        "Fond;Förvaltning;Projekt/Resmål;Beskrivning;Sökt belopp",
        "LUM;Farsta;Digital Lots för samsjukliga;Ny beskrivning.;450 000",
        "LUM;Kungsholmen;Nytt projekt;;200 000",
      ]);
      const result = await importera(dir, "ansokningar-2024.csv");
      expect(result.out).toContain("Tillagda ansökningar (1)");
      const text = readFileSync(path, "utf8");
      expect(text).toContain("beskrivning: Ny beskrivning.\r\n");
      expect(text).toContain("projekt: Nytt projekt\r\n");
      expect(text.match(/(?<!\r)\n/g)).toBeNull();
      expect(parse(text).lum.find((a: { id: string }) => a.id === "digital-lots-samsjukliga")).toMatchObject({ sökt: "450 000", beskrivning: "Ny beskrivning." });
    });
  });

  it("puts a stand-in decision after each undecided application, at the lines it reports (CRLF or LF)", () => {
    // verify.ts builds the text in one pass and finds lines by the offsets of the line breaks, counted once.
    const text = ["år: 2025", "lum:", "  - nr: 1", "    id: a", "  - nr: 2", "    id: b", "    beslut: {utfall: bifall}", "  - nr: 3", "    id: c", "mul: []", ""].join("\n");
    for (const eol of ["\n", "\r\n"]) {
      const { text: variant, inserted } = withStandInDecisions(text.replace(/\n/g, eol));
      const lines = variant.split(/\r?\n/);
      expect(inserted).toEqual([5, 11]);
      for (const line of inserted) expect(lines[line - 1]).toBe("    beslut: {utfall: avslag, motivering: beslut saknas}");
      expect(parse(variant).lum.map((a: { beslut: { utfall: string } }) => a.beslut.utfall)).toEqual(["avslag", "bifall", "avslag"]);
    }
  });
});


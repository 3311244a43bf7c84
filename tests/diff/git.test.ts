// Reviewing a round in git: commit a round, change one decision, and the
// report names exactly that change. Sides may be files or rev:path.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { plain, read2024, removeDir, replaceOnce, runDiff, section, tempDir, tempRepo } from "./helpers.js";

// Application 5 of 2024: granted 250 000 of 500 000, with a reason.
const NR5_BEFORE = `      utfall: delvis_bifall
      belopp: 250 000
      motivering: bedöms kunna genomföras med en reducerad summa av ansökta medel.

  - nr: 6`;
const NR5_GRANTED_IN_FULL = `      utfall: bifall

  - nr: 6`;

describe("comparing a round with an earlier revision in git", () => {
  let repo: ReturnType<typeof tempRepo>;
  beforeEach(() => {
    repo = tempRepo();
    repo.write("rounds/2024.yaml", read2024());
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "2024");
  });
  afterEach(() => removeDir(repo.dir));

  it("names exactly the one decision that changed, and nothing else", async () => {
    repo.write("rounds/2024.yaml", replaceOnce(read2024(), NR5_BEFORE, NR5_GRANTED_IN_FULL));
    const { code, out, err } = await runDiff(["HEAD:rounds/2024.yaml", "rounds/2024.yaml"], { cwd: repo.dir });
    expect(err).toBe("");
    expect(code).toBe(0);
    const report = plain(out);
    expect(report).toContain("Före: HEAD:rounds/2024.yaml (2024)");
    expect(section(report, /^Ändrat i förvaltningens förslag \(1\)$/)).toEqual([
      "  • LUM nr 5 ”Hur kan brukare och personal förstå varandra bättre?” (Kungsholmen)",
      "    – Beslut: delvis bifall → bifall",
      "    – Beviljat: 250 000 → 500 000 (+250 000)",
      "    – Motivering (borttagen): [-”bedöms kunna genomföras med en reducerad summa av ansökta medel.”-]",
    ]);
    const totals = section(report, /^Summor$/)!;
    expect(totals).toContainEqual(expect.stringMatching(/^  LUM beviljat\s+3 000 000  →  3 250 000\s+\+250 000$/));
    expect(totals).toContainEqual(expect.stringMatching(/^  MUL beviljat\s+198 400  →    198 400\s+oförändrat$/));
    // Nothing else is reported as changed.
    for (const heading of [/^Tillagda/, /^Borttagna/, /^Regler och kriterier$/, /^Datum$/, /^Övriga uppgifter$/]) {
      expect(section(report, heading)).toBeUndefined();
    }
    // (The check of the new version, after the changes, is not a change.)
    expect(report.split("Kontroll av den nya versionen")[0]!.match(/^  • /gm)).toHaveLength(1);
  });

  it("compares two revisions, with a word-level diff of a reworded reason", async () => {
    repo.write(
      "rounds/2024.yaml",
      replaceOnce(read2024(), "motivering: bedöms ligga utanför socialtjänstens verksamhetsområde.", "motivering: bedöms ligga helt utanför socialtjänstens uppdrag."),
    );
    repo.git("commit", "-q", "-am", "Omformulerad motivering");
    const { code, out } = await runDiff(["HEAD~1:rounds/2024.yaml", "HEAD:rounds/2024.yaml"], { cwd: repo.dir });
    expect(code).toBe(0);
    expect(section(plain(out), /^Ändrat i förvaltningens förslag \(1\)$/)).toEqual([
      "  • LUM nr 11 ”Förstärkt handledning och samordning av Stockholmsjobb på stadsdelsförvaltningen” (Järva)",
      "    – Motivering: bedöms ligga {+helt+} utanför socialtjänstens [-verksamhetsområde-]{+uppdrag+}.",
    ]);
  });

  it("follows an application through a renumbering by its id, and reports additions and removals", async () => {
    // Remove application 1 and add a new one at the end.
    let text = read2024();
    const start = text.indexOf("  - nr: 1\n    id: tidigt-stod-eu-medborgare");
    const end = text.indexOf("  - nr: 2\n");
    text = text.slice(0, start) + text.slice(end);
    text = replaceOnce(
      text,
      "# Medel för utveckling och lärande (MUL)",
      `  - nr: 15
    id: ny-ansokan
    förvaltning: Bromma
    projekt: Nytt projekt
    sökt: 100 000
    beslut:
      utfall: bifall

# Medel för utveckling och lärande (MUL)`,
    );
    repo.write("rounds/2024.yaml", text);
    const report = plain((await runDiff(["HEAD:rounds/2024.yaml", "rounds/2024.yaml"], { cwd: repo.dir })).out);
    expect(section(report, /^Tillagda ansökningar \(1\)$/)).toEqual([
      "  • LUM nr 15 ”Nytt projekt” (Bromma): sökt 100 000, bifall, beviljat 100 000",
    ]);
    expect(section(report, /^Borttagna ansökningar \(1\)$/)).toEqual([
      "  • LUM nr 1 ”Tidigt stöd till minderåriga EU-medborgare” (Norrmalm): sökt 300 000, delvis bifall, beviljat 200 000",
    ]);
    // The numbers of the others did not change, so no decision is reported as changed.
    expect(section(report, /^Ändrat i förvaltningens förslag/)).toBeUndefined();
  });

  it("names a changed date under Datum and says the totals are unchanged", async () => {
    repo.write("rounds/2024.yaml", replaceOnce(read2024(), "återbetalning_senast: 2024-06-02", "återbetalning_senast: 2024-06-10"));
    const report = plain((await runDiff(["HEAD:rounds/2024.yaml", "rounds/2024.yaml"], { cwd: repo.dir })).out);
    expect(section(report, /^Datum$/)).toEqual(["  • Återbetalning anmäls senast: 2 juni 2024 → 10 juni 2024"]);
    expect(section(report, /^Summor$/)).toEqual(["Oförändrade: beviljat LUM 3 000 000, MUL 198 400, totalt 3 198 400 av sökta 6 658 400."]);
    expect(section(report, /^Ändrat i förvaltningens förslag/)).toBeUndefined();
  });

  it("exits 2 with a Swedish message for an unknown revision", async () => {
    const { code, out, err } = await runDiff(["finnsinte:rounds/2024.yaml", "rounds/2024.yaml"], { cwd: repo.dir });
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain("Revisionen ”finnsinte” finns inte i git-förrådet");
    expect(err).toContain("Åtgärd:");
  });

  it("exits 2 when the file is not in that revision", async () => {
    const { code, err } = await runDiff(["HEAD:rounds/2031.yaml", "rounds/2024.yaml"], { cwd: repo.dir });
    expect(code).toBe(2);
    expect(err).toContain("Filen rounds/2031.yaml finns inte i revisionen ”HEAD”.");
  });

  it("exits 1 with the usual diagnostics, pointing into the revision, when a side is not a valid round", async () => {
    const broken = replaceOnce(read2024(), "projektår: 2\n    sökt: 300 000\n    beslut:\n      utfall: bifall\n", "projektår: 2\n    sökt: 300 000\n    beslut:\n      utfall: bifal\n");
    repo.write("rounds/2024.yaml", broken);
    repo.git("commit", "-q", "-am", "Trasig");
    const { code, out, err } = await runDiff(["HEAD~1:rounds/2024.yaml", "HEAD:rounds/2024.yaml"], { cwd: repo.dir });
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err).toMatch(/^HEAD:rounds\/2024\.yaml:\d+:\d+: fel: "beslut\.utfall" i LUM-ansökan nr 2 ska vara ett av: bifall,/m);
    expect(err).toContain("utfall: bifal");
  });
});

describe("sides that cannot be read", () => {
  it("exits 2 with a Swedish message for a missing file", async () => {
    const { code, out, err } = await runDiff(["rounds/2031.yaml", "rounds/2024.yaml"]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain("fel: Filen rounds/2031.yaml finns inte.");
  });

  it("exits 2 outside a git repository", async () => {
    const dir = tempDir("nogit");
    try {
      const { code, err } = await runDiff(["HEAD:rounds/2024.yaml", "HEAD:rounds/2024.yaml"], { cwd: dir });
      expect(code).toBe(2);
      expect(err).toContain("mappen är inte ett git-förråd");
    } finally {
      removeDir(dir);
    }
  });

  it("exits 2 with the usage for a wrong number of rounds or an unknown format", async () => {
    for (const argv of [["rounds/2024.yaml"], ["rounds/2023.yaml", "rounds/2024.yaml", "--format", "html"]]) {
      const { code, err } = await runDiff(argv);
      expect(code).toBe(2);
      expect(err).toContain("Användning:");
    }
  });

  it("reports no differences, exit 0, when the rounds are the same", async () => {
    const { code, out } = await runDiff(["rounds/2024.yaml", "rounds/2024.yaml"]);
    expect(code).toBe(0);
    expect(out).toContain("Inga skillnader");
    expect(out).not.toContain("Summor");
  });
});

// The 2015 reference (shared/reference, "MUST" round: protokollsutdrag § 15
// and the tjänsteutlåtande with Tabell 1 and 2) encoded as a round file in
// tests/fixtures/2015.yaml. The figures asserted here are those of the
// reference README for 2015; they must come out of the built text.
import { describe, expect, it } from "vitest";
import { checkRounds } from "../src/build.js";
import { fileOf, plain, renderFile } from "./helpers/build.js";

const FILE = "tests/fixtures/2015.yaml";

async function text(name: string): Promise<string> {
  const rendered = await renderFile(FILE);
  return plain(new TextDecoder().decode(fileOf(rendered, name)));
}

describe("2015 round file", () => {
  it("checks without errors or warnings", async () => {
    const { rounds, diagnostics } = await checkRounds([FILE]);
    expect(diagnostics.map((d) => `${d.severity}: ${d.message}`)).toEqual([]);
    const round = rounds[0]!.round;
    expect(round.lum).toHaveLength(20);
    expect(round.mul).toHaveLength(25);
    expect(round.regler.max_belopp_lum).toBe(750_000);
    expect(round.regler.max_belopp_mul).toBe(25_000);
    expect(round.regler.max_år_i_rad).toBeUndefined();
  });

  it("encodes the special decisions of the reference", async () => {
    const { rounds } = await checkRounds([FILE]);
    const round = rounds[0]!.round;
    const lum = (nr: number) => round.lum.find((a) => a.nr === nr)!;
    const mul = (nr: number) => round.mul.find((a) => a.nr === nr)!;
    expect(lum(12).beslut.utfall).toBe("centrala_medel");
    expect(lum(13).beslut.utfall).toBe("centrala_medel");
    expect(mul(12).sökt).toBe(35_000);
    expect(mul(12).beslut).toMatchObject({ utfall: "maxbelopp", motivering: "Maxbeloppet är 25 000 kr." });
    expect(mul(4).beslut).toMatchObject({
      villkor: "Beviljas medel endast om samordning av studieresan sker med ansökan 5.",
      samordnas_med: [5],
    });
  });
});

describe("2015 tjänsteutlåtande", () => {
  it("states the requested totals", async () => {
    const t = await text("tjansteutlatande.txt");
    expect(t).toContain("för år 2015 omfattar totalt 8 652 580 kronor.");
    expect(t).toContain("– 8 045 580 kronor avser lokala utvecklingsmedel");
    expect(t).toContain("– 607 000 kronor avser medel för studiebesök/studieresor");
    // Not asserted: the number of förvaltningar ("åtta stadsdelsförvaltningar"
    // counts Arbetsmarknadsförvaltningen as one, and not the co-applicants).
    expect(t).toContain("avsåg tjugo ansökningar lokala utvecklingsmedel vilka kom från");
    expect(t).toContain("Ansökta medel omfattade totalt 8 045 580 kronor.");
    expect(t).toContain("Tjugofem ansökningar avsåg medel för utveckling och lärande genom studiebesök/resor");
    expect(t).toContain("Ansökta medel för utveckling och lärande omfattade totalt 607 000 kronor.");
  });

  it("states the proposed totals, with 12 and 13 outside the LUM sum", async () => {
    const t = await text("tjansteutlatande.txt");
    expect(t).toContain("– 2 669 520 kronor avsätts till lokala utvecklingsmedel.");
    expect(t).toContain("– 424 000 kronor avsätts till medel för utveckling och lärande.");
    expect(t).toContain("tilldelning av 3 093 520 kronor.");
    expect(t).toMatch(/\| Summa \|\s+\| 2 669 520 \|/);
    expect(t).toMatch(/\| Summa \|\s+\| 424 000 \|/);
    expect(t).toContain("Förslaget innebär att två projekt finansieras med centrala utvecklingsmedel i stället för lokala utvecklingsmedel.");
    expect(t).toContain("2. Socialnämnden godkänner att de lokala utvecklingsprojekten 12 och 13 finansieras med centrala utvecklingsmedel.");
    // The projects funded centrally are not rows of the LUM allocation table.
    expect(t).not.toMatch(/^\| [^|]+ \| Mina båda världar/m);
    expect(t).not.toMatch(/^\| [^|]+ \| Det tredelade föräldraskapet/m);
  });

  it("names the rules, dates and people of 2015", async () => {
    const t = await text("tjansteutlatande.txt");
    expect(t).toContain("Dnr 3.2-482/2014");
    expect(t).toContain("2015-03-06");
    expect(t).toContain("Cecilia Löfgren");
    expect(t).toContain("08-508 25 908");
    expect(t).toContain("Det högsta beloppet att söka per år är 750 000 kronor.");
    expect(t).toContain("Det högsta beloppet att söka är 25 000 kronor.");
    expect(t).toContain("från den 20 oktober 2014 till den 13 februari 2015");
    expect(t).toContain("förvaltningsgruppen den 18 mars");
    expect(t).toMatch(/Gillis Hammar +Denise Melin\nFörvaltningschef +Avdelningschef/);
    expect(t).toContain("Förslaget innebär att åtta stycken ansökningar av LUM avslås.");
    expect(t).toContain("Förslaget innebär att sex stycken ansökningar av LUM delvis beviljas ansökta medel.");
    expect(t).toContain("Förslaget innebär att fyra stycken ansökningar av MUL avslås.");
  });
});

describe("2015 bilagor", () => {
  it("bilaga 1 sums the LUM applications", async () => {
    const t = await text("bilaga-1-ansokningar-lum.txt");
    expect(t).toContain(
      "Tjugo ansökningar om lokala utvecklingsmedel för 2015 har kommit in, med sökta medel om totalt 8 045 580 kronor. Förvaltningen föreslår att tio ansökningar beviljas medel om totalt 2 669 520 kronor.",
    );
    expect(t).toMatch(/\| Summa \| 8 045 580 \| 2 669 520 \|/);
    // The proposal column of 12 and 13 is not asserted: it prints 0, while
    // the reference leaves it empty (no LUM amount, central funds instead).
    expect(t).toMatch(/^\| 12 \| Mina båda världar.*\| 750 000 \| [^|]* \| Centrala utvecklingsmedel \//m);
    expect(t).toMatch(/^\| 13 \| Det tredelade föräldraskapet.*\| 810 000 \| [^|]* \| Centrala utvecklingsmedel \//m);
  });

  it("bilaga 2 sums the study visits, with the cap and the conditions", async () => {
    const t = await text("bilaga-2-ansokningar-mul.txt");
    expect(t).toContain(
      "Tjugofem ansökningar om medel för utveckling och lärande genom studiebesök/resor för 2015 har kommit in, med sökta medel om totalt 607 000 kronor. Förvaltningen föreslår att tjugoen ansökningar beviljas medel om totalt 424 000 kronor.",
    );
    expect(t).toMatch(/\| Summa \| 607 000 \| 424 000 \|/);
    expect(t).toMatch(/^\| 12 \| .*\| 35 000 \| 25 000 \| Maxbeloppet \/ Maxbeloppet är 25 000 kr\. \|$/m);
    expect(t).toMatch(/^\| 4 \| .*\| 25 000 \| 15 000 \| .*Beviljas medel endast om samordning av studieresan sker med ansökan 5\. \|$/m);
    expect(t).toMatch(/^\| 17 \| .*\| 18 000 \| 15 000 \| .*sker med ansökan 18 och 19\. \|$/m);
  });
});

describe("2015 protokollsutdrag", () => {
  it("gives § 15, the four decision items and the secretary", async () => {
    const t = await text("protokollsutdrag.txt");
    expect(t).toContain("§ 15");
    expect(t).toContain("Dnr 3.2-482/2014");
    expect(t).toContain("1. Socialnämnden godkänner förvaltningens förslag om fördelning av medel");
    expect(t).toContain("2. Socialnämnden godkänner att de lokala utvecklingsprojekten 12 och 13 finansieras med centrala utvecklingsmedel.");
    expect(t).toContain("3. Paragrafen justeras omedelbart.");
    expect(t).toContain("4. Ärendet överlämnas till stadsdelsnämnderna för kännedom.");
    expect(t).toContain("omfattar totalt 8 652 580 kronor");
    expect(t).toContain("tjugo ansökningar om lokala utvecklingsmedel som uppgår till 8 045 580 kronor");
    expect(t).toContain("tjugofem ansökningar om medel för studiebesök/studieresor som uppgår till 607 000 kronor");
    expect(t).toContain("I detta ärende föreslås fördelning av totalt 3 093 520 kronor.");
    expect(t).toContain("– 2 669 520 kronor avsätts till lokala utvecklingsmedel");
    expect(t).toContain("– 424 000 kronor avsätts till medel för utveckling och lärande");
    expect(t).toContain("tjänsteutlåtande daterat den 6 mars 2015");
    expect(t).toContain("Ordföranden finner att nämnden beslutar enligt förvaltningens förslag.");
    expect(t).toMatch(/Lisbeth Westerlund\nSekreterare/);
  });
});

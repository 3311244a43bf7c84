// The 2015 reference (shared/reference, "MUST" round: protokollsutdrag § 15
// and the tjänsteutlåtande with Tabell 1 and 2) as a round, rounds/2015.yaml,
// written with the 2015 wording (templates/2015/). The figures asserted here
// are those of the reference README for 2015; they must come out of the text.
import { describe, expect, it } from "vitest";
import { checkRounds } from "../src/pipeline/index.js";
import { deriveFigures } from "../src/derive/figures.js";
import { fileOf, plain, renderFile } from "./helpers/build.js";

const FILE = "rounds/2015.yaml";

async function text(name: string): Promise<string> {
  const rendered = await renderFile(FILE);
  return plain(new TextDecoder().decode(fileOf(rendered, name)));
}

describe("2015 round file", () => {
  it("checks without errors or warnings; exceeding the approximate frame is a note with its reason", async () => {
    const { rounds, diagnostics } = await checkRounds([FILE]);
    // Its placeholders aside (values the source paper lacks).
    const found = diagnostics.filter((d) => d.code !== "platshallare");
    expect(found.filter((d) => d.severity !== "notering").map((d) => `${d.severity}: ${d.message}`)).toEqual([]);
    expect(found.map((d) => d.code)).toEqual(["ram-overskriden"]);
    expect(plain(found[0]!.message)).toContain("3 093 520 kronor, är 93 520 kronor mer än ramen på 3 000 000 kronor");
    const round = rounds[0]!.round;
    expect(round.lum).toHaveLength(20);
    expect(round.mul).toHaveLength(25);
    expect(round.regler.max_år_i_rad).toBeUndefined();
    expect(round.återbetalning_senast).toBeUndefined();
  });

  it("encodes the special decisions of the reference", async () => {
    const { rounds } = await checkRounds([FILE]);
    const round = rounds[0]!.round;
    const lum = (nr: number) => round.lum.find((a) => a.nr === nr)!;
    const mul = (nr: number) => round.mul.find((a) => a.nr === nr)!;
    expect(lum(12).beslut.utfall).toBe("centrala_medel");
    expect(lum(13).beslut.utfall).toBe("centrala_medel");
    expect(lum(4).förvaltning).toEqual(["Skarpnäck", "Enskede-Årsta-Vantör", "Farsta"]);
    expect(mul(12).beslut).toMatchObject({ utfall: "maxbelopp", motivering: "Maxbeloppet är 25 000 kr." });
    // Only the condition, as in the paper: no reason invented.
    expect(mul(4).beslut).toEqual({
      utfall: "delvis_bifall",
      belopp: 15_000,
      villkor: "Beviljas medel endast om samordning av studieresan sker med ansökan 5.",
      samordnas_med: [5],
    });
  });
});

describe("2015 tjänsteutlåtande", () => {
  it("has its four decision points, then the signatures, then the summary with the totals in kr", async () => {
    const t = await text("tjansteutlatande.txt");
    expect(t).toMatch(
      /1\. Socialnämnden godkänner förvaltningens förslag om fördelning av medel till lokala utvecklingsprojekt och studiebesök \(sk MUST, Mutual Study Visits\)\.\n2\. Socialnämnden godkänner att de lokala utvecklingsprojekten 12 och 13 finansieras med centrala utvecklingsmedel\.\n3\. Socialnämnden beslutar att omedelbart justera ärendet\.\n4\. Ärendet överlämnas till stadsdelsnämnderna för kännedom\.\n\nGillis Hammar +Denise Melin\nFörvaltningschef +Avdelningschef\n\nSammanfattning/,
    );
    expect(t).toContain("I årets ansökningsomgång inkom ansökningar för totalt 8 652 580 kr. 20 ansökningar för lokala utvecklingsprojekt som uppgår till 8 045 580 kr och 25 ansökningar för studiebesök som uppgår till 607 000 kr.");
    expect(t).toContain("I detta ärende föreslås fördelning av totalt 3 093 520 kr för forskning och utveckling inom socialtjänsten.");
    expect(t).toContain("• 2 669 520 kr avsätts till lokala utvecklingsprojekt\n• 424 000 kr avsätts för studiebesök, MUST");
  });

  it("says MUST, never MUL, and no rule or date the 2015 paper does not state", async () => {
    const t = await text("tjansteutlatande.txt");
    expect(t).not.toMatch(/\bMUL\b|\bLUM\b/);
    expect(t).not.toContain("Prioriterade områden");
    expect(t).not.toMatch(/1–\d år|högst två|återbetala/);
  });

  it("names the approximate frame and why it is exceeded, with the computed figures", async () => {
    const t = await text("tjansteutlatande.txt");
    expect(t).toContain("I planen avsattes ca 3 000 000 kr för lokala utvecklingsprojekt och studiebesök MUST under år 2015.");
    expect(t).toContain("fördela en högre summa än det tidigare avsatta beloppet om 3 000 000 kr.");
    expect(t).toContain("Förvaltningen föreslår att 2 669 520 kr fördelas för lokala utvecklingsprojekt i enlighet med tabell 1 samt att 424 000 kr fördelas för studiebesök (MUST) i enlighet med tabell 2.");
  });

  it("holds Tabell 1 and Tabell 2 with every application, its applicants, request and proposal", async () => {
    const t = await text("tjansteutlatande.txt");
    expect(t).toContain("Tabell 1: Ansökningar och förslag om fördelning av lokala utvecklingsmedel");
    expect(t).toContain("Tabell 2: Ansökningar och förslag på fördelning av medel för studiebesök (MUST)");
    const rows = t.split("\n").filter((l) => /^\| \d+\. /.test(l));
    expect(rows).toHaveLength(45);
    // A joint application names all its förvaltningar by their formal names.
    expect(t).toContain("Sökande: Skarpnäcks, Enskede-Årsta-Vantörs och Farsta stadsdelsförvaltningar / Sökt belopp: 300 000 kr | 300 000 kr |");
    expect(t).toContain("Sökande: Arbetsmarknadsförvaltningen / Sökt belopp: 95 000 kr | Avslag / Projektansökan faller inte inom forsknings- och utvecklingsramen. |");
    expect(t).toMatch(/\| 12\. Mina båda Världar.*Sökt belopp: 750 000 kr \| Förvaltningen föreslår att projektet finansieras av centrala utvecklingsmedel\./);
    expect(t).toMatch(/\| 12\. Resmål och syfte: .*Sökt belopp: 35 000 kr \| Maxbeloppet är 25 000 kr\. \|/);
    // A condition alone reads as the paper's cell: the amount, then the condition.
    expect(t).toMatch(/\| 4\. Resmål och syfte: .*Sökt belopp: 25 000 kr \| 15 000 kr \/ Beviljas medel endast om samordning av studieresan sker med ansökan 5\. \|/);
    expect(t).not.toContain("bilaga");
  });
});

describe("2015 protokollsutdrag", () => {
  it("gives § 15, its own four decision items, the summary and the secretary", async () => {
    const t = await text("protokollsutdrag.txt");
    expect(t).toContain("§ 15");
    expect(t).toContain("Dnr 3.2-482/2014");
    expect(t).toContain("1. Socialnämnden godkänner förvaltningens förslag om fördelning av medel till lokala utvecklingsprojekt och studiebesök (s.k. MUST, Mutual Study Visits).");
    expect(t).toContain("2. Socialnämnden godkänner att de lokala utvecklingsprojekten 12 och 13 finansieras med centrala utvecklingsmedel.");
    expect(t).toContain("3. Paragrafen justeras omedelbart.");
    expect(t).toContain("4. Ärendet överlämnas till stadsdelsnämnderna för kännedom.");
    expect(t).toContain("I årets ansökningsomgång inkom ansökningar för totalt 8 652 580 kr.");
    expect(t).toContain("Förvaltningen hade redovisat ärendet i ett tjänsteutlåtande daterat 6 mars 2015.");
    expect(t).toMatch(/Lisbeth Westerlund\nSekreterare/);
  });
});

describe("2015 letters", () => {
  it("are addressed to the formal name, name MUST, and state no repayment date", async () => {
    const t = await text("beslutsmeddelanden/skarpnack.txt");
    expect(t).toMatch(/Till\nSkarpnäcks stadsdelsförvaltning\n/);
    expect(t).toContain("(MUST, Mutual Study Visits)");
    expect(t).not.toMatch(/Senast den|återbetal/);
  });

  it("list a joint application in each of its förvaltningar's letters, and its money only in the first one's", async () => {
    const farsta = await text("beslutsmeddelanden/farsta.txt");
    const skarpnack = await text("beslutsmeddelanden/skarpnack.txt");
    for (const letter of [farsta, skarpnack]) {
      expect(letter).toContain("Öppenvård sydost, år 2 (gemensam ansökan från Skarpnäck, Enskede-Årsta-Vantör och Farsta; medlen betalas till Skarpnäck)");
    }
    expect(skarpnack).toContain("Sammanlagt beviljas Skarpnäck 315 000 kronor");
    expect(farsta).not.toMatch(/beviljas Farsta [^\n]*300 000/);
  });

  it("go to Arbetsmarknadsförvaltningen as what it is, a fackförvaltning", async () => {
    const t = await text("beslutsmeddelanden/arbetsmarknadsforvaltningen.txt");
    expect(t).toMatch(/Till\nArbetsmarknadsförvaltningen\n/);
  });
});

describe("2015 applicants counted as what they are", () => {
  it("counts each förvaltning of a joint application, and Arbetsmarknadsförvaltningen as a fackförvaltning, not a district", async () => {
    const { rounds } = await checkRounds([FILE]);
    const f = deriveFigures(rounds[0]!.round);
    // Districts among the LUM applicants, co-applicants included: Södermalm,
    // Hägersten-Liljeholmen, Hässelby-Vällingby, Skarpnäck, Enskede-Årsta-Vantör,
    // Farsta, Skärholmen, Älvsjö, Rinkeby-Kista, Norrmalm, Östermalm.
    expect(f.lum.antalStadsdelsförvaltningar).toBe(11);
    expect(f.lum.övrigaFörvaltningar).toEqual(["Arbetsmarknadsförvaltningen"]);
    expect(f.lum.egenFörvaltningSöker).toBe(true);
    const joint = f.lum.alla.find((a) => a.nr === 4)!;
    expect(joint).toMatchObject({ gemensam: true, förvaltningar: ["Skarpnäck", "Enskede-Årsta-Vantör", "Farsta"] });
    // The letters together grant what the paper proposes: a joint application's money counts once.
    expect(f.sökande.reduce((s, a) => s + a.beviljat, 0)).toBe(f.totalt.beviljat);
  });
});

// The figures and wording of the reference documents (shared/reference and
// its README) come out of the round files. These are what a committee member
// would check first.
import { describe, expect, it } from "vitest";
import { fileOf, plain, renderFile } from "./helpers/build.js";

async function text(year: number, name = "tjansteutlatande.txt"): Promise<string> {
  const rendered = await renderFile(`rounds/${year}.yaml`);
  return plain(new TextDecoder().decode(fileOf(rendered, name)));
}

/** The lines that are level-2 headings (underlined with "-") in the text rendering. */
function sections(t: string): string[] {
  const lines = t.split("\n");
  return lines.filter((line, i) => /^-{3,}$/.test(lines[i + 1] ?? "") && line.trim() !== "");
}

describe("2024 tjänsteutlåtande", () => {
  it("has the reference's sections in the reference's order", async () => {
    expect(sections(await text(2024))).toEqual([
      "Förvaltningens förslag till beslut",
      "Sammanfattning",
      "Bakgrund",
      "Kvalificering och urval för lokala utvecklingsmedel 2024",
      "Medel för utveckling och lärande",
      "Ärendet",
      "Återbetalning av beviljade medel",
      "Ärendets beredning",
      "Jämställdhetsanalys",
      "Förvaltningens synpunkter och förslag",
      "Bilagor",
    ]);
  });

  it("states the requested and proposed totals", async () => {
    const t = await text(2024);
    expect(t).toContain("– 6 460 000 kronor avser lokala utvecklingsmedel");
    expect(t).toContain("– 198 400 kronor avser medel för studiebesök/studieresor");
    // The reference prints 6 558 400 as the total, but its own parts add up to
    // 6 460 000 + 198 400 = 6 658 400; the pipeline prints the true sum.
    expect(t).toContain("omfattar totalt 6 658 400 kronor");
    expect(t).toContain("– 3 000 000 kronor avsätts till lokala utvecklingsmedel.");
    expect(t).toContain("– 198 400 kronor avsätts till medel för utveckling och lärande.");
    expect(t).toContain("tilldelning av 3 198 400 kronor.");
    expect(t).toMatch(/\| Summa \|\s+\| 3 000 000 \|/);
    expect(t).toMatch(/\| Summa \|\s+\| 198 400 \|/);
  });

  it("counts applications and förvaltningar in words", async () => {
    const t = await text(2024);
    expect(t).toContain(
      "avsåg fjorton ansökningar lokala utvecklingsmedel vilka kom från tio stadsdelsförvaltningar. Ansökta medel omfattade totalt 6 460 000 kronor.",
    );
    expect(t).toContain(
      "Åtta ansökningar avsåg medel för utveckling och lärande genom studiebesök/resor och kom från fyra stadsdelsförvaltningar samt socialförvaltningen.",
    );
    expect(t).toContain("Förslaget innebär att sex stycken ansökningar av LUM avslås.");
    expect(t).toContain("Förslaget innebär att tre stycken ansökningar av LUM delvis beviljas ansökta medel.");
  });

  it("names the six rejected projects with the reference's reasons", async () => {
    const t = await text(2024);
    for (const line of [
      "– Projektet ”BFS (Boende med förstärkt stöd)” bedöms inte uppfylla huvudkriteriet om nya arbetssätt/metoder.",
      "– Projektet ”Nya arbetssätt och metoder för att förebygga felaktiga utbetalningar av ekonomiskt bistånd som beror på interna felaktigheter” bedöms uppfylla huvudkriterierna men projektet bedöms inte uppfylla något av de prioriterade områdena.",
      "– Projektet ”Förstärkt handledning och samordning av Stockholmsjobb på stadsdelsförvaltningen” bedöms ligga utanför socialtjänstens verksamhetsområde.",
      "– Projektet ”Föräldraskapsstöd för alla – lättillgängligt föräldraskapsstöd” bedöms uppfylla huvudkriterier och ett av de prioriterade områdena men har en bristfällig logik mellan problemformulering och föreslagen metod.",
      "– Projektet ”Förstärkt stöd till familjehem och vårdnadshavare” bedöms inte uppfylla huvudkriteriet om nya arbetssätt/metoder.",
      "– Projektet ”ARN – Aktivera Rätt Nätverk” bedöms inte uppfylla huvudkriteriet om nya arbetssätt/metoder.",
    ]) {
      expect(t).toContain(line);
    }
  });

  it("names the three reduced projects", async () => {
    const t = await text(2024);
    for (const project of [
      "Framtidens socialtjänst – i samskapande med brukarna",
      "Tidigt stöd till minderåriga EU-medborgare",
      "Hur kan brukare och personal förstå varandra bättre?",
    ]) {
      expect(t).toContain(`– Projektet ”${project}” bedöms kunna genomföras med en reducerad summa av ansökta medel.`);
    }
  });

  it("gives the repayment date and the preparation dates in words", async () => {
    const t = await text(2024);
    expect(t).toContain("Senast den 2 juni 2024 ska berörd stadsdelsförvaltning meddela socialförvaltningen");
    expect(t).toContain("behandlats i förvaltningsgruppen den 7 december.");
    expect(t).toContain("behandla ärendet den 6 december.");
  });

  it("lists its bilagor, and each bilaga closes with the fund's totals", async () => {
    const t = await text(2024);
    expect(t).toContain("1. Ansökningar LUM samt motivering och bedömning\n2. Ansökningar MUL samt bedömning");
    const lum = await text(2024, "bilaga-1-ansokningar-lum.txt");
    expect(lum.match(/^\| \d+ \|/gm)).toHaveLength(14);
    expect(lum).toMatch(/\|\s+\| Summa \| 6 460 000 \| 3 000 000 \|/);
    const mul = await text(2024, "bilaga-2-ansokningar-mul.txt");
    expect(mul.match(/^\| \d+ \|/gm)).toHaveLength(8);
    expect(mul).toMatch(/\|\s+\| Summa \| 198 400 \| 198 400 \|/);
  });
});

describe("2023 tjänsteutlåtande", () => {
  it("states the reference's totals", async () => {
    const t = await text(2023);
    expect(t).toContain("omfattar totalt 5 138 500 kronor");
    expect(t).toContain("Ansökta medel för lokala utvecklingsmedel omfattade totalt 4 950 000 kronor.");
    expect(t).toContain("Ansökta medel för utveckling och lärande genom studiebesök/resor omfattade totalt 188 500 kronor.");
    expect(t).toContain("Socialförvaltningen föreslår att 4 038 500 kronor fördelas");
    expect(t).toContain("– 3 850 000 kronor avsätts till lokala utvecklingsprojekt");
    expect(t).toContain("– 188 500 kronor avsätts för studiebesök/studieresor");
    expect(t).toContain("• 3 850 000 kr avsätts till lokala utvecklingsmedel (LUM)");
    expect(t).toContain("Sammanlagt innebär förslaget utdelning av medel för LUM och MUL om 4 038 500 kronor.");
  });

  it("counts as the reference does, Socialförvaltningen apart", async () => {
    const t = await text(2023);
    expect(t).toContain("avsåg elva ansökningar lokala utvecklingsmedel vilka kom från åtta stadsdelsförvaltningar samt socialförvaltningen.");
    expect(t).toContain("Åtta ansökningar avsåg medel för utveckling och lärande genom studiebesök/resor och kom från sex stadsdelsförvaltningar samt från socialförvaltningen.");
  });

  it("explains the 20 % reduction and rejects Signs of Safety with its reason", async () => {
    const t = await text(2023);
    expect(t).toContain("Förslaget innebär att medel för projekt som är inne på andra eller tredje året minskas med 20 procent.");
    expect(t).toMatch(/Förslaget innebär vidare att en ansökan avslås, det är ansökan från Hägersten-Älvsjö som syftar till att implementera Signs of Safetys förhållningssätt och metoder\. Motiveringen är att .*fyraårigt forskningsprojekt med finansiering från Forte\./);
    expect(t).toContain("Senast den 31 maj 2023");
    expect(t).toContain("sträckte sig från den 2 maj till den 30 augusti 2022.");
  });
});

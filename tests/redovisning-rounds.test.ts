// The redovisning and inriktning papers of 2019 and 2021 as rounds:
// rounds/2020.yaml (inriktning 2020 with the report on 2018, one paper with its
// own decision points) and rounds/2022.yaml (inriktning 2022 with the report
// on 2020, and a stadsdelsnämnd's anmälningsärende about it), and the 2024
// report as a paper of its own.
import { describe, expect, it } from "vitest";
import { checkRounds } from "../src/pipeline/index.js";
import { fileOf, plain, renderFile } from "./helpers/build.js";

async function text(file: string, name: string): Promise<string> {
  return plain(new TextDecoder().decode(fileOf(await renderFile(file), name)));
}

describe("the 2019 paper (round 2020): redovisning 2018 and inriktning 2020 in one", () => {
  const FILE = "rounds/2020.yaml";

  it("checks without errors or warnings and builds one paper, no separate redovisning", async () => {
    const { diagnostics } = await checkRounds([FILE]);
    // Values the source paper lacks are marked PLATSHÅLLARE; nothing else may be found.
    expect(diagnostics.filter((d) => d.severity !== "notering" && d.code !== "platshallare")).toEqual([]);
    const r = await renderFile(FILE);
    expect(r.files.filter((f) => f.name.endsWith(".txt")).map((f) => f.name)).toEqual(["inriktning.txt"]);
  });

  it("has its own three decision points and the signatures after them", async () => {
    const t = await text(FILE, "inriktning.txt");
    expect(t).toContain(
      "1. Socialnämnden godkänner redovisning av forsknings- och lokala utvecklingsprojekt år 2018.\n2. Socialnämnden godkänner förslag till inriktning av FoU-medel för lokala utvecklingsprojekt och studieresor 2020.\n3. Ärendet delges samtliga stadsdelsnämnder och kommunstyrelsen.\n\nLena Lundström Stoltz",
    );
  });

  it("reports the chosen year (2018, not 2019), research projects apart from local ones", async () => {
    const t = await text(FILE, "inriktning.txt");
    expect(t).toContain("Tre forskningsprojekt har lämnat sina slutrapporter under 2018");
    expect(t).toContain("Under 2018 har nedanstående tre forskningsprojekt som finansierats av lokala utvecklingsmedel lämnat in sina slutrapporter:");
    expect(t).toContain("– Socialrådgivning på nätet, följeforskning");
    expect(t).not.toContain("2019 har nedanstående");
  });

  it("counts the reported year's grants from the projects listed (no 2018 round), without invented applications", async () => {
    const t = await text(FILE, "inriktning.txt");
    expect(t).toContain("Det var elva lokala utvecklingsprojekt som beviljades medel för 2018.");
    expect(t).toContain("Alternativ Family Care – mottagande av ensamkommande barn i familjehem (Skärholmens stadsdelsförvaltning) påbörjade dock aldrig sitt arbete");
    expect(t).toContain("– Samlarteam, Enskede-Årsta-Vantörs stadsdelsförvaltning. Syftet med projektet var att skapa ett team");
  });

  it("names the projects that continue in the year after the reported one", async () => {
    const t = await text(FILE, "inriktning.txt");
    // The short names the paper uses (kortnamn: in the round), in the year after the reported one.
    expect(t).toMatch(/Av ovanstående projekt har Samlarteamet, LIHF, Kristeamet, Mätinstrument avseende livskvalitet, .*, Södermalmsmodellen och Nya startpunkten även beviljats medel för att fortsätta driva projekten under 2019\./);
  });

  it("states the inriktning and the call with the round's rules", async () => {
    const t = await text(FILE, "inriktning.txt");
    expect(t).toContain("Följande inriktning föreslås avseende medel för forskning och utveckling inför år 2020: Underlätta ett mer sammanhållet stöd till den enskilde, innovation och jämställdhet.");
    expect(t).toContain("Utlysningen för 2020 års medel föreslås pågå från den 2 maj till den 20 september 2019.");
    expect(t).toContain("Varje stadsdelsförvaltning kan beviljas medel för högst två lokala utvecklingsprojekt och två studieresor.");
    expect(t).toContain("senast den 7 juni 2020.");
    expect(t).toContain("Av stadens budget för 2019 framgår");
  });
});

describe("the 2021 anmälningsärende (round 2022): about a redovisning and an inriktning", () => {
  const FILE = "rounds/2022.yaml";
  const NAME = "anmalningsarenden/hasselby-vallingby-stadsdelsnamnd.txt";

  it("is built for a round without applications or sammanträde", async () => {
    const { diagnostics } = await checkRounds([FILE]);
    // Values the source paper lacks are marked PLATSHÅLLARE; nothing else may be found.
    expect(diagnostics.filter((d) => d.severity !== "notering" && d.code !== "platshallare")).toEqual([]);
    const r = await renderFile(FILE);
    expect(r.files.map((f) => f.name)).toContain(NAME);
  });

  it("speaks of the report and the inriktning, and of its own förvaltning's project", async () => {
    const t = await text(FILE, NAME);
    expect(t).toContain("Socialnämnden redovisar i rapport lokala utvecklingsprojekt för år 2020. Lokala utvecklingsmedel har beviljats till nio projekt");
    expect(t).toContain("I ärendet föreslås även inriktning för lokala utvecklingsmedel för 2022.");
    expect(t).toContain("Hässelby-Vällingby beviljades utvecklingsmedel för ett projekt. Ett systematiskt, skyndsamt och tryggt förändringsarbete");
    expect(t).not.toMatch(/fördelades|LUM och MUL/);
  });

  it("has its own recipients, bilagor and attestation", async () => {
    const t = await text(FILE, NAME);
    expect(t).toContain("Ärendet delges samtliga stadsdelsnämnder och kommunstyrelsen.");
    expect(t).toContain("1. Socialnämndens beslut om inriktning av medel för lokala utvecklingsmedel och studieresor 2022");
    expect(t).toContain("2. Socialförvaltningens tjänsteutlåtande\n3. Redovisning av lokala utvecklingsprojekt");
    expect(t).toContain("| Susanna Halldin Olsson, Stadsdelsdirektör | 2021-08-05 |");
  });
});

describe("the 2024 redovisning as a paper of its own", () => {
  it("prints its own Dnr, date and beredning, not the tjänsteutlåtande's", async () => {
    const t = await text("rounds/2024.yaml", "redovisning.txt");
    expect(t).toContain("Dnr 3.2-0001/2024");
    expect(t).toContain("2024-04-16");
    expect(t).not.toContain("Dnr 3.2-0000/2023");
    expect(t).toContain("Ärendet har behandlats i förvaltningsgruppen den 10 april 2024.");
  });
});

describe("a round for last year that is only an inriktning", () => {
  it("is not taken for last year's allocation (2023's continuing projects are not errors against 2022)", async () => {
    const { diagnostics } = await checkRounds(["rounds/2022.yaml", "rounds/2023.yaml"]);
    expect(diagnostics.filter((d) => d.severity === "fel")).toEqual([]);
  });
});

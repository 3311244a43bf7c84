// The rest of the yearly cycle: protokollsutdrag, decision letters,
// anmälningsärenden, redovisning and inriktning agree with the round and with
// the tjänsteutlåtande they follow.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkRounds, renderRound, type RenderedRound } from "../src/pipeline/index.js";
import { inlineText, type Block, type DocumentModel } from "../src/model/document.js";
import { parseRound } from "../src/load/load-round.js";
import { plain, renderFile } from "./helpers/build.js";

const modelOf = (r: RenderedRound, name: string): DocumentModel => {
  const doc = r.documents.find((d) => d.name === name);
  if (!doc) throw new Error(`no document ${name} among ${r.documents.map((d) => d.name).join(", ")}`);
  return doc.model;
};

/** The items of the first list after the heading `heading`. */
function listAfter(model: DocumentModel, heading: RegExp): string[] {
  const start = model.blocks.findIndex((b) => b.type === "heading" && heading.test(inlineText(b.children)));
  const list = model.blocks.slice(start + 1).find((b): b is Extract<Block, { type: "list" }> => b.type === "list");
  if (start < 0 || !list) throw new Error(`no list after ${heading}`);
  return list.items.map((item) => plain(inlineText(item)));
}

const textOf = (model: DocumentModel) => plain(model.blocks.map((b) => ("children" in b ? inlineText(b.children) : JSON.stringify(b))).join("\n"));
const amounts = (text: string) => [...text.matchAll(/(\d{1,3}(?: \d{3})*) kronor/g)].map((m) => Number(m[1]!.replace(/ /g, "")));

describe("protokollsutdrag 2024", () => {
  it("decides what the tjänsteutlåtande proposed, item for item, plus the immediate justering", async () => {
    const r = await renderFile("rounds/2024.yaml");
    const proposal = listAfter(modelOf(r, "tjansteutlatande"), /^Förvaltningens förslag till beslut$/);
    const decision = listAfter(modelOf(r, "protokollsutdrag"), /^Socialnämndens beslut$/);
    expect(proposal.length).toBeGreaterThanOrEqual(2);
    expect(decision.filter((item) => item !== "Paragrafen justeras omedelbart.")).toEqual(proposal);
    expect(decision).toContain("Paragrafen justeras omedelbart.");
  });

  it("states the same figures as the tjänsteutlåtande", async () => {
    const r = await renderFile("rounds/2024.yaml");
    const report = textOf(modelOf(r, "tjansteutlatande"));
    const minutes = textOf(modelOf(r, "protokollsutdrag"));
    const inMinutes = amounts(minutes);
    expect(inMinutes.length).toBeGreaterThanOrEqual(5);
    for (const amount of inMinutes) expect(amounts(report)).toContain(amount);
    // The total proposed is the same figure in both.
    const proposedInReport = Number(/tilldelning av (\d[\d ]*) kronor/.exec(report)![1]!.replace(/ /g, ""));
    const proposedInMinutes = Number(/fördelning av totalt (\d[\d ]*) kronor/.exec(minutes)![1]!.replace(/ /g, ""));
    expect(proposedInMinutes).toBe(proposedInReport);
    // And so is the total applied for.
    const appliedInReport = /omfattar totalt (\d[\d ]*) kronor/.exec(report)![1];
    expect(minutes).toContain(`omfattar totalt ${appliedInReport} kronor`);
  });

  it("gives the committee's own decision when it did not follow the proposal (recorded as data, not free text)", async () => {
    const text = readFileSync(join(import.meta.dirname, "..", "rounds", "2024.yaml"), "utf8").replace(
      "  beslut: enligt_förslag\n",
      "  utfall: återremiss\n  skäl: Ansökningarnas budgetar behöver redovisas.\n",
    );
    const loaded = parseRound({ path: "ändrad.yaml", text });
    if (!loaded.ok) throw new Error("test round does not load");
    const r = await renderRound({ file: "ändrad.yaml", round: loaded.round });
    expect(listAfter(modelOf(r, "protokollsutdrag"), /^Socialnämndens beslut$/)).toEqual([
      "Socialnämnden återremitterar ärendet till förvaltningen. Ansökningarnas budgetar behöver redovisas.",
      "Paragrafen justeras omedelbart.",
    ]);
    expect(r.files.some((f) => f.name.startsWith("beslutsmeddelanden/"))).toBe(false);
  });

  it("is not built before the meeting is recorded, and the build says so and names the condition's line", async () => {
    const r = await renderFile("rounds/2023.yaml");
    expect(r.files.some((f) => f.name.startsWith("protokollsutdrag"))).toBe(false);
    expect(r.files.some((f) => f.name.startsWith("beslutsmeddelanden/"))).toBe(false);
    expect(r.notices[0]).toBe(
      "Inget protokollsutdrag, inga beslutsmeddelanden och inga anmälningsärenden ännu: lägg in nämndens sammanträde (sammanträde:) i filen när ärendet har beslutats.",
    );
    expect(r.notices).toContain(
      "Byggs inte, eftersom sammanträdet inte är inlagt (sammanträde:): protokollsutdrag, protokollsutdrag-…-paragraf-…, beslutsmeddelanden/… (villkoret när: i templates/2023/dokument.yaml, rad 45, 53 och 61).",
    );
  });
});

describe("decision letters 2024", () => {
  it("go to every applying förvaltning once, and together grant what the tjänsteutlåtande proposes", async () => {
    const r = await renderFile("rounds/2024.yaml");
    const letters = r.documents.filter((d) => d.name.startsWith("beslutsmeddelanden/"));
    expect(letters).toHaveLength(11); // ten stadsdelsförvaltningar and Socialförvaltningen
    const granted = letters.map((l) => {
      const text = textOf(l.model);
      if (/beviljas därmed inga medel/.test(text)) return 0;
      return Number(/beviljas .+? (\d{1,3}(?: \d{3})*) kronor av sökta/.exec(text)![1]!.replace(/ /g, ""));
    });
    expect(granted.filter((g) => g === 0)).toHaveLength(1); // Östermalm: its one application is rejected
    expect(granted.reduce((a, b) => a + b, 0)).toBe(3_198_400);
  });

  it("give each application's decision, amount, reason and the repayment rule", async () => {
    const r = await renderFile("rounds/2024.yaml");
    const farsta = plain(new TextDecoder().decode(r.files.find((f) => f.name === "beslutsmeddelanden/farsta.txt")!.bytes));
    expect(farsta).toContain("| 13 | Förstärkt stöd till familjehem och vårdnadshavare | 500 000 | 0 | Avslag / Bedöms inte uppfylla huvudkriteriet om nya arbetssätt/metoder. |");
    expect(farsta).toContain("| 4 | Digital Lots för samsjukliga | 500 000 | 500 000 | Bifall |");
    expect(farsta).toContain("Senast den 2 juni 2024 ska förvaltningen meddela socialförvaltningen om återbetalning");
    expect(farsta).toContain("Socialnämnden beslutade den 23 januari 2024, § 12,");
  });
});

describe("anmälningsärenden 2024", () => {
  it("are built one per listed stadsdelsnämnd, or generic, with the attestation block", async () => {
    const r = await renderFile("rounds/2024.yaml");
    expect(r.documents.filter((d) => d.name.startsWith("anmalningsarenden/")).map((d) => d.name)).toEqual([
      "anmalningsarenden/farsta-stadsdelsnamnd",
      "anmalningsarenden/stadsdelsnamnderna",
    ]);
    const farsta = plain(new TextDecoder().decode(r.files.find((f) => f.name === "anmalningsarenden/farsta-stadsdelsnamnd.txt")!.bytes));
    expect(farsta).toContain("Stadsdelsnämnden beslutar att lägga rapporten till handlingarna.");
    expect(farsta).toContain("Detta dokument har godkänts digitalt av följande personer:");
    expect(farsta).toContain("| Eva Eriksson, Stadsdelsdirektör | 2024-02-14 |");
    expect(farsta).toContain("Farsta lämnade in fyra ansökningar om sammanlagt 1 050 000 kronor och beviljas 550 000 kronor.");
    const generic = plain(new TextDecoder().decode(r.files.find((f) => f.name === "anmalningsarenden/stadsdelsnamnderna.txt")!.bytes));
    expect(generic).not.toContain("lämnade in");
  });
});

describe("redovisning 2024 of the 2023 projects", () => {
  it("lists the reports, names the project that never started and those that continue", async () => {
    const r = await renderFile("rounds/2024.yaml");
    const t = plain(new TextDecoder().decode(r.files.find((f) => f.name === "redovisning.txt")!.bytes));
    expect(t).toContain("Det var tio lokala utvecklingsprojekt som beviljades medel för 2023. Av dem påbörjade ett aldrig sitt arbete");
    expect(t).toContain("– Agera tillsammans (Rinkeby-Kista) påbörjade aldrig sitt arbete och återbetalade 500 000 kronor.");
    expect(t).toContain(
      "Av ovanstående projekt har Tidigt stöd till minderåriga EU-medborgare, Utveckla arbetssätt och metoder för strukturerad samverkan och parallella insatser för rehabiliteringsärenden på ekonomiskt bistånd och Prata om det – barn som anhöriga även beviljats medel för att fortsätta driva projekten under 2024.",
    );
    // Names come from last year's round when the report does not give them.
    expect(t).toContain("Våga anmäla, våga vittna, Farsta");
    expect(t).toContain("Projektet beviljades 400 000 kronor för 2023.");
  });

  it("feeds the rule that a förvaltning without an approved report is not granted", async () => {
    const text = readFileSync(join(import.meta.dirname, "..", "rounds", "2024.yaml"), "utf8").replace(
      "  - id: prata-om-det\n    förvaltning: Södermalm\n    syfte: Att ge stöd till barn som anhöriga.\n    resultat: Samtalsgrupper för barn som anhöriga har startats.\n    godkänd: true",
      "  - id: prata-om-det\n    förvaltning: Södermalm\n    syfte: Att ge stöd till barn som anhöriga.\n    resultat: Samtalsgrupper för barn som anhöriga har startats.\n    godkänd: false",
    );
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const dir = mkdtempSync(join((await import("node:os")).tmpdir(), "lum-cycle-"));
    writeFileSync(join(dir, "2024.yaml"), text);
    const { diagnostics } = await checkRounds([join(dir, "2024.yaml")]);
    expect(diagnostics.filter((d) => d.code === "redovisning-ej-godkand").map((d) => d.message)).toEqual([
      "Södermalm har en redovisning som inte är godkänd (prata-om-det) och kan därför inte beviljas medel.",
    ]);
  });
});

describe("inriktning 2025", () => {
  it("is the only document of a round without applications, with the year's rules", async () => {
    const r = await renderFile("rounds/2025.yaml");
    expect(r.documents.map((d) => d.name)).toEqual(["inriktning"]);
    // Only the lines that name the documents left out, and why.
    expect(r.notices.length).toBeGreaterThan(0);
    expect(r.notices.every((n) => n.startsWith("Byggs inte, eftersom "))).toBe(true);
    const t = plain(new TextDecoder().decode(r.files.find((f) => f.name === "inriktning.txt")!.bytes));
    expect(t).toContain("Utlysningen för 2025 års medel föreslås pågå från den 2 maj 2024 till den 30 augusti 2024.");
    expect(t).toContain("Maximalt belopp som ett lokalt utvecklingsprojekt kan beviljas är 500 000 kronor.");
    expect(t).toContain("Ett och samma projekt kan beviljas medel högst tre år i rad.");
    expect(t).toContain("Varje förvaltning kan beviljas medel för högst två lokala utvecklingsprojekt och två studieresor.");
    expect(t).toContain("senast den 2 juni 2025");
    expect(t).toContain("Maximalt belopp som en förvaltning kan beviljas för en studieresa är 25 000 kronor.");
  });
});

describe("file names of the documents per förvaltning", () => {
  it("never let two förvaltningar or two anmälningsärenden share a file", async () => {
    const text = readFileSync(join(import.meta.dirname, "..", "rounds", "2024.yaml"), "utf8")
      // The same förvaltning typed with spaces and in decomposed Unicode is still one förvaltning…
      .replace("    förvaltning: Enskede-Årsta-Vantör\n    resmål: Belgien", "    förvaltning: Enskede-A\u030arsta-Vanto\u0308r\n    resmål: Belgien")
      // …and two general anmälningsärenden get two files.
      .replace("  - avdelning: Avdelningen för individ- och familjeomsorg\n", "  - avdelning: Avdelningen för äldreomsorg\n    datum: 2024-02-21\n    handläggare:\n      namn: Lisa Larsson\n      telefon: 08-508 18 001\n    undertecknare:\n      - namn: Eva Eriksson\n        titel: Stadsdelsdirektör\n        godkänt: 2024-02-14\n  - avdelning: Avdelningen för individ- och familjeomsorg\n");
    const loaded = parseRound({ path: "namn.yaml", text });
    if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join("; "));
    const r = await renderRound({ file: "namn.yaml", round: loaded.round });
    const names = r.files.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => n.startsWith("beslutsmeddelanden/enskede")).sort()).toEqual([
      "beslutsmeddelanden/enskede-arsta-vantor.docx",
      "beslutsmeddelanden/enskede-arsta-vantor.html",
      "beslutsmeddelanden/enskede-arsta-vantor.pdf",
      "beslutsmeddelanden/enskede-arsta-vantor.txt",
    ]);
    expect(names.filter((n) => n.startsWith("anmalningsarenden/stadsdelsnamnderna") && n.endsWith(".txt"))).toEqual([
      "anmalningsarenden/stadsdelsnamnderna.txt",
      "anmalningsarenden/stadsdelsnamnderna-2.txt",
    ]);
  });
});

// Reasons and titles read right however the secretary typed them (issue 10
// point 4): normalised on the data, so every year's wording gets them right.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderRound } from "../src/pipeline/index.js";
import { normalizeReason, normalizeTitle, reasonSentence } from "../src/derive/reasons.js";
import { parseRound } from "../src/load/load-round.js";

describe("reasons", () => {
  it("follow their subject: no second Projektet or Studiebesöket, no leading capital, a final full stop", () => {
    expect(normalizeReason("Projektet bedöms inte uppfylla huvudkriteriet", "lum")).toBe("bedöms inte uppfylla huvudkriteriet.");
    expect(normalizeReason("Projektet ”Språkombud” bedöms inte uppfylla huvudkriteriet.", "lum")).toBe("bedöms inte uppfylla huvudkriteriet.");
    expect(normalizeReason("Bedöms kunna genomföras med en reducerad summa", "lum")).toBe("bedöms kunna genomföras med en reducerad summa.");
    expect(normalizeReason("Studiebesöket avser en konferens", "mul")).toBe("avser en konferens.");
    expect(normalizeReason("Studiebesöket till Malmö stad (Kungsholmen) avser en konferens.", "mul")).toBe("avser en konferens.");
    // An abbreviation keeps its capitals; English quotes become Swedish.
    expect(normalizeReason("ABC-metoden prövas redan i staden", "lum")).toBe("ABC-metoden prövas redan i staden.");
    expect(normalizeReason('avser "Trygg hemma" och “annat”', "lum")).toBe("avser ”Trygg hemma” och ”annat”.");
  });

  it("standing alone, keep their own subject and get a capital", () => {
    expect(reasonSentence("ansökan behöver vara mer förankrad")).toBe("Ansökan behöver vara mer förankrad.");
    expect(reasonSentence("Projektet bedöms inte uppfylla kriterierna.")).toBe("Projektet bedöms inte uppfylla kriterierna.");
  });

  it("titles lose their own quotes, and quotes inside them nest as ’…’", () => {
    expect(normalizeTitle("”Språkombud”")).toBe("Språkombud");
    expect(normalizeTitle('"Språkombud"')).toBe("Språkombud");
    expect(normalizeTitle('Projekt "Trygg" hemma')).toBe("Projekt ’Trygg’ hemma");
  });

  it("read right in the tjänsteutlåtande and the bilaga", async () => {
    let text = readFileSync(join(import.meta.dirname, "..", "rounds", "2024.yaml"), "utf8");
    const edits: [string, string][] = [
      ["    projekt: Förstärkt stöd till familjehem och vårdnadshavare", "    projekt: ”Förstärkt stöd till familjehem”"],
      ["      motivering: bedöms inte uppfylla huvudkriteriet om nya arbetssätt/metoder.\n\n  - nr: 14", "      motivering: Projektet bedöms inte uppfylla huvudkriteriet om nya arbetssätt/metoder\n\n  - nr: 14"],
    ];
    for (const [a, b] of edits) {
      if (!text.includes(a)) throw new Error(`test setup: ${a}`);
      text = text.replace(a, b);
    }
    const loaded = parseRound({ path: "2024.yaml", text });
    if (!loaded.ok) throw new Error("did not parse");
    const checked = { file: "2024.yaml", round: loaded.round };
    const read = async (name: string) => new TextDecoder().decode((await renderRound(checked, { only: name })).files[0]!.bytes);
    expect(await read("tjansteutlatande.txt")).toContain("Projektet ”Förstärkt stöd till familjehem” bedöms inte uppfylla huvudkriteriet om nya arbetssätt/metoder.");
    expect(await read("tjansteutlatande.txt")).not.toContain("””");
    expect(await read("bilaga-1-ansokningar-lum.txt")).toContain("Avslag / Bedöms inte uppfylla huvudkriteriet om nya arbetssätt/metoder. |");
  });
});

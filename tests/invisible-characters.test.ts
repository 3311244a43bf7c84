// Issue 11 point 5 (done with issue 10 point 7): invisible and look-alike
// characters. Zero-width characters, soft hyphens, word joiners and stray
// spaces are removed with a Swedish note at the line; bidi controls (U+202E)
// and mixed-script look-alikes (a Cyrillic а in "Farsta") are refused at the
// line. Neither can make one förvaltning count as two and get round
// max-per-forvaltning.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { cleanText } from "../src/load/clean-text.js";

const ROOT = join(import.meta.dirname, "..");

/** rounds/2024.yaml with `edits`, checked by the command as the secretary runs it. */
async function check(edits: [string, string][]) {
  const dir = mkdtempSync(join(tmpdir(), "lum-invisible-"));
  mkdirSync(join(dir, "rounds"));
  cpSync(join(ROOT, "rounds", "2023.yaml"), join(dir, "rounds", "2023.yaml"));
  let text = readFileSync(join(ROOT, "rounds", "2024.yaml"), "utf8");
  for (const [find, replace] of edits) {
    if (!text.includes(find)) throw new Error(`test setup: "${find}" not in 2024.yaml`);
    text = text.replace(find, replace);
  }
  writeFileSync(join(dir, "rounds", "2024.yaml"), text);
  const lines: string[] = [];
  const code = await main(["check", "rounds/2024.yaml"], { out: (l) => lines.push(l), err: (l) => lines.push(l), cwd: dir });
  const lineOf = (s: string) => text.slice(0, text.indexOf(s)).split("\n").length;
  return { code, said: lines.join("\n"), lineOf };
}

// Farsta's rejected application (nr 13) granted, so Farsta has two grants: the limit.
const FARSTA_13 = "    id: forstarkt-stod-familjehem\n    förvaltning: Farsta       # PLATSHÅLLARE\n    projekt: Förstärkt stöd till familjehem och vårdnadshavare\n    sökt: 500 000             # PLATSHÅLLARE\n    beslut:\n      utfall: avslag\n      motivering: bedöms inte uppfylla huvudkriteriet om nya arbetssätt/metoder.";
const grantFarsta13 = (name: string): [string, string] => [
  FARSTA_13,
  `    id: forstarkt-stod-familjehem\n    förvaltning: ${name}\n    projekt: Förstärkt stöd till familjehem och vårdnadshavare\n    sökt: 500 000\n    beslut:\n      utfall: bifall`,
];
const limitOne: [string, string] = ["  max_beviljade_lum_per_förvaltning: 2", "  max_beviljade_lum_per_förvaltning: 1"];

describe("issue 11 point 5: invisible and look-alike characters", () => {
  it("removes zero-width characters, soft hyphens, word joiners and stray spaces, with a note at the line", async () => {
    const name = "Far\u200bs\u00adt\u2060a\u00a0";
    const { code, said, lineOf } = await check([grantFarsta13(name)]);
    expect(code).toBe(0);
    const line = lineOf(`förvaltning: ${name}`);
    expect(said).toContain(
      `rounds/2024.yaml:${line}:18: notering: Tecken som inte syns har tagits bort ur texten: ett hårt mellanslag i slutet, ett nollbreddsmellanslag, ett mjukt bindestreck och en osynlig ordbindare. [text-rensad]`,
    );
    // The printed line shows where the invisible characters were.
    expect(said).toContain(`  ${line} |     förvaltning: Far·s·t·a`);
  });

  it("cannot make one förvaltning count as two: the cleaned name still meets the per-förvaltning limit", async () => {
    const { code, said } = await check([limitOne, grantFarsta13("Far\u200bsta")]);
    expect(code).toBe(1);
    expect(said).toMatch(/fel: Farsta beviljas 2 LUM-ansökningar, men högst 1 får beviljas per förvaltning\. \[max-per-forvaltning\]/);
  });

  it("refuses a Cyrillic а in a Latin name, at its line and column, so it cannot pass as a second Farsta", async () => {
    const { code, said, lineOf } = await check([limitOne, grantFarsta13("F\u0430rsta")]);
    expect(code).toBe(1);
    const line = lineOf("förvaltning: F\u0430rsta");
    expect(said).toContain(
      `rounds/2024.yaml:${line}:18: fel: Texten innehåller ordet "F\u0430rsta", som blandar latinska bokstäver med ett kyrilliskt "\u0430" (U+0430): det ser ut som en vanlig bokstav men är ett annat tecken. [tecken-otillatet]`,
    );
  });

  it("refuses a right-to-left override (U+202E) at its column, and prints the line without obeying it", async () => {
    const { code, said, lineOf } = await check([["projekt: ARN – Aktivera Rätt Nätverk", "projekt: ARN – \u202eAktivera Rätt Nätverk"]]);
    expect(code).toBe(1);
    const line = lineOf("projekt: ARN");
    expect(said).toContain(`rounds/2024.yaml:${line}:20: fel: Texten innehåller ett osynligt tecken som ändrar textens riktning (U+202E). [tecken-otillatet]`);
    expect(said).toContain(`  ${line} |     projekt: ARN – ·Aktivera Rätt Nätverk`);
    expect(said).not.toContain("\u202e");
  });

  it("cleanText: what is removed, what is replaced and what is refused", () => {
    expect(cleanText("\u00a0Farsta\u200b\t").text).toBe("Farsta");
    expect(cleanText("Språk\u00adombud").text).toBe("Språkombud");
    expect(cleanText("Digital\tLots").text).toBe("Digital Lots");
    expect(cleanText("Digital\tLots").changes).toEqual(["en tabb (blev ett mellanslag)"]);
    expect(cleanText("Farsta").changes).toEqual([]);
    expect(cleanText("Farsta").refused).toEqual([]);
    // Words wholly in one script are fine: a Greek or Cyrillic name is not a look-alike.
    expect(cleanText("Σωκράτης och Пётр").refused).toEqual([]);
    expect(cleanText("F\u0430rsta").refused).toMatchObject([{ index: 0, length: 6 }]);
    expect(cleanText("Farsta\u202e").refused).toMatchObject([{ index: 6, length: 1 }]);
    expect(cleanText("a\u0007b").refused[0]!.description).toBe("ett styrtecken (U+0007)");
    // Line breaks inside a block value are kept.
    expect(cleanText("rad ett\nrad två").text).toBe("rad ett\nrad två");
  });
});

// The wording a round is written with is checked like the round file: a
// figure typed into the text is named with the field to use, and a broken
// {{…}} field is an error with file and line, not a crash.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkRounds, renderRound } from "../src/pipeline/index.js";
import { typedFacts } from "../src/check/template-facts.js";
import { helpers } from "../src/compose/helpers.js";
import { checkWording, typedFigures, computedFields } from "../src/check/wording.js";
import { TEMPLATE_ROOT } from "../src/compose/compose.js";
import { deriveFigures } from "../src/derive/figures.js";
import { formatDiagnostic } from "../src/diagnostics/format.js";

const tmp = mkdtempSync(join(tmpdir(), "lum-ordalydelse-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function round2024() {
  const { rounds } = await checkRounds(["rounds/2024.yaml"]);
  return rounds[0]!;
}

/** A copy of templates/ whose 2024 tjänsteutlåtande has `edit` applied. */
function editedRoot(name: string, edit: (text: string) => string): string {
  const root = join(tmp, name);
  cpSync(TEMPLATE_ROOT, root, { recursive: true });
  const file = join(root, "2024", "tjansteutlatande.md.hbs");
  writeFileSync(file, edit(readFileSync(file, "utf8")));
  return root;
}

describe("figures typed into the wording", () => {
  it("the rounds' own wording types no computed figure", async () => {
    const { diagnostics } = await checkRounds(["rounds/2023.yaml", "rounds/2024.yaml", "rounds/2025.yaml"]);
    expect(diagnostics.filter((d) => d.code === "siffra-i-text").map((d) => `${d.file}:${d.line}: ${d.message}`)).toEqual([]);
  });

  it("an amount typed where a field belongs is a warning naming the field, at its line", async () => {
    const { round, previous } = await round2024();
    const root = editedRoot("belopp", (t) =>
      t.replace("omfattar totalt {{kronor f.totalt.sökt}}.", "omfattar totalt 6 658 400 kronor.\n\nAv dem avsåg fjorton ansökningar lokala utvecklingsmedel."),
    );
    const found = checkWording(round, deriveFigures(round, previous), root);
    const lines = readFileSync(join(root, "2024", "tjansteutlatande.md.hbs"), "utf8").split("\n");
    const amount = found.find((d) => d.message.includes("6 658 400"))!;
    expect(amount).toMatchObject({ code: "siffra-i-text", severity: "varning" });
    expect(amount.message).toBe("Texten innehåller 6 658 400, samma tal som verktyget räknar fram i f.totalt.sökt.");
    expect(amount.hint).toContain("{{kronor f.totalt.sökt}}");
    expect(amount.file).toMatch(/2024\/tjansteutlatande\.md\.hbs$/);
    expect(lines[amount.line - 1]!.slice(amount.column - 1)).toMatch(/^6 658 400 kronor/);
    const count = found.find((d) => d.message.includes("fjorton"))!;
    expect(count.message).toContain("f.lum.antal");
    expect(count.hint).toContain('{{antal f.lum.antal}}');
  });

  it("numbers that name something, and words that only look like counts, are left alone", async () => {
    const { round, previous } = await round2024();
    const fields = computedFields(round, deriveFigures(round, previous));
    expect(typedFigures("Mer utförlig information finns i bilaga 1 och 2. Lokala utvecklingsmedel", fields)).toEqual([]);
    expect(typedFigures("ingen garanti att medel beviljas för år två och tre.", fields)).toEqual([]);
    expect(typedFigures("Dnr 3.2-482/2014, telefon 08-508 25 000", fields)).toEqual([]);
    // The same words as a count are found: "högst två ansökningar" is the round's rule.
    expect(typedFigures("högst två ansökningar per förvaltning", fields).map((h) => h.fields.map((f) => f.path))).toEqual([
      ["round.regler.max_beviljade_lum_per_förvaltning"],
    ]);
  });
});

describe("mistakes in the wording", () => {
  it("an unclosed {{#if}} is an error with the template's file and line", async () => {
    const { round, previous } = await round2024();
    const root = editedRoot("oavslutad", (t) => t.replace("## Bakgrund\n", "## Bakgrund\n\n{{#if round.år}}\n"));
    const found = checkWording(round, deriveFigures(round, previous), root);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: "mall-fel", severity: "fel" });
    expect(found[0]!.file).toMatch(/2024\/tjansteutlatande\.md\.hbs$/);
    expect(found[0]!.message).toMatch(/^Texten går inte att använda: /);
    expect(found[0]!.message).not.toMatch(/expect|parse|undefined/i);
  });

  it("a misspelt helper is an error, not a crash", async () => {
    const { round, previous } = await round2024();
    const root = editedRoot("hjalp", (t) => t.replace("{{kronor f.totalt.sökt}}", "{{kroner f.totalt.sökt}}"));
    const found = checkWording(round, deriveFigures(round, previous), root);
    expect(found.map((d) => [d.code, d.message])).toEqual([["mall-fel", "Texten går inte att använda: fältet eller hjälpen kroner finns inte (menade du kronor?)."]]);
  });

  it("a misspelt helper is printed at its line, with the source line and a caret under the name", async () => {
    const { round, previous } = await round2024();
    const root = editedRoot("hjalp-rad", (t) => t.replace("{{kronor f.totalt.sökt}}", "{{kroner f.totalt.sökt}}"));
    const [found] = checkWording(round, deriveFigures(round, previous), root);
    const lines = readFileSync(join(root, "2024", "tjansteutlatande.md.hbs"), "utf8").split("\n");
    const line = lines.findIndex((l) => l.includes("{{kroner")) + 1;
    const column = lines[line - 1]!.indexOf("kroner") + 1;
    expect(found).toMatchObject({ code: "mall-fel", line, column, length: "kroner".length, sourceLine: lines[line - 1] });
    const printed = formatDiagnostic(found!).split("\n");
    expect(printed[0]).toMatch(new RegExp(`2024/tjansteutlatande\\.md\\.hbs:${line}:${column}: fel: `));
    expect(printed[1]).toBe(`  ${line} | ${lines[line - 1]}`);
    expect(printed[2]).toBe(`  ${" ".repeat(String(line).length)} | ${" ".repeat(column - 1)}^^^^^^`);
  });

  it("a helper misspelt in a partial, and inside a subexpression, is found in that file", async () => {
    const { round, previous } = await round2024();
    const root = editedRoot("hjalp-i-del", (t) => t);
    const partial = join(root, "2024", "delar", "utfall.md.hbs");
    writeFileSync(partial, `${readFileSync(partial, "utf8")}{{#if (versall motivering)}}x{{/if}}\n`);
    const found = checkWording(round, deriveFigures(round, previous), root);
    expect(found.map((d) => [d.file.replace(/^.*\/2024\//, ""), d.line, d.message])).toEqual([
      ["delar/utfall.md.hbs", readFileSync(partial, "utf8").split("\n").length - 1, "Texten går inte att använda: fältet eller hjälpen versall finns inte (menade du versal?)."],
    ]);
  });

  it("a missing partial is named at its line", async () => {
    const { round, previous } = await round2024();
    const root = editedRoot("del", (t) => t.replace("## Bakgrund\n", "## Bakgrund\n\n{{> bakgrundstext}}\n"));
    const found = checkWording(round, deriveFigures(round, previous), root);
    const lines = readFileSync(join(root, "2024", "tjansteutlatande.md.hbs"), "utf8").split("\n");
    expect(found.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      ["mall-fel", lines.indexOf("{{> bakgrundstext}}") + 1, 5, "Texten går inte att använda: delen bakgrundstext finns inte."],
    ]);
  });

  it("an {{#if}} never closed is named at the line where it opens, not at the end of the file", async () => {
    const { round, previous } = await round2024();
    const root = editedRoot("oavslutad-rad", (t) => t.replace("## Bakgrund\n", "## Bakgrund\n\n{{#if round.år}}\n"));
    const [found] = checkWording(round, deriveFigures(round, previous), root);
    const lines = readFileSync(join(root, "2024", "tjansteutlatande.md.hbs"), "utf8").split("\n");
    expect(found).toMatchObject({ line: lines.indexOf("{{#if round.år}}") + 1, column: 1 });
    expect(found!.message).toBe("Texten går inte att använda: {{#if …}} avslutas aldrig med {{/if}}.");
  });
});

describe("a field the round file leaves out", () => {
  it("used without {{#if}} is an error saying so, not a crash", async () => {
    const { round, previous } = await round2024();
    const root = editedRoot("utan-datum", (t) => t.replace("## Bakgrund\n", "## Bakgrund\n\nSenast den {{datum round.sammanträde.beslutsgång}}.\n"));
    const found = checkWording(round, deriveFigures(round, previous), root);
    expect(found.map((d) => d.code)).toEqual(["mall-fel"]);
    expect(found[0]!.message).toContain("ett fält som texten använder saknar värde i årets fil");
  });
});

describe("facts typed into the wording (fakta-i-text)", () => {
  it("no template of any round names a project or holds a date, number or share", async () => {
    const files = ["2015", "2020", "2022", "2023", "2024", "2025"].map((y) => `rounds/${y}.yaml`);
    const { diagnostics } = await checkRounds(files);
    expect(diagnostics.filter((d) => d.code === "fakta-i-text").map((d) => `${d.file}:${d.line}: ${d.message}`)).toEqual([]);
  });

  it("a project, a date, a number in words and a share typed into a template are warnings at their place", async () => {
    const { rounds } = await checkRounds(["rounds/2020.yaml"]);
    const round = rounds[0]!.round;
    const root = join(tmp, "fakta");
    cpSync(TEMPLATE_ROOT, root, { recursive: true });
    const file = join(root, "2020", "inriktning.md.hbs");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(
        "## Jämställdhetsanalys\n",
        "## Jämställdhetsanalys\n\nVid sammanträdet den 27 januari berättade fem avdelningschefer om Södermalmsmodellen. Majoriteten av projekten fortsätter år två och tre.\n",
      ),
    );
    const found = checkWording(round, deriveFigures(round), root).filter((d) => d.code === "fakta-i-text");
    const lines = readFileSync(file, "utf8").split("\n");
    const at = (d: (typeof found)[number]) => lines[d.line - 1]!.slice(d.column - 1, d.column - 1 + d.length);
    expect(found.map((d) => [d.severity, at(d), d.message])).toEqual([
      ["varning", "27 januari", "Texten skriver datumet 27 januari, som hör till årets uppgifter och blir fel när de ändras."],
      ["varning", "fem", "Texten skriver talet fem, som hör till årets uppgifter och blir fel när de ändras."],
      ["varning", "Södermalmsmodellen", "Texten skriver projektet Södermalmsmodellen, som hör till årets uppgifter och blir fel när de ändras."],
      ["varning", "Majoriteten", "Texten skriver andelen ”Majoriteten”, som hör till årets uppgifter och blir fel när de ändras."],
      ["varning", "två", "Texten skriver talet två, som hör till årets uppgifter och blir fel när de ändras."],
      ["varning", "tre", "Texten skriver talet tre, som hör till årets uppgifter och blir fel när de ändras."],
    ]);
    expect(found[2]!.hint).toContain("redovisningar:");
    expect(found[0]!.hint).toContain("{{datum …}}");
  });

  it("leaves markup, list numbers, references to a bilaga and the 1 that opens a range alone", () => {
    expect(typedFacts('1. Socialnämnden beslutar.\n:::::tabell{justering="v v h" bredd="3 6 2"}\nMer finns i bilaga 1 och 2. Projekt löper under 1–', [])).toEqual([]);
    expect(typedFacts("ett projekt fått medel för år ett", [])).toEqual([]);
  });
});

describe("the years a continuing project may be funded", () => {
  it("follow max_år_i_rad", () => {
    expect(helpers.följandeÅr(3)).toBe("år två och tre");
    expect(helpers.följandeÅr(2)).toBe("år två");
    expect(helpers.följandeÅr(4)).toBe("år två, tre och fyra");
    expect(helpers.följandeÅr(undefined)).toBe("kommande år");
  });

  it("reach the 2023 paper, which no longer types \"år två och tre\"", async () => {
    const { rounds } = await checkRounds(["rounds/2023.yaml"]);
    const round = { ...rounds[0]!, round: { ...rounds[0]!.round, regler: { ...rounds[0]!.round.regler, max_år_i_rad: 2 } } };
    const rendered = await renderRound(round);
    const text = new TextDecoder().decode(rendered.files.find((f) => f.name === "tjansteutlatande.txt")!.bytes).replace(/\s+/g, " ");
    expect(text).toContain("ingen garanti att medel beviljas för år två.");
  });
});

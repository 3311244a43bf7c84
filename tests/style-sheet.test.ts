// Word and PDF are laid out from one style sheet (src/write/style-sheet.ts),
// so "Sida x (y)" says the same in the Word file and in the archived PDF:
// Word's styles carry the sheet's sizes and spacing, the PDF writer's
// settings are the sheet's, both writers give a table the template's column
// widths, and a table that fills a page leaves no empty page behind it. When
// LibreOffice is installed, its layout of our .docx is compared with our PDF.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderRound, type RenderedRound } from "../src/pipeline/index.js";
import { settings as pdfSettings } from "../src/write/pdf/settings.js";
import { columnWidths, fontNames, halfPoints, styleSheet, textWidth, twips, type ParagraphStyle, type StyleName } from "../src/write/style-sheet.js";
import { docxPart, fileOf, renderFile } from "./helpers/build.js";
import { geometry, isFurniture, pdfPages } from "./helpers/pdf.js";
import { loadRound, syntheticRound } from "./helpers/synthetic-round.js";

const WORD_STYLES: Record<string, StyleName> = {
  Normal: "body",
  Heading1: "heading1",
  Heading2: "heading2",
  Heading3: "heading3",
  ListParagraph: "listItem",
  Tabelltext: "tableText",
  Tabellslut: "tableEnd",
  Sidhuvud: "furniture",
  Underskrift: "signature",
};

const attr = (xml: string, element: string, name: string) => new RegExp(`<w:${element} [^>]*w:${name}="([^"]*)"`).exec(xml)?.[1];

/** Bilaga 1 of a round of `count` LUM applications (and three MUL). */
async function bilaga1(count: number): Promise<{ docx: Uint8Array; pdf: Uint8Array }>;
async function bilaga1(count: number, only: "pdf"): Promise<{ pdf: Uint8Array }>;
async function bilaga1(count: number, only?: "pdf"): Promise<{ docx?: Uint8Array; pdf: Uint8Array }> {
  const base = await loadRound();
  const checked = { ...base, round: syntheticRound(base.round, count, 3) };
  const one = async (name: string) => fileOf(await renderRound(checked, { only: name }), name);
  return { ...(only === undefined && { docx: await one("bilaga-1-ansokningar-lum.docx") }), pdf: await one("bilaga-1-ansokningar-lum.pdf") };
}

let round2024: RenderedRound;
beforeAll(async () => {
  round2024 = await renderFile("rounds/2024.yaml");
});

describe("one style sheet for Word and PDF", () => {
  it("Word's paragraph styles have the style sheet's face, size and spacing", async () => {
    const styles = await docxPart(fileOf(round2024, "tjansteutlatande.docx"), "word/styles.xml");
    for (const [id, name] of Object.entries(WORD_STYLES)) {
      const style = new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? "";
      const sheet: ParagraphStyle = styleSheet.paragraphs[name];
      expect(style, id).not.toBe("");
      expect(attr(style, "sz", "val"), `${id} size`).toBe(String(halfPoints(sheet.size)));
      expect(attr(style, "rFonts", "ascii"), `${id} face`).toBe(fontNames[sheet.family]);
      expect(attr(style, "spacing", "before"), `${id} before`).toBe(String(twips(sheet.before)));
      expect(attr(style, "spacing", "after"), `${id} after`).toBe(String(twips(sheet.after)));
      expect(attr(style, "spacing", "line"), `${id} line`).toBe(String(Math.round(240 * sheet.line)));
      expect(style.includes("<w:b/>"), `${id} bold`).toBe(sheet.bold ?? false);
    }
    const table = /<w:style [^>]*w:styleId="Tabellrutnat"[\s\S]*?<\/w:style>/.exec(styles)![0];
    expect(attr(table, "left", "w")).toBe(String(twips(styleSheet.table.cellPadding)));
    expect(attr(table, "insideH", "sz")).toBe(String(styleSheet.table.borderWidth * 8));
    expect(attr(table, "insideH", "color")).toBe(styleSheet.table.borderColor);
  });

  it("Word's page is the style sheet's page", async () => {
    const document = await docxPart(fileOf(round2024, "tjansteutlatande.docx"), "word/document.xml");
    const { page } = styleSheet;
    expect(attr(document, "pgSz", "w")).toBe(String(twips(page.width)));
    expect(attr(document, "pgSz", "h")).toBe(String(twips(page.height)));
    for (const side of ["top", "right", "bottom", "left"] as const) expect(attr(document, "pgMar", side)).toBe(String(twips(page.margin[side])));
    expect(attr(document, "pgMar", "header")).toBe(String(twips(page.headerDistance)));
  });

  it("the PDF writer's settings are the style sheet's, not copies of Word's numbers", () => {
    expect(pdfSettings.styles).toBe(styleSheet.paragraphs);
    expect(pdfSettings.page).toBe(styleSheet.page);
    expect(pdfSettings.textWidth).toBe(textWidth);
    expect(pdfSettings.listIndent).toBe(styleSheet.list.indent);
    expect(pdfSettings.listAfter).toBe(styleSheet.list.after);
    expect(pdfSettings.table.cellPadding).toBe(styleSheet.table.cellPadding);
    expect(pdfSettings.table.borderWidth).toBe(styleSheet.table.borderWidth);
    expect(pdfSettings.table.after).toBe(styleSheet.paragraphs.tableEnd.after);
    // The Tabellslut line: a 1-point font's line, a little over a point.
    expect(pdfSettings.table.endLine).toBeGreaterThan(styleSheet.paragraphs.tableEnd.size);
    expect(pdfSettings.table.endLine).toBeLessThan(2 * styleSheet.paragraphs.tableEnd.size);
  });

  it("a table has the template's column widths in Word and in the PDF", async () => {
    // templates/2024/bilaga-1-lum.md.hbs: bredd="1 7 2 2 5"; the amounts are right-aligned.
    const widths = columnWidths([1, 7, 2, 2, 5].map((weight) => ({ weight })));
    const document = await docxPart(fileOf(round2024, "bilaga-1-ansokningar-lum.docx"), "word/document.xml");
    const grid = [...document.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid).toEqual(widths.map(twips));

    const [first] = await pdfPages(fileOf(round2024, "bilaga-1-ansokningar-lum.pdf"));
    // The header row's cells, the first items with these texts in the body.
    const item = (text: string) => first!.items.find((i) => !isFurniture(i) && i.str.trim() === text)!;
    const edge = (columns: number) => geometry.left + widths.slice(0, columns).reduce((a, w) => a + w, 0);
    const pad = styleSheet.table.cellPadding;
    expect(item("Nr").x).toBeCloseTo(edge(0) + pad, 1);
    expect(item("Ansökan").x).toBeCloseTo(edge(1) + pad, 1);
    expect(item("Sökt").x + item("Sökt").width).toBeCloseTo(edge(3) - pad, 1);
    expect(item("Förslag").x + item("Förslag").width).toBeCloseTo(edge(4) - pad, 1);
    expect(item("Motivering och bedömning").x).toBeCloseTo(edge(4) + pad, 1);
  });
});

describe("a table that fills a page", () => {
  it("is followed in Word by a 1-point Tabellslut paragraph, and by nothing else at the end", async () => {
    // With the empty 12-point Normal paragraph Word needs after a table, LibreOffice put
    // bilaga 1 of 30 applications on four pages, the fourth empty.
    const { docx } = await bilaga1(30);
    const document = await docxPart(docx, "word/document.xml");
    const body = /<w:body>([\s\S]*)<\/w:body>/.exec(document)![1]!;
    const tables = body.split("</w:tbl>").length - 1;
    expect(tables).toBeGreaterThan(0);
    // Word, and LibreOffice, take the size of an empty paragraph from its style, not from its mark.
    expect((body.match(/<\/w:tbl><w:p><w:pPr><w:pStyle w:val="Tabellslut"\/><\/w:pPr><\/w:p>/g) ?? []).length).toBe(tables);
    expect(body).toMatch(/<\/w:tbl><w:p><w:pPr><w:pStyle w:val="Tabellslut"\/><\/w:pPr><\/w:p><w:sectPr[\s\S]*<\/w:sectPr>$/);
    const styles = await docxPart(docx, "word/styles.xml");
    const end = /<w:style [^>]*w:styleId="Tabellslut"[\s\S]*?<\/w:style>/.exec(styles)![0];
    expect(attr(end, "sz", "val")).toBe("2");
    expect(attr(end, "spacing", "before")).toBe("0");
    expect(attr(end, "spacing", "line")).toBe("240");
  });

  it("leaves no PDF page without body text, whatever the number of applications", async () => {
    // Around 30 the table ends at the foot of page 3 (see above).
    for (let count = 20; count <= 40; count++) {
      const pages = await pdfPages((await bilaga1(count, "pdf")).pdf);
      const empty = pages.flatMap((page, i) => (page.items.some((item) => !isFurniture(item) && item.str.trim() !== "") ? [] : [i + 1]));
      expect(empty, `${count} applications`).toEqual([]);
    }
  });
});

const soffice = spawnSync("soffice", ["--version"], { encoding: "utf8" });
const hasSoffice = !soffice.error && soffice.status === 0;

describe.skipIf(!hasSoffice)("LibreOffice's layout of our .docx (only where soffice is installed)", () => {
  const dir = mkdtempSync(join(tmpdir(), "lum-stilmall-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Page counts of our PDFs and of LibreOffice's conversion of our .docx files. */
  async function compare(documents: Record<string, { docx: Uint8Array; pdf: Uint8Array }>) {
    for (const [name, { docx }] of Object.entries(documents)) writeFileSync(join(dir, `${name}.docx`), docx);
    execFileSync(
      "soffice",
      [`-env:UserInstallation=file://${join(dir, "profil")}`, "--headless", "--convert-to", "pdf", "--outdir", dir, ...Object.keys(documents).map((n) => join(dir, `${n}.docx`))],
      { stdio: "ignore" },
    );
    const ours: Record<string, number> = {};
    const libreOffice: Record<string, number> = {};
    for (const [name, { pdf }] of Object.entries(documents)) {
      ours[name] = (await pdfPages(pdf)).length;
      libreOffice[name] = (await pdfPages(new Uint8Array(readFileSync(join(dir, `${name}.pdf`))))).length;
    }
    return { ours, libreOffice };
  }

  it("has as many pages as our PDF: the 2024 tjänsteutlåtande, its bilagor, and bilagor that fill pages", async () => {
    const documents: Record<string, { docx: Uint8Array; pdf: Uint8Array }> = {};
    for (const name of ["tjansteutlatande", "bilaga-1-ansokningar-lum", "bilaga-2-ansokningar-mul"]) {
      documents[name] = { docx: fileOf(round2024, `${name}.docx`), pdf: fileOf(round2024, `${name}.pdf`) };
    }
    for (const count of [8, 20, 30]) documents[`bilaga-1-med-${count}`] = await bilaga1(count);
    const { ours, libreOffice } = await compare(documents);
    expect(libreOffice).toEqual(ours);
  });
});

// The PDF and the Word file must say the same thing. Compared: the words of
// the body (Word: document.xml; PDF: everything below the top margin) and of
// the page furniture (Word: the first-page and other-page header parts, and
// on page 1 the framed facts that open the body; PDF: above the top margin of
// page 1 and page 2). Left out, on purpose:
// - list markers ("1.", "–", "•"): Word generates them from numbering.xml, so
//   they are not text in document.xml; the PDF draws them;
// - a table's header row repeated on continuation pages: Word repeats it
//   while laying out, the file holds it once;
// - the difference between "EU-medborgare" and "EU-" / "medborgare" when a
//   line breaks after the hyphen (see joinHyphens);
// - the page number and count: Word stores fields, not numbers (the layout
//   test checks "Sida n (N)" in the PDF).
import { beforeAll, describe, expect, it } from "vitest";
import type { RenderedRound } from "../../src/pipeline/index.js";
import { inlineText } from "../../src/model/document.js";
import { docxParagraphs, docxPart, fileOf, renderFile } from "../helpers/build.js";
import { bodyWords, docxHeader, geometry, isFurniture, lines, pdfPages, words, type TextItem } from "../helpers/pdf.js";

let rendered: RenderedRound;
beforeAll(async () => {
  rendered = await renderFile("rounds/2024.yaml");
});

const LIST_MARKER = /^(\d+\.|\u2013|\u2022)$/;

/** Drops list markers: a marker alone at the left margin with its item's text one indent further right. */
function withoutListMarkers(items: TextItem[]): TextItem[] {
  return items.filter((item, i) => {
    if (!LIST_MARKER.test(item.str.trim()) || Math.abs(item.x - geometry.left) > 0.5) return true;
    const next = items[i + 1];
    return !(next && Math.abs(next.baseline - item.baseline) < 0.5 && next.x > item.x + 15);
  });
}

/**
 * A line may break after a hyphen ("EU-" / "medborgare"), so a word ending
 * in "-" is joined to the next on both sides before comparing.
 */
function joinHyphens(list: string[]): string[] {
  const out: string[] = [];
  for (const w of list) {
    const last = out[out.length - 1];
    if (last !== undefined && /\p{L}-$/u.test(last)) out[out.length - 1] = last + w;
    else out.push(w);
  }
  return out;
}

/**
 * Word writes the signature block a row at a time (each signatory's line at
 * its tab stop); the PDF draws, and tags, one signatory after the other. The
 * Word rows are read back column by column.
 */
function bySignatory(paragraphs: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < paragraphs.length; ) {
    if (!paragraphs[i]!.includes("\t")) {
      out.push(paragraphs[i++]!);
      continue;
    }
    const rows: string[][] = [];
    while (i < paragraphs.length && paragraphs[i]!.includes("\t")) rows.push(paragraphs[i++]!.split("\t"));
    const columns = Math.max(...rows.map((r) => r.length));
    for (let c = 0; c < columns; c++) for (const row of rows) if (row[c]) out.push(row[c]!);
  }
  return out;
}

/** How many paragraphs open the Word body as frames (the first page's letterhead facts). */
async function framedCount(docx: Uint8Array): Promise<number> {
  const xml = await docxPart(docx, "word/document.xml");
  return (xml.match(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:framePr [\s\S]*?<\/w:p>/g) ?? []).length;
}

const withoutPageNumbers = (text: string) => words(text.replace(/Sida\s*\d*\s*\(\s*\d*\s*\)/g, ""));

describe("the PDF says what the Word file says", () => {
  for (const name of ["tjansteutlatande", "bilaga-1-ansokningar-lum", "bilaga-2-ansokningar-mul"]) {
    it(`${name}: same body words in the same order`, async () => {
      const docx = fileOf(rendered, `${name}.docx`);
      const pdf = fileOf(rendered, `${name}.pdf`);
      const model = rendered.documents.find((d) => d.name === name)!.model;
      const headers = model.blocks.flatMap((b) => (b.type === "table" ? [b.header.map((cell) => cell.map((p) => inlineText(p)).join(" ")).join(" ")] : []));
      // The first page's facts open the Word body as frames placed in the page's top margin; the PDF draws them there too.
      const expected = words(bySignatory((await docxParagraphs(docx)).slice(await framedCount(docx))).join(" "));

      const pages = await pdfPages(pdf);
      const actual: string[] = [];
      for (const page of pages) {
        let pageWords = bodyWords(withoutListMarkers(page.items));
        for (const header of headers.map(words)) {
          const repeats = actual.length > 0 && pageWords.slice(0, header.length).join(" ") === header.join(" ") && actual.join(" ").includes(header.join(" "));
          if (repeats) pageWords = pageWords.slice(header.length);
        }
        actual.push(...pageWords);
      }
      expect(actual.length).toBeGreaterThan(50);
      expect(joinHyphens(actual)).toEqual(joinHyphens(expected));
    });

    it(`${name}: same page furniture on the first and the following pages`, async () => {
      const docx = fileOf(rendered, `${name}.docx`);
      const pages = await pdfPages(fileOf(rendered, `${name}.pdf`));
      const furnitureText = (items: TextItem[]) =>
        // Left column first, then the right one, as the Word header table reads.
        [...lines(items.filter(isFurniture)).filter((l) => l.left < geometry.width / 2), ...lines(items.filter(isFurniture)).filter((l) => l.left >= geometry.width / 2)]
          .map((l) => l.text)
          .join(" ");
      // Page 1: Word's first-page header (page furniture) and its framed facts, in whatever order the two parts come.
      const facts = (await docxParagraphs(docx)).slice(0, await framedCount(docx));
      const first = withoutPageNumbers([...(await docxParagraphs(docx, await docxHeader(docx, "first"))), ...facts].join(" "));
      expect(withoutPageNumbers(furnitureText(pages[0]!.items)).sort()).toEqual(first.sort());
      if (pages.length > 1) {
        const rest = withoutPageNumbers((await docxParagraphs(docx, await docxHeader(docx, "default"))).join(" "));
        expect(withoutPageNumbers(furnitureText(pages[1]!.items))).toEqual(rest);
      }
    });
  }
});

// The PDF's layout, read back from the text positions pdf.js extracts: what a
// reader would notice — text outside the margins, lines on top of each other,
// a wrong "Sida n (N)", a long table whose later pages lack the header row or
// whose rows are cut in two.
import { beforeAll, describe, expect, it } from "vitest";
import { CASE_PDF, renderRound, type RenderedRound } from "../../src/pipeline/index.js";
import { fileOf, renderFile } from "../helpers/build.js";
import { geometry, isFurniture, lines, pdfPages, type PdfPage, type TextItem } from "../helpers/pdf.js";
import { loadRound, syntheticRound } from "../helpers/synthetic-round.js";

const DOCUMENTS = ["tjansteutlatande", "bilaga-1-ansokningar-lum", "bilaga-2-ansokningar-mul"];
const TOLERANCE = 0.5;

let round2024: RenderedRound;
let large: RenderedRound;
beforeAll(async () => {
  round2024 = await renderFile("rounds/2024.yaml");
  const base = await loadRound();
  large = await renderRound({ file: "synthetic.yaml", round: syntheticRound(base.round, 120, 60) }, { only: "bilaga-1-ansokningar-lum.pdf" });
});

/** Approximate ink box of an item: Tinos/Arimo ascend ~0.9 and descend ~0.22 of the size. */
const box = (item: TextItem) => ({ x0: item.x, x1: item.x + item.width, y0: item.baseline - 0.9 * item.size, y1: item.baseline + 0.22 * item.size });

function outsideMargins(page: PdfPage): string[] {
  return page.items.flatMap((item) => {
    const b = box(item);
    const problems: string[] = [];
    if (b.x0 < geometry.left - TOLERANCE || b.x1 > geometry.width - geometry.right + TOLERANCE) problems.push(`"${item.str}" outside the side margins`);
    if (isFurniture(item)) {
      if (b.y0 < geometry.headerDistance - TOLERANCE) problems.push(`"${item.str}" above the header distance`);
    } else if (b.y0 < geometry.top - TOLERANCE || b.y1 > geometry.height - geometry.bottom + TOLERANCE) {
      problems.push(`"${item.str}" outside the top or bottom margin (baseline ${item.baseline.toFixed(1)})`);
    }
    return problems;
  });
}

function overlaps(page: PdfPage): string[] {
  const found: string[] = [];
  const boxes = page.items.map((item) => ({ item, ...box(item) }));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const dx = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
      const dy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      if (dx > TOLERANCE && dy > TOLERANCE) found.push(`"${a.item.str}" overlaps "${b.item.str}"`);
    }
  }
  return found;
}

/** The "Sida n (N)" line of a page's furniture, with its right edge. */
function pageNumber(page: PdfPage): { n: number; of: number; right: number } | undefined {
  for (const line of lines(page.items.filter(isFurniture))) {
    const m = /^Sida (\d+) \((\d+)\)$/.exec(line.text.trim());
    if (m) return { n: Number(m[1]), of: Number(m[2]), right: line.right };
  }
  return undefined;
}

describe("PDF layout from extracted text positions", () => {
  for (const name of [...DOCUMENTS.map((d) => `${d}.pdf`), CASE_PDF]) {
    it(`${name} (2024): nothing outside the margins, no overlapping text`, async () => {
      const pages = await pdfPages(fileOf(round2024, name));
      expect(pages.length).toBeGreaterThan(0);
      for (const [i, page] of pages.entries()) {
        expect(page.width).toBeCloseTo(geometry.width, 1);
        expect(page.height).toBeCloseTo(geometry.height, 1);
        expect(outsideMargins(page), `page ${i + 1}`).toEqual([]);
        expect(overlaps(page), `page ${i + 1}`).toEqual([]);
      }
    });
  }

  it("every page says Sida n (N) with the true count, flush with the right margin", async () => {
    const perDocument: number[][] = [];
    for (const name of DOCUMENTS) {
      const pages = await pdfPages(fileOf(round2024, `${name}.pdf`));
      const numbers = pages.map(pageNumber);
      expect(numbers.every((n) => n !== undefined), name).toBe(true);
      numbers.forEach((number, i) => {
        expect(number).toMatchObject({ n: i + 1, of: pages.length });
        expect(Math.abs(number!.right - (geometry.width - geometry.right))).toBeLessThan(TOLERANCE);
      });
      perDocument.push(numbers.map((n) => n!.n));
    }
    // The tjänsteutlåtande needs more than one page, or the test proves little.
    expect(perDocument[0]!.length).toBeGreaterThan(1);
    // The case file keeps each document's own numbering.
    const combined = (await pdfPages(fileOf(round2024, CASE_PDF))).map((p) => pageNumber(p)?.n);
    expect(combined).toEqual(perDocument.flat());
  });

  it("a long table repeats its header row on every page it continues to and never splits a row", async () => {
    const pages = await pdfPages(fileOf(large, "bilaga-1-ansokningar-lum.pdf"));
    expect(pages.length).toBeGreaterThan(4);
    let rowsSeen = 0;
    for (const [i, page] of pages.entries()) {
      expect(outsideMargins(page), `page ${i + 1}`).toEqual([]);
      expect(overlaps(page), `page ${i + 1}`).toEqual([]);
      const body = page.items.filter((item) => !isFurniture(item));
      const numberColumn = body.filter((item) => item.x < geometry.left + 10 && /^\d+$/.test(item.str));
      const lastLines = body.filter((item) => item.str.startsWith("Sökande:"));
      // Each row's number and its cell's last line ("Sökande: …") are on the same page.
      expect(lastLines.length, `page ${i + 1}`).toBe(numberColumn.length);
      rowsSeen += numberColumn.length;
      if (numberColumn.length > 0 && rowsSeen > numberColumn.length) {
        // A continuation page: the header row comes first, above every row.
        const nr = body.find((item) => item.str === "Nr");
        expect(nr, `header row on page ${i + 1}`).toBeDefined();
        expect(body.find((item) => item.str === "Ansökan")?.baseline).toBeCloseTo(nr!.baseline, 1);
        expect(nr!.baseline).toBeLessThan(Math.min(...numberColumn.map((item) => item.baseline)));
      }
    }
    expect(rowsSeen).toBe(120);
  });

  it("amounts are right-aligned in their columns", async () => {
    const pages = await pdfPages(fileOf(large, "bilaga-1-ansokningar-lum.pdf"));
    const amounts = pages.flatMap((p) => p.items.filter((item) => /^\d{1,3}([\u00a0 ]\d{3})+$|^0$/.test(item.str)));
    expect(amounts.length).toBeGreaterThan(200);
    const rightEdges = new Set(amounts.map((item) => (item.x + item.width).toFixed(0)));
    // Two amount columns (Sökt, Förslag): two right edges, whatever the widths of the numbers.
    expect(rightEdges.size).toBe(2);
  });

  it("header and sum rows are bold, body rows regular", async () => {
    const pages = await pdfPages(fileOf(round2024, "tjansteutlatande.pdf"));
    const items = pages.flatMap((p) => p.items);
    const amountBeside = (label: TextItem) => items.find((i) => Math.abs(i.baseline - label.baseline) < 0.5 && /^\d/.test(i.str));
    // The sum rows (not the header's "Summa (kronor)"): "Summa" with an amount beside it.
    const sumLabels = items.filter((i) => i.str === "Summa" && amountBeside(i));
    expect(sumLabels.length).toBe(2);
    for (const label of sumLabels) {
      expect(label.font).toMatch(/\+Tinos-Bold$/);
      expect(amountBeside(label)!.font).toMatch(/\+Tinos-Bold$/);
    }
    expect(items.find((i) => i.str === "Förvaltning")?.font).toMatch(/\+Tinos-Bold$/);
    expect(items.find((i) => i.str === "Norrmalm")?.font).toMatch(/\+Tinos-Regular$/);
    expect(items.find((i) => i.str.startsWith("Sida "))?.font).toMatch(/\+Arimo-Regular$/);
  });
});

describe("a table row taller than a page", () => {
  it("is split across pages, its text complete and inside the margins", async () => {
    const { writePdf } = await import("../../src/write/pdf/write-pdf.js");
    const long = Array.from({ length: 1200 }, (_, i) => `ord${i}`).join(" ");
    const bytes = await writePdf({
      meta: { title: "T", author: "A", subject: "S", keywords: [], language: "sv-SE", date: new Date("2024-01-01T12:00:00Z") },
      furniture: { first: { left: [], right: [] }, rest: { left: [], right: [] } },
      blocks: [
        {
          type: "table",
          columns: [{ align: "left", weight: 1 }, { align: "left", weight: 1 }],
          header: [[[{ type: "text", value: "Rubrik" }]], [[{ type: "text", value: "Text" }]]],
          rows: [[[[{ type: "text", value: "1" }]], [[{ type: "text", value: long }]]]],
          sum: null,
        },
      ],
    });
    const pages = await pdfPages(bytes);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(outsideMargins(page)).toEqual([]);
      expect(overlaps(page)).toEqual([]);
      expect(page.items[0]?.str).toBe("Rubrik");
    }
    const words = pages.flatMap((p) => p.items.map((i) => i.str)).join(" ").split(/\s+/).filter((w) => w.startsWith("ord"));
    expect(words).toEqual(long.split(" "));
  });
});

// The page-end sweep: rounds of n applications made from the 2024 round
// (tests/helpers/synthetic-round.ts), every document composed, laid out and
// written as PDF, and each page's lines of body text counted as a reader of
// the PDF sees them (pdf.js: distinct baselines below the top margin, so the
// page header and the first page's letterhead are not counted). Used by
// tests/page-ends.test.ts (boundary sizes) and bench/page-ends.ts (all sizes).
import { composeRound } from "../../src/compose/compose.js";
import { deriveFigures } from "../../src/derive/figures.js";
import type { CheckedRound } from "../../src/pipeline/index.js";
import { styleSheet } from "../../src/write/style-sheet.js";
import { writePdf } from "../../src/write/pdf/write-pdf.js";
import { pdfPages } from "./pdf.js";
import { syntheticRound } from "./synthetic-round.js";

export interface DocumentPages {
  document: string;
  /** Lines of body text on each page. */
  lines: number[];
}

/** The fewest lines of body text a page may hold, unless it is its document's only page. */
export const MIN_LINES = styleSheet.keep.lastPageLines;

/** Lines of body text on each page of a PDF: distinct baselines (to half a point) below the top margin. */
export async function bodyLinesPerPage(bytes: Uint8Array): Promise<number[]> {
  const pages = await pdfPages(bytes);
  return pages.map((page) => new Set(page.items.filter((i) => i.baseline > styleSheet.page.margin.top).map((i) => Math.round(i.baseline * 2))).size);
}

/** Every document of a synthetic round of `n` applications (70 % LUM, 30 % MUL, as the bench makes them), page by page. */
export async function sweepRound(base: CheckedRound, n: number): Promise<DocumentPages[]> {
  const lum = Math.round(n * 0.7);
  const round = syntheticRound(base.round, lum, n - lum);
  const { documents } = composeRound(round, deriveFigures(round, base.previous));
  const out: DocumentPages[] = [];
  for (const document of documents) out.push({ document: document.name, lines: await bodyLinesPerPage(await writePdf(document.model)) });
  return out;
}

/** The pages that break the rule: fewer than MIN_LINES lines on a page of a document with more than one. */
export function shortPages(documents: DocumentPages[]): { document: string; page: number; lines: number }[] {
  return documents.flatMap((d) =>
    d.lines.length > 1 ? d.lines.flatMap((lines, i) => (lines < MIN_LINES ? [{ document: d.document, page: i + 1, lines }] : [])) : [],
  );
}

// The one style sheet of the writers, in points: page geometry, the
// paragraph styles (face, size, line spacing, space before and after), lists
// and tables. The Word writer turns the points into twips and half-points
// (src/write/docx/settings.ts), the PDF writer uses them as they are
// (src/write/pdf/settings.ts), the HTML writer prints them in its CSS
// (src/write/html/style.ts). No writer holds a size or a spacing of its own,
// so Word and PDF lay out the same lines on the same pages.
import type { TableColumn } from "../model/document.js";

export type Family = "serif" | "sans";

export interface ParagraphStyle {
  family: Family;
  /** Font size in points. */
  size: number;
  /**
   * Line spacing as a multiple of the font's natural line height (ascent +
   * descent + line gap): Word's "auto" rule, w:line = 240 × line.
   */
  line: number;
  before: number;
  after: number;
  bold?: boolean;
}

/** Word's unit: 1/20 point. */
export const TWIPS_PER_POINT = 20;

/** Points to twips, rounded to whole twips as Word stores them. */
export const twips = (points: number): number => Math.round(points * TWIPS_PER_POINT);

/** Points to half-points, Word's unit of font size. */
export const halfPoints = (points: number): number => Math.round(points * 2);

/** The faces Word names; the PDF embeds their metric-compatible twins Tinos and Arimo. */
export const fontNames: Record<Family, string> = { serif: "Times New Roman", sans: "Arial" };

const BODY_LINE = 1.1;

export const styleSheet = {
  page: {
    /** A4. */
    width: 595.3,
    height: 841.9,
    margin: { top: 127.6, right: 70.9, bottom: 70.9, left: 70.9 },
    /** Distance from the page's top edge to the page furniture. */
    headerDistance: 28.35,
  },
  /** Paragraph styles, named as the Word styles they become. */
  paragraphs: {
    /** Normal. */
    body: { family: "serif", size: 12, line: BODY_LINE, before: 0, after: 8 },
    heading1: { family: "sans", size: 16, line: 1, before: 0, after: 12, bold: true },
    heading2: { family: "sans", size: 13, line: 1, before: 18, after: 6, bold: true },
    heading3: { family: "sans", size: 11, line: 1, before: 12, after: 6, bold: true },
    /** List Paragraph; the last item of a list is spaced as a body paragraph (`list.after`). */
    listItem: { family: "serif", size: 12, line: BODY_LINE, before: 0, after: 3 },
    /** Tabelltext: every paragraph in a table cell. */
    tableText: { family: "serif", size: 10, line: 1, before: 2, after: 2 },
    /**
     * Tabellslut: the paragraph Word must have after a table. Its 1-point
     * line keeps a table that fills a page from pushing an empty line onto a
     * page of its own (space after is dropped at the foot of a page); its
     * space after is the space between the table and what follows.
     */
    tableEnd: { family: "serif", size: 1, line: 1, before: 0, after: 13 },
    /** Sidhuvud: the page furniture. */
    furniture: { family: "sans", size: 9, line: 1, before: 0, after: 0 },
    /** Underskrift: the lines of the signature block, which an empty body paragraph precedes. */
    signature: { family: "serif", size: 12, line: BODY_LINE, before: 0, after: 0 },
  } satisfies Record<string, ParagraphStyle>,
  list: {
    /** Hanging indent of a list item: the marker's column. */
    indent: 21.25,
    /** Space after the last item of a list, as after a body paragraph. */
    after: 8,
  },
  /**
   * Where a page may end (src/write/keep.ts decides them on the document
   * model; Word, the PDF paginator and print CSS obey the same decisions).
   */
  keep: {
    /** Fewest lines of a paragraph or list item left at the foot of a page (Word's widow control: 2). */
    orphans: 2,
    /** Fewest lines of a paragraph or list item carried to the head of the next page (Word's widow control: 2). */
    widows: 2,
    /** A list of at most this many items is not split over two pages. */
    shortList: 4,
    /** Fewest data rows of a table under its header at a page foot, and carried over to the next page. */
    tableRows: 2,
    /** Fewest lines of body text on the last page of a document, and on a page a page break ends. */
    lastPageLines: 3,
  },
  table: {
    /** Cell padding left and right (none above and below: Tabelltext has space before and after). */
    cellPadding: 4.25,
    borderWidth: 0.5,
    /** Hex RGB, as Word writes colours. */
    borderColor: "808080",
    headerFill: "E7E6E6",
  },
} as const;

export type StyleName = keyof typeof styleSheet.paragraphs;

const { page } = styleSheet;

/** Width of the text column. */
export const textWidth = page.width - page.margin.left - page.margin.right;

/**
 * Column widths of a table in points: the text width shared by the columns'
 * weights (the template's `bredd`). Word and PDF both lay a table out on
 * these widths, so its rows wrap alike in both.
 */
export function columnWidths(columns: readonly Pick<TableColumn, "weight">[], width = textWidth): number[] {
  const total = columns.reduce((a, c) => a + c.weight, 0);
  return columns.map((c) => (width * c.weight) / total);
}

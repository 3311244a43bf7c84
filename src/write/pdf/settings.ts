// Read-only settings of the PDF writer: the shared style sheet
// (src/write/style-sheet.ts), which is in PDF points already, with colours as
// pdf-lib takes them and the spaces Word makes with paragraphs of their own.
import { face, faceKey } from "./fonts.js";
import { styleSheet, textWidth, type ParagraphStyle, type StyleName } from "../style-sheet.js";

export type { ParagraphStyle, StyleName };

/** A hex RGB colour as 0–1 components. */
const rgb = (hex: string) => [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];

/** Height of the one line of an empty paragraph of a style. */
const emptyLine = (style: ParagraphStyle) => face(faceKey(style.family, style.bold ?? false, false)).lineHeight * style.size * style.line;

const { page, paragraphs, table, list } = styleSheet;

export const settings = {
  page,
  textWidth,
  styles: paragraphs,
  /** Space after the last item of a list, as after a body paragraph. */
  listAfter: list.after,
  /** Hanging indent of list items. */
  listIndent: list.indent,
  table: {
    cellPadding: table.cellPadding,
    borderWidth: table.borderWidth,
    borderColor: rgb(table.borderColor),
    headerFill: rgb(table.headerFill),
    /**
     * Word follows a table with a 1-point paragraph (Tabellslut): its line
     * must fit on the table's last page, its space after spaces the table
     * from what follows.
     */
    endLine: emptyLine(paragraphs.tableEnd),
    after: paragraphs.tableEnd.after,
  },
  /** Word puts an empty body paragraph before the signatures: its line. */
  emptyBodyLine: emptyLine(paragraphs.body),
  /** Break words with Swedish hyphenation only when a word is wider than its line (narrow table cells). */
  hyphenateLongWords: true,
  producer: "lum-mul-arenden (pdf-lib)",
} as const;

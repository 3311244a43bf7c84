// Read-only settings of the PDF writer: faces, sizes, spacing and page
// geometry, in PDF points. Values mirror the Word writer's styles
// (src/write/docx/write-docx.ts) so the two outputs look alike: Word's twips
// are divided by 20, its half-points by 2.
import { page, textWidth, TWIPS_PER_POINT } from "../page.js";

const pt = (twips: number) => twips / TWIPS_PER_POINT;

/** Word's "auto" line spacing of 264/240: 1.1 times the font's own line height. */
const BODY_LINE = 264 / 240;

export interface ParagraphStyle {
  family: "serif" | "sans";
  size: number;
  /** Multiple of the font's natural line height (ascent + descent + line gap). */
  line: number;
  before: number;
  after: number;
  bold?: boolean;
}

export const settings = {
  page: {
    width: pt(page.width),
    height: pt(page.height),
    margin: {
      top: pt(page.margin.top),
      right: pt(page.margin.right),
      bottom: pt(page.margin.bottom),
      left: pt(page.margin.left),
    },
    headerDistance: pt(page.headerDistance),
  },
  textWidth: pt(textWidth),
  styles: {
    body: { family: "serif", size: 12, line: BODY_LINE, before: 0, after: 8 },
    heading1: { family: "sans", size: 16, line: BODY_LINE, before: 0, after: 12, bold: true },
    heading2: { family: "sans", size: 13, line: BODY_LINE, before: 18, after: 6, bold: true },
    heading3: { family: "sans", size: 11, line: BODY_LINE, before: 12, after: 6, bold: true },
    listItem: { family: "serif", size: 12, line: BODY_LINE, before: 0, after: 3 },
    tableText: { family: "serif", size: 10, line: 1, before: 2, after: 2 },
    furniture: { family: "sans", size: 9, line: 1, before: 0, after: 0 },
    signature: { family: "serif", size: 12, line: BODY_LINE, before: 0, after: 0 },
  } satisfies Record<string, ParagraphStyle>,
  /** Space after the last item of a list, as after a body paragraph. */
  listAfter: 8,
  /** Hanging indent of list items (Word: 425 twips). */
  listIndent: pt(425),
  table: {
    /** Cell padding left and right (Word: 85 twips). */
    cellPadding: pt(85),
    borderWidth: 0.5,
    /** RGB 0–1 of the border (Word: 808080) and header shading (E7E6E6). */
    borderColor: [0x80 / 255, 0x80 / 255, 0x80 / 255] as const,
    headerFill: [0xe7 / 255, 0xe6 / 255, 0xe6 / 255] as const,
    /** Word follows a table with an empty paragraph. */
    after: 14,
  },
  /** Word puts an empty body paragraph before the signatures. */
  signaturesBefore: 22,
  /** Break words with Swedish hyphenation only when a word is wider than its line (narrow table cells). */
  hyphenateLongWords: true,
  producer: "lum-mul-arenden (pdf-lib)",
} as const;

export type StyleName = keyof typeof settings.styles;

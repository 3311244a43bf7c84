// Read-only settings of the Word writer: the shared style sheet
// (src/write/style-sheet.ts) in Word's units, twips and half-points.
import { LineRuleType, type IParagraphStylePropertiesOptions, type IRunStylePropertiesOptions } from "docx";
import { fontNames, halfPoints, styleSheet, textWidth, twips, type ParagraphStyle } from "../style-sheet.js";

const { page, table, list } = styleSheet;

export const settings = {
  pageWidth: twips(page.width),
  pageHeight: twips(page.height),
  margin: { top: twips(page.margin.top), right: twips(page.margin.right), bottom: twips(page.margin.bottom), left: twips(page.margin.left) },
  headerDistance: twips(page.headerDistance),
  textWidth: twips(textWidth),
  listIndent: twips(list.indent),
  listAfter: twips(list.after),
  cellPadding: twips(table.cellPadding),
  /** Border width in eighths of a point (w:sz of a border). */
  borderSize: Math.round(table.borderWidth * 8),
  borderColor: table.borderColor,
  headerFill: table.headerFill,
  /** Space after the signature block: the space after a table (Tabellslut's). */
  signaturesAfter: twips(styleSheet.paragraphs.tableEnd.after),
} as const;

/**
 * A paragraph style of the style sheet as a Word style's run and paragraph
 * properties. Every style has widow control on: Word's rule of two lines is
 * the style sheet's orphans and widows (styleSheet.keep), and a reader
 * takes its absence for "off". docx's style type leaves w:widowControl out,
 * but its style writer takes any paragraph property (ParagraphProperties).
 */
export function wordStyle(style: ParagraphStyle): { run: IRunStylePropertiesOptions; paragraph: IParagraphStylePropertiesOptions } {
  if (styleSheet.keep.orphans !== 2 || styleSheet.keep.widows !== 2) throw new Error("Word's widow control keeps exactly two lines: styleSheet.keep cannot say otherwise");
  return {
    run: { font: fontNames[style.family], size: halfPoints(style.size), ...(style.bold ? { bold: true } : {}) },
    paragraph: {
      ...({ widowControl: true } as IParagraphStylePropertiesOptions),
      spacing: { before: twips(style.before), after: twips(style.after), line: Math.round(240 * style.line), lineRule: LineRuleType.AUTO },
    },
  };
}

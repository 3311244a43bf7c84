// Read-only settings of the HTML writer: every size, colour and face its CSS
// uses, in points, in one place. Sizes and spacing come from the writers'
// shared style sheet (src/write/style-sheet.ts), so the three editions look
// alike; what only a web page has (faces to fall back on, line height on
// screen, link colour) is set here.
import type { DocumentModel, Inline } from "../../model/document.js";
import { styleSheet as shared, textWidth } from "../style-sheet.js";

const { page, paragraphs: p, table, list, keep } = shared;
/** Line height of body text on screen (a web page has no font metrics to follow). */
const SCREEN_LINE = 1.3;
const spacing = ({ size, before, after }: { size: number; before: number; after: number }) => ({ size, before, after });

export const settings = {
  page: {
    // The HTML page has its furniture in the flow, so the top margin is as the others.
    margin: { top: page.margin.bottom, right: page.margin.right, bottom: page.margin.bottom, left: page.margin.left },
  },
  /** Width of the text column: a screen page is as wide as a printed one. */
  textWidth,
  serif: '"Times New Roman", Tinos, "Liberation Serif", serif',
  sans: 'Arial, Arimo, "Liberation Sans", Helvetica, sans-serif',
  body: { size: p.body.size, line: SCREEN_LINE, after: p.body.after },
  heading1: spacing(p.heading1),
  heading2: spacing(p.heading2),
  heading3: spacing(p.heading3),
  listItemAfter: p.listItem.after,
  listIndent: list.indent,
  tableText: { size: p.tableText.size, padding: table.cellPadding, paddingBlock: p.tableText.before },
  /** Word's Tabellslut paragraph: its 1-point line and its space after. */
  tableAfter: p.tableEnd.size + p.tableEnd.after,
  furniture: { size: p.furniture.size, after: 24 },
  /** Word's empty body paragraph before the signatures: one body line on screen and its space after. */
  signaturesBefore: Math.round(p.body.size * SCREEN_LINE + p.body.after),
  borderColor: `#${table.borderColor}`,
  borderWidth: table.borderWidth,
  headerFill: `#${table.headerFill.toLowerCase()}`,
  /** Where the printed page's furniture starts below the page's top edge, as in Word and the PDF. */
  headerDistance: page.headerDistance,
  /** Top margin of a printed page after the first: room for the page header, as in Word and the PDF. */
  printTop: page.margin.top,
  keep,
  /** Links: dark enough on white for WCAG AA. */
  link: "#1a4d8f",
} as const;

/** The style sheet of every page of the HTML edition: screen, and print on A4. */
export function styleSheet(): string {
  const s = settings;
  return `
html { background: #f4f4f4; color: #000; }
body { font-family: ${s.serif}; font-size: ${s.body.size}pt; line-height: ${s.body.line}; max-width: ${s.textWidth}pt; margin: 24pt auto; padding: 36pt ${s.page.margin.left}pt; background: #fff; box-shadow: 0 0 6pt rgba(0,0,0,.15); }
a { color: ${s.link}; }
p { margin: 0 0 ${s.body.after}pt; }
h1, h2, h3 { font-family: ${s.sans}; font-weight: bold; line-height: 1.2; break-after: avoid; page-break-after: avoid; }
h1 { font-size: ${s.heading1.size}pt; margin: ${s.heading1.before}pt 0 ${s.heading1.after}pt; }
h2 { font-size: ${s.heading2.size}pt; margin: ${s.heading2.before}pt 0 ${s.heading2.after}pt; }
h3 { font-size: ${s.heading3.size}pt; margin: ${s.heading3.before}pt 0 ${s.heading3.after}pt; }
ol, ul { margin: 0 0 ${s.body.after}pt; padding-left: ${s.listIndent}pt; }
li { margin: 0 0 ${s.listItemAfter}pt; }
ul.streck { list-style: none; }
ul.streck > li::before { content: "\\2013"; display: inline-block; width: ${s.listIndent}pt; margin-left: -${s.listIndent}pt; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0 0 ${s.tableAfter}pt; font-size: ${s.tableText.size}pt; line-height: 1.15; }
caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
th, td { border: ${s.borderWidth}pt solid ${s.borderColor}; padding: ${s.tableText.paddingBlock}pt ${s.tableText.padding}pt; vertical-align: top; text-align: left; overflow-wrap: anywhere; hyphens: auto; }
thead th { background: ${s.headerFill}; font-weight: bold; }
tr.summa td { font-weight: bold; }
th.tal, td.tal { text-align: right; }
td.tal { white-space: nowrap; overflow-wrap: normal; }
th { overflow-wrap: normal; }
td p, th p { margin: 0; }
.sidhuvud { display: flex; justify-content: space-between; gap: 12pt; font-family: ${s.sans}; font-size: ${s.furniture.size}pt; line-height: 1.25; margin: 0 0 ${s.furniture.after}pt; }
.sidhuvud p { margin: 0; }
.sidhuvud .hoger { text-align: right; }
.underskrifter { display: flex; gap: 12pt; margin-top: ${s.signaturesBefore}pt; break-inside: avoid; page-break-inside: avoid; }
.underskrifter p { flex: 1; margin: 0; }
.sidbrytning { break-after: page; page-break-after: always; }
@media screen { .sidbrytning { border-top: 1px dashed #767676; margin: 24pt 0; } }
@page { size: A4; margin: ${s.page.margin.top}pt ${s.page.margin.right}pt ${s.page.margin.bottom}pt ${s.page.margin.left}pt; }
@media print {
  html, body { background: #fff; }
  body { margin: 0; padding: 0; max-width: none; box-shadow: none; }
  a { color: inherit; text-decoration: none; }
  thead { display: table-header-group; break-after: avoid; }
  tr, .sidhuvud { break-inside: avoid; page-break-inside: avoid; }
  /* The style sheet's keep rules (src/write/keep.ts), as Word and the PDF keep them. */
  p, li { orphans: ${s.keep.orphans}; widows: ${s.keep.widows}; }
  .hall-ihop { break-inside: avoid; page-break-inside: avoid; }
  .med-nasta { break-after: avoid; page-break-after: avoid; }
  /* A table starts with its header and ${s.keep.tableRows} rows, and carries ${s.keep.tableRows} rows over. */
  tbody tr:nth-child(-n + ${s.keep.tableRows - 1}), tbody tr:nth-last-child(-n + ${s.keep.tableRows}):not(:last-child) { break-after: avoid; page-break-after: avoid; }
}
`.trimStart();
}

/** A line of the page header as the content of a page-margin box: text as strings, page fields as counters. */
function cssContent(line: Inline[]): string {
  const parts: string[] = [];
  const walk = (nodes: Inline[]) => {
    for (const node of nodes) {
      if (node.type === "text") parts.push(JSON.stringify(node.value).replace(/\\u([0-9a-f]{4})/gi, "\\$1 "));
      else if (node.type === "field") parts.push(node.field === "page" ? "counter(page)" : "counter(pages)");
      else walk(node.children);
    }
  };
  walk(line);
  return parts.length > 0 ? parts.join(" ") : '""';
}

/**
 * The print style of one document: its page header in the page-margin boxes
 * (CSS Paged Media; Chromium has drawn them since version 131), so every
 * printed page carries the Dnr and "Sida X (Y)" as the Word and PDF pages
 * do. The first page shows only its furniture (the page number) there: its
 * facts are the page's header block, in the flow.
 */
export function printFurniture(furniture: DocumentModel["furniture"]): string {
  const s = settings;
  const box = (lines: Inline[][]) => (lines.length > 0 ? lines.map(cssContent).join(' "\\A " ') : "none");
  const hasField = (nodes: Inline[]): boolean => nodes.some((n) => n.type === "field" || (n.type !== "text" && hasField(n.children)));
  const margin = (where: "left" | "right", lines: Inline[][]) =>
    `@top-${where} { content: ${box(lines)}; white-space: pre; text-align: ${where}; vertical-align: top; padding-top: ${s.headerDistance}pt; font-family: ${s.sans}; font-size: ${s.furniture.size}pt; line-height: 1.15; }`;
  const firstRight = furniture.first.right.filter(hasField);
  return [
    `@page { margin-top: ${s.printTop}pt; ${margin("left", furniture.rest.left)} ${margin("right", furniture.rest.right)} }`,
    `@page :first { margin-top: ${s.page.margin.top}pt; @top-left { content: none; } ${margin("right", firstRight)} }`,
  ].join("\n");
}

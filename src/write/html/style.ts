// Read-only settings of the HTML writer: every size, colour and face the
// style sheet uses, in points, in one place. The values follow the Word and
// PDF writers' styles (src/write/docx/write-docx.ts, src/write/pdf/settings.ts)
// so the three editions look alike; when the project's shared style sheet in
// points lands, these values are read from it instead.
import { page, textWidth, TWIPS_PER_POINT } from "../page.js";

const pt = (twips: number) => twips / TWIPS_PER_POINT;

export const settings = {
  page: {
    // The HTML page has its furniture in the flow, so the top margin is as the others.
    margin: { top: pt(page.margin.bottom), right: pt(page.margin.right), bottom: pt(page.margin.bottom), left: pt(page.margin.left) },
  },
  /** Width of the text column: a screen page is as wide as a printed one. */
  textWidth: pt(textWidth),
  serif: '"Times New Roman", Tinos, "Liberation Serif", serif',
  sans: 'Arial, Arimo, "Liberation Sans", Helvetica, sans-serif',
  body: { size: 12, line: 1.3, after: 8 },
  heading1: { size: 16, before: 0, after: 12 },
  heading2: { size: 13, before: 18, after: 6 },
  heading3: { size: 11, before: 12, after: 6 },
  listItemAfter: 3,
  listIndent: pt(425),
  tableText: { size: 10, padding: pt(85), paddingBlock: 2 },
  tableAfter: 14,
  furniture: { size: 9, after: 24 },
  signaturesBefore: 22,
  /** Border (Word: 808080) and header shading (E7E6E6). */
  borderColor: "#808080",
  borderWidth: 0.5,
  headerFill: "#e7e6e6",
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
  thead { display: table-header-group; }
  tr, li, .sidhuvud { break-inside: avoid; page-break-inside: avoid; }
  p { orphans: 2; widows: 2; }
}
`.trimStart();
}

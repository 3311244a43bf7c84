// Writes the document model as a Word document with the `docx` library:
// real Word styles (headings, lists, a table style), A4, sv-SE, live page
// fields in the page furniture, and byte-for-byte deterministic output.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  FrameAnchorType,
  Header,
  LevelFormat,
  PageBreak,
  PageNumber,
  Paragraph,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type ParagraphChild,
} from "docx";
import type { Block, BlockOf, Cell, DocumentModel, FurnitureColumns, Inline } from "../../model/document.js";
import { packDocx } from "./pack.js";
import { columnWidths, fontNames, halfPoints, styleSheet, twips, type ParagraphStyle } from "../style-sheet.js";
import { settings, wordStyle } from "./settings.js";
import { isPageFurniture } from "../../model/furniture.js";
import { face, faceKey } from "../pdf/fonts.js";
import { itemKeep, keepPlan, type Keep, type KeepPlan } from "../keep.js";

type Handler<T extends Block["type"]> = (block: BlockOf<T>, state: WriterState) => (Paragraph | Table)[];

/** What is collected while writing; settings stay read-only in settings.ts. */
interface WriterState {
  /** Each numbered list restarts at its own number instance. */
  listInstance: number;
  /** The document's keep decisions (src/write/keep.ts), shared with the PDF and HTML writers. */
  plan: KeepPlan;
  /** Index of the block being written. */
  block: number;
}

const keepOf = (state: WriterState): Keep => state.plan.blocks[state.block] ?? { withNext: false, together: false };

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
}

function runs(inlines: Inline[], style: RunStyle = {}): ParagraphChild[] {
  return inlines.flatMap((node): ParagraphChild[] => {
    switch (node.type) {
      case "text":
        return [new TextRun({ text: node.value, ...style })];
      case "emphasis":
        return runs(node.children, { ...style, italics: true });
      case "strong":
        return runs(node.children, { ...style, bold: true });
      case "field":
        return [new TextRun({ children: [node.field === "page" ? PageNumber.CURRENT : PageNumber.TOTAL_PAGES], ...style })];
    }
  });
}

const noBorders = {
  top: { style: BorderStyle.NONE, size: 0, color: "auto" },
  bottom: { style: BorderStyle.NONE, size: 0, color: "auto" },
  left: { style: BorderStyle.NONE, size: 0, color: "auto" },
  right: { style: BorderStyle.NONE, size: 0, color: "auto" },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: "auto" },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: "auto" },
};

function cellParagraphs(cell: Cell, options: IParagraphOptions & RunStyle): Paragraph[] {
  const { bold, italics, ...paragraph } = options;
  const paragraphs = cell.map((inlines) => new Paragraph({ ...paragraph, children: runs(inlines, { bold, italics }) }));
  // A Word cell must hold at least one paragraph.
  return paragraphs.length > 0 ? paragraphs : [new Paragraph({ ...paragraph, children: [] })];
}

const handlers: { [T in Block["type"]]: Handler<T> } = {
  heading: (block) => [
    new Paragraph({ style: `Heading${block.level}`, keepNext: true, children: runs(block.children) }),
  ],
  paragraph: (block, state) => {
    const keep = keepOf(state);
    return [new Paragraph({ keepNext: keep.withNext || undefined, keepLines: keep.together || undefined, children: runs(block.children) })];
  },
  list: (block, state) => {
    const reference = block.marker === "number" ? "numrerad" : block.marker === "dash" ? "streck" : "punkt";
    const instance = state.listInstance++;
    return block.items.map((item, i) => {
      const keep = itemKeep(state.plan, state.block, i);
      return new Paragraph({
          style: "ListParagraph",
          keepNext: keep.withNext || undefined,
          keepLines: keep.together || undefined,
          numbering: { reference, level: 0, instance },
          // The list as a whole is spaced from what follows, like a paragraph.
          spacing: i === block.items.length - 1 ? { after: settings.listAfter } : undefined,
          children: runs(item),
        });
    });
  },
  table: (block, state) => {
    // The style sheet's widths from the template's weights, as the PDF writer lays them out.
    const widths = columnWidths(block.columns).map(twips);
    // The header row repeats on each page. Only it carries w:tblHeader: a
    // data row with w:tblHeader="off" reads as a header row to pandoc and
    // mammoth, which test for the element, not its value.
    const row = (cells: Cell[], kind: "header" | "body" | "sum", keepWithNext = false) =>
      new TableRow({
        ...(kind === "header" ? { tableHeader: true } : {}),
        cantSplit: true,
        children: cells.map(
          (cell, i) =>
            new TableCell({
              width: { size: widths[i]!, type: WidthType.DXA },
              shading: kind === "header" ? { fill: settings.headerFill, color: "auto", type: "clear" } : undefined,
              children: cellParagraphs(cell, {
                style: "Tabelltext",
                alignment: block.columns[i]!.align === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT,
                keepNext: kind === "header" || keepWithNext,
                bold: kind !== "body" ? true : undefined,
              }),
            }),
        ),
      });
    // The style sheet's keep rules: the header with the first data rows, the
    // last data rows (a sum row among them) together, as the PDF paginator does.
    const data = [...block.rows.map((r) => ({ cells: r, kind: "body" as const })), ...(block.sum ? [{ cells: block.sum, kind: "sum" as const }] : [])];
    const n = data.length;
    const { tableRows } = styleSheet.keep;
    const keep = keepOf(state);
    const keepsNext = (k: number) => k < tableRows - 1 || (k >= n - tableRows && k < n - 1) || (keep.withNext && k === n - 1);
    return [
      new Table({
        style: "Tabellrutnat",
        width: { size: settings.textWidth, type: WidthType.DXA },
        columnWidths: widths,
        layout: TableLayoutType.FIXED,
        rows: [row(block.header, "header"), ...data.map((d, k) => row(d.cells, d.kind, keepsNext(k)))],
      }),
      // Word must have a paragraph after a table: a 1-point one (Tabellslut),
      // so that a table filling a page leaves no empty page behind it.
      new Paragraph({ style: "Tabellslut", keepNext: keep.withNext || undefined, children: [] }),
    ];
  },
  signatures: (block, state) => {
    // Side by side without table semantics (a table without a header row is
    // what Word's accessibility checker flags): one paragraph per line of
    // the signatories, each signatory's line at its own left tab stop, as the
    // signed papers are typed. Columns are the text width shared equally, as
    // the PDF draws them; a line is assumed to fit its column (names, titles).
    const count = Math.max(1, block.signatories.length);
    const width = settings.textWidth / count;
    const rows = Math.max(0, ...block.signatories.map((lines) => lines.length));
    const keep = keepOf(state);
    return [
      new Paragraph({ children: [] }),
      ...Array.from({ length: rows }, (_, row) => {
        const last = row === rows - 1;
        return new Paragraph({
          style: "Underskrift",
          tabStops: block.signatories.slice(1).map((_, k) => ({ type: TabStopType.LEFT, position: Math.round((k + 1) * width) })),
          // The block stays whole; after it, the space that follows a table.
          keepNext: !last || keep.withNext || undefined,
          keepLines: true,
          spacing: last ? { after: settings.signaturesAfter } : undefined,
          children: block.signatories.flatMap((lines, k) => [
            ...(k > 0 ? [new TextRun({ children: [new Tab()] })] : []),
            ...(lines[row] ? [new TextRun({ text: lines[row], bold: row === 0 })] : []),
          ]),
        });
      }),
    ];
  },
  pageBreak: () => [new Paragraph({ children: [new PageBreak()] })],
};

function writeBlock<T extends Block["type"]>(block: BlockOf<T>, state: WriterState): (Paragraph | Table)[] {
  return (handlers[block.type] as Handler<T>)(block, state);
}

/**
 * The page header as a two-column table. With `only`, a line it rejects is
 * left as an empty paragraph, so the lines kept stand where they stood.
 */
function furnitureTable(columns: FurnitureColumns, only: (line: Inline[]) => boolean = () => true): Table {
  const half = Math.floor(settings.textWidth / 2);
  const column = (lines: Inline[][], align: "left" | "right") =>
    new TableCell({
      width: { size: half, type: WidthType.DXA },
      children:
        lines.length > 0
          ? lines.map(
              (line) =>
                new Paragraph({
                  style: "Sidhuvud",
                  alignment: align === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT,
                  children: only(line) ? runs(line) : [],
                }),
            )
          : [new Paragraph({ style: "Sidhuvud", children: [] })],
    });
  return new Table({
    width: { size: settings.textWidth, type: WidthType.DXA },
    columnWidths: [half, half],
    layout: TableLayoutType.FIXED,
    borders: noBorders,
    rows: [new TableRow({ children: [column(columns.left, "left"), column(columns.right, "right")] })],
  });
}

/** Word's default left and right cell margin (TableNormal), which places the header table's text. */
const DEFAULT_CELL_MARGIN = 108;

/**
 * The first page's facts (sender, handläggare, Dnr, date, addressee) as the
 * first paragraphs of the body, so they are in the reading order before the
 * title, drawn where the first page's header table draws its lines: each
 * run of fact lines is a frame (w:framePr) placed on the page, above the top
 * margin, where its lines stood in the header. A frame's place is its first
 * line's: the header distance plus one Sidhuvud line per line above it (the
 * lines of a header are short; one that wrapped would shift what follows it
 * in the header, not in a frame). The line height is the face's natural line
 * (Word's "auto" rule), from the metrics the PDF writer measures with.
 */
function letterheadFrames(columns: FurnitureColumns): Paragraph[] {
  const style: ParagraphStyle = styles.furniture;
  const lineHeight = face(faceKey(style.family, style.bold ?? false, false)).lineHeight * style.size * style.line;
  const half = Math.floor(settings.textWidth / 2);
  const frames: Paragraph[] = [];
  const column = (lines: Inline[][], align: "left" | "right") => {
    let runStart = -1;
    lines.forEach((line, i) => {
      const fact = line.length > 0 && !isPageFurniture(line);
      if (!fact) {
        runStart = -1;
        return;
      }
      if (runStart < 0) runStart = i;
      frames.push(
        new Paragraph({
          style: "Sidhuvud",
          alignment: align === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT,
          frame: {
            type: "absolute",
            position: { x: (align === "right" ? half : 0) + DEFAULT_CELL_MARGIN, y: twips(styleSheet.page.headerDistance + runStart * lineHeight) },
            width: half - 2 * DEFAULT_CELL_MARGIN,
            anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.PAGE },
          },
          children: runs(line),
        }),
      );
    });
  };
  column(columns.left, "left");
  column(columns.right, "right");
  return frames;
}

export async function writeDocx(doc: DocumentModel): Promise<Uint8Array> {
  const state: WriterState = { listInstance: 0, plan: keepPlan(doc.blocks), block: 0 };
  const children = [
    ...letterheadFrames(doc.furniture.first),
    ...doc.blocks.flatMap((block, i) => {
      state.block = i;
      return writeBlock(block, state);
    }),
  ];
  const document = new Document({
    title: doc.meta.title,
    subject: doc.meta.subject,
    creator: doc.meta.author,
    lastModifiedBy: doc.meta.author,
    keywords: doc.meta.keywords.join(", "),
    description: doc.meta.subject,
    revision: 1,
    // docx keeps its default styles (headings, list paragraph, …) beside
    // these external ones; this is how a table style gets in.
    externalStyles: externalStylesXml,
    styles: {
      default: {
        document: { run: { font: fontNames[body.family], size: halfPoints(body.size), language: { value: doc.meta.language } } },
        // Each heading style carries its outline level, so Word's navigation, LibreOffice's
        // PDF export and screen readers take it for a heading; every line spacing is given
        // with its rule (auto: a multiple of the font's line), so a two-line title is not cramped.
        heading1: heading(styles.heading1, 0),
        heading2: heading(styles.heading2, 1),
        heading3: heading(styles.heading3, 2),
        listParagraph: wordStyle(styles.listItem),
      },
      paragraphStyles: [
        { id: "Normal", name: "Normal", ...wordStyle(body) },
        { id: "Tabelltext", name: "Tabelltext", basedOn: "Normal", ...wordStyle(styles.tableText) },
        { id: "Tabellslut", name: "Tabellslut", basedOn: "Normal", ...wordStyle(styles.tableEnd) },
        { id: "Sidhuvud", name: "Sidhuvud", basedOn: "Normal", ...wordStyle(styles.furniture) },
        { id: "Underskrift", name: "Underskrift", basedOn: "Normal", ...wordStyle(styles.signature) },
      ],
    },
    numbering: {
      config: [
        {
          reference: "numrerad",
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: settings.listIndent, hanging: settings.listIndent } } } }],
        },
        {
          reference: "streck",
          levels: [{ level: 0, format: LevelFormat.BULLET, text: "\u2013", alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: settings.listIndent, hanging: settings.listIndent } } } }],
        },
        {
          reference: "punkt",
          levels: [{ level: 0, format: LevelFormat.BULLET, text: "\u2022", alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: settings.listIndent, hanging: settings.listIndent } } } }],
        },
      ],
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: settings.pageWidth, height: settings.pageHeight },
            margin: { ...settings.margin, header: settings.headerDistance, footer: settings.headerDistance },
          },
        },
        headers: {
          // The first page's header keeps only its page furniture (page number, UTKAST); its facts are in the body.
          first: new Header({ children: [furnitureTable(doc.furniture.first, isPageFurniture), new Paragraph({ style: "Sidhuvud", children: [] })] }),
          default: new Header({ children: [furnitureTable(doc.furniture.rest), new Paragraph({ style: "Sidhuvud", children: [] })] }),
        },
        footers: {
          first: new Footer({ children: [] }),
          default: new Footer({ children: [] }),
        },
        children,
      },
    ],
  });
  return packDocx(document, doc.meta.date);
}

const styles = styleSheet.paragraphs;
const body = styles.body;

function heading(style: ParagraphStyle, outlineLevel: number) {
  const { run, paragraph } = wordStyle(style);
  return { run, paragraph: { ...paragraph, keepNext: true, outlineLevel } };
}

/** A grid table style, so tables use a named Word style rather than direct formatting. */
const border = (side: string) => `<w:${side} w:val="single" w:sz="${settings.borderSize}" w:space="0" w:color="${settings.borderColor}"/>`;
const externalStylesXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="table" w:styleId="Tabellrutnat">
  <w:name w:val="Tabellrutnät"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="39"/>
  <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:tblPr>
    <w:tblBorders>
      ${["top", "left", "bottom", "right", "insideH", "insideV"].map(border).join("\n      ")}
    </w:tblBorders>
    <w:tblCellMar><w:left w:w="${settings.cellPadding}" w:type="dxa"/><w:right w:w="${settings.cellPadding}" w:type="dxa"/></w:tblCellMar>
  </w:tblPr>
</w:style>
</w:styles>`;

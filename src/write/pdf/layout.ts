// Measures the document's blocks: one handler per block type turns a block
// into flow blocks (heights for pagination) that know how to draw themselves
// once placed. Text is broken into lines here, tables get their column
// widths here; nothing is drawn until pagination has decided the pages.
import {
  beginText,
  endText,
  fill,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingRgbColor,
  setFontAndSize,
  setLineWidth,
  setStrokingRgbColor,
  setTextMatrix,
  showText,
  stroke,
  type PDFFont,
  type PDFName,
  type PDFOperator,
} from "./pdf-lib.js";
import { isPageFurniture } from "../../model/furniture.js";
import { inlineText, type Align, type Block, type BlockOf, type Cell, type Inline } from "../../model/document.js";
import { face, needsNoGlyph, type FaceKey } from "./fonts.js";
import type { FlowBlock } from "./paginate.js";
import { itemKeep, type Keep, type KeepPlan } from "../keep.js";
import { columnWidths, styleSheet } from "../style-sheet.js";
import { settings, type ParagraphStyle } from "./settings.js";
import { structElem, type PageTagger, type StructElem } from "./structure.js";
import { breakLines, inlineRuns, lineHeight, runsWidth, textWidth, type Field, type Line, type Run } from "./text.js";

/**
 * Where a placed fragment is drawn: the page's operators (pushed to its
 * content stream once the page is done), the fonts by face with their
 * resource names, and the values of the page fields. Drawing emits PDF
 * operators directly rather than through pdf-lib's drawText/drawRectangle,
 * which wrap every call in graphics-state bookkeeping: for a long table that
 * was most of the writing time.
 */
export interface DrawTarget {
  ops: PDFOperator[];
  fonts: ReadonlyMap<FaceKey, { font: PDFFont; name: PDFName }>;
  fields: Readonly<Record<Field, number>>;
  /** Marks what is drawn as content of a structure element or as an artifact. */
  tag: PageTagger;
}

/** Rounds a coordinate to 1/1000 pt: shorter content streams, same look. */
const r3 = (n: number) => Math.round(n * 1000) / 1000;

export interface MeasuredBlock extends FlowBlock {
  /** Draws units [from, to) with the fragment's top `top` points below the page's top edge. */
  draw(target: DrawTarget, from: number, to: number, top: number): void;
  /** A bookmark for this block (document title and main sections). */
  outline?: { level: 1 | 2; title: string };
  /** The structure element this block adds to the document (a list's first item carries the whole list). */
  struct?: StructElem;
}

/** What is collected while measuring one document (layOutPdf in render.ts): the characters each face must embed. */
export interface LayoutState {
  usage: Map<FaceKey, Set<number>>;
  /**
   * The structure level of the last heading of the document being measured
   * (0 before its first; each document is measured with a state of its
   * own). A heading is tagged at most one level below the one before, as
   * the HTML edition numbers them, so a paper whose first heading is a
   * section (an anmälningsärende has no title) still begins with H1 and
   * never skips a level.
   */
  headingLevel: number;
  /** The document's keep decisions (src/write/keep.ts), shared with the Word and HTML writers. */
  plan: KeepPlan;
  /** Index in the document of the block being measured. */
  block: number;
}

export function newLayoutState(plan: KeepPlan = { blocks: [], items: new Map() }): LayoutState {
  return { usage: new Map(), headingLevel: 0, plan, block: 0 };
}

const NO_KEEP: Keep = { withNext: false, together: false };
const keepOf = (state: LayoutState): Keep => state.plan.blocks[state.block] ?? NO_KEEP;

type Handler<T extends Block["type"]> = (block: BlockOf<T>, state: LayoutState) => MeasuredBlock[];

const page = settings.page;
const left = page.margin.left;

/** Records the characters of the lines, and fails clearly on one no face can draw. */
function note(state: LayoutState, lines: Line[]): Line[] {
  for (const line of lines) {
    for (const run of line.runs) {
      let set = state.usage.get(run.face);
      if (!set) state.usage.set(run.face, (set = new Set()));
      const text = (run.field ? "0123456789" : run.text) + (line.space && run === line.runs[line.runs.length - 1] ? " " : "");
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        if (set.has(cp) || needsNoGlyph(cp)) continue;
        if (!face(run.face).has(cp)) {
          throw new Error(
            `Tecknet "${ch}" (U+${cp.toString(16).toUpperCase().padStart(4, "0")}) i "${run.text}" finns inte i typsnittet ${face(run.face).postscriptName} och kan inte skrivas i PDF-filen.`,
          );
        }
        set.add(cp);
      }
    }
  }
  return lines;
}

function runText(run: Run, fields: Readonly<Record<Field, number>>): string {
  return run.field ? String(fields[run.field]) : run.text;
}

/** Draws one line; `top` is measured from the page's top edge, `x` from its left edge. */
export function drawLine(target: DrawTarget, line: Line, x: number, top: number, height: number, align: Align = "left", width = 0): void {
  if (line.runs.length === 0) return;
  const texts = line.runs.map((r) => runText(r, target.fields));
  const actual = line.runs.reduce((w, r, i) => w + textWidth(texts[i]!, r.face, r.size), 0);
  let cursor = align === "right" ? x + width - actual : x;
  const first = line.runs[0]!;
  const f = face(first.face);
  const natural = (f.ascent + f.descent) * first.size;
  const baseline = r3(page.height - (top + (height - natural) / 2 + f.ascent * first.size));
  target.ops.push(beginText());
  line.runs.forEach((run, i) => {
    // The space a line was broken at follows its last word, past the measured width (see Line.space).
    const text = line.space && i === line.runs.length - 1 ? `${texts[i]!} ` : texts[i]!;
    const font = target.fonts.get(run.face)!;
    target.ops.push(setFontAndSize(font.name, run.size), setTextMatrix(1, 0, 0, 1, r3(cursor), baseline), showText(font.font.encodeText(text)));
    cursor += textWidth(text, run.face, run.size);
  });
  target.ops.push(endText());
}

interface TextBox {
  lines: Line[];
  lineHeight: number;
}

function textBox(inlines: Inline[], style: ParagraphStyle, width: number, state: LayoutState, bold = false): TextBox {
  const runs = inlineRuns(inlines, { family: style.family, size: style.size, bold: bold || (style.bold ?? false) });
  return { lines: note(state, breakLines(runs, width)), lineHeight: lineHeight(runs, style, style.line) };
}

/**
 * A paragraph-like block: lines as units, no lone first or last line. Its
 * lines are content of `elem`; `drawExtra` (a list item's marker) draws
 * before them on the block's first page.
 */
function linesBlock(
  box: TextBox,
  style: ParagraphStyle,
  after: number,
  elem: StructElem,
  keep: Keep,
  drawExtra?: (t: DrawTarget, top: number) => void,
  indent = 0,
): MeasuredBlock {
  const count = Math.max(1, box.lines.length);
  const { orphans, widows } = styleSheet.keep;
  return {
    units: Array.from({ length: count }, () => box.lineHeight),
    spaceBefore: style.before,
    spaceAfter: after,
    keepWithNext: keep.withNext,
    // Kept together: the paragraph moves whole, unless it is taller than a page.
    minHead: keep.together ? count : orphans,
    minTail: keep.together ? count : widows,
    repeat: 0,
    breakBefore: false,
    draw(t, from, to, top) {
      if (from === 0) drawExtra?.(t, top);
      t.tag.content(elem, () => {
        for (let k = from; k < to; k++) {
          const line = box.lines[k];
          if (line) drawLine(t, line, left + indent, top + (k - from) * box.lineHeight, box.lineHeight);
        }
      });
    },
  };
}

// ---- tables -----------------------------------------------------------------

interface MeasuredCell {
  /** Lines with their top offsets inside the cell's content box. */
  lines: { line: Line; top: number; height: number }[];
  height: number;
}

function measureCell(cell: Cell, width: number, bold: boolean, state: LayoutState): MeasuredCell {
  const style = settings.styles.tableText;
  const lines: MeasuredCell["lines"] = [];
  let y = 0;
  cell.forEach((paragraph, i) => {
    const box = textBox(paragraph, style, width, state, bold);
    // Between two paragraphs the larger of space after and before, as in Word.
    y += i === 0 ? style.before : Math.max(style.before, style.after) - style.after;
    for (const line of box.lines) {
      lines.push({ line, top: y, height: box.lineHeight });
      y += box.lineHeight;
    }
    if (box.lines.length === 0) y += box.lineHeight;
    y += style.after;
  });
  if (cell.length === 0) y = style.before + lineHeight([], style, style.line) + style.after;
  return { lines, height: y };
}

interface RowPart {
  /** Per cell, the lines of this part with tops relative to the part. */
  cells: MeasuredCell["lines"][];
  height: number;
}

/**
 * Splits a row into parts no taller than `cap` (only a row taller than a page
 * needs more than one). A part's height includes the border below it: a rule
 * takes room between two rows in Word.
 */
function rowParts(cells: MeasuredCell[], cap: number): RowPart[] {
  const border = settings.table.borderWidth;
  const height = Math.max(...cells.map((c) => c.height));
  if (height <= cap) return [{ cells: cells.map((c) => c.lines), height: height + border }];
  const parts: RowPart[] = [];
  let start = 0;
  while (start < height - 0.01) {
    const end = start + cap;
    const partCells = cells.map((c) => c.lines.filter((l) => l.top >= start - 0.01 && l.top + l.height <= end + 0.01));
    const next = Math.min(
      ...cells.map((c) => c.lines.find((l) => l.top >= start - 0.01 && l.top + l.height > end + 0.01)?.top ?? height),
    );
    const stop = next > start ? next : end;
    parts.push({ cells: partCells.map((ls) => ls.map((l) => ({ ...l, top: l.top - start }))), height: Math.min(stop, height) - start + settings.styles.tableText.after + border });
    start = stop;
  }
  return parts;
}

/**
 * Draws a row's cells: the shading (header), the text, then the grid lines
 * of the row. The text of each cell is content of its element in `cells`;
 * without them (a header row repeated on a continuation page) the whole row
 * is an artifact. Shading and rules always are.
 */
function drawRow(t: DrawTarget, part: RowPart, widths: number[], aligns: Align[], top: number, shaded: boolean, cells?: StructElem[]): void {
  const { borderWidth, borderColor, headerFill, cellPadding } = settings.table;
  const total = widths.reduce((a, w) => a + w, 0);
  const yTop = r3(page.height - top);
  const yBottom = r3(page.height - top - part.height);
  if (shaded) {
    t.tag.artifact("Layout", () =>
      t.ops.push(pushGraphicsState(), setFillingRgbColor(...headerFill), rectangle(left, yBottom, r3(total), r3(part.height)), fill(), popGraphicsState()),
    );
  }
  const drawText = () => {
    let x = left;
    widths.forEach((w, c) => {
      const drawCell = () => {
        for (const { line, top: lineTop, height } of part.cells[c] ?? []) {
          drawLine(t, line, x + cellPadding, top + lineTop, height, aligns[c], w - 2 * cellPadding);
        }
      };
      if (cells) t.tag.content(cells[c]!, drawCell);
      else drawCell();
      x += w;
    });
  };
  if (cells) drawText();
  else t.tag.artifact("Layout", drawText);
  const grid: PDFOperator[] = [moveTo(left, yTop), lineTo(r3(left + total), yTop), moveTo(left, yBottom), lineTo(r3(left + total), yBottom)];
  let x = left;
  for (const w of [0, ...widths]) {
    x += w;
    grid.push(moveTo(r3(x), yTop), lineTo(r3(x), yBottom));
  }
  t.tag.artifact("Layout", () => t.ops.push(pushGraphicsState(), setLineWidth(borderWidth), setStrokingRgbColor(...borderColor), ...grid, stroke(), popGraphicsState()));
}

// ---- handlers -----------------------------------------------------------------

const handlers: { [T in Block["type"]]: Handler<T> } = {
  heading: (block, state) => {
    const style = settings.styles[`heading${block.level}`];
    const box = textBox(block.children, style, settings.textWidth, state);
    state.headingLevel = Math.min(block.level, state.headingLevel + 1);
    const elem = structElem(`H${state.headingLevel as 1 | 2 | 3}`);
    const height = Math.max(1, box.lines.length) * box.lineHeight;
    return [
      {
        units: [height],
        spaceBefore: style.before,
        spaceAfter: style.after,
        keepWithNext: true,
        minHead: 1,
        minTail: 1,
        repeat: 0,
        breakBefore: false,
        draw(t, _from, _to, top) {
          t.tag.content(elem, () => box.lines.forEach((line, k) => drawLine(t, line, left, top + k * box.lineHeight, box.lineHeight)));
        },
        struct: elem,
        ...(block.level <= 2 ? { outline: { level: block.level as 1 | 2, title: inlineText(block.children).normalize("NFC") } } : {}),
      },
    ];
  },

  paragraph: (block, state) => {
    const style = settings.styles.body;
    const elem = structElem("P");
    return [{ ...linesBlock(textBox(block.children, style, settings.textWidth, state), style, style.after, elem, keepOf(state)), struct: elem }];
  },

  list: (block, state) => {
    const style = settings.styles.listItem;
    const indent = settings.listIndent;
    const list = structElem("L");
    return block.items.map((item, i) => {
      const label = structElem("Lbl");
      const body = structElem("LBody");
      list.kids.push(structElem("LI", [label, body]));
      const marker = block.marker === "number" ? `${block.start + i}.` : block.marker === "dash" ? "\u2013" : "\u2022";
      const markerLine = note(state, breakLines(inlineRuns([{ type: "text", value: marker }], style), indent))[0];
      const box = textBox(item, style, settings.textWidth - indent, state);
      const last = i === block.items.length - 1;
      const measured = linesBlock(
        box,
        style,
        last ? settings.listAfter : style.after,
        body,
        itemKeep(state.plan, state.block, i),
        (t, top) => {
          if (markerLine) t.tag.content(label, () => drawLine(t, markerLine, left, top, box.lineHeight));
        },
        indent,
      );
      return i === 0 ? { ...measured, struct: list } : measured;
    });
  },

  table: (block, state) => {
    const header = { cells: block.header, bold: true };
    const body = block.rows.map((cells) => ({ cells, bold: false }));
    const sum = block.sum ? [{ cells: block.sum, bold: true }] : [];
    // The template's weights over the text width, as in the Word file (the shared style sheet).
    const widths = columnWidths(block.columns);
    const pad = settings.table.cellPadding;
    const aligns = block.columns.map((c) => c.align);
    const measureRow = (row: { cells: Cell[]; bold: boolean }) =>
      block.columns.map((_, c) => measureCell(row.cells[c] ?? [], widths[c]! - 2 * pad, row.bold, state));
    const headerPart = rowParts(measureRow(header), Infinity)[0]!;
    const bodyHeight = page.height - page.margin.top - page.margin.bottom;
    const cap = bodyHeight - headerPart.height;
    // Body and sum rows; a row taller than a page becomes several parts,
    // all content of the row's one element.
    const rowElems = [header, ...body, ...sum].map((row, r) =>
      structElem("TR", block.columns.map(() => (r === 0 ? structElem("TH", [], "Column") : structElem("TD")))),
    );
    const table = structElem("Table", rowElems);
    const cellsOf = (row: StructElem) => row.kids as StructElem[];
    const partRows: StructElem[] = [];
    const parts: RowPart[] = [...body, ...sum].flatMap((row, r) => {
      const split = rowParts(measureRow(row), cap);
      for (const _ of split) partRows.push(rowElems[r + 1]!);
      return split;
    });
    return [
      {
        // Word's Tabellslut line goes with the last row: a table that fills a page moves its last row, not an empty line, over.
        // A table with a header and no rows still has one unit (its Tabellslut line), so its header is drawn.
        units: parts.length > 0 ? parts.map((p, k) => p.height + (k === parts.length - 1 ? settings.table.endLine : 0)) : [settings.table.endLine],
        spaceBefore: 0,
        spaceAfter: settings.table.after,
        keepWithNext: keepOf(state).withNext,
        // The header with at least two rows at a page foot; at least two rows carried over under the repeated header.
        minHead: Math.min(styleSheet.keep.tableRows, parts.length),
        minTail: Math.min(styleSheet.keep.tableRows, parts.length),
        repeat: headerPart.height,
        breakBefore: false,
        draw(t, from, to, top) {
          // The header row is content where the table starts; repeated on a later page it is an artifact.
          drawRow(t, headerPart, widths, aligns, top, true, from === 0 ? cellsOf(rowElems[0]!) : undefined);
          let y = top + headerPart.height;
          for (let k = from; k < Math.min(to, parts.length); k++) {
            drawRow(t, parts[k]!, widths, aligns, y, false, cellsOf(partRows[k]!));
            y += parts[k]!.height;
          }
        },
        struct: table,
      },
    ];
  },

  signatures: (block, state) => {
    const style = settings.styles.signature;
    const count = Math.max(1, block.signatories.length);
    const width = settings.textWidth / count;
    const columns = block.signatories.map((lines) =>
      lines.map((text, i) => textBox([{ type: "text", value: text }], style, width - 6, state, i === 0)),
    );
    const heights = columns.map((boxes) => boxes.reduce((h, b) => h + Math.max(1, b.lines.length) * b.lineHeight, 0));
    // The signature block: one paragraph per signatory (name, then title).
    const signatories = columns.map(() => structElem("P"));
    const elem = structElem("Div", signatories);
    const body = settings.styles.body;
    return [
      // The empty body paragraph Word has before the signatures.
      { units: [settings.emptyBodyLine], spaceBefore: body.before, spaceAfter: body.after, keepWithNext: false, minHead: 1, minTail: 1, repeat: 0, breakBefore: false, draw() {} },
      {
        // Word's signature lines (tab-separated columns, no table), then the space that follows a table.
        units: [Math.max(0, ...heights)],
        spaceBefore: 0,
        spaceAfter: settings.table.after,
        keepWithNext: keepOf(state).withNext,
        minHead: 1,
        minTail: 1,
        repeat: 0,
        breakBefore: false,
        draw(t, _from, _to, top) {
          columns.forEach((boxes, c) => {
            let y = top;
            t.tag.content(signatories[c]!, () => {
              for (const box of boxes) {
                for (const line of box.lines) {
                  drawLine(t, line, left + c * width, y, box.lineHeight);
                  y += box.lineHeight;
                }
              }
            });
          });
        },
        struct: elem,
      },
    ];
  },

  pageBreak: () => [
    { units: [], spaceBefore: 0, spaceAfter: 0, keepWithNext: false, minHead: 1, minTail: 1, repeat: 0, breakBefore: true, draw() {} },
  ],
};

export function measureBlock<T extends Block["type"]>(block: BlockOf<T>, state: LayoutState): MeasuredBlock[] {
  return (handlers[block.type] as Handler<T>)(block, state);
}

/**
 * A furniture column cut to `room` points of height: the lines that fit, the
 * last of them ending in "…" (characters dropped until it fits its width)
 * when anything was cut. A 320-character unbroken avdelning once ran down
 * over the body's first lines.
 */
function cutColumn<T extends { box: TextBox }>(column: T[], room: number, width: number, state: LayoutState): T[] {
  const kept: T[] = [];
  let y = 0;
  for (const item of column) {
    const { box } = item;
    const height = Math.max(1, box.lines.length) * box.lineHeight;
    if (y + height <= room + 0.01) {
      kept.push(item);
      y += height;
      continue;
    }
    const fit = Math.floor((room - y + 0.01) / box.lineHeight);
    if (fit > 0 && box.lines.length > 0) kept.push({ ...item, box: { ...box, lines: box.lines.slice(0, fit) } });
    const at = kept.map((k) => k.box.lines.length > 0).lastIndexOf(true);
    if (at >= 0) {
      const lines = [...kept[at]!.box.lines];
      lines[lines.length - 1] = withEllipsis(lines[lines.length - 1]!, width);
      note(state, lines.slice(-1));
      kept[at] = { ...kept[at]!, box: { ...kept[at]!.box, lines } };
    }
    break;
  }
  return kept;
}

/** `line` ending in "…", characters dropped from its end until it fits `width`. */
function withEllipsis(line: Line, width: number): Line {
  const runs = line.runs.filter((r) => !r.field).map((r) => ({ ...r }));
  const last = runs.at(-1);
  if (!last) return line;
  let chars = [...last.text];
  const widthWith = () => runsWidth(runs.slice(0, -1)) + textWidth(`${chars.join("").trimEnd()}…`, last.face, last.size);
  while (chars.length > 0 && widthWith() > width) chars = chars.slice(0, -1);
  last.text = `${chars.join("").trimEnd()}…`;
  return { runs, width: runsWidth(runs) };
}

/**
 * The page header: two columns of lines, the right one right-aligned, from
 * the header distance down, never past the body's top margin (cutColumn). With `facts` (the first page), a line that is a
 * fact of the paper (sender, handläggare, Dnr, date, addressee) is content of
 * a paragraph of the returned `letterhead` element, which the document puts
 * before its title; page numbers and the UTKAST mark (src/model/furniture.ts)
 * stay artifacts, as is every line of the later pages' header.
 */
export function measureFurniture(
  columns: { left: Inline[][]; right: Inline[][] },
  state: LayoutState,
  facts = false,
): { draw: (t: DrawTarget) => void; letterhead?: StructElem } {
  const style = settings.styles.furniture;
  const half = settings.textWidth / 2;
  const paragraphs: StructElem[] = [];
  // The header keeps one line's space clear above the body.
  const room = page.margin.top - page.headerDistance - lineHeight([], style, style.line);
  const boxes = (lines: Inline[][]) => {
    const kept = cutColumn(
      lines.map((line) => ({ box: textBox(line, style, half - 3, state), elem: facts && line.length > 0 && !isPageFurniture(line) ? structElem("P") : undefined })),
      room,
      half - 3,
      state,
    );
    // Only the lines drawn are paragraphs of the letterhead.
    for (const { elem } of kept) if (elem) paragraphs.push(elem);
    return kept;
  };
  // Reading order: the left column (sender, handläggare), then the right (document, Dnr, date, addressee).
  const l = boxes(columns.left);
  const r = boxes(columns.right);
  const drawColumn = (t: DrawTarget, column: { box: TextBox; elem?: StructElem }[], x: number, align: Align) => {
    let y = page.headerDistance;
    for (const { box, elem } of column) {
      const top = y;
      const drawLines = () => box.lines.forEach((line, k) => drawLine(t, line, x, top + k * box.lineHeight, box.lineHeight, align, half));
      if (elem) t.tag.content(elem, drawLines);
      else t.tag.artifact("Header", drawLines);
      y += Math.max(1, box.lines.length) * box.lineHeight;
    }
  };
  return {
    draw: (t) => {
      drawColumn(t, l, left, "left");
      drawColumn(t, r, left + half, "right");
    },
    ...(paragraphs.length > 0 ? { letterhead: structElem("Div", paragraphs) } : {}),
  };
}

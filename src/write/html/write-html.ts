// Writes the document model as an accessible HTML page (the HTML edition:
// DIGG's webbriktlinjer ask public bodies to publish documents as HTML
// first). Built as a hast tree with hastscript and serialised by
// hast-util-to-html, so escaping and structure are the libraries' job.
// One handler per block type, typed so that a missing one does not compile.
import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import { inlineText, type Block, type BlockOf, type Cell, type DocumentModel, type FurnitureColumns, type Inline, type TableColumn } from "../../model/document.js";
import { page, serialize } from "./html-page.js";
import { itemKeep, keepPlan, type Keep, type KeepPlan } from "../keep.js";
import { printFurniture } from "./style.js";

/** What is collected while writing; settings stay read-only in style.ts. */
interface WriterState {
  /** Level of the last heading written (0 before the first), so no level is skipped. */
  headingLevel: number;
  /** Text of the last heading, the caption of a table that follows it. */
  lastHeading: string;
  title: string;
  /** The document's keep decisions (src/write/keep.ts), shared with the Word and PDF writers. */
  plan: KeepPlan;
  /** Index of the block being written. */
  block: number;
}

/** The print classes of a keep (style.ts): kept whole, kept with what follows. */
function keepClasses(keep: Keep): string[] | undefined {
  const classes = [...(keep.together ? ["hall-ihop"] : []), ...(keep.withNext ? ["med-nasta"] : [])];
  return classes.length > 0 ? classes : undefined;
}

type Handler<T extends Block["type"]> = (block: BlockOf<T>, state: WriterState) => ElementContent[];

function inlines(nodes: Inline[]): ElementContent[] {
  return nodes.flatMap((node): ElementContent[] => {
    switch (node.type) {
      case "text":
        return [{ type: "text", value: node.value }];
      case "emphasis":
        return [h("em", inlines(node.children))];
      case "strong":
        return [h("strong", inlines(node.children))];
      case "field":
        // A web page has no page numbers; lines holding them are left out of the furniture.
        return [];
    }
  });
}

const hasField = (nodes: Inline[]): boolean => nodes.some((n) => n.type === "field" || (n.type !== "text" && hasField(n.children)));

function cellContent(cell: Cell): ElementContent[] {
  if (cell.length === 1) return inlines(cell[0]!);
  return cell.map((paragraph) => h("p", inlines(paragraph)));
}

const numeric = (column: TableColumn | undefined) => (column?.align === "right" ? "tal" : undefined);

const handlers: { [T in Block["type"]]: Handler<T> } = {
  heading: (block, state) => {
    // A level that would skip one (a level 3 straight after the title) is raised to the next level down.
    const level = Math.min(block.level, state.headingLevel + 1);
    state.headingLevel = level;
    state.lastHeading = inlineText(block.children);
    return [h(`h${level}`, inlines(block.children))];
  },
  paragraph: (block, state) => [h("p", { className: keepClasses(state.plan.blocks[state.block]!) }, inlines(block.children))],
  list: (block, state) => {
    const items = block.items.map((item, i) => h("li", { className: keepClasses(itemKeep(state.plan, state.block, i)) }, inlines(item)));
    const keep = keepClasses(state.plan.blocks[state.block]!) ?? [];
    const classes = (extra: string[]) => (extra.length + keep.length > 0 ? [...extra, ...keep] : undefined);
    if (block.marker === "number") return [h("ol", { start: block.start !== 1 ? block.start : undefined, className: classes([]) }, items)];
    return [h("ul", { className: classes(block.marker === "dash" ? ["streck"] : []) }, items)];
  },
  table: (block, state) => {
    const total = block.columns.reduce((a, c) => a + c.weight, 0);
    const row = (cells: Cell[], kind: "body" | "sum") =>
      h(
        "tr",
        kind === "sum" ? { className: ["summa"] } : {},
        cells.map((cell, i) => h("td", { className: numeric(block.columns[i]) }, cellContent(cell))),
      );
    return [
      h("table", [
        h("caption", state.lastHeading || state.title),
        h(
          "colgroup",
          block.columns.map((c) => h("col", { style: `width: ${((100 * c.weight) / total).toFixed(2)}%` })),
        ),
        h("thead", [h("tr", block.header.map((cell, i) => h("th", { scope: "col", className: numeric(block.columns[i]) }, cellContent(cell))))]),
        h("tbody", [...block.rows.map((r) => row(r, "body")), ...(block.sum ? [row(block.sum, "sum")] : [])]),
      ]),
    ];
  },
  signatures: (block) => [
    h(
      "div",
      { className: ["underskrifter"] },
      block.signatories.map((lines) =>
        h(
          "p",
          lines.flatMap((line, i): ElementContent[] => [...(i > 0 ? [h("br")] : []), i === 0 ? h("strong", line) : { type: "text", value: line }]),
        ),
      ),
    ),
  ],
  pageBreak: () => [h("div", { className: ["sidbrytning"], ariaHidden: "true" })],
};

function writeBlock<T extends Block["type"]>(block: BlockOf<T>, state: WriterState): ElementContent[] {
  return (handlers[block.type] as Handler<T>)(block, state);
}

/** The first page's furniture (sender, dnr, date, addressee) as the page's header block. */
function furniture(columns: FurnitureColumns): Element | undefined {
  const column = (lines: Inline[][], className: string) =>
    h("div", { className: [className] }, lines.filter((line) => !hasField(line)).map((line) => h("p", inlines(line))));
  if (columns.left.length === 0 && columns.right.length === 0) return undefined;
  return h("header", { className: ["sidhuvud"] }, [column(columns.left, "vanster"), column(columns.right, "hoger")]);
}

export function writeHtml(doc: DocumentModel): Uint8Array {
  const state: WriterState = { headingLevel: 0, lastHeading: "", title: doc.meta.title, plan: keepPlan(doc.blocks), block: 0 };
  const header = furniture(doc.furniture.first);
  const main = h(
    "main",
    doc.blocks.flatMap((block, i) => {
      state.block = i;
      return writeBlock(block, state);
    }),
  );
  return serialize(
    page(
      { title: doc.meta.title, language: doc.meta.language, author: doc.meta.author, description: doc.meta.subject, keywords: doc.meta.keywords },
      header ? [header, main] : [main],
      // The printed page's furniture: the Word and PDF page header in page-margin boxes.
      [h("style", { media: "print" }, printFurniture(doc.furniture))],
    ),
  );
}

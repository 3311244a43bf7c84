// Writes the document model as an accessible HTML page (the HTML edition:
// DIGG's webbriktlinjer ask public bodies to publish documents as HTML
// first). Built as a hast tree with hastscript and serialised by
// hast-util-to-html, so escaping and structure are the libraries' job.
// One handler per block type, typed so that a missing one does not compile.
import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import { inlineText, type Block, type BlockOf, type Cell, type DocumentModel, type FurnitureColumns, type Inline, type TableColumn } from "../../model/document.js";
import { page, serialize } from "./html-page.js";

/** What is collected while writing; settings stay read-only in style.ts. */
interface WriterState {
  /** Level of the last heading written (0 before the first), so no level is skipped. */
  headingLevel: number;
  /** Text of the last heading, the caption of a table that follows it. */
  lastHeading: string;
  title: string;
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
  paragraph: (block) => [h("p", inlines(block.children))],
  list: (block) => {
    const items = block.items.map((item) => h("li", inlines(item)));
    if (block.marker === "number") return [h("ol", block.start !== 1 ? { start: block.start } : {}, items)];
    return [h("ul", block.marker === "dash" ? { className: ["streck"] } : {}, items)];
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
  const state: WriterState = { headingLevel: 0, lastHeading: "", title: doc.meta.title };
  const header = furniture(doc.furniture.first);
  const main = h(
    "main",
    doc.blocks.flatMap((block) => writeBlock(block, state)),
  );
  return serialize(
    page(
      { title: doc.meta.title, language: doc.meta.language, author: doc.meta.author, description: doc.meta.subject, keywords: doc.meta.keywords },
      header ? [header, main] : [main],
    ),
  );
}

// Writes the document model as plain UTF-8 text: one paragraph a line,
// tables as rows of cells separated by " | ". Meant for reading and diffing
// what a document says (golden tests, reviews), not for printing.
import { inlineText, type Block, type BlockOf, type Cell, type DocumentModel, type Inline } from "../../model/document.js";

type Handler<T extends Block["type"]> = (block: BlockOf<T>) => string[];

const text = (inlines: Inline[]) => inlineText(inlines, (f) => (f === "page" ? "[sida]" : "[sidor]"));
const cellText = (cell: Cell) => cell.map(text).join(" / ");

const handlers: { [T in Block["type"]]: Handler<T> } = {
  heading: (block) => {
    const line = text(block.children);
    if (block.level === 3) return [line];
    return [line, (block.level === 1 ? "=" : "-").repeat(Math.max(3, [...line].length))];
  },
  paragraph: (block) => [text(block.children)],
  list: (block) =>
    block.items.map((item, i) => {
      const marker = block.marker === "number" ? `${block.start + i}.` : block.marker === "dash" ? "\u2013" : "\u2022";
      return `${marker} ${text(item)}`;
    }),
  table: (block) => [block.header, ...block.rows, ...(block.sum ? [block.sum] : [])].map((row) => `| ${row.map(cellText).join(" | ")} |`),
  // Side by side, as on the page: names on one line, titles on the next.
  signatures: (block) => {
    const rows = Math.max(0, ...block.signatories.map((lines) => lines.length));
    const width = Math.max(0, ...block.signatories.flatMap((lines) => lines.map((l) => [...l].length)));
    return Array.from({ length: rows }, (_, row) =>
      block.signatories
        .map((lines) => lines[row] ?? "")
        .map((cell, i, all) => (i === all.length - 1 ? cell : cell + " ".repeat(width - [...cell].length + 4)))
        .join("")
        .trimEnd(),
    );
  },
  pageBreak: () => ["\f"],
};

function writeBlock<T extends Block["type"]>(block: BlockOf<T>): string[] {
  return (handlers[block.type] as Handler<T>)(block);
}

export function writeText(doc: DocumentModel): Uint8Array {
  const furniture = [...doc.furniture.first.left, ...doc.furniture.first.right].map(text);
  const parts = [furniture.join("\n"), ...doc.blocks.map((b) => writeBlock(b).join("\n"))];
  return new TextEncoder().encode(`${parts.join("\n\n")}\n`);
}

// The document model: the only contract between composing (templates) and
// writing (Word, PDF, text). Composers produce it, writers consume it, and
// neither knows the other. Modelled on pandoc's Definition.hs and mdast.

/** Inline content of a paragraph, heading, list item or table cell. */
export type Inline =
  /** Plain text; may contain non-breaking spaces that writers must keep. */
  | { type: "text"; value: string }
  /** Emphasised (italic) content. */
  | { type: "emphasis"; children: Inline[] }
  /** Strong (bold) content. */
  | { type: "strong"; children: Inline[] }
  /** A value the writer fills in per page: the page number or the page count. */
  | { type: "field"; field: "page" | "pages" };

/** Horizontal alignment of a table column. */
export type Align = "left" | "right";

/** One cell: one or more paragraphs of inline content. */
export type Cell = Inline[][];

export interface TableColumn {
  align: Align;
  /** Relative width; writers scale the weights to the text width. */
  weight: number;
}

/** A block of the document body. */
export type Block =
  /** A section heading; level 1 is the document title. */
  | { type: "heading"; level: 1 | 2 | 3; children: Inline[] }
  /** A paragraph of running text. */
  | { type: "paragraph"; children: Inline[] }
  /** A list; "number" lists count from `start`, "dash" uses an en dash, "bullet" a bullet. */
  | { type: "list"; marker: "number" | "dash" | "bullet"; start: number; items: Inline[][] }
  /** A table: the header row repeats on every page; the sum row (if any) closes it in bold. */
  | { type: "table"; columns: TableColumn[]; header: Cell[]; rows: Cell[][]; sum: Cell[] | null }
  /** Signatures side by side; each signatory is a few lines (name, title, unit). */
  | { type: "signatures"; signatories: string[][] }
  /** Forces the following content onto a new page. */
  | { type: "pageBreak" };

/** Lines of page furniture, in a left and a right column. */
export interface FurnitureColumns {
  left: Inline[][];
  right: Inline[][];
}

export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  language: string;
  /** Creation and modification time, taken from the round, never the clock. */
  date: Date;
}

export interface DocumentModel {
  meta: DocumentMeta;
  /** Header of the first page, and of every following page. */
  furniture: { first: FurnitureColumns; rest: FurnitureColumns };
  blocks: Block[];
}

export type BlockType = Block["type"];
export type BlockOf<T extends BlockType> = Extract<Block, { type: T }>;

/** The plain text of inline content, fields rendered by `field`. */
export function inlineText(inlines: Inline[], field: (f: "page" | "pages") => string = () => ""): string {
  return inlines
    .map((node) => {
      switch (node.type) {
        case "text":
          return node.value;
        case "field":
          return field(node.field);
        default:
          return inlineText(node.children, field);
      }
    })
    .join("");
}

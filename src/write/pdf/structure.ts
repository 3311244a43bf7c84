// Tagged PDF (ISO 32000-1 §14.7–14.8, PDF/UA-1): the logical structure of
// the document — headings, paragraphs, lists, tables, the signature block —
// as a tree of structure elements, and the page content marked to belong to
// them. pdf-lib has no API for any of it, so the dictionaries are written
// with its low-level objects, as the outline is (outline.ts).
//
// The elements are made while measuring (one per block, row, cell, list
// item), so a paragraph or a table row that pagination splits over two pages
// is still one element: each page's piece is a marked-content sequence with
// its own MCID, and the element lists them in order. What is not content —
// the page header and footer, table rules and shading, a table's header row
// repeated on a continuation page — is marked as an artifact.
//
// An element holds only its child elements. The marked content drawn for it
// belongs to one file and is kept by that file's render (`MarkedContents`),
// so a measured document can be drawn into more than one file (its own PDF
// and the case PDF) without one file's references reaching the other.
import type { PDFDocument, PDFOperator, PDFRef } from "./pdf-lib.js";
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFOperator as Operator } from "./pdf-lib.js";

/** The standard structure types the writer uses (ISO 32000-1 §14.8.4). */
export type StructType = "Document" | "Sect" | "H1" | "H2" | "H3" | "P" | "L" | "LI" | "Lbl" | "LBody" | "Table" | "TR" | "TH" | "TD" | "Div";

/** A piece of page content: the `mcid`-th marked sequence of page `page` (0-based, in the file). */
interface MarkedContent {
  page: number;
  mcid: number;
}

export interface StructElem {
  type: StructType;
  /** Child elements, in reading order. An element with children has no content of its own. */
  kids: StructElem[];
  /** A header cell's scope: the cells of its column. */
  scope?: "Column";
}

export function structElem(type: StructType, kids: StructElem[] = [], scope?: "Column"): StructElem {
  return scope ? { type, kids, scope } : { type, kids };
}

/** The content drawn for each element in one file, in drawing order: made by one render and read by its writeStructure. */
export type MarkedContents = Map<StructElem, MarkedContent[]>;

/** What is drawn on a page that is not content (ISO 32000-1 §14.8.2.2). */
export type ArtifactKind = "Header" | "Layout";

/**
 * Marks the content of one page as it is drawn: every sequence gets the
 * page's next MCID and is recorded with its element, for the parent tree.
 */
export class PageTagger {
  /** The element of each MCID on this page, in MCID order. */
  readonly owners: StructElem[] = [];

  constructor(
    private readonly ops: PDFOperator[],
    readonly page: number,
    /** The file's marked content by element, which this page adds to. */
    private readonly marked: MarkedContents,
  ) {}

  /** Draws `draw`'s operators as content of `elem`. */
  content(elem: StructElem, draw: () => void): void {
    const mcid = this.owners.length;
    if (this.wrap(Operator.of("BDC" as never, [`/${elem.type}`, `<</MCID ${mcid}>>`] as never), draw)) {
      this.owners.push(elem);
      const list = this.marked.get(elem);
      if (list) list.push({ page: this.page, mcid });
      else this.marked.set(elem, [{ page: this.page, mcid }]);
    }
  }

  /** Draws `draw`'s operators as an artifact: page furniture, or rules, shading and repeated headers. */
  artifact(kind: ArtifactKind, draw: () => void): void {
    this.wrap(kind === "Header" ? BEGIN_HEADER : BEGIN_LAYOUT, draw);
  }

  /**
   * Draws between `begin` and EMC; whether anything was drawn (nothing is
   * marked otherwise). The operands are written as text: the operators are
   * only ever turned into the content stream's text (render.ts), and a
   * PDFDict per sequence cost a tenth of the writing time of a long table.
   */
  private wrap(begin: PDFOperator, draw: () => void): boolean {
    this.ops.push(begin);
    const start = this.ops.length;
    draw();
    if (this.ops.length === start) {
      this.ops.pop();
      return false;
    }
    this.ops.push(END);
    return true;
  }
}

const BEGIN_HEADER = Operator.of("BDC" as never, ["/Artifact", "<</Type /Pagination /Subtype /Header>>"] as never);
const BEGIN_LAYOUT = Operator.of("BDC" as never, ["/Artifact", "<</Type /Layout>>"] as never);
const END = Operator.of("EMC" as never);

/**
 * Writes the structure tree under `root`, the parent tree that leads from
 * each page's marked content back to its element, and marks the document as
 * tagged. `pages` are the page references in file order, `owners` each
 * page's MCID owners (PageTagger.owners), `marked` the content drawn for
 * each element in this file (what the PageTaggers recorded).
 */
export function writeStructure(pdf: PDFDocument, root: StructElem, pages: PDFRef[], owners: StructElem[][], marked: MarkedContents): void {
  const context = pdf.context;
  const treeRef = context.nextRef();
  const refs = new Map<StructElem, PDFRef>();

  /** An element with no content anywhere below it, which is left out (an empty paragraph). Table cells stay: a table keeps its grid. */
  const empty = (elem: StructElem): boolean => {
    if (elem.type === "TD" || elem.type === "TH" || elem.type === "TR") return false;
    return !marked.has(elem) && elem.kids.every(empty);
  };

  const write = (elem: StructElem, parent: PDFRef): PDFRef => {
    const ref = context.nextRef();
    refs.set(elem, ref);
    const dict = context.obj({ Type: "StructElem", S: elem.type }) as PDFDict;
    dict.set(PDFName.of("P"), parent);
    const content = marked.get(elem) ?? [];
    const firstContent = content[0];
    if (firstContent) dict.set(PDFName.of("Pg"), pages[firstContent.page]!);
    const kids = PDFArray.withContext(context);
    for (const kid of elem.kids) if (!empty(kid)) kids.push(write(kid, ref));
    for (const piece of content) {
      if (piece.page === firstContent!.page) {
        kids.push(PDFNumber.of(piece.mcid));
      } else {
        // Content on another page than the element's /Pg: a marked-content reference naming its page.
        kids.push(context.obj({ Type: "MCR", Pg: pages[piece.page]!, MCID: piece.mcid }));
      }
    }
    dict.set(PDFName.of("K"), kids);
    if (elem.scope) dict.set(PDFName.of("A"), context.obj({ O: "Table", Scope: elem.scope }));
    context.assign(ref, dict);
    return ref;
  };
  const rootRef = write(root, treeRef);

  // The parent tree: a number tree from each page's StructParents key to
  // the elements of its MCIDs, in MCID order.
  const nums = PDFArray.withContext(context);
  owners.forEach((list, page) => {
    nums.push(PDFNumber.of(page));
    const array = PDFArray.withContext(context);
    for (const elem of list) array.push(refs.get(elem)!);
    nums.push(context.register(array));
  });
  const parentTree = context.register(context.obj({ Nums: nums }));

  context.assign(
    treeRef,
    context.obj({ Type: "StructTreeRoot", K: rootRef, ParentTree: parentTree, ParentTreeNextKey: pages.length }),
  );
  pages.forEach((pageRef, index) => {
    const pageDict = context.lookup(pageRef, PDFDict);
    pageDict.set(PDFName.of("StructParents"), PDFNumber.of(index));
    // Tab order follows the structure (PDF/UA-1 7.18.3).
    pageDict.set(PDFName.of("Tabs"), PDFName.of("S"));
  });
  pdf.catalog.set(PDFName.of("StructTreeRoot"), treeRef);
  pdf.catalog.set(PDFName.of("MarkInfo"), context.obj({ Marked: true }));
}

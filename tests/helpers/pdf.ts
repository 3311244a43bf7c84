// Test helpers for PDFs: text with positions through pdf.js (the legacy build
// runs in Node), grouped into lines, split into furniture and body by the
// page geometry the writers share.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef } from "@cantoo/pdf-lib";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { styleSheet } from "../../src/write/style-sheet.js";
import { docxPart } from "./build.js";

const { page } = styleSheet;

export const geometry = {
  width: page.width,
  height: page.height,
  ...page.margin,
  headerDistance: page.headerDistance,
};

/** A piece of text as pdf.js reports it, in top-down coordinates (points from the page's top edge). */
export interface TextItem {
  str: string;
  x: number;
  /** Baseline, from the top edge. */
  baseline: number;
  width: number;
  /** Font size. */
  size: number;
  /** The embedded font's name, e.g. "ABCDEF+Tinos-Bold". */
  font: string;
}

/** Items on one baseline, left to right. */
export interface TextLine {
  items: TextItem[];
  text: string;
  baseline: number;
  left: number;
  right: number;
  size: number;
}

export interface PdfPage {
  width: number;
  height: number;
  /** Items in content-stream order, which is the writer's reading order. */
  items: TextItem[];
}

export async function pdfPages(bytes: Uint8Array): Promise<PdfPage[]> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const p = await doc.getPage(n);
    const [, , width, height] = p.view as [number, number, number, number];
    // Loads the page's fonts, so their names can be looked up.
    await p.getOperatorList();
    const content = await p.getTextContent();
    const items: TextItem[] = [];
    for (const item of content.items) {
      // pdf.js adds white-space items of its own between drawn pieces; they carry no text of ours.
      if (!("str" in item) || item.str.trim() === "") continue;
      const [a, , , d, e, f] = item.transform as number[];
      const font = (p.commonObjs.get(item.fontName) as { name?: string } | undefined)?.name ?? item.fontName;
      items.push({ str: item.str, x: e!, baseline: height - f!, width: item.width, size: Math.abs(d! || a!), font });
    }
    pages.push({ width, height, items });
  }
  await doc.destroy();
  return pages;
}

export async function pdfInfo(bytes: Uint8Array) {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const metadata = await doc.getMetadata();
  const outline = (await doc.getOutline()) ?? [];
  const resolve = async (items: typeof outline): Promise<{ title: string; page: number; children: { title: string; page: number }[] }[]> =>
    Promise.all(
      items.map(async (item) => {
        const dest = (Array.isArray(item.dest) ? item.dest : await doc.getDestination(String(item.dest))) as unknown[];
        const pageIndex = await doc.getPageIndex(dest[0] as { num: number; gen: number });
        return { title: item.title, page: pageIndex + 1, children: await resolve(item.items) };
      }),
    );
  const result = { info: metadata.info as Record<string, unknown>, outline: await resolve(outline), numPages: doc.numPages };
  await doc.destroy();
  return result;
}

/** Groups items into lines by baseline and joins touching items without a space. */
export function lines(items: TextItem[]): TextLine[] {
  const sorted = [...items].sort((a, b) => a.baseline - b.baseline || a.x - b.x);
  const out: TextLine[] = [];
  for (const item of sorted) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.baseline - item.baseline) < 0.5 && item.x >= last.right - 0.5 && item.x - last.right < 2) {
      const gap = item.x - last.right;
      last.text += (gap > 0.8 ? " " : "") + item.str;
      last.items.push(item);
      last.right = item.x + item.width;
    } else {
      // A new baseline, or another column on the same one.
      out.push({ items: [item], text: item.str, baseline: item.baseline, left: item.x, right: item.x + item.width, size: item.size });
    }
  }
  return out;
}

export const isFurniture = (item: TextItem) => item.baseline < geometry.top;

/**
 * The body's words in reading (drawing) order. Items drawn back to back on
 * one baseline are joined without a space when they touch, so a word split
 * over two runs (bold, then regular) stays one word.
 */
export function bodyWords(pageItems: TextItem[]): string[] {
  let text = "";
  let previous: TextItem | undefined;
  for (const item of pageItems.filter((i) => !isFurniture(i))) {
    const touching =
      previous && Math.abs(previous.baseline - item.baseline) < 0.5 && Math.abs(previous.x + previous.width - item.x) < 0.8;
    text += (previous && !touching ? " " : "") + item.str;
    previous = item;
  }
  return words(text);
}

export const words = (text: string) => text.split(/\s+/).filter((w) => w !== "");

/** The header part Word shows on the first page ("first") or on the others ("default"). */
export async function docxHeader(bytes: Uint8Array, type: "first" | "default"): Promise<string> {
  const documentXml = await docxPart(bytes, "word/document.xml");
  const id = new RegExp(`<w:headerReference w:type="${type}" r:id="([^"]+)"`).exec(documentXml)?.[1];
  const rels = await docxPart(bytes, "word/_rels/document.xml.rels");
  const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
  if (!id || !target) throw new Error(`no ${type} header`);
  return `word/${target}`;
}

/** A structure element as pdf.js reads it back: its role, and below it elements or marked content. */
export interface StructNode {
  role: string;
  children: (StructNode | { type: "content"; id: string })[];
}

export interface TaggedPage {
  /** Structure elements with content on this page (pdf.js's getStructTree). */
  tree: StructNode | null;
  /** Text pieces outside any marked content (should be none). */
  unmarked: string[];
  /** Text pieces inside an artifact. */
  artifacts: string[];
  /** Text pieces inside marked content with an MCID, with the MCID's id (white space included). */
  marked: { str: string; id: string; tag: string }[];
}

/** The tagging of each page and the document's MarkInfo and language, as pdf.js reads them. */
export async function pdfTagging(bytes: Uint8Array) {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const markInfo = await doc.getMarkInfo();
  const metadata = await doc.getMetadata();
  const pages: TaggedPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const p = await doc.getPage(n);
    const content = await p.getTextContent({ includeMarkedContent: true });
    const page: TaggedPage = { tree: (await p.getStructTree()) as unknown as StructNode | null, unmarked: [], artifacts: [], marked: [] };
    const stack: { tag: string; id: string | null }[] = [];
    for (const item of content.items) {
      if ("type" in item) {
        if (item.type === "beginMarkedContent" || item.type === "beginMarkedContentProps") {
          const marked = item as { tag?: string; id?: string | null };
          stack.push({ tag: marked.tag ?? "", id: marked.id ?? null });
        } else if (item.type === "endMarkedContent") stack.pop();
        continue;
      }
      const artifact = stack.some((m) => m.tag === "Artifact");
      const owner = [...stack].reverse().find((m) => m.id !== null);
      // White space is kept inside content (it is what separates the words a
      // screen reader reads), and otherwise ignored: pdf.js adds spaces of its own.
      if (item.str.trim() === "" && (artifact || !owner)) continue;
      if (artifact) page.artifacts.push(item.str);
      else if (owner) page.marked.push({ str: item.str, id: owner.id!, tag: owner.tag });
      else page.unmarked.push(item.str);
    }
    pages.push(page);
  }
  const result = { markInfo, info: metadata.info as Record<string, unknown>, metadata: metadata.metadata, pages };
  await doc.destroy();
  return result;
}

/** A structure element as written, read with pdf-lib: its role, scope, child elements and the pages of its own content. */
export interface StructureNode {
  role: string;
  scope?: string;
  /** Elements below, in order. */
  kids: StructureNode[];
  /** Pages (0-based) of the element's own marked content. */
  pages: number[];
}

/** The structure tree as written, read with pdf-lib's object model. */
export async function structureTree(bytes: Uint8Array): Promise<{ root: StructureNode; pdf: PDFDocument }> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const pageRefs = pdf.getPages().map((p) => p.ref);
  const pageOf = (ref: unknown) => pageRefs.findIndex((r) => r === ref);
  const tree = pdf.catalog.lookup(PDFName.of("StructTreeRoot"), PDFDict);
  const walk = (dict: PDFDict, page: number): StructureNode => {
    const own = dict.get(PDFName.of("Pg"));
    const pg = own ? pageOf(own) : page;
    const attributes = dict.lookup(PDFName.of("A"));
    const scope = attributes instanceof PDFDict ? attributes.get(PDFName.of("Scope"))?.toString().slice(1) : undefined;
    const node: StructureNode = { role: dict.get(PDFName.of("S"))!.toString().slice(1), kids: [], pages: [], ...(scope ? { scope } : {}) };
    const k = dict.get(PDFName.of("K"));
    const kids = k instanceof PDFArray ? k.asArray() : k ? [k] : [];
    for (const kid of kids) {
      if (kid instanceof PDFNumber) node.pages.push(pg);
      else {
        const kidDict = kid instanceof PDFRef ? pdf.context.lookup(kid, PDFDict) : (kid as PDFDict);
        if (kidDict.get(PDFName.of("Type"))?.toString() === "/MCR") node.pages.push(pageOf(kidDict.get(PDFName.of("Pg"))));
        else node.kids.push(walk(kidDict, pg));
      }
    }
    return node;
  };
  return { root: walk(tree.lookup(PDFName.of("K"), PDFDict), -1), pdf };
}

export function all(node: StructureNode): StructureNode[] {
  return [node, ...node.kids.flatMap(all)];
}

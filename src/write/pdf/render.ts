// Renders one or more document models into one PDF: measure every block,
// paginate (pure), then — with the page count known, for "Sida X (Y)" —
// embed the font subsets and draw. Measuring and paginating a document
// (layOutPdf) is apart from drawing it (renderPdf), so a document laid out
// for its own PDF is drawn again, as it is, into the case PDF (the
// tjänsteutlåtande with its bilagor) without being measured twice.
import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";
import { pdfFontkit } from "./fontkit-for-pdf.js";
import { PDFArray, PDFDocument, PDFHexString, PDFName, type PDFFont, type PDFOperator, type PDFPage, type PDFRef } from "./pdf-lib.js";
import type { Block, DocumentMeta, DocumentModel } from "../../model/document.js";
import { face, type FaceKey } from "./fonts.js";
import { measureBlock, measureFurniture, newLayoutState, type DrawTarget, type LayoutState, type MeasuredBlock } from "./layout.js";
import { keepPlan } from "../keep.js";
import { writeOutline, type OutlineItem } from "./outline.js";
import { paginate, type Page } from "./paginate.js";
import { settings } from "./settings.js";
import { writeArchival } from "./archival.js";
import { PageTagger, structElem, writeStructure, type MarkedContents, type StructElem } from "./structure.js";

/**
 * A document measured and paginated: its blocks (which draw themselves),
 * its pages, its page furniture and the characters it draws in each face.
 * Drawing does not change it, so it may be drawn into any number of files.
 */
export interface LaidOutPdf {
  readonly model: DocumentModel;
  readonly blocks: readonly MeasuredBlock[];
  readonly pages: readonly Page[];
  readonly furniture: { readonly first: (t: DrawTarget) => void; readonly rest: (t: DrawTarget) => void };
  /** The first page's facts (sender, Dnr, date, addressee) as content: the document's first element, before its title. */
  readonly letterhead: StructElem | undefined;
  /** The characters of each face the document draws: what a file holding it must embed. */
  readonly usage: ReadonlyMap<FaceKey, ReadonlySet<number>>;
}

/** How a block is measured: measureBlock, or (in tests) a wrapper that counts the calls. */
export type Measure = (block: Block, state: LayoutState) => MeasuredBlock[];

const { page } = settings;
const bodyHeight = page.height - page.margin.top - page.margin.bottom;

/** The pure part: the document's measured blocks and their pages. */
export function layOutPdf(model: DocumentModel, measure: Measure = measureBlock): LaidOutPdf {
  const state = newLayoutState(keepPlan(model.blocks));
  const blocks = model.blocks.flatMap((block, i) => {
    state.block = i;
    return measure(block, state);
  });
  const first = measureFurniture(model.furniture.first, state, true);
  const furniture = { first: first.draw, rest: measureFurniture(model.furniture.rest, state).draw };
  return { model, blocks, pages: paginate(blocks, bodyHeight), furniture, letterhead: first.letterhead, usage: state.usage };
}

/**
 * The six-letter tag of a subset font name ("ABCDEF+Tinos-Regular"), which
 * marks the font as a subset (ISO 32000-1 §9.6.4). Derived from the subset's
 * characters, so the same text gives the same name and bytes.
 */
function subsetTag(key: FaceKey, codePoints: ReadonlySet<number>): string {
  const hash = createHash("sha256").update(key).update([...codePoints].sort((a, b) => a - b).join(",")).digest();
  return Array.from(hash.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join("");
}

/** The document information dictionary and, with the same values, the XMP metadata of PDF/A and PDF/UA. */
function setMetadata(pdf: PDFDocument, meta: DocumentMeta): void {
  // pdf-lib joins keywords with spaces, which would merge "lokala utvecklingsmedel" with its neighbours.
  const info = { keywords: meta.keywords.join(", "), producer: settings.producer, creator: meta.author };
  pdf.setTitle(meta.title, { showInWindowTitleBar: true });
  pdf.setAuthor(meta.author);
  pdf.setSubject(meta.subject);
  pdf.setKeywords([info.keywords]);
  pdf.setLanguage(meta.language);
  pdf.setCreator(info.creator);
  pdf.setProducer(info.producer);
  pdf.setCreationDate(meta.date);
  pdf.setModificationDate(meta.date);
  writeArchival(pdf, meta, info);
}

/** The trailer's file identifier, from the content rather than the clock or chance. */
function setFileId(pdf: PDFDocument, models: DocumentModel[]): void {
  const digest = createHash("sha256").update(JSON.stringify(models)).digest("hex").slice(0, 32);
  const id = PDFArray.withContext(pdf.context);
  id.push(PDFHexString.of(digest));
  id.push(PDFHexString.of(digest));
  pdf.context.trailerInfo.ID = id;
}

/**
 * The page's content stream, compressed with Node's zlib. pdf-lib would
 * compress it with pako (pure JavaScript) while saving, which took about a
 * third of the time of writing a short document.
 */
function setContents(pdf: PDFDocument, pdfPage: PDFPage, ops: PDFOperator[]): void {
  const content = ops.map((op) => op.toString()).join("\n");
  // Operators are ASCII: names, numbers and hex-encoded glyph strings.
  const stream = pdf.context.stream(deflateSync(Buffer.from(content, "latin1")), { Filter: "FlateDecode" });
  pdfPage.node.set(PDFName.of("Contents"), pdf.context.register(stream));
}

/** The characters of each face that the documents draw together. */
function usageOf(laidOut: readonly LaidOutPdf[]): ReadonlyMap<FaceKey, ReadonlySet<number>> {
  if (laidOut.length === 1) return laidOut[0]!.usage;
  const usage = new Map<FaceKey, Set<number>>();
  for (const doc of laidOut) {
    for (const [key, codePoints] of doc.usage) {
      const set = usage.get(key);
      if (set) for (const cp of codePoints) set.add(cp);
      else usage.set(key, new Set(codePoints));
    }
  }
  return usage;
}

/** Draws laid-out documents into one PDF, one after the other, each with its own page numbers; `meta` describes the file. */
export async function renderPdf(laidOut: readonly LaidOutPdf[], meta: DocumentMeta): Promise<Uint8Array> {
  const models = laidOut.map((doc) => doc.model);

  // pdf-lib would otherwise stamp the current time and its own producer.
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(pdfFontkit);
  setMetadata(pdf, meta);
  const fonts = new Map<FaceKey, { font: PDFFont; name: PDFName }>();
  for (const [i, [key, codePoints]] of [...usageOf(laidOut)].sort(([a], [b]) => a.localeCompare(b)).entries()) {
    const f = face(key);
    const font = await pdf.embedFont(f.bytes, { subset: true, customName: `${subsetTag(key, codePoints)}+${f.postscriptName}` });
    fonts.set(key, { font, name: PDFName.of(`F${i + 1}`) });
  }

  const outline: OutlineItem[] = [];
  // The structure: the document's blocks in order; in a case file one
  // section per document.
  const root = structElem("Document");
  const pageRefs: PDFRef[] = [];
  const owners: StructElem[][] = [];
  // This file's marked content by element; the elements are the laid-out documents' and may be drawn into other files too.
  const marked: MarkedContents = new Map();
  for (const doc of laidOut) {
    const count = doc.pages.length;
    let entry: OutlineItem | undefined;
    const section = laidOut.length > 1 ? structElem("Sect") : root;
    if (section !== root) root.kids.push(section);
    if (doc.letterhead) section.kids.push(doc.letterhead);
    for (const block of doc.blocks) if (block.struct) section.kids.push(block.struct);
    doc.pages.forEach((fragments, index) => {
      const pdfPage = pdf.addPage([page.width, page.height]);
      for (const { font, name } of fonts.values()) pdfPage.node.setFontDictionary(name, font.ref);
      const ops: PDFOperator[] = [];
      const tag = new PageTagger(ops, pageRefs.length, marked);
      const target: DrawTarget = { ops, fonts, fields: { page: index + 1, pages: count }, tag };
      pageRefs.push(pdfPage.ref);
      owners.push(tag.owners);
      (index === 0 ? doc.furniture.first : doc.furniture.rest)(target);
      if (index === 0) {
        entry = { title: doc.model.meta.title, page: pdfPage.ref, y: page.height, children: [] };
        outline.push(entry);
      }
      for (const fragment of fragments) {
        const block = doc.blocks[fragment.block]!;
        const top = page.margin.top + fragment.y;
        block.draw(target, fragment.from, fragment.to, top);
        if (fragment.from === 0 && block.outline?.level === 2 && entry) {
          entry.children.push({ title: block.outline.title, page: pdfPage.ref, y: page.height - top + block.spaceBefore, children: [] });
        }
      }
      setContents(pdf, pdfPage, target.ops);
    });
  }
  writeOutline(pdf, outline);
  writeStructure(pdf, root, pageRefs, owners, marked);
  setFileId(pdf, models);
  // objectsPerTick: pdf-lib otherwise yields to the event loop every 50 objects.
  return pdf.save({ useObjectStreams: true, objectsPerTick: Infinity });
}

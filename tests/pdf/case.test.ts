// The case PDF (the tjänsteutlåtande with its bilagor) is made of the pages
// laid out for the documents' own PDFs: a reader who pages through the case
// sees every page exactly as in the separate files, and the build measures
// each document once (render.ts: layOutPdf, then renderPdf for each file).
import { beforeAll, describe, expect, it } from "vitest";
import { CASE_PDF, caseDocuments, type RenderedRound } from "../../src/pipeline/index.js";
import type { Block } from "../../src/model/document.js";
import { measureBlock, type LayoutState } from "../../src/write/pdf/layout.js";
import { writeCasePdf } from "../../src/write/pdf/write-case-pdf.js";
import { layOutPdf, writePdf } from "../../src/write/pdf/write-pdf.js";
import { fileOf, renderFile } from "../helpers/build.js";
import { pdfPages, pdfTagging, structureTree, type StructureNode } from "../helpers/pdf.js";

const ROUNDS = ["rounds/2024.yaml", "rounds/2015.yaml", "rounds/2023.yaml"];
const rendered = new Map<string, RenderedRound>();
beforeAll(async () => {
  for (const file of ROUNDS) rendered.set(file, await renderFile(file));
});

/** The PDF files of the case's documents, in the case's order. */
function separateFiles(round: RenderedRound): { name: string; bytes: Uint8Array }[] {
  return caseDocuments(round.documents).map((d) => ({ name: `${d.name}.pdf`, bytes: fileOf(round, `${d.name}.pdf`) }));
}

/** What a page shows: each piece of text, where and in which face (the subset's tag left out: a case embeds more characters). */
async function pageTexts(bytes: Uint8Array) {
  return (await pdfPages(bytes)).map((p) =>
    p.items.map((i) => ({ str: i.str, x: i.x, baseline: i.baseline, width: i.width, size: i.size, face: i.font.replace(/^[A-Z]{6}\+/, "") })),
  );
}

/** The element tree with each element's pages moved by `offset`. */
const shifted = (node: StructureNode, offset: number): StructureNode => ({
  ...node,
  kids: node.kids.map((k) => shifted(k, offset)),
  pages: node.pages.map((p) => p + offset),
});

describe("the case PDF", () => {
  it.each(ROUNDS)("%s: its pages are the separate documents' pages, text for text at the same places, tagged the same", async (file) => {
    const round = rendered.get(file)!;
    const separate = separateFiles(round);
    expect(separate.length).toBeGreaterThanOrEqual(file.includes("2015") ? 1 : 3);
    const casePdf = fileOf(round, CASE_PDF);

    const expected = (await Promise.all(separate.map((f) => pageTexts(f.bytes)))).flat();
    const actual = await pageTexts(casePdf);
    expect(actual.length).toBe(expected.length);
    actual.forEach((page, i) => expect(page, `page ${i + 1}`).toEqual(expected[i]));

    // Each document is one section holding the elements of its own file, on
    // the same pages (a case of one document is that document's tree).
    const { root } = await structureTree(casePdf);
    const sections = separate.length > 1 ? root.kids : [root];
    expect(sections.map((s) => s.role)).toEqual(separate.length > 1 ? separate.map(() => "Sect") : ["Document"]);
    let offset = 0;
    for (const [i, f] of separate.entries()) {
      const own = (await structureTree(f.bytes)).root;
      expect(sections[i]!.kids, f.name).toEqual(own.kids.map((k) => shifted(k, offset)));
      offset += (await pdfPages(f.bytes)).length;
    }

    // And each page's marked content, as pdf.js reads it: the same text with the same tags and MCIDs.
    const marks = (t: Awaited<ReturnType<typeof pdfTagging>>) =>
      t.pages.map((p) => ({ marked: p.marked.map((m) => ({ str: m.str, tag: m.tag, mcid: m.id.replace(/^p\d+R_/, "") })), artifacts: p.artifacts, unmarked: p.unmarked }));
    const separateMarks = (await Promise.all(separate.map(async (f) => marks(await pdfTagging(f.bytes))))).flat();
    expect(marks(await pdfTagging(casePdf))).toEqual(separateMarks);
  });

  it("is drawn from the layouts of the documents' own PDFs: nothing is measured again, and neither file changes the other", async () => {
    const round = rendered.get("rounds/2024.yaml")!;
    const documents = caseDocuments(round.documents);
    let measured = 0;
    const counting = (block: Block, state: LayoutState) => {
      measured++;
      return measureBlock(block, state);
    };
    const laidOut = documents.map((d) => layOutPdf(d.model, counting));
    const blocks = documents.reduce((n, d) => n + d.model.blocks.length, 0);
    expect(measured).toBe(blocks);

    const before = await Promise.all(laidOut.map((doc) => writePdf(doc)));
    const casePdf = await writeCasePdf(laidOut);
    expect(measured, "blocks measured again for the case").toBe(blocks);
    // The build makes the same files the same way.
    expect(Buffer.from(casePdf).equals(Buffer.from(fileOf(round, CASE_PDF)))).toBe(true);
    documents.forEach((d, i) => expect(Buffer.from(before[i]!).equals(Buffer.from(fileOf(round, `${d.name}.pdf`))), d.name).toBe(true));

    // Drawing a layout into one file leaves nothing behind for the next: the
    // documents' own PDFs and the case again, byte for byte (structure
    // elements are shared between the files, their marked content is not).
    const after = await Promise.all(laidOut.map((doc) => writePdf(doc)));
    after.forEach((bytes, i) => expect(Buffer.from(bytes).equals(Buffer.from(before[i]!)), documents[i]!.name).toBe(true));
    expect(Buffer.from(await writeCasePdf(laidOut)).equals(Buffer.from(casePdf))).toBe(true);
    expect(measured).toBe(blocks);
  });
});

// Our preflight (npm run granska-pdf, src/granska-pdf/check-pdf.ts) over
// every PDF the build writes for every round, and over PDFs broken on
// purpose, one condition at a time, so that a check that could not fail
// would show here.
import { readdirSync } from "node:fs";
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from "@cantoo/pdf-lib";
import { deflateSync, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { checkPdf } from "../src/granska-pdf/check-pdf.js";
import { fileOf, renderFile } from "./helpers/build.js";

const rounds = readdirSync("rounds").filter((f) => f.endsWith(".yaml")).map((f) => `rounds/${f}`);

describe("every PDF of every round passes our PDF/UA and PDF/A-2u preflight", () => {
  for (const round of rounds) {
    it(round, async () => {
      const pdfs = (await renderFile(round)).files.filter((f) => f.name.endsWith(".pdf"));
      expect(pdfs.length).toBeGreaterThan(0);
      for (const file of pdfs) expect(await checkPdf(file.bytes), file.name).toEqual([]);
    });
  }
});

describe("the preflight finds what is broken", () => {
  const broken = async (change: (pdf: PDFDocument) => void) => {
    const pdf = await PDFDocument.load(fileOf(await renderFile("rounds/2024.yaml"), "protokollsutdrag.pdf"), { updateMetadata: false });
    change(pdf);
    return (await checkPdf(await pdf.save({ useObjectStreams: false }))).map((f) => f.rule);
  };
  const firstFont = (pdf: PDFDocument) => {
    const fonts = pdf.getPages()[0]!.node.Resources()!.lookup(PDFName.of("Font"), PDFDict);
    return pdf.context.lookup(fonts.values()[0]!, PDFDict);
  };
  /** The first page's content stream, decompressed, edited and put back. */
  const editContent = (pdf: PDFDocument, edit: (content: string) => string) => {
    const page = pdf.getPages()[0]!.node;
    const stream = pdf.context.lookup(page.get(PDFName.of("Contents"))) as PDFRawStream;
    const content = inflateSync(Buffer.from(stream.contents)).toString("latin1");
    page.set(PDFName.of("Contents"), pdf.context.register(pdf.context.stream(deflateSync(Buffer.from(edit(content), "latin1")), { Filter: "FlateDecode" })));
  };

  it("a document without a language, a title in the window or MarkInfo", async () => {
    expect(await broken((pdf) => pdf.catalog.delete(PDFName.of("Lang")))).toEqual(["Matterhorn 11-006"]);
    expect(await broken((pdf) => pdf.catalog.lookup(PDFName.of("ViewerPreferences"), PDFDict).set(PDFName.of("DisplayDocTitle"), PDFBool.False))).toEqual(["Matterhorn 07-001"]);
    expect(await broken((pdf) => pdf.catalog.delete(PDFName.of("MarkInfo")))).toEqual(["PDF/UA 7.1"]);
  });

  it("metadata without PDF/UA and PDF/A identification, and an info title that differs", async () => {
    expect(await broken((pdf) => pdf.catalog.delete(PDFName.of("Metadata")))).toEqual(expect.arrayContaining(["Matterhorn 06-001", "Matterhorn 06-002", "Matterhorn 06-003", "PDF/A-2 6.6.4"]));
    expect(await broken((pdf) => pdf.setTitle("En annan titel"))).toEqual(["PDF/A-2 6.6.3"]);
    expect(await broken((pdf) => pdf.catalog.delete(PDFName.of("OutputIntents")))).toEqual(["PDF/A-2 6.2.3"]);
  });

  it("text outside marked content, and marked content the parent tree does not lead back to", async () => {
    // The first marked sequence (the letterhead's first line) loses its BDC/EMC: its text is neither tagged nor artifact.
    expect(await broken((pdf) => editContent(pdf, (c) => c.replace(/\/P <<\/MCID 0>> BDC\n([\s\S]*?)\nEMC/, "$1")))).toEqual(
      expect.arrayContaining(["Matterhorn 01-005", "ISO 32000-1 14.7.4.4"]),
    );
    expect(await broken((pdf) => editContent(pdf, (c) => c.replace("<</MCID 0>>", "<</MCID 99>>")))).toContain("ISO 32000-1 14.7.4.4");
  });

  it("a font without ToUnicode or with a wrong width, and headings that do not start at H1", async () => {
    expect(await broken((pdf) => firstFont(pdf).delete(PDFName.of("ToUnicode")))).toEqual(["PDF/A-2 6.2.11.7.2"]);
    expect(
      await broken((pdf) => {
        const cid = firstFont(pdf).lookup(PDFName.of("DescendantFonts"), PDFArray).lookup(0, PDFDict);
        const w = cid.lookup(PDFName.of("W"), PDFArray);
        const widths = w.lookup(1, PDFArray);
        widths.set(0, PDFNumber.of((widths.lookup(0, PDFNumber).asNumber()) + 50));
      }),
    ).toEqual(["PDF/A-2 6.2.11.5"]);
    const headings = await broken((pdf) => {
      const tree = pdf.catalog.lookup(PDFName.of("StructTreeRoot"), PDFDict);
      const visit = (elem: PDFDict) => {
        if (elem.get(PDFName.of("S"))?.toString() === "/H1") elem.set(PDFName.of("S"), PDFName.of("H3"));
        const kids = elem.lookup(PDFName.of("K"));
        if (kids instanceof PDFArray) for (const k of kids.asArray()) {
          const d = pdf.context.lookup(k);
          if (d instanceof PDFDict && d.get(PDFName.of("S"))) visit(d);
        }
      };
      visit(tree.lookup(PDFName.of("K"), PDFDict));
    });
    expect(headings).toContain("Matterhorn 14-002");
  });
});

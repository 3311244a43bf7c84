// The PDF as assistive technology and an archive read it: a structure tree
// (PDF/UA-1) over every piece of text, headings that nest, tables with
// header cells, the page furniture and repeated table headers as artifacts;
// XMP metadata that repeats the information dictionary and declares PDF/A-2u
// and PDF/UA-1; an sRGB output intent. Read back with pdf.js (marked content,
// MarkInfo, language) and with pdf-lib (the structure dictionaries).
import { createHash } from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFStream, decodePDFRawStream } from "@cantoo/pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { CASE_PDF, renderRound, type RenderedRound } from "../../src/pipeline/index.js";
import type { DocumentModel } from "../../src/model/document.js";
import { writePdf } from "../../src/write/pdf/write-pdf.js";
import { renderFile } from "../helpers/build.js";
import { JSDOM } from "../helpers/jsdom.js";
import { all, pdfTagging, structureTree, type StructNode, type StructureNode as Node } from "../helpers/pdf.js";
import { loadRound, syntheticRound } from "../helpers/synthetic-round.js";

/** Heading levels in reading order: the first is H1, and none skips a level going down. */
function headingProblems(root: Node): string[] {
  const levels = all(root)
    .filter((n) => /^H[1-6]$/.test(n.role))
    .map((n) => Number(n.role.slice(1)));
  const problems: string[] = [];
  if (levels[0] !== 1) problems.push(`first heading H${levels[0]}`);
  levels.forEach((level, i) => {
    if (i > 0 && level > levels[i - 1]! + 1) problems.push(`H${levels[i - 1]} then H${level}`);
  });
  return problems;
}

/** Tables: a first row of TH cells scoped to their column, every row as wide. */
function tableProblems(root: Node): string[] {
  const problems: string[] = [];
  for (const table of all(root).filter((n) => n.role === "Table")) {
    const [head, ...rows] = table.kids;
    if (!head || head.role !== "TR") {
      problems.push("a table without a header row");
      continue;
    }
    if (!head.kids.every((c) => c.role === "TH" && c.scope === "Column")) problems.push("a header row with cells other than TH/Scope Column");
    if (rows.length === 0) problems.push("a table with no body rows");
    for (const row of rows) {
      if (row.role !== "TR" || row.kids.length !== head.kids.length) problems.push(`a ${row.role} of ${row.kids.length} cells under ${head.kids.length} headers`);
    }
  }
  return problems;
}

let round2024: RenderedRound;
let round2015: RenderedRound;
/** The 2021 anmälningsärende (round 2022): a paper whose first heading is a section, not a title. */
let round2022: RenderedRound;
beforeAll(async () => {
  [round2024, round2015, round2022] = await Promise.all([renderFile("rounds/2024.yaml"), renderFile("rounds/2015.yaml"), renderFile("rounds/2022.yaml")]);
});

const pdfsOf = (r: RenderedRound) => r.files.filter((f) => f.name.endsWith(".pdf"));

describe("tagged PDF (PDF/UA-1)", () => {
  it("every piece of text of every 2024, 2015 and 2022 PDF is in a structure element or an artifact; the file is marked and in Swedish", async () => {
    const files = [...pdfsOf(round2024), ...pdfsOf(round2015), ...pdfsOf(round2022)];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const tagging = await pdfTagging(file.bytes);
      expect(tagging.markInfo?.Marked, file.name).toBe(true);
      expect(tagging.info.Language, file.name).toBe("sv-SE");
      const unmarked = tagging.pages.flatMap((p, i) => p.unmarked.map((s) => `page ${i + 1}: ${s}`));
      expect(unmarked, file.name).toEqual([]);
      expect(tagging.pages.every((p) => p.marked.length > 0), `${file.name}: a page without content`).toBe(true);
      // pdf.js's own reading of the structure (getStructTree): every page has one, under Document, and the first page opens with H1.
      const roles = (node: StructNode | { type: "content"; id: string }): string[] => ("role" in node ? [node.role, ...node.children.flatMap(roles)] : []);
      for (const page of tagging.pages) expect(page.tree && roles(page.tree as StructNode).includes("Document"), file.name).toBe(true);
      expect(roles(tagging.pages[0]!.tree as StructNode), file.name).toContain("H1");
      // The page header (the sender, the Dnr, "Sida 1 (5)") is an artifact on every page.
      expect(tagging.pages.every((p) => p.artifacts.length > 0), file.name).toBe(true);
      if (file.name.startsWith("tjansteutlatande")) expect(tagging.pages.every((p) => p.artifacts.some((s) => /Sida/.test(s))), file.name).toBe(true);
    }
  });

  it("headings nest from H1 without skipped levels, and every table has TH cells scoped to their column", async () => {
    for (const file of [...pdfsOf(round2024), ...pdfsOf(round2015), ...pdfsOf(round2022)]) {
      const { root } = await structureTree(file.bytes);
      expect(root.role, file.name).toBe("Document");
      expect(headingProblems(root), file.name).toEqual([]);
      expect(tableProblems(root), file.name).toEqual([]);
    }
    const { root } = await structureTree(round2024.files.find((f) => f.name === "bilaga-1-ansokningar-lum.pdf")!.bytes);
    expect(all(root).filter((n) => n.role === "Table")).toHaveLength(1);
  });

  it("lists are L > LI > Lbl + LBody, and the signatures are one block of a paragraph per signatory", async () => {
    const { root } = await structureTree(round2024.files.find((f) => f.name === "tjansteutlatande.pdf")!.bytes);
    const items = all(root).filter((n) => n.role === "LI");
    expect(items.length).toBeGreaterThan(5);
    for (const item of items) expect(item.kids.map((k) => k.role)).toEqual(["Lbl", "LBody"]);
    // Two blocks: the letterhead (the first element) and the signatures.
    const divs = all(root).filter((n) => n.role === "Div");
    expect(divs).toHaveLength(2);
    expect(root.kids[0]).toBe(divs[0]);
    expect(divs[1]!.kids.map((k) => k.role)).toEqual(["P", "P"]);
  });

  it("the first page's letterhead is content, read before the title; page numbers and UTKAST are artifacts", async () => {
    const bytes = round2024.files.find((f) => f.name === "tjansteutlatande.pdf")!.bytes;
    const { root } = await structureTree(bytes);
    // The letterhead, then (in a draft) the UTKAST line, then the title.
    expect(root.kids.slice(0, 3).map((k) => k.role)).toEqual(["Div", "P", "H1"]);
    const letterhead = root.kids[0]!;
    expect(letterhead.kids.every((k) => k.role === "P" && k.pages.join() === "0")).toBe(true);
    const { pages } = await pdfTagging(bytes);
    const marked = pages[0]!.marked.map((m) => m.str).join("\n");
    for (const fact of ["Socialförvaltningen", "Handläggare", "Anna Andersson", "Telefon: 08-508 25 000", "Tjänsteutlåtande", "Dnr 3.2-0000/2023", "2023-12-12", "Till", "Socialnämnden"]) {
      expect(marked).toContain(fact);
    }
    // The facts come first in the content order of the page, before the title.
    expect(marked.indexOf("Socialnämnden")).toBeLessThan(marked.indexOf("Fördelning av lokala"));
    const artifacts = pages[0]!.artifacts.join("");
    expect(artifacts).toContain("UTKAST");
    expect(artifacts).toContain("Sida");
    expect(artifacts).not.toContain("Handläggare");
    expect(marked).not.toMatch(/Sida \d/);
    // Later pages' headers stay page furniture.
    expect(pages[1]!.artifacts.join("")).toContain("Dnr 3.2-0000/2023");
    expect(pages[1]!.marked.map((m) => m.str).join("")).not.toContain("Dnr 3.2-0000/2023");
  });

  it("the case PDF has one section per document, in order", async () => {
    const { root } = await structureTree(round2024.files.find((f) => f.name === CASE_PDF)!.bytes);
    const sections = root.kids;
    expect(sections.length).toBeGreaterThanOrEqual(3);
    expect(sections.every((s) => s.role === "Sect")).toBe(true);
    // Each document opens with its own H1.
    for (const section of sections) expect(all(section).find((n) => /^H\d$/.test(n.role))?.role).toBe("H1");
  });

  it("a paragraph and a table row split over two pages stay one element; a table's header row repeated on the next page is an artifact", async () => {
    const long = "Ett stycke som är långt nog att gå över en sida när det upprepas. ".repeat(220);
    const model: DocumentModel = {
      meta: { title: "Prov", author: "Socialförvaltningen", subject: "Prov", keywords: [], language: "sv-SE", date: new Date("2024-01-01T12:00:00Z") },
      furniture: { first: { left: [], right: [] }, rest: { left: [], right: [] } },
      blocks: [
        { type: "heading", level: 1, children: [{ type: "text", value: "Rubrik" }] },
        { type: "paragraph", children: [{ type: "text", value: long }] },
        {
          type: "table",
          columns: [
            { align: "left", weight: 2 },
            { align: "right", weight: 1 },
          ],
          header: [[[{ type: "text", value: "Förvaltning" }]], [[{ type: "text", value: "Belopp" }]]],
          rows: [
            ...Array.from({ length: 90 }, (_, i) => [[[{ type: "text" as const, value: `Rad ${i + 1}` }]], [[{ type: "text" as const, value: String(1000 * (i + 1)) }]]]),
            // A row taller than a page.
            [[[{ type: "text", value: long }]], [[{ type: "text", value: "5000" }]]],
          ],
          sum: null,
        },
      ],
    };
    const bytes = await writePdf(model);
    const { root } = await structureTree(bytes);
    const paragraphs = all(root).filter((n) => n.role === "P");
    expect(paragraphs).toHaveLength(1);
    expect(new Set(paragraphs[0]!.pages).size).toBeGreaterThanOrEqual(2);
    const table = all(root).find((n) => n.role === "Table")!;
    expect(table.kids).toHaveLength(92);
    const tallCell = table.kids[91]!.kids[0]!;
    expect(tallCell.role).toBe("TD");
    expect(new Set(tallCell.pages).size).toBeGreaterThanOrEqual(2);
    expect(all(table).filter((n) => n.role === "TH")).toHaveLength(2);
    const tablePages = new Set(all(table).flatMap((n) => n.pages));
    expect(tablePages.size).toBeGreaterThanOrEqual(2);

    const tagging = await pdfTagging(bytes);
    const laterTablePages = [...tablePages].sort((a, b) => a - b).slice(1);
    for (const page of laterTablePages) {
      // The repeated header is drawn, as an artifact, not as content.
      expect(tagging.pages[page]!.artifacts).toEqual(expect.arrayContaining(["Förvaltning", "Belopp"]));
      expect(tagging.pages[page]!.marked.map((m) => m.str)).not.toContain("Förvaltning");
    }
    expect(tagging.pages.flatMap((p) => p.unmarked)).toEqual([]);
  });

  it("a table with a header and no rows draws its header, as content of its TH cells", async () => {
    const model: DocumentModel = {
      meta: { title: "Prov", author: "Socialförvaltningen", subject: "Prov", keywords: [], language: "sv-SE", date: new Date("2024-01-01T12:00:00Z") },
      furniture: { first: { left: [], right: [] }, rest: { left: [], right: [] } },
      blocks: [
        { type: "heading", level: 1, children: [{ type: "text", value: "Rubrik" }] },
        { type: "table", columns: [{ align: "left", weight: 1 }], header: [[[{ type: "text", value: "Huvud" }]]], rows: [], sum: null },
      ],
    };
    const bytes = await writePdf(model);
    const tagging = await pdfTagging(bytes);
    expect(tagging.pages.flatMap((p) => p.marked.filter((m) => m.tag === "TH" && m.str.trim() !== "").map((m) => m.str))).toEqual(["Huvud"]);
    const { root } = await structureTree(bytes);
    expect(all(root).find((n) => n.role === "TH")!.pages).toEqual([0]);
  });

  it("a round built twice gives the same tagged bytes", async () => {
    const base = await loadRound();
    const round = syntheticRound(base.round, 40, 10);
    const [a, b] = await Promise.all([renderRound({ file: "x.yaml", round }), renderRound({ file: "x.yaml", round })]);
    for (const file of pdfsOf(a)) expect(Buffer.from(file.bytes).equals(Buffer.from(b.files.find((f) => f.name === file.name)!.bytes)), file.name).toBe(true);
  });
});

describe("PDF/A-2u and PDF/UA-1 declared", () => {
  /** The XMP packet, parsed as XML. */
  async function xmp(pdf: PDFDocument) {
    const stream = pdf.catalog.lookup(PDFName.of("Metadata"), PDFStream) as PDFRawStream;
    // PDF/A: the metadata stream is not compressed, so any tool can read it.
    expect(stream.dict.get(PDFName.of("Filter"))).toBeUndefined();
    const text = Buffer.from(decodePDFRawStream(stream).decode()).toString("utf8");
    const parsed = new (new JSDOM("").window.DOMParser)().parseFromString(text, "application/xml");
    expect(parsed.getElementsByTagName("parsererror")).toHaveLength(0);
    const ns = {
      dc: "http://purl.org/dc/elements/1.1/",
      pdf: "http://ns.adobe.com/pdf/1.3/",
      xmp: "http://ns.adobe.com/xap/1.0/",
      pdfaid: "http://www.aiim.org/pdfa/ns/id/",
      pdfuaid: "http://www.aiim.org/pdfua/ns/id/",
      pdfaSchema: "http://www.aiim.org/pdfa/ns/schema#",
    };
    const value = (prefix: keyof typeof ns, name: string) => parsed.getElementsByTagNameNS(ns[prefix], name)[0]?.textContent?.trim();
    return { value };
  }

  it("the XMP metadata repeats the information dictionary and declares PDF/A-2u and PDF/UA-1 with pdfuaid's extension schema", async () => {
    for (const file of [...pdfsOf(round2024), ...pdfsOf(round2015)]) {
      const pdf = await PDFDocument.load(file.bytes, { updateMetadata: false });
      const { value } = await xmp(pdf);
      expect(value("dc", "title"), file.name).toBe(pdf.getTitle());
      expect(value("dc", "creator"), file.name).toBe(pdf.getAuthor());
      expect(value("dc", "description"), file.name).toBe(pdf.getSubject());
      expect(value("pdf", "Keywords"), file.name).toBe(pdf.getKeywords());
      expect(value("pdf", "Producer"), file.name).toBe(pdf.getProducer());
      expect(value("xmp", "CreatorTool"), file.name).toBe(pdf.getCreator());
      expect(new Date(value("xmp", "CreateDate")!).getTime(), file.name).toBe(pdf.getCreationDate()!.getTime());
      expect(new Date(value("xmp", "ModifyDate")!).getTime(), file.name).toBe(pdf.getModificationDate()!.getTime());
      expect(value("pdfaid", "part")).toBe("2");
      expect(value("pdfaid", "conformance")).toBe("U");
      expect(value("pdfuaid", "part")).toBe("1");
      expect(value("pdfaSchema", "prefix")).toBe("pdfuaid");
      expect(value("pdfaSchema", "namespaceURI")).toBe("http://www.aiim.org/pdfua/ns/id/");
    }
  });

  it("has an sRGB output intent with an embedded ICC profile, shows its title in the window, and has a file identifier", async () => {
    const bytes = round2024.files.find((f) => f.name === "tjansteutlatande.pdf")!.bytes;
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    const intents = pdf.catalog.lookup(PDFName.of("OutputIntents"), PDFArray);
    expect(intents.size()).toBe(1);
    const intent = intents.lookup(0, PDFDict);
    expect(intent.get(PDFName.of("S"))?.toString()).toBe("/GTS_PDFA1");
    const profile = intent.lookup(PDFName.of("DestOutputProfile"), PDFStream) as PDFRawStream;
    expect(profile.dict.get(PDFName.of("N"))?.toString()).toBe("3");
    const icc = Buffer.from(decodePDFRawStream(profile).decode());
    expect(icc.subarray(36, 40).toString("latin1")).toBe("acsp");
    expect(icc.subarray(16, 20).toString("latin1")).toBe("RGB ");
    expect(icc.readUInt32BE(0)).toBe(icc.length);
    // The ICC's sRGB2014 profile, unaltered, as data/icc/README.md states (its licence forbids passing off an altered copy).
    expect(createHash("sha256").update(icc).digest("hex")).toBe("384b832de3412066743b52a75ee906b6fb9fb8d9e09e936fc2c43223815c6e0a");
    expect(icc.toString("latin1")).toContain("Copyright International Color Consortium, 2015");
    const preferences = pdf.catalog.lookup(PDFName.of("ViewerPreferences"), PDFDict);
    expect(preferences.get(PDFName.of("DisplayDocTitle"))?.toString()).toBe("true");
    expect(pdf.context.trailerInfo.ID).toBeDefined();
  });
});

// pdf.js trims the space at the end of a line (it marks the line's end
// instead), so what a screen reader gets from the structure is read back with
// poppler's pdfinfo, where it is installed (poppler-utils).
const pdfinfo = spawnSync("pdfinfo", ["-v"], { encoding: "utf8" });
describe.skipIf(pdfinfo.error !== undefined)("the text a screen reader reads (poppler's pdfinfo -struct-text)", () => {
  it("keeps a space where a line breaks, so no two words run together", () => {
    const squash = (t: string) => t.replace(/[\s\u00a0\u202f]+/g, " ").trim();
    const dir = mkdtempSync(join(tmpdir(), "lum-struct-"));
    const path = join(dir, "tjansteutlatande.pdf");
    writeFileSync(path, round2024.files.find((f) => f.name === "tjansteutlatande.pdf")!.bytes);
    const structure = execFileSync("pdfinfo", ["-struct-text", path], { encoding: "utf8" });
    rmSync(dir, { recursive: true, force: true });
    const texts = [...structure.matchAll(/"(.*)"$/gm)].map((m) => squash(m[1]!));
    // Every paragraph of the text edition long enough to wrap in the PDF is one element's text.
    const paragraphs = Buffer.from(round2024.files.find((f) => f.name === "tjansteutlatande.txt")!.bytes)
      .toString("utf8")
      .split("\n")
      .map(squash)
      .filter((line) => line.length > 100 && !line.startsWith("|") && !/^[=-]+$/.test(line));
    expect(paragraphs.length).toBeGreaterThan(5);
    for (const paragraph of paragraphs) expect(texts).toContain(paragraph.replace(/^(\d+\.|•|–) /, ""));
  });
});

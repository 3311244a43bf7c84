// The PDF as a file: same input, same bytes; metadata a viewer and an
// archive read; fonts embedded as subsets; bookmarks to every document and
// main section of the case.
import { PDFDict, PDFDocument, PDFName, PDFRef, PDFStream } from "@cantoo/pdf-lib";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CASE_PDF, renderRound, type RenderedRound } from "../../src/pipeline/index.js";
import { inlineText } from "../../src/model/document.js";
import { fileOf, renderFile } from "../helpers/build.js";
import { pdfInfo, pdfPages } from "../helpers/pdf.js";
import { loadRound } from "../helpers/synthetic-round.js";

const ROOT = join(import.meta.dirname, "..", "..");
const PDFS = ["tjansteutlatande.pdf", "bilaga-1-ansokningar-lum.pdf", "bilaga-2-ansokningar-mul.pdf", CASE_PDF];

let first: RenderedRound;
beforeAll(async () => {
  first = await renderFile("rounds/2024.yaml");
});

/** Every font dictionary of the file with its BaseFont and whether a font program is embedded. */
async function fonts(bytes: Uint8Array): Promise<{ name: string; embedded: boolean }[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const out: { name: string; embedded: boolean }[] = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of("Type")) !== PDFName.of("Font")) continue;
    const descendants = object.lookup(PDFName.of("DescendantFonts"));
    if (!descendants) continue;
    const cid = pdf.context.lookup((descendants as unknown as { get(i: number): PDFRef }).get(0)) as PDFDict;
    const descriptor = cid.lookup(PDFName.of("FontDescriptor")) as PDFDict;
    const program = descriptor.lookup(PDFName.of("FontFile2"));
    out.push({ name: String(object.get(PDFName.of("BaseFont"))).slice(1), embedded: program instanceof PDFStream });
  }
  return out;
}

describe("the PDF files", () => {
  it("are byte for byte the same when built twice from the same round", async () => {
    // The second build is the command, in a process of its own.
    const project = mkdtempSync(join(tmpdir(), "lum-twice-"));
    cpSync(join(ROOT, "rounds"), join(project, "rounds"), { recursive: true });
    const built = spawnSync(process.execPath, [join(ROOT, "scripts", "run.mjs"), "cli", "build", "rounds/2024.yaml"], { cwd: project, encoding: "utf8" });
    expect(built.status, built.stderr).toBe(0);
    for (const name of PDFS) expect(readFileSync(join(project, "out", "2024", name)).equals(Buffer.from(fileOf(first, name))), name).toBe(true);
  });

  it("take their dates from the round, not from the clock", async () => {
    const base = await loadRound();
    const moved = await renderRound({ file: "x.yaml", round: { ...base.round, datum: "2023-12-13" } }, { only: "tjansteutlatande.pdf" });
    const info = await pdfInfo(fileOf(moved, "tjansteutlatande.pdf"));
    expect(String(info.info.CreationDate)).toMatch(/^D:20231213/);
    expect(String(info.info.ModDate)).toMatch(/^D:20231213/);
    expect(info.info.Producer).toBe("lum-mul-arenden (pdf-lib)");
  });

  it("embed every font as a subset with a six-letter tag", async () => {
    for (const name of PDFS) {
      const list = await fonts(fileOf(first, name));
      expect(list.length, name).toBeGreaterThanOrEqual(3);
      for (const font of list) {
        expect(font.name, name).toMatch(/^[A-Z]{6}\+(Tinos|Arimo)-(Regular|Bold|Italic|BoldItalic)$/);
        expect(font.embedded, font.name).toBe(true);
      }
    }
  });

  it("are small: subsets, not whole fonts", () => {
    // The four whole TTFs are about 1.8 MB; the subsets of a document far less.
    for (const name of PDFS) expect(fileOf(first, name).length, name).toBeLessThan(150_000);
  });

  it("carry title, author, subject, keywords, language, dates and show the title in the viewer", async () => {
    const model = first.documents.find((d) => d.name === "tjansteutlatande")!.model;
    const bytes = fileOf(first, "tjansteutlatande.pdf");
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getTitle()).toBe(model.meta.title);
    expect(pdf.getAuthor()).toBe("Socialförvaltningen");
    expect(pdf.getSubject()).toBe(model.meta.subject);
    expect(pdf.getKeywords()).toBe(model.meta.keywords.join(", "));
    expect(pdf.getCreationDate()?.toISOString()).toBe("2023-12-12T12:00:00.000Z");
    expect(pdf.getModificationDate()?.toISOString()).toBe("2023-12-12T12:00:00.000Z");
    expect(pdf.catalog.lookup(PDFName.of("Lang"))?.toString()).toMatch(/sv-SE/);
    const preferences = pdf.catalog.lookup(PDFName.of("ViewerPreferences")) as PDFDict;
    expect(preferences.get(PDFName.of("DisplayDocTitle"))?.toString()).toBe("true");
    const trailerId = pdf.context.trailerInfo.ID?.toString() ?? "";
    expect(trailerId).toMatch(/^\[ <[0-9a-f]{32}> <[0-9a-f]{32}> \]$/);
  });

  it("the case file bookmarks each document and each of its main sections, at the right pages", async () => {
    const info = await pdfInfo(fileOf(first, CASE_PDF));
    const casePages = await pdfPages(fileOf(first, CASE_PDF));
    // The case is the tjänsteutlåtande and its bilagor, not the later documents of the cycle.
    const caseDocuments = first.documents.filter((d) => d.name === "tjansteutlatande" || d.bilaga !== undefined);
    expect(caseDocuments.map((d) => d.name)).toEqual(["tjansteutlatande", "bilaga-1-ansokningar-lum", "bilaga-2-ansokningar-mul"]);
    expect(info.outline.map((o) => o.title)).toEqual(caseDocuments.map((d) => d.model.meta.title));
    let startPage = 1;
    for (const [i, doc] of caseDocuments.entries()) {
      const entry = info.outline[i]!;
      expect(entry.page).toBe(startPage);
      const sections = doc.model.blocks.flatMap((b) => (b.type === "heading" && b.level === 2 ? [inlineText(b.children)] : []));
      expect(entry.children.map((c) => c.title)).toEqual(sections);
      const pages = (await pdfInfo(fileOf(first, `${doc.name}.pdf`))).numPages;
      for (const child of entry.children) {
        // The bookmark opens the page that shows the heading.
        expect(child.page).toBeLessThan(startPage + pages);
        const text = casePages[child.page - 1]!.items.map((item) => item.str).join(" ");
        expect(text, child.title).toContain(child.title);
      }
      startPage += pages;
    }
    expect(info.numPages).toBe(startPage - 1);
    expect(info.outline[0]!.children.map((c) => c.title)).toContain("Förvaltningens förslag till beslut");
  });
});

// Reading .docx and .pdf as text, for `git diff` on committee papers.
import { execFile } from "node:child_process";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { strToU8, zipSync } from "fflate";
import { PDFDocument, StandardFonts } from "@cantoo/pdf-lib";
import { describe, expect, it } from "vitest";
import { checkRounds, renderRound } from "../../src/pipeline/index.js";
import { docxText } from "../../src/diff/docx-text.js";
import { pdfText } from "../../src/diff/pdf-text.js";
import { parseRound } from "../../src/load/load-round.js";
import { fileOf, renderFile } from "../helpers/build.js";
import { plain, read2024, removeDir, replaceOnce, ROOT, ROUND_2024, tempDir, tempRepo } from "./helpers.js";

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
// textconv as git runs it (docs/granskning.md): node scripts/run.mjs textconv.
const node = process.execPath;
const run = join(ROOT, "scripts/run.mjs");

async function tinyPdf(pages: string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 56, y: 780 - 18 * i, size: 11, font }));
  }
  return doc.save();
}

describe("docx as text", () => {
  it("says what the .txt beside it says: the body of a bilaga line for line, table rows whole", async () => {
    const rendered = await renderFile(ROUND_2024);
    const fromWord = await docxText(fileOf(rendered, "bilaga-1-ansokningar-lum.docx"));
    const txt = decode(fileOf(rendered, "bilaga-1-ansokningar-lum.txt"));
    // The .txt starts with the page furniture as one block; the Word text with its headers.
    const body = (s: string) => s.slice(s.indexOf("Bilaga 1. Ansökningar LUM"));
    expect(body(fromWord)).toBe(body(txt));
    expect(fromWord).toContain("| 5 | Hur kan brukare och personal förstå varandra bättre? / Sökande: Kungsholmen | 500\u00a0000 | 250\u00a0000 |");
  });

  it("prints page headers with their page fields, and numbered lists with their numbers", async () => {
    const rendered = await renderFile(ROUND_2024);
    const text = await docxText(fileOf(rendered, "tjansteutlatande.docx"));
    // The first page's header keeps its page furniture; its facts (sender, Dnr, addressee) open the body.
    expect(text.startsWith("[Sidhuvud, första sidan]\n|  | UTKAST / Sida [sida] ([sidor]) |")).toBe(true);
    expect(text).toContain("\n\nSocialförvaltningen\n\nAvdelningen för stadsövergripande sociala frågor\n\nHandläggare\n");
    expect(text).toContain("[Sidhuvud, övriga sidor]\n| Socialförvaltningen / Avdelningen för stadsövergripande sociala frågor | UTKAST / Tjänsteutlåtande / Dnr 3.2-0000/2023 / Sida [sida] ([sidor]) |");
    expect(text).toContain("\n1. Socialnämnden godkänner förvaltningens förslag");
    expect(text).toContain("\n2. Ärendet överlämnas till stadsdelsnämnderna för kännedom.");
  });

  it("reads a .docx written by Word, not only our own: entities, tabs, tracked changes, text boxes, lettered lists", async () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';
    const p = (inner: string, pPr = "") => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}${inner}</w:p>`;
    const r = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
    const item = p(r("Punkt"), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr>');
    const files: Record<string, Uint8Array> = {};
    files["word/document.xml"] = strToU8(
      `<?xml version="1.0"?><w:document ${W}><w:body>` +
        p(r("Ansökan") + "<w:r><w:tab/></w:r>" + r("LUM &amp; MUL &#8211; 500&#160;000"), '<w:pStyle w:val="Heading2"/>') +
        p(r("Beviljas ") + '<w:del w:id="1"><w:r><w:delText>inte </w:delText></w:r></w:del>' + r("medel.")) +
        p(`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>${p(r("Ruta"))}</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>${p(r("Ruta"))}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>`) +
        item + item +
        "</w:body></w:document>",
    );
    files["word/numbering.xml"] = strToU8(
      `<?xml version="1.0"?><w:numbering ${W}><w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num></w:numbering>`,
    );
    const text = await docxText(zipSync(files));
    expect(text).toBe(`Ansökan\tLUM & MUL – 500\u00a0000\n${"-".repeat(27)}\n\nBeviljas medel.\n\nRuta\n\na) Punkt\nb) Punkt\n`);
  });
});

describe("pdf as text", () => {
  it("prints each page's lines under a page marker", async () => {
    const pdf = await tinyPdf([["Beviljade medel", "LUM 3 000 000 kronor"], ["Återbetalning senast 2 juni 2024"]]);
    expect(await pdfText(pdf)).toBe("[Sida 1]\nBeviljade medel\nLUM 3 000 000 kronor\n\n[Sida 2]\nÅterbetalning senast 2 juni 2024\n");
  });
});

describe("src/textconv.ts", () => {
  it("reads the kind of file from its bytes, as git hands it a temporary file without the name", async () => {
    const dir = tempDir("textconv");
    try {
      writeFileSync(join(dir, "utan-namn"), await tinyPdf([["Hej"]]));
      const { stdout } = await promisify(execFile)(node, [run, "textconv", join(dir, "utan-namn")]);
      expect(stdout).toBe("[Sida 1]\nHej\n");
      const missing = await promisify(execFile)(node, [run, "textconv", join(dir, "finns-inte.docx")]).catch((e: { code: number; stderr: string }) => e);
      expect(missing).toMatchObject({ code: 2 });
      expect((missing as { stderr: string }).stderr).toContain("finns inte");
    } finally {
      removeDir(dir);
    }
  });

  // The PDF driver runs the same command; the test above covers PDFs through it.
  it("makes git diff show the changed lines of a committed .docx, with the project's .gitattributes", async () => {
    const repo = tempRepo();
    try {
      copyFileSync(join(ROOT, ".gitattributes"), join(repo.dir, ".gitattributes"));
      // The command the README gives, with absolute paths since the repository is elsewhere.
      for (const driver of ["lum-docx", "lum-pdf"]) repo.git("config", `diff.${driver}.textconv`, `'${node}' '${run}' textconv`);
      const before = await renderFile(ROUND_2024);
      repo.write("bilaga-1.docx", fileOf(before, "bilaga-1-ansokningar-lum.docx"));
      repo.git("add", ".");
      repo.git("commit", "-q", "-m", "före");

      const edited = parseRound({
        path: "2024.yaml",
        text: replaceOnce(read2024(), "      belopp: 250 000\n      motivering: bedöms kunna genomföras med en reducerad summa av ansökta medel.\n\n  - nr: 6", "      belopp: 300 000\n      motivering: bedöms kunna genomföras med en reducerad summa av ansökta medel.\n\n  - nr: 6"),
      });
      if (!edited.ok) throw new Error("edited round did not parse");
      const after = await renderRound({ file: "2024.yaml", round: edited.round, placeholders: edited.placeholders.length }, { only: "bilaga-1-ansokningar-lum.docx" });
      repo.write("bilaga-1.docx", fileOf(after, "bilaga-1-ansokningar-lum.docx"));

      const diff = repo.git("diff", "--no-color", "-U0");
      const changed = diff.split("\n").filter((l) => /^[-+](?![-+]{2} )/.test(l));
      expect(diff).not.toContain("Binary files");
      // Exactly what changed in the paper: the proposal sentence, the row, the sum.
      expect(changed.map(plain)).toEqual([
        "-Fjorton ansökningar om lokala utvecklingsmedel för 2024 har kommit in, med sökta medel om totalt 6 460 000 kronor. Förvaltningen föreslår att åtta ansökningar beviljas medel om totalt 3 000 000 kronor. Det högsta beloppet att söka per projekt och år är 500 000 kronor.",
        "+Fjorton ansökningar om lokala utvecklingsmedel för 2024 har kommit in, med sökta medel om totalt 6 460 000 kronor. Förvaltningen föreslår att åtta ansökningar beviljas medel om totalt 3 050 000 kronor. Det högsta beloppet att söka per projekt och år är 500 000 kronor.",
        "-| 5 | Hur kan brukare och personal förstå varandra bättre? / Sökande: Kungsholmen | 500 000 | 250 000 | Delvis bifall / Bedöms kunna genomföras med en reducerad summa av ansökta medel. |",
        "+| 5 | Hur kan brukare och personal förstå varandra bättre? / Sökande: Kungsholmen | 500 000 | 300 000 | Delvis bifall / Bedöms kunna genomföras med en reducerad summa av ansökta medel. |",
        "-|  | Summa | 6 460 000 | 3 000 000 |  |",
        "+|  | Summa | 6 460 000 | 3 050 000 |  |",
      ]);
    } finally {
      removeDir(repo.dir);
    }
    // git starts the text conversion twice (both sides), each a fresh process.
  });
});

describe("the text written beside each document", () => {
  it("is deterministic: two builds of the same round give the same bytes", async () => {
    const { rounds } = await checkRounds([ROUND_2024]);
    const first = await renderRound(rounds[0]!);
    const second = await renderRound(rounds[0]!);
    const txt = first.files.filter((f) => f.name.endsWith(".txt"));
    expect(txt.map((f) => f.name)).toEqual(first.files.filter((f) => f.name.endsWith(".docx")).map((f) => f.name.replace(/\.docx$/, ".txt")));
    for (const f of txt) expect(decode(second.files.find((g) => g.name === f.name)!.bytes)).toBe(decode(f.bytes));
  });
});


// What a Word user sees of the document's structure: styles, lists, tables
// whose header repeats, A4, Swedish, properties, live page fields, and the
// same bytes from the same round.
import { describe, expect, it } from "vitest";
import { docxParagraphs, docxPart, fileOf, renderFile, renderFresh } from "./helpers/build.js";
import { docxHeader } from "./helpers/pdf.js";

const docx = async (name = "tjansteutlatande.docx") => fileOf(await renderFile("rounds/2024.yaml"), name);

describe("Word tjänsteutlåtande 2024", () => {
  it("is A4 with the page furniture as live page fields", async () => {
    const bytes = await docx();
    const document = await docxPart(bytes, "word/document.xml");
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(document).toContain("<w:titlePg/>");
    const first = await docxPart(bytes, await docxHeader(bytes, "first"));
    const rest = await docxPart(bytes, await docxHeader(bytes, "default"));
    for (const header of [first, rest]) {
      expect(header).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      expect(header).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    }
    expect(rest).toContain(">Dnr 3.2-0000/2023<");
    // The first page's facts are the body's first paragraphs (frames where the header had them), before the title;
    // its header keeps only the page number and the UTKAST mark.
    const facts = ["Socialförvaltningen", "Avdelningen för stadsövergripande sociala frågor", "Handläggare", "Anna Andersson", "Telefon: 08-508 25 000", "Tjänsteutlåtande", "Dnr 3.2-0000/2023", "2023-12-12", "Till", "Socialnämnden"];
    const body = await docxParagraphs(bytes);
    expect(body.slice(0, facts.length)).toEqual(facts);
    const framed = document.match(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:framePr [\s\S]*?<\/w:p>/g) ?? [];
    expect(framed).toHaveLength(facts.length);
    for (const p of framed) expect(p).toMatch(/w:vAnchor="page"/);
    for (const text of facts) expect(first).not.toContain(`>${text}<`);
    expect(first).toContain(">UTKAST<");
  });

  it("gives each heading style its outline level, and every line spacing its rule", async () => {
    // Without w:outlineLvl, LibreOffice's PDF export and screen readers take the headings for
    // plain paragraphs; without w:lineRule, a line height may be read as exact and cramp a two-line title.
    const styles = await docxPart(await docx(), "word/styles.xml");
    for (const level of [1, 2, 3]) {
      const style = new RegExp(`<w:style [^>]*w:styleId="Heading${level}"[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? "";
      expect(style, `Heading${level}`).toContain(`<w:outlineLvl w:val="${level - 1}"/>`);
    }
    const spacings = styles.match(/<w:spacing [^>]*w:line="[^"]*"[^>]*\/>/g) ?? [];
    expect(spacings.length).toBeGreaterThan(3);
    for (const spacing of spacings) expect(spacing).toContain('w:lineRule="auto"');
  });

  it("uses Word's heading, list and table styles", async () => {
    const bytes = await docx();
    const document = await docxPart(bytes, "word/document.xml");
    const styles = await docxPart(bytes, "word/styles.xml");
    expect(document).toMatch(/<w:pStyle w:val="Heading1"\/>.*?Fördelning av lokala utvecklingsmedel/);
    expect((document.match(/<w:pStyle w:val="Heading2"\/>/g) ?? []).length).toBe(11);
    expect(document).toContain('<w:pStyle w:val="ListParagraph"/><w:numPr>');
    expect(document).toContain('<w:tblStyle w:val="Tabellrutnat"/>');
    for (const id of ["Heading1", "Heading2", "Heading3", "ListParagraph", "Tabellrutnat", "Normal"]) {
      expect(styles).toContain(`w:styleId="${id}"`);
    }
    expect(styles).toContain('<w:lang w:val="sv-SE"');
  });

  it("repeats each table's header row and bolds the sum row", async () => {
    const document = await docxPart(await docx(), "word/document.xml");
    const tables = document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
    const fundTables = tables.filter((t) => t.includes("Summa (kronor)"));
    expect(fundTables).toHaveLength(2);
    for (const table of fundTables) {
      const rows = table.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
      expect(rows[0]).toContain("<w:tblHeader/>");
      expect(rows.slice(1).some((r) => r.includes("<w:tblHeader/>"))).toBe(false);
      const sum = rows[rows.length - 1]!;
      expect(sum).toContain(">Summa<");
      expect(sum).toContain("<w:b/>");
    }
  });

  it("carries title, author and the round's date in its properties", async () => {
    const core = await docxPart(await docx(), "docProps/core.xml");
    expect(core).toContain("<dc:title>Fördelning av lokala utvecklingsmedel och medel för utveckling och lärande genom studiebesök/resor 2024</dc:title>");
    expect(core).toContain("<dc:creator>Socialförvaltningen</dc:creator>");
    expect(core).toMatch(/<dcterms:created[^>]*>2023-12-12T12:00:00Z<\/dcterms:created>/);
    expect(core).toMatch(/<dcterms:modified[^>]*>2023-12-12T12:00:00Z<\/dcterms:modified>/);
  });

  it("keeps amounts on one line with non-breaking spaces", async () => {
    const document = await docxPart(await docx(), "word/document.xml");
    expect(document).toContain("3\u00a0198\u00a0400\u00a0kronor");
    // The letterhead's phone number (in frames at the top of the body) is not an amount.
    expect(document.replace(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:framePr [\s\S]*?<\/w:p>/g, "")).not.toMatch(/\d \d{3}/);
  });
});

describe("same input, same bytes", () => {
  it("gives byte-identical files when a round is built twice", async () => {
    const first = await renderFresh("rounds/2023.yaml");
    await new Promise((r) => setTimeout(r, 1100)); // cross a second boundary of the clock
    const second = await renderFresh("rounds/2023.yaml");
    expect(second.files.map((f) => f.name)).toEqual(first.files.map((f) => f.name));
    first.files.forEach((f, i) => expect(Buffer.from(second.files[i]!.bytes).equals(Buffer.from(f.bytes)), f.name).toBe(true));
  });
});

// The HTML edition printed from a browser: headless Chromium prints the
// pages to PDF and pdf.js reads them back. Every printed page carries the Dnr
// and "Sida X (Y)" (page-margin boxes), a table never starts with fewer than
// two rows at a page foot nor leaves fewer than two for the next page, and
// its header row repeats on every page it continues to. Runs where Chromium
// is installed (/usr/bin/chromium, Debian's package); says so and skips
// where it is not.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { composeRound } from "../src/compose/compose.js";
import { deriveFigures } from "../src/derive/figures.js";
import { inlineText, type BlockOf, type DocumentModel } from "../src/model/document.js";
import { writeHtml } from "../src/write/html/write-html.js";
import { chromiumFlags } from "./helpers/browser.js";
import { styleSheet } from "../src/write/style-sheet.js";
import { HANG_BOUND_MS } from "./helpers/bounds.js";
import { fileOf, renderFile } from "./helpers/build.js";
import { lines, pdfPages, type PdfPage } from "./helpers/pdf.js";
import { loadRound, syntheticRound } from "./helpers/synthetic-round.js";

const CHROMIUM = "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.log(`print: Chromium is not installed here (${CHROMIUM}); the printed HTML pages are not checked (apt-get install chromium).`);

describe.skipIf(!haveChromium)("the HTML edition printed by headless Chromium", () => {
  const dir = mkdtempSync(join(tmpdir(), "lum-print-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let count = 0;
  /** Each page is printed once for all the tests (printing takes Chromium seconds). */
  const printed = new Map<string, Promise<PdfPage[]>>();
  const print = (html: Uint8Array): Promise<PdfPage[]> => {
    const key = Buffer.from(html).toString("base64");
    let pages = printed.get(key);
    if (!pages) printed.set(key, (pages = printOnce(html)));
    return pages;
  };

  /** Prints an HTML page to PDF with a fresh profile; a Chromium that hangs is killed after HANG_BOUND_MS. */
  async function printOnce(html: Uint8Array): Promise<PdfPage[]> {
    const n = count++;
    const page = join(dir, `sida-${n}.html`);
    const pdf = join(dir, `sida-${n}.pdf`);
    writeFileSync(page, html);
    execFileSync(
      CHROMIUM,
      [
        ...chromiumFlags(join(dir, `profil-${n}`)),
        "--no-pdf-header-footer",
        `--print-to-pdf=${pdf}`,
        `file://${page}`,
      ],
      { stdio: "ignore", timeout: HANG_BOUND_MS },
    );
    return pdfPages(new Uint8Array(readFileSync(pdf)));
  }

  /** The Dnr the document's page header shows. */
  const dnrOf = (model: DocumentModel) =>
    [...model.furniture.rest.right, ...model.furniture.rest.left].map((l) => inlineText(l)).find((t) => t.startsWith("Dnr "))!;

  const pageText = (page: PdfPage) => lines(page.items).map((l) => l.text).join("\n").replace(/\u00a0/g, " ");

  function expectFurniture(pages: PdfPage[], dnr: string) {
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      const text = pageText(page);
      expect(text, `page ${i + 1}`).toContain(dnr);
      expect(text, `page ${i + 1}`).toMatch(new RegExp(`Sida\\s*${i + 1}\\s*\\(${pages.length}\\)`));
    });
  }

  /**
   * The tables of the model with a right-aligned (amount) column, grouped by
   * that column's header text: on every page, under each printed header row,
   * the rows counted by their amounts (one line each, aligned under the
   * header's right edge, down to the next header). A row printed on a page
   * without a header is not counted, so "every row counted once" also says
   * the header repeats.
   */
  function tableRuns(pages: PdfPage[], model: DocumentModel) {
    const runs = new Map<string, { rows: number; fewest: number; under: number[] }>();
    for (const table of model.blocks.filter((b): b is BlockOf<"table"> => b.type === "table")) {
      const column = table.columns.findIndex((c) => c.align === "right");
      if (column < 0) continue;
      const header = inlineText(table.header[column]!.flat());
      const rows = table.rows.length + (table.sum ? 1 : 0);
      const run = runs.get(header) ?? { rows: 0, fewest: Infinity, under: [] };
      runs.set(header, { ...run, rows: run.rows + rows, fewest: Math.min(run.fewest, rows) });
    }
    for (const page of pages) {
      const pageLines = lines(page.items);
      for (const [header, run] of runs) {
        // The header cell as printed: on one line, or wrapped ("Sökt" over "(kronor)"), right-aligned, so its last line counts.
        const headers = pageLines.filter(
          (l) =>
            l.text === header ||
            pageLines.some((above) => above.baseline < l.baseline && l.baseline - above.baseline < 2 * l.size && Math.abs(above.right - l.right) < 1.5 && `${above.text} ${l.text}` === header),
        );
        for (const [k, h] of headers.entries()) {
          const next = headers[k + 1]?.baseline ?? Infinity;
          const rows = pageLines.filter((l) => l.baseline > h.baseline && l.baseline < next && Math.abs(l.right - h.right) < 1.5 && /^[\d\s\u00a0]+$/.test(l.text));
          run.under.push(rows.length);
        }
      }
    }
    return runs;
  }

  it("2024: every printed page of the tjänsteutlåtande and of a long bilaga carries the Dnr and Sida X (Y)", async () => {
    const rendered = await renderFile("rounds/2024.yaml");
    for (const name of ["tjansteutlatande", "bilaga-1-ansokningar-lum"]) {
      const document = rendered.documents.find((d) => d.name === name)!;
      expectFurniture(await print(fileOf(rendered, `${name}.html`)), dnrOf(document.model));
    }
  });

  it("2015: the tjänsteutlåtande's printed pages carry the Dnr and Sida X (Y)", async () => {
    const rendered = await renderFile("rounds/2015.yaml");
    const document = rendered.documents.find((d) => d.name === "tjansteutlatande")!;
    expectFurniture(await print(fileOf(rendered, "tjansteutlatande.html")), dnrOf(document.model));
  });

  it("tables start with their header and at least two rows, carry at least two over, and repeat the header", async () => {
    const rendered = await renderFile("rounds/2024.yaml");
    const base = await loadRound("rounds/2024.yaml");
    // A round of 60 applications makes a bilaga whose table runs over several pages.
    const big = syntheticRound(base.round, 42, 18);
    const long = composeRound(big, deriveFigures(big, base.previous)).documents.find((d) => d.name === "bilaga-1-ansokningar-lum")!;
    const cases = [
      { name: "2024 tjänsteutlåtande", model: rendered.documents.find((d) => d.name === "tjansteutlatande")!.model, html: fileOf(rendered, "tjansteutlatande.html") },
      { name: "60 ansökningar, bilaga 1", model: long.model, html: writeHtml(long.model) },
    ];
    let spanning = 0;
    for (const c of cases) {
      const pages = await print(c.html);
      const runs = tableRuns(pages, c.model);
      expect(runs.size, `${c.name}: tables with amounts`).toBeGreaterThan(0);
      for (const [header, run] of runs) {
        for (const [k, rows] of run.under.entries()) {
          expect(rows, `${c.name}: rows under printed header ${k + 1} "${header}"`).toBeGreaterThanOrEqual(Math.min(styleSheet.keep.tableRows, run.fewest));
        }
        expect(run.under.reduce((a, b) => a + b, 0), `${c.name}: rows counted under a header`).toBe(run.rows);
        if (run.under.length > runs.size) spanning++;
      }
    }
    // The long table did run over pages, so the repeated header was seen.
    expect(spanning).toBeGreaterThan(0);
  });
});

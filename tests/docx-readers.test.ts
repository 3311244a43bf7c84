// Every .docx of every round read by readers that are not Word: mammoth
// (npm) and pandoc (Debian, where installed). A table's header row is the
// only row they may read as header; a data row read as header makes a
// converted copy, and a screen reader fed by it, announce every cell as a
// column header (mammoth and pandoc test for w:tblHeader, not its value).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mammoth from "mammoth";
import { afterAll, describe, expect, it } from "vitest";
import { HANG_BOUND_MS } from "./helpers/bounds.js";
import { renderFile } from "./helpers/build.js";

const rounds = readdirSync("rounds").filter((f) => f.endsWith(".yaml")).map((f) => `rounds/${f}`);

/** Each document's .docx, with the number of tables its model has (the signature block is none: it is no table). */
async function docxFiles(round: string) {
  const rendered = await renderFile(round);
  return rendered.documents.map((d) => ({
    name: `${d.name}.docx`,
    bytes: rendered.files.find((f) => f.name === `${d.name}.docx`)!.bytes,
    tables: d.model.blocks.filter((b) => b.type === "table").length,
  }));
}

/** The rows of each table of an HTML text, each row as the list of its cells' tag names. */
function tableRows(html: string): string[][][] {
  return (html.match(/<table>[\s\S]*?<\/table>/g) ?? []).map((table) =>
    (table.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).map((row) => [...row.matchAll(/<(th|td)[ >]/g)].map((m) => m[1]!)),
  );
}

describe("Word tables as mammoth reads them", () => {
  for (const round of rounds) {
    it(`${round}: header cells only in each table's header row`, async () => {
      for (const file of await docxFiles(round)) {
        const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(file.bytes) });
        const tables = tableRows(value);
        // Only the model's tables are tables: the signature block and the letterhead are not.
        expect(tables.length, `${file.name}: tables`).toBe(file.tables);
        for (const rows of tables) {
          expect(rows.length, `${file.name}: a table with no data row`).toBeGreaterThan(1);
          expect(rows[0]!.every((c) => c === "th"), `${file.name}: header row`).toBe(true);
          for (const [i, row] of rows.slice(1).entries()) {
            expect(row.includes("th"), `${file.name}: data row ${i + 1} read as header`).toBe(false);
          }
        }
      }
    });
  }
});

const pandoc = ["/usr/bin/pandoc", "/usr/local/bin/pandoc"].find((p) => existsSync(p));
if (!pandoc) console.log("docx-readers: pandoc is not installed here; the pandoc half of the test is skipped (apt-get install pandoc).");

describe.skipIf(!pandoc)("Word tables as pandoc reads them", () => {
  const dir = mkdtempSync(join(tmpdir(), "lum-pandoc-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  interface PandocBlock {
    t: string;
    c?: unknown;
  }
  /** Every Table block of a pandoc JSON document, however deeply nested. */
  const tablesOf = (node: unknown, out: PandocBlock[] = []): PandocBlock[] => {
    if (Array.isArray(node)) for (const n of node) tablesOf(n, out);
    else if (node && typeof node === "object") {
      const block = node as PandocBlock;
      if (block.t === "Table") out.push(block);
      for (const v of Object.values(node)) tablesOf(v, out);
    }
    return out;
  };

  for (const round of rounds) {
    it(`${round}: one head row per table, every other row in the body`, async () => {
      for (const file of await docxFiles(round)) {
        const path = join(dir, "dokument.docx");
        writeFileSync(path, file.bytes);
        // Generous bound: a reader that hangs fails the test rather than holding CI.
        const json = JSON.parse(execFileSync(pandoc!, ["-f", "docx", "-t", "json", path], { encoding: "utf8", timeout: HANG_BOUND_MS }));
        const tables = tablesOf(json.blocks);
        expect(tables.length, `${file.name}: tables`).toBe(file.tables);
        for (const table of tables) {
          // Table attr caption colspecs head bodies foot; head = [attr, rows], a body = [attr, rowHeadColumns, headRows, rows].
          const [, , , head, bodies] = table.c as [unknown, unknown, unknown, [unknown, unknown[]], [unknown, unknown, unknown[], unknown[]][]];
          expect(head[1].length, `${file.name}: rows in the table head`).toBe(1);
          const bodyRows = bodies.reduce((n, b) => n + b[3].length, 0);
          const bodyHeadRows = bodies.reduce((n, b) => n + b[2].length, 0);
          expect(bodyHeadRows, `${file.name}: header rows inside the body`).toBe(0);
          expect(bodyRows, `${file.name}: data rows`).toBeGreaterThan(0);
        }
      }
    });
  }
});

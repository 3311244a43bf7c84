// Prints the text of a .docx or .pdf, for git's textconv:
//   git config diff.lum-docx.textconv "node scripts/run.mjs textconv"
// The kind is read from the file's first bytes, not its name, since git
// hands textconv a temporary file. Anything else is printed as it is.
import { runIfEntry } from "./program.js";
import { readFile } from "node:fs/promises";
import { docxText } from "./diff/docx-text.js";
import { pdfText } from "./diff/pdf-text.js";
import { visible } from "./terminal.js";

/** The text of a .docx or .pdf, or of any other file as UTF-8; control characters shown escaped (see terminal.ts). */
export async function textOf(bytes: Uint8Array): Promise<string> {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 5));
  if (head.startsWith("PK")) return visible(await docxText(bytes));
  if (head === "%PDF-") return visible(await pdfText(bytes));
  return visible(new TextDecoder("utf-8").decode(bytes).replace(/\r\n/g, "\n"));
}

export async function run(paths: string[]): Promise<number> {
  if (paths.length === 0) {
    process.stderr.write("Användning: npm run --silent textconv -- FIL.docx|FIL.pdf\n");
    return 2;
  }
  for (const path of paths) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch {
      process.stderr.write(`fel: Filen ${visible(path)} finns inte eller kan inte läsas.\n`);
      return 2;
    }
    try {
      const text = await textOf(bytes);
      process.stdout.write(text);
    } catch (error) {
      process.stderr.write(`fel: Kan inte läsa texten i ${path}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  }
  return 0;
}

runIfEntry(import.meta.url, run);

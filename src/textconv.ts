// Prints the text of a .docx or .pdf, for git's textconv:
//   git config diff.lum-docx.textconv "npx --no-install tsx src/textconv.ts"
// The kind is read from the file's first bytes, not its name, since git
// hands textconv a temporary file. Anything else is printed as it is.
import { pathToFileURL } from "node:url";
import { readFile } from "node:fs/promises";
import { docxText } from "./diff/docx-text.js";
import { pdfText } from "./diff/pdf-text.js";

export async function textOf(bytes: Uint8Array): Promise<string | Uint8Array> {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 5));
  if (head.startsWith("PK")) return docxText(bytes);
  if (head === "%PDF-") return pdfText(bytes);
  return bytes;
}

export async function run(paths: string[]): Promise<number> {
  if (paths.length === 0) {
    process.stderr.write("Användning: npx tsx src/textconv.ts FIL.docx|FIL.pdf\n");
    return 2;
  }
  for (const path of paths) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch {
      process.stderr.write(`fel: Filen ${path} finns inte eller kan inte läsas.\n`);
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

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntry) {
  run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

// Prints the text of a .docx or .pdf, for git's textconv:
//   git config diff.lum-docx.textconv "node scripts/run.mjs textconv"
// The kind is read from the file's first bytes, not its name, since git
// hands textconv a temporary file. Anything else is printed as it is.
import { formatHelp, wantsHelp } from "./help.js";
import { runIfEntry } from "./program.js";
import { describeRefusal, readProjectFile } from "./files/read-project-file.js";
import { TEXT_LIMITS, TextLimitError, type TextLimits } from "./diff/limits.js";
import { docxText } from "./diff/docx-text.js";
import { pdfText } from "./diff/pdf-text.js";
import { visible } from "./terminal.js";

/** The text of a .docx or .pdf, or of any other file as UTF-8; control characters shown escaped (see terminal.ts). */
export async function textOf(bytes: Uint8Array, limits: TextLimits = TEXT_LIMITS): Promise<string> {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 5));
  if (head.startsWith("PK")) return visible(await docxText(bytes, limits));
  if (head === "%PDF-") return visible(await pdfText(bytes, limits));
  return visible(new TextDecoder("utf-8").decode(bytes).replace(/\r\n/g, "\n"));
}

const HELP = formatHelp({
  användning: ["npm run --silent textconv -- FIL.docx|FIL.pdf …"],
  beskrivning:
    "Skriver ut texten i en Word- eller PDF-fil. Används av git för att visa ändringar i dokumenten som text (se docs/granskning.md); andra filer skrivs ut som de är.",
  flaggor: [["--help", "visar den här hjälpen"]],
  exempel: [["npm run --silent textconv -- out/2024/tjansteutlatande.docx", "texten i 2024 års tjänsteutlåtande"]],
  slutstatus: [
    [0, "texten är utskriven"],
    [1, "filen gick inte att läsa som Word eller PDF"],
    [2, "fel i kommandot (ingen fil, eller en fil som inte finns)"],
  ],
});

/** Where textconv writes: the process's stdout and stderr, or a test's. */
export interface TextconvIO {
  out(text: string): void;
  err(text: string): void;
}

const processIO: TextconvIO = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

export async function run(paths: string[], io: TextconvIO = processIO, limits: TextLimits = TEXT_LIMITS): Promise<number> {
  const MAX_FILE = limits.file;
  if (wantsHelp(paths)) {
    io.out(`${HELP}\n`);
    return 0;
  }
  if (paths.length === 0) {
    io.err(`${HELP}\n`);
    return 2;
  }
  for (const path of paths) {
    // Through the project's one door: a FIFO, device or oversized file is
    // refused unread, and so is a file in the working folder (git runs
    // textconv from the repository's top) that is a link out of it. The
    // temporary files git hands over lie outside it and are read.
    const read = await readProjectFile(path, { root: process.cwd(), maxBytes: MAX_FILE });
    if (!read.ok) {
      io.err(`fel: ${describeRefusal(read.refusal, visible(path))}\n`);
      return read.refusal.reason === "too-big" ? 1 : 2;
    }
    const bytes: Uint8Array = read.bytes;
    try {
      const text = await textOf(bytes, limits);
      io.out(text);
    } catch (error) {
      // Our own limits say what was too much; anything else comes from a
      // library, in English, about a broken file: say that in Swedish.
      const why = error instanceof TextLimitError ? error.message : "filen är skadad eller inte ett Word- eller PDF-dokument som går att läsa";
      io.err(`fel: Kan inte läsa texten i ${visible(path)}: ${why}.\n`);
      return 1;
    }
  }
  return 0;
}

runIfEntry(import.meta.url, run);

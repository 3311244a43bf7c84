// Reads the secretary's spreadsheet of applications into plain tables: every
// sheet of an .xlsx (read-excel-file), or one .csv (csv-parse) written with
// semicolons or commas, in UTF-8, UTF-16 with a byte-order mark (Excel's
// "Unicode text") or Windows-1252 (what Excel saves on a Swedish Windows
// machine).
//
// The file is read through the project's one door (no FIFO, device, link out
// of the project or oversized file), and an .xlsx is unpacked by
// src/files/unzip-bounded.ts within limits, its rows, cells and shared
// strings counted, before read-excel-file sees it: read-excel-file inflates
// every entry whole (a 3 MB zip bomb took 3 GB and a V8 fatal error), and a
// million-row sheet took 78 s and 1.7 GB.
import { basename, extname } from "node:path";
import { CsvError, parse as parseCsv } from "csv-parse/sync";
import { zipSync } from "fflate";
import readXlsx from "read-excel-file/universal";
import { describeRefusal, megabytes, readProjectFile } from "../files/read-project-file.js";
import { unzipBounded, UnzipLimitError } from "../files/unzip-bounded.js";

export type Cell = string | number | boolean | Date | null;

export interface Table {
  /** The sheet's name, or the .csv file's name, as messages name it ("Ansökningar!C7"). */
  name: string;
  /** Rows as in the sheet: rows[0] is row 1. */
  rows: Cell[][];
}

export type ReadTablesResult = { ok: true; tables: Table[] } | { ok: false; message: string; hint: string };

/**
 * Windows-1252's bytes 0x80–0x9F (€, ‚, „, …, –, — and the rest). Node's
 * TextDecoder("windows-1252") decodes them as Latin-1 control characters
 * (tried on Node 20.20: 0x96 gives U+0096, not the en dash), so these 32 are
 * mapped here; every other byte is the same code point in both.
 */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/** Decodes a .csv's bytes: UTF-16 with a byte-order mark, UTF-8 when they are valid UTF-8 (a BOM is dropped), else Windows-1252. */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    let text = "";
    for (const b of bytes) text += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
    return text;
  }
}

/** The separator of a .csv: the one of tab, ; and , that occurs most often in its first line (Excel's "Unicode text" uses tabs). */
export function csvDelimiter(text: string): ";" | "," | "\t" {
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  const count = (c: string) => first.split(c).length - 1;
  if (count("\t") > count(";") && count("\t") > count(",")) return "\t";
  return count(";") >= count(",") ? ";" : ",";
}

export function csvTable(name: string, text: string): Table {
  const rows = parseCsv(text, {
    delimiter: csvDelimiter(text),
    relax_column_count: true,
    // A quote inside a field that does not start with one (Projekt "X" i Farsta) is read as typed.
    relax_quotes: true,
    skip_empty_lines: false,
    bom: true,
  }) as string[][];
  return { name, rows: rows.map((row) => row.map((c) => (c === "" ? null : c))) };
}

/** What a spreadsheet may hold; injectable so tests can try the limits with small files. */
export interface TableLimits {
  /** The file itself, in bytes. */
  fileBytes: number;
  /** One unpacked part of an .xlsx, and all of them together, in bytes. */
  entryBytes: number;
  totalBytes: number;
  /** Parts listed in an .xlsx. */
  entries: number;
  /** Rows of all sheets together, cells of all sheets together, shared strings. */
  rows: number;
  cells: number;
  sharedStrings: number;
}

/**
 * A year has a few hundred applications at most; the bench imports 10 000.
 * These are far above that and far below what would take minutes or
 * gigabytes.
 */
export const TABLE_LIMITS: TableLimits = {
  fileBytes: 50 * 1024 * 1024,
  entryBytes: 64 * 1024 * 1024,
  totalBytes: 128 * 1024 * 1024,
  entries: 10_000,
  rows: 50_000,
  cells: 1_000_000,
  sharedStrings: 500_000,
};

const SAVE_AGAIN = "Spara kalkylarket som Excel-arbetsbok (.xlsx) eller som CSV (semikolonavgränsad) och försök igen.";
const fail = (message: string, hint: string = SAVE_AGAIN): ReadTablesResult => ({ ok: false, message, hint });
const thousands = (n: number) => n.toLocaleString("sv-SE").replace(/\u00a0/g, " ");

/** How often `pattern` (global) matches in `text`, counting no further than `limit + 1`. */
function countUpTo(text: string, pattern: RegExp, limit: number): number {
  let n = 0;
  pattern.lastIndex = 0;
  while (n <= limit && pattern.exec(text)) n++;
  return n;
}

/**
 * An Office file saved with a password is not a zip but an OLE2 compound
 * file holding an "EncryptedPackage" stream; an old .xls is OLE2 without it.
 */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ENCRYPTED = Buffer.from("EncryptedPackage", "utf16le");

async function readXlsxTables(path: string, bytes: Buffer, limits: TableLimits): Promise<ReadTablesResult> {
  if (OLE2.every((b, i) => bytes[i] === b)) {
    return bytes.includes(ENCRYPTED)
      ? fail(`Filen ${path} är lösenordsskyddad och kan inte läsas.`, "Öppna filen i Excel, ta bort lösenordet (Arkiv > Info > Skydda arbetsbok > Kryptera med lösenord, töm fältet), spara och försök igen.")
      : fail(`Filen ${path} är sparad i det äldre Excel-formatet (.xls), fast den heter .xlsx.`, SAVE_AGAIN);
  }
  const notXlsx = fail(`Filen ${path} går inte att läsa som ett Excel-ark (.xlsx).`);
  let parts: Map<string, Uint8Array>;
  try {
    parts = unzipBounded(bytes, (name) => name.endsWith(".xml") || name.endsWith(".xml.rels"), {
      maxEntry: limits.entryBytes,
      maxTotal: limits.totalBytes,
      maxEntries: limits.entries,
    });
  } catch (error) {
    if (!(error instanceof UnzipLimitError)) return notXlsx;
    const what =
      error.limit === "entries"
        ? `har fler än ${thousands(limits.entries)} delar`
        : `packas upp till mer än ${Math.round(error.max / 1024 / 1024)} MB (${error.limit === "entry" ? error.entry : "alla delar tillsammans"})`;
    return fail(`Filen ${path} ${what}, långt mer än ett kalkylark med ansökningar, och läses inte.`, "Kontrollera att det är rätt fil. Spara annars bara bladet med ansökningarna i en ny arbetsbok.");
  }
  // Rows, cells and shared strings are counted in the XML before it is parsed (latin1: one byte, one character, no decoding cost).
  let rows = 0;
  let cells = 0;
  for (const [name, xml] of parts) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    const text = Buffer.from(xml.buffer, xml.byteOffset, xml.length).toString("latin1");
    rows += countUpTo(text, /<(?:\w+:)?row[\s>/]/g, limits.rows - rows);
    cells += countUpTo(text, /<(?:\w+:)?c[\s>/]/g, limits.cells - cells);
    if (rows > limits.rows || cells > limits.cells) break;
  }
  const tooMany = (n: string, what: string) =>
    fail(`Filen ${path} har fler än ${n} ${what}, långt mer än ett kalkylark med ansökningar, och läses inte.`, "Kontrollera att det är rätt fil, och ta bort tomma eller överflödiga rader och blad (en ansökan är en rad).");
  if (rows > limits.rows) return tooMany(thousands(limits.rows), "rader");
  if (cells > limits.cells) return tooMany(thousands(limits.cells), "celler");
  for (const [name, xml] of parts) {
    if (!/sharedStrings[^/]*\.xml$/i.test(name)) continue;
    const text = Buffer.from(xml.buffer, xml.byteOffset, xml.length).toString("latin1");
    if (countUpTo(text, /<(?:\w+:)?si[\s>/]/g, limits.sharedStrings) > limits.sharedStrings) return tooMany(thousands(limits.sharedStrings), "texter");
  }
  try {
    // What was unpacked and counted is handed to read-excel-file as a zip
    // again, stored (not compressed), so it unpacks nothing we have not.
    const stored = zipSync(Object.fromEntries(parts), { level: 0 });
    const sheets = await readXlsx(stored.buffer.slice(stored.byteOffset, stored.byteOffset + stored.byteLength) as ArrayBuffer);
    return { ok: true, tables: sheets.map((s) => ({ name: s.sheet, rows: s.data as Cell[][] })) };
  } catch {
    return notXlsx;
  }
}

/**
 * The tables of the spreadsheet at `path` (named so in messages), or why it
 * cannot be read. `root`: the project, so a link out of it is refused.
 */
export async function readTables(path: string, options: { root?: string; limits?: TableLimits } = {}): Promise<ReadTablesResult> {
  const limits = options.limits ?? TABLE_LIMITS;
  const kind = extname(path).toLowerCase();
  const read = await readProjectFile(path, { root: options.root, maxBytes: limits.fileBytes });
  if (!read.ok) {
    const { refusal } = read;
    if (refusal.reason === "missing") return fail(`Filen ${path} finns inte eller kan inte läsas.`, "Kontrollera filnamnet och att filen inte är öppen i ett annat program som låser den.");
    if (refusal.reason === "too-big") return fail(`Filen ${path} är ${megabytes(refusal.size)} MB, mer än de ${Math.round(limits.fileBytes / 1024 / 1024)} MB ett kalkylark med ansökningar får vara.`, "Kontrollera att det är rätt fil.");
    return fail(describeRefusal(refusal, path), "Ange ett kalkylark som är en vanlig fil i projektet eller någon annanstans på datorn.");
  }
  const bytes = read.bytes;
  if (kind === ".csv" || kind === ".txt") {
    try {
      const table = csvTable(basename(path), decodeCsv(bytes));
      const cells = table.rows.reduce((n, row) => n + row.length, 0);
      if (table.rows.length > limits.rows) return fail(`Filen ${path} har fler än ${thousands(limits.rows)} rader, långt mer än ett kalkylark med ansökningar, och läses inte.`, "Kontrollera att det är rätt fil.");
      if (cells > limits.cells) return fail(`Filen ${path} har fler än ${thousands(limits.cells)} celler, långt mer än ett kalkylark med ansökningar, och läses inte.`, "Kontrollera att det är rätt fil.");
      return { ok: true, tables: [table] };
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const unclosed = error.code === "CSV_QUOTE_NOT_CLOSED";
      // An unclosed quote is only noticed at the end of the file: the row it opens on follows the rows read whole.
      const { lines, records } = error as CsvError & { lines?: number; records?: number };
      const line = unclosed && typeof records === "number" ? records + 1 : lines;
      return {
        ok: false,
        message: `Filen ${path} går inte att läsa som CSV${line ? ` på rad ${line}` : ""}: ${unclosed ? "ett citattecken (\") som inleder ett fält avslutas aldrig" : "raden är inte skriven som en CSV-rad"}.`,
        hint: "Rätta raden i kalkylprogrammet (ett fält som börjar med \" ska sluta med \"), eller spara kalkylarket som Excel-arbetsbok (.xlsx) och importera den i stället.",
      };
    }
  }
  if (kind === ".xlsx") return readXlsxTables(path, bytes, limits);
  return {
    ok: false,
    message: `Filen ${path} är varken .xlsx eller .csv.`,
    hint: "Spara kalkylarket som Excel-arbetsbok (.xlsx) eller som CSV (semikolonavgränsad) och försök igen. Äldre .xls-filer kan inte läsas.",
  };
}

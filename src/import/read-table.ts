// Reads the secretary's spreadsheet of applications into plain tables: every
// sheet of an .xlsx (read-excel-file), or one .csv (csv-parse) written with
// semicolons or commas, in UTF-8 or Windows-1252 (what Excel saves on a
// Swedish Windows machine).
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { CsvError, parse as parseCsv } from "csv-parse/sync";
import readXlsx from "read-excel-file/node";

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

/** Decodes a .csv's bytes: UTF-8 when they are valid UTF-8 (a BOM is dropped), else Windows-1252. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    let text = "";
    for (const b of bytes) text += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
    return text;
  }
}

/** The separator of a .csv: the one of ; and , that occurs more often in its first line. */
export function csvDelimiter(text: string): ";" | "," {
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  const count = (c: string) => first.split(c).length - 1;
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

export async function readTables(path: string): Promise<ReadTablesResult> {
  const kind = extname(path).toLowerCase();
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return { ok: false, message: `Filen ${path} finns inte eller kan inte läsas.`, hint: "Kontrollera filnamnet och att filen inte är öppen i ett annat program som låser den." };
  }
  if (kind === ".csv" || kind === ".txt") {
    try {
      return { ok: true, tables: [csvTable(basename(path), decodeCsv(bytes))] };
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
  if (kind === ".xlsx") {
    try {
      const sheets = await readXlsx(bytes);
      return { ok: true, tables: sheets.map((s) => ({ name: s.sheet, rows: s.data as Cell[][] })) };
    } catch {
      return {
        ok: false,
        message: `Filen ${path} går inte att läsa som ett Excel-ark (.xlsx).`,
        hint: "Spara kalkylarket som Excel-arbetsbok (.xlsx) eller som CSV (semikolonavgränsad) och försök igen.",
      };
    }
  }
  return {
    ok: false,
    message: `Filen ${path} är varken .xlsx eller .csv.`,
    hint: "Spara kalkylarket som Excel-arbetsbok (.xlsx) eller som CSV (semikolonavgränsad) och försök igen. Äldre .xls-filer kan inte läsas.",
  };
}

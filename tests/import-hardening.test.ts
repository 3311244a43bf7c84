// The import under the attack's repros: a zip bomb and a million-row sheet
// stop at a limit with a Swedish message (never a V8 fatal error), what the
// sheet holds cannot steer the terminal, the new round file is checked with
// the loader's own limits before it is written, a link stays a link, and
// the everyday formats the attack found refused are read: UTF-16 text from
// Excel, Excel's currency format, a password-protected workbook named as one.
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, Zip, ZipDeflate, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import writeXlsx from "write-excel-file/node";
import { docxText } from "../src/diff/docx-text.js";
import { TextLimitError } from "../src/diff/limits.js";
import { unzipBounded, UnzipLimitError } from "../src/files/unzip-bounded.js";
import { readTables, TABLE_LIMITS } from "../src/import/read-table.js";
import { main } from "../src/importera.js";

const ROOT = join(import.meta.dirname, "..");

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "lum-import-hard-"));
  mkdirSync(join(dir, "rounds"));
  for (const year of [2024, 2025]) cpSync(join(ROOT, "rounds", `${year}.yaml`), join(dir, "rounds", `${year}.yaml`));
  return dir;
}

async function importera(dir: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (l) => err.push(l), cwd: dir, colour: false });
  return { code, out: out.join(""), err: err.join("\n") };
}

/** A zip whose one entry is `megabytes` of zeros, deflated as it is made (never held whole). */
function bomb(entry: string, megabytes: number, others: Record<string, string> = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const [name, text] of Object.entries(others)) {
    const part = new ZipDeflate(name);
    zip.add(part);
    part.push(strToU8(text), true);
  }
  const part = new ZipDeflate(entry, { level: 6 });
  zip.add(part);
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < megabytes; i++) part.push(zeros, i === megabytes - 1);
  zip.end();
  return Buffer.concat(chunks);
}

const CSV_HEADER = "Fond;Förvaltning;Projekt/Resmål;Syfte;Beskrivning;Sökt belopp";

describe("bounded unpacking", () => {
  it("stops inflating as the count passes the limit, not after the entry is whole", () => {
    const zip = bomb("xl/worksheets/sheet1.xml", 64);
    expect(zip.length).toBeLessThan(200 * 1024);
    let stopped: UnzipLimitError | undefined;
    try {
      unzipBounded(zip, () => true, { maxEntry: 1024 * 1024, maxTotal: 8 * 1024 * 1024, maxEntries: 100 });
    } catch (error) {
      stopped = error as UnzipLimitError;
    }
    expect(stopped).toBeInstanceOf(UnzipLimitError);
    expect(stopped!.limit).toBe("entry");
    // One slice of 16 kB inflates to at most about 16 MB: far below the 64 MB the entry holds.
    expect(stopped!.inflated).toBeLessThan(20 * 1024 * 1024);
  });

  it("an .xlsx zip bomb (80 MB in a small file): a Swedish message, the round file untouched", async () => {
    const dir = project();
    writeFileSync(join(dir, "ansokningar-2025.xlsx"), bomb("xl/worksheets/sheet1.xml", 80, { "[Content_Types].xml": "<Types/>" }));
    const before = readFileSync(join(dir, "rounds", "2025.yaml"));
    const result = await importera(dir, "ansokningar-2025.xlsx");
    expect(result.code).toBe(1);
    expect(result.err).toContain("packas upp till mer än 64 MB (xl/worksheets/sheet1.xml), långt mer än ett kalkylark med ansökningar, och läses inte.");
    expect(readFileSync(join(dir, "rounds", "2025.yaml"))).toEqual(before);
  });

  it("a .docx zip bomb for textconv: stopped at the part's limit while inflating", async () => {
    const docx = bomb("word/document.xml", 40);
    await expect(docxText(docx)).rejects.toThrow(TextLimitError);
    await expect(docxText(docx)).rejects.toThrow("word/document.xml packas upp till mer än 32 MB");
  });

  it("a sheet of a million rows: refused by its count of rows, with the limit in the message", async () => {
    const dir = project();
    const rows = Array.from({ length: 1_000_000 }, (_, i) => `<row r="${i + 1}"/>`).join("");
    const sheet = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
    writeFileSync(join(dir, "ansokningar-2025.xlsx"), zipSync({ "xl/worksheets/sheet1.xml": strToU8(sheet) }, { level: 6 }));
    const result = await importera(dir, "ansokningar-2025.xlsx");
    expect(result.code).toBe(1);
    expect(result.err).toContain("har fler än 50 000 rader, långt mer än ett kalkylark med ansökningar, och läses inte.");
  });

  it("limits on cells and shared strings, each with its message", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lum-limits-"));
    const path = join(dir, "a.xlsx");
    await writeXlsx([["Fond", "Förvaltning", "Projekt", "Sökt belopp"], ["LUM", "Farsta", "Ett", 100000], ["LUM", "Farsta", "Två", 200000]], { sheet: "LUM" }).toFile(path);
    expect((await readTables(path)).ok).toBe(true);
    const cells = await readTables(path, { limits: { ...TABLE_LIMITS, cells: 5 } });
    expect(!cells.ok && cells.message).toContain("har fler än 5 celler");
    const strings = await readTables(path, { limits: { ...TABLE_LIMITS, sharedStrings: 3 } });
    expect(!strings.ok && strings.message).toContain("har fler än 3 texter");
    const rows = await readTables(path, { limits: { ...TABLE_LIMITS, rows: 2 } });
    expect(!rows.ok && rows.message).toContain("har fler än 2 rader");
  });

  it("a password-protected workbook is named as one; an old .xls as that", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lum-ole-"));
    const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const encrypted = Buffer.concat([Buffer.from(ole), Buffer.alloc(500), Buffer.from("EncryptedPackage", "utf16le"), Buffer.alloc(500)]);
    writeFileSync(join(dir, "losen.xlsx"), encrypted);
    writeFileSync(join(dir, "gammal.xlsx"), Buffer.concat([Buffer.from(ole), Buffer.alloc(1000)]));
    const locked = await readTables(join(dir, "losen.xlsx"));
    expect(!locked.ok && locked.message).toContain("är lösenordsskyddad och kan inte läsas.");
    expect(!locked.ok && locked.hint).toContain("ta bort lösenordet");
    const old = await readTables(join(dir, "gammal.xlsx"));
    expect(!old.ok && old.message).toContain("äldre Excel-formatet (.xls)");
  });
});

describe("the import and the terminal", () => {
  it("shows control characters from cells and headers escaped, in errors and in the report", async () => {
    const dir = project();
    const osc52 = "\u001b]52;c;ZWNobyBoYWNrZWQ=\u0007";
    const clear = "\u001b[2J\u001b[H";
    writeFileSync(
      join(dir, "ansokningar-2025.csv"),
      [`${CSV_HEADER};"Okänd${osc52}"`, `L${clear}UM;Farsta;Projekt;;;100 000;x`, `LUM;Farsta;"Projekt ${osc52}nul\u0000";;;100 000;x`].join("\n"),
    );
    const result = await importera(dir, "ansokningar-2025.csv", "--visa");
    const said = result.out + result.err;
    // eslint-disable-next-line no-control-regex
    expect(said).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(result.err).toContain("\\x1B]52;c;ZWNobyBoYWNrZWQ=\\x07");
    expect(result.err).toContain("\\x1B[2J");
  });
});

describe("the round file the import writes", () => {
  it("is checked with the loader's own limits: a 6 MB Beskrivning is refused, nothing is written", async () => {
    const dir = project();
    writeFileSync(join(dir, "ansokningar-2025.csv"), `${CSV_HEADER}\nLUM;Farsta;Stort projekt;;${"ord ".repeat(1_600_000)};100 000\n`);
    const before = readFileSync(join(dir, "rounds", "2025.yaml"));
    const result = await importera(dir, "ansokningar-2025.csv");
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/rounds\/2025\.yaml: fel: Filen är 6,\d MB, mer än de 5 MB en omgångsfil får vara\. \[fil-for-stor\]/);
    expect(result.err).toContain("Inget importerades");
    expect(result.out).not.toContain("inga nya fel");
    expect(readFileSync(join(dir, "rounds", "2025.yaml"))).toEqual(before);
  });

  it("keeps a link inside the project a link, and writes the file it points at", async () => {
    const dir = project();
    mkdirSync(join(dir, "arkiv"));
    cpSync(join(dir, "rounds", "2025.yaml"), join(dir, "arkiv", "2025.yaml"));
    rmSync(join(dir, "rounds", "2025.yaml"));
    symlinkSync(join("..", "arkiv", "2025.yaml"), join(dir, "rounds", "2025.yaml"));
    writeFileSync(join(dir, "ansokningar-2025.csv"), `${CSV_HEADER}\nLUM;Farsta;Länkat projekt;;;100 000\n`);
    const result = await importera(dir, "ansokningar-2025.csv");
    expect(result.code, result.err).toBe(0);
    expect(lstatSync(join(dir, "rounds", "2025.yaml")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, "rounds", "2025.yaml"))).toBe(join("..", "arkiv", "2025.yaml"));
    expect(readFileSync(join(dir, "arkiv", "2025.yaml"), "utf8")).toContain("Länkat projekt");
  });
});

describe("everyday formats", () => {
  it("reads Excel's Unicode text: UTF-16 with a byte-order mark, tab-separated", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lum-utf16-"));
    const text = "Fond\tFörvaltning\tProjekt\tSökt belopp\r\nLUM\tSödermalm\tÅtgärd för äldre\t250 000\r\n";
    writeFileSync(join(dir, "a.csv"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const read = await readTables(join(dir, "a.csv"));
    expect(read.ok && read.tables[0]!.rows.slice(0, 2)).toEqual([
      ["Fond", "Förvaltning", "Projekt", "Sökt belopp"],
      ["LUM", "Södermalm", "Åtgärd för äldre", "250 000"],
    ]);
  });

  it("accepts Excel's currency format (250 000,00 kr) and says what is wrong with öre, and with a number out of range", async () => {
    const dir = project();
    writeFileSync(
      join(dir, "ansokningar-2025.csv"),
      [`Fond;Nr;Förvaltning;Projekt/Resmål;Sökt belopp`, `LUM;1;Farsta;Ett;250 000,00 kr`, `LUM;2;Farsta;Två;250 000,50 kr`, `LUM;100001;Farsta;Tre;100 000`].join("\n"),
    );
    const result = await importera(dir, "ansokningar-2025.csv", "--visa");
    expect(result.code).toBe(1);
    expect(result.err).not.toMatch(/!E2: /);
    expect(result.err).toMatch(/!E3: fel: "250 000,50 kr" /);
    expect(result.err).toContain('"100001" är inget ansökningsnummer: skriv ett heltal från 1 till 100 000.');
  });
});

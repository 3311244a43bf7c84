// Turns the tables of a spreadsheet into applications, or into one Swedish
// message per bad cell ("Ansökningar!C7: …"), all at once. Headers are the
// Swedish words the secretary writes (Nr, Förvaltning, Projekt/Resmål, Syfte,
// Sökt belopp, …), in any case and with or without accents; amounts are
// written as Swedes write them; förvaltningar are matched through the same
// register as the round file.
import { register, type Förvaltning, type Register } from "../register/register.js";
import { formatAmount, joinWithAnd } from "../format/swedish.js";
import { amount } from "../schema/round.js";
import type { Cell, Table } from "./read-table.js";

export type Fund = "lum" | "mul";

export interface ImportedApplication {
  fund: Fund;
  nr: number | undefined;
  id: string | undefined;
  /** The register's short name; for a joint application every one, joined ("Hägersten-Älvsjö och Enskede-Årsta-Vantör"). */
  förvaltning: string;
  /** Each applying förvaltning by the register's short name, the one that receives the money first. */
  förvaltningar: string[];
  enhet: string | undefined;
  projekt: string | undefined;
  resmål: string | undefined;
  syfte: string | undefined;
  beskrivning: string | undefined;
  sökt: number;
  projektår: number | undefined;
  /** Where it came from, for messages: "Ansökningar!7". */
  sheet: string;
  row: number;
  /** The cells of the Id and Projektår columns, when the sheet has them: "Ansökningar!C7". */
  cells?: { id?: string; projektår?: string };
}

export interface CellError {
  /** "Ansökningar!C7", or "Ansökningar!7" for a whole row, or "Ansökningar" for a sheet. */
  where: string;
  message: string;
}

export type Column = "nr" | "id" | "fond" | "förvaltning" | "enhet" | "projekt" | "resmål" | "projektEllerResmål" | "syfte" | "beskrivning" | "sökt" | "projektår";

/** Header words, folded (lower case, no accents, letters only), for each column. */
const HEADERS: Record<Column, string[]> = {
  nr: ["nr", "nummer", "ansokningsnummer", "ansokannr", "lopnummer"],
  id: ["id"],
  fond: ["fond", "typ", "medel", "lummul", "lumellermul"],
  förvaltning: ["forvaltning", "sokande", "sokandeforvaltning", "stadsdelsforvaltning", "sdf"],
  enhet: ["enhet", "avdelning", "enhetavdelning"],
  projekt: ["projekt", "projektnamn", "projekttitel", "titel"],
  resmål: ["resmal", "ort", "studiebesoktillort", "destination"],
  projektEllerResmål: ["projektresmal", "projektellerresmal", "projektortresmal"],
  syfte: ["syfte"],
  beskrivning: ["beskrivning", "kortbeskrivning", "sammanfattning"],
  sökt: ["soktbelopp", "sokt", "belopp", "soktbeloppkr", "soktbeloppkronor", "ansoktbelopp", "soktakronor", "soktkr"],
  projektår: ["projektar", "projektaret", "arinummer"],
};

/** The headers of the template (`--mall`), in its order. */
export const TEMPLATE_HEADERS = ["Fond", "Nr", "Förvaltning", "Enhet", "Projekt/Resmål", "Syfte", "Beskrivning", "Sökt belopp", "Projektår"];

/** The template's example row; a row equal to it is skipped, never imported. */
export const TEMPLATE_EXAMPLE: Cell[] = [
  "LUM",
  1,
  "Farsta",
  null,
  "Exempel: Tidigt stöd till familjer",
  null,
  "Ta bort den här raden och skriv en ansökan per rad.",
  "500 000",
  1,
];

export const fold = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("sv-SE")
    .replace(/[^\p{L}\p{N}]+/gu, "");

/** Column letters as a spreadsheet shows them: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * Text as pasted from a form: spaces of every kind and zero-width characters
 * trimmed, tabs and line breaks inside made single spaces, Unicode NFC.
 */
export function cleanText(s: string): string {
  return s
    .normalize("NFC")
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, "")
    .replace(/[\t\r\n\u00a0\u202f\u2000-\u200a\u3000]+/g, " ")
    .replace(/ {2,}/g, " ")
    .trim();
}

function text(cell: Cell): string | undefined {
  if (cell === null || cell === undefined) return undefined;
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  const s = cleanText(String(cell));
  return s === "" ? undefined : s;
}

/** The fund a sheet's name stands for, if it names one. */
function fundOfName(name: string): Fund | undefined {
  const f = fold(name);
  if (/(^|[^a-z])?lum/.test(f) && !f.includes("mul")) return "lum";
  if (f.includes("mul") || f.includes("studiebesok") || f.includes("studieres") || f.includes("must")) return "mul";
  if (f.includes("lokalautvecklingsmedel") || f.includes("utvecklingsprojekt")) return "lum";
  return undefined;
}

function fundOfCell(value: string): Fund | undefined {
  const f = fold(value);
  if (f === "lum" || f.startsWith("lokal")) return "lum";
  if (f === "mul" || f === "must" || f.startsWith("studie") || f.startsWith("medelforutveckling")) return "mul";
  return undefined;
}

/** The largest application number the import takes (a year has a few hundred). */
const MAX_NR = 100_000;

/**
 * An amount as Swedes write it: 500000, "500 000", "500 000 kr", "375 500:-",
 * and as Excel's currency format exports it to CSV: "250 000,00 kr" (zero
 * öre only: "250 000,50 kr" is not whole kronor and stays an error).
 */
function parseAmount(cell: Cell): number | string {
  if (typeof cell === "number") {
    const parsed = amount.safeParse(cell);
    return parsed.success ? parsed.data : (parsed.error.issues[0]?.message ?? "ska vara ett belopp i hela kronor");
  }
  const raw = text(cell) ?? "";
  const s = raw
    .replace(/\s*:-\s*$/, "")
    .replace(/\s*(kr\.?|kronor|sek)\s*$/i, " kr")
    .replace(/(\d),0{1,2}(?= kr$|$)/, "$1");
  const parsed = amount.safeParse(s);
  return parsed.success ? parsed.data : (parsed.error.issues[0]?.message ?? "ska vara ett belopp i hela kronor");
}

/**
 * No LUM or MUL application asks for less than this: a smaller amount in the
 * sheet is a typing or reading mistake (see readAsDecimals).
 */
export const LEAST_PLAUSIBLE = 1000;

/** An amount as the messages write it, with ordinary spaces (so it can be copied into a cell). */
const kr = (n: number) => formatAmount(n).replace(/[\u00a0\u202f]/g, " ");

/**
 * A number cell below LEAST_PLAUSIBLE that is a Swedish amount with a dot
 * as thousands separator read as a decimal number: a spreadsheet with
 * English settings reads a typed "300.000" as 300 and "25.500" as 25.5. The
 * message says so and what to write, or undefined when the cell is not one.
 */
function readAsDecimals(cell: Cell): string | undefined {
  if (typeof cell !== "number" || !(cell >= 1) || cell >= LEAST_PLAUSIBLE) return undefined;
  const thousands = Math.round(cell * 1000);
  if (Math.abs(thousands - cell * 1000) > 1e-6) return undefined;
  const typed = `${Math.trunc(cell)}.${String(thousands % 1000).padStart(3, "0")}`;
  const shown = String(cell).replace(".", ",");
  return `cellen innehåller talet ${shown}, vilket är för lite för en ansökan (under ${kr(LEAST_PLAUSIBLE)} kronor). Om du skrev ${typed} har kalkylprogrammet läst punkten som decimaltecken (så gör det med engelska inställningar) och gjort det till ${shown}. Skriv ${kr(thousands)} i stället.`;
}

function wholeNumber(cell: Cell, min: number, max: number): number | undefined {
  const n = typeof cell === "number" ? cell : Number((text(cell) ?? "").replace(/\s/g, ""));
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

function sameRow(row: Cell[], example: Cell[]): boolean {
  return example.every((c, i) => (text(c) ?? "") === (text(row[i] ?? null) ?? ""));
}

/**
 * The förvaltningar of a cell, as people type a joint application:
 * "Hägersten-Älvsjö, Enskede-Årsta-Vantör", "Farsta och Skarpnäck",
 * "Farsta/Skarpnäck", "Farsta & Skarpnäck", "Farsta; Skarpnäck". A hyphen or
 * dash never separates ("Enskede-Årsta-Vantör", "Hägersten–Älvsjö" as typed),
 * and a name the register knows with a separator in it ("Hägersten/Älvsjö")
 * stays one: the longest run of parts that is one name wins.
 */
export function splitFörvaltningar(cell: string, reg: Register): { text: string; entry: Förvaltning | undefined }[] {
  const separator = /\s*[,;/&+]\s*|\s+och\s+/giu;
  const parts = cell.split(separator);
  const separators = [...cell.matchAll(separator)].map((m) => m[0]);
  const found: { text: string; entry: Förvaltning | undefined }[] = [];
  for (let i = 0; i < parts.length; ) {
    let taken = 1;
    let entry: Förvaltning | undefined;
    for (let j = parts.length; j > i; j--) {
      const joined = parts.slice(i, j).map((p, k) => (k === 0 ? p : `${separators[i + k - 1]}${p}`)).join("");
      const e = reg.find(joined);
      if (e) {
        entry = e;
        taken = j - i;
        break;
      }
    }
    const text = parts.slice(i, i + taken).map((p, k) => (k === 0 ? p : `${separators[i + k - 1]}${p}`)).join("").trim();
    if (text !== "") found.push({ text, entry });
    i += taken;
  }
  return found;
}

export interface ParsedTables {
  applications: ImportedApplication[];
  errors: CellError[];
  /** Things worth saying that are not errors (an ignored column, the skipped example row). */
  notes: string[];
}

export function parseApplications(tables: Table[], year: number): ParsedTables {
  const applications: ImportedApplication[] = [];
  const errors: CellError[] = [];
  const notes: string[] = [];
  const reg = register();
  // Rows already read, by what makes two rows one application, for "finns redan på rad …" in the same run as every other mistake.
  const seen = new Map<string, { sheet: string; row: number }>();
  for (const table of tables) {
    const headerIndex = table.rows.findIndex((row) => row.some((c) => text(c) !== undefined));
    if (headerIndex < 0) continue; // an empty sheet
    const header = table.rows[headerIndex]!;
    const columns = new Map<Column, number>();
    header.forEach((cell, i) => {
      const name = text(cell);
      if (name === undefined) return;
      const key = fold(name);
      const column = (Object.keys(HEADERS) as Column[]).find((c) => HEADERS[c].includes(key));
      if (!column) notes.push(`${table.name}!${columnLetter(i)}${headerIndex + 1}: kolumnen "${name}" är okänd och läses inte.`);
      else if (columns.has(column)) errors.push({ where: `${table.name}!${columnLetter(i)}${headerIndex + 1}`, message: `kolumnen "${name}" finns redan i ${columnLetter(columns.get(column)!)}.` });
      else columns.set(column, i);
    });
    const sheetFund = fundOfName(table.name);
    const missing: string[] = [];
    if (!columns.has("förvaltning")) missing.push("Förvaltning");
    if (!columns.has("sökt")) missing.push("Sökt belopp");
    if (!columns.has("fond") && !sheetFund) missing.push("Fond (LUM eller MUL), eller ett bladnamn som säger LUM eller MUL");
    if (missing.length > 0) {
      errors.push({ where: `${table.name}!${headerIndex + 1}`, message: `rubrikraden saknar ${missing.join(", ")}. Rubrikerna ska stå på första raden, som i mallen (npm run importera -- --mall ansokningar.xlsx).` });
      continue;
    }
    const at = (column: Column, row: number) => `${table.name}!${columnLetter(columns.get(column)!)}${row}`;
    for (let r = headerIndex + 1; r < table.rows.length; r++) {
      const row = table.rows[r]!;
      const rowNr = r + 1;
      if (!row.some((c) => text(c) !== undefined)) continue;
      if (sameRow(row, TEMPLATE_EXAMPLE)) {
        notes.push(`${table.name}!${rowNr}: mallens exempelrad hoppas över.`);
        continue;
      }
      const get = (column: Column): Cell => (columns.has(column) ? (row[columns.get(column)!] ?? null) : null);
      const rowErrors: CellError[] = [];
      const fail = (column: Column, message: string) => rowErrors.push({ where: at(column, rowNr), message });

      let fund = sheetFund;
      if (columns.has("fond")) {
        const value = text(get("fond"));
        const f = value === undefined ? sheetFund : fundOfCell(value);
        if (!f) fail("fond", value === undefined ? "fonden saknas: skriv LUM eller MUL." : `"${value}" är ingen fond: skriv LUM eller MUL.`);
        fund = f ?? fund;
      }

      const förvaltningText = text(get("förvaltning"));
      const förvaltningar: string[] = [];
      if (förvaltningText === undefined) fail("förvaltning", "förvaltningen saknas.");
      else {
        const parts = splitFörvaltningar(förvaltningText, reg);
        // In a joint application each part is named on its own: the message is about that part only.
        const which = (i: number) => (parts.length > 1 ? ` (förvaltning ${i + 1} av ${parts.length} i "${förvaltningText}")` : "");
        parts.forEach((part, i) => {
          const entry = part.entry;
          if (!entry) {
            const suggestions = reg.suggest(part.text, year);
            fail("förvaltning", `"${part.text}"${which(i)} finns inte i stadens register över förvaltningar.${suggestions.length > 0 ? ` Menade du ${suggestions.map((s) => `"${s}"`).join(" eller ")}?` : ""}${parts.length === 1 && suggestions.length === 0 && /\s/.test(part.text) ? " En gemensam ansökan skrivs med förvaltningarna åtskilda av komma, till exempel \"Hägersten-Älvsjö, Enskede-Årsta-Vantör\"." : ""}`);
          } else if (!reg.existed(entry, year)) {
            fail("förvaltning", `${entry.namn}${which(i)} fanns inte ${year}${entry.ersattAv ? ` (den ingår sedan ${(entry.till ?? year) + 1} i ${entry.ersattAv})` : ""}.`);
          } else if (förvaltningar.includes(entry.namn)) {
            fail("förvaltning", `${entry.namn} står två gånger i "${förvaltningText}"; skriv varje förvaltning en gång.`);
          } else förvaltningar.push(entry.namn);
        });
      }
      const förvaltning = rowErrors.some((e) => e.where === at("förvaltning", rowNr)) || förvaltningar.length === 0 ? undefined : förvaltningar;

      const sökt = parseAmount(get("sökt"));
      const misread = readAsDecimals(get("sökt"));
      if (text(get("sökt")) === undefined) fail("sökt", "sökt belopp saknas.");
      else if (misread) fail("sökt", misread);
      else if (typeof sökt === "string") fail("sökt", `"${text(get("sökt"))}" ${sökt}.`);
      else if (sökt < LEAST_PLAUSIBLE) {
        fail("sökt", `"${text(get("sökt"))}" är för lite för en ansökan (under ${kr(LEAST_PLAUSIBLE)} kronor). Skriv hela beloppet i kronor, till exempel ${kr(sökt * 1000)} om det är ${kr(sökt)} tusen kronor.`);
      }

      let nr: number | undefined;
      if (columns.has("nr") && text(get("nr")) !== undefined) {
        nr = wholeNumber(get("nr"), 1, MAX_NR);
        if (nr === undefined) fail("nr", `"${text(get("nr"))}" är inget ansökningsnummer: skriv ett heltal från 1 till ${kr(MAX_NR).replace(" kr", "")}.`);
      }
      let projektår: number | undefined;
      if (columns.has("projektår") && text(get("projektår")) !== undefined) {
        projektår = wholeNumber(get("projektår"), 1, 10);
        if (projektår === undefined) fail("projektår", `"${text(get("projektår"))}" är inget projektår: skriv ett heltal från 1 till 10, till exempel 1, 2 eller 3.`);
      }
      let id = text(get("id"));
      if (id !== undefined && !/^[a-z0-9åäö]+(?:-[a-z0-9åäö]+)*$/.test(id)) {
        fail("id", `"${id}" är inget giltigt id: gemener, siffror och bindestreck, till exempel tidigt-stod-familjer.`);
        id = undefined;
      }

      const titleColumn: Column = columns.has("projektEllerResmål") ? "projektEllerResmål" : fund === "mul" ? "resmål" : "projekt";
      const title = text(get(titleColumn)) ?? (fund === "mul" ? text(get("resmål")) : text(get("projekt")));
      const syfte = text(get("syfte"));
      if (fund === "lum" && title === undefined) {
        rowErrors.push({ where: columns.has(titleColumn) ? at(titleColumn, rowNr) : `${table.name}!${rowNr}`, message: "projektets namn saknas." });
      }
      if (fund === "mul") {
        if (title === undefined) rowErrors.push({ where: columns.has(titleColumn) ? at(titleColumn, rowNr) : `${table.name}!${rowNr}`, message: "resmålet saknas (orten eller landet för studiebesöket)." });
        if (syfte === undefined) rowErrors.push({ where: columns.has("syfte") ? at("syfte", rowNr) : `${table.name}!${rowNr}`, message: "syftet med studiebesöket saknas, till exempel Verksamhetsbesök." });
      }

      // The same application twice: the same id, or the same förvaltningar (however spelt) and title, whether or not the rows have other mistakes.
      const who = förvaltning ?? (förvaltningText === undefined ? undefined : splitFörvaltningar(förvaltningText, reg).map((p) => p.entry?.namn ?? fold(p.text)));
      const identity = fund && (id !== undefined ? `${fund}|id:${id}` : who && title !== undefined ? `${fund}|${who.join("+")}|${fold(title)}|${fold(syfte ?? "")}` : undefined);
      const twin = identity === undefined ? undefined : seen.get(identity);
      if (twin) {
        rowErrors.push({
          where: `${table.name}!${rowNr}`,
          message: `ansökan finns redan på rad ${twin.row}${twin.sheet !== table.name ? ` i ${twin.sheet}` : ""} (samma ${id !== undefined ? "id" : "förvaltning och titel"}); ta bort den ena raden.`,
        });
      } else if (identity !== undefined) seen.set(identity, { sheet: table.name, row: rowNr });

      errors.push(...rowErrors);
      if (rowErrors.length > 0 || !fund || !förvaltning || typeof sökt !== "number") continue;
      applications.push({
        fund,
        nr,
        id,
        förvaltning: joinWithAnd(förvaltning),
        förvaltningar: förvaltning,
        enhet: text(get("enhet")),
        projekt: fund === "lum" ? title : undefined,
        resmål: fund === "mul" ? title : undefined,
        syfte: fund === "mul" ? syfte : undefined,
        beskrivning: text(get("beskrivning")),
        sökt,
        projektår: fund === "lum" ? projektår : undefined,
        sheet: table.name,
        row: rowNr,
        cells: {
          ...(columns.has("id") ? { id: at("id", rowNr) } : {}),
          ...(columns.has("projektår") ? { projektår: at("projektår", rowNr) } : {}),
        },
      });
    }
  }
  return { applications, errors, notes };
}

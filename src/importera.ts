// Command line: `npm run importera -- ansokningar.xlsx [--ar 2026] [--visa]`
// adds the applications of a spreadsheet (.xlsx or .csv) to the round file of
// its year; `--mall FIL.xlsx` writes the spreadsheet to hand out. The new text
// is checked in memory as `npm run check` would check it (import/verify.ts),
// and what the import caused is printed. Exit 0 when the import was made (or
// shown); 1 when a cell or the round file is wrong (nothing is written then),
// or when the import was written but leaves errors in the file (a decision
// already written no longer fits the new amount: the secretary must fix the
// decision, not the sheet); 2 for a mistyped command.
import { existsSync } from "node:fs";
import { realpath, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { parseApplications, type CellError } from "./import/applications.js";
import { mergeApplications, type MergeChange } from "./import/merge.js";
import { earlierRound } from "./import/previous.js";
import { readTables } from "./import/read-table.js";
import { checkImport } from "./import/verify.js";
import { formatDiagnostic, formatSummary } from "./diagnostics/format.js";
import { templateWorkbook } from "./import/template.js";
import { FIELD, FUND } from "./diff/labels.js";
import { terminalStyle, type Style } from "./diff/style.js";
import { formatAmount, quote } from "./format/swedish.js";
import { formatHelp, wantsHelp } from "./help.js";
import { environmentMessage, EXIT, guarded, runIfEntry } from "./program.js";
import { readProjectFile } from "./files/read-project-file.js";
import { checkRoundBytes, MAX_FILE_BYTES, refusalDiagnostic } from "./load/load-round.js";
import { visible } from "./terminal.js";
import type { z } from "zod";
import { lumApplication, mulApplication } from "./schema/round.js";

const USAGE = formatHelp({
  användning: ["npm run importera -- ANSÖKNINGAR.xlsx [--ar ÅR] [--visa]", "npm run importera -- --mall ANSÖKNINGAR.xlsx"],
  beskrivning:
    "Lägger in ansökningarna från ett kalkylark (.xlsx eller .csv) i årets fil rounds/<år>.yaml. Året tas från --ar eller från filnamnet (ansokningar-2026.xlsx). En ansökan som redan finns (samma id, eller samma förvaltning och titel) uppdateras; inget annat i filen ändras, och beslut som redan är skrivna står kvar.",
  flaggor: [
    ["--ar ÅR", "året vars fil ansökningarna ska in i, till exempel --ar 2026"],
    ["--visa", "visar vad som skulle ändras, utan att skriva något"],
    ["--mall FIL", "skriver ett tomt kalkylark med rätt rubriker och en exempelrad"],
    ["--help", "visar den här hjälpen"],
  ],
  exempel: [
    ["npm run importera -- --mall ansokningar-2026.xlsx", "skriver kalkylarket att skicka ut"],
    ["npm run importera -- ansokningar-2026.xlsx --visa", "visar vad som skulle läggas in i rounds/2026.yaml"],
    ["npm run importera -- ansokningar-2026.xlsx", "lägger in ansökningarna"],
  ],
  mer: [
    "Kolumner (rubriker på första raden): Fond (LUM eller MUL), Nr, Förvaltning, Enhet, Projekt/Resmål, Syfte, Beskrivning, Sökt belopp, Projektår. Ett blad som heter LUM eller MUL behöver ingen kolumn Fond.",
  ],
  slutstatus: [
    [EXIT.ok, "klart"],
    [EXIT.errors, "fel i kalkylarket eller i årets fil (inget skrivs), eller så är ansökningarna inlagda men filen har fel efter importen som ska rättas (visas under Kontrollen av den nya filen)"],
    [EXIT.usage, "kommandot är felskrivet"],
    [EXIT.environment, "datorn stoppade skrivningen av årets fil (till exempel saknas behörighet); filen är oförändrad"],
  ],
});

export interface ImportIO {
  out: (text: string) => void;
  err: (line: string) => void;
  cwd: string;
  colour: boolean;
}

type Args = { help: true } | { mall: string } | { file: string; year: number | undefined; visa: boolean };

function parseArgs(argv: string[]): Args | { error: string } {
  let year: number | undefined;
  let visa = false;
  let mall: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (wantsHelp([arg])) return { help: true };
    if (arg === "--") continue;
    if (arg === "--visa") visa = true;
    else if (arg === "--ar" || arg === "--år" || arg.startsWith("--ar=") || arg.startsWith("--år=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      if (!value || !/^\d{4}$/.test(value)) return { error: `--ar ska följas av ett årtal, till exempel --ar 2026 (inte ${value ?? "ingenting"}).` };
      year = Number(value);
    } else if (arg === "--mall" || arg.startsWith("--mall=")) {
      mall = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      if (!mall) return { error: "--mall ska följas av ett filnamn, till exempel --mall ansokningar.xlsx." };
    } else if (arg.startsWith("-") && arg.length > 1) return { error: `Okänd flagga: ${arg}` };
    else files.push(arg);
  }
  if (mall !== undefined) return files.length === 0 ? { mall } : { error: "Ange antingen --mall FIL eller ett kalkylark att importera, inte båda." };
  if (files.length !== 1) return { error: files.length === 0 ? "Ange kalkylarket att importera." : "Ange ett kalkylark i taget." };
  return { file: files[0]!, year, visa };
}

/** Errors by sheet and row, as the secretary goes through the sheet; those about the round file last. */
function inSheetOrder(errors: CellError[]): CellError[] {
  const key = (e: CellError) => {
    const m = /^(.*)!([A-Z]*)(\d+)$/.exec(e.where);
    return m ? { sheet: m[1]!, row: Number(m[3]), column: m[2]!.padStart(3, " ") } : { sheet: "\uffff", row: 0, column: e.where };
  };
  const sheets = [...new Set(errors.map((e) => key(e).sheet))];
  return errors
    .map((e, i) => ({ e, i, k: key(e) }))
    .sort((a, b) => sheets.indexOf(a.k.sheet) - sheets.indexOf(b.k.sheet) || a.k.row - b.k.row || a.k.column.localeCompare(b.k.column) || a.i - b.i)
    .map((x) => x.e);
}

function cellLines(errors: CellError[]): string[] {
  return errors.map((e) => `${e.where}: fel: ${e.message}`);
}

function report(changes: MergeChange[], unchanged: number, heading: string, s: Style): string {
  const label = (c: MergeChange) =>
    `${FUND[c.fund]} nr ${c.nr} ${s.esc(c.fund === "lum" ? quote(c.what) : c.what)} (${s.esc(c.enhet ? `${c.förvaltning}, ${c.enhet}` : c.förvaltning)}${
      c.förvaltningar.length > 1 ? s.esc(`; gemensam ansökan, medlen betalas till ${c.förvaltningar[0]}`) : ""
    })`;
  const added = changes.filter((c) => c.kind === "ny");
  const changed = changes.filter((c) => c.kind === "ändrad");
  const lines = [...s.heading(1, heading), ""];
  if (added.length > 0) {
    lines.push(...s.heading(2, `Tillagda ansökningar (${added.length})`), "");
    for (const c of added) {
      const going = c.continuing;
      const id = !going
        ? ""
        : going.ambiguous
          ? `; projektår ${going.projektår}, men ${going.earlier.file} har ${going.ambiguous.length} projekt från ${c.förvaltning} med samma titel (${going.ambiguous.join(", ")}), så det går inte att veta vilket som fortsätter och id blev nytt: ${c.id}. Skriv rätt id i en kolumn Id i kalkylarket`
          : going.kept
          ? `; projektår ${going.projektår}, samma id som i ${going.earlier.år}: ${c.id} (${going.earlier.file})`
          : `; projektår ${going.projektår}, men ${going.earlier.file} har inget projekt från ${c.förvaltning} med samma titel, så id blev nytt: ${c.id}`;
      lines.push(s.item(0, `${label(c)}: sökt ${formatAmount(c.sökt)}, inget beslut än${s.esc(id)}`));
    }
    lines.push("");
  }
  if (changed.length > 0) {
    lines.push(...s.heading(2, `Ändrade ansökningar (${changed.length})`), "");
    for (const c of changed) {
      lines.push(s.item(0, label(c)));
      for (const u of c.updates) {
        const name = FIELD[u.field === "förvaltning" ? "förvaltning" : u.field];
        lines.push(s.item(1, u.before === undefined ? `${name} (ny): ${s.ins(s.esc(u.after))}` : `${name}: ${s.del(s.esc(u.before))} \u2192 ${s.strong(s.esc(u.after))}`));
      }
    }
    lines.push("");
  }
  if (added.length === 0 && changed.length === 0) lines.push(s.line("Inga ändringar: alla ansökningar i kalkylarket finns redan i filen, med samma uppgifter."), "");
  else if (unchanged > 0) lines.push(s.line(`${unchanged} ${unchanged === 1 ? "ansökan" : "ansökningar"} i kalkylarket fanns redan, utan ändringar.`), "");
  return lines.join("\n");
}

export async function main(argv: string[], given: ImportIO): Promise<number> {
  // What the import prints of the sheet (cells, headers, sheet names) and of
  // the round file can never steer the terminal: every error line goes
  // through visible(), as check's messages do; the report escapes each value
  // it places (Style.esc) and keeps its own colours.
  const io: ImportIO = { ...given, err: (line) => given.err(visible(line)) };
  const args = parseArgs(argv);
  if ("error" in args) {
    io.err(`fel: ${args.error}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if ("help" in args) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  if ("mall" in args) {
    const target = resolve(io.cwd, args.mall);
    if (!args.mall.toLowerCase().endsWith(".xlsx")) {
      io.err(`fel: mallen skrivs som Excel-arbetsbok: ge filen ändelsen .xlsx (${args.mall}).`);
      return EXIT.usage;
    }
    if (existsSync(target)) {
      io.err(`fel: ${args.mall} finns redan och skrivs inte över.\n  Åtgärd: välj ett annat filnamn eller ta bort den gamla filen.`);
      return EXIT.errors;
    }
    await writeFile(target, await templateWorkbook());
    io.out(`Skrev mallen ${args.mall}: en rad per ansökan, med rubrikerna på första raden. Exempelraden hoppas över vid importen.\n`);
    return EXIT.ok;
  }

  const year = args.year ?? (() => {
    const found = /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/.exec(basename(args.file));
    return found ? Number(found[1]) : undefined;
  })();
  if (year === undefined) {
    io.err(`fel: det framgår inte vilket år ansökningarna gäller.\n  Åtgärd: ange året, till exempel: npm run importera -- ${args.file} --ar 2026`);
    return EXIT.usage;
  }
  const roundShown = join("rounds", `${year}.yaml`);
  const roundPath = join(io.cwd, roundShown);
  // The round file through the project's one door, with the loader's own limits.
  const roundRead = await readProjectFile(roundPath, { root: io.cwd, maxBytes: MAX_FILE_BYTES });
  if (!roundRead.ok && roundRead.refusal.reason === "missing") {
    io.err(`fel: ${roundShown} finns inte.\n  Åtgärd: gör årets fil först (npm run ny-omgang -- ${year}), eller ange ett annat år med --ar.`);
    return EXIT.errors;
  }
  const decoded = roundRead.ok ? checkRoundBytes(roundRead.bytes, roundShown) : refusalDiagnostic(roundRead.refusal, roundShown);
  if ("code" in decoded) {
    io.err(`${formatDiagnostic(decoded)}\n`);
    io.err(`Inget importerades: ${roundShown} kan inte läsas.`);
    return EXIT.errors;
  }
  const source = decoded.text;
  const read = await readTables(resolve(io.cwd, args.file), { root: io.cwd });
  if (!read.ok) {
    io.err(`fel: ${read.message}\n  Åtgärd: ${read.hint}`);
    return EXIT.errors;
  }
  const parsed = parseApplications(read.tables, year);
  // Each application is checked with the round file's own rules for its fields (its decision comes later).
  for (const a of parsed.applications) {
    const schema: z.ZodType = a.fund === "lum" ? lumApplication.omit({ beslut: true }) : mulApplication.omit({ beslut: true });
    const check = schema.safeParse({
      nr: a.nr ?? 1,
      id: a.id ?? "x",
      förvaltning: a.förvaltningar.length === 1 ? a.förvaltningar[0] : a.förvaltningar,
      sökt: a.sökt,
      ...(a.enhet ? { enhet: a.enhet } : {}),
      ...(a.beskrivning ? { beskrivning: a.beskrivning } : {}),
      ...(a.fund === "lum" ? { projekt: a.projekt, ...(a.projektår ? { projektår: a.projektår } : {}) } : { resmål: a.resmål, syfte: a.syfte }),
    });
    if (!check.success) parsed.errors.push({ where: `${a.sheet}!${a.row}`, message: `raden kan inte bli en ansökan: ${check.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}.` });
  }
  for (const note of parsed.notes) io.err(`${note}`);
  if (parsed.errors.length === 0 && parsed.applications.length === 0) {
    io.err(`fel: ${args.file} har inga ansökningar (bara rubriker eller tomma rader).`);
    return EXIT.errors;
  }
  // Every mistake is shown in one run: the cells', and those the merge finds
  // (a row twice, a number or id already taken) among the rows that could be read.
  const problems: CellError[] = [...parsed.errors];
  // A continuing project keeps the id it had in the round it came from.
  const continuing = parsed.applications.filter((a) => a.fund === "lum" && a.id === undefined && (a.projektår ?? 1) >= 2);
  const found = continuing.length > 0 ? await earlierRound(dirname(roundPath), dirname(roundShown), year, io.cwd) : undefined;
  if (found?.broken) {
    // The project may well be in the round that cannot be read: a new id would lose it.
    const file = found.broken;
    problems.push(
      ...continuing.map((a) => ({
        where: a.cells?.projektår ?? `${a.sheet}!${a.row}`,
        message: `projektår ${a.projektår}, men ${file} har fel och kan inte läsas; rätta den filen först (npm run check -- ${file}), eller skriv projektets id i en kolumn Id.`,
      })),
    );
  }
  const merged = mergeApplications(source, parsed.applications, found?.broken ? undefined : found?.round, roundShown);
  if (!merged.ok) problems.push(...merged.errors);
  if (problems.length > 0 || !merged.ok) {
    for (const line of cellLines(inSheetOrder(problems))) io.err(line);
    io.err(`\nInget importerades: ${problems.length} fel i ${args.file}. Rätta ${problems.length === 1 ? "felet" : "alla"} och kör kommandot igen.`);
    return EXIT.errors;
  }
  const heading = `${args.visa ? "Import som skulle göras" : "Import"}: ${visible(basename(args.file))} → ${roundShown}`;
  io.out(report(merged.changes, merged.unchanged, heading, terminalStyle(io.colour)));
  // The new text, checked as npm run check would check the file; what the import caused is shown.
  const verified = merged.text === source ? undefined : await checkImport(roundPath, roundShown, source, merged.text, io.cwd);
  if (verified?.refused) {
    // The new file would break the loader's own limits: build would refuse it, so it is not written.
    io.err(`${formatDiagnostic(verified.refused)}\n`);
    io.err(`Inget importerades: ${roundShown} skulle efter importen inte gå att läsa som omgångsfil. Korta texterna i kalkylarket och kör kommandot igen.`);
    return EXIT.errors;
  }
  const errors = verified?.caused.filter((d) => d.severity === "fel").length ?? 0;
  if (verified) {
    const what = args.visa ? `${roundShown} som den skulle bli` : `den nya filen`;
    if (verified.caused.length > 0) {
      io.err(`Kontrollen av ${what}: ${formatSummary(verified.caused)} som kommer av importen.\n`);
      for (const d of verified.caused) io.err(`${formatDiagnostic(d)}\n`);
    } else if (verified.complete) io.out(`Kontrollen av ${what}: inga nya fel eller varningar.\n`);
    if (verified.errorsBefore > 0) {
      const n = verified.errorsBefore;
      io.err(
        `${roundShown} hade redan ${n === 1 ? "ett fel" : `${n} fel`} före importen${verified.complete ? "" : ", så kontrollen kunde inte göras färdig"}; npm run check -- ${roundShown} visar ${n === 1 ? "det" : "dem"}.\n`,
      );
    }
  }
  const added = merged.changes.filter((c) => c.kind === "ny").length;
  const decisions = added > 0 ? ` Skriv förvaltningens förslag (beslut:) för ${added === 1 ? "den nya ansökan" : `de ${added} nya ansökningarna`} innan du bygger; npm run check visar vilka som saknar beslut.` : "";
  const mustFix = `${errors === 1 ? "felet" : `de ${errors} felen`} ovan`;
  if (args.visa) {
    io.out(`Inget skrevs (--visa). Kör utan --visa för att lägga in ansökningarna.\n`);
    if (errors > 0) io.err(`Efter importen skulle ${roundShown} ha ${errors === 1 ? "ett fel" : `${errors} fel`} som måste rättas: se ${mustFix}.`);
    return errors > 0 ? EXIT.errors : EXIT.ok;
  }
  if (merged.text !== source) {
    const failed = await replaceRoundFile(roundPath, merged.text);
    if (failed) {
      io.err(`fel: Kunde inte skriva ${roundShown}; filen är oförändrad.\n${failed}`);
      return EXIT.environment;
    }
  }
  if (merged.text === source) io.out(`${roundShown} är oförändrad.\n`);
  else if (errors === 0) io.out(`Skrev ${roundShown}.${decisions}\n`);
  else {
    // The sheet is what the applicants asked for; the decision written earlier is what no longer fits, so the file is written and the secretary fixes it.
    io.err(
      `Skrev ${roundShown}, men filen har nu ${errors === 1 ? "ett fel" : `${errors} fel`} som måste rättas innan du kan bygga: se ${mustFix} (Åtgärd: säger vad du gör) och rätta i ${roundShown}. Kör sedan npm run check -- ${roundShown}.${decisions}`,
    );
    return EXIT.errors;
  }
  return EXIT.ok;
}

/**
 * Writes `text` as the round file at `path`: aside and renamed, so the file
 * is never half-written. A link (which the door has already found to stay
 * inside the project) stays a link: the file it points at is replaced. A
 * failed write or rename removes what it wrote aside. Returns why it failed
 * (the computer's refusal in Swedish: no permission, a full disk), or
 * undefined; any other failure is thrown.
 */
async function replaceRoundFile(path: string, text: string): Promise<string | undefined> {
  const target = await realpath(path);
  const temporary = join(dirname(target), `.${basename(target)}.importera-${process.pid}`);
  try {
    await writeFile(temporary, text, { flag: "wx" });
    await rename(temporary, target);
    return undefined;
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    const environment = environmentMessage(error);
    if (!environment) throw error;
    return environment;
  }
}

export function run(argv: string[]): Promise<number> {
  return guarded(
    () =>
      main(argv, {
        out: (text) => process.stdout.write(text),
        err: (line) => process.stderr.write(`${line}\n`),
        cwd: process.cwd(),
        colour: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
      }),
    "Kontakta utvecklarna och bifoga meddelandet.",
  );
}

runIfEntry(import.meta.url, run);

// `npm run status -- rounds/2026.yaml`: everything still open in a round, in
// one table that fits a terminal. Per fund and per förvaltning: how many
// applications there are, how many have the förvaltning's proposal (beslut:)
// and the nämnd's decision (sammanträde:), the amounts sought, proposed and
// decided, and the granted count against the per-förvaltning limit; under it,
// the applications without a proposal, the placeholders left and what check
// says. It works before every decision is written: an application without
// one counts as not yet proposed (the import's stand-in, see
// import/verify.ts), so the table is there while the file is half done.
import { MAX_ROUND_FILE_BYTES, readProjectFile } from "./files/read-project-file.js";
import LineBreaker from "linebreak";
import { relative, resolve } from "node:path";
import { isMap, isSeq, parseDocument, type YAMLMap } from "yaml";
import { checkRounds } from "./pipeline/index.js";
import { decidedAt } from "./derive/decision.js";
import { deriveFigures, förvaltningKey, type ApplicationFigures } from "./derive/figures.js";
import { formatDiagnostic, formatSummary } from "./diagnostics/format.js";
import { formatAmount, formatDate, joinWithAnd } from "./format/swedish.js";
import { formatHelp, wantsHelp, type HelpText } from "./help.js";
import { withStandInDecisions } from "./import/verify.js";
import { loadRoundFile, parseRound } from "./load/load-round.js";
import { EXIT, guarded, runIfEntry } from "./program.js";
import type { Round } from "./schema/round.js";

const HELP: HelpText = {
  användning: ["npm run status -- rounds/<år>.yaml"],
  beskrivning:
    "Visar vad som är kvar att göra i en omgång, i en tabell per fond och förvaltning: ansökningar med förslag och med nämndens beslut, sökta, föreslagna och beslutade belopp, antalet beviljade mot gränsen per förvaltning, och platshållarna som är kvar. Filen ändras inte.",
  flaggor: [["--help", "visar den här hjälpen"]],
  exempel: [["npm run status -- rounds/2026.yaml", "läget i 2026 års omgång"]],
  slutstatus: [
    [EXIT.ok, "läget visades (även när filen har fel; de räknas upp under tabellen)"],
    [EXIT.errors, "filen gick inte att läsa, eller har fel som gör att tabellen inte kan visas"],
    [EXIT.usage, "kommandot är felskrivet"],
  ],
};

export interface StatusIO {
  out: (text: string) => void;
  err: (line: string) => void;
  cwd: string;
}

/** The widest line the table may have: a terminal's 80 columns. */
export const WIDTH = 80;
const NAME_WIDTH = 20;

interface Row {
  namn: string;
  antal: number;
  förslag: number;
  beslut: number;
  sökt: number;
  föreslaget: number;
  beslutat: number;
  beviljade: number;
}

const emptyRow = (namn: string): Row => ({ namn, antal: 0, förslag: 0, beslut: 0, sökt: 0, föreslaget: 0, beslutat: 0, beviljade: 0 });

/** Cut to `width` characters, with … where it was cut. */
const cut = (s: string, width: number) => (s.length <= width ? s : `${s.slice(0, width - 1)}…`);
const kr = (n: number) => formatAmount(n).replace(/[\u00a0\u202f]/g, " ");

/** The applications of each fund that have no beslut: yet, by index, read from the file's own text. */
function undecided(text: string): Record<"lum" | "mul", Set<number>> {
  const result = { lum: new Set<number>(), mul: new Set<number>() };
  const document = parseDocument(text);
  if (!isMap(document.contents)) return result;
  for (const fund of ["lum", "mul"] as const) {
    const list = (document.contents as YAMLMap).get(fund, true);
    if (!isSeq(list)) continue;
    list.items.forEach((item, i) => {
      if (isMap(item) && !item.has("beslut")) result[fund].add(i);
    });
  }
  return result;
}

/** The rows of one fund: one per förvaltning, then its sum; a joint application is in each of its förvaltningar's rows, its money in the first's. */
function fundRows(apps: ApplicationFigures[], open: Set<number>, decided: ApplicationFigures[] | undefined): { rows: Row[]; sum: Row } {
  const rows = new Map<string, Row>();
  const sum = emptyRow("Summa");
  apps.forEach((a, i) => {
    const proposed = !open.has(i);
    // The decided amount is the nämnd's (a changed amount, a withdrawal), not the proposal's.
    const done = proposed && decided !== undefined;
    const beslutat = decided?.[i]?.beviljat ?? 0;
    a.förvaltningar.forEach((name, k) => {
      const key = förvaltningKey(name);
      const row = rows.get(key) ?? emptyRow(name);
      rows.set(key, row);
      row.antal++;
      if (proposed) row.förslag++;
      if (done) row.beslut++;
      if (proposed && a.beviljas) row.beviljade++;
      if (k > 0) return;
      row.sökt += a.sökt;
      if (proposed) row.föreslaget += a.beviljat;
      if (done) row.beslutat += beslutat;
    });
    sum.antal++;
    if (proposed) sum.förslag++;
    if (done) sum.beslut++;
    if (proposed && a.beviljas) sum.beviljade++;
    sum.sökt += a.sökt;
    if (proposed) sum.föreslaget += a.beviljat;
    if (done) sum.beslutat += beslutat;
  });
  return { rows: [...rows.values()].sort((a, b) => a.namn.localeCompare(b.namn, "sv-SE")), sum };
}

/** One fund's table, every line at most WIDTH characters. */
function fundTable(title: string, apps: ApplicationFigures[], open: Set<number>, decided: ApplicationFigures[] | undefined, max: number | undefined): string[] {
  if (apps.length === 0) return [`${title}: inga ansökningar.`];
  const { rows, sum } = fundRows(apps, open, decided);
  const header = ["Förvaltning", "Ans.", "Förslag", "Beslut", "Sökt", "Föreslaget", "Beslutat", "Bev."];
  // 79 characters with the spaces between: amounts up to 99 999 999 kronor fit their column.
  const widths = [NAME_WIDTH, 4, 7, 6, 10, 10, 10, 5];
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? cut(c, widths[0]!).padEnd(widths[0]!) : c.padStart(widths[i]!)))
      .join(" ")
      .trimEnd();
  const cells = (r: Row, limit: boolean) => [
    r.namn,
    String(r.antal),
    `${r.förslag}/${r.antal}`,
    `${r.beslut}/${r.antal}`,
    kr(r.sökt),
    r.förslag > 0 ? kr(r.föreslaget) : "–",
    r.beslut > 0 ? kr(r.beslutat) : "–",
    // Granted against the per-förvaltning limit; "!" when over it.
    limit && max !== undefined ? `${r.beviljade}/${max}${r.beviljade > max ? "!" : ""}` : String(r.beviljade),
  ];
  const rule = "-".repeat(line(header).length);
  return [
    `${title}${max !== undefined ? ` (högst ${max} beviljade per förvaltning)` : ""}`,
    line(header),
    rule,
    ...rows.map((r) => line(cells(r, true))),
    rule,
    line(cells(sum, false)),
  ];
}

/** A paragraph in lines of at most WIDTH characters, broken where Unicode allows (UAX #14, the PDF writer's library). */
export function wrap(text: string, width = WIDTH): string[] {
  const lines: string[] = [];
  const breaker = new LineBreaker(text);
  let start = 0;
  let last = 0;
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) {
    if ([...text.slice(start, b.position).trimEnd()].length > width && last > start) {
      lines.push(text.slice(start, last).trimEnd());
      start = last;
    }
    last = b.position;
  }
  if (start < text.length) lines.push(text.slice(start).trimEnd());
  return lines;
}

/** "rad 13, 14, 16 och 9 till", at most `shown` numbers. */
function someLines(lines: number[], shown = 8): string {
  const list = lines.slice(0, shown).join(", ");
  return lines.length > shown ? `${list} och ${lines.length - shown} till` : list;
}

export function statusText(round: Round, open: Record<"lum" | "mul", Set<number>>): string[] {
  const f = deriveFigures(round);
  // Decided only when the last meeting decided the matter (not återremiss or bordläggning).
  const decided = decidedAt(round) !== undefined;
  const lines = [
    ...fundTable(`${f.fond.lum.förkortning}, ${f.fond.lum.namn}`, f.lum.alla, open.lum, decided ? f.beslut.lum.alla : undefined, round.regler.max_beviljade_lum_per_förvaltning),
    "",
    ...fundTable(`${f.fond.mul.förkortning}, ${f.fond.mul.namn}`, f.mul.alla, open.mul, decided ? f.beslut.mul.alla : undefined, round.regler.max_beviljade_mul_per_förvaltning),
    "",
    "Förslag: ansökningar med förvaltningens förslag (beslut:). Beslut: med nämndens",
    "beslut (sammanträde:). Bev.: beviljade i förslaget, mot gränsen per förvaltning.",
    "En gemensam ansökan räknas för var och en av sina förvaltningar; beloppen står",
    "på den som får pengarna (den som står först).",
  ];
  return lines;
}

export async function main(argv: string[], io: StatusIO): Promise<number> {
  if (wantsHelp(argv)) {
    io.out(`${formatHelp(HELP)}\n`);
    return EXIT.ok;
  }
  const files = argv.filter((a) => a !== "--");
  const unknown = files.find((a) => a.startsWith("-"));
  if (unknown || files.length !== 1) {
    io.err(`${unknown ? `Okänd flagga: ${unknown}` : "Ange en omgångsfil, till exempel rounds/2026.yaml."}\n\n${formatHelp(HELP)}`);
    return EXIT.usage;
  }
  const path = resolve(io.cwd, files[0]!);
  const shown = relative(io.cwd, path).startsWith("..") ? path : relative(io.cwd, path);
  // Read through the same door as check: size, type and links are checked first.
  const loaded = await loadRoundFile(path, shown, io.cwd);
  const readable = loaded.ok || !loaded.diagnostics.some((d) => ["fil-saknas", "fil-inte-utf8", "fil-tom", "fil-for-stor", "yaml-syntax"].includes(d.code));
  if (!readable) {
    for (const d of loaded.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
    io.err(`${shown} kunde inte läsas, så läget kan inte visas.`);
    return EXIT.errors;
  }
  const read = await readProjectFile(path, { root: io.cwd, maxBytes: MAX_ROUND_FILE_BYTES });
  if (!read.ok) {
    io.err(`${shown} kunde inte läsas, så läget kan inte visas.`);
    return EXIT.errors;
  }
  const text = read.bytes.toString("utf8");
  const open = undecided(text);
  const standIn = parseRound({ path: shown, text: withStandInDecisions(text).text });
  const { diagnostics } = await checkRounds([{ path, shown }], { root: io.cwd });
  const placeholderLines = (loaded.ok ? loaded.notes : loaded.diagnostics).filter((d) => d.code === "platshallare").map((d) => d.line);
  const out: string[] = [];
  if (standIn.ok) {
    const round = standIn.round;
    const f = { lum: round.fonder?.lum?.förkortning ?? "LUM", mul: round.fonder?.mul?.förkortning ?? "MUL" };
    out.push(`${shown}: omgången ${round.år}`, "", ...statusText(round, open), "");
    // "LUM nr 1, 2 och 5; MUL nr 1", with a number never parted from its fund by a line break.
    const numbers = (nrs: number[]) => (nrs.length > 12 ? `${nrs.slice(0, 12).join(", ")} och ${nrs.length - 12} till` : joinWithAnd(nrs.map(String)));
    const missing = (["lum", "mul"] as const)
      .filter((fund) => open[fund].size > 0)
      .map((fund) => `${fund === "lum" ? f.lum : f.mul}\u00a0nr\u00a0${numbers([...open[fund]].map((i) => round[fund][i]!.nr))}`);
    const count = open.lum.size + open.mul.size;
    out.push(
      round.lum.length + round.mul.length === 0
        ? "Ansökningar: inga i filen än (npm run importera lägger in dem från ett kalkylark)."
        : count === 0
        ? "Förslag: alla ansökningar har förvaltningens förslag."
        : `Förslag saknas för ${count === 1 ? "en ansökan" : `${count} ansökningar`}: ${missing.join("; ")}.`,
    );
    const meeting = round.sammanträde;
    out.push(
      meeting
        ? `Nämndens beslut: den ${formatDate(meeting.datum).replace(/\u00a0/g, " ")}, § ${meeting.paragraf}, ${
            meeting.utfall === "återremiss"
              ? "återremitterat: inget är beslutat än"
              : meeting.utfall === "bordläggning"
              ? "bordlagt: inget är beslutat än"
              : meeting.ändringar || meeting.återtagna
              ? "med ändringar mot förslaget (se kolumnen Beslutat)"
              : "enligt förslaget"
          }.`
        : "Nämndens beslut: inte än (sammanträde: läggs in när nämnden har beslutat).",
    );
  } else {
    // The mistakes that keep the table from being shown, as check prints them.
    for (const d of diagnostics.filter((d) => d.severity === "fel")) io.err(`${formatDiagnostic(d)}\n`);
    out.push(`${shown}: filen har fel (ovan) som gör att tabellen inte kan visas; rätta dem först.`);
  }
  out.push(
    placeholderLines.length === 0
      ? "Platshållare: inga kvar."
      : `Platshållare kvar: ${placeholderLines.length}, på rad ${someLines(placeholderLines)}.`,
  );
  // Missing decisions are counted above; the rest is what check says.
  const rest = diagnostics.filter((d) => !(d.code === "saknas" && /"beslut" i (LUM|MUL|MUST)-ansökan/.test(d.message)) && d.code !== "platshallare");
  out.push(
    rest.length === 0
      ? "Kontroll: inget annat att rätta."
      : `Kontroll: ${formatSummary(rest)} till; npm run check -- ${shown} visar ${rest.length === 1 ? "den" : "dem"} med rad och åtgärd.`,
  );
  io.out(`${out.flatMap((l) => (l === "" ? [""] : wrap(l))).join("\n").replace(/\u00a0/g, " ")}\n`);
  return standIn.ok ? EXIT.ok : EXIT.errors;
}

export function run(argv: string[]): Promise<number> {
  return guarded(
    () => main(argv, { out: (t) => process.stdout.write(t), err: (l) => process.stderr.write(`${l}\n`), cwd: process.cwd() }),
    "Kontakta utvecklarna och bifoga meddelandet.",
  );
}

runIfEntry(import.meta.url, run);

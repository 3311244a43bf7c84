// `npm run ny-omgang -- 2026`: starts a new year's round file from the nearest
// round (the latest before the year; for a year older than every round, the
// oldest), as the secretary used to by copying last year's file – but without
// its leftovers. Criteria, rules, the committee and the signatories are kept;
// applications, the meeting, anmälningsärenden, reports and what the year's
// proposal and workshops were about are emptied;
// every value bound to a year (title, Dnr, dates) is moved to the new year
// and marked "# PLATSHÅLLARE", so that check warns until it is filled in
// and the documents say UTKAST. Projects that may continue are listed as
// comments with their ids. The year's wording (its template set, see
// src/compose/compose.ts; the oldest set for a year older than every set)
// is copied to templates/<year>/ to be reworded there, and the command says
// which it used. Nothing is ever overwritten.
import { cp, lstat, readdir, writeFile } from "node:fs/promises";
import { existsSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { isMap, isPair, isScalar, parseDocument, type Document, type Pair, type Scalar } from "yaml";
import { TEMPLATE_ROOT, templateSetFor } from "./compose/compose.js";
import { deriveFigures } from "./derive/figures.js";
import { formatDiagnostic, formatSummary } from "./diagnostics/format.js";
import { formatHelp, wantsHelp } from "./help.js";
import { loadRoundFile, type LoadedRound } from "./load/load-round.js";
import { PLACEHOLDER_MARK } from "./load/placeholders.js";
import { environmentMessage, EXIT, guarded, runIfEntry } from "./program.js";
import { staysInProject } from "./files/read-project-file.js";
import { visible } from "./terminal.js";

const HELP = formatHelp({
  användning: ["npm run ny-omgang -- ÅR [--från FIL]"],
  beskrivning:
    "Gör en ny omgångsfil, rounds/<ÅR>.yaml, från den närmaste omgången (den senaste före ÅR, eller den äldsta när ÅR är äldre än alla): kriterier, regler och undertecknare behålls, ansökningarna töms, och allt som hör till ett visst år (titel, diarienummer, datum) flyttas till det nya året och märks PLATSHÅLLARE så att du ser vad som ska fyllas i. Projekt som kan fortsätta står som kommentarer med sina id. Texterna som ÅR annars skulle skrivas med (eller, för ett år äldre än alla texter, de äldsta) kopieras till templates/<ÅR>/, och kommandot säger vilka. En fil som redan finns skrivs aldrig över.",
  flaggor: [
    ["ÅR", "det nya årets årtal, till exempel 2026"],
    ["--från FIL", "utgå från en viss omgångsfil i stället för den närmaste (den senaste före ÅR, eller den äldsta om ÅR är äldre än alla)"],
    ["--help", "visar den här hjälpen"],
  ],
  exempel: [
    ["npm run ny-omgang -- 2026", "gör rounds/2026.yaml från den senaste omgången"],
    ["npm run ny-omgang -- 2026 --från rounds/2024.yaml", "utgår från 2024 års fil"],
    ["npm run ny-omgang -- 2012", "ett år äldre än alla omgångar: utgår från den äldsta och dess texter"],
  ],
  mer: ["Sedan: fyll i platshållarna, kör npm run check -- rounds/<ÅR>.yaml, och npm run check -- --strict innan ärendet skickas."],
  slutstatus: [
    [EXIT.ok, "filen är skriven"],
    [EXIT.errors, "filen finns redan, eller omgången att utgå från har fel"],
    [EXIT.usage, "kommandot är felskrivet"],
    [EXIT.environment, "datorn stoppade skrivningen (till exempel saknas behörighet att skriva i rounds/); inget har ändrats"],
  ],
});

export interface NewRoundIO {
  out: (line: string) => void;
  err: (line: string) => void;
  cwd: string;
  /** Where the template sets are; the project's templates/ unless a test says otherwise. */
  templateRoot?: string;
}

/** Keys of a round that belong to one year's case and are not carried over. */
const EMPTIED = ["sammanträde", "tidigare_sammanträden", "anmälningsärenden", "redovisningar", "redovisning", "förslagets_inriktning", "workshops"] as const;

/** `iso` moved by `years`, the day clamped to the month (29 February). */
export function shiftDate(iso: string, years: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** Years 1980–2099 in a text moved by `years` ("3.2-0000/2024" → "3.2-0000/2026"). */
export function shiftYears(text: string, years: number): string {
  return text.replace(/(?<![\d-])(19[89]\d|20\d\d)(?!\d)/g, (y) => String(Number(y) + years));
}

function mark(node: Scalar, what: string): void {
  node.comment = ` ${PLACEHOLDER_MARK}: ${what}`;
}

function pairOf(map: unknown, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key) as Pair | undefined;
}

/** Moves the scalar at `path` by `years` with `shift` and marks it. */
function moveScalar(doc: Document, path: string[], shift: (value: string) => string, what: string): boolean {
  const node = doc.getIn(path, true);
  if (!isScalar(node) || typeof node.value !== "string") return false;
  node.value = shift(node.value);
  mark(node, what);
  return true;
}

interface Continuing {
  id: string;
  förvaltning: string;
  projekt: string;
  projektår: number;
  år: number;
}

/** Projects granted in `round` (as the nämnd decided) that the rules allow to go on in `year`. */
function continuing(round: LoadedRound["round"], year: number): Continuing[] {
  const max = round.regler.max_år_i_rad;
  const figures = deriveFigures(round).beslut.lum.alla;
  return round.lum
    .filter((app, i) => figures[i]!.beviljas || figures[i]!.centralaMedel)
    .filter((app) => max === undefined || app.projektår + (year - round.år) <= max)
    .map((app) => ({ id: app.id, förvaltning: figures.find((f) => f.id === app.id)!.förvaltning, projekt: app.projekt, projektår: app.projektår, år: round.år }));
}

/** The new round's text, from the source round's text. */
export function newRoundText(
  source: LoadedRound,
  year: number,
  sourceShown: string,
  continuingFrom: LoadedRound["round"] | undefined,
): { text: string; marked: string[]; emptied: string[]; continuing: Continuing[] } {
  const doc = parseDocument(source.source.text);
  const from = source.round.år;
  const years = year - from;
  const marked: string[] = [];
  const date = (v: string) => shiftDate(v, years);
  const text = (v: string) => shiftYears(v, years);

  doc.set("år", year);
  const moves: [string[], (v: string) => string, string, string][] = [
    [["titel"], text, "titel", "kontrollera titeln för det nya året"],
    [["dnr"], text, "dnr", "det nya ärendets diarienummer"],
    [["datum"], date, "datum", "tjänsteutlåtandets datum"],
    [["ansökningsperiod", "från"], date, "ansökningsperiod", "ansökningsperiodens första dag"],
    [["ansökningsperiod", "till"], date, "ansökningsperiod", "ansökningsperiodens sista dag"],
    [["beredning", "förvaltningsgruppen"], date, "beredning", "datum för beredningen i förvaltningsgruppen"],
    [["beredning", "funktionshinderrådet"], date, "beredning", "datum för beredningen i funktionshinderrådet"],
    [["återbetalning_senast"], date, "återbetalning_senast", "sista dag för återbetalning"],
    [["fou_plan", "antagen"], date, "fou_plan", "dagen nämnden antog årets plan för FoU-medel"],
  ];
  for (const [path, shift, name, what] of moves) {
    if (moveScalar(doc, path, shift, what) && !marked.includes(name)) marked.push(name);
  }
  // A block marked as a whole ("ansökningsperiod:  # PLATSHÅLLARE") is now marked value by value.
  for (const key of ["ansökningsperiod", "beredning"]) {
    const pair = pairOf(doc.contents, key);
    if (pair && isScalar(pair.key)) pair.key.comment = undefined;
    if (pair && isMap(pair.value)) {
      pair.value.comment = undefined;
      pair.value.commentBefore = undefined;
    }
  }

  const emptied: string[] = [];
  for (const key of EMPTIED) {
    if (doc.has(key)) {
      doc.delete(key);
      emptied.push(key);
    }
  }
  for (const key of ["lum", "mul"] as const) {
    const pair = pairOf(doc.contents, key);
    if (pair) {
      pair.value = doc.createNode([]);
      if (isScalar(pair.key)) pair.key.commentBefore = undefined;
    } else doc.set(key, doc.createNode([]));
    emptied.push(key);
  }

  const going = continuingFrom ? continuing(continuingFrom, year) : [];
  const lumKey = pairOf(doc.contents, "lum")?.key;
  const lumComment = [" Lokala utvecklingsmedel (LUM): en post per ansökan (se README)."];
  if (going.length > 0) {
    const r = going[0]!.år;
    lumComment.push(
      ` Projekt som beviljades medel ${r} och kan fortsätta ${year}. Ett projekt som`,
      " fortsätter behåller sitt id, och projektår räknas upp ett steg för varje år",
      ` det har fått medel${year - r > 1 ? ` (har det inte fått medel ${r + 1}, börjar det om på år 1)` : ""}:`,
      ...going.map((g) => `   id: ${g.id}   ${g.förvaltning}, ”${g.projekt}”, år ${g.projektår} ${g.år}`),
    );
  }
  if (isScalar(lumKey)) lumKey.commentBefore = lumComment.join("\n");

  doc.commentBefore = [
    " yaml-language-server: $schema=./round.schema.json",
    "",
    ` Omgången ${year}, gjord med npm run ny-omgang från ${sourceShown}.`,
    " Kriterier, regler och undertecknare är kopierade därifrån. Uppgifter märkta",
    ` ${PLACEHOLDER_MARK} hör till ett visst år och ska fyllas i för ${year}; ta bort`,
    " kommentaren när uppgiften är rätt. Så länge en platshållare finns kvar",
    " märks dokumenten UTKAST.",
  ].join("\n");
  return { text: doc.toString({ lineWidth: 0 }), marked, emptied, continuing: going };
}

/**
 * The texts a new year starts from: the set the year would be written with
 * (its own, else the newest earlier one), or for a year older than every
 * set, the oldest set — the nearest there is.
 */
function nearestTemplateSet(year: number, root: string): { dir: string; year: number } | undefined {
  const own = templateSetFor(year, root);
  if (own) return own;
  const years = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^\d{4}$/.test(e.name))
    .map((e) => Number(e.name))
    .sort((a, b) => a - b);
  return years[0] === undefined ? undefined : { dir: join(root, String(years[0])), year: years[0] };
}

/** The round files in `dir` that load cleanly, by year; each read through the door, links out of `root` refused. */
async function roundsIn(dir: string, root: string): Promise<{ path: string; loaded: LoadedRound }[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^\d{4}\.ya?ml$/.test(n)).sort();
  const found: { path: string; loaded: LoadedRound }[] = [];
  for (const name of names) {
    const result = await loadRoundFile(join(dir, name), join(dir, name), root);
    if (result.ok && !result.notes.some((d) => d.severity === "fel")) found.push({ path: join(dir, name), loaded: result });
  }
  return found.sort((a, b) => a.loaded.round.år - b.loaded.round.år);
}

export async function main(argv: string[], given: NewRoundIO): Promise<number> {
  // Nothing printed can steer the terminal: file names and messages go through visible(), as check's diagnostics do.
  const io: NewRoundIO = { ...given, out: (l) => given.out(visible(l)), err: (l) => given.err(visible(l)) };
  if (wantsHelp(argv)) {
    io.out(HELP);
    return EXIT.ok;
  }
  const args = argv.filter((a) => a !== "--");
  let sourceArg: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--från" || a === "--fran") sourceArg = args[++i];
    else if (a.startsWith("--från=")) sourceArg = a.slice("--från=".length);
    else if (a.startsWith("-")) {
      io.err(`Okänd flagga: ${a}\n\n${HELP}`);
      return EXIT.usage;
    } else positional.push(a);
  }
  if (positional.length !== 1 || !/^\d{4}$/.test(positional[0]!) || (args.includes("--från") && !sourceArg)) {
    io.err(`${positional.length === 0 ? "Ange det nya årets årtal, till exempel 2026." : "Ange ett årtal med fyra siffror, till exempel 2026."}\n\n${HELP}`);
    return EXIT.usage;
  }
  const year = Number(positional[0]);
  const roundsDir = join(io.cwd, "rounds");
  const target = join(roundsDir, `${year}.yaml`);
  const shown = (p: string) => relative(io.cwd, p) || p;
  if (existsSync(target) || (await lstat(target).catch(() => undefined))) {
    io.err(`${shown(target)} finns redan. ny-omgang skriver aldrig över en fil: öppna den och ändra i den, eller byt namn på den om du vill börja om.`);
    return EXIT.errors;
  }
  // rounds/ (or a folder above it) that is a link out of the project would
  // have the new file written elsewhere, and check would then refuse it.
  if (!(await staysInProject(target, io.cwd))) {
    io.err(`${shown(roundsDir)}/ är en länk till en mapp utanför projektet; ny-omgang skriver inte dit. Inget har skrivits.\n  Åtgärd: gör rounds/ till en vanlig mapp i projektet och flytta omgångsfilerna dit.`);
    return EXIT.errors;
  }

  const all = await roundsIn(roundsDir, io.cwd);
  let source: { path: string; loaded: LoadedRound } | undefined;
  if (sourceArg) {
    const path = resolve(io.cwd, sourceArg);
    const result = await loadRoundFile(path, sourceArg, io.cwd);
    const problems = result.ok ? result.notes.filter((d) => d.severity === "fel") : result.diagnostics;
    if (!result.ok || problems.length > 0) {
      for (const d of problems) io.err(`${formatDiagnostic(d)}\n`);
      io.err(`Kan inte utgå från ${sourceArg}: ${formatSummary(problems)}. Rätta filen först.`);
      return EXIT.errors;
    }
    source = { path, loaded: result };
  } else {
    // The nearest round: the newest before the year, else (a year older than every round) the oldest after it.
    source = all.filter((r) => r.loaded.round.år < year).at(-1) ?? all.find((r) => r.loaded.round.år > year);
    if (!source) {
      io.err(`Det finns ingen omgång i ${shown(roundsDir)}/ att utgå från (eller så har de fel: kör npm run check). Ange en fil med --från.`);
      return EXIT.errors;
    }
  }
  if (source.loaded.round.år === year) {
    io.err(`${shown(source.path)} gäller redan ${year}; välj en omgång från ett annat år med --från.`);
    return EXIT.errors;
  }
  // Projects that may continue: from the newest earlier round that has applications (none for a year before the source's).
  const earlier = [source, ...all.filter((r) => r.loaded.round.år < year).reverse()].filter((r) => r.loaded.round.år < year);
  const withApplications = earlier.find((r) => r.loaded.round.lum.length > 0);
  const made = newRoundText(source.loaded, year, shown(source.path), withApplications?.loaded.round);
  try {
    await writeFile(target, made.text, { flag: "wx" });
  } catch (error) {
    // Say what the computer said: the file appeared meanwhile, the folder is missing, or writing is not allowed.
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "EEXIST"
        ? `${shown(target)} finns redan (den kom till medan kommandot arbetade)`
        : code === "ENOENT"
          ? `mappen ${shown(roundsDir)}/ saknas; gör den först`
          : (environmentMessage(error)?.replace(/^Datorn stoppade arbetet: /, "").split("\n")[0]?.replace(/\.$/, "") ?? `okänt fel (${code ?? "utan kod"})`);
    io.err(`Kunde inte skriva ${shown(target)}: ${why}. Inget har ändrats.`);
    return code === "EEXIST" || code === "ENOENT" ? EXIT.errors : EXIT.environment;
  }
  const direction = source.loaded.round.år < year ? "närmast tidigare omgång" : `närmast senare omgång – det finns ingen före ${year}`;
  io.out(`Skrev ${shown(target)} från ${shown(source.path)} (${sourceArg ? "angiven med --från" : direction}).`);
  io.out(`  Behållet: kriterier, prioriterade områden, regler, nämnd, förvaltning, avdelning, handläggare och undertecknare.`);
  io.out(`  Tömt: ${made.emptied.join(", ")}.`);
  io.out(`  Flyttat till ${year} och märkt ${PLACEHOLDER_MARK} (fyll i): ${made.marked.join(", ")}.`);
  if (made.continuing.length > 0) {
    io.out(`  ${made.continuing.length} projekt från ${made.continuing[0]!.år} kan fortsätta; de står som kommentarer under lum: med sina id.`);
  }

  const templateRoot = io.templateRoot ?? TEMPLATE_ROOT;
  const wording = nearestTemplateSet(year, templateRoot);
  const ownSet = join(templateRoot, String(year));
  if (wording && wording.year !== year) {
    await cp(wording.dir, ownSet, { recursive: true, errorOnExist: true, force: false });
    const why = wording.year < year ? `närmast tidigare års texter` : `de äldsta texterna som finns – inga är äldre än ${wording.year}`;
    io.out(`Kopierade texterna i ${shown(wording.dir)}/ (${why}) till ${shown(ownSet)}/; skriv om dem där för ${year}.`);
  } else if (wording) {
    io.out(`Texterna för ${year} finns redan i ${shown(ownSet)}/ och har inte ändrats.`);
  } else {
    io.out(`Det finns inga texter i ${shown(templateRoot)}/ att kopiera; ${year} behöver en mapp ${shown(ownSet)}/ med mallar innan det kan byggas.`);
  }
  io.out(`Nästa steg: fyll i platshållarna och kör npm run check -- ${shown(target)}.`);
  return EXIT.ok;
}

export function run(argv: string[]): Promise<number> {
  return guarded(
    () =>
      main(argv, {
        out: (l) => process.stdout.write(`${l}\n`),
        err: (l) => process.stderr.write(`${l}\n`),
        cwd: process.cwd(),
      }),
    "Ingen fil har skrivits över. Kontakta utvecklarna och bifoga meddelandet.",
  );
}

runIfEntry(import.meta.url, run);

// The first stage of the pipeline: round files in, checked rounds out.
// load → validate → check (the file itself, then the rules against last
// year's round and the wording) → a CheckedRound. The figures the check
// derives and the documents the wording check composes are remembered for
// the round (figuresOf, composedBy), so prepare.ts derives and composes
// nothing twice. File I/O only in loading the round files and their siblings.
import { readdir } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { checkRound } from "../check/check-round.js";
import { checkGlyphs } from "../check/glyph-coverage.js";
import { checkWording } from "../check/wording.js";
import { composeRound, templateSetFor, type ComposedRound } from "../compose/compose.js";
import { deriveFigures, type Figures } from "../derive/figures.js";
import { diagnostic, type Diagnostic } from "../diagnostics/catalogue.js";
import { readProjectFile } from "../files/read-project-file.js";
import { loadRoundFile, MAX_FILE_BYTES, type LoadedRound, type LoadResult } from "../load/load-round.js";
import type { Round } from "../schema/round.js";

/**
 * A validated round, with last year's when it was found; `path` and
 * `previousPath` say which files they were read from (for incremental builds).
 */
export type CheckedRound = {
  file: string;
  round: Round;
  previous?: Round;
  path?: string;
  previousPath?: string;
  /** The hash of the round's text as checked (and so as rendered), and of last year's: what an incremental build records. */
  digest?: string;
  previousDigest?: string;
  /** How many values are still marked "# PLATSHÅLLARE": the documents are drafts when any are. */
  placeholders?: number;
};

/** Which documents are composed: all of a round's (undefined), or those it accepts (`--bara`). */
export type DocumentFilter = ((document: { name: string; bilaga?: number | undefined }) => boolean) | undefined;

/** A round file: where to read it, and how to name it in messages. */
export interface RoundFile {
  path: string;
  shown: string;
}

/** The year a round file's name gives ("2024.yaml", "2024-utkast.yml"), if any. */
export function yearOfName(path: string): number | undefined {
  const match = /^(\d{4})(?![\d])/.exec(basename(path));
  return match ? Number(match[1]) : undefined;
}

/** The year a file that does not load cleanly is meant for: its name's, or its år: if that much can be read. */
function intendedYear(path: string, source: string | undefined): number | undefined {
  const named = yearOfName(path);
  if (named !== undefined || source === undefined) return named;
  const year = /^år:\s*(\d{4})\s*(#.*)?$/m.exec(source)?.[1];
  return year === undefined ? undefined : Number(year);
}

/**
 * Another round file in the folder of a round being checked, as it was read.
 * `skipped`: the file was not read, because its name gives a year (this one)
 * that no round being checked looks at as its own or last year; `result` is
 * then an empty failure that no rule reads. A skipped file of an earlier year
 * counts as an earlier round (lastYearFor's `earlier`) as if it loaded.
 */
export type Sibling = { file: RoundFile; result: LoadResult; source: string | undefined; skipped?: number };

/** A round file that loaded and passed the checks of the file itself. */
export type LoadedEntry = { file: RoundFile; round: LoadedRound };

/**
 * The checks of one file by itself, before any other year is looked at: its
 * name's year, characters the PDF fonts cannot draw, the wording set of its
 * year. Gives the diagnostics (the load's notes among them) and whether the
 * round can go on to the rules.
 */
export function checkFileItself(file: RoundFile, result: LoadedRound): { diagnostics: Diagnostic[]; usable: boolean } {
  const named = yearOfName(file.path);
  if (named !== undefined && named !== result.round.år) {
    return { diagnostics: [diagnostic("ar-filnamn", result.locate(["år"]), { namn: basename(file.shown), ar: result.round.år })], usable: false };
  }
  // Every character must be drawable in the PDF fonts; a round that is not
  // is reported and left out, so nothing is built from it.
  const glyphs = checkGlyphs(result.document, result.lineCounter, result.source);
  const diagnostics = [...result.notes, ...glyphs];
  // The round's wording comes from the template set of its year (or the newest earlier one).
  const noTemplates = templateSetFor(result.round.år) === undefined;
  if (noTemplates) diagnostics.push(diagnostic("mallar-saknas", result.locate(["år"]), { ar: result.round.år }));
  return { diagnostics, usable: glyphs.length === 0 && !noTemplates };
}

/**
 * Which round the rules across years compare a round with, chosen the same
 * way by check, build, the preview and the review report (diff): last year's
 * among the rounds given together (`given`, by year), else among the other
 * files in its folder (`siblings`). A round for last year that holds only its
 * inriktning (no applications) does not tell what was granted that year, so
 * the rules across years cannot use it. `broken`: last year's file is there
 * but does not load (its errors would otherwise silently change this year's
 * redovisning); `givenBroken` says one of the files given is meant for last
 * year and does not load (its own errors are reported already). `earlier`:
 * older rounds exist, so a missing last year is a gap worth a note rather
 * than the first year.
 */
export function lastYearFor(
  year: number,
  given: ReadonlyMap<number, LoadedEntry>,
  siblings: readonly Sibling[],
  givenBroken = false,
): { previous?: LoadedEntry; broken?: { file: RoundFile; errors: number }; earlier: boolean; withoutApplications?: LoadedEntry } {
  let lastYear = given.get(year - 1);
  if (!lastYear) {
    const match = siblings.find((s) => s.result.ok && s.result.round.år === year - 1);
    if (match?.result.ok) lastYear = { file: match.file, round: match.result };
  }
  if (!lastYear && !givenBroken) {
    const broken = siblings.find((s) => !s.result.ok && intendedYear(s.file.path, s.source) === year - 1);
    if (broken && !broken.result.ok) return { broken: { file: broken.file, errors: broken.result.diagnostics.filter((d) => d.severity === "fel").length }, earlier: true };
  }
  const previous = lastYear && lastYear.round.round.lum.length + lastYear.round.round.mul.length > 0 ? lastYear : undefined;
  const earlier =
    [...given.keys()].some((y) => y < year) ||
    siblings.some((s) => (s.result.ok && s.result.round.år < year) || (s.skipped !== undefined && s.skipped < year)) ||
    lastYear !== undefined;
  return { previous, earlier, ...(lastYear && !previous ? { withoutApplications: lastYear } : {}) };
}

/**
 * The rules over one round against the round `lastYearFor` chose, and its
 * wording: what check says about the round beyond the file itself.
 */
export function checkAcrossYears(
  entry: LoadedEntry,
  given: ReadonlyMap<number, LoadedEntry>,
  siblings: readonly Sibling[],
  givenBroken = false,
  /** Compose only these documents (`--bara`); the others are neither composed nor checked for composing. */
  only?: DocumentFilter,
): { diagnostics: Diagnostic[]; checked?: CheckedRound } {
  const { previous, broken, earlier, withoutApplications } = lastYearFor(entry.round.round.år, given, siblings, givenBroken);
  if (broken) {
    return { diagnostics: [diagnostic("foregaende-ar-trasigt", entry.round.locate(["år"]), { fil: broken.file.shown, antal: broken.errors })] };
  }
  const round = entry.round.round;
  // Each round's figures are derived once: last year's come from the check of last year when it was given too.
  const figures = figuresOf(round, previous?.round.round);
  const lastYear = previous && { round: previous.round.round, file: previous.file.shown, figures: lastYearsFigures(previous.round.round) };
  // What the search for last year's round found, for a note that names the file and why it did not help.
  const year = round.år - 1;
  const expected = join(dirname(entry.file.shown), `${year}.yaml`);
  const searched = withoutApplications
    ? {
        orsak: `${withoutApplications.file.shown} finns, men den har inga ansökningar (den är ${year} års ${withoutApplications.round.round.redovisningar?.length ? "inriktning och redovisning" : "inriktning"}), så det går inte att se vilka projekt som fick medel ${year}`,
        atgard: `Lägg in ${year} års ansökningar med beslut i ${withoutApplications.file.shown} om kontrollen ska göras; annars kan noteringen lämnas.`,
      }
    : {
        orsak: `det finns ingen omgångsfil för ${year} bredvid filen (${expected} söktes)`,
        atgard: `Lägg ${year} års fil (${expected}) i samma mapp om kontrollen ska göras.`,
      };
  const diagnostics = checkRound(entry.round, lastYear, earlier, figures, searched);
  // The wording: it must compose, and must not type a figure the tool computes.
  // What it composes is kept, and is what the build writes.
  if (!diagnostics.some((d) => d.severity === "fel")) {
    const compose = () => {
      const composed = composeRound(round, figures, undefined, only);
      work.get(round)!.composed = { only, composed };
      return composed;
    };
    diagnostics.push(...checkWording(round, figures, undefined, compose, entry.round.locate));
  }
  return {
    diagnostics,
    checked: {
      file: entry.file.shown,
      round: entry.round.round,
      previous: previous?.round.round,
      path: entry.file.path,
      previousPath: previous?.file.path,
      digest: entry.round.digest,
      previousDigest: previous?.round.digest,
      placeholders: entry.round.placeholders.length,
    },
  };
}

/**
 * What the check derived and composed for a round, by the round object (so a
 * copy of a CheckedRound with another round never picks up this one's).
 * `previous` is the last year's round the figures were derived with;
 * `composed`, the documents the wording check composed with the project's
 * templates, and the filter they were composed with.
 */
interface Work {
  previous: Round | undefined;
  figures: Figures;
  composed?: { only: DocumentFilter; composed: ComposedRound };
}
const work = new WeakMap<Round, Work>();

/** A round's figures with `previous` as last year's round (undefined: none), derived once per round. */
export function figuresOf(round: Round, previous: Round | undefined): Figures {
  const known = work.get(round);
  if (known && known.previous === previous) return known.figures;
  const figures = deriveFigures(round, previous);
  work.set(round, { previous, figures });
  return figures;
}

/**
 * Last year's figures, for the rules over this year: they read its
 * applications, which do not depend on the year before it, so the figures
 * its own check derived serve, whatever round that check had as its last year.
 */
function lastYearsFigures(round: Round): Figures {
  return work.get(round)?.figures ?? figuresOf(round, undefined);
}

/** The documents the check composed for `round` with `only`, if it did. */
export function composedBy(round: Round, previous: Round | undefined, only: DocumentFilter): ComposedRound | undefined {
  const known = work.get(round);
  const composed = known && known.previous === previous ? known.composed : undefined;
  return composed && composed.only === only ? composed.composed : undefined;
}

/**
 * Loads, validates and checks every file; diagnostics for all of them in one
 * go. Rules that look at last year find its round among the files given or,
 * failing that, among the other round files in the same folder (`lastYearFor`).
 * A round's year must be its file name's, and no other round file in the
 * folder may have it (else a build of one file could replace another year's
 * documents). With `root` (the project), round files that are links out of it
 * are refused.
 */
export async function checkRounds(
  files: (string | RoundFile)[],
  /** `root`: the project, for refusing links out of it; `load`: how a file is read (the preview's remembers unchanged files). */
  options: { root?: string; load?: typeof loadRoundFile; only?: DocumentFilter } = {},
): Promise<{ rounds: CheckedRound[]; diagnostics: Diagnostic[] }> {
  const load = options.load ?? loadRoundFile;
  const wanted = files.map((f) => (typeof f === "string" ? { path: f, shown: f } : f));
  const results = await Promise.all(wanted.map(async (f) => ({ file: f, result: await load(f.path, f.shown, options.root) })));
  const rounds: CheckedRound[] = [];
  const diagnostics: Diagnostic[] = [];
  const loaded: LoadedEntry[] = [];
  for (const { file, result } of results) {
    if (!result.ok) {
      diagnostics.push(...result.diagnostics);
      continue;
    }
    const itself = checkFileItself(file, result);
    diagnostics.push(...itself.diagnostics);
    if (itself.usable) loaded.push({ file, round: result });
  }
  const byYear = new Map<number, LoadedEntry>();
  for (const entry of loaded) {
    const other = byYear.get(entry.round.round.år);
    if (other) {
      diagnostics.push(diagnostic("ar-dubblett", entry.round.locate(["år"]), { ar: entry.round.round.år, annan: other.file.shown }));
    } else byYear.set(entry.round.round.år, entry);
  }
  const given = new Set(wanted.map((f) => resolve(f.path)));
  const folders = new Map<string, Promise<Sibling[]>>();
  // A sibling matters to a round of its own year (two files for one year) or of the year after (last year's round).
  const relevant = new Set(loaded.flatMap((entry) => [entry.round.round.år, entry.round.round.år + 1]));
  const siblingsOf = (file: RoundFile) => {
    const dir = dirname(file.path);
    if (!folders.has(dir)) folders.set(dir, loadSiblings(dir, dirname(file.shown), given, options.root, load, relevant));
    return folders.get(dir)!;
  };
  for (const entry of loaded) {
    const year = entry.round.round.år;
    const siblings = await siblingsOf(entry.file);
    const same = siblings.find((s) => s.result.ok && s.result.round.år === year);
    if (same) {
      diagnostics.push(diagnostic("ar-dubblett", entry.round.locate(["år"]), { ar: year, annan: same.file.shown }));
      continue;
    }
    const givenBroken = results.some((r) => !r.result.ok && intendedYear(r.file.path, undefined) === year - 1);
    const across = checkAcrossYears(entry, byYear, siblings, givenBroken, options.only);
    diagnostics.push(...across.diagnostics);
    if (across.checked) rounds.push(across.checked);
  }
  return { rounds, diagnostics };
}

/**
 * The other .yaml files in `dir` (not among `given`), each loaded; with
 * `forYears` (the years of the rounds being checked), a file whose name gives
 * a year no such round looks at (its own or the one before it) is not read
 * at all (see Sibling): the checks of 2024 read 2023's round, not 2015's. A
 * file named for one year and written for another (2015.yaml with år: 2024)
 * is then not seen as a second 2024; its own check says ar-filnamn.
 */
export async function loadSiblings(
  dir: string,
  shownDir: string,
  given: Set<string>,
  root: string | undefined,
  load: typeof loadRoundFile,
  forYears?: ReadonlySet<number>,
): Promise<Sibling[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n)).sort();
  const siblings: Sibling[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (given.has(resolve(path))) continue;
    const file = { path, shown: join(shownDir, name) };
    const peeked = forYears && yearOfName(path);
    if (peeked !== undefined && !forYears!.has(peeked + 1) && !forYears!.has(peeked)) {
      siblings.push({ file, result: { ok: false, diagnostics: [] }, source: undefined, skipped: peeked });
      continue;
    }
    const result = await load(path, file.shown, root);
    // A file that got as far as being parsed is a readable, regular file: its år: may be peeked at.
    const parsed = !result.ok && result.diagnostics.some((d) => d.line > 0);
    const read = parsed ? await readProjectFile(path, { root, maxBytes: MAX_FILE_BYTES }) : undefined;
    siblings.push({ file, result, source: read?.ok ? new TextDecoder().decode(read.bytes) : undefined });
  }
  return siblings;
}

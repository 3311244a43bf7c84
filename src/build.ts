// The pipeline, end to end: load → validate → derive → compose → write.
// Pure steps in the middle; file I/O only in loadRoundFile and writeOutputs.
import { readdir } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { checkRound } from "./check/check-round.js";
import { checkGlyphs } from "./check/glyph-coverage.js";
import { checkWording } from "./check/wording.js";
import { composeRound, templateSetFor, type ComposedDocument } from "./compose/compose.js";
import { deriveFigures } from "./derive/figures.js";
import { diagnostic, type Diagnostic } from "./diagnostics/catalogue.js";
import { readProjectFile } from "./files/read-project-file.js";
import { loadRoundFile, MAX_FILE_BYTES, type LoadedRound, type LoadResult } from "./load/load-round.js";
import { markDraft } from "./model/draft.js";
import type { Round } from "./schema/round.js";

import type { OutputFile } from "./write/output.js";
import type { LaidOutPdf } from "./write/pdf/render.js";
export type { OutputFile };

export interface RenderedRound {
  year: number;
  source: string;
  documents: ComposedDocument[];
  files: OutputFile[];
  /** Documents the round does not have yet, one line each (for the CLI). */
  notices: string[];
  /** Values still marked PLATSHÅLLARE; the documents are marked UTKAST when there are any. */
  placeholders: number;
}

/** The whole case in one PDF: the tjänsteutlåtande followed by its bilagor. */
export const CASE_PDF = "tjansteutlatande-med-bilagor.pdf";

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

/** Another round file in the folder of a round being checked, as it was read. */
export type Sibling = { file: RoundFile; result: LoadResult; source: string | undefined };

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
): { previous?: LoadedEntry; broken?: { file: RoundFile; errors: number }; earlier: boolean } {
  let lastYear = given.get(year - 1);
  if (!lastYear) {
    const match = siblings.find((s) => s.result.ok && s.result.round.år === year - 1);
    if (match?.result.ok) lastYear = { file: match.file, round: match.result };
  }
  if (!lastYear && !givenBroken) {
    const broken = siblings.find((s) => !s.result.ok && intendedYear(s.file.path, s.source) === year - 1);
    if (broken && !broken.result.ok) return { broken: { file: broken.file, errors: broken.result.diagnostics.length }, earlier: true };
  }
  const previous = lastYear && lastYear.round.round.lum.length + lastYear.round.round.mul.length > 0 ? lastYear : undefined;
  const earlier =
    [...given.keys()].some((y) => y < year) || siblings.some((s) => s.result.ok && s.result.round.år < year) || lastYear !== undefined;
  return { previous, earlier };
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
): { diagnostics: Diagnostic[]; checked?: CheckedRound } {
  const { previous, broken, earlier } = lastYearFor(entry.round.round.år, given, siblings, givenBroken);
  if (broken) {
    return { diagnostics: [diagnostic("foregaende-ar-trasigt", entry.round.locate(["år"]), { fil: broken.file.shown, antal: broken.errors })] };
  }
  const diagnostics = checkRound(entry.round, previous && { round: previous.round.round, file: previous.file.shown }, earlier);
  // The wording: it must compose, and must not type a figure the tool computes.
  if (!diagnostics.some((d) => d.severity === "fel")) {
    diagnostics.push(...checkWording(entry.round.round, deriveFigures(entry.round.round, previous?.round.round)));
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
  options: { root?: string; load?: typeof loadRoundFile } = {},
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
  const siblingsOf = (file: RoundFile) => {
    const dir = dirname(file.path);
    if (!folders.has(dir)) folders.set(dir, loadSiblings(dir, dirname(file.shown), given, options.root, load));
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
    const across = checkAcrossYears(entry, byYear, siblings, givenBroken);
    diagnostics.push(...across.diagnostics);
    if (across.checked) rounds.push(across.checked);
  }
  return { rounds, diagnostics };
}

/** The other .yaml files in `dir` (not among `given`), each loaded. */
export async function loadSiblings(
  dir: string,
  shownDir: string,
  given: Set<string>,
  root: string | undefined,
  load: typeof loadRoundFile,
): Promise<Sibling[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n)).sort();
  const siblings: Sibling[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (given.has(resolve(path))) continue;
    const file = { path, shown: join(shownDir, name) };
    const result = await load(path, file.shown, root);
    // A file that got as far as being parsed is a readable, regular file: its år: may be peeked at.
    const parsed = !result.ok && result.diagnostics.some((d) => d.line > 0);
    const read = parsed ? await readProjectFile(path, { root, maxBytes: MAX_FILE_BYTES }) : undefined;
    siblings.push({ file, result, source: read?.ok ? new TextDecoder().decode(read.bytes) : undefined });
  }
  return siblings;
}

/** The documents of the case PDF, in order: the tjänsteutlåtande and its bilagor; none when the round has no tjänsteutlåtande. */
export function caseDocuments<T extends Pick<ComposedDocument, "name" | "bilaga">>(documents: readonly T[]): T[] {
  if (!documents.some((d) => d.name === "tjansteutlatande")) return [];
  return documents.filter((d) => d.name === "tjansteutlatande" || d.bilaga !== undefined);
}

/** Everything a round's documents are, in memory: models and file bytes. */
export async function renderRound({ file, round, previous, placeholders = 0 }: CheckedRound, templateRoot?: string): Promise<RenderedRound> {
  const figures = deriveFigures(round, previous);
  const composed = composeRound(round, figures, templateRoot);
  const notices = composed.notices;
  // A round with placeholders left gives drafts, marked UTKAST on every page.
  const documents = placeholders > 0 ? composed.documents.map((d) => ({ ...d, model: markDraft(d.model, placeholders) })) : composed.documents;
  // The writers (docx, pdf-lib, fontkit) are loaded only when something is
  // written, so `check` does without them.
  const [{ writeDocx }, { layOutPdf, writePdf }, { writeCasePdf }, { writeText }, { htmlEdition }] = await Promise.all([
    import("./write/docx/write-docx.js"),
    import("./write/pdf/write-pdf.js"),
    import("./write/pdf/write-case-pdf.js"),
    import("./write/text/write-text.js"),
    import("./write/html/edition.js"),
  ]);
  const inCase = new Set(caseDocuments(documents));
  // The case PDF draws the pages laid out for the documents' own PDFs: they are kept until it is written.
  const casePart: LaidOutPdf[] = [];
  const files: OutputFile[] = [];
  for (const document of documents) {
    const { name, model } = document;
    files.push({ name: `${name}.docx`, bytes: await writeDocx(model) });
    const laidOut = layOutPdf(model);
    files.push({ name: `${name}.pdf`, bytes: await writePdf(laidOut) });
    if (inCase.has(document)) casePart.push(laidOut);
    files.push({ name: `${name}.txt`, bytes: writeText(model) });
  }
  if (casePart.length > 0) files.push({ name: CASE_PDF, bytes: await writeCasePdf(casePart) });
  files.push(...htmlEdition(round, documents, true, casePart.length > 0 ? CASE_PDF : undefined));
  return { year: round.år, source: file, documents, files, notices, placeholders };
}

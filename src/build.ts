// The pipeline, end to end: load → validate → derive → compose → write.
// Pure steps in the middle; file I/O only in loadRoundFile and writeOutputs.
import { readdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { checkRound } from "./check/check-round.js";
import { checkGlyphs } from "./check/glyph-coverage.js";
import { checkWording } from "./check/wording.js";
import { composeRound, templateSetFor, type ComposedDocument } from "./compose/compose.js";
import { deriveFigures } from "./derive/figures.js";
import { diagnostic, type Diagnostic } from "./diagnostics/catalogue.js";
import { loadRoundFile, type LoadedRound } from "./load/load-round.js";
import { markDraft } from "./model/draft.js";
import type { Round } from "./schema/round.js";

import type { OutputFile } from "./write/output.js";
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
  /** How many values are still marked "# PLATSHÅLLARE": the documents are drafts when any are. */
  placeholders?: number;
};

/** A round file: where to read it, and how to name it in messages. */
export interface RoundFile {
  path: string;
  shown: string;
}

/**
 * Loads, validates and checks every file; diagnostics for all of them in one
 * go. Rules that look at last year find its round among the files given or,
 * failing that, among the other round files in the same folder.
 */
export async function checkRounds(
  files: (string | RoundFile)[],
  /** Reads a round file; the preview passes one that remembers files that did not change. */
  load: typeof loadRoundFile = loadRoundFile,
): Promise<{ rounds: CheckedRound[]; diagnostics: Diagnostic[] }> {
  const wanted = files.map((f) => (typeof f === "string" ? { path: f, shown: f } : f));
  const results = await Promise.all(wanted.map(async (f) => ({ file: f, result: await load(f.path, f.shown) })));
  const rounds: CheckedRound[] = [];
  const diagnostics: Diagnostic[] = [];
  const loaded: { file: RoundFile; round: LoadedRound }[] = [];
  for (const { file, result } of results) {
    if (!result.ok) {
      diagnostics.push(...result.diagnostics);
      continue;
    }
    // Every character must be drawable in the PDF fonts; a round that is not
    // is reported and left out, so nothing is built from it.
    const glyphs = checkGlyphs(result.document, result.lineCounter, result.source);
    diagnostics.push(...result.notes, ...glyphs);
    // The round's wording comes from the template set of its year (or the newest earlier one).
    const noTemplates = templateSetFor(result.round.år) === undefined;
    if (noTemplates) diagnostics.push(diagnostic("mallar-saknas", result.locate(["år"]), { ar: result.round.år }));
    if (glyphs.length === 0 && !noTemplates) loaded.push({ file, round: result });
  }
  const byYear = new Map<number, { file: RoundFile; round: LoadedRound }>();
  for (const entry of loaded) {
    const other = byYear.get(entry.round.round.år);
    if (other) {
      diagnostics.push(diagnostic("ar-dubblett", entry.round.locate(["år"]), { ar: entry.round.round.år, annan: other.file.shown }));
    } else byYear.set(entry.round.round.år, entry);
  }
  for (const entry of loaded) {
    const year = entry.round.round.år;
    const found = byYear.has(year - 1) ? undefined : await findRound(dirname(entry.file.path), year - 1, entry.file, load);
    const lastYear = byYear.get(year - 1) ?? found?.match;
    // A round for last year that holds only its inriktning (no applications)
    // does not tell what was granted that year: the rules across years cannot use it.
    const previous = lastYear && lastYear.round.round.lum.length + lastYear.round.round.mul.length > 0 ? lastYear : undefined;
    // Without last year's round the rules across years cannot run; that is
    // worth a note only when older rounds exist (a gap), not for the first year.
    const earlier = [...byYear.keys()].some((y) => y < year) || (found?.earlierExists ?? false);
    const ruleDiagnostics = checkRound(entry.round, previous && { round: previous.round.round, file: previous.file.shown }, earlier);
    diagnostics.push(...ruleDiagnostics);
    // The wording: it must compose, and must not type a figure the tool computes.
    if (!ruleDiagnostics.some((d) => d.severity === "fel")) {
      diagnostics.push(...checkWording(entry.round.round, deriveFigures(entry.round.round, previous?.round.round)));
    }
    rounds.push({
      file: entry.file.shown,
      round: entry.round.round,
      previous: previous?.round.round,
      path: entry.file.path,
      previousPath: previous?.file.path,
      placeholders: entry.round.placeholders.length,
    });
  }
  return { rounds, diagnostics };
}

/** The round of `year` among the .yaml files in `dir`, if one loads cleanly, and whether an older one is there. */
async function findRound(
  dir: string,
  year: number,
  beside: RoundFile,
  load: typeof loadRoundFile,
): Promise<{ match: { file: RoundFile; round: LoadedRound } | undefined; earlierExists: boolean }> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n)).sort();
  let match: { file: RoundFile; round: LoadedRound } | undefined;
  let earlierExists = false;
  for (const name of names) {
    const path = join(dir, name);
    if (resolve(path) === resolve(beside.path)) continue;
    const result = await load(path);
    if (!result.ok) continue;
    if (result.round.år < year) earlierExists = true;
    if (result.round.år === year && !match) match = { file: { path, shown: join(dirname(beside.shown), name) }, round: result };
  }
  return { match, earlierExists: earlierExists || match !== undefined };
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
  const [{ writeDocx }, { writePdf }, { writeCasePdf }, { writeText }, { htmlEdition }] = await Promise.all([
    import("./write/docx/write-docx.js"),
    import("./write/pdf/write-pdf.js"),
    import("./write/pdf/write-case-pdf.js"),
    import("./write/text/write-text.js"),
    import("./write/html/edition.js"),
  ]);
  const files: OutputFile[] = [];
  for (const { name, model } of documents) {
    files.push({ name: `${name}.docx`, bytes: await writeDocx(model) });
    files.push({ name: `${name}.pdf`, bytes: await writePdf(model) });
    files.push({ name: `${name}.txt`, bytes: writeText(model) });
  }
  const casePart = documents.filter((d) => d.name === "tjansteutlatande" || d.bilaga !== undefined);
  if (casePart.some((d) => d.name === "tjansteutlatande")) {
    files.push({ name: CASE_PDF, bytes: await writeCasePdf(casePart.map((d) => d.model)) });
  }
  files.push(...htmlEdition(round, documents, true));
  return { year: round.år, source: file, documents, files, notices, placeholders };
}

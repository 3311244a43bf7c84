// The pipeline, end to end: load → validate → derive → compose → write.
// Pure steps in the middle; file I/O only in loadRoundFile and writeOutputs.
import { checkGlyphs } from "./check/glyph-coverage.js";
import { composeRound } from "./compose/compose.js";
import { deriveFigures } from "./derive/figures.js";
import type { Diagnostic } from "./diagnostics/catalogue.js";
import { loadRoundFile } from "./load/load-round.js";
import type { DocumentModel } from "./model/document.js";
import type { Round } from "./schema/round.js";
import { writeDocx } from "./write/docx/write-docx.js";
import { writeCasePdf } from "./write/pdf/write-case-pdf.js";
import { writePdf } from "./write/pdf/write-pdf.js";
import { writeText } from "./write/text/write-text.js";

export interface OutputFile {
  /** Path relative to the round's output folder, e.g. "tjansteutlatande.docx". */
  name: string;
  bytes: Uint8Array;
}

export interface RenderedRound {
  year: number;
  source: string;
  documents: { name: string; model: DocumentModel }[];
  files: OutputFile[];
}

/** The whole case in one PDF: the tjänsteutlåtande followed by its bilagor. */
export const CASE_PDF = "tjansteutlatande-med-bilagor.pdf";

export type CheckedRound = { file: string; round: Round };

/** Loads and validates every file; diagnostics for all of them in one go. */
export async function checkRounds(files: string[]): Promise<{ rounds: CheckedRound[]; diagnostics: Diagnostic[] }> {
  const results = await Promise.all(files.map(async (file) => ({ file, result: await loadRoundFile(file) })));
  const rounds: CheckedRound[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { file, result } of results) {
    if (!result.ok) {
      diagnostics.push(...result.diagnostics);
      continue;
    }
    const glyphs = checkGlyphs(result.document, result.lineCounter, result.source);
    if (glyphs.length > 0) diagnostics.push(...glyphs);
    else rounds.push({ file, round: result.round });
  }
  return { rounds, diagnostics };
}

/** Everything a round's documents are, in memory: models and file bytes. */
export async function renderRound({ file, round }: CheckedRound): Promise<RenderedRound> {
  const figures = deriveFigures(round);
  const documents = composeRound(round, figures);
  const files: OutputFile[] = [];
  for (const { name, model } of documents) {
    files.push({ name: `${name}.docx`, bytes: await writeDocx(model) });
    files.push({ name: `${name}.pdf`, bytes: await writePdf(model) });
    files.push({ name: `${name}.txt`, bytes: writeText(model) });
  }
  files.push({ name: CASE_PDF, bytes: await writeCasePdf(documents.map((d) => d.model)) });
  return { year: round.år, source: file, documents, files };
}

// The pipeline as one value, for the programs that want all of it: check the
// round files, prepare each checked round once, write it in every format (or
// one file of it). Each stage is its own module; this only names them together.
// The command line loads it only when it has something to check or build
// (scripts/run.mjs bundles it apart from cli.ts for that reason).
import type { CheckedRound } from "./check.js";
import { outputFile, writeRound, type RenderedRound } from "./formats.js";
import { prepareRound } from "./prepare.js";

export { checkRounds, type CheckedRound, type DocumentFilter } from "./check.js";
export { prepareRound, caseDocuments, type PreparedRound } from "./prepare.js";
export { CASE_PDF, FORMATS, outputFile, ROUND_FILES, writeFiles, writeRound, type RenderedRound } from "./formats.js";

/** A checked round prepared and written in every format (or `only` that one file), in memory. */
export async function renderRound(checked: CheckedRound, options: { templateRoot?: string; only?: string } = {}): Promise<RenderedRound> {
  // One file composes only the documents it is made from.
  const needs = options.only === undefined ? undefined : outputFile(options.only)?.needs;
  return writeRound(prepareRound(checked, { templateRoot: options.templateRoot, only: needs }), { only: options.only });
}

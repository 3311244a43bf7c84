// The second stage of the pipeline: a checked round becomes one prepared
// value — its figures and its composed documents, drafts marked — which the
// build (formats.ts), the preview and the tests all take. Pure: the templates
// are read, nothing is written.
import { composeRound, TEMPLATE_ROOT, type ComposedDocument } from "../compose/compose.js";
import type { Figures } from "../derive/figures.js";
import { markDraft } from "../model/draft.js";
import type { Round } from "../schema/round.js";
import { composedBy, figuresOf, type CheckedRound, type DocumentFilter } from "./check.js";

export interface PreparedRound {
  year: number;
  /** The round file as messages name it. */
  source: string;
  round: Round;
  figures: Figures;
  /** The documents, in the order of the template set's manifest; marked UTKAST when placeholders are left. */
  documents: ComposedDocument[];
  /** Documents the round does not have yet, one line each (for the CLI). */
  notices: string[];
  /** Values still marked PLATSHÅLLARE; the documents are marked UTKAST when there are any. */
  placeholders: number;
}

/**
 * The prepared round. The figures and documents the check derived and
 * composed are taken as they are; they are made here only for a check that
 * did not compose them: with another template folder (the tests of templates
 * give one), or for other documents (`only`) than the check was given.
 */
export function prepareRound(checked: CheckedRound, options: { templateRoot?: string; only?: DocumentFilter } = {}): PreparedRound {
  const { round, previous, file, placeholders = 0 } = checked;
  const figures = figuresOf(round, previous);
  const own = options.templateRoot === undefined || options.templateRoot === TEMPLATE_ROOT;
  const composed = (own ? composedBy(round, previous, options.only) : undefined) ?? composeRound(round, figures, options.templateRoot, options.only);
  // A round with placeholders left gives drafts, marked UTKAST on every page.
  const documents = placeholders > 0 ? composed.documents.map((d) => ({ ...d, model: markDraft(d.model, placeholders) })) : composed.documents;
  return { year: round.år, source: file, round, figures, documents, notices: composed.notices, placeholders };
}

/** The documents of the case PDF, in order: the tjänsteutlåtande and its bilagor; none when the round has no tjänsteutlåtande. */
export function caseDocuments<T extends Pick<ComposedDocument, "name" | "bilaga">>(documents: readonly T[]): T[] {
  if (!documents.some((d) => d.name === "tjansteutlatande")) return [];
  return documents.filter((d) => d.name === "tjansteutlatande" || d.bilaga !== undefined);
}

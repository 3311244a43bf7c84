// One round file through the pipeline to its HTML edition, in memory, for
// the preview. Nothing is written anywhere: a file with errors gives its
// diagnostics instead of pages.
import { checkRounds } from "../build.js";
import { composeRound } from "../compose/compose.js";
import { TemplateError } from "../compose/markdown-to-model.js";
import { deriveFigures } from "../derive/figures.js";
import type { Diagnostic } from "../diagnostics/catalogue.js";
import type { loadRoundFile } from "../load/load-round.js";
import { markDraft } from "../model/draft.js";
import { htmlPages } from "../write/html/edition.js";

export type PreviewBuild =
  /** Pages by path relative to the year (index.html, tjansteutlatande.html, …), each written on demand, and the warnings and notes. */
  | { ok: true; year: number; pages: Map<string, () => Uint8Array>; documents: { path: string; title: string; subject: string }[]; diagnostics: Diagnostic[] }
  /** The errors (and other diagnostics) of the file, or a template's error, that stopped it. */
  | { ok: false; diagnostics: Diagnostic[]; failure: string | undefined };

/**
 * `root` is the project: as in check and build, a round file (or a file
 * beside it) that is a link out of it is refused, never read nor shown.
 */
export async function renderPreview(path: string, shown: string, root: string, templateRoot?: string, load?: typeof loadRoundFile): Promise<PreviewBuild> {
  const { rounds, diagnostics } = await checkRounds([{ path, shown }], { root, load });
  const checked = rounds[0];
  if (diagnostics.some((d) => d.severity === "fel") || !checked) return { ok: false, diagnostics, failure: undefined };
  try {
    const figures = deriveFigures(checked.round, checked.previous);
    const composed = composeRound(checked.round, figures, templateRoot).documents;
    // As in the build: a round with placeholders left gives drafts, marked UTKAST.
    const placeholders = checked.placeholders ?? 0;
    const documents = placeholders > 0 ? composed.map((d) => ({ ...d, model: markDraft(d.model, placeholders) })) : composed;
    // Pages are written when asked for: the one on screen, not all twenty letters.
    const pages = htmlPages(checked.round, documents, false);
    const titles = documents.map((d) => ({ path: `${d.name}.html`, title: d.model.meta.title, subject: d.model.meta.subject }));
    return { ok: true, year: checked.round.år, pages, documents: titles, diagnostics };
  } catch (error) {
    // A template being edited may be broken for a moment: that is shown, not thrown.
    if (error instanceof TemplateError) return { ok: false, diagnostics, failure: `Fel i en mall: ${error.message}` };
    throw error;
  }
}

// One round file through the pipeline to its HTML edition, in memory, for
// the preview. Nothing is written anywhere: a file with errors gives its
// diagnostics instead of pages.
import { TemplateError } from "../compose/markdown-to-model.js";
import type { Diagnostic } from "../diagnostics/catalogue.js";
import type { loadRoundFile } from "../load/load-round.js";
import { checkRounds } from "../pipeline/check.js";
import { prepareRound } from "../pipeline/prepare.js";
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
    // The same prepared round as the build's: drafts marked UTKAST, composed once (by the check).
    const { documents } = prepareRound(checked, { templateRoot });
    // Pages are written when asked for: the one on screen, not all twenty letters.
    const pages = htmlPages(checked.round, documents);
    const titles = documents.map((d) => ({ path: `${d.name}.html`, title: d.model.meta.title, subject: d.model.meta.subject }));
    return { ok: true, year: checked.round.år, pages, documents: titles, diagnostics };
  } catch (error) {
    // A template being edited may be broken for a moment: that is shown, not thrown.
    if (error instanceof TemplateError) return { ok: false, diagnostics, failure: `Fel i en mall: ${error.message}` };
    throw error;
  }
}

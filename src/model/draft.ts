// The marking of a draft: a document built from a round that still has
// values marked "# PLATSHÅLLARE" says UTKAST in its page header, on every
// page, and in a line above the text. Done on the document model, so the
// Word, PDF and text writers all carry it without knowing about drafts.
import type { DocumentModel, Inline } from "./document.js";

export const DRAFT_WORD = "UTKAST";

export function markDraft(model: DocumentModel, placeholders: number): DocumentModel {
  const mark: Inline[] = [{ type: "strong", children: [{ type: "text", value: DRAFT_WORD }] }];
  // Short, so the draft reads as the paper it will become; the build's
  // warning and `npm run check` name each placeholder and its line.
  const banner: Inline[] = [...mark, { type: "text", value: ` – ${placeholders} platshållare kvar.` }];
  const withMark = (columns: DocumentModel["furniture"]["first"]) => ({ left: columns.left, right: [mark, ...columns.right] });
  return {
    meta: { ...model.meta, keywords: [...model.meta.keywords, DRAFT_WORD] },
    furniture: { first: withMark(model.furniture.first), rest: withMark(model.furniture.rest) },
    blocks: [{ type: "paragraph", children: banner }, ...model.blocks],
  };
}

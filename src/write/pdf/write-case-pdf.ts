// Writes a whole case as one PDF: the tjänsteutlåtande followed by its
// bilagor, each keeping its own page furniture and "Sida X (Y)", with a
// bookmark for each document and each of its main sections. The documents
// come laid out (layOutPdf), as they were for their own PDFs: the case
// draws the same pages again and measures nothing.
import type { LaidOutPdf } from "./render.js";
import { renderPdf } from "./render.js";

/** `docs[0]` is the main document; its metadata describes the case file. */
export async function writeCasePdf(docs: readonly LaidOutPdf[]): Promise<Uint8Array> {
  const main = docs[0];
  if (!main) throw new Error("writeCasePdf: no documents");
  const keywords = [...new Set(docs.flatMap((d) => d.model.meta.keywords))];
  return renderPdf(docs, { ...main.model.meta, keywords });
}

// Writes the document model as PDF with pdf-lib: the same A4 pages, margins,
// fonts (metric-compatible Tinos/Arimo, embedded as subsets) and page
// furniture as the Word output, with bookmarks, metadata and sv-SE as the
// document language. Same model, same bytes.
import type { DocumentModel } from "../../model/document.js";
import { layOutPdf, renderPdf, type LaidOutPdf } from "./render.js";

export { layOutPdf, type LaidOutPdf };

/**
 * The document's PDF. Given a model, it is laid out here; given a laid-out
 * document (layOutPdf), it is drawn as it is, and the same layout can then
 * go into the case PDF (writeCasePdf) without being measured again.
 */
export async function writePdf(doc: DocumentModel | LaidOutPdf): Promise<Uint8Array> {
  const laidOut = isLaidOut(doc) ? doc : layOutPdf(doc);
  return renderPdf([laidOut], laidOut.model.meta);
}

function isLaidOut(doc: DocumentModel | LaidOutPdf): doc is LaidOutPdf {
  return "pages" in doc;
}

// Writes the document model as PDF with pdf-lib: the same A4 pages, margins,
// fonts (metric-compatible Tinos/Arimo, embedded as subsets) and page
// furniture as the Word output, with bookmarks, metadata and sv-SE as the
// document language. Same model, same bytes.
import type { DocumentModel } from "../../model/document.js";
import { renderPdf } from "./render.js";

export async function writePdf(doc: DocumentModel): Promise<Uint8Array> {
  return renderPdf([doc], doc.meta);
}

// The HTML edition of a round: one page per document and the year's index.
// The build writes the pages as one of its formats (src/pipeline/formats.ts)
// and the index as one of the round's files; the preview server writes a
// page only when it is asked for.
import type { ComposedDocument } from "../../compose/compose.js";
import { writeHtml } from "./write-html.js";
import { writeIndexHtml } from "./write-index.js";

export const INDEX_HTML = "index.html";

type RoundFacts = { år: number; titel?: string | undefined; förvaltning: string };

/** The links of the year's index: each document's page, with `otherFormats` beside it, and the case PDF when there is one. */
export function htmlIndex(
  round: RoundFacts,
  documents: readonly ComposedDocument[],
  otherFormats: readonly { extension: string; label: string }[],
  casePdf?: string,
): Uint8Array {
  return writeIndexHtml({
    year: round.år,
    subtitle: round.titel ?? "",
    author: round.förvaltning,
    documents: documents.map((d) => ({ name: d.name, title: d.model.meta.title, subject: d.model.meta.subject })),
    otherFormats,
    casePdf,
  });
}

/** Each page of the edition by its file name, written on first call and remembered; the preview's, with no other formats beside them. */
export function htmlPages(round: RoundFacts, documents: ComposedDocument[]): Map<string, () => Uint8Array> {
  const once = (write: () => Uint8Array) => {
    let bytes: Uint8Array | undefined;
    return () => (bytes ??= write());
  };
  return new Map([
    ...documents.map((d) => [`${d.name}.html`, once(() => writeHtml(d.model))] as const),
    [INDEX_HTML, once(() => htmlIndex(round, documents, []))],
  ]);
}

// The HTML edition of a round: one page per document and the year's index.
// Shared by the build (out/<year>/) and the preview server, which writes a
// page only when it is asked for.
import type { ComposedDocument } from "../../compose/compose.js";
import type { OutputFile } from "../output.js";
import { writeHtml } from "./write-html.js";
import { writeIndexHtml } from "./write-index.js";

export const INDEX_HTML = "index.html";

type RoundFacts = { år: number; titel?: string | undefined; förvaltning: string };

/** Each page of the edition by its file name, written on first call and remembered. */
export function htmlPages(round: RoundFacts, documents: ComposedDocument[], otherFormats: boolean, casePdf?: string): Map<string, () => Uint8Array> {
  const once = (write: () => Uint8Array) => {
    let bytes: Uint8Array | undefined;
    return () => (bytes ??= write());
  };
  return new Map([
    ...documents.map((d) => [`${d.name}.html`, once(() => writeHtml(d.model))] as const),
    [
      INDEX_HTML,
      once(() =>
        writeIndexHtml({
          year: round.år,
          subtitle: round.titel ?? "",
          author: round.förvaltning,
          documents: documents.map((d) => ({ name: d.name, title: d.model.meta.title, subject: d.model.meta.subject })),
          otherFormats,
          casePdf,
        }),
      ),
    ],
  ]);
}

export function htmlEdition(round: RoundFacts, documents: ComposedDocument[], otherFormats: boolean, casePdf?: string): OutputFile[] {
  return [...htmlPages(round, documents, otherFormats, casePdf)].map(([name, write]) => ({ name, bytes: write() }));
}

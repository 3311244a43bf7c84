// The HTML edition of a round: one page per document and the year's index.
// Shared by the build (out/<year>/) and the preview server.
import type { ComposedDocument } from "../../compose/compose.js";
import type { OutputFile } from "../output.js";
import { writeHtml } from "./write-html.js";
import { writeIndexHtml } from "./write-index.js";

export const INDEX_HTML = "index.html";

export function htmlEdition(
  round: { år: number; titel?: string | undefined; förvaltning: string },
  documents: ComposedDocument[],
  otherFormats: boolean,
): OutputFile[] {
  return [
    ...documents.map((d) => ({ name: `${d.name}.html`, bytes: writeHtml(d.model) })),
    {
      name: INDEX_HTML,
      bytes: writeIndexHtml({
        year: round.år,
        subtitle: round.titel ?? "",
        author: round.förvaltning,
        documents: documents.map((d) => ({ name: d.name, title: d.model.meta.title })),
        otherFormats,
      }),
    },
  ];
}

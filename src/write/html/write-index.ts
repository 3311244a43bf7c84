// The year's index of the HTML edition (out/<year>/index.html): every
// document of the round, linked as HTML, and as Word and PDF beside it, and
// the whole case as one PDF where there is one.
import type { ElementContent } from "hast";
import { h } from "hastscript";
import { page, serialize } from "./html-page.js";

export interface IndexEntry {
  /** File name without extension, e.g. "tjansteutlatande" or "beslutsmeddelanden/farsta". */
  name: string;
  title: string;
  /** What the document is and to whom (two anmälningsärenden may share a title). */
  subject: string;
}

export interface IndexOptions {
  year: number;
  /** The round's title, printed under the heading. */
  subtitle: string;
  author: string;
  documents: IndexEntry[];
  /** The formats that lie beside the HTML files and are linked after each page, e.g. Word and PDF (none in the preview). */
  otherFormats: readonly { extension: string; label: string }[];
  /** The file name of the whole case as one PDF (the tjänsteutlåtande with its bilagor), where the build wrote one. */
  casePdf?: string | undefined;
}

const href = (name: string, extension: string) => encodeURI(`${name}.${extension}`);

export function writeIndexHtml(options: IndexOptions): Uint8Array {
  const title = `Dokumenten för ${options.year}`;
  const item = (d: IndexEntry): ElementContent =>
    h("li", [
      h("a", { href: href(d.name, "html") }, d.title),
      ...(d.subject ? [h("br"), { type: "text" as const, value: d.subject }] : []),
      ...(options.otherFormats.length > 0
        ? [
            { type: "text" as const, value: " (även som " },
            ...options.otherFormats.flatMap((f, i): ElementContent[] => [
              ...(i === 0 ? [] : [{ type: "text" as const, value: i === options.otherFormats.length - 1 ? " och " : ", " }]),
              h("a", { href: href(d.name, f.extension), ariaLabel: `${d.title} som ${f.label}-fil` }, f.label),
            ]),
            { type: "text" as const, value: ")" },
          ]
        : []),
    ]);
  const body = h("main", [
    h("h1", title),
    ...(options.subtitle ? [h("p", options.subtitle)] : []),
    options.documents.length > 0 ? h("ul", options.documents.map(item)) : h("p", "Omgången har inga dokument än."),
    ...(options.otherFormats.length > 0 && options.casePdf
      ? [h("p", ["Hela ärendet i en PDF-fil, med bokmärken för varje dokument: ", h("a", { href: encodeURI(options.casePdf) }, "tjänsteutlåtandet med bilagor"), "."])]
      : []),
  ]);
  return serialize(page({ title, language: "sv-SE", author: options.author }, [body]));
}

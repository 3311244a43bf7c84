// A complete page of the HTML edition (documents, the year's index, the
// preview's own pages): Swedish, titled, with the one style sheet.
import type { ElementContent, Root } from "hast";
import { format } from "hast-util-format";
import { toHtml } from "hast-util-to-html";
import { h } from "hastscript";
import { styleSheet } from "./style.js";

/** A complete HTML page: Swedish, titled, with the style sheet and the given landmarks in its body. */
export function page(meta: { title: string; language: string; author?: string; description?: string; keywords?: string[] }, body: ElementContent[], extraHead: ElementContent[] = []): Root {
  const metaTag = (name: string, content: string | undefined) => (content ? [h("meta", { name, content })] : []);
  return {
    type: "root",
    children: [
      { type: "doctype" },
      h("html", { lang: meta.language.split("-")[0] }, [
        h("head", [
          h("meta", { charset: "utf-8" }),
          h("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
          h("title", meta.title),
          ...metaTag("author", meta.author),
          ...metaTag("description", meta.description),
          ...metaTag("keywords", meta.keywords?.join(", ")),
          h("style", styleSheet()),
          ...extraHead,
        ]),
        h("body", body),
      ]),
    ],
  };
}

/** The page as UTF-8, one element a line and indented (readable in a diff of two builds). */
export function serialize(tree: Root): Uint8Array {
  format(tree);
  return new TextEncoder().encode(`${toHtml(tree)}\n`);
}


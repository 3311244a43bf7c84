// The preview's own pages: the overview of the round files, the page of
// diagnostics shown instead of the documents while a file has errors, and
// the bar and script added to every page served (links, live reload).
import type { ElementContent } from "hast";
import { toHtml } from "hast-util-to-html";
import { h } from "hastscript";
import type { Diagnostic } from "../diagnostics/catalogue.js";
import { formatDiagnostic, formatSummary } from "../diagnostics/format.js";
import { page, serialize } from "../write/html/html-page.js";

/** Path of the server-sent events that tell an open page to reload. */
export const EVENTS_PATH = "/handelser";
/** Folder, under a round's, of the last version that built without errors. */
export const LAST_GOOD = "senast-fungerande";

/** What the overview knows about one round file. */
export interface FileStatus {
  /** Name in the URL: the file's name without .yaml ("2024"). */
  stem: string;
  /** The file as shown in messages ("rounds/2024.yaml"). */
  shown: string;
  state: "bygger" | "ok" | "fel";
  diagnostics: Diagnostic[];
  failure: string | undefined;
  /** Titles of the documents, by page path, of the current or last good version. */
  documents: { path: string; title: string; subject: string }[];
  hasLastGood: boolean;
}

const text = (value: string): ElementContent => ({ type: "text", value });
const link = (href: string, label: string) => h("a", { href }, label);

/** One diagnostic as on the command line: where, what, the source line with a caret, what to do. */
function diagnosticItem(d: Diagnostic): ElementContent {
  const lines = formatDiagnostic(d).split("\n");
  const source = lines.filter((l) => /^ {2}[ \d]+ \| /.test(l));
  const where = d.line > 0 ? `${d.file}, rad ${d.line}, tecken ${d.column}` : d.file;
  return h("li", { className: [d.severity === "fel" ? "fel" : "ovrigt"] }, [
    h("p", [h("strong", `${where}: ${d.severity}`)]),
    h("p", `${d.message} [${d.code}]`),
    ...(source.length > 0 ? [h("pre", source.join("\n"))] : []),
    h("p", `Åtgärd: ${d.hint}`),
  ]);
}

export function diagnosticsList(diagnostics: Diagnostic[]): ElementContent {
  return h("ol", { className: ["diagnoser"] }, diagnostics.map(diagnosticItem));
}

const css = `
.forhandsgranskning { font-family: Arial, Arimo, sans-serif; font-size: 10pt; border-bottom: 1px solid #808080; padding: 0 0 6pt; margin: 0 0 18pt; display: flex; gap: 12pt; flex-wrap: wrap; }
ol.diagnoser { padding-left: 18pt; }
ol.diagnoser li { margin: 0 0 14pt; }
ol.diagnoser li.fel strong { color: #a00000; }
pre { font-size: 10pt; background: #f4f4f4; padding: 6pt; overflow-x: auto; white-space: pre; }
.status-fel { color: #a00000; font-weight: bold; }
`;

function previewPage(title: string, body: ElementContent[]): Uint8Array {
  return serialize(page({ title, language: "sv-SE" }, body, [h("style", css), reloadScript()]));
}

/** The script that reloads the page when a build finishes (server-sent events; the browser reconnects by itself). */
function reloadScript(): ElementContent {
  return h("script", `new EventSource(${JSON.stringify(EVENTS_PATH)}).addEventListener("byggt", () => location.reload());`);
}

/** The bar on top of every page: back to the overview, and where this page stands. */
function bar(items: ElementContent[]): ElementContent {
  return h("nav", { className: ["forhandsgranskning"], ariaLabel: "Förhandsgranskning" }, [link("/", "Alla omgångar"), ...items]);
}

export function overviewPage(files: FileStatus[]): Uint8Array {
  const entry = (f: FileStatus): ElementContent =>
    h("li", [
      h("h2", f.shown),
      f.state === "bygger"
        ? h("p", "Bygger …")
        : f.state === "fel"
          ? h("p", [
              h("span", { className: ["status-fel"] }, `Filen har fel (${formatSummary(f.diagnostics)}).`),
              text(" "),
              link(`/${f.stem}/`, "Visa felen"),
              ...(f.hasLastGood ? [text(" eller "), link(`/${f.stem}/${LAST_GOOD}/`, "den senaste fungerande versionen")] : []),
            ])
          : h("p", f.diagnostics.length > 0 ? `Inga fel (${formatSummary(f.diagnostics).replace(/^0 fel, /, "")}).` : "Inga fel."),
      ...(f.state === "ok" && f.documents.length > 0
        ? [h("ul", f.documents.map((d) => h("li", [link(`/${f.stem}/${encodeURI(d.path)}`, d.title), ...(d.subject ? [h("br"), text(d.subject)] : [])])))]
        : []),
      ...(f.state === "ok" && f.diagnostics.length > 0 ? [diagnosticsList(f.diagnostics)] : []),
    ]);
  return previewPage("Förhandsgranskning", [
    h("main", [
      h("h1", "Förhandsgranskning"),
      h("p", "Sidorna byggs om varje gång du sparar en fil i rounds/ eller templates/, och öppna sidor laddas om av sig själva."),
      // The newest year first: it is the one being written.
      files.length > 0 ? h("ul", { className: ["omgangar"] }, [...files].sort((a, b) => (a.stem < b.stem ? 1 : -1)).map(entry)) : h("p", "Det finns inga omgångsfiler (.yaml) i rounds/."),
    ]),
  ]);
}

/** Shown instead of a document while its round file has errors. */
export function errorPage(f: FileStatus, requested: string): Uint8Array {
  const lastGood = f.hasLastGood ? [h("p", [link(`/${f.stem}/${LAST_GOOD}/${encodeURI(requested)}`, "Visa den senaste fungerande versionen")])] : [];
  return previewPage(`Fel i ${f.shown}`, [
    bar([]),
    h("main", [
      h("h1", `${f.shown} har fel`),
      h("p", "Dokumenten visas igen när felen är rättade och filen är sparad. Ingenting i out/ har ändrats."),
      ...lastGood,
      ...(f.failure ? [h("p", f.failure)] : []),
      diagnosticsList(f.diagnostics.filter((d) => d.severity === "fel")),
    ]),
  ]);
}

export function notFoundPage(path: string): Uint8Array {
  return previewPage("Sidan finns inte", [bar([]), h("main", [h("h1", "Sidan finns inte"), h("p", `Det finns ingen sida ${path} i förhandsgranskningen.`)])]);
}

/**
 * A page of the HTML edition with the preview's bar and reload script added.
 * The page is the build's own output, so the additions go in at its <body>
 * and </head> tags rather than by parsing it again (that would cost time on
 * every request).
 */
export function withPreview(html: Uint8Array, f: FileStatus, lastGood: boolean): string {
  const source = new TextDecoder().decode(html);
  const items = lastGood ? [h("strong", "Senaste fungerande versionen: filen har fel just nu."), link(`/${f.stem}/`, "Visa felen")] : [link(`/${f.stem}/`, `Dokumenten i ${f.shown}`)];
  const head = toHtml([h("style", css), reloadScript()]);
  return source.replace("</head>", `${head}</head>`).replace("<body>", `<body>${toHtml(bar(items))}`);
}

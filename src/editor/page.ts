// The editor's page: the round file on the left (CodeMirror, filled in by
// the script), the chosen document's live preview on the right, and above
// them the round's status, the buttons for saving and versions, and the
// lists of rounds and documents to switch between. What the script needs to
// complete keys and names (the round schema, the register) is in the page,
// as JSON.
import type { ElementContent } from "hast";
import { toHtml } from "hast-util-to-html";
import { h } from "hastscript";

export interface EditorSetup {
  stem: string;
  shown: string;
  rounds: string[];
  documents: { path: string; title: string }[];
  schema: unknown;
  register: { namn: string; förvaltning: string; nämnd: string; alias: string[]; typ: string; från: number | undefined; till: number | undefined }[];
  rules: string[];
}

const css = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { font-family: Arial, Arimo, sans-serif; font-size: 14px; color: #1a1a1a; background: #fff; display: flex; flex-direction: column; }
header { padding: 6px 12px; border-bottom: 1px solid #767676; display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; }
h1 { font-size: 16px; margin: 0; }
h2 { font-size: 14px; margin: 0 0 4px; }
#status { margin: 0; flex-basis: 100%; }
#status .fel, .diagnos.fel strong { color: #a00000; }
#status .varning, .diagnos.varning strong { color: #7a4a00; }
#sparstatus { margin: 0; }
main { flex: 1; display: flex; min-height: 0; }
.vanster, .hoger { flex: 1 1 50%; min-width: 0; display: flex; flex-direction: column; padding: 6px 12px; }
.vanster { border-right: 1px solid #767676; }
#redigerare { flex: 3 1 0; min-height: 200px; border: 1px solid #767676; overflow: hidden; }
#redigerare .cm-editor { height: 100%; }
#redigerare .cm-editor.cm-focused, #redigerare .cm-scroller:focus-visible { outline: 3px solid #0b57d0; outline-offset: -3px; }
#kontroll { flex: 1 1 0; min-height: 80px; overflow: auto; margin-top: 6px; }
#diagnoser { margin: 0; padding-left: 22px; }
.diagnos { margin: 0 0 8px; }
.diagnos p { margin: 0; }
iframe { flex: 1; width: 100%; border: 1px solid #767676; }
button, select { font: inherit; padding: 3px 8px; }
select { max-width: 100%; }
.rad select { flex: 1 1 auto; min-width: 0; }
button:focus-visible, select:focus-visible, a:focus-visible, iframe:focus-visible { outline: 3px solid #0b57d0; outline-offset: 1px; }
.rad { display: flex; gap: 8px; align-items: center; margin-bottom: 6px; flex-wrap: wrap; }
dialog { max-width: min(1100px, 95vw); max-height: 90vh; overflow: auto; }
dialog pre { white-space: pre-wrap; font-size: 12px; max-height: 50vh; overflow: auto; background: #f4f4f4; padding: 6px; }
.jamforelse { display: flex; gap: 12px; }
.jamforelse > div { flex: 1; min-width: 0; }
del { background: #ffd7d5; color: #5a0000; }
ins { background: #ccf2d1; color: #003a10; text-decoration: none; }
.cm-tooltip-lint .atgard, .diagnos .atgard { font-style: italic; }
`;

const field = (label: string, id: string, control: ElementContent) => h("div", { className: ["rad"] }, [h("label", { htmlFor: id }, label), control]);

export function editorPage(setup: EditorSetup): string {
  const firstDocument = setup.documents.find((d) => d.path === "tjansteutlatande.html") ?? setup.documents[0];
  const tree = h("html", { lang: "sv" }, [
    h("head", [
      h("meta", { charset: "utf-8" }),
      h("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
      h("title", `Redigera ${setup.shown}`),
      h("style", css),
    ]),
    h("body", [
      h("header", [
        h("h1", `Redigera ${setup.shown}`),
        field(
          "Omgång",
          "omgang",
          h("select", { id: "omgang" }, setup.rounds.map((r) => h("option", { value: r, selected: r === setup.stem }, `rounds/${r}.yaml`))),
        ),
        h("button", { type: "button", id: "spara", title: "Ctrl+S" }, "Spara (Ctrl+S)"),
        h("button", { type: "button", id: "visa-versioner" }, "Tidigare versioner"),
        h("p", { id: "sparstatus", role: "status" }, "Inte ändrad sedan filen öppnades."),
        h("p", { id: "status", role: "status" }, "Kontrollerar filen …"),
      ]),
      h("main", [
        h("section", { className: ["vanster"], ariaLabelledBy: "rubrik-fil" }, [
          h("h2", { id: "rubrik-fil" }, [
            "Omgångsfilen ",
            h("small", "(Ctrl+Mellanslag föreslår nycklar och namn; Esc och sedan Tab lämnar textrutan; F8 går till nästa markering)"),
          ]),
          h("div", { id: "redigerare" }),
          h("section", { id: "kontroll", ariaLabelledBy: "rubrik-kontroll" }, [h("h2", { id: "rubrik-kontroll" }, "Kontrollen"), h("ol", { id: "diagnoser" })]),
        ]),
        h("section", { className: ["hoger"], ariaLabelledBy: "rubrik-dokument" }, [
          h("h2", { id: "rubrik-dokument" }, "Förhandsgranskning"),
          field(
            "Dokument",
            "dokument",
            h("select", { id: "dokument" }, setup.documents.map((d) => h("option", { value: d.path, selected: d === firstDocument }, d.title))),
          ),
          h("iframe", {
            id: "forhandsvisning",
            title: `Förhandsgranskning av ${firstDocument?.title ?? setup.shown}`,
            src: `/${setup.stem}/${firstDocument ? encodeURI(firstDocument.path) : ""}`,
          }),
        ]),
      ]),
      h("dialog", { id: "konflikt", ariaLabelledBy: "rubrik-konflikt" }, [
        h("h2", { id: "rubrik-konflikt" }, "Filen har ändrats sedan du öppnade den"),
        h("p", "Någon (eller ett annat program) har sparat filen efter att du öppnade den. Jämför och välj vilken version som ska gälla."),
        h("div", { className: ["jamforelse"] }, [
          h("div", [h("h3", "Skillnaden: det som bara finns i filen är överstruket, det som bara finns hos dig är markerat"), h("pre", { id: "konflikt-skillnad", tabIndex: 0 })]),
        ]),
        h("div", { className: ["rad"] }, [
          h("button", { type: "button", id: "konflikt-min" }, "Spara min version (skriv över filen)"),
          h("button", { type: "button", id: "konflikt-filens" }, "Ta filens version (mina ändringar försvinner)"),
          h("button", { type: "button", id: "konflikt-avbryt" }, "Avbryt"),
        ]),
      ]),
      h("dialog", { id: "versioner", ariaLabelledBy: "rubrik-versioner" }, [
        h("h2", { id: "rubrik-versioner" }, `Sparade versioner av ${setup.shown}`),
        h("p", "De 20 senast sparade versionerna finns kvar i mappen .versioner/. Välj en för att se hur den skiljer sig från texten i redigeraren; återställ den sedan och spara."),
        h("ol", { id: "versionslista" }),
        h("pre", { id: "version-skillnad", tabIndex: 0, hidden: true }),
        h("div", { className: ["rad"] }, [
          h("button", { type: "button", id: "version-aterstall", disabled: true }, "Återställ den här versionen i redigeraren"),
          h("button", { type: "button", id: "versioner-stang" }, "Stäng"),
        ]),
      ]),
      // JSON inside <script>: every < is escaped so the text can never end the element.
      h("script", { type: "application/json", id: "uppsattning" }, JSON.stringify(setup).replace(/</g, "\\u003c")),
      h("script", { src: "/redigera/klient.js" }),
    ]),
  ]);
  return `<!doctype html>\n${toHtml(tree)}\n`;
}

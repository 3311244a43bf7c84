// The editor page's script (bundled by src/editor/bundle.ts): CodeMirror on
// the round file, the checks of `npm run check` as markers while typing
// (the unsaved text is sent to the local server, which checks it in memory),
// the status line, saving with Ctrl+S, the conflict and versions dialogs,
// and the document shown in the preview beside it.
import { autocompletion, completionKeymap, acceptCompletion } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import { bracketMatching, defaultHighlightStyle, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { forEachDiagnostic, linter, lintGutter, lintKeymap, type Action, type Diagnostic } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { EditorSelection, EditorState } from "@codemirror/state";
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { diffLines } from "diff";
import { roundCompletion, type JsonSchema, type RegisterEntry } from "./complete.js";
import type { RoundStatus } from "../check-text.js";

interface Setup {
  stem: string;
  shown: string;
  rounds: string[];
  documents: { path: string; title: string }[];
  schema: JsonSchema;
  register: RegisterEntry[];
  rules: string[];
}

interface ServerDiagnostic {
  code: string;
  severity: "fel" | "varning" | "notering";
  message: string;
  hint: string;
  file: string;
  line: number;
  column: number;
  length: number;
  fixes: { label: string; text: string }[];
}

/** The status line's facts, as the server computes them. */
type Status = RoundStatus;

/** How long after the last keystroke the text is checked. */
const CHECK_DELAY_MS = 120;

const setup = JSON.parse(document.getElementById("uppsattning")!.textContent!) as Setup;
const token = new URLSearchParams(location.search).get("nyckel") ?? "";
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Figures for tests and the bench: when the text last changed and when its markers arrived; the editor itself. */
const timing = { andrad: 0, markerad: 0, kontroller: 0, kontrolltid: 0, sparningar: 0, view: undefined as EditorView | undefined };
(window as unknown as { redigerare: unknown }).redigerare = timing;

function call(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`/redigera/api/${setup.stem}/${path}`, { ...init, headers: { ...(init.headers ?? {}), "x-redigera-nyckel": token } });
}

const kronor = (n: number) => `${n.toLocaleString("sv-SE")} kr`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function showStatus(status: Status | undefined, diagnostics: ServerDiagnostic[]): void {
  const element = $("status");
  element.textContent = "";
  const count = (s: ServerDiagnostic["severity"]) => diagnostics.filter((d) => d.severity === s).length;
  const parts: [string, string | undefined][] = [];
  if (status) {
    const total = status.lum + status.mul;
    parts.push([`${plural(total, "ansökan", "ansökningar")} (LUM ${status.lum}, MUL ${status.mul})`, undefined]);
    parts.push([`förslag på ${status.medForslag} av ${total}`, undefined]);
    parts.push([`beslut på ${status.medBeslut} av ${total}`, undefined]);
    if (status.sokt !== undefined && status.beviljat !== undefined) parts.push([`sökt ${kronor(status.sokt)}, föreslaget ${kronor(status.beviljat)}`, undefined]);
    else parts.push(["summorna visas när felen är rättade", undefined]);
    parts.push([`${plural(status.platshallare, "platshållare", "platshållare")} kvar`, status.platshallare > 0 ? "varning" : undefined]);
  } else {
    parts.push(["Filen går inte att läsa som en omgång just nu", "fel"]);
  }
  const fel = count("fel");
  const varningar = count("varning");
  const noteringar = count("notering");
  parts.push([fel > 0 ? plural(fel, "fel", "fel") : "inga fel", fel > 0 ? "fel" : undefined]);
  if (varningar > 0) parts.push([plural(varningar, "varning", "varningar"), "varning"]);
  if (noteringar > 0) parts.push([plural(noteringar, "notering", "noteringar"), undefined]);
  parts.forEach(([text, kind], i) => {
    if (i > 0) element.append(" · ");
    const span = document.createElement("span");
    if (kind) span.className = kind;
    span.textContent = text;
    element.append(span);
  });
}

/** The editor's position of a diagnostic: line and column are 1-based; line 0 is the whole file. */
function rangeOf(state: EditorState, d: ServerDiagnostic): { from: number; to: number } {
  if (d.line < 1 || d.line > state.doc.lines) return { from: 0, to: Math.min(1, state.doc.length) };
  const line = state.doc.line(d.line);
  const from = Math.min(line.to, line.from + Math.max(0, d.column - 1));
  return { from, to: Math.min(line.to, from + Math.max(1, d.length)) };
}

const SEVERITY = { fel: "error", varning: "warning", notering: "info" } as const;

function fixAction(fix: { label: string; text: string }): Action {
  return {
    name: fix.label,
    apply: (view, from, to) => view.dispatch({ changes: { from, to, insert: fix.text }, selection: { anchor: from + fix.text.length } }),
  };
}

function renderMessage(d: ServerDiagnostic): () => Node {
  return () => {
    const box = document.createElement("div");
    const what = document.createElement("p");
    what.textContent = `${d.message} [${d.code}]`;
    const hint = document.createElement("p");
    hint.className = "atgard";
    hint.textContent = `Åtgärd: ${d.hint}`;
    box.append(what, hint);
    return box;
  };
}

/** The list under the editor: every diagnostic, with a button to its line and the fixes it offers (reachable by keyboard). */
function showList(view: EditorView, diagnostics: ServerDiagnostic[]): void {
  const list = $("diagnoser");
  list.textContent = "";
  if (diagnostics.length === 0) {
    const item = document.createElement("li");
    item.textContent = "Kontrollen hittar inget att anmärka på.";
    list.append(item);
  }
  // Errors first (they stop the build), then warnings and notes, each in line order.
  const order = { fel: 0, varning: 1, notering: 2 };
  const sorted = [...diagnostics].sort((a, b) => order[a.severity] - order[b.severity] || a.line - b.line || a.column - b.column);
  for (const d of sorted) {
    const item = document.createElement("li");
    item.className = `diagnos ${d.severity}`;
    const head = document.createElement("p");
    const strong = document.createElement("strong");
    const other = d.file !== setup.shown;
    strong.textContent = other ? `${d.file}${d.line > 0 ? `, rad ${d.line}` : ""}: ${d.severity}` : d.line > 0 ? `Rad ${d.line}: ${d.severity}` : `Hela filen: ${d.severity}`;
    head.append(strong, ` – ${d.message} [${d.code}]`);
    const hint = document.createElement("p");
    hint.className = "atgard";
    hint.textContent = `Åtgärd: ${d.hint}`;
    item.append(head, hint);
    const buttons = document.createElement("p");
    if (!other && d.line > 0) {
      const go = document.createElement("button");
      go.type = "button";
      go.textContent = `Gå till rad ${d.line}`;
      go.addEventListener("click", () => {
        const { from, to } = rangeOf(view.state, d);
        view.dispatch({ selection: EditorSelection.range(from, to), scrollIntoView: true });
        view.focus();
      });
      buttons.append(go);
    }
    for (const fix of d.fixes) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = fix.label;
      button.addEventListener("click", () => {
        const { from, to } = rangeOf(view.state, d);
        fixAction(fix).apply(view, from, to);
        view.focus();
      });
      buttons.append(" ", button);
    }
    if (buttons.childNodes.length > 0) item.append(buttons);
    list.append(item);
  }
}

let view: EditorView;
let base = "";
let savedText = "";

const dirty = () => view.state.doc.toString() !== savedText;
function showDirty(): void {
  if (dirty()) $("sparstatus").textContent = "Ändrad, inte sparad.";
}

async function check(current: EditorView): Promise<Diagnostic[]> {
  const state = current.state;
  const asked = performance.now();
  const response = await call("kontroll", { method: "POST", body: state.doc.toString() });
  if (!response.ok) {
    $("status").textContent = `Kontrollen svarar inte: ${await response.text()}`;
    return [];
  }
  const result = (await response.json()) as { ersatt?: boolean; diagnostics: ServerDiagnostic[]; status: Status | undefined };
  // A newer text was sent meanwhile: its answer will come, keep the markers there are.
  if (result.ersatt || current.state.doc !== state.doc) {
    const kept: Diagnostic[] = [];
    forEachDiagnostic(current.state, (d, from, to) => kept.push({ ...d, from, to }));
    return kept;
  }
  timing.kontroller++;
  lastChecked = { doc: state.doc, fel: result.status ? result.status.fel : Math.max(1, result.diagnostics.filter((d) => d.severity === "fel").length) };
  if (savedDoc === state.doc) reportSaved();
  timing.kontrolltid = performance.now() - asked;
  awaitingMarkers = true;
  showStatus(result.status, result.diagnostics);
  showList(current, result.diagnostics);
  return result.diagnostics
    .filter((d) => d.file === setup.shown)
    .map((d) => ({
      ...rangeOf(state, d),
      severity: SEVERITY[d.severity],
      message: `${d.message} [${d.code}]\nÅtgärd: ${d.hint}`,
      renderMessage: renderMessage(d),
      actions: d.fixes.map(fixAction),
    }));
}
let awaitingMarkers = false;
/** The errors in the last text checked; the save's message uses them when it is the text saved. */
let lastChecked: { doc: unknown; fel: number } | undefined;
/** The text last saved and when, until its message is written. */
let savedDoc: unknown;
let savedAt = "";
let saveMs = 0;

function reportSaved(): void {
  if (!lastChecked || lastChecked.doc !== savedDoc) return;
  $("sparstatus").textContent =
    lastChecked.fel > 0
      ? `Sparad ${savedAt}, men filen har ${lastChecked.fel} fel: npm run build bygger den inte förrän felen är rättade, och förhandsgranskningen visar felen.`
      : `Sparad ${savedAt} (${saveMs} ms).`;
  savedDoc = undefined;
}

async function save(force = false): Promise<void> {
  const doc = view.state.doc;
  const text = doc.toString();
  $("sparstatus").textContent = "Sparar …";
  const started = performance.now();
  const response = await call("spara", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text, base, force }) });
  if (response.status === 409) {
    const { current, hash } = (await response.json()) as { current: string; hash: string };
    showConflict(current, hash, text);
    $("sparstatus").textContent = "Inte sparad: filen har ändrats av någon annan. Välj version.";
    return;
  }
  if (!response.ok) {
    $("sparstatus").textContent = `Inte sparad: ${await response.text()}`;
    return;
  }
  const result = (await response.json()) as { hash: string };
  base = result.hash;
  savedText = text;
  timing.sparningar++;
  savedAt = new Date().toLocaleTimeString("sv-SE");
  saveMs = Math.round(performance.now() - started);
  savedDoc = doc;
  // Said at once when this text has been checked; else when its check arrives (it is on its way).
  if (lastChecked?.doc === doc) reportSaved();
  else $("sparstatus").textContent = `Sparad ${savedAt}; kontrollerar …`;
}

function diffInto(element: HTMLElement, older: string, newer: string): void {
  element.textContent = "";
  for (const part of diffLines(older, newer)) {
    const lines = part.value.replace(/\n$/, "").split("\n");
    if (!part.added && !part.removed) {
      // Unchanged stretches are shortened to their ends.
      const shown = lines.length > 6 ? [...lines.slice(0, 2), `… ${lines.length - 4} rader lika …`, ...lines.slice(-2)] : lines;
      element.append(`${shown.map((l) => `  ${l}`).join("\n")}\n`);
      continue;
    }
    const mark = document.createElement(part.added ? "ins" : "del");
    mark.textContent = `${lines.map((l) => `${part.added ? "+ " : "− "}${l}`).join("\n")}\n`;
    element.append(mark);
  }
}

function replaceText(text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

function showConflict(current: string, hash: string, mine: string): void {
  const dialog = $<HTMLDialogElement>("konflikt");
  diffInto($("konflikt-skillnad"), current, mine);
  const close = () => dialog.close();
  $("konflikt-min").onclick = () => {
    close();
    base = hash;
    void save(true);
  };
  $("konflikt-filens").onclick = () => {
    close();
    replaceText(current);
    base = hash;
    savedText = current;
    $("sparstatus").textContent = "Filens version är inläst; dina ändringar är borta.";
  };
  $("konflikt-avbryt").onclick = close;
  dialog.showModal();
}

async function showVersions(): Promise<void> {
  const dialog = $<HTMLDialogElement>("versioner");
  const list = $("versionslista");
  const shown = $("version-skillnad");
  const restore = $<HTMLButtonElement>("version-aterstall");
  list.textContent = "Hämtar …";
  shown.hidden = true;
  restore.disabled = true;
  dialog.showModal();
  const versions = (await (await call("versioner")).json()) as { id: string; saved: string; bytes: number }[];
  list.textContent = "";
  if (versions.length === 0) list.append(Object.assign(document.createElement("li"), { textContent: "Inga versioner har sparats från redigeraren ännu." }));
  for (const v of versions) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = `${new Date(v.saved).toLocaleString("sv-SE")} (${Math.ceil(v.bytes / 1024)} kB)`;
    button.addEventListener("click", async () => {
      const { text } = (await (await call(`versioner/${v.id}`)).json()) as { text: string };
      diffInto(shown, view.state.doc.toString(), text);
      shown.hidden = false;
      restore.disabled = false;
      restore.onclick = () => {
        dialog.close();
        replaceText(text);
        $("sparstatus").textContent = `Versionen från ${button.textContent} är återställd i redigeraren. Spara (Ctrl+S) för att skriva den till filen.`;
        view.focus();
      };
    });
    item.append(button);
    list.append(item);
  }
  (list.querySelector("button") ?? $("versioner-stang")).focus();
}

function showDocument(path: string): void {
  const frame = $<HTMLIFrameElement>("forhandsvisning");
  frame.src = `/${setup.stem}/${encodeURI(path)}`;
  const title = setup.documents.find((d) => d.path === path)?.title ?? path;
  frame.title = `Förhandsgranskning av ${title}`;
}

async function refreshDocuments(): Promise<void> {
  const documents = (await (await call("dokument")).json()) as Setup["documents"];
  if (documents.length === 0) return;
  const select = $<HTMLSelectElement>("dokument");
  const chosen = select.value;
  setup.documents = documents;
  select.textContent = "";
  for (const d of documents) select.append(new Option(d.title, d.path, false, d.path === chosen));
}

async function start(): Promise<void> {
  const response = await call("fil");
  if (!response.ok) {
    $("status").textContent = await response.text();
    return;
  }
  const file = (await response.json()) as { text: string; hash: string };
  base = file.hash;
  savedText = file.text;
  view = new EditorView({
    parent: $("redigerare"),
    state: EditorState.create({
      doc: file.text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        EditorView.lineWrapping,
        highlightSelectionMatches(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        EditorState.tabSize.of(2),
        indentUnit.of("  "),
        yaml(),
        autocompletion({ override: [roundCompletion(setup.schema, setup.register, setup.rules)], icons: false }),
        linter(check, { delay: CHECK_DELAY_MS }),
        lintGutter(),
        keymap.of([
          { key: "Tab", run: acceptCompletion },
          ...completionKeymap,
          ...lintKeymap,
          ...searchKeymap,
          ...historyKeymap,
          ...defaultKeymap,
        ]),
        EditorView.contentAttributes.of({ "aria-label": `Omgångsfilen ${setup.shown}` }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) {
            timing.andrad = performance.now();
            showDirty();
          } else if (awaitingMarkers && update.transactions.some((t) => t.effects.length > 0)) {
            awaitingMarkers = false;
            timing.markerad = performance.now();
            document.body.dataset.kontroller = String(timing.kontroller);
          }
        }),
      ],
    }),
  });
  timing.view = view;
  // The scrolling part can be reached by Tab too, so the file can be scrolled from the keyboard without moving the cursor (axe: scrollable-region-focusable).
  view.scrollDOM.tabIndex = 0;
  $("spara").addEventListener("click", () => void save());
  $("visa-versioner").addEventListener("click", () => void showVersions());
  $("versioner-stang").addEventListener("click", () => $<HTMLDialogElement>("versioner").close());
  $<HTMLSelectElement>("dokument").addEventListener("change", (e) => showDocument((e.target as HTMLSelectElement).value));
  $<HTMLSelectElement>("omgang").addEventListener("change", (e) => {
    const stem = (e.target as HTMLSelectElement).value;
    location.href = `/redigera/${stem}/?nyckel=${encodeURIComponent(token)}`;
  });
  // Leaving with unsaved changes asks first (the browser's own question).
  addEventListener("beforeunload", (event) => {
    if (dirty()) event.preventDefault();
  });
  // Ctrl+S anywhere on the page saves, not the browser's "save page as".
  addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
      event.preventDefault();
      void save();
    }
  });
  // After a build: the document list may have changed; a file changed on disk while nothing is unsaved here is read again.
  new EventSource("/handelser").addEventListener("byggt", async (event) => {
    if ((event as MessageEvent).data !== setup.stem) return;
    void refreshDocuments();
    if (dirty()) return;
    const now = (await (await call("fil")).json()) as { text: string; hash: string };
    if (now.hash !== base && !dirty()) {
      replaceText(now.text);
      base = now.hash;
      savedText = now.text;
      $("sparstatus").textContent = "Filen ändrades utanför redigeraren och har lästs in igen.";
    }
  });
  document.body.dataset.klar = "ja";
}

void start();

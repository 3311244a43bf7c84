// Completion in the editor, without a browser: at a given place in a real
// round file, the keys the schema allows there (not those already written),
// the values a key takes (utfall, status), the register's names for an
// applicant, the rule codes for an exception, and a whole new application.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { EditorState } from "@codemirror/state";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { roundCompletion, type JsonSchema } from "../src/editor/client/complete.js";
import { contextAt } from "../src/editor/client/yaml-path.js";
import { exceptableRules } from "../src/diagnostics/catalogue.js";
import { register } from "../src/register/register.js";
import { roundJsonSchema } from "../src/schema/json-schema.js";

const ROOT = join(import.meta.dirname, "..");
const round2024 = readFileSync(join(ROOT, "rounds", "2024.yaml"), "utf8");
const schema = JSON.parse(roundJsonSchema()) as JsonSchema;
const entries = register().entries.map((e) => ({ ...e }));
const complete = roundCompletion(schema, entries, exceptableRules);

/** The completion at the "|" in `text` (the bar is taken out), as Ctrl+Space asks for it. */
function at(text: string): CompletionResult | null {
  const pos = text.indexOf("|");
  const state = EditorState.create({ doc: text.slice(0, pos) + text.slice(pos + 1) });
  return complete(new CompletionContext(state, pos, true));
}
const labels = (r: CompletionResult | null) => r?.options.map((o) => o.label) ?? [];
/** The 2024 file with `line` put in after the line `after` (its first occurrence after `from`). */
function inserted(after: string, line: string, from = ""): string {
  const start = from ? round2024.indexOf(from) : 0;
  const at = round2024.indexOf(`${after}\n`, start) + after.length + 1;
  return round2024.slice(0, at) + line + "\n" + round2024.slice(at);
}

describe("where the cursor is", () => {
  const lines = ["lum:", "  - nr: 1", "    beslut:", "      utfall: bi", "    ", "  - ", "mul:"];
  it("reads the keys above it from the indentation, with [] for a list item", () => {
    expect(contextAt(lines, 3, 16)).toMatchObject({ kind: "value", path: ["lum", "[]", "beslut", "utfall"], typed: "bi" });
    expect(contextAt(lines, 4, 4)).toMatchObject({ kind: "key", path: ["lum", "[]"], siblings: ["beslut", "nr"] });
    expect(contextAt(lines, 5, 4)).toMatchObject({ kind: "key", path: ["lum", "[]"], dashHere: true });
    expect(contextAt(lines, 6, 4)).toMatchObject({ kind: "value", path: ["mul"] });
  });
  it("reads a name in a flow list as an item of it", () => {
    expect(contextAt(["lum:", "  - förvaltning: [Farsta, Ska"], 1, 29)).toMatchObject({ kind: "value", path: ["lum", "[]", "förvaltning", "[]"], typed: "Ska" });
  });
});

describe("completion in rounds/2024.yaml", () => {
  it("offers the keys an application may still have, with the schema's Swedish help", () => {
    const result = at(inserted("      motivering: bedöms kunna genomföras med en reducerad summa av ansökta medel.", "    |"));
    const keys = labels(result);
    expect(keys).toContain("enhet");
    expect(keys).toContain("beskrivning");
    // Already written in this application: not offered again.
    expect(keys).not.toContain("nr");
    expect(keys).not.toContain("sökt");
    const enhet = result!.options.find((o) => o.label === "enhet")!;
    expect(enhet.info).toBe("Enhet eller avdelning inom förvaltningen.");
  });

  it("offers the outcomes for utfall and the statuses for a report", () => {
    const utfall = at(round2024.replace("      utfall: delvis_bifall", "      utfall: d|"));
    expect(labels(utfall)).toEqual(["bifall", "delvis_bifall", "maxbelopp", "avslag", "centrala_medel"]);
    const status = at(inserted("  - id: ", "", "redovisningar:").replace(/(redovisningar:\n(?:.*\n)*?\s+godkänd: \w+)/, "$1\n    status: |"));
    expect(labels(status)).toEqual(["genomfört", "ej_påbörjat"]);
  });

  it("offers the register's förvaltningar for an applicant: short names first, formal names and aliases meaning the same", () => {
    const result = at(round2024.replace("    förvaltning: Norrmalm", "    förvaltning: Far|"));
    const options = result!.options;
    const farsta = options.find((o) => o.label === "Farsta")!;
    expect(farsta.info).toContain("Farsta stadsdelsförvaltning");
    expect(options.find((o) => o.label === "Farsta stadsdelsförvaltning")?.detail).toBe("= Farsta");
    // Every förvaltning of the register is there, once by its short name, ranked above the other spellings;
    // one that did not exist in 2024 is said to be gone, and ranked last.
    const short = options.filter((o) => o.type === "enum");
    expect(short.map((o) => o.label).sort()).toEqual(register().entries.map((e) => e.namn).sort());
    const gone = register().entries.find((e) => e.till !== undefined && e.till < 2024)!;
    expect(short.find((o) => o.label === gone.namn)?.detail).toBe(`(upphörde ${gone.till})`);
    expect(farsta.boost!).toBeGreaterThan(options.find((o) => o.label === "Farsta stadsdelsförvaltning")!.boost!);
    expect(short.find((o) => o.label === gone.namn)!.boost!).toBeLessThan(0);
  });

  it("offers the rules a decision may make an exception to", () => {
    const result = at(round2024.replace("      utfall: bifall\n", "      utfall: bifall\n      undantag:\n        - regel: |\n"));
    expect(labels(result)).toEqual([...exceptableRules]);
  });

  it("offers a whole new LUM application with the next number, its required keys in the files' order", () => {
    const lines = round2024.split("\n");
    const mul = lines.indexOf("mul:");
    const blank = lines.slice(0, mul).lastIndexOf("");
    lines[blank] = "  |";
    const result = at(lines.join("\n"));
    expect(labels(result)).toEqual(["- ny LUM-ansökan"]);
    const option = result!.options[0]!;
    expect(option.detail).toBe("nr 15");
    // The snippet, applied, gives an application that reads as YAML with the keys in order.
    const state = EditorState.create({ doc: lines.join("\n").replace("|", "") });
    const view = { state, dispatch: (tr: unknown) => void (applied = tr) } as unknown as import("@codemirror/view").EditorView;
    let applied: unknown;
    (option.apply as (v: typeof view, c: unknown, from: number, to: number) => void)(view, option, result!.from, result!.from);
    const after = (applied as { state: EditorState }).state.doc.toString();
    const round = parse(after) as { lum: { nr: number }[] };
    expect(Object.keys(round.lum.at(-1)!)).toEqual(["nr", "id", "förvaltning", "projekt", "sökt", "beslut"]);
    expect(round.lum.at(-1)!.nr).toBe(15);
  });
});

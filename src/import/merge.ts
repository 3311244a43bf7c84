// Merges imported applications into a round file's text. An application
// already in the round (same id, or same förvaltning and title) is updated,
// not duplicated; a new one is appended to its fund's list. The edit is made
// on the file's text at the positions yaml's parser gives, so comments,
// order, blank lines, line folding and decisions already written stay exactly
// as they were. (yaml's Document.toString() would re-fold long lines and
// re-quote values, changing lines the import never touched.)
import { isMap, isScalar, isSeq, parseDocument, stringify, type Document, type Node, type Pair, type YAMLMap } from "yaml";
import { förvaltningKey, slugify } from "../derive/figures.js";
import { formatAmount } from "../format/swedish.js";
import type { CellError, Fund, ImportedApplication } from "./applications.js";
import { fold } from "./applications.js";
import type { EarlierRound } from "./previous.js";

export type ImportField = "nr" | "förvaltning" | "enhet" | "projekt" | "resmål" | "syfte" | "beskrivning" | "sökt" | "projektår";

export interface FieldUpdate {
  field: ImportField;
  before: string | undefined;
  after: string;
}

export interface MergeChange {
  fund: Fund;
  nr: number;
  id: string;
  /** What the application is: the project, or destination and purpose. */
  what: string;
  förvaltning: string;
  /** A joint application's förvaltningar, the one that receives the money first. */
  förvaltningar: string[];
  enhet: string | undefined;
  kind: "ny" | "ändrad";
  updates: FieldUpdate[];
  sökt: number;
  source: string;
  /** A new continuing project (projektår 2 or later) and what became of its id. */
  continuing?: { projektår: number; earlier: EarlierRound; kept: boolean; ambiguous?: string[] };
}

export type MergeResult = { ok: true; text: string; changes: MergeChange[]; unchanged: number } | { ok: false; errors: CellError[] };

interface Existing {
  index: number;
  node: YAMLMap;
  value: Record<string, unknown>;
}

const FIELD_ORDER: ImportField[] = ["nr", "förvaltning", "enhet", "projekt", "resmål", "syfte", "beskrivning", "projektår", "sökt"];

/** One line's worth of YAML for a scalar (quoted only when YAML needs it), or a list on one line: [Farsta, Skarpnäck]. */
function scalar(value: string | number | string[]): string {
  if (Array.isArray(value)) return `[${value.map(scalar).join(", ")}]`;
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/** The text a field is written as: amounts with digit groups, as the round files write them. */
function written(field: ImportField, value: string | number | string[]): string | string[] {
  return field === "sökt" && typeof value === "number" ? formatAmount(value).replace(/[\u00a0\u202f]/g, " ") : Array.isArray(value) ? value : String(value);
}

/** A value as a message shows it: a joint application's förvaltningar joined. */
const shownValue = (value: unknown): string => (Array.isArray(value) ? value.map(String).join(", ") : String(value));

/** The same förvaltningar in the same order (the first receives the money), however each is spelt. */
const sameFörvaltningar = (a: string[], b: string[]) => a.length === b.length && a.every((f, i) => förvaltningKey(f) === förvaltningKey(b[i]!));

const titleOf = (fund: Fund, a: { projekt?: unknown; resmål?: unknown; syfte?: unknown }) =>
  fund === "lum" ? fold(String(a.projekt ?? "")) : `${fold(String(a.resmål ?? ""))}|${fold(String(a.syfte ?? ""))}`;

const förvaltningar = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]);

/** A readable id from the title, unique among `taken`: "tidigt-stod-till-familjer", "farsta-goteborg". */
export function makeId(a: ImportedApplication, taken: Set<string>): string {
  const words = slugify(a.fund === "lum" ? (a.projekt ?? "") : `${a.förvaltning} ${a.resmål ?? ""}`).split("-").filter(Boolean);
  let base = "";
  for (const w of words) {
    if (base && (base.length + w.length + 1 > 40 || base.split("-").length >= 6)) break;
    base = base ? `${base}-${w}` : w;
  }
  base ||= a.fund === "lum" ? "projekt" : "studiebesok";
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** Where the line at `offset` ends: before its "\n", or before its "\r\n" in a file with Windows line endings. */
function lineEnd(text: string, offset: number): number {
  const i = text.indexOf("\n", offset);
  if (i < 0) return text.length;
  return i > 0 && text[i - 1] === "\r" ? i - 1 : i;
}

/** The 1-based line of `offset`. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

const applicationCount = (data: unknown): number =>
  (["lum", "mul"] as const).reduce((n, f) => {
    const list = (data as Record<string, unknown> | null | undefined)?.[f];
    return n + (Array.isArray(list) ? list.length : 0);
  }, 0);

function indentOf(text: string, offset: number): string {
  return /^[ ]*/.exec(text.slice(lineStart(text, offset)))![0];
}

interface Splice {
  start: number;
  end: number;
  text: string;
  /** Order of making: of two insertions at one spot, the earlier stays first. */
  seq?: number;
}

function pairOf(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair<Node, Node | null> | undefined;
}

/**
 * `earlier`: the round a continuing project came from (see previous.ts). A new
 * LUM application on projektår 2 or later without an id takes the id of the
 * project with the same förvaltning and title there, so the rules and the
 * review report, which follow a project by its id, still find it.
 */
export function mergeApplications(source: string, imported: ImportedApplication[], earlier?: EarlierRound, shown = "omgångsfilen"): MergeResult {
  const document: Document = parseDocument(source, { keepSourceTokens: false });
  if (document.errors.length > 0 || !isMap(document.contents)) {
    return { ok: false, errors: [{ where: shown, message: "går inte att läsa: rätta den först (npm run check visar var felet står)." }] };
  }
  // Every line the import writes ends as the file's lines end ("\r\n" in a file saved on Windows).
  const firstBreak = source.indexOf("\n");
  const eol = firstBreak > 0 && source[firstBreak - 1] === "\r" ? "\r\n" : "\n";
  const root = document.contents as YAMLMap;
  const data = document.toJS() as Record<string, unknown>;
  const errors: CellError[] = [];
  const splices: Splice[] = [];
  const changes: MergeChange[] = [];
  let unchanged = 0;
  // A fund's applications as read; not a list (lum: 5) counts as none, and the safety net below refuses it.
  const listOf = (f: Fund): Record<string, unknown>[] => (Array.isArray(data[f]) ? (data[f] as Record<string, unknown>[]) : []);
  const taken = new Set<string>((["lum", "mul"] as const).flatMap((f) => listOf(f).map((a) => String(a?.id))));
  // Who has an id already, for the message when a sheet's Id cell gives it to another application.
  const idOwner = new Map<string, string>();
  for (const f of ["lum", "mul"] as const) {
    for (const a of listOf(f)) {
      if (!a || typeof a !== "object" || idOwner.has(String(a.id))) continue;
      const what = f === "lum" ? `”${String(a.projekt)}”` : `${String(a.resmål)}, ${String(a.syfte)}`;
      idOwner.set(String(a.id), `${f.toUpperCase()}-ansökan nr ${String(a.nr)} ${what} (${förvaltningar(a.förvaltning).join(", ")}) i ${shown}`);
    }
  }

  for (const fund of ["lum", "mul"] as const) {
    const rows = imported.filter((a) => a.fund === fund);
    if (rows.length === 0) continue;
    const seqPair = pairOf(root, fund);
    const seq = seqPair?.value;
    const existing: Existing[] = isSeq(seq)
      ? seq.items.flatMap((item, index) => (isMap(item) ? [{ index, node: item as YAMLMap, value: (data[fund] as Record<string, unknown>[])[index]! }] : []))
      : [];
    const usedNr = new Map<number, Existing>();
    for (const e of existing) usedNr.set(Number(e.value.nr), e);
    let nextNr = Math.max(0, ...existing.map((e) => Number(e.value.nr) || 0), ...rows.map((r) => r.nr ?? 0)) + 1;
    const seen = new Map<string, ImportedApplication>();
    const appended: string[][] = [];

    for (const a of rows) {
      const where = `${a.sheet}!${a.row}`;
      const identity = `${a.förvaltningar.map(förvaltningKey).join("+")}|${titleOf(fund, a)}`;
      const twin = seen.get(a.id ?? identity);
      if (twin) {
        errors.push({ where, message: `ansökan finns redan på rad ${twin.row}${twin.sheet !== a.sheet ? ` i ${twin.sheet}` : ""} (samma ${a.id ? "id" : "förvaltning och titel"}).` });
        continue;
      }
      seen.set(a.id ?? identity, a);
      const match = existing.find((e) =>
        a.id !== undefined
          ? e.value.id === a.id
          : förvaltningar(e.value.förvaltning).some((f) => förvaltningKey(f) === förvaltningKey(a.förvaltningar[0]!)) && titleOf(fund, e.value) === titleOf(fund, a),
      );
      if (a.nr !== undefined) {
        const holder = usedNr.get(a.nr);
        if (holder && holder !== match) {
          errors.push({ where, message: `nummer ${a.nr} har redan ${fund.toUpperCase()}-ansökan ${String(holder.value.id)} i omgångsfilen. Ta bort numret eller välj ett ledigt.` });
          continue;
        }
      }

      const wanted: Partial<Record<ImportField, string | number | string[]>> = {
        nr: a.nr,
        // A joint application is written as a list, the förvaltning that receives the money first.
        förvaltning: a.förvaltningar.length === 1 ? a.förvaltningar[0]! : a.förvaltningar,
        enhet: a.enhet,
        projekt: a.projekt,
        resmål: a.resmål,
        syfte: a.syfte,
        beskrivning: a.beskrivning,
        projektår: a.projektår,
        sökt: a.sökt,
      };
      if (match) {
        const updates: FieldUpdate[] = [];
        const edits: Splice[] = [];
        for (const field of FIELD_ORDER) {
          const value = wanted[field];
          if (value === undefined) continue;
          const current = match.value[field];
          const same =
            field === "förvaltning"
              ? sameFörvaltningar(förvaltningar(current), förvaltningar(value))
              : field === "sökt"
                ? Number(String(current ?? "").replace(/\D/g, "")) === value
                : field === "projektår"
                  ? Number(current ?? 1) === value
                  : current !== undefined && String(current) === String(value);
          if (same) continue;
          updates.push({ field, before: current === undefined ? undefined : shownValue(current), after: shownValue(written(field, value)) });
          const pair = pairOf(match.node, field);
          const newText = scalar(field === "sökt" ? written(field, value) : value);
          if (pair?.value?.range) {
            edits.push({ start: pair.value.range[0], end: pair.value.range[1], text: newText });
          } else {
            // A field the application lacks goes in before its decision, at the application's indentation.
            const beslut = pairOf(match.node, "beslut");
            const first = match.node.items[0]?.key as Node | undefined;
            const indent = indentOf(source, (first?.range?.[0] ?? match.node.range![0]) + 0);
            const keyIndent = first?.range ? " ".repeat(first.range[0] - lineStart(source, first.range[0])) : `${indent}  `;
            if (beslut?.key && (beslut.key as Node).range) {
              const at = lineStart(source, (beslut.key as Node).range![0]);
              edits.push({ start: at, end: at, text: `${keyIndent}${field}: ${newText}\n` });
            } else {
              const at = lineEnd(source, match.node.range![1] - 1);
              edits.push({ start: at, end: at, text: `\n${keyIndent}${field}: ${newText}` });
            }
          }
        }
        if (updates.length > 0 && match.node.flow) {
          // New keys would land outside the braces: refused rather than written as broken YAML.
          errors.push({
            where: `${shown}:${lineAt(source, match.node.range?.[0] ?? 0)}`,
            message: `${fund.toUpperCase()}-ansökan nr ${String(match.value.nr)} (${String(match.value.id)}) är skriven på en rad ({…}); importen kan bara ändra en ansökan som har en uppgift per rad (nr: …, id: … på egna rader). Skriv om ansökan eller ändra den för hand (${where}).`,
          });
          continue;
        }
        splices.push(...edits);
        if (updates.length === 0) unchanged++;
        else
          changes.push({
            fund,
            nr: Number(wanted.nr ?? match.value.nr),
            id: String(match.value.id),
            what: fund === "lum" ? String(a.projekt) : `${a.resmål}, ${a.syfte}`,
            förvaltning: a.förvaltning,
            förvaltningar: a.förvaltningar,
            enhet: a.enhet,
            kind: "ändrad",
            updates,
            sökt: a.sökt,
            source: where,
          });
        continue;
      }

      if (a.id !== undefined && taken.has(a.id)) {
        // The Id cell names an application that is not this one (in the other fund, or another row of the sheet).
        errors.push({
          where: a.cells?.id ?? where,
          message: `id ${a.id} har redan ${idOwner.get(a.id) ?? "en annan ansökan i omgångsfilen"}. Ett id får bara finnas en gång i omgången: ta bort det, så får ansökan ett nytt, eller skriv rätt id.`,
        });
        continue;
      }
      const nr = a.nr ?? nextNr++;
      usedNr.set(nr, { index: -1, node: undefined as unknown as YAMLMap, value: { nr, id: a.id } });
      const continues = fund === "lum" && a.id === undefined && (a.projektår ?? 1) >= 2;
      const candidates = continues
        ? (earlier?.projects ?? []).filter(
            (p) => p.förvaltningar.some((f) => förvaltningKey(f) === förvaltningKey(a.förvaltningar[0]!)) && titleOf("lum", p) === titleOf("lum", a),
          )
        : [];
      // Two projects of the förvaltning with the same title: neither is guessed at.
      const ambiguous = candidates.length > 1 ? candidates.map((p) => p.id) : undefined;
      const before = ambiguous ? undefined : candidates.find((p) => !taken.has(p.id));
      if (before) taken.add(before.id);
      const id = a.id ?? before?.id ?? makeId(a, taken);
      if (a.id) taken.add(a.id);
      idOwner.set(id, `ansökan på rad ${a.row} i ${a.sheet}`);
      const lines: [string, string | number | string[]][] = [
        ["nr", nr],
        ["id", id],
        ["förvaltning", wanted.förvaltning!],
        ...(a.enhet ? ([["enhet", a.enhet]] as [string, string][]) : []),
        ...(fund === "lum" ? ([["projekt", a.projekt!]] as [string, string][]) : ([["resmål", a.resmål!], ["syfte", a.syfte!]] as [string, string][])),
        ...(a.beskrivning ? ([["beskrivning", a.beskrivning]] as [string, string][]) : []),
        ...(fund === "lum" && a.projektår !== undefined ? ([["projektår", a.projektår]] as [string, number][]) : []),
        ["sökt", written("sökt", a.sökt)],
      ];
      appended.push(lines.map(([k, v]) => `${k}: ${scalar(v)}`));
      changes.push({
        fund,
        nr,
        id,
        what: fund === "lum" ? String(a.projekt) : `${a.resmål}, ${a.syfte}`,
        förvaltning: a.förvaltning,
        förvaltningar: a.förvaltningar,
        enhet: a.enhet,
        kind: "ny",
        updates: [],
        sökt: a.sökt,
        source: where,
        ...(continues && earlier ? { continuing: { projektår: a.projektår!, earlier, kept: before !== undefined, ...(ambiguous ? { ambiguous } : {}) } } : {}),
      });
    }

    if (appended.length === 0) continue;
    if (isSeq(seq) && seq.flow && seq.items.length > 0) {
      // "lum: [{nr: 1, …}]": the list would be replaced, not added to.
      errors.push({
        where: `${shown}:${lineAt(source, (seqPair!.key as Node).range?.[0] ?? seq.range?.[0] ?? 0)}`,
        message: `${fund}: är skriven på en rad ([…]); importen kan bara lägga till i en lista med en ansökan per rad (- nr: …). Skriv om listan eller lägg in ansökningarna för hand.`,
      });
      continue;
    }
    // Written as the round files write applications: "  - nr: 1" and the keys under it, a blank line between.
    const lastItem = isSeq(seq) ? (seq.items[seq.items.length - 1] as Node | undefined) : undefined;
    const itemIndent = lastItem?.range ? indentOf(source, lastItem.range[0]) : "  ";
    const block = (lines: string[]) =>
      [`${itemIndent}- ${lines[0]}`, ...lines.slice(1).map((l) => `${itemIndent}  ${l}`), `${itemIndent}  # beslut: skriv förvaltningens förslag här (utfall: bifall, delvis_bifall, maxbelopp, avslag eller centrala_medel)`].join("\n");
    const items = appended.map(block).join("\n\n");
    if (lastItem?.range && isSeq(seq) && !seq.flow) {
      const at = lineEnd(source, lastItem.range[1] - 1);
      splices.push({ start: at, end: at, text: `\n\n${items}` });
    } else if (seq && isSeq(seq) && seq.range) {
      // An empty list written "lum: []": the list becomes a block under its key.
      const from = source.slice(0, seq.range[0]).replace(/[ ]+$/, "").length;
      splices.push({ start: from, end: seq.range[1], text: `\n${items}` });
    } else if (seqPair && (seqPair.value === null || (isScalar(seqPair.value) && seqPair.value.value === null)) && (seqPair.key as Node).range) {
      // "lum:" with nothing after it: the list goes under the key.
      const at = lineEnd(source, (seqPair.key as Node).range![1]);
      splices.push({ start: at, end: at, text: `\n${items}` });
    } else {
      const tail = source.endsWith("\n") ? "" : "\n";
      splices.push({ start: source.length, end: source.length, text: `${tail}\n${fund}:\n${items}\n` });
    }
  }

  if (errors.length > 0) return { ok: false, errors };
  let text = source;
  splices.forEach((s, i) => (s.seq = i));
  for (const s of splices.sort((a, b) => b.start - a.start || b.end - a.end || b.seq! - a.seq!)) text = text.slice(0, s.start) + s.text.replace(/\r?\n/g, eol) + text.slice(s.end);
  // A safety net: a text the merge broke, or one that lost applications, is never written.
  const after = parseDocument(text);
  const added = changes.filter((c) => c.kind === "ny").length;
  const broken = after.errors.length > 0 || !isMap(after.contents);
  if (broken || applicationCount(after.toJS()) !== applicationCount(data) + added) {
    return {
      ok: false,
      errors: [
        {
          where: shown,
          message: `importen kunde inte lägga in ansökningarna säkert (${broken ? "filen skulle inte gå att läsa efteråt" : "antalet ansökningar i filen skulle inte stämma efteråt"}), så inget skrevs. Skriv lum: och mul: med en ansökan per rad (- nr: …) som i de andra årens filer, eller lägg in ansökningarna för hand.`,
        },
      ],
    };
  }
  return { ok: true, text, changes, unchanged };
}

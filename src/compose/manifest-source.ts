// Where things stand in a template set's dokument.yaml: each document's
// template, its `för_varje`, the line of its `när:` condition, and its
// texts (titel, ämne, fil, saknas — small templates themselves) with the
// line and column each begins at, from yaml's own node ranges. The wording
// check points at a wrong field in a title with it; the build names the line
// of the condition that leaves a document out.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { FileRefusedError, readProjectTextSync } from "../files/read-project-file.js";
import { PROJECT_ROOT } from "../project-root.js";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { PerItem } from "./context.js";

export interface ManifestText {
  key: "titel" | "ämne" | "fil" | "saknas";
  text: string;
  /** 1-based line, 0-based column where the text itself begins (past an opening quote). */
  line: number;
  column: number;
}

export interface ManifestEntrySource {
  fil: string;
  mall: string;
  forEach: PerItem | undefined;
  /** The conditions under `när:`, as written, with where each stands (1-based line, 1-based column). */
  när: string[];
  conditions: { value: string; line: number; column: number }[];
  /** Every key of the entry, with where it stands. */
  keys: { key: string; line: number; column: number }[];
  /** `för_varje:` as written, with where it stands. */
  forEachWritten: { value: string; line: number; column: number } | undefined;
  /** Line (1-based) of the entry's `när:`, or of its first line when it has none. */
  conditionLine: number;
  texts: ManifestText[];
}

export interface ManifestSource {
  path: string;
  source: string;
  entries: ManifestEntrySource[];
}

const TEXT_KEYS = ["titel", "ämne", "fil", "saknas"] as const;

/** dokument.yaml of the set in `dir` with positions; undefined when it is missing or not a list of entries. */
export function readManifest(dir: string): ManifestSource | undefined {
  const path = join(dir, "dokument.yaml");
  if (!existsSync(path)) return undefined;
  let source: string;
  try {
    // Through the one door, as compose.ts reads it; a file it refuses is reported when the set is loaded.
    source = readProjectTextSync(path, PROJECT_ROOT);
  } catch (error) {
    if (error instanceof FileRefusedError) return undefined;
    throw error;
  }
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter });
  if (doc.errors.length > 0 || !isSeq(doc.contents)) return undefined;
  const at = (offset: number) => counter.linePos(offset);
  const entries: ManifestEntrySource[] = [];
  for (const item of doc.contents.items) {
    if (!isMap(item)) continue;
    const get = (key: string): Node | undefined => item.items.find((p) => isScalar(p.key) && p.key.value === key)?.value as Node | undefined;
    const str = (key: string) => {
      const v = get(key);
      return isScalar(v) && typeof v.value === "string" ? v.value : undefined;
    };
    const whenPair = item.items.find((p) => isScalar(p.key) && p.key.value === "när");
    const keyNode = whenPair?.key as Node | undefined;
    const conditionLine = at(keyNode?.range?.[0] ?? item.range?.[0] ?? 0).line;
    const texts: ManifestText[] = [];
    for (const key of TEXT_KEYS) {
      const v = get(key);
      if (!isScalar(v) || typeof v.value !== "string" || !v.range) continue;
      const quoted = v.type === "QUOTE_DOUBLE" || v.type === "QUOTE_SINGLE";
      const pos = at(v.range[0] + (quoted ? 1 : 0));
      texts.push({ key, text: v.value, line: pos.line, column: pos.col - 1 });
    }
    const each = str("för_varje");
    const place = (node: Node | undefined) => {
      const p = at(node?.range?.[0] ?? 0);
      return { line: p.line, column: p.col };
    };
    const conditions = isSeq(whenPair?.value)
      ? whenPair.value.items.flatMap((i) => (isScalar(i) && typeof i.value === "string" ? [{ value: i.value, ...place(i) }] : []))
      : [];
    const keys = item.items.flatMap((p) => (isScalar(p.key) && typeof p.key.value === "string" ? [{ key: p.key.value, ...place(p.key as Node) }] : []));
    const eachNode = get("för_varje");
    entries.push({
      fil: str("fil") ?? "",
      mall: str("mall") ?? "",
      forEach: each === "sökande" || each === "anmälningar" ? each : undefined,
      när: conditions.map((c) => c.value),
      conditions,
      keys,
      forEachWritten: each === undefined ? undefined : { value: each, ...place(eachNode) },
      conditionLine,
      texts,
    });
  }
  return { path, source, entries };
}

// Checks a round file's text after an import, in memory, with the checks of
// `npm run check` (src/pipeline/check.ts checkRounds: loading, the schema, the rules,
// last year's round beside it, the wording), and keeps what the import caused:
// the findings of the new text that the old text did not have.
//
// An application without a decision does not pass the schema, and then no
// rule runs at all. Every import adds such applications, so both texts are
// checked with a stand-in decision (avslag, which grants nothing and so
// counts towards no limit) on a line of its own after each undecided
// application; findings on those lines are dropped and every other finding's
// line is moved back to the real file's line. Missing decisions are expected
// after an import and are not reported one by one.
import { isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from "yaml";
import { checkRounds } from "../pipeline/check.js";
import type { Diagnostic } from "../diagnostics/catalogue.js";
import { checkRoundBytes, loadRoundFile, parseRound, type LoadResult } from "../load/load-round.js";

const STAND_IN = "beslut: {utfall: avslag, motivering: beslut saknas}";

/** The text with a stand-in decision after each application that has none; `inserted` are the added lines (1-based). */
export function withStandInDecisions(text: string): { text: string; inserted: number[] } {
  const document = parseDocument(text);
  if (document.errors.length > 0 || !isMap(document.contents)) return { text, inserted: [] };
  const at: { offset: number; line: string }[] = [];
  for (const fund of ["lum", "mul"]) {
    const list = (document.contents as YAMLMap).get(fund, true);
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      if (!isMap(item) || item.flow || !item.range || item.has("beslut")) continue;
      const first = (item as YAMLMap).items[0]?.key as Node | undefined;
      if (!isScalar(first) || !first.range) continue;
      const column = first.range[0] - (text.lastIndexOf("\n", first.range[0] - 1) + 1);
      const end = text.indexOf("\n", Math.max(item.range[0], item.range[1] - 1));
      at.push({ offset: end < 0 ? text.length : end, line: `${" ".repeat(column)}${STAND_IN}` });
    }
  }
  at.sort((a, b) => a.offset - b.offset);
  // Built in one pass, and lines found by the offsets of the line breaks, counted once: a round of
  // thousands of applications is not re-split or re-copied per stand-in.
  const pieces: string[] = [];
  let from = 0;
  for (const { offset, line } of at) {
    pieces.push(text.slice(from, offset), `\n${line}`);
    from = offset;
  }
  pieces.push(text.slice(from));
  const breaks: number[] = [];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) breaks.push(i);
  // The k-th stand-in follows the real line its application ends on, moved down by the k stand-ins above it.
  const lineOf = (offset: number) => 1 + breaksBefore(breaks, offset);
  const inserted = at.map((a, k) => lineOf(a.offset) + k + 1);
  return { text: pieces.join(""), inserted };
}

/** How many of the sorted `values` are less than `limit` (a binary search). */
function breaksBefore(values: number[], limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

export interface ImportCheck {
  /**
   * Why the new text could not be a round file at all, by the loader's own
   * limits (over 5 MB, not UTF-8, a NUL character): build would refuse it,
   * so the import must not write it.
   */
  refused?: Diagnostic;
  /** Findings of the new text that the old one did not have, at the real file's lines. */
  caused: Diagnostic[];
  /** Errors the file had before the import (not shown again). */
  errorsBefore: number;
  /** False when the file could not be checked through (it had errors that stop the rules). */
  complete: boolean;
}

/**
 * The key a finding is compared by: what it says, whatever line it stands on.
 * A placeholder is the same placeholder when the import has written a new
 * value under its mark.
 */
const keyOf = (d: Diagnostic) => {
  const message = d.code === "platshallare" ? d.message.replace(/ \("[^"]*"\)/, "") : d.message;
  return `${d.severity}|${d.code}|${message.replace(/\brad \d+/g, "rad #")}`;
};

/**
 * Checks `before` and `after`, the round file's text without and with the
 * import, as `npm run check -- <shown>` would check the file, and returns
 * what is new in `after`. `path` is the round file; its folder gives last
 * year's round.
 */
export async function checkImport(path: string, shown: string, before: string, after: string, root: string): Promise<ImportCheck> {
  // The loader's own limits first, on the bytes that would be written.
  const bytes = checkRoundBytes(Buffer.from(after, "utf8"), shown);
  if ("code" in bytes) return { refused: bytes, caused: [bytes], errorsBefore: 0, complete: false };
  // The other rounds are read once for both checks.
  const others = new Map<string, Promise<LoadResult>>();
  const loadOther = (p: string, s: string, r?: string) => {
    if (!others.has(p)) others.set(p, loadRoundFile(p, s, r));
    return others.get(p)!;
  };
  const run = async (text: string) => {
    const variant = withStandInDecisions(text);
    const real = text.split(/\r?\n/);
    // `inserted` is ascending: a line moves up by the stand-ins above it.
    const realLine = (line: number) => line - breaksBefore(variant.inserted, line);
    const standIns = new Set(variant.inserted);
    const checked = await checkRounds([{ path, shown }], {
      root,
      load: (p, s = p, r) => (p === path ? Promise.resolve(parseRound({ path: shown, text: variant.text })) : loadOther(p, s, r)),
    });
    const diagnostics = checked.diagnostics
      .filter((d) => d.file === shown && !standIns.has(d.line))
      .map((d) =>
        d.line > 0
          ? {
              ...d,
              line: realLine(d.line),
              sourceLine: real[realLine(d.line) - 1],
              message: d.message.replace(/\brad (\d+)/g, (_, n: string) => `rad ${realLine(Number(n))}`),
            }
          : d,
      );
    return { diagnostics, complete: checked.rounds.length > 0 };
  };
  const old = await run(before);
  const now = await run(after);
  const remaining = new Map<string, number>();
  for (const d of old.diagnostics) remaining.set(keyOf(d), (remaining.get(keyOf(d)) ?? 0) + 1);
  const caused = now.diagnostics.filter((d) => {
    const left = remaining.get(keyOf(d)) ?? 0;
    if (left === 0) return true;
    remaining.set(keyOf(d), left - 1);
    return false;
  });
  return { caused, errorsBefore: old.diagnostics.filter((d) => d.severity === "fel").length, complete: now.complete };
}

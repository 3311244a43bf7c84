// Values marked "# PLATSHÅLLARE" in a round file: stand-ins for facts not
// known yet (a Dnr, a date, a name). A trailing comment marks the value on
// its line; a comment block directly above a key (no blank line between)
// that names PLATSHÅLLARE marks that key's whole block, unless values inside
// it carry their own marks. Each is a warning (an error with --strict), and
// the documents of a round that still has one are marked UTKAST.
import { isMap, isPair, isScalar, isSeq, visit, type Document, type Node } from "yaml";

export const PLACEHOLDER_MARK = "PLATSHÅLLARE";

export interface Placeholder {
  /** Path of the marked value in the round. */
  path: (string | number)[];
  /** Offset and length of the marked value (or key, for a block) in the text. */
  offset: number;
  length: number;
  /** The value as written, for a scalar; undefined for a block. */
  value: string | undefined;
}

const MARK = new RegExp(`#.*\\b${PLACEHOLDER_MARK}\\b`, "u");

function lineAt(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  const nl = text.indexOf("\n", offset);
  return { start, end: nl < 0 ? text.length : nl };
}

/** Whether the comment lines directly above the line at `offset` mention the mark. */
function markedAbove(text: string, offset: number): boolean {
  let { start } = lineAt(text, offset);
  while (start > 0) {
    const prev = lineAt(text, start - 1);
    const line = text.slice(prev.start, prev.end);
    if (!/^\s*#/.test(line)) return false;
    if (MARK.test(line)) return true;
    start = prev.start;
  }
  return false;
}

export function findPlaceholders(document: Document, text: string): Placeholder[] {
  const found: Placeholder[] = [];
  const blocks: Placeholder[] = [];
  visit(document, {
    Pair(_, pair, ancestors) {
      if (!isScalar(pair.key) || !pair.key.range) return;
      const path = pathOf(ancestors, pair);
      const value = pair.value as Node | null;
      // A comment after the value on its own line: "dnr: "3.2-0000/2023"   # PLATSHÅLLARE".
      const anchor = isScalar(value) && value.range ? value.range[1] : pair.key.range[1];
      const line = lineAt(text, pair.key.range[0]);
      const rest = text.slice(Math.min(anchor, line.end), line.end);
      if (MARK.test(rest)) {
        const start = isScalar(value) && value.range ? value.range[0] : pair.key.range[0];
        const end = isScalar(value) && value.range ? value.range[1] : pair.key.range[1];
        found.push({ path, offset: start, length: Math.max(1, end - start), value: isScalar(value) ? String(value.value) : undefined });
      } else if (markedAbove(text, pair.key.range[0])) {
        blocks.push({
          path,
          offset: pair.key.range[0],
          length: pair.key.range[1] - pair.key.range[0],
          value: isScalar(value) ? String(value.value) : undefined,
        });
      }
    },
  });
  // A block whose values carry their own marks is said by those marks.
  const inside = (block: Placeholder, p: Placeholder) => p.path.length > block.path.length && block.path.every((s, i) => p.path[i] === s);
  const kept = blocks.filter((b) => !found.some((p) => inside(b, p)));
  return [...found, ...kept].sort((a, b) => a.offset - b.offset);
}

function pathOf(ancestors: readonly unknown[], pair: unknown): (string | number)[] {
  const path: (string | number)[] = [];
  const chain = [...ancestors, pair];
  for (let i = 0; i < chain.length - 1; i++) {
    const parent = chain[i];
    const child = chain[i + 1];
    if (isSeq(parent)) path.push(parent.items.indexOf(child as never));
    else if (isMap(parent) && isPair(child) && isScalar(child.key)) path.push(String(child.key.value));
  }
  return path;
}

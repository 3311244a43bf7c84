// Every character a round file says must be drawable in the PDF's fonts. The
// document model carries no YAML positions, so the check runs on the parsed
// YAML itself: each string scalar is looked at, and each character the
// embedded fonts lack becomes a diagnostic at its file:line:column — before
// anything is written, instead of an empty box in a committee paper.
import { visit, type Document, type LineCounter } from "yaml";
import { diagnostic, type Diagnostic } from "../diagnostics/catalogue.js";
import type { SourceFile } from "../load/load-round.js";
import { canDraw } from "../write/pdf/fonts.js";

function describe(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

export function checkGlyphs(document: Document, lineCounter: LineCounter, source: SourceFile): Diagnostic[] {
  const lines = source.text.split(/\r?\n/);
  const found: Diagnostic[] = [];
  visit(document, {
    Scalar(key, node) {
      if (key === "key" || typeof node.value !== "string" || !node.range) return;
      const [start, valueEnd] = node.range;
      const raw = source.text.slice(start, valueEnd);
      let cursor = 0;
      // The writers draw the NFC form, so that is what must be covered.
      for (const ch of node.value.normalize("NFC")) {
        if (canDraw(ch.codePointAt(0)!)) continue;
        // Point at the character in the source; an escape ("\U0001F600") or a
        // decomposed form is not found literally, so point at the value then.
        const at = raw.indexOf(ch, cursor);
        const offset = at >= 0 ? start + at : start;
        if (at >= 0) cursor = at + ch.length;
        const { line, col } = lineCounter.linePos(offset);
        found.push(
          diagnostic(
            "tecken-saknas-i-typsnitt",
            { file: source.path, line, column: col, length: at >= 0 ? 1 : Math.max(1, valueEnd - start), sourceLine: lines[line - 1] },
            { tecken: ch, kod: describe(ch) },
          ),
        );
      }
    },
  });
  return found;
}

// fontkit 2 as the PDF writer hands it to pdf-lib, with two changes
// wrapped around it rather than patched into node_modules.
//
// 1. Unshaped layout. pdf-lib calls `font.layout(text)` for every drawText,
//    which runs fontkit's OpenType shaper (GSUB/GPOS planning and lookups):
//    most of the time of writing a long table. pdf-lib then drops the
//    positioning anyway (no kerning, no mark placement), and our text is NFC
//    (precomposed letters, see text.ts), so one glyph per character — the
//    cmap lookup — is both what text.ts measures and what gets drawn.
//
// 2. Parsed once. pdf-lib parses the font file again for every document
//    (and fontkit decodes its tables again for every subset); the parsed
//    font is read-only for our use — each embedding gets its own subset
//    object — so it is kept per font file for the life of the process.
//
// fontkit 2 keeps the font's own `loca` format when it subsets, so the
// subsets need no repair (@pdf-lib/fontkit 1 wrote the short format with
// odd-length glyphs, which blanked most letters of Tinos and Arimo).
import * as fontkit from "fontkit";
import type { PDFDocument } from "@cantoo/pdf-lib";

/** What pdf-lib takes as its font engine (the package does not export the type by name). */
type Fontkit = Parameters<PDFDocument["registerFontkit"]>[0];

interface Glyph {
  id: number;
  advanceWidth: number;
}

interface FontInternals {
  glyphForCodePoint(codePoint: number): Glyph;
  layout(text: string, features?: unknown): { glyphs: Glyph[] };
}

function unshapedLayout(font: FontInternals): void {
  // Fresh glyph records rather than fontkit's cached Glyph objects: pdf-lib
  // builds the ToUnicode map (text extraction, search) from `codePoints`, and
  // fontkit caches a glyph with whatever characters it was first asked for —
  // none, when the subsetter met it as part of a composite ("A" inside "Ä"),
  // which left a later document's "A" without text.
  const records = new Map<number, Glyph & { codePoints: number[] }>();
  font.layout = (text: string) => {
    const glyphs: Glyph[] = [];
    for (const ch of text) {
      const codePoint = ch.codePointAt(0)!;
      let record = records.get(codePoint);
      if (!record) {
        const glyph = font.glyphForCodePoint(codePoint);
        record = { id: glyph.id, advanceWidth: glyph.advanceWidth, codePoints: [codePoint] };
        records.set(codePoint, record);
      }
      glyphs.push(record);
    }
    return { glyphs };
  };
}

const parsed = new WeakMap<object, FontInternals>();

/** fontkit with unshaped layout and parsed fonts kept. */
export const pdfFontkit: Fontkit = {
  create(bytes: Uint8Array, postscriptName?: string) {
    const known = parsed.get(bytes);
    if (known) return known as unknown as ReturnType<Fontkit["create"]>;
    const font = fontkit.create(bytes, postscriptName) as unknown as FontInternals;
    unshapedLayout(font);
    parsed.set(bytes, font);
    return font as unknown as ReturnType<Fontkit["create"]>;
  },
};

// @pdf-lib/fontkit as the PDF writer hands it to pdf-lib, with two changes
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
// 3. Even-length glyphs in subsets. The subsetter copies each glyph's bytes as
// they are and, when the subset is small, writes the short `loca` format,
// which stores offsets halved: a glyph of odd length shifts every later offset
// by half a byte, and those glyphs come out blank or broken (seen with Tinos
// and Arimo: most letters invisible; pdf-lib issues #494, #664, #1232 look like
// the same). TrueType glyphs may be padded, so the fix pads each copied glyph
// to an even length.
import fontkit from "@pdf-lib/fontkit/dist/fontkit.es.min.js";

interface SubsetInternals {
  glyf: Uint8Array[];
  offset: number;
  _addGlyph(gid: number): number;
}

interface Glyph {
  id: number;
  advanceWidth: number;
}

interface FontInternals {
  createSubset(): unknown;
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

type Fontkit = typeof fontkit;

function padGlyphs(subset: SubsetInternals): void {
  const addGlyph = subset._addGlyph.bind(subset);
  subset._addGlyph = (gid: number) => {
    const index = addGlyph(gid);
    const buffer = subset.glyf[index]!;
    if (buffer.length % 2 === 1) {
      // fontkit's bundled Buffer polyfill, not Node's: its stream accepts only its own kind.
      const FontkitBuffer = buffer.constructor as unknown as { concat(list: Uint8Array[]): Uint8Array; alloc(size: number): Uint8Array };
      subset.glyf[index] = FontkitBuffer.concat([buffer, FontkitBuffer.alloc(1)]);
      subset.offset += 1;
    }
    return index;
  };
}

const parsed = new WeakMap<object, FontInternals>();

/** fontkit with unshaped layout, parsed fonts kept, and TrueType subsets whose glyphs are padded to even lengths. */
export const pdfFontkit: Fontkit = {
  ...fontkit,
  create(...args: Parameters<Fontkit["create"]>) {
    const [bytes] = args;
    const known = parsed.get(bytes);
    if (known) return known as unknown as ReturnType<Fontkit["create"]>;
    const font = fontkit.create(...args) as unknown as FontInternals;
    unshapedLayout(font);
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset() as SubsetInternals;
      if (typeof subset._addGlyph === "function" && Array.isArray(subset.glyf ?? [])) padGlyphs(subset);
      return subset;
    };
    parsed.set(bytes, font);
    return font as unknown as ReturnType<Fontkit["create"]>;
  },
};

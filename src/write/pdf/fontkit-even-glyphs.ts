// A fix for @pdf-lib/fontkit's TrueType subsetter, wrapped around it rather
// than patched into node_modules. The subsetter copies each glyph's bytes as
// they are and, when the subset is small, writes the short `loca` format,
// which stores offsets halved: a glyph of odd length shifts every later offset
// by half a byte, and those glyphs come out blank or broken (seen with Tinos
// and Arimo: most letters invisible; pdf-lib issues #494, #664, #1232 look like
// the same). TrueType glyphs may be padded, so the fix pads each copied glyph
// to an even length.
import fontkit from "@pdf-lib/fontkit";

interface SubsetInternals {
  glyf: Uint8Array[];
  offset: number;
  _addGlyph(gid: number): number;
}

interface FontInternals {
  createSubset(): unknown;
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

/** fontkit, whose TrueType subsets pad glyphs to even lengths. */
export const evenGlyphFontkit: Fontkit = {
  ...fontkit,
  create(...args: Parameters<Fontkit["create"]>) {
    const font = fontkit.create(...args) as unknown as FontInternals;
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset() as SubsetInternals;
      if (typeof subset._addGlyph === "function" && Array.isArray(subset.glyf ?? [])) padGlyphs(subset);
      return subset;
    };
    return font as unknown as ReturnType<Fontkit["create"]>;
  },
};

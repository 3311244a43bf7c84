// The embedded font families: Tinos (serif) and Arimo (sans), metric-compatible
// with Times New Roman and Arial, which the Word output names. Both ship as TTF
// in the @expo-google-fonts npm packages, so a fresh `npm ci` has them and the
// build never downloads anything. Both cover Latin Extended and Vietnamese.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { advanceTable, FONT_FILES, fontMetrics, type FaceKey, type Family, type Variant } from "./font-metrics.js";

export type { FaceKey, Family, Variant };

const require = createRequire(import.meta.url);

export const FACE_KEYS = Object.keys(FONT_FILES) as FaceKey[];

/** A face: its bytes for embedding and metrics for measuring. */
export interface Face {
  key: FaceKey;
  /** The font file, read when first embedded. */
  readonly bytes: Uint8Array;
  postscriptName: string;
  /** Advance width of a code point in em (1 = font size). */
  advance(codePoint: number): number;
  has(codePoint: number): boolean;
  /** Ascent, descent (positive, below the baseline) and natural line height, in em. */
  ascent: number;
  descent: number;
  lineHeight: number;
}

const faces = new Map<FaceKey, Face>();

/** A face, measured from the generated metrics (src/write/pdf/font-metrics.ts): no font parsing. */
export function face(key: FaceKey): Face {
  let loaded = faces.get(key);
  if (!loaded) {
    const m = fontMetrics()[key];
    const em = m.unitsPerEm;
    const widths = advanceTable(m);
    let bytes: Uint8Array | undefined;
    loaded = {
      key,
      get bytes() {
        // One object per face for the process: the PDF writer's fontkit keeps its parse by it.
        bytes ??= new Uint8Array(readFileSync(require.resolve(FONT_FILES[key])));
        return bytes;
      },
      postscriptName: m.postscriptName,
      advance: (codePoint) => (widths.get(codePoint) ?? m.missingAdvance) / em,
      has: (codePoint) => widths.has(codePoint),
      ascent: m.ascent / em,
      descent: -m.descent / em,
      lineHeight: (m.ascent - m.descent + m.lineGap) / em,
    };
    faces.set(key, loaded);
  }
  return loaded;
}

export function faceKey(family: Family, bold: boolean, italic: boolean): FaceKey {
  const variant: Variant = bold && italic ? "boldItalic" : bold ? "bold" : italic ? "italic" : "regular";
  return `${family}-${variant}`;
}

/** Characters that are layout, not ink: they need no glyph. */
export function needsNoGlyph(codePoint: number): boolean {
  return codePoint === 0x0a || codePoint === 0x0d || codePoint === 0x09 || codePoint === 0xad;
}

/**
 * Whether every face can draw the character. A name may end up in any face
 * (a heading, a bold table cell, the furniture), so a character counts as
 * drawable only if all of them have it.
 */
export function canDraw(codePoint: number): boolean {
  return needsNoGlyph(codePoint) || FACE_KEYS.every((key) => face(key).has(codePoint));
}

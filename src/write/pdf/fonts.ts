// The embedded font families: Tinos (serif) and Arimo (sans), metric-compatible
// with Times New Roman and Arial, which the Word output names. Both ship as TTF
// in the @expo-google-fonts npm packages, so a fresh `npm ci` has them and the
// build never downloads anything. Both cover Latin Extended and Vietnamese.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit/dist/fontkit.es.min.js";

const require = createRequire(import.meta.url);

export type Family = "serif" | "sans";
export type Variant = "regular" | "bold" | "italic" | "boldItalic";
export type FaceKey = `${Family}-${Variant}`;

const FILES: Record<FaceKey, string> = {
  "serif-regular": "@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf",
  "serif-bold": "@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf",
  "serif-italic": "@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf",
  "serif-boldItalic": "@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf",
  "sans-regular": "@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf",
  "sans-bold": "@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf",
  "sans-italic": "@expo-google-fonts/arimo/400Regular_Italic/Arimo_400Regular_Italic.ttf",
  "sans-boldItalic": "@expo-google-fonts/arimo/700Bold_Italic/Arimo_700Bold_Italic.ttf",
};

export const FACE_KEYS = Object.keys(FILES) as FaceKey[];

/** The part of a fontkit font the writer uses. */
interface FontkitFont {
  postscriptName: string;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): { advanceWidth: number };
}

/** A loaded face: its bytes for embedding and metrics for measuring. */
export interface Face {
  key: FaceKey;
  bytes: Uint8Array;
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

export function face(key: FaceKey): Face {
  let loaded = faces.get(key);
  if (!loaded) {
    const bytes = new Uint8Array(readFileSync(require.resolve(FILES[key])));
    const font = fontkit.create(bytes) as unknown as FontkitFont;
    const em = font.unitsPerEm;
    const widths = new Map<number, number>();
    loaded = {
      key,
      bytes,
      postscriptName: font.postscriptName,
      advance(codePoint) {
        let w = widths.get(codePoint);
        if (w === undefined) {
          w = font.glyphForCodePoint(codePoint).advanceWidth / em;
          widths.set(codePoint, w);
        }
        return w;
      },
      has: (codePoint) => font.hasGlyphForCodePoint(codePoint),
      ascent: font.ascent / em,
      descent: -font.descent / em,
      lineHeight: (font.ascent - font.descent + font.lineGap) / em,
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

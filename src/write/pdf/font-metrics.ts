// What layout and the glyph check need to know about the embedded fonts —
// which characters each face has, how wide each one is, ascent, descent and
// line gap — read from a generated file instead of parsing the fonts with
// fontkit on every run (fontkit's module alone takes about 0.2 s to load,
// and `check` needs nothing else from it). The PDF writer still embeds the
// font files themselves; only what is measured comes from here.
//
// src/write/pdf/font-metrics.json is written by `npm run generate` from the
// font files (src/write/pdf/measure-fonts.ts); a test fails when it no longer
// matches them, e.g. after a font package was updated.
import { readProjectTextSync } from "../../files/read-project-file.js";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../project-root.js";

export type Family = "serif" | "sans";
export type Variant = "regular" | "bold" | "italic" | "boldItalic";
export type FaceKey = `${Family}-${Variant}`;

/** The font file of each face, in node_modules (installed by `npm ci`). */
export const FONT_FILES: Record<FaceKey, string> = {
  "serif-regular": "@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf",
  "serif-bold": "@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf",
  "serif-italic": "@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf",
  "serif-boldItalic": "@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf",
  "sans-regular": "@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf",
  "sans-bold": "@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf",
  "sans-italic": "@expo-google-fonts/arimo/400Regular_Italic/Arimo_400Regular_Italic.ttf",
  "sans-boldItalic": "@expo-google-fonts/arimo/700Bold_Italic/Arimo_700Bold_Italic.ttf",
};

export const FONT_METRICS_FILE = "src/write/pdf/font-metrics.json";

/** One face's metrics, in font units. */
export interface FaceMetrics {
  postscriptName: string;
  unitsPerEm: number;
  ascent: number;
  /** Negative: below the baseline, as the font stores it. */
  descent: number;
  lineGap: number;
  /** Advance width of the glyph drawn for a character the face lacks (.notdef). */
  missingAdvance: number;
  /** The characters the face has, as runs of consecutive code points: [first, advance widths…]. */
  ranges: [number, number[]][];
}

export type FontMetrics = Record<FaceKey, FaceMetrics>;

let metrics: FontMetrics | undefined;

export function fontMetrics(): FontMetrics {
  metrics ??= JSON.parse(readProjectTextSync(join(PROJECT_ROOT, FONT_METRICS_FILE), PROJECT_ROOT)) as FontMetrics;
  return metrics;
}

/** A face's advance widths by code point, for the characters it has. */
export function advanceTable(m: FaceMetrics): Map<number, number> {
  const table = new Map<number, number>();
  for (const [first, widths] of m.ranges) widths.forEach((w, i) => table.set(first + i, w));
  return table;
}

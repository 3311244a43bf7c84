// Measures the embedded fonts with fontkit for src/write/pdf/font-metrics.json
// (`npm run generate`, and the test that the file is current). Not used
// when building.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import { FONT_FILES, type FaceKey, type FaceMetrics, type FontMetrics } from "./font-metrics.js";

const require = createRequire(import.meta.url);

interface FontkitFont {
  postscriptName: string;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
  characterSet: number[];
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): { advanceWidth: number };
  getGlyph(id: number): { advanceWidth: number };
}

function measure(file: string): FaceMetrics {
  const font = fontkit.create(new Uint8Array(readFileSync(require.resolve(file)))) as unknown as FontkitFont;
  const has = [...new Set(font.characterSet)].filter((cp) => font.hasGlyphForCodePoint(cp)).sort((a, b) => a - b);
  const ranges: [number, number[]][] = [];
  for (const cp of has) {
    const last = ranges[ranges.length - 1];
    const width = font.glyphForCodePoint(cp).advanceWidth;
    if (last && last[0] + last[1].length === cp) last[1].push(width);
    else ranges.push([cp, [width]]);
  }
  return {
    postscriptName: font.postscriptName,
    unitsPerEm: font.unitsPerEm,
    ascent: font.ascent,
    descent: font.descent,
    lineGap: font.lineGap,
    missingAdvance: font.getGlyph(0).advanceWidth,
    ranges,
  };
}

/** The metrics file's text: every face, one range per line. */
export function fontMetricsJson(): string {
  const all = Object.fromEntries(Object.entries(FONT_FILES).map(([key, file]) => [key, measure(file)])) as FontMetrics;
  const faces = (Object.keys(all) as FaceKey[]).map((key) => {
    const { ranges, ...rest } = all[key];
    const head = JSON.stringify(rest).slice(1, -1);
    return `  ${JSON.stringify(key)}: {${head},\n    "ranges": [\n${ranges.map((r) => `      ${JSON.stringify(r)}`).join(",\n")}\n    ]\n  }`;
  });
  return `{\n${faces.join(",\n")}\n}\n`;
}

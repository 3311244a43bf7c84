// Layout and the glyph check measure text from src/write/pdf/font-metrics.json
// instead of parsing the fonts; it must say what the font files say, or lines
// would break where the drawn glyphs do not fit.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FONT_METRICS_FILE } from "../../src/write/pdf/font-metrics.js";
import { face } from "../../src/write/pdf/fonts.js";
import { fontMetricsJson } from "../../src/write/pdf/measure-fonts.js";

const ROOT = join(import.meta.dirname, "..", "..");

describe("the fonts' metrics", () => {
  it("match the font files (run npm run generate if not)", () => {
    expect(readFileSync(join(ROOT, FONT_METRICS_FILE), "utf8")).toBe(fontMetricsJson());
  });

  it("give Swedish letters their own widths and know what the fonts lack", () => {
    const serif = face("serif-regular");
    expect(serif.has("å".codePointAt(0)!)).toBe(true);
    expect(serif.has("ő".codePointAt(0)!)).toBe(true);
    expect(serif.has(0x1f600)).toBe(false); // an emoji
    // Times-compatible: "m" is wider than "i", bold wider than regular.
    expect(serif.advance("m".codePointAt(0)!)).toBeGreaterThan(serif.advance("i".codePointAt(0)!));
    expect(face("serif-bold").advance("a".codePointAt(0)!)).toBeGreaterThan(serif.advance("a".codePointAt(0)!));
    expect(serif.ascent).toBeGreaterThan(0.8);
    expect(serif.descent).toBeGreaterThan(0.1);
  });
});

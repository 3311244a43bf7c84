// Line breaking: at UAX #14 opportunities, never inside an amount, and
// within the width.
import { describe, expect, it } from "vitest";
import { formatKronor } from "../../src/format/swedish.js";
import { breakLines, inlineRuns, runsWidth, textWidth } from "../../src/write/pdf/text.js";

const style = { family: "serif" as const, size: 12 };
const lineText = (runs: { text: string }[]) => runs.map((r) => r.text).join("");

describe("breakLines", () => {
  it("marks a line broken at a space, so the writer keeps that space for text extraction; not one cut inside a word, nor the last", () => {
    const words = "Socialförvaltningens arbete med forskning och utveckling ska bidra till utveckling av socialtjänsten. ".repeat(4);
    const lines = breakLines(inlineRuns([{ type: "text", value: words }], style), 200);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.slice(0, -1).every((l) => l.space === true)).toBe(true);
    expect(lines[lines.length - 1]!.space).toBeUndefined();
    // The space is not part of the measured line.
    for (const line of lines) expect(lineText(line.runs)).not.toMatch(/\s$/);
    // A word cut (hyphenated) over lines has no space at the cut.
    const cut = breakLines(inlineRuns([{ type: "text", value: "Arbetsmarknadsförvaltningen" }], style), 60);
    expect(cut.length).toBeGreaterThan(1);
    expect(cut.every((l) => l.space === undefined)).toBe(true);
  });

  it("never breaks an amount at its non-breaking spaces", () => {
    const amounts = Array.from({ length: 40 }, (_, i) => formatKronor(1_000_000 + i * 111_111)).join(" och ");
    for (const width of [90, 120, 200, 333]) {
      const lines = breakLines(inlineRuns([{ type: "text", value: amounts }], style), width);
      expect(lines.length).toBeGreaterThan(3);
      for (const line of lines) {
        const text = lineText(line.runs);
        // Every line starts with a whole amount or "och", and ends with "kronor" or "och".
        expect(text, `width ${width}`).toMatch(/^(\d{1,3}(\u00a0\d{3})+\u00a0kronor|och)( |$)/);
        expect(text, `width ${width}`).toMatch(/(kronor|och)$/);
        expect(line.width).toBeLessThanOrEqual(width + 0.01);
      }
    }
  });

  it("keeps bold and regular runs and breaks after a hyphen", () => {
    const lines = breakLines(
      inlineRuns([{ type: "strong", children: [{ type: "text", value: "Delvis bifall" }] }, { type: "text", value: " för EU-medborgare i Hägersten-Älvsjö" }], style),
      120,
    );
    expect(lines[0]!.runs[0]).toMatchObject({ text: "Delvis bifall", face: "serif-bold" });
    expect(lines.map((l) => lineText(l.runs)).join("|")).toMatch(/-\|/);
  });

  it("hyphenates a word too long for its line with Swedish patterns", () => {
    const lines = breakLines(inlineRuns([{ type: "text", value: "rehabiliteringsärenden" }], style), 60);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(60.01);
    const texts = lines.map((l) => lineText(l.runs));
    expect(texts.slice(0, -1).every((t) => t.endsWith("-"))).toBe(true);
    expect(texts.join("").replace(/-/g, "")).toBe("rehabiliteringsärenden");
    expect(runsWidth(lines[0]!.runs)).toBeGreaterThan(20);
  });
});

describe("breakLines with soft hyphens and tabs", () => {
  it("shows a hyphen where a line breaks at a soft hyphen, and none elsewhere", () => {
    const text = Array.from({ length: 12 }, () => "utvecklings\u00admedel").join(" ");
    // Room for one word and the first half of the next, with its hyphen.
    const width = textWidth("utvecklingsmedel utvecklings-", "serif-regular", 12) + 1;
    const lines = breakLines(inlineRuns([{ type: "text", value: text }], style), width);
    const texts = lines.map((l) => lineText(l.runs));
    expect(texts.join("")).not.toContain("\u00ad");
    expect(texts.some((t) => t.endsWith("utvecklings-"))).toBe(true);
    expect(texts.join(" ").replace(/-( |$)/g, "").replace(/ /g, "")).toBe("utvecklingsmedel".repeat(12));
  });

  it("turns tabs and line breaks into spaces", () => {
    const lines = breakLines(inlineRuns([{ type: "text", value: "a\tb\nc" }], style), 300);
    expect(lineText(lines[0]!.runs)).toBe("a b c");
  });
});

describe("breakLines in a very narrow column", () => {
  it("cuts between characters when not even a syllable fits, and keeps every letter", () => {
    const lines = breakLines(inlineRuns([{ type: "text", value: "stadsdelsförvaltningen" }], style), 14);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(14.01);
    expect(lines.map((l) => lineText(l.runs)).join("").replace(/-/g, "")).toBe("stadsdelsförvaltningen");
  });
});

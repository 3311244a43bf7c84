// Inline content → styled runs → lines. Break opportunities come from
// Unicode's line-breaking algorithm (UAX #14, the `linebreak` package), so a
// line never breaks at a non-breaking space ("3 000 000", "2 juni") and may
// break after a hyphen or a dash. A word wider than its whole line (a long
// compound in a narrow table cell) is hyphenated with Swedish patterns
// (`hyphen/sv`); only if that is not enough is it cut between characters.
import { createRequire } from "node:module";
import LineBreaker from "linebreak";
import type { Inline } from "../../model/document.js";
import { face, faceKey, type FaceKey, type Family } from "./fonts.js";
import { settings } from "./settings.js";

const require = createRequire(import.meta.url);

type Hyphenator = { hyphenateSync: (text: string, options?: { hyphenChar?: string; minWordLength?: number }) => string };
let hyphenator: Hyphenator | undefined;
/** Swedish hyphenation patterns, loaded on first need: most documents never cut a word. */
const hyphenSv = (): Hyphenator => (hyphenator ??= require("hyphen/sv") as Hyphenator);

export type Field = "page" | "pages";

/** A stretch of text in one face and size; a field is filled in when drawing. */
export interface Run {
  text: string;
  face: FaceKey;
  size: number;
  field?: Field;
}

/** One line of a paragraph: its runs and its measured width. */
export interface Line {
  runs: Run[];
  width: number;
  /**
   * The line was broken at white space, which its runs and width leave out.
   * The writer draws one space after the last glyph anyway (it is invisible):
   * without it, text taken from the tagged structure (what a screen reader
   * reads) ran the last word of a line into the first of the next.
   */
  space?: boolean;
}

export interface TextStyle {
  family: Family;
  size: number;
  bold?: boolean;
  italic?: boolean;
}

const SHY = "\u00ad";

const hyphenWidth = (run: Run) => textWidth("-", run.face, run.size);

/** What a field measures as before the page count is known. */
const FIELD_PLACEHOLDER = "00";

export function inlineRuns(inlines: Inline[], style: TextStyle): Run[] {
  const key = faceKey(style.family, style.bold ?? false, style.italic ?? false);
  return inlines.flatMap((node): Run[] => {
    switch (node.type) {
      case "text":
        // NFC: pdf-lib draws glyphs without mark positioning, so "e" + a
        // combining accent must become the precomposed "ễ" the font has.
        // Tabs and line breaks inside a text are spaces here, as in Word's
        // running text; they have no glyph to draw.
        return node.value === "" ? [] : [{ text: node.value.normalize("NFC").replace(/[\t\r\n]/g, " "), face: key, size: style.size }];
      case "emphasis":
        return inlineRuns(node.children, { ...style, italic: true });
      case "strong":
        return inlineRuns(node.children, { ...style, bold: true });
      case "field":
        return [{ text: FIELD_PLACEHOLDER, face: key, size: style.size, field: node.field }];
    }
  });
}

/** Width of a string in a face and size, in points. */
export function textWidth(text: string, key: FaceKey, size: number): number {
  const f = face(key);
  let w = 0;
  for (const ch of text) w += f.advance(ch.codePointAt(0)!);
  return w * size;
}

export function runsWidth(runs: Run[]): number {
  return runs.reduce((w, r) => w + textWidth(r.text, r.face, r.size), 0);
}

/** Height of one line of the given runs at a line-spacing multiple, in points. */
export function lineHeight(runs: Run[], style: TextStyle, multiple: number): number {
  const sizes = runs.length > 0 ? runs : [{ face: faceKey(style.family, false, false), size: style.size }];
  return Math.max(...sizes.map((r) => face(r.face).lineHeight * r.size)) * multiple;
}

/** The paragraph as one string with, per UTF-16 unit, its run and advance. */
class Flat {
  readonly text: string;
  readonly runOf: Uint16Array;
  /** prefix[i] = width of text[0, i). */
  readonly prefix: Float64Array;

  constructor(readonly runs: Run[]) {
    this.text = runs.map((r) => r.text).join("");
    this.runOf = new Uint16Array(this.text.length);
    this.prefix = new Float64Array(this.text.length + 1);
    let i = 0;
    runs.forEach((run, r) => {
      const f = face(run.face);
      for (const ch of run.text) {
        // A soft hyphen takes no room unless a line ends at it (see breakLines).
        const w = ch === SHY ? 0 : f.advance(ch.codePointAt(0)!) * run.size;
        for (let k = 0; k < ch.length; k++) {
          this.runOf[i] = r;
          this.prefix[i + 1] = this.prefix[i]! + (k === 0 ? w : 0);
          i++;
        }
      }
    });
  }

  width(start: number, end: number): number {
    return this.prefix[end]! - this.prefix[start]!;
  }

  /** The runs covering [start, end), trailing white space dropped, plus an optional hyphen. */
  line(start: number, end: number, hyphen: boolean): Line {
    const full = end;
    while (end > start && /\s/.test(this.text[end - 1]!) && this.text[end - 1] !== "\u00a0") end--;
    const runs: Run[] = [];
    let i = start;
    while (i < end) {
      const r = this.runOf[i]!;
      let j = i;
      while (j < end && this.runOf[j] === r) j++;
      const source = this.runs[r]!;
      const text = this.text.slice(i, j).replaceAll(SHY, "");
      if (text !== "") runs.push(source.field ? { ...source } : { ...source, text });
      i = j;
    }
    if (hyphen && runs.length > 0) {
      const last = runs[runs.length - 1]!;
      runs[runs.length - 1] = { ...last, text: `${last.text}-` };
    }
    // Only a line followed by more text needs its space back.
    const space = end < full && full < this.text.length && runs.length > 0;
    return space ? { runs, width: runsWidth(runs), space } : { runs, width: runsWidth(runs) };
  }
}

/** Break opportunities (end positions) of the text, per UAX #14. */
function breaks(text: string): { position: number; required: boolean }[] {
  const breaker = new LineBreaker(text);
  const out: { position: number; required: boolean }[] = [];
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) out.push({ position: b.position, required: b.required });
  return out;
}

/** Ends of the trailing white space of [start, end), to measure a segment without it. */
function visibleEnd(text: string, start: number, end: number): number {
  while (end > start && /[ \t\n\r]/.test(text[end - 1]!)) end--;
  return end;
}

/**
 * Cut points inside a word that is wider than the line: Swedish hyphenation
 * points (marked `hyphen`), then every character boundary as a last resort.
 */
function cutPoints(flat: Flat, start: number, end: number): { hyphenated: number[]; characters: number[] } {
  const hyphenated: number[] = [];
  if (settings.hyphenateLongWords && !flat.runs[flat.runOf[start]!]?.field) {
    const result = hyphenSv().hyphenateSync(flat.text.slice(start, end), { hyphenChar: SHY, minWordLength: 5 });
    let offset = 0;
    for (const ch of result) {
      if (ch === SHY) hyphenated.push(start + offset);
      else offset += ch.length;
    }
  }
  const characters: number[] = [];
  for (let i = start + 1; i < end; i++) {
    if (!/[\udc00-\udfff]/.test(flat.text[i]!)) characters.push(i);
  }
  return { hyphenated, characters };
}

/** Words longer than this are hyphenated only around where a line ends. */
const LONG_WORD = 200;
const HYPHENATION_CONTEXT = 40;

/**
 * Breaks runs into lines of at most `maxWidth` points, greedily at the
 * UAX #14 opportunities. Never returns zero lines for non-empty text.
 */
export function breakLines(runs: Run[], maxWidth: number): Line[] {
  const flat = new Flat(runs);
  const text = flat.text;
  if (text === "") return [];
  // A width of zero, below or NaN (a column squeezed out) still lays out: a
  // character a line. Every step below moves on by at least one character.
  if (!(maxWidth > 0)) maxWidth = 0;
  const lines: Line[] = [];
  let lineStart = 0;
  let lastFit = -1; // last break position that fits on the current line
  const opportunities = breaks(text);
  for (let k = 0; k < opportunities.length; k++) {
    const { position, required } = opportunities[k]!;
    // A word cut over several lines may have been placed up to and past its
    // break opportunity already; nothing is left of it to measure.
    if (position <= lineStart) continue;
    const hyphen = text[position - 1] === SHY ? hyphenWidth(runs[flat.runOf[position - 1]!]!) : 0;
    const fits = flat.width(lineStart, visibleEnd(text, lineStart, position)) + hyphen <= maxWidth + 0.01;
    if (fits) {
      lastFit = position;
    } else {
      if (lastFit > lineStart) {
        // A break at a soft hyphen (U+00AD) in the source shows a hyphen.
        lines.push(flat.line(lineStart, lastFit, text[lastFit - 1] === SHY));
        lineStart = lastFit;
        lastFit = -1;
        k--; // measure this segment again on the new line
        continue;
      }
      // One word wider than the whole line: cut it.
      let end = visibleEnd(text, lineStart, position);
      // Only the part that can fit on this line is looked at (with some
      // context for hyphenation), so a word of any length (a URL of 100 000
      // characters) costs time in proportion to its length, not its square.
      let fitEnd = lineStart;
      while (fitEnd < end && flat.width(lineStart, fitEnd + 1) <= maxWidth + 0.01) fitEnd++;
      if (end - lineStart > LONG_WORD) end = Math.min(end, fitEnd + HYPHENATION_CONTEXT);
      const { hyphenated, characters } = cutPoints(flat, lineStart, end);
      const fitsUpTo = (point: number, extra: number) => flat.width(lineStart, point) + extra <= maxWidth + 0.01;
      // The furthest hyphenation point that fits with its hyphen, else the furthest character.
      let cut = hyphenated.filter((p) => fitsUpTo(p, hyphenWidth(runs[flat.runOf[p - 1]!]!))).pop() ?? lineStart;
      let hyphen = cut !== lineStart;
      if (!hyphen) cut = characters.filter((p) => fitsUpTo(p, 0)).pop() ?? lineStart;
      if (cut === lineStart) {
        // Not even one character or syllable fits: place one character anyway,
        // so layout always makes progress.
        cut = Math.min(position, lineStart + (text.codePointAt(lineStart)! > 0xffff ? 2 : 1));
        hyphen = false;
      }
      lines.push(flat.line(lineStart, cut, hyphen));
      lineStart = cut;
      lastFit = -1;
      k--;
      continue;
    }
    if (required && position < text.length) {
      lines.push(flat.line(lineStart, position, false));
      lineStart = position;
      lastFit = -1;
    }
  }
  if (lineStart < text.length) lines.push(flat.line(lineStart, text.length, false));
  return lines.filter((l, i) => l.runs.length > 0 || i === 0);
}

// The text of a .docx, for `git diff` (textconv) and for reading: page
// headers and footers, then the body; one paragraph a line, a table row as
// "| cell | cell |", list items with their number or bullet, page number
// fields as [sida]/[sidor]. Close to what writeText prints for the same
// document, so the two can be compared by eye. Any .docx works, not only ours.
import { strFromU8 } from "fflate";
import { unzipBounded, UnzipLimitError } from "../files/unzip-bounded.js";
import { TEXT_LIMITS, TextLimitError, type TextLimits } from "./limits.js";

/** A .docx of ours has about twenty parts; Word's own rarely a hundred. */
const MAX_ENTRIES = 10_000;

/**
 * The parts under word/ that textconv reads, inflated a slice at a time with
 * a count of the bytes as they come (src/files/unzip-bounded.ts): an entry
 * that would inflate past the limits (a zip bomb, or many inflated entries)
 * is stopped there, whatever sizes the zip claims. Other entries (media,
 * fonts) are never inflated.
 */
function readParts(bytes: Uint8Array, limits: TextLimits): Map<string, Uint8Array> {
  try {
    return unzipBounded(bytes, (name) => /^word\/(_rels\/)?[^/]+\.(xml|rels)$/.test(name), {
      maxEntry: limits.part,
      maxTotal: limits.parts,
      maxEntries: MAX_ENTRIES,
    });
  } catch (error) {
    if (!(error instanceof UnzipLimitError)) throw error;
    if (error.limit === "entries") throw new TextLimitError(`filen har fler än ${MAX_ENTRIES} delar`);
    throw new TextLimitError(`${error.entry} packas upp till mer än ${error.max / 1024 / 1024} MB`);
  }
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? _;
  });
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeXml(m[1]!) : undefined;
}

interface Level {
  start: number;
  format: string;
  text: string;
}

/**
 * The elements <tag …>body</tag> in `xml`, as [attributes, body], found with
 * indexOf. (A lazy regex such as /<w:num\b([^>]*)>([\s\S]*?)<\/w:num>/g
 * scans to the end of the file for every opening tag that is never closed:
 * quadratic, and minutes on a hostile numbering.xml.)
 */
function* elements(xml: string, tag: string): Generator<[string, string]> {
  const open = `<${tag}`;
  const close = `</${tag}>`;
  let at = 0;
  for (;;) {
    const start = xml.indexOf(open, at);
    if (start < 0) return;
    const after = xml[start + open.length];
    if (after !== ">" && after !== " " && after !== "/" && after !== "\t" && after !== "\n" && after !== "\r") {
      at = start + open.length;
      continue;
    }
    const headEnd = xml.indexOf(">", start);
    if (headEnd < 0) return;
    const head = xml.slice(start + open.length, headEnd);
    if (head.endsWith("/")) {
      yield [head.slice(0, -1), ""];
      at = headEnd + 1;
      continue;
    }
    const end = xml.indexOf(close, headEnd);
    if (end < 0) return; // never closed: no later one is either
    yield [head, xml.slice(headEnd + 1, end)];
    at = end + close.length;
  }
}

/** Word has list levels 0–8; a number past this is shown in digits. */
const MAX_LEVEL = 8;
const MAX_START = 1_000_000;

/** numId → ilvl → level, from word/numbering.xml. */
type Numbering = Map<string, Map<number, Level>>;

function parseNumbering(xml: string | undefined): Numbering {
  const result: Numbering = new Map();
  if (!xml) return result;
  const abstract = new Map<string, Map<number, Level>>();
  for (const m of elements(xml, "w:abstractNum")) {
    const levels = new Map<number, Level>();
    for (const lvl of elements(m[1], "w:lvl")) {
      const body = lvl[1];
      const val = (tag: string) => {
        const t = new RegExp(`<w:${tag}\\b[^<>]*/?>`).exec(body);
        return t ? attr(t[0], "w:val") : undefined;
      };
      const ilvl = Number(attr(lvl[0], "w:ilvl") ?? 0);
      if (!(ilvl >= 0 && ilvl <= MAX_LEVEL)) continue;
      levels.set(ilvl, {
        start: clampStart(Number(val("start") ?? 1)),
        format: val("numFmt") ?? "decimal",
        text: val("lvlText") ?? "%1.",
      });
    }
    abstract.set(attr(m[0], "w:abstractNumId") ?? "", levels);
  }
  for (const m of elements(xml, "w:num")) {
    const abs = /<w:abstractNumId\b[^<>]*>/.exec(m[1]);
    const levels = new Map(abstract.get(abs ? (attr(abs[0], "w:val") ?? "") : "") ?? []);
    for (const o of elements(m[1], "w:lvlOverride")) {
      const start = /<w:startOverride\b[^<>]*>/.exec(o[1]);
      const ilvl = Number(attr(o[0], "w:ilvl") ?? 0);
      const level = levels.get(ilvl);
      if (start && level) levels.set(ilvl, { ...level, start: clampStart(Number(attr(start[0], "w:val") ?? level.start)) });
    }
    result.set(attr(m[0], "w:numId") ?? "", levels);
  }
  return result;
}

const clampStart = (n: number) => (Number.isFinite(n) ? Math.min(Math.max(Math.trunc(n), 0), MAX_START) : 1);

function formatNumber(n: number, format: string): string {
  // Roman numerals past 3999 would be a string of thousands of m's.
  if (n > 3999 || n < 1) return String(n);
  switch (format) {
    case "lowerLetter":
      return String.fromCharCode(96 + (((n - 1) % 26) + 1));
    case "upperLetter":
      return String.fromCharCode(64 + (((n - 1) % 26) + 1));
    case "lowerRoman":
    case "upperRoman": {
      const numerals: [number, string][] = [[1000, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"], [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"]];
      let rest = n;
      let out = "";
      for (const [value, s] of numerals) while (rest >= value) { out += s; rest -= value; }
      return format === "upperRoman" ? out.toUpperCase() : out;
    }
    default:
      return String(n);
  }
}

/** Hands out list markers in document order, counting per list and level. */
class ListCounter {
  private readonly counts = new Map<string, number[]>();
  constructor(private readonly numbering: Numbering) {}

  marker(numId: string, ilvl: number): string {
    const levels = this.numbering.get(numId);
    const level = ilvl >= 0 && ilvl <= MAX_LEVEL ? levels?.get(ilvl) : undefined;
    if (!levels || !level || numId === "0") return "";
    if (level.format === "bullet") return level.text;
    const counts = this.counts.get(numId) ?? [];
    counts[ilvl] = (counts[ilvl] ?? (level.start - 1)) + 1;
    counts.length = ilvl + 1; // a deeper level restarts after this item
    this.counts.set(numId, counts);
    return level.text.replace(/%(\d)/g, (_, d: string) => {
      const i = Number(d) - 1;
      const l = levels.get(i);
      return formatNumber(counts[i] ?? l?.start ?? 1, l?.format ?? "decimal");
    });
  }
}

const TOKEN =
  /<(\/?)(w:p|w:tbl|w:tr|w:tc|w:t|w:delText|w:tab|w:br|w:cr|w:instrText|w:fldChar|w:pStyle|w:numId|w:ilvl|w:noBreakHyphen|w:sym|mc:Fallback)\b([^<>]*?)(\/?)>|<[^<>]*>|([^<]+)/g;

interface Line {
  text: string;
  /** Rows of one table and items of one list stay together; paragraphs get a blank line between. */
  kind: "paragraph" | "underline" | "item" | "row" | "page";
}

/** The lines of one WordprocessingML part (document, header or footer). */
function partText(xml: string, counter: ListCounter): Line[] {
  const lines: Line[] = [];
  let paragraph = "";
  let style = "";
  let numId = "";
  let ilvl = 0;
  let inText = false;
  let inInstr = false;
  /** Inside a field: "code" until the separator, then "result" (skipped: Word fills it in). */
  let field: "none" | "code" | "result" = "none";
  let instr = "";
  const tables: string[][][] = []; // open tables (they may nest): rows of cell texts
  const cells: string[][] = []; // paragraphs of the open cell, per nesting level
  const endParagraph = () => {
    const marker = numId ? counter.marker(numId, ilvl) : "";
    const text = (marker ? `${marker} ` : "") + paragraph.replace(/[ \t]+$/, "");
    if (cells.length > 0) cells[cells.length - 1]!.push(text);
    else {
      lines.push({ text, kind: marker ? "item" : "paragraph" });
      const heading = /^(?:Heading|Rubrik)([12])$/i.exec(style);
      if (heading && text.trim() !== "") {
        lines.push({ text: (heading[1] === "1" ? "=" : "-").repeat(Math.max(3, [...text].length)), kind: "underline" });
      }
    }
    paragraph = "";
    style = "";
    numId = "";
    ilvl = 0;
  };
  // Word writes text boxes twice, as mc:Choice and as mc:Fallback; read the first only.
  let fallback = 0;
  for (const m of xml.matchAll(TOKEN)) {
    const [, close, name, attrs = "", selfClose, content] = m;
    if (name === "mc:Fallback") {
      if (!selfClose) fallback += close ? -1 : 1;
      continue;
    }
    if (fallback > 0) continue;
    if (content !== undefined) {
      if (inText && field !== "result") paragraph += decodeXml(content);
      else if (inInstr) instr += decodeXml(content);
      continue;
    }
    if (!name) continue;
    const tag = m[0];
    switch (name) {
      case "w:p":
        if (close) endParagraph();
        else if (selfClose) endParagraph();
        break;
      case "w:t":
        inText = !close && !selfClose;
        break;
      case "w:delText":
        break; // deleted text in tracked changes is not what the document says
      case "w:instrText":
        inInstr = !close && !selfClose;
        break;
      case "w:fldChar": {
        const type = attr(tag, "w:fldCharType");
        if (type === "begin") {
          field = "code";
          instr = "";
        } else if (type === "separate") {
          field = "result";
          paragraph += fieldText(instr);
        } else if (type === "end") {
          if (field === "code") paragraph += fieldText(instr);
          field = "none";
        }
        break;
      }
      case "w:tab":
        if (!close && attrs.indexOf("w:val") < 0) paragraph += "\t";
        break;
      case "w:br":
      case "w:cr":
        if (!close) {
          if (attr(tag, "w:type") === "page") {
            endParagraph();
            if (cells.length === 0) lines.push({ text: "\f", kind: "page" });
          } else paragraph += "\n";
        }
        break;
      case "w:noBreakHyphen":
        paragraph += "\u2011";
        break;
      case "w:sym":
        break;
      case "w:pStyle":
        style = attr(tag, "w:val") ?? "";
        break;
      case "w:numId":
        numId = attr(tag, "w:val") ?? "";
        break;
      case "w:ilvl":
        ilvl = Number(attr(tag, "w:val") ?? 0);
        break;
      case "w:tbl":
        if (!close) tables.push([]);
        else {
          const table = tables.pop() ?? [];
          const rendered = table.map((row) => `| ${row.join(" | ")} |`);
          if (cells.length > 0) cells[cells.length - 1]!.push(...rendered);
          else lines.push(...rendered.map((text) => ({ text, kind: "row" as const })));
        }
        break;
      case "w:tr":
        if (!close) tables[tables.length - 1]?.push([]);
        break;
      case "w:tc":
        if (!close) cells.push([]);
        else {
          const cell = cells.pop() ?? [];
          const table = tables[tables.length - 1];
          table?.[table.length - 1]?.push(cell.filter((p) => p.trim() !== "").join(" / "));
        }
        break;
    }
  }
  return lines;
}

function fieldText(instr: string): string {
  const code = instr.trim().split(/\s+/)[0]?.toUpperCase();
  if (code === "PAGE") return "[sida]";
  if (code === "NUMPAGES" || code === "SECTIONPAGES") return "[sidor]";
  return "";
}

const REFERENCE_ORDER = ["first", "default", "even"];
const REFERENCE_LABEL: Record<string, string> = { first: "första sidan", default: "övriga sidor", even: "jämna sidor" };

/** The whole text of a .docx file, as a string ending in a newline. */
export async function docxText(bytes: Uint8Array, limits: TextLimits = TEXT_LIMITS): Promise<string> {
  const files = readParts(bytes, limits);
  const read = async (name: string) => (files.has(name) ? strFromU8(files.get(name)!) : undefined);
  const document = await read("word/document.xml");
  if (document === undefined) throw new TextLimitError("filen saknar word/document.xml och är inte ett Word-dokument");
  const counter = new ListCounter(parseNumbering(await read("word/numbering.xml")));
  const rels = new Map<string, string>();
  for (const m of ((await read("word/_rels/document.xml.rels")) ?? "").matchAll(/<Relationship\b[^<>]*>/g)) {
    const id = attr(m[0], "Id");
    const target = attr(m[0], "Target");
    if (id && target) rels.set(id, target.replace(/^\/?(word\/)?/, "word/"));
  }
  const sections: string[] = [];
  const seen = new Set<string>();
  for (const kind of ["header", "footer"] as const) {
    const refs = [...document.matchAll(new RegExp(`<w:${kind}Reference\\b[^<>]*>`, "g"))]
      .map((m) => ({ type: attr(m[0], "w:type") ?? "default", part: rels.get(attr(m[0], "r:id") ?? "") }))
      .sort((a, b) => REFERENCE_ORDER.indexOf(a.type) - REFERENCE_ORDER.indexOf(b.type));
    for (const ref of refs) {
      if (!ref.part || seen.has(`${kind}:${ref.part}`)) continue;
      seen.add(`${kind}:${ref.part}`);
      const xml = await read(ref.part);
      const lines = xml ? partText(xml, counter).filter((l) => l.text.trim() !== "") : [];
      if (lines.length === 0) continue;
      const label = `${kind === "header" ? "Sidhuvud" : "Sidfot"}, ${REFERENCE_LABEL[ref.type] ?? ref.type}`;
      sections.push([`[${label}]`, ...lines.map((l) => l.text)].join("\n"));
    }
  }
  // Blocks separated by a blank line, like writeText; empty paragraphs dropped.
  let text = "";
  let previous: Line["kind"] | undefined;
  for (const line of partText(document, counter)) {
    if (line.text.trim() === "" && line.kind !== "page") continue;
    const together = line.kind === "underline" || ((line.kind === "row" || line.kind === "item") && line.kind === previous);
    text += previous === undefined ? line.text : `${together ? "\n" : "\n\n"}${line.text}`;
    previous = line.kind;
  }
  sections.push(text);
  return `${sections.join("\n\n")}\n`;
}

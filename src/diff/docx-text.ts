// The text of a .docx, for `git diff` (textconv) and for reading: page
// headers and footers, then the body; one paragraph a line, a table row as
// "| cell | cell |", list items with their number or bullet, page number
// fields as [sida]/[sidor]. Close to what writeText prints for the same
// document, so the two can be compared by eye. Any .docx works, not only ours.
import { strFromU8, unzipSync } from "fflate";

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

/** numId → ilvl → level, from word/numbering.xml. */
type Numbering = Map<string, Map<number, Level>>;

function parseNumbering(xml: string | undefined): Numbering {
  const result: Numbering = new Map();
  if (!xml) return result;
  const abstract = new Map<string, Map<number, Level>>();
  for (const m of xml.matchAll(/<w:abstractNum\b([^>]*)>([\s\S]*?)<\/w:abstractNum>/g)) {
    const levels = new Map<number, Level>();
    for (const lvl of m[2]!.matchAll(/<w:lvl\b([^>]*)>([\s\S]*?)<\/w:lvl>/g)) {
      const body = lvl[2]!;
      const val = (tag: string) => {
        const t = new RegExp(`<w:${tag}\\b[^>]*/?>`).exec(body);
        return t ? attr(t[0], "w:val") : undefined;
      };
      levels.set(Number(attr(lvl[1]!, "w:ilvl") ?? 0), {
        start: Number(val("start") ?? 1),
        format: val("numFmt") ?? "decimal",
        text: val("lvlText") ?? "%1.",
      });
    }
    abstract.set(attr(m[1]!, "w:abstractNumId") ?? "", levels);
  }
  for (const m of xml.matchAll(/<w:num\b([^>]*)>([\s\S]*?)<\/w:num>/g)) {
    const abs = /<w:abstractNumId\b[^>]*>/.exec(m[2]!);
    const levels = new Map(abstract.get(abs ? (attr(abs[0], "w:val") ?? "") : "") ?? []);
    for (const o of m[2]!.matchAll(/<w:lvlOverride\b([^>]*)>([\s\S]*?)<\/w:lvlOverride>/g)) {
      const start = /<w:startOverride\b[^>]*>/.exec(o[2]!);
      const ilvl = Number(attr(o[1]!, "w:ilvl") ?? 0);
      const level = levels.get(ilvl);
      if (start && level) levels.set(ilvl, { ...level, start: Number(attr(start[0], "w:val") ?? level.start) });
    }
    result.set(attr(m[1]!, "w:numId") ?? "", levels);
  }
  return result;
}

function formatNumber(n: number, format: string): string {
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
    const level = levels?.get(ilvl);
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
  /<(\/?)(w:p|w:tbl|w:tr|w:tc|w:t|w:delText|w:tab|w:br|w:cr|w:instrText|w:fldChar|w:pStyle|w:numId|w:ilvl|w:noBreakHyphen|w:sym|mc:Fallback)\b([^>]*?)(\/?)>|<[^>]*>|([^<]+)/g;

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
export async function docxText(bytes: Uint8Array): Promise<string> {
  const files = unzipSync(bytes);
  const read = async (name: string) => (files[name] ? strFromU8(files[name]!) : undefined);
  const document = await read("word/document.xml");
  if (document === undefined) throw new Error("filen saknar word/document.xml och är inte ett Word-dokument");
  const counter = new ListCounter(parseNumbering(await read("word/numbering.xml")));
  const rels = new Map<string, string>();
  for (const m of ((await read("word/_rels/document.xml.rels")) ?? "").matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], "Id");
    const target = attr(m[0], "Target");
    if (id && target) rels.set(id, target.replace(/^\/?(word\/)?/, "word/"));
  }
  const sections: string[] = [];
  const seen = new Set<string>();
  for (const kind of ["header", "footer"] as const) {
    const refs = [...document.matchAll(new RegExp(`<w:${kind}Reference\\b[^>]*>`, "g"))]
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

// Reads a round file into a validated Round, or into diagnostics that point
// at file:line:column. YAML positions come from yaml's parseDocument and its
// node ranges; every zod issue is resolved through its full path.
import { createHash } from "node:crypto";
import { closest, distance } from "fastest-levenshtein";
import { isMap, isScalar, isSeq, Lexer, LineCounter, parseDocument, visit, type Document, type ErrorCode, type Node } from "yaml";
import { z } from "zod";
import { diagnostic, type Diagnostic, type Position } from "../diagnostics/catalogue.js";
import { MAX_ROUND_FILE_BYTES, megabytes, readProjectFile, type Refusal } from "../files/read-project-file.js";
import { cleanText } from "./clean-text.js";
import { findPlaceholders, type Placeholder } from "./placeholders.js";
import { structureMistake } from "./structure.js";
import { joinWithAnd } from "../format/swedish.js";
import { AMOUNT_KEYS, round as roundSchema, type Round } from "../schema/round.js";

z.config(z.locales.sv());
// The library's Swedish messages name its own types ("förväntat object, fick
// null"); the schema's own messages cover most cases, and these cover the rest
// in words the secretary uses.
z.config({
  customError: (issue) => {
    const many = (n: unknown, one: string, other: string) => `${n} ${Number(n) === 1 ? one : other}`;
    switch (issue.code) {
      case "invalid_type":
        return `ska vara ${EXPECTED[issue.expected] ?? "ett annat slags värde"}`;
      case "invalid_value":
        return issue.values.length === 1 ? `ska vara ${String(issue.values[0])}` : `ska vara ett av: ${issue.values.map(String).join(", ")}`;
      case "too_small":
        if (issue.origin === "array") return `ska ha minst ${many(issue.minimum, "punkt", "punkter")}`;
        if (issue.origin === "string") return "får inte vara tom";
        return `ska vara minst ${String(issue.minimum)}`;
      case "too_big":
        if (issue.origin === "array") return `får ha högst ${many(issue.maximum, "punkt", "punkter")}`;
        if (issue.origin === "string") return `får vara högst ${String(issue.maximum)} tecken`;
        return `ska vara högst ${String(issue.maximum)}`;
      case "invalid_format":
        return "har fel form";
      default:
        return "är inte ett giltigt värde";
    }
  },
});

export const MAX_FILE_BYTES = MAX_ROUND_FILE_BYTES;

export interface SourceFile {
  /** The path as the user gave it, for messages. */
  path: string;
  text: string;
}

export type Located = Position & { sourceLine: string | undefined };

export interface LoadedRound {
  round: Round;
  source: SourceFile;
  /** textDigest of the source text: what an incremental build records as the round it built. */
  digest: string;
  document: Document;
  lineCounter: LineCounter;
  /** Where the value at `path` stands in the file (its key, with `key`). */
  locate: (path: readonly PropertyKey[], key?: boolean) => Located;
  /** Notes and warnings from reading the file (pasted text cleaned, a value cut by #, placeholders). */
  notes: Diagnostic[];
  /** Values still marked "# PLATSHÅLLARE": the round's documents are drafts. */
  placeholders: Placeholder[];
}

export type LoadResult = ({ ok: true } & LoadedRound) | { ok: false; diagnostics: Diagnostic[] };

class Locator {
  private readonly lines: string[];
  constructor(
    private readonly source: SourceFile,
    private readonly lineCounter: LineCounter,
  ) {
    this.lines = source.text.split(/\r?\n/);
  }

  at(offset: number, length = 1): Position & { sourceLine: string | undefined } {
    const { line, col } = this.lineCounter.linePos(Math.min(offset, this.source.text.length));
    return { file: this.source.path, line, column: col, length, sourceLine: this.lines[line - 1] };
  }

  whole(): Position & { sourceLine: undefined } {
    return { file: this.source.path, line: 0, column: 0, length: 0, sourceLine: undefined };
  }
}

/** Decodes bytes as UTF-8, accepting and dropping a byte-order mark. */
export function decode(path: string, bytes: Uint8Array): SourceFile | Diagnostic {
  const whole = { file: path, line: 0, column: 0, length: 0 };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return diagnostic("fil-inte-utf8", whole, { var: "filen är sparad som UTF-16" });
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    const nul = text.indexOf("\u0000");
    if (nul >= 0) {
      const line = text.slice(0, nul).split("\n").length;
      return diagnostic("fil-inte-utf8", whole, { var: `rad ${line} innehåller ett nolltecken, som i en binärfil` });
    }
    return { path, text };
  } catch {
    // The first replacement character of a lenient decoding marks the first
    // byte that is not UTF-8; its line goes in the message.
    const lenient = new TextDecoder("utf-8").decode(bytes);
    const line = lenient.slice(0, Math.max(0, lenient.indexOf("\ufffd"))).split("\n").length;
    return diagnostic("fil-inte-utf8", whole, { var: `första felet står på rad ${line}` });
  }
}

/**
 * The catalogue's diagnostic for a file the door refused (src/files/read-project-file.ts),
 * naming it as `shown`.
 */
export function refusalDiagnostic(refusal: Refusal, shown: string): Diagnostic {
  const whole = { file: shown, line: 0, column: 0, length: 0 };
  switch (refusal.reason) {
    case "outside":
      return diagnostic("fil-utanfor-projektet", whole, { fil: shown });
    case "not-regular":
      return diagnostic("fil-inte-vanlig", whole, { fil: shown, typ: refusal.kind });
    case "too-big":
      return diagnostic("fil-for-stor", whole, { storlek: megabytes(refusal.size), max: MAX_FILE_BYTES / 1024 / 1024 });
    case "missing":
      return diagnostic("fil-saknas", whole, { fil: shown });
  }
}

/**
 * The bytes of a round file, through the project's one door
 * (readProjectFile): with `root`, a link out of the project is refused
 * unread; a FIFO, device or folder is never opened for reading; the size is
 * checked before and while reading.
 */
export async function readRoundBytes(path: string, shown: string, root: string | undefined): Promise<Uint8Array | Diagnostic> {
  const read = await readProjectFile(path, { root, maxBytes: MAX_FILE_BYTES });
  return read.ok ? read.bytes : refusalDiagnostic(read.refusal, shown);
}

/**
 * The loader's own limits on a round file's bytes, wherever they come from
 * (a file, a git revision, the text an import would write): the size, then
 * UTF-8 without NUL characters. The text, or the diagnostic why not.
 */
export function checkRoundBytes(bytes: Uint8Array, shown: string): SourceFile | Diagnostic {
  if (bytes.length > MAX_FILE_BYTES) return refusalDiagnostic({ reason: "too-big", size: bytes.length, max: MAX_FILE_BYTES }, shown);
  return decode(shown, bytes);
}

/** Round file bytes already read (through readRoundBytes) as a round: checkRoundBytes, then parseRound. */
export function loadRoundBytes(bytes: Uint8Array, shown: string): LoadResult {
  const decoded = checkRoundBytes(bytes, shown);
  if ("code" in decoded) return { ok: false, diagnostics: [decoded] };
  return parseRound(decoded);
}

/**
 * Reads `path`; messages name the file as `shown` (the path the user typed).
 * With `root`, a link to a file outside that folder is refused.
 */
export async function loadRoundFile(path: string, shown: string = path, root?: string): Promise<LoadResult> {
  const bytes = await readRoundBytes(path, shown, root);
  if ("code" in bytes) return { ok: false, diagnostics: [bytes] };
  return loadRoundBytes(bytes, shown);
}

/** The hash of a round's text as it was checked: what the incremental build records as built (src/incremental.ts). */
export function textDigest(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function parseRound(source: SourceFile): LoadResult {
  const lineCounter = new LineCounter();
  if (source.text.trim() === "" || /^(\s*#.*\n?)*\s*$/.test(source.text)) {
    return { ok: false, diagnostics: [diagnostic("fil-tom", { file: source.path, line: 0, column: 0, length: 0 })] };
  }
  // logLevel "error": yaml's warnings go to process warnings; what matters reaches the secretary as diagnostics.
  const document = parseDocument(source.text, { lineCounter, uniqueKeys: true, prettyErrors: false, logLevel: "error" });
  const locator = new Locator(source, lineCounter);
  const seen = new Set<number>();
  const syntax = document.errors.flatMap((error) => {
    let [start, end] = error.pos;
    // yaml reports an unclosed quote at the end of the file; the secretary
    // needs the line where the quote was opened.
    let detail = translateYamlError(error.code);
    if (error.code === "MISSING_CHAR" && /quote/i.test(error.message)) {
      const opened = unbalancedQuoteLine(source.text);
      if (opened !== undefined) {
        [start, end] = [opened, opened + 1];
        detail = "citattecknet som börjar här avslutas aldrig";
      }
    }
    // Several errors at one spot say the same thing to a reader: keep the first.
    if (seen.has(start)) return [];
    seen.add(start);
    const at = locator.at(start, Math.max(1, end - start));
    if (error.code === "DUPLICATE_KEY") {
      // yaml marks only the key's first character; the key runs to its colon.
      const key = /^\s*([^:#]+?)\s*:/.exec(source.text.slice(start))?.[1] ?? source.text.slice(start, end);
      return [diagnostic("yaml-dubblett", { ...at, length: key.length }, { nyckel: `"${key}"` })];
    }
    return [diagnostic("yaml-syntax", at, { detalj: detail })];
  });
  if (syntax.length > 0) {
    // A tab in the indentation throws yaml off for the rest of its block.
    const flagged = new Set(document.errors.filter((e) => e.code === "TAB_AS_INDENT").map((e) => lineCounter.linePos(e.pos[0]).line - 1));
    const tabs = tabIndented(source.text).filter((i) => flagged.has(i));
    if (tabs.length > 0) return { ok: false, diagnostics: withoutTabFollowOns(source, syntax, tabs) };
    // yaml notices some mistakes lines after they were made; the scan of the
    // lines names the line itself when it finds one at or before yaml's.
    const mistake = structureMistake(source.text, (path, key) => knownKeysAt(path).includes(key));
    const first = Math.min(...syntax.map((d) => d.line));
    if (mistake && locator.at(mistake.offset).line <= first + 1) {
      return { ok: false, diagnostics: [diagnostic("yaml-syntax", locator.at(mistake.offset, mistake.length), { detalj: mistake.detail })] };
    }
    return { ok: false, diagnostics: syntax };
  }

  const notes = [...cleanScalars(document, source.text, locator), ...cutByHash(document, source.text, locator)];
  // A refused character is an error among the notes; the rest of the file is still checked, so every mistake shows at once.
  keepAmountSource(document, source.text);
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return {
      ok: false,
      // yaml's own message is English; the only way here is too many aliases.
      diagnostics: [diagnostic("yaml-alias", locator.whole(), { detalj: "alias används för många gånger (över 100)." })],
    };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    const typ = Array.isArray(data) ? "en lista" : "ett enskilt värde";
    const offset = (document.contents as Node | null)?.range?.[0] ?? 0;
    return { ok: false, diagnostics: [diagnostic("yaml-inte-mappning", locator.at(offset), { typ })] };
  }

  const parsed = roundSchema.safeParse(data);
  // Every placeholder at its line, whether or not the file has errors: with
  // decisions still missing, the secretary sees everything open in one run.
  const placeholders = findPlaceholders(document, source.text);
  for (const p of placeholders) {
    notes.push(
      diagnostic("platshallare", locator.at(p.offset, p.length), {
        vad: p.value === undefined ? `Blocket ${describePath(p.path, data)}` : describePath(p.path, data),
        varde: p.value === undefined ? "" : ` ("${p.value}")`,
      }),
    );
  }
  if (!parsed.success) {
    const misplaced = new Set<string>();
    // A key that stands one block too far out (belopp beside beslut: instead
    // of under it) is named as such, and what its block then lacks is not
    // reported again (beslut.belopp saknas).
    const moved = new Map<string, Diagnostic>();
    const lacking = new Set<string>();
    const keyOf = (path: readonly PropertyKey[]) => JSON.stringify(path);
    for (const issue of parsed.error.issues) {
      if (issue.code !== "unrecognized_keys") continue;
      for (const key of issue.keys) {
        const home = blockOfKey(document, issue.path, key);
        if (!home) continue;
        moved.set(keyOf([...issue.path, key]), diagnostic("nyckel-hor-till", home.at(locator), { nyckel: `"${key}"`, block: home.block, under: home.under }));
        lacking.add(keyOf([...issue.path, home.block, key]));
      }
    }
    const diagnostics = parsed.error.issues.flatMap((issue) => {
      if (issue.code === "unrecognized_keys") {
        const explained = issue.keys.flatMap((k) => moved.get(keyOf([...issue.path, k])) ?? []);
        const rest = issue.keys.filter((k) => !moved.has(keyOf([...issue.path, k])));
        return [...explained, ...(rest.length > 0 ? issueDiagnostics({ ...issue, keys: rest }, document, locator, data, misplaced) : [])];
      }
      // What the key's own block lacks because the key stands outside it.
      if (lacking.has(keyOf(issue.path))) return [];
      return issueDiagnostics(issue, document, locator, data, misplaced);
    });
    // Keys already named as not indented under their parent are not also "unknown here".
    for (let i = diagnostics.length - 1; i >= 0; i--) {
      const d = diagnostics[i]!;
      if (d.code === "okand-nyckel" && misplaced.has(`${d.line}:${d.column}`)) diagnostics.splice(i, 1);
    }
    diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
    return { ok: false, diagnostics: [...notes, ...diagnostics].sort((a, b) => a.line - b.line || a.column - b.column) };
  }
  const locate = (path: readonly PropertyKey[], key = false): Located => {
    const found = locateNode(document, path);
    const node = key && found.found && found.keyNode ? found.keyNode : found.node;
    const range = node?.range;
    return locator.at(range?.[0] ?? 0, range ? Math.max(1, range[1] - range[0]) : 1);
  };
  notes.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: true, round: parsed.data, source, digest: textDigest(source.text), document, lineCounter, locate, notes, placeholders };
}

/** The lines (0-based) whose indentation holds a tab; those yaml reports are repaired. */
function tabIndented(text: string): number[] {
  return text.split("\n").flatMap((line, i) => (/^ *\t[ \t]*\S/.test(line) ? [i] : []));
}

/**
 * A tab at the start of a line is one mistake, but yaml reports it with a
 * string of others on the lines of its block that follow (a duplicate key,
 * "a key cannot continue over several lines"), none of them real. The file
 * is read again with each tab-indented line indented with spaces as its
 * neighbours are (of the likely indents, the one that reads with the fewest
 * errors); the tab messages stand, and of the rest only what the repaired
 * file still has: a mistake elsewhere in the file, independent of the tabs.
 */
function withoutTabFollowOns(source: SourceFile, syntax: Diagnostic[], tabs: number[]): Diagnostic[] {
  const lines = source.text.split("\n");
  const significant = (i: number) => !tabs.includes(i) && lines[i]!.trim() !== "" && !/^\s*#/.test(lines[i]!);
  const indentOf = (line: string) => /^ */.exec(line)![0].length;
  const errorsOf = (text: string) => {
    const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false, logLevel: "silent" });
    return document.errors.length;
  };
  const repaired = [...lines];
  for (const i of tabs) {
    let above = i - 1;
    while (above >= 0 && !significant(above)) above--;
    let below = i + 1;
    while (below < lines.length && !significant(below)) below++;
    const up = above >= 0 ? indentOf(lines[above]!) : 0;
    const down = below < lines.length ? indentOf(lines[below]!) : up;
    const body = lines[i]!.replace(/^[ \t]*/, "");
    // The line's keys stand with the line above, under it (the first key of a
    // block), or with the line below; a list item ("- nr: 2") stands two to
    // the left of its keys. The likely indents are tried first, then every
    // even one up to the deepest of them, so ties go to the likely ones.
    const likely = [up, up + 2, down, ...(body.startsWith("- ") ? [down - 2] : [])].filter((n) => n >= 0);
    const deepest = Math.max(...likely);
    const candidates = [...new Set([...likely, ...Array.from({ length: deepest / 2 + 1 }, (_, k) => 2 * k)])];
    let best = { errors: Infinity, line: repaired[i]! };
    for (const n of candidates) {
      repaired[i] = " ".repeat(n) + body;
      const errors = errorsOf(repaired.join("\n"));
      if (errors < best.errors) best = { errors, line: repaired[i]! };
    }
    repaired[i] = best.line;
  }
  const tabLines = new Set(tabs.map((i) => i + 1));
  const tabMessage = YAML_ERRORS.TAB_AS_INDENT;
  const tabDiagnostics = syntax.filter((d) => tabLines.has(d.line) && d.message.includes(tabMessage));
  // Each line yaml found a tab on is named, also when another error at the same spot was kept instead.
  for (const line of tabLines) {
    if (tabDiagnostics.some((d) => d.line === line)) continue;
    const at = { file: source.path, line, column: 1, length: 1, sourceLine: lines[line - 1] };
    tabDiagnostics.push(diagnostic("yaml-syntax", at, { detalj: tabMessage }));
  }
  // Read again: a tab yaml did not reach this time is found there (and repaired in its turn).
  const again = parseRound({ path: source.path, text: repaired.join("\n") });
  // What the repaired file still gets wrong in yaml's terms, away from the repaired lines (named as they were written).
  const independent = again.ok
    ? []
    : again.diagnostics.filter((d) => (d.code === "yaml-syntax" || d.code === "yaml-dubblett") && !tabLines.has(d.line));
  return [...tabDiagnostics, ...independent].sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * In a value without quotes, " #" starts a comment: "Språkombud #2 –
 * fortsättning" becomes "Språkombud". A comment that begins right after the
 * # (no space, as in #2) is almost always text that was cut: a warning at its
 * line, with the line as it should be written.
 */
function cutByHash(document: Document, text: string, locator: Locator): Diagnostic[] {
  const found: Diagnostic[] = [];
  visit(document, {
    Pair(_, pair) {
      const value = pair.value;
      if (!isScalar(value) || value.type !== "PLAIN" || typeof value.value !== "string" || !value.range || !isScalar(pair.key)) return;
      const end = value.range[1];
      const lineEnd = text.indexOf("\n", end) < 0 ? text.length : text.indexOf("\n", end);
      const rest = text.slice(end, lineEnd).replace(/\r$/, "");
      const hash = /^\s+#(\S.*)$/.exec(rest);
      if (!hash || /^PLATSHÅLLARE/i.test(hash[1]!)) return;
      const whole = `${value.value} #${hash[1]!.trimEnd()}`;
      found.push(
        diagnostic("text-avklippt", locator.at(value.range[0], lineEnd - value.range[0]), {
          kvar: value.value,
          bort: `#${hash[1]!.trimEnd()}`,
          nyckel: String(pair.key.value),
          hela: whole.replace(/"/g, '\\"'),
        }),
      );
    },
  });
  return found;
}

/**
 * Pasted text, cleaned where the document is read (src/load/clean-text.ts):
 * every key and text value loses invisible characters and stray spaces at its
 * ends, with a note at its line; a value with a bidi control, another control
 * character or a mixed-script word is refused at the character.
 */
function cleanScalars(document: Document, text: string, locator: Locator): Diagnostic[] {
  const found: Diagnostic[] = [];
  visit(document, {
    Scalar(_, node) {
      if (typeof node.value !== "string" || !node.range) return;
      const cleaned = cleanText(node.value);
      const raw = text.slice(node.range[0], node.range[1]);
      for (const refusal of cleaned.refused) {
        const piece = node.value.slice(refusal.index, refusal.index + refusal.length);
        const at = raw.indexOf(piece);
        const offset = at >= 0 ? node.range[0] + at : node.range[0];
        found.push(diagnostic("tecken-otillatet", locator.at(offset, at >= 0 ? refusal.length : Math.max(1, raw.length)), { vad: refusal.description }));
      }
      if (cleaned.refused.length === 0 && cleaned.text !== node.value) {
        if (cleaned.changes.length > 0) {
          found.push(diagnostic("text-rensad", locator.at(node.range[0], Math.max(1, node.range[1] - node.range[0])), { vad: joinWithAnd(cleaned.changes) }));
        }
        node.value = cleaned.text;
      }
    },
  });
  return found;
}

/**
 * YAML reads an unquoted 300.000 as the number 300 and 23.400 as 23.4; for
 * an amount that is a silent, thousandfold mistake. Amounts written with a
 * point or comma are handed to the schema as the text the secretary typed,
 * which it then rejects as ambiguous.
 */
function keepAmountSource(document: Document, text: string): void {
  const written = (node: Node) => (node.range ? text.slice(node.range[0], node.range[1]).trim() : "");
  visit(document, {
    // An amount is plain digits (the pair is visited before its value).
    Pair(_, pair) {
      const value = pair.value;
      if (!isScalar(pair.key) || !(AMOUNT_KEYS as readonly string[]).includes(String(pair.key.value))) return;
      if (isScalar(value) && typeof value.value === "number" && !/^\d+$/.test(written(value))) value.value = written(value);
    },
    // Any other number written as 0x1F, 0o17, 1e9, .inf or +5 is kept as its
    // text too, so the schema refuses it: nobody means nr: 1e9.
    Scalar(_, node) {
      if (typeof node.value === "number" && !/^-?(\d+(\.\d*)?|\.\d+)$/.test(written(node))) node.value = written(node);
    },
  });
}


/**
 * Offset of the quoted scalar that is never closed: the first token from
 * yaml's own lexer that opens a quote and does not end with one.
 */
function unbalancedQuoteLine(text: string): number | undefined {
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    // The lexer marks documents and scalars with control characters that are not in the source.
    if (token === "\x02" || token === "\x18" || token === "\x1f") continue;
    const quote = token[0];
    if (quote === '"' || quote === "'") {
      const body = token.trimEnd();
      const closed = body.length > 1 && body.endsWith(quote) && (quote === "'" || !/(^|[^\\])(\\\\)*\\"$/.test(body));
      if (!closed) return offset;
    }
    offset += token.length;
  }
  return undefined;
}

/**
 * Every error yaml can report, in Swedish. yaml's own messages are English,
 * so none is ever shown (tests/environment.test.ts goes through the list).
 */
export const YAML_ERRORS: Record<ErrorCode, string> = {
  ALIAS_PROPS: "ett alias (*namn) kan inte ha egna markeringar (& eller !)",
  BAD_ALIAS: "ett alias (*namn) pekar inte på något",
  BAD_DIRECTIVE: "en rad som börjar med % förstås inte (sätt texten inom citattecken)",
  BAD_DQ_ESCAPE: "ett omvänt snedstreck (\\) inom citattecken följs av ett tecken som inte går att använda så (skriv \\\\ för ett snedstreck)",
  BAD_INDENT: "fel indrag",
  BAD_PROP_ORDER: "markeringarna & och ! står i fel ordning",
  BAD_SCALAR_START: "ett värde börjar med ett tecken som inte är tillåtet där (sätt texten inom citattecken)",
  BLOCK_AS_IMPLICIT_KEY: "en nyckel ser ut att sakna kolon eller har fel indrag",
  BLOCK_IN_FLOW: "en lista eller nyckel på egen rad står inom [ ] eller { }",
  DUPLICATE_KEY: "samma nyckel står två gånger",
  IMPOSSIBLE: "filen kan inte läsas",
  KEY_OVER_1024_CHARS: "en nyckel är längre än 1 024 tecken (saknas ett kolon eller en radbrytning?)",
  MISSING_CHAR: "ett tecken saknas (ofta ett kolon eller ett avslutande citattecken)",
  MULTILINE_IMPLICIT_KEY: "en nyckel kan inte fortsätta över flera rader (saknas ett kolon?)",
  MULTIPLE_ANCHORS: "ett värde har flera ankare (&namn)",
  MULTIPLE_DOCS: "filen innehåller flera dokument (en rad med bara --- delar den); en omgångsfil är ett dokument",
  MULTIPLE_TAGS: "ett värde har flera typmarkeringar (!)",
  NON_STRING_KEY: "en nyckel är inte en text",
  RESOURCE_EXHAUSTION: "filen är byggd så att den växer sig för stor när den läses (alias i alias)",
  TAB_AS_INDENT: "tabbtecken används som indrag; använd mellanslag",
  TAG_RESOLVE_FAILED: "okänd typmarkering",
  UNEXPECTED_TOKEN: "oväntat tecken",
  BAD_COLLECTION_TYPE: "en lista eller en uppsättning nycklar står där den andra sorten väntas",
};

function translateYamlError(code: ErrorCode): string {
  return YAML_ERRORS[code] ?? "filen följer inte YAML:s regler här";
}

/** The YAML node at `path`, or the closest ancestor that exists. */
export function locateNode(
  document: Document,
  path: readonly PropertyKey[],
): { node: Node | null; keyNode: Node | null; found: boolean } {
  let node = document.contents as Node | null;
  let keyNode: Node | null = null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return { node, keyNode, found: false };
      keyNode = pair.key as Node;
      node = (pair.value as Node | null) ?? keyNode;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (!item) return { node, keyNode, found: false };
      node = item;
      keyNode = null;
    } else {
      return { node, keyNode, found: false };
    }
  }
  return { node, keyNode, found: true };
}

const LIST_ITEM: Record<string, string> = {
  lum: "LUM-ansökan",
  mul: "MUL-ansökan",
  undertecknare: "undertecknare",
  huvudkriterier: "huvudkriterium",
  prioriterade_områden: "prioriterat område",
  redovisningar: "redovisning",
  anmälningsärenden: "anmälningsärende",
};

/**
 * A path as the secretary reads it: `"sökt" i LUM-ansökan nr 2` rather than
 * lum[1].sökt. Applications are named by their own number where they have one.
 */
export function describePath(path: readonly PropertyKey[], data: unknown): string {
  const [list, index, ...rest] = path;
  if (typeof list === "string" && typeof index === "number") {
    const item = (data as Record<string, unknown[]> | null)?.[list]?.[index] as { nr?: unknown } | undefined;
    const what = LIST_ITEM[list] ?? list;
    const which = typeof item?.nr === "number" && (list === "lum" || list === "mul") ? `nr ${item.nr}` : `${index + 1} i listan`;
    const field = rest.map((p) => (typeof p === "number" ? `${p + 1}` : String(p))).join(".");
    return field ? `"${field}" i ${what} ${which}` : `${what} ${which}`;
  }
  return `"${path.map((p) => (typeof p === "number" ? `${p + 1}` : String(p))).join(".")}"`;
}

/** The keys the schema allows at `path`, for "menade du …?". */
function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.core.$ZodType = roundSchema;
  const unwrap = (s: z.core.$ZodType): z.core.$ZodType => {
    const def = s._zod.def as unknown as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType; out?: z.core.$ZodType };
    if ((def.type === "optional" || def.type === "default" || def.type === "nullable") && def.innerType) return unwrap(def.innerType);
    if (def.type === "pipe" && def.out) return unwrap(def.out);
    return s;
  };
  for (const segment of path) {
    schema = unwrap(schema);
    const def = schema._zod.def as unknown as { type: string; shape?: Record<string, z.core.$ZodType>; element?: z.core.$ZodType };
    if (def.type === "object" && def.shape && typeof segment === "string" && def.shape[segment]) schema = def.shape[segment];
    else if (def.type === "array" && def.element) schema = def.element;
    else return [];
  }
  const def = unwrap(schema)._zod.def as unknown as { type: string; shape?: Record<string, unknown> };
  return def.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

/** Swedish for the kinds of value a schema expects, instead of the library's type names. */
const EXPECTED: Record<string, string> = {
  object: "nycklar med värden, indragna under sig",
  array: "en lista, med en punkt (- ) per rad",
  string: "en text",
  number: "ett tal",
  int: "ett heltal",
  boolean: "true (ja) eller false (nej)",
};

function received(value: unknown): string {
  if (value === null || value === undefined) return "tomt";
  if (Array.isArray(value)) return "en lista";
  if (typeof value === "object") return "nycklar med värden";
  if (typeof value === "number") return `talet ${value}`;
  if (typeof value === "boolean") return String(value);
  return `texten "${String(value)}"`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const segment of path) value = (value as Record<PropertyKey, unknown> | null | undefined)?.[segment];
  return value;
}

/**
 * A key left empty whose own keys stand at its level instead of under it
 * ("beslut:" followed by "utfall:" at the same indentation): the misplaced
 * keys of its parent map that belong to it, with the first one's position.
 */
function notIndented(document: Document, path: readonly PropertyKey[]): { keys: Node[]; parentKey: string } | undefined {
  const last = path[path.length - 1];
  if (typeof last !== "string") return undefined;
  const { node: parent } = locateNode(document, path.slice(0, -1));
  if (!isMap(parent)) return undefined;
  const own = knownKeysAt(path);
  const parentKnown = knownKeysAt(path.slice(0, -1));
  const index = parent.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === last);
  const keys: Node[] = [];
  for (const pair of parent.items.slice(index + 1)) {
    if (!isScalar(pair.key)) break;
    const key = String(pair.key.value);
    if (own.includes(key) && !parentKnown.includes(key)) keys.push(pair.key);
    else break;
  }
  return keys.length > 0 ? { keys, parentKey: last } : undefined;
}

/**
 * The block a key belongs in when it stands beside it instead of under it:
 * a key unknown at `path` that is a key of a sibling mapping (belopp,
 * motivering or utfall at an application's level belong under its beslut:),
 * the nearest such sibling above it first. Not when that block has the key
 * already.
 */
function blockOfKey(
  document: Document,
  path: readonly PropertyKey[],
  key: string,
): { block: string; under: string; at: (locator: Locator) => Located } | undefined {
  const { node } = locateNode(document, path);
  if (!isMap(node)) return undefined;
  const index = node.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === key);
  const own = node.items[index];
  if (index < 0 || !own || !isScalar(own.key) || !own.key.range) return undefined;
  const keyRange = own.key.range;
  const segments = path.filter((p): p is string | number => typeof p === "string" || typeof p === "number");
  for (const pair of [...node.items.slice(0, index).reverse(), ...node.items.slice(index + 1)]) {
    if (!isScalar(pair.key) || !isMap(pair.value)) continue;
    const block = String(pair.key.value);
    if (!knownKeysAt([...segments, block]).includes(key)) continue;
    const keys = pair.value.items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : []));
    if (keys.includes(key) || keys.length === 0) continue;
    return { block, under: keys[0]!, at: (locator) => locator.at(keyRange[0], Math.max(1, keyRange[1] - keyRange[0])) };
  }
  return undefined;
}

function issueDiagnostics(issue: z.core.$ZodIssue, document: Document, locator: Locator, data: unknown, misplaced: Set<string>): Diagnostic[] {
  const path = issue.path;
  if (issue.code === "invalid_type" && valueAt(data, path) !== undefined) {
    const value = valueAt(data, path);
    const field = describePath(path, data);
    if (issue.expected === "object" && value === null) {
      const loose = notIndented(document, path);
      if (loose) {
        const first = loose.keys[0]!;
        const names = loose.keys.map((k) => `"${String((k as { value?: unknown }).value)}"`);
        for (const k of loose.keys) {
          const at = locator.at(k.range?.[0] ?? 0);
          misplaced.add(`${at.line}:${at.column}`);
        }
        return [
          diagnostic("ogiltigt-varde", locator.at(first.range?.[0] ?? 0, Math.max(1, (first.range?.[1] ?? 1) - (first.range?.[0] ?? 0))), {
            falt: field,
            problem: `är tomt: ${names.join(", ")} hör till "${loose.parentKey}:" men står inte indragna under den. Dra in ${names.length === 1 ? "raden" : "raderna"} två mellanslag`,
          }),
        ];
      }
    }
    const { node } = locateNode(document, path);
    const range = node?.range;
    const expected = EXPECTED[issue.expected] ?? issue.message;
    return [
      diagnostic("ogiltigt-varde", locator.at(range?.[0] ?? 0, range ? Math.max(1, range[1] - range[0]) : 1), {
        falt: field,
        problem: value === null ? `är tomt, men ska vara ${expected}` : `ska vara ${expected}, men är ${received(value)}`,
      }),
    ];
  }
  if (issue.code === "unrecognized_keys") {
    const { node } = locateNode(document, path);
    const known = knownKeysAt(path);
    return issue.keys.map((key) => {
      let offset = node?.range?.[0] ?? 0;
      let length = key.length;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
        if (pair && isScalar(pair.key) && pair.key.range) {
          offset = pair.key.range[0];
          length = pair.key.range[1] - pair.key.range[0];
        }
      }
      const nearest = known.length > 0 ? closest(key, known) : undefined;
      // Only a near miss is a likely typo; otherwise the list of keys says more.
      const suggestion = nearest !== undefined && distance(key, nearest) <= Math.max(2, Math.floor(nearest.length / 3)) ? nearest : undefined;
      return diagnostic("okand-nyckel", locator.at(offset, length), {
        nyckel: `"${key}"`,
        forslag: suggestion ? ` Menade du "${suggestion}"?` : "",
        tillatna: known.join(", "),
      });
    });
  }
  const { node, keyNode, found } = locateNode(document, path);
  const field = path.length > 0 ? describePath(path, data) : "Filen";
  if (!found) {
    // The key is missing: point at the map that should hold it.
    const anchor = keyNode ?? node;
    const offset = anchor?.range?.[0] ?? 0;
    // A rule that asks for the key says why ("saknas: vid återremiss ska skälet anges").
    const why = issue.code === "custom" && issue.message.startsWith("saknas: ") ? ` (${issue.message.slice("saknas: ".length)})` : "";
    return [diagnostic("saknas", locator.at(offset), { falt: field, orsak: why })];
  }
  const range = node?.range;
  const offset = range?.[0] ?? 0;
  const length = range ? Math.max(1, range[1] - range[0]) : 1;
  let problem = issue.message;
  // A misspelt choice ("Bifall", "delvis bifall") gets the nearest allowed one.
  if (issue.code === "invalid_value" && isScalar(node) && typeof node.value === "string") {
    const options = issue.values.map(String);
    const nearest = closest(node.value, options);
    if (distance(node.value.toLocaleLowerCase("sv-SE"), nearest) <= Math.max(2, Math.floor(nearest.length / 3))) problem += `. Menade du "${nearest}"?`;
  }
  return [diagnostic("ogiltigt-varde", locator.at(offset, length), { falt: field, problem })];
}

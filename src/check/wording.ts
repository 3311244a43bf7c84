// Checks the wording a round is written with (its template set, see
// templateSetFor) before anything is built: that it composes (a mistake in a
// {{…}} field is the secretary's, so it gets a message with file and line, not
// a stack trace), and that no figure the tool computes is typed into the text.
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import Handlebars from "handlebars";
import { composeRound, conditionReference, conditionsHeld, TEMPLATE_ROOT, templateSetFor } from "../compose/compose.js";
import { PROJECT_ROOT } from "../project-root.js";
import { FileRefusedError, readProjectTextSync } from "../files/read-project-file.js";
import type { Figures } from "../derive/figures.js";
import { diagnostic, type Diagnostic, type Position } from "../diagnostics/catalogue.js";
import { countInWords } from "../format/swedish.js";
import { helpers } from "../compose/helpers.js";
import { closest, distance } from "fastest-levenshtein";
import type { Round } from "../schema/round.js";
import { perItem, roundFields, templateContext, type PerItem } from "../compose/context.js";
import { unknownFields, type Requirement, type TemplateSources, type UnknownField } from "./fields.js";
import { readManifest, type ManifestEntrySource } from "../compose/manifest-source.js";
import { factAdvice, projectNames, typedFacts } from "./template-facts.js";

/** The template files of a set, relative to it: documents, then its partials in delar/. */
function setTemplates(dir: string): string[] {
  const list = (sub: string) =>
    existsSync(join(dir, sub))
      ? readdirSync(join(dir, sub))
          .filter((f) => f.endsWith(".md.hbs"))
          .sort()
          .map((f) => (sub ? `${sub}/${f}` : f))
      : [];
  return [...list(""), ...list("delar")];
}

/** A path as the secretary sees it: relative to the project, with forward slashes. */
const shownPath = (path: string) => relative(PROJECT_ROOT, path).split("\\").join("/");

interface Field {
  /** The field as a template names it, e.g. f.lum.sökt. */
  path: string;
  value: number;
  /** The helper that prints it: kronor for amounts, antal for counts. */
  helper: "kronor" | "antal" | "";
}

/** Every amount, count and year the documents compute, with the field that holds it. */
export function computedFields(round: Round, f: Figures): { amounts: Field[]; counts: Field[]; years: Field[] } {
  const amounts: Field[] = [];
  const counts: Field[] = [];
  const add = (list: Field[], path: string, value: number | undefined, helper: Field["helper"]) => {
    if (value !== undefined && value > 0) list.push({ path, value, helper });
  };
  for (const [path, value] of [
    ["f.totalt.sökt", f.totalt.sökt],
    ["f.totalt.beviljat", f.totalt.beviljat],
    ["f.totalt.centraltBelopp", f.totalt.centraltBelopp],
    ["f.lum.sökt", f.lum.sökt],
    ["f.lum.beviljat", f.lum.beviljat],
    ["f.mul.sökt", f.mul.sökt],
    ["f.mul.beviljat", f.mul.beviljat],
    ["round.regler.max_belopp_lum", round.regler.max_belopp_lum],
    ["round.regler.max_belopp_mul", round.regler.max_belopp_mul],
    ["round.regler.ram", round.regler.ram],
  ] as const) add(amounts, path, value, "kronor");
  for (const fund of ["lum", "mul"] as const) {
    for (const key of ["antal", "antalBeviljade", "antalAvslagna", "antalDelvis", "antalCentrala", "antalStadsdelsförvaltningar"] as const) {
      add(counts, `f.${fund}.${key}`, f[fund][key], "antal");
    }
  }
  add(counts, "f.totalt.antal", f.totalt.antal, "antal");
  add(counts, "round.regler.max_beviljade_lum_per_förvaltning", round.regler.max_beviljade_lum_per_förvaltning, "antal");
  add(counts, "round.regler.max_beviljade_mul_per_förvaltning", round.regler.max_beviljade_mul_per_förvaltning, "antal");
  add(counts, "round.regler.max_år_i_rad", round.regler.max_år_i_rad, "antal");
  for (const key of ["antalBeviljade", "antalGenomförda", "antalEjPåbörjade", "antalFortsätter"] as const) {
    if (f.redovisning.alla.length > 0) add(counts, `f.redovisning.${key}`, f.redovisning[key], "antal");
  }
  return { amounts, counts, years: [{ path: "round.år", value: round.år, helper: "" }] };
}

// Words a count in a paper is followed by; a number word followed by none of
// them ("år två och tre", "en gång") is not taken for a count.
const COUNTED = /^(ansök|projekt|lokala|nya|stycken|förvaltning|stadsdels|studiebes|studieres|resor|utvecklingsprojekt|forskningsprojekt)/iu;
const NUMBER_WORDS = new Map<string, number>();
for (let n = 2; n <= 99; n++) NUMBER_WORDS.set(countInWords(n), n);

interface Hit {
  index: number;
  text: string;
  fields: Field[];
}

/** Amounts, counts and years in `text` that equal a computed field. */
export function typedFigures(text: string, fields: ReturnType<typeof computedFields>): Hit[] {
  const hits: Hit[] = [];
  const same = (list: Field[], value: number) => list.filter((f) => f.value === value);
  for (const m of text.matchAll(/(?<![\d.,/-]|\d[ \u00a0\u202f])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)|(?<![\d.,/-]|\d[ \u00a0\u202f])\d{4,}(?![\d.,]\d)/gu)) {
    const value = Number(m[0].replace(/\D/g, ""));
    const isYear = /^\d{4}$/.test(m[0]);
    const match = isYear ? same(fields.years, value) : value >= 1000 ? same(fields.amounts, value) : [];
    if (match.length > 0) hits.push({ index: m.index, text: m[0], fields: match });
  }
  for (const m of text.matchAll(/(?<![\p{L}\d])(\p{L}+|\d{1,2})(?![\p{L}\d])/gu)) {
    const word = m[1]!.toLocaleLowerCase("sv-SE");
    const value = /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS.get(word);
    if (value === undefined || value < 2) continue;
    // A number after "bilaga", "ansökan", "projekt" or "nr" names one; a count
    // is followed, within its sentence, by what it counts.
    if (/(bilaga|ansökan|ansökningarna|projekt|projekten|nr|§|sida|punkt)\s*$/iu.test(text.slice(0, m.index))) continue;
    const next = text.slice(m.index + m[0].length).split(/[.!?:;\n]/u)[0]!.trim().split(/\s+/).slice(0, 3);
    if (!next.some((w) => COUNTED.test(w))) continue;
    const match = same(fields.counts, value);
    if (match.length > 0) hits.push({ index: m.index, text: m[0], fields: match });
  }
  return hits.sort((a, b) => a.index - b.index);
}

interface HbsLoc {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

interface HbsNode {
  type: string;
  value?: string;
  original?: string;
  loc?: HbsLoc;
  path?: HbsNode & { parts?: string[]; data?: boolean };
  name?: HbsNode;
  params?: HbsNode[];
  hash?: { pairs: { key: string; value: HbsNode }[] };
  body?: HbsNode[];
  program?: HbsNode;
  inverse?: HbsNode;
}

/** A helper or partial a template calls, with where its name stands (line 1-based, column 0-based, as Handlebars counts). */
interface Use {
  kind: "helper" | "partial";
  name: string;
  loc: HbsLoc;
  /** The hash arguments a partial is called with ({{> beslutspunkter justera=…}}). */
  hash: string[];
}

/**
 * The literal text of a template with where each piece starts (the parts
 * outside {{…}}), and every helper and partial it calls, from Handlebars' own
 * parser.
 */
function parseTemplate(source: string): { parts: { text: string; line: number; column: number }[]; uses: Use[]; ast: unknown } {
  const parts: { text: string; line: number; column: number }[] = [];
  const uses: Use[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== "object") return;
    const n = node as HbsNode;
    if (n.type === "ContentStatement" && n.loc) {
      parts.push({ text: n.original ?? n.value ?? "", line: n.loc.start.line, column: n.loc.start.column });
      return;
    }
    if (n.type === "CommentStatement") return;
    if (n.type === "MustacheStatement" || n.type === "BlockStatement" || n.type === "SubExpression") {
      // A name with arguments is a helper call ({{kronor f.lum.sökt}}); a bare name may be a field.
      const path = n.path;
      const called = (n.params?.length ?? 0) > 0 || (n.hash?.pairs.length ?? 0) > 0;
      if (called && path?.type === "PathExpression" && !path.data && path.parts?.length === 1 && path.original && path.loc) {
        uses.push({ kind: "helper", name: path.original, loc: path.loc, hash: [] });
      }
      walk(n.params);
      walk(n.hash?.pairs.map((p) => p.value));
    }
    if ((n.type === "PartialStatement" || n.type === "PartialBlockStatement") && n.name?.type === "PathExpression" && n.name.original && n.name.loc) {
      uses.push({ kind: "partial", name: n.name.original, loc: n.name.loc, hash: (n.hash?.pairs ?? []).map((p) => p.key) });
    }
    if (n.type === "PartialStatement" || n.type === "PartialBlockStatement") walk(n.params);
    walk(n.body);
    walk(n.program);
    walk(n.inverse);
  };
  const ast = Handlebars.parse(source);
  walk(ast);
  return { parts, uses, ast };
}

function positionIn(file: string, source: string, line: number, column: number, length: number): Position & { sourceLine: string | undefined } {
  return { file, line, column, length, sourceLine: source.split("\n")[line - 1] };
}

/** Where a Handlebars node's name stands, as a diagnostic position (column 1-based; the caret under the name). */
function positionOfLoc(file: string, source: string, loc: HbsLoc): Position & { sourceLine: string | undefined } {
  const length = loc.end.line === loc.start.line ? Math.max(1, loc.end.column - loc.start.column) : 1;
  return positionIn(file, source, loc.start.line, loc.start.column + 1, length);
}

/** The helpers a template may call: the tool's own and Handlebars' built-in ones. */
const KNOWN_HELPERS = new Set([...Object.keys(helpers), "if", "unless", "each", "with", "lookup", "log"]);

/** The set's partials: the files of its delar/, by name. */
function setPartials(dir: string): Set<string> {
  const delar = join(dir, "delar");
  return new Set(existsSync(delar) ? readdirSync(delar).filter((f) => f.endsWith(".md.hbs")).map((f) => f.slice(0, -".md.hbs".length)) : []);
}

/** "kroner finns inte (menade du kronor?)", when a known name is close. */
function missing(what: string, name: string, known: Iterable<string>): string {
  const candidates = [...known];
  const near = candidates.length > 0 ? closest(name, candidates) : undefined;
  const suggestion = near !== undefined && distance(name, near) <= Math.max(1, Math.floor(name.length / 3)) ? ` (menade du ${near}?)` : "";
  return `${what} ${name} finns inte${suggestion}`;
}

/** A helper or partial `use` that the set does not have, as the detail of a mall-fel, or undefined when it is there. */
function unknownUse(use: Use, partials: Set<string>): string | undefined {
  if (use.kind === "helper") return KNOWN_HELPERS.has(use.name) ? undefined : missing("fältet eller hjälpen", use.name, KNOWN_HELPERS);
  return partials.has(use.name) ? undefined : missing("delen", use.name, partials);
}

/** Line (1-based) and column (1-based, 0 when unknown) of a Handlebars error, when its message or properties tell. */
function errorPosition(error: unknown): { line: number; column: number } | undefined {
  if (error && typeof error === "object" && "lineNumber" in error && typeof error.lineNumber === "number") {
    const column = "column" in error && typeof error.column === "number" ? error.column + 1 : 1;
    return { line: error.lineNumber, column };
  }
  const m = /line (\d+)/.exec(error instanceof Error ? error.message : String(error));
  return m ? { line: Number(m[1]), column: 1 } : undefined;
}

/**
 * An {{#if …}} (or #each, #with, #unless) that is never closed: Handlebars
 * notices only at the end of the file, so the line it gives is the last one.
 * The innermost block opened and not closed, from a scan of the text with
 * comments blanked out.
 */
function unclosedBlock(source: string): { name: string; line: number; column: number; length: number } | undefined {
  const text = source.replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g, (c) => c.replace(/[^\n]/g, " "));
  const open: { name: string; index: number; length: number }[] = [];
  for (const m of text.matchAll(/\{\{~?\s*([#/])\s*([^\s}~]+)/g)) {
    if (m[1] === "#") open.push({ name: m[2]!.replace(/^[*>]/, ""), index: m.index, length: m[0].length });
    else if (open.length > 0 && open[open.length - 1]!.name === m[2]) open.pop();
  }
  const last = open.at(-1);
  if (!last) return undefined;
  const before = text.slice(0, last.index).split("\n");
  return { name: last.name, line: before.length, column: before.at(-1)!.length + 1, length: last.length };
}

/** Handlebars' English error, reduced to what a Swedish message can quote. */
function templateProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const helper = /Missing helper: "?([^"\s]+)"?/.exec(message);
  if (helper) return missing("fältet eller hjälpen", helper[1]!, KNOWN_HELPERS);
  const partial = /The partial (\S+) could not be found/.exec(message);
  if (partial) return `delen ${partial[1]} finns inte`;
  const close = /(\S+) doesn't match (\S+)/.exec(message);
  if (close) return `{{/${close[2]}}} avslutar inte {{#${close[1]}}}`;
  if (/Parse error|Expecting/.test(message)) return "ett {{…}}-fält är inte avslutat eller felskrivet";
  // A helper given a field the round does not have (a date left out of the round file).
  if (/Cannot read propert|undefined|is not a function/.test(message)) {
    return "ett fält som texten använder saknar värde i årets fil; skriv {{#if fältet}} … {{/if}} runt texten som behöver det, eller fyll i uppgiften";
  }
  return "mallen kunde inte användas";
}

/** A template that Handlebars cannot parse, as a mall-fel at the line (and column) of the mistake. */
function parseProblem(file: string, source: string, error: unknown): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  const block = /got 'EOF'/.test(message) ? unclosedBlock(source) : undefined;
  if (block) {
    return diagnostic("mall-fel", positionIn(file, source, block.line, block.column, block.length), {
      detalj: `{{#${block.name} …}} avslutas aldrig med {{/${block.name}}}`,
    });
  }
  const at = errorPosition(error);
  return diagnostic("mall-fel", positionIn(file, source, at?.line ?? 0, at ? at.column : 0, at ? 1 : 0), { detalj: templateProblem(error) });
}

/**
 * Every field a template of the set names that its context lacks, as a
 * mall-fel at the field: in the documents' templates (with `post` when
 * dokument.yaml makes one per item), in the partials where they are called,
 * and in the titles and file names of dokument.yaml.
 */
function fieldDiagnostics(dir: string, parsed: Map<string, { source: string; uses: Use[]; ast: unknown }>): Diagnostic[] {
  // The same set's texts give the same answer for every round written with them.
  const key = setKey(dir, parsed);
  const cached = fieldCache.get(key);
  if (cached) return cached;
  const result = unknownFieldDiagnostics(dir, parsed);
  // A preview running all day sees many versions of a set; only recent ones are kept.
  if (fieldCache.size > 50) {
    fieldCache.clear();
    requirementCache.clear();
  }
  fieldCache.set(key, result);
  return result;
}

/** Answers of fieldDiagnostics and the requirements of each document, by the set's folder and the text of its files. */
const fieldCache = new Map<string, Diagnostic[]>();
const requirementCache = new Map<string, Requirement[]>();

/** A key for a set as it is now: its folder and a hash of every template and of dokument.yaml. */
function setKey(dir: string, parsed: Map<string, { source: string }>): string {
  const hash = createHash("sha256").update(dir);
  for (const [name, t] of parsed) hash.update("\0").update(name).update("\0").update(t.source);
  try {
    hash.update("\0dokument.yaml\0").update(readProjectTextSync(join(dir, "dokument.yaml"), PROJECT_ROOT));
  } catch {
    // No dokument.yaml: reported when the set is loaded.
  }
  return hash.digest("hex");
}

function unknownFieldDiagnostics(dir: string, parsed: Map<string, { source: string; uses: Use[]; ast: unknown }>): Diagnostic[] {
  const manifest = readManifest(dir);
  const used = new Set<string>();
  const sources = templateSources(parsed, used);
  const found: UnknownField[] = [];
  /** Fields unknown in every context the text is written in (a template two kinds of document share). */
  const check = (ast: unknown, where: string, forEach: (PerItem | undefined)[]) => {
    const runs = forEach.map((each) => unknownFields(ast, where, templateContext(each), KNOWN_HELPERS, sources));
    const key = (u: UnknownField) => `${u.where}:${u.loc.start.line}:${u.loc.start.column}`;
    const inAll = runs.slice(1).reduce((acc, run) => acc.filter((u) => run.some((v) => key(v) === key(u))), runs[0] ?? []);
    // A partial called from several templates is reported once.
    for (const u of inAll) if (!found.some((v) => key(v) === key(u))) found.push(u);
  };
  for (const [name, t] of parsed) {
    if (name.startsWith("delar/")) continue;
    const entries = manifest?.entries.filter((e) => e.mall === name) ?? [];
    // A template no document uses (its entry removed from dokument.yaml) may have been written for any of them.
    // (Nor is the list known of an entry whose för_varje: is misspelt; that is reported at its line.)
    const unknownList = (e: (typeof entries)[number]) => e.forEachWritten !== undefined && e.forEach === undefined;
    const contexts = entries.length > 0 && !entries.some(unknownList) ? entries.map((e) => e.forEach) : [undefined, ...(Object.keys(perItem) as PerItem[])];
    check(t.ast, name, [...new Set(contexts)]);
  }
  // A partial no document calls: against the documents' common context.
  for (const [name, t] of parsed) if (name.startsWith("delar/") && !used.has(name)) check(t.ast, name, [undefined]);
  const diagnostics = found.map((u) => {
    const t = parsed.get(u.where);
    return diagnostic("mall-fel", positionOfLoc(shownPath(join(dir, u.where)), t?.source ?? "", u.loc), { detalj: u.detalj });
  });
  // The texts of dokument.yaml are templates too.
  for (const entry of manifest?.entries ?? []) {
    // An entry whose för_varje: is misspelt: what post is cannot be known (the list is reported at its line).
    if (entry.forEachWritten !== undefined && entry.forEach === undefined) continue;
    for (const value of entry.texts) {
      let ast: unknown;
      try {
        ast = Handlebars.parse(value.text);
      } catch {
        continue; // reported when the document is composed
      }
      const forEach = value.key === "saknas" ? undefined : entry.forEach;
      for (const u of unknownFields(ast, "dokument.yaml", templateContext(forEach), KNOWN_HELPERS, sources)) {
        const line = value.line + u.loc.start.line - 1;
        const column = (u.loc.start.line === 1 ? value.column : 0) + u.loc.start.column;
        const length = u.loc.end.line === u.loc.start.line ? Math.max(1, u.loc.end.column - u.loc.start.column) : 1;
        diagnostics.push(diagnostic("mall-fel", positionIn(shownPath(manifest!.path), manifest!.source, line, column + 1, length), { detalj: u.detalj }));
      }
    }
  }
  return diagnostics;
}

/** The keys an entry of dokument.yaml may have (see docs/mallfalt.md). */
const MANIFEST_KEYS = ["fil", "mall", "titel", "ämne", "nyckelord", "bilaga", "när", "saknas", "för_varje"];

/**
 * A key, a condition under `när:` or a list under `för_varje:` that
 * dokument.yaml does not know, as a mall-fel at its line and column with
 * the nearest known one — instead of the set failing to load as a whole.
 */
function manifestDiagnostics(dir: string): Diagnostic[] {
  const manifest = readManifest(dir);
  if (!manifest) return [];
  const file = shownPath(manifest.path);
  const at = (line: number, column: number, length: number) => positionIn(file, manifest.source, line, column, length);
  const diagnostics: Diagnostic[] = [];
  const conditions = Object.keys(conditionReference);
  for (const entry of manifest.entries) {
    for (const k of entry.keys) {
      if (!MANIFEST_KEYS.includes(k.key)) diagnostics.push(diagnostic("mall-fel", at(k.line, k.column, k.key.length), { detalj: missing("nyckeln", k.key, MANIFEST_KEYS) }));
    }
    for (const c of entry.conditions) {
      if (!conditions.includes(c.value)) diagnostics.push(diagnostic("mall-fel", at(c.line, c.column, c.value.length), { detalj: missing("villkoret", c.value, conditions) }));
    }
    const each = entry.forEachWritten;
    if (each && !Object.keys(perItem).includes(each.value)) {
      diagnostics.push(diagnostic("mall-fel", at(each.line, each.column, each.value.length), { detalj: missing("listan", each.value, Object.keys(perItem)) }));
    }
  }
  return diagnostics;
}

/** Where a path of the round file stands (load-round's locate): the nearest key that is there. */
export type Locate = (path: readonly PropertyKey[], key?: boolean) => Position & { sourceLine: string | undefined };

/** The sources of a set as the field check reads them: partials by name, and the hash arguments any call passes. */
function templateSources(parsed: Map<string, { source: string; uses: Use[]; ast: unknown }>, used?: Set<string>): TemplateSources {
  const partialParameters = new Map<string, Set<string>>();
  for (const [, t] of parsed) {
    for (const u of t.uses) if (u.kind === "partial" && u.hash.length > 0) u.hash.forEach((k) => (partialParameters.get(u.name) ?? partialParameters.set(u.name, new Set()).get(u.name)!).add(k));
  }
  return {
    partial: (name) => {
      const where = `delar/${name}.md.hbs`;
      const t = parsed.get(where);
      if (!t) return undefined;
      used?.add(where);
      return { ast: t.ast as never, where };
    },
    partialParameters,
  };
}

/**
 * The first place `path` (from the root of the data a template sees; "[]"
 * for every item of a list) has no value while what holds it is there, with
 * list items numbered; undefined when every item has it.
 */
function firstMissing(data: unknown, path: string[]): (string | number)[] | undefined {
  const walk = (value: unknown, rest: string[], at: (string | number)[]): (string | number)[] | undefined => {
    if (rest.length === 0) return value === undefined || value === null ? at : undefined;
    // A part before it missing: the text that needs it is not written (a test or a list around it).
    if (value === undefined || value === null) return undefined;
    const [head, ...tail] = rest;
    if (head === "[]") {
      if (!Array.isArray(value)) return undefined;
      for (const [i, item] of value.entries()) {
        const found = walk(item, tail, [...at, i]);
        if (found) return found;
      }
      return undefined;
    }
    return walk((value as Record<string, unknown>)[head!], tail, [...at, head!]);
  };
  return walk(data, path, []);
}

/** A round-file path as the secretary reads it: "dnr", "anmälningsärenden nr 1: dnr". */
function shownField(path: (string | number)[]): string {
  let shown = "";
  path.forEach((p, i) => {
    if (typeof p === "number") shown += ` nr ${p + 1}:`;
    else shown += (i === 0 ? "" : typeof path[i - 1] === "number" ? " " : ".") + p;
  });
  return shown;
}

/**
 * A field that a document this round makes prints without testing for it
 * first, and that the round does not have: an error at the round file (at
 * the nearest key there), naming the document and the template line.
 */
function requirementDiagnostics(
  dir: string,
  parsed: Map<string, { source: string; uses: Use[]; ast: unknown }>,
  round: Round,
  figures: Figures,
  locate: Locate | undefined,
): Diagnostic[] {
  const manifest = readManifest(dir);
  if (!manifest) return [];
  const holds = conditionsHeld(round, figures);
  const sources = templateSources(parsed);
  const key = setKey(dir, parsed);
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const entry of manifest.entries) {
    if (!entry.när.every((c) => holds[c as keyof typeof holds] ?? true)) continue;
    const entryKey = `${key}\0${manifest.entries.indexOf(entry)}`;
    const requirements = requirementCache.get(entryKey) ?? documentRequirements(entry, parsed, sources);
    requirementCache.set(entryKey, requirements);
    // The same items and views compose.ts renders with: a document per earlier meeting sees that meeting as round.sammanträde and möte.
    const items: unknown[] =
      entry.forEach === "tidigare_sammanträden"
        ? (round.tidigare_sammanträden ?? []).map((m, i) => ({ m, meeting: figures.beslut.tidigareSammanträden[i] }))
        : entry.forEach
          ? (figures.beslut[entry.forEach] as unknown[])
          : [undefined];
    const document = entry.fil.replace(/\{\{[^}]*\}\}/g, "…");
    for (const requirement of requirements) {
      // What the secretary types: the round's keys, an anmälningsärende's own, and computed fields that come from them.
      const typed =
        requirement.path[0] === "round" ||
        (requirement.path[0] === "post" && entry.forEach === "anmälningar" && Object.hasOwn(roundFieldsOfNotice, requirement.path[1] ?? "")) ||
        requirement.node.uppgift !== undefined;
      if (!typed) continue;
      for (const [i, item] of items.entries()) {
        const earlier = entry.forEach === "tidigare_sammanträden" ? (item as { m: unknown; meeting: unknown }) : undefined;
        const data = {
          round: earlier ? { ...round, sammanträde: earlier.m } : round,
          f: figures,
          förslag: figures,
          beslut: figures.beslut,
          möte: earlier ? earlier.meeting : figures.beslut.sammanträde,
          post: earlier ? earlier.meeting : item,
          dokument: { titel: "", bilaga: 1 },
          bilagor: [],
        };
        const missing = firstMissing(data, requirement.path);
        if (!missing) continue;
        // A post of an anmälningsärende is that entry of the round file.
        const roundPath =
          missing[0] === "round"
            ? missing.slice(1)
            : missing[0] === "post" && entry.forEach === "anmälningar" && typeof missing[1] === "string" && Object.hasOwn(roundFieldsOfNotice, missing[1])
              ? ["anmälningsärenden", i, ...missing.slice(1)]
              : undefined;
        const supplied = requirement.node.uppgift;
        const falt = roundPath ? shownField(roundPath) : supplied ? supplied.join(" eller ") : missing.join(".");
        if (reported.has(falt)) continue;
        reported.add(falt);
        const mallFile = requirement.where === "dokument.yaml" ? "dokument.yaml" : requirement.where;
        const templatePosition = positionOfLoc(shownPath(join(dir, requirement.where)), parsed.get(requirement.where)?.source ?? manifest.source, requirement.loc);
        // At the key that holds the missing one in the round file (at år: for a key of its own).
        const holder = roundPath ? roundPath.slice(0, -1) : supplied ? supplied[0]!.split(".").slice(0, -1) : undefined;
        const position = holder && locate ? locate(holder.length > 0 ? holder : ["år"], true) : templatePosition;
        diagnostics.push(
          diagnostic("uppgift-saknas-for-dokument", position, {
            falt,
            dokument: document,
            mall: shownPath(join(dir, mallFile)),
            rad: requirement.loc.start.line,
          }),
        );
        break;
      }
    }
  }
  return diagnostics;
}

/** What one document prints without testing for it first: in its template (and the partials it calls) and its texts in dokument.yaml. */
function documentRequirements(
  entry: ManifestEntrySource,
  parsed: Map<string, { source: string; uses: Use[]; ast: unknown }>,
  sources: TemplateSources,
): Requirement[] {
  const requirements: Requirement[] = [];
  const template = parsed.get(entry.mall);
  const context = templateContext(entry.forEach);
  if (template) unknownFields(template.ast, entry.mall, context, KNOWN_HELPERS, sources, requirements);
  for (const text of entry.texts) {
    if (text.key === "saknas") continue;
    let ast: unknown;
    try {
      ast = Handlebars.parse(text.text);
    } catch {
      continue; // a text that does not parse is reported when the document is composed
    }
    const found: Requirement[] = [];
    unknownFields(ast, "dokument.yaml", context, KNOWN_HELPERS, sources, found);
    // At the text's line in dokument.yaml.
    requirements.push(...found.map((r) => ({ ...r, loc: { start: { line: text.line + r.loc.start.line - 1, column: 0 }, end: { line: text.line, column: 0 } } })));
  }
  return requirements;
}

/** The keys an anmälningsärende has in the round file (post.… of an anmälningsärende that come from it). */
const roundFieldsOfNotice = roundFields.fält.anmälningsärenden.lista.fält;

/**
 * Diagnostics for the wording of `round`: a template of its set does not
 * compose, or types a figure the tool computes. (A round without any set is
 * reported by pipeline/check.ts as mallar-saknas.)
 */
export function checkWording(
  round: Round,
  figures: Figures,
  root: string = TEMPLATE_ROOT,
  /** Composes the round's documents; the pipeline passes its own, so that what is composed here is what is built. */
  compose: () => unknown = () => composeRound(round, figures, root),
  /** Where the round file's keys stand, so that a fact a document needs and the file lacks is named there. */
  locate?: Locate,
): Diagnostic[] {
  const dir = templateSetFor(round.år, root)?.dir;
  if (dir === undefined) return [];
  const diagnostics: Diagnostic[] = [];
  const fields = computedFields(round, figures);
  const names = projectNames(round, figures);
  const partials = setPartials(dir);
  const parsed = new Map<string, { source: string; uses: Use[]; ast: unknown }>();
  for (const name of setTemplates(dir)) {
    const path = join(dir, name);
    const file = shownPath(path);
    let source: string;
    try {
      // Through the project's one door: a FIFO, a device or a link out of the project among the templates is named, never read.
      source = readProjectTextSync(path, PROJECT_ROOT, file);
    } catch (error) {
      if (!(error instanceof FileRefusedError)) throw error;
      diagnostics.push(diagnostic("mall-fel", { file, line: 0, column: 0, length: 0 }, { detalj: error.message.replace(/\.$/, "") }));
      continue;
    }
    let template: ReturnType<typeof parseTemplate>;
    try {
      template = parseTemplate(source);
    } catch (error) {
      diagnostics.push(parseProblem(file, source, error));
      continue;
    }
    parsed.set(name, { source, uses: template.uses, ast: template.ast });
    // A helper or partial the set does not have: at its name, whether or not this round's documents use the template.
    for (const use of template.uses) {
      const detalj = unknownUse(use, partials);
      if (detalj !== undefined) diagnostics.push(diagnostic("mall-fel", positionOfLoc(file, source, use.loc), { detalj }));
    }
    for (const part of template.parts) {
      const at = (index: number) => {
        const lines = part.text.slice(0, index).split("\n");
        return { line: part.line + lines.length - 1, column: (lines.length === 1 ? part.column : 0) + lines[lines.length - 1]!.length + 1 };
      };
      const figures = typedFigures(part.text, fields);
      // A project, date, number or share typed into the prose (template-facts.ts); a computed figure is siffra-i-text below.
      for (const hit of typedFacts(part.text, names)) {
        if (figures.some((f) => hit.index < f.index + f.text.length && f.index < hit.index + hit.text.length)) continue;
        const { line, column } = at(hit.index);
        diagnostics.push(diagnostic("fakta-i-text", positionIn(file, source, line, column, hit.text.length), factAdvice(hit)));
      }
      for (const hit of figures) {
        const before = part.text.slice(0, hit.index);
        const lines = before.split("\n");
        const line = part.line + lines.length - 1;
        const column = (lines.length === 1 ? part.column : 0) + lines[lines.length - 1]!.length + 1;
        const suggestions = hit.fields.map((f) => (f.helper ? `{{${f.helper} ${f.path}}}` : `{{${f.path}}}`));
        diagnostics.push(
          diagnostic("siffra-i-text", positionIn(file, source, line, column, hit.text.length), {
            tal: hit.text.replace(/[\u00a0\u202f]/g, " "),
            falt: hit.fields.map((f) => f.path).join(" eller "),
            forslag: suggestions.join(" eller "),
          }),
        );
      }
    }
  }
  diagnostics.push(...manifestDiagnostics(dir));
  diagnostics.push(...fieldDiagnostics(dir, parsed));
  if (diagnostics.some((d) => d.severity === "fel")) return diagnostics;
  // What the documents this round makes print must be in the round file.
  diagnostics.push(...requirementDiagnostics(dir, parsed, round, figures, locate));
  if (diagnostics.some((d) => d.severity === "fel")) return diagnostics;
  // A template that parses may still not compose (a helper given a field the round lacks).
  try {
    compose();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const named = /^([\w./-]+\.md\.hbs)(?::(\d+))?:/.exec(message);
    const cause = error instanceof Error && error.cause ? error.cause : error;
    const path = join(dir, named?.[1] ?? "dokument.yaml");
    const source = (() => {
      try {
        return readProjectTextSync(path, PROJECT_ROOT);
      } catch {
        return "";
      }
    })();
    // Where the helper or partial the error names is called: in the template, else in one of its partials.
    const name = /Missing helper: "?([^"\s]+)"?/.exec(String(cause instanceof Error ? cause.message : cause))?.[1];
    const candidates = [...(named ? [named[1]!] : []), ...[...parsed.keys()].filter((n) => n !== named?.[1])];
    const found = name === undefined ? undefined : candidates.flatMap((n) => parsed.get(n)!.uses.filter((u) => u.kind === "helper" && u.name === name).map((u) => ({ n, u })))[0];
    const at = errorPosition(cause);
    const position = found
      ? positionOfLoc(shownPath(join(dir, found.n)), parsed.get(found.n)!.source, found.u.loc)
      : named?.[2]
        ? positionIn(shownPath(path), source, Number(named[2]), 1, 0)
        : positionIn(shownPath(path), source, at?.line ?? 0, at?.column ?? 0, at ? 1 : 0);
    diagnostics.push(diagnostic("mall-fel", position, { detalj: templateProblem(cause) }));
  }
  return diagnostics;
}

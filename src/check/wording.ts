// Checks the wording a round is written with (its template set, see
// templateSetFor) before anything is built: that it composes (a mistake in a
// {{…}} field is the secretary's, so it gets a message with file and line, not
// a stack trace), and that no figure the tool computes is typed into the text.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import Handlebars from "handlebars";
import { composeRound, TEMPLATE_ROOT, templateSetFor } from "../compose/compose.js";
import { PROJECT_ROOT } from "../project-root.js";
import type { Figures } from "../derive/figures.js";
import { diagnostic, type Diagnostic, type Position } from "../diagnostics/catalogue.js";
import { countInWords } from "../format/swedish.js";
import type { Round } from "../schema/round.js";

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

interface ContentNode {
  type: string;
  value?: string;
  original?: string;
  loc?: { start: { line: number; column: number } };
}

/** The literal text of a template with where each piece starts (the parts outside {{…}}). */
function literalParts(source: string): { text: string; line: number; column: number }[] {
  const parts: { text: string; line: number; column: number }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== "object") return;
    const n = node as ContentNode & Record<string, unknown>;
    if (n.type === "ContentStatement" && n.loc) {
      parts.push({ text: n.original ?? n.value ?? "", line: n.loc.start.line, column: n.loc.start.column });
      return;
    }
    if (n.type === "CommentStatement") return;
    for (const key of ["body", "program", "inverse"]) if (key in n) walk(n[key]);
  };
  walk(Handlebars.parse(source));
  return parts;
}

function positionIn(file: string, source: string, line: number, column: number, length: number): Position & { sourceLine: string | undefined } {
  return { file, line, column, length, sourceLine: source.split("\n")[line - 1] };
}

/** Line (1-based) of a Handlebars error, when its message or properties tell. */
function errorLine(error: unknown): number | undefined {
  if (error && typeof error === "object" && "lineNumber" in error && typeof error.lineNumber === "number") return error.lineNumber;
  const m = /line (\d+)/.exec(error instanceof Error ? error.message : String(error));
  return m ? Number(m[1]) : undefined;
}

/** Handlebars' English error, reduced to what a Swedish message can quote. */
function templateProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const helper = /Missing helper: "?([^"\s]+)"?/.exec(message);
  if (helper) return `fältet eller hjälpen ${helper[1]} finns inte`;
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

/**
 * Diagnostics for the wording of `round`: a template of its set does not
 * compose, or types a figure the tool computes. (A round without any set is
 * reported by build.ts as mallar-saknas.)
 */
export function checkWording(round: Round, figures: Figures, root: string = TEMPLATE_ROOT): Diagnostic[] {
  const dir = templateSetFor(round.år, root)?.dir;
  if (dir === undefined) return [];
  const diagnostics: Diagnostic[] = [];
  const fields = computedFields(round, figures);
  for (const name of setTemplates(dir)) {
    const path = join(dir, name);
    const file = shownPath(path);
    const source = readFileSync(path, "utf8");
    let parts: ReturnType<typeof literalParts>;
    try {
      parts = literalParts(source);
    } catch (error) {
      const line = errorLine(error) ?? 0;
      diagnostics.push(diagnostic("mall-fel", positionIn(file, source, line, line ? 1 : 0, 0), { detalj: templateProblem(error) }));
      continue;
    }
    for (const part of parts) {
      for (const hit of typedFigures(part.text, fields)) {
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
  if (diagnostics.some((d) => d.severity === "fel")) return diagnostics;
  // A template that parses may still not compose: an unknown helper or part.
  try {
    composeRound(round, figures, root);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const named = /^([\w./-]+\.md\.hbs)(?::(\d+))?:/.exec(message);
    const path = join(dir, named?.[1] ?? "dokument.yaml");
    const source = (() => {
      try {
        return readFileSync(path, "utf8");
      } catch {
        return "";
      }
    })();
    const line = named?.[2] ? Number(named[2]) : (errorLine(error instanceof Error && error.cause ? error.cause : error) ?? 0);
    diagnostics.push(diagnostic("mall-fel", positionIn(shownPath(path), source, line, line ? 1 : 0, 0), { detalj: templateProblem(error instanceof Error && error.cause ? error.cause : error) }));
  }
  return diagnostics;
}


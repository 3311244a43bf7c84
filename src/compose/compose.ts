// Composes a round's documents: the round and its derived figures go through
// the Handlebars templates in templates/ (prose, as Markdown with a few
// directives) and come out as document models.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import Handlebars from "handlebars";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { Figures } from "../derive/figures.js";
import type { DocumentModel, FurnitureColumns } from "../model/document.js";
import { PROJECT_ROOT } from "../project-root.js";
import type { Round } from "../schema/round.js";
import { helpers } from "./helpers.js";
import { markdownToModel, TemplateError } from "./markdown-to-model.js";
import { compileCached } from "./template-cache.js";

/** The folder of template sets: one folder per year whose wording it fixes (templates/2024/). */
export const TEMPLATE_ROOT = join(PROJECT_ROOT, "templates");

/**
 * The template set a round is written with: the set of its own year, or the
 * newest set of an earlier year when its year has none. So wording written
 * for a year never changes the papers of an earlier year — a new year's
 * rewording goes in a new folder (npm run ny-omgang makes it) — while a year
 * that needs no rewording keeps last year's words. Undefined when no set is
 * that old.
 */
export function templateSetFor(year: number, root: string = TEMPLATE_ROOT): { dir: string; year: number } | undefined {
  const years = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^\d{4}$/.test(e.name))
    .map((e) => Number(e.name))
    .filter((y) => y <= year)
    .sort((a, b) => b - a);
  return years[0] === undefined ? undefined : { dir: join(root, String(years[0])), year: years[0] };
}

/** Facts about a round that decide which documents it has. */
const conditions = ["ansökningar", "inga_ansökningar", "sammanträde", "redovisningar", "anmälningsärenden"] as const;
type Condition = (typeof conditions)[number];

/** Lists in the figures that give one document per item. */
const lists = ["sökande", "anmälningar"] as const;

const manifestSchema = z.array(
  z.strictObject({
    fil: z.string(),
    mall: z.string(),
    titel: z.string(),
    ämne: z.string(),
    nyckelord: z.array(z.string()),
    bilaga: z.number().int().positive().optional(),
    när: z.array(z.enum(conditions)).default([]),
    saknas: z.string().optional(),
    för_varje: z.enum(lists).optional(),
  }),
);

export interface ComposedDocument {
  /** File name without extension, e.g. "tjansteutlatande" or "beslutsmeddelanden/farsta". */
  name: string;
  model: DocumentModel;
  /** The bilaga number, for the tjänsteutlåtande's appendices. */
  bilaga: number | undefined;
}

interface TemplateSet {
  manifest: z.infer<typeof manifestSchema>;
  /** Renders the template file `name` in the template folder. */
  renderFile: (name: string, view: unknown) => string;
  /** Renders a short template given as text (titles in dokument.yaml). */
  renderString: (source: string, view: unknown) => string;
}

const cache = new Map<string, TemplateSet>();

export function loadTemplates(dir: string): TemplateSet {
  const cached = cache.get(dir);
  if (cached) return cached;
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn as Handlebars.HelperDelegate);
  // Data is Markdown-escaped before it reaches a template (see escapeDeep), so
  // Handlebars' own HTML escaping is off. (Not `strict`: optional round keys
  // are absent, and `{{#if}}` on them must be false, not an error.)
  const options: CompileOptions = { noEscape: true };
  const partialDir = join(dir, "delar");
  for (const file of readdirSync(partialDir).filter((f) => f.endsWith(".md.hbs")).sort()) {
    const source = readFileSync(join(partialDir, file), "utf8");
    // A one-line partial is used inside a line ("**{{> utfall}}**"), so its
    // final newline would split that line; block partials keep theirs.
    const oneLine = source.indexOf("\n") === source.length - 1;
    const text = oneLine ? source.slice(0, -1) : source;
    // Compiled when first used (a mistake in it is then reported with the template that uses it).
    let partial: HandlebarsTemplateDelegate | undefined;
    hb.registerPartial(basename(file, ".md.hbs"), ((context: unknown, runtime?: RuntimeOptions) =>
      (partial ??= compileCached(hb, text, options))(context, runtime)) as HandlebarsTemplateDelegate);
  }
  const manifest = manifestSchema.parse(parseYaml(readFileSync(join(dir, "dokument.yaml"), "utf8")));
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  const render = (source: string, view: unknown) => {
    let template = compiled.get(source);
    if (!template) {
      template = compileCached(hb, source, options);
      compiled.set(source, template);
    }
    return template(view);
  };
  const set: TemplateSet = {
    manifest,
    renderFile: (name, view) => render(readTemplate(dir, name), view),
    renderString: render,
  };
  cache.set(dir, set);
  return set;
}

const sources = new Map<string, string>();

/** Forgets every template read so far, so the next compose reads templates/ again (the preview, after an edit). */
export function forgetTemplates(): void {
  cache.clear();
  sources.clear();
}

function readTemplate(dir: string, name: string): string {
  const path = join(dir, name);
  let source = sources.get(path);
  if (source === undefined) {
    source = readFileSync(path, "utf8");
    sources.set(path, source);
  }
  return source;
}

/**
 * Escapes every string in the data for Markdown, so that what the secretary
 * writes (a reason with *, #, 1. or {{…}}) is printed literally and never
 * read as Markdown or template syntax. Backslash escapes of ASCII
 * punctuation are defined by CommonMark for exactly this.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\ue000\ue001]/g, "") // the page-field sentinels belong to templates only
    .replace(/[!-/:-@[-`{-~]/g, "\\$&")
    .replace(/\r\n?|\n|[\u2028\u2029]/g, " "); // any line break: data never starts a new block
}

function escapeDeep(value: unknown): unknown {
  if (typeof value === "string") return escapeMarkdown(value);
  if (Array.isArray(value)) return value.map(escapeDeep);
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeDeep(v)]));
  }
  return value;
}

/** Undoes escapeMarkdown, for plain-text metadata rendered from escaped data. */
function unescapeMarkdown(s: string): string {
  return s.replace(/\\([!-/:-@[-`{-~])/g, "$1");
}

const emptyColumns: FurnitureColumns = { left: [], right: [] };

export interface ComposedRound {
  documents: ComposedDocument[];
  /** One line per document the round does not have yet, and why. */
  notices: string[];
}

/**
 * Composes with the template set of the round's year (see templateSetFor)
 * among the sets in `root`. With `only`, just the documents whose file name
 * (without extension) it accepts are composed; the list of bilagor and the
 * notices are still those of the whole round.
 */
export function composeRound(
  round: Round,
  figures: Figures,
  root: string = TEMPLATE_ROOT,
  only?: (document: { name: string; bilaga?: number | undefined }) => boolean,
): ComposedRound {
  const set = templateSetFor(round.år, root)?.dir;
  if (set === undefined) throw new TemplateError(root, `no template set for ${round.år} or earlier`);
  const templates = loadTemplates(set);
  const renderInline = templates.renderString;
  const holds: Record<Condition, boolean> = {
    ansökningar: figures.harAnsökningar,
    inga_ansökningar: !figures.harAnsökningar,
    sammanträde: round.sammanträde !== undefined,
    redovisningar: figures.redovisning.alla.length > 0,
    anmälningsärenden: figures.anmälningar.length > 0,
  };
  const baseView = escapeDeep({ round, f: figures }) as Record<string, unknown>;
  const wanted = templates.manifest.filter((d) => d.när.every((c) => holds[c]));
  // A document the round lacks only one fact for is announced; one that does
  // not fit the round at all (a protokollsutdrag for an inriktning) is not.
  const notices = templates.manifest
    .filter((d) => d.saknas !== undefined && d.när.filter((c) => !holds[c]).length === 1)
    .map((d) => unescapeMarkdown(renderInline(d.saknas!, baseView)));
  const bilagor = wanted
    .filter((d) => d.bilaga !== undefined)
    .map((d) => ({ nr: d.bilaga, titel: unescapeMarkdown(renderInline(d.titel, baseView)) }));
  const view = { ...baseView, bilagor: escapeDeep(bilagor) };
  const date = new Date(`${round.datum}T12:00:00Z`);

  const documents = wanted.flatMap((entry) => {
    const items: unknown[] = entry.för_varje ? (figures[entry.för_varje] as unknown[]) : [undefined];
    return items.flatMap((item) => {
      const itemView = item === undefined ? view : { ...view, post: escapeDeep(item) };
      const name = unescapeMarkdown(renderInline(entry.fil, itemView));
      if (only && !only({ name, bilaga: entry.bilaga })) return [];
      const title = unescapeMarkdown(renderInline(entry.titel, itemView));
      let markdown: string;
      try {
        markdown = templates.renderFile(entry.mall, { ...itemView, dokument: escapeDeep({ titel: title, bilaga: entry.bilaga }) });
      } catch (error) {
        throw new TemplateError(entry.mall, error instanceof Error ? error.message : String(error), undefined, { cause: error });
      }
      const composed = markdownToModel(markdown, entry.mall);
      const model: DocumentModel = {
        meta: {
          title,
          author: round.förvaltning,
          subject: unescapeMarkdown(renderInline(entry.ämne, itemView)),
          keywords: entry.nyckelord,
          language: "sv-SE",
          date,
        },
        furniture: {
          first: composed.furniture.first ?? composed.furniture.rest ?? emptyColumns,
          rest: composed.furniture.rest ?? composed.furniture.first ?? emptyColumns,
        },
        blocks: composed.blocks,
      };
      return [{ name, model, bilaga: entry.bilaga }];
    });
  });
  return { documents, notices };
}

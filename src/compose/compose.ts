// Composes a round's documents: the round and its derived figures go through
// the Handlebars templates in templates/ (prose, as Markdown with a few
// directives) and come out as document models.
import { readdirSync } from "node:fs";
import { basename, join, relative } from "node:path";
import Handlebars from "handlebars";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { Figures } from "../derive/figures.js";
import type { DocumentModel, FurnitureColumns } from "../model/document.js";
import { readProjectTextSync } from "../files/read-project-file.js";
import { PROJECT_ROOT } from "../project-root.js";
import type { Round } from "../schema/round.js";
import { helpers } from "./helpers.js";
import { markdownToModel, TemplateError } from "./markdown-to-model.js";
import { compileCached } from "./template-cache.js";
import { readManifest } from "./manifest-source.js";
import { joinWithAnd } from "../format/swedish.js";

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

/**
 * Facts about a round that decide which documents it has. `sammanträde`: the
 * matter has been at a meeting; `beslut`: that meeting decided it (not
 * återremiss or bordläggning), so letters go out.
 */
const conditions = ["ansökningar", "inga_ansökningar", "sammanträde", "beslut", "redovisningar", "anmälningsärenden"] as const;
export type Condition = (typeof conditions)[number];

/** What each condition of `när:` asks of the round file, and what the build says when it does not hold. */
export const conditionReference = {
  ansökningar: { gäller: "filen har minst en ansökan under lum: eller mul:", saknas: "filen inte har några ansökningar (lum: och mul: är tomma)" },
  inga_ansökningar: { gäller: "filen har inga ansökningar (lum: [] och mul: [])", saknas: "filen har ansökningar" },
  sammanträde: { gäller: "nämndens sammanträde är inlagt (sammanträde:)", saknas: "sammanträdet inte är inlagt (sammanträde:)" },
  beslut: {
    gäller: "nämnden beslutade i ärendet vid sammanträdet (sammanträde: med utfall: beslut, förvalt)",
    saknas: "nämnden inte har beslutat i ärendet (sammanträdet saknas, eller ärendet återremitterades eller bordlades)",
  },
  redovisningar: { gäller: "filen har minst en redovisning under redovisningar:", saknas: "filen inte har några redovisningar (redovisningar:)" },
  anmälningsärenden: { gäller: "filen har minst ett anmälningsärende under anmälningsärenden:", saknas: "filen inte har några anmälningsärenden (anmälningsärenden:)" },
} satisfies Record<Condition, { gäller: string; saknas: string }>;

/** Which conditions of `när:` the round meets. */
export function conditionsHeld(round: Round, figures: Figures): Record<Condition, boolean> {
  return {
    ansökningar: figures.harAnsökningar,
    inga_ansökningar: !figures.harAnsökningar,
    sammanträde: round.sammanträde !== undefined,
    beslut: figures.beslut.beslutat,
    redovisningar: figures.redovisning.alla.length > 0,
    anmälningsärenden: figures.anmälningar.length > 0,
  };
}

/**
 * Lists that give one document per item. `sökande` and `anmälningar` come
 * from the nämnd's decision (`beslut`), since only papers after the meeting
 * are written per item; `tidigare_sammanträden` gives one protokollsutdrag per
 * earlier meeting, with `round.sammanträde` and `möte` set to that meeting.
 */
const lists = ["sökande", "anmälningar", "tidigare_sammanträden"] as const;

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
  /** Where each entry's `när:` stands in dokument.yaml (its 1-based line), for the line that says it is left out. */
  conditionLines: (number | undefined)[];
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
    const source = readProjectTextSync(join(partialDir, file), PROJECT_ROOT);
    // A one-line partial is used inside a line ("**{{> utfall}}**"), so its
    // final newline would split that line; block partials keep theirs.
    const oneLine = source.indexOf("\n") === source.length - 1;
    const text = oneLine ? source.slice(0, -1) : source;
    // Compiled when first used (a mistake in it is then reported with the template that uses it).
    let partial: HandlebarsTemplateDelegate | undefined;
    hb.registerPartial(basename(file, ".md.hbs"), ((context: unknown, runtime?: RuntimeOptions) =>
      (partial ??= compileCached(hb, text, options))(context, runtime)) as HandlebarsTemplateDelegate);
  }
  const manifest = manifestSchema.parse(parseYaml(readProjectTextSync(join(dir, "dokument.yaml"), PROJECT_ROOT)));
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  const render = (source: string, view: unknown) => {
    let template = compiled.get(source);
    if (!template) {
      template = compileCached(hb, source, options);
      compiled.set(source, template);
    }
    return template(view);
  };
  const positions = readManifest(dir);
  const set: TemplateSet = {
    manifest,
    conditionLines: manifest.map((_, i) => positions?.entries[i]?.conditionLine),
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
    source = readProjectTextSync(path, PROJECT_ROOT);
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
  const holds = conditionsHeld(round, figures);
  // f and förslag: the förvaltning's proposal; beslut: the nämnd's decision;
  // möte: the meeting a protokollsutdrag is about (the latest one).
  const escaped = escapeDeep(figures) as typeof figures;
  const baseView: Record<string, unknown> = {
    round: escapeDeep(round),
    f: escaped,
    förslag: escaped,
    beslut: escaped.beslut,
    möte: escaped.beslut.sammanträde,
  };
  const wanted = templates.manifest.filter((d) => d.när.every((c) => holds[c]));
  // A document the round lacks only one fact for is announced; one that does
  // not fit the round at all (a protokollsutdrag for an inriktning) is not.
  const notices = templates.manifest
    .filter((d) => d.saknas !== undefined && d.när.filter((c) => !holds[c]).length === 1)
    .map((d) => unescapeMarkdown(renderInline(d.saknas!, baseView)));
  // Every document left out is named, with why and where its condition stands, so none disappears silently.
  const manifestFile = relative(PROJECT_ROOT, join(set, "dokument.yaml")).split("\\").join("/");
  const skipped = new Map<string, { names: string[]; lines: number[] }>();
  templates.manifest.forEach((d, i) => {
    // No meeting means no decision either: the reason names the meeting alone.
    const failing = d.när.filter((c) => !holds[c] && !(c === "beslut" && d.när.includes("sammanträde") && !holds.sammanträde));
    if (failing.length === 0) return;
    const reason = joinWithAnd(failing.map((c) => conditionReference[c].saknas));
    const group = skipped.get(reason) ?? skipped.set(reason, { names: [], lines: [] }).get(reason)!;
    group.names.push(d.fil.replace(/\{\{[^}]*\}\}/g, "…"));
    const line = templates.conditionLines[i];
    if (line !== undefined) group.lines.push(line);
  });
  for (const [reason, { names, lines }] of skipped) {
    const where = lines.length === 0 ? manifestFile : `${manifestFile}, rad ${joinWithAnd(lines.map(String))}`;
    notices.push(`Byggs inte, eftersom ${reason}: ${names.join(", ")} (villkoret när: i ${where}).`);
  }
  const bilagor = wanted
    .filter((d) => d.bilaga !== undefined)
    .map((d) => ({ nr: d.bilaga, titel: unescapeMarkdown(renderInline(d.titel, baseView)) }));
  const view = { ...baseView, bilagor: escapeDeep(bilagor) };
  // The documents' date: the tjänsteutlåtande's, else the report's or the first anmälningsärende's (a round that makes only those).
  const date = new Date(`${round.datum ?? figures.redovisning.ärende.datum ?? round.anmälningsärenden?.[0]?.datum ?? `${round.år}-01-01`}T12:00:00Z`);

  const documents = wanted.flatMap((entry) => {
    const items: unknown[] =
      entry.för_varje === "tidigare_sammanträden"
        ? (round.tidigare_sammanträden ?? []).map((m, i) => ({ m, i, figures: figures.beslut.tidigareSammanträden[i] }))
        : entry.för_varje
          ? (figures.beslut[entry.för_varje] as unknown[])
          : [undefined];
    return items.flatMap((item) => {
      const itemView =
        item === undefined
          ? view
          : entry.för_varje === "tidigare_sammanträden"
            ? (() => {
                // The extract of an earlier meeting is about that meeting, and knows only the meetings before it.
                const { m, i, figures: meeting } = item as { m: unknown; i: number; figures: unknown };
                const beslut = { ...escaped.beslut, tidigareSammanträden: escaped.beslut.tidigareSammanträden.slice(0, i) };
                return { ...view, round: escapeDeep({ ...round, sammanträde: m }), beslut, möte: escapeDeep(meeting), post: escapeDeep(meeting) };
              })()
            : { ...view, post: escapeDeep(item) };
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

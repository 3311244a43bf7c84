// Handlebars helpers: formatting only. They place and format values that
// were computed before the template ran; none of them adds, counts or filters.
import type { HelperOptions } from "handlebars";
import {
  capitalize,
  countInWords,
  formatAmount,
  formatDate,
  formatDayMonth,
  formatKronor,
  joinWithAnd,
  quote,
} from "../format/swedish.js";
import { PAGE_FIELD, PAGES_FIELD } from "./markdown-to-model.js";

/**
 * Template data arrives Markdown-escaped (see compose.ts); helpers that read a
 * value rather than place it undo the backslash escapes first.
 */
const unescape = (s: string) => s.replace(/\\([!-/:-@[-`{-~])/g, "$1");

/** Applies `f` to the first character when it is a letter (past a Markdown escape); "2 av 3" stays as it is. */
const firstLetter = (s: string, f: (c: string) => string) => s.replace(/^(\\?)(\p{L})/u, (_, escape: string, c: string) => escape + f(c));

const ORDINALS = ["nollte", "första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde", "nionde", "tionde"];

function isOptions(value: unknown): value is HelperOptions {
  return typeof value === "object" && value !== null && "hash" in value && "data" in value;
}

/** `{{antal n}}` → "fjorton"; `{{antal n "ansökan" "ansökningar"}}` → "fjorton ansökningar", "en ansökan". */
function antal(n: number, ...rest: unknown[]): string {
  const [singular, plural] = rest.filter((r) => !isOptions(r)) as string[];
  const words = countInWords(n);
  if (singular === undefined) return words;
  return `${words} ${n === 1 ? singular : (plural ?? singular)}`;
}

export const helpers = {
  /** The page number, filled in per page by the writer: "Sida {{sida}} ({{sidor}})". */
  sida: () => PAGE_FIELD,
  /** The number of pages, filled in by the writer. */
  sidor: () => PAGES_FIELD,
  /** 500 000 — a table cell amount, digit groups joined by non-breaking spaces. */
  belopp: (n: number) => formatAmount(n),
  /** 6 558 400 kronor — an amount in running text. */
  kronor: (n: number) => formatKronor(n),
  /** 8 652 580 kr — an amount with the short unit, as the 2015 paper writes it. */
  kr: (n: number) => `${formatAmount(n)}\u00a0kr`,
  antal,
  /** A count in digits with its noun in agreement, as the 2015 paper writes counts: "20 ansökningar", "1 ansökan". */
  antalSiffror: (n: number, ...rest: unknown[]) => {
    const [singular, plural] = rest.filter((r) => !isOptions(r)) as string[];
    return `${formatAmount(n)} ${n === 1 ? singular : (plural ?? singular)}`;
  },
  /** As `antal`, capitalised, to open a sentence: "Åtta ansökningar". */
  Antal: (n: number, ...rest: unknown[]) => capitalize(antal(n, ...rest)),
  /** A count of neuter nouns: "ett lokalt utvecklingsprojekt", "tre lokala utvecklingsprojekt". */
  antalNeutrum: (n: number, ...rest: unknown[]) => {
    const [singular, plural] = rest.filter((r) => !isOptions(r)) as string[];
    const words = countInWords(n, true);
    if (singular === undefined) return words;
    return `${words} ${n === 1 ? singular : (plural ?? singular)}`;
  },
  /** As `antalNeutrum`, capitalised, to open a sentence: "Ett forskningsprojekt", "Tre forskningsprojekt". */
  AntalNeutrum: (n: number, ...rest: unknown[]) => {
    const [singular, plural] = rest.filter((r) => !isOptions(r)) as string[];
    const words = countInWords(n, true);
    return capitalize(singular === undefined ? words : `${words} ${n === 1 ? singular : (plural ?? singular)}`);
  },
  /** The form that agrees with a count: `{{böj n "projektet" "projekten"}}` gives "projektet" for 1, "projekten" otherwise. */
  böj: (n: number, singular: unknown, plural: unknown) => String(n === 1 ? singular : plural),
  /** 2 juni 2024 */
  datum: (iso: string) => formatDate(unescape(iso)),
  /** 2019, the year of a date: "Av stadens budget för {{årtal round.datum}}". */
  årtal: (iso: string) => unescape(iso).slice(0, 4),
  /** 7 december */
  dagMånad: (iso: string) => formatDayMonth(unescape(iso)),
  /** ”…” */
  citat: (s: string) => quote(s),
  /** "andra eller tredje året" for 2 and 3; "andra året eller senare" without an upper limit. */
  årIntervall: (from: number, to: unknown) => {
    const ordinal = (y: number) => ORDINALS[y] ?? `${y}:e`;
    if (typeof to !== "number") return `${ordinal(from)} året eller senare`;
    const years: string[] = [];
    for (let y = from; y <= to; y++) years.push(ordinal(y));
    return years.length <= 1 ? `${years.join("")} året` : `${years.slice(0, -1).join(", ")} eller ${years[years.length - 1]} året`;
  },
  /**
   * The years after the first that a project may be funded, from max_år_i_rad:
   * "år två och tre" for 3, "år två" for 2, "kommande år" without a limit.
   */
  följandeÅr: (max: unknown) => {
    if (typeof max !== "number" || max < 2) return "kommande år";
    const years: string[] = [];
    for (let y = 2; y <= max; y++) years.push(countInWords(y));
    return `år ${joinWithAnd(years)}`;
  },
  /** "A, B och C" from a list of objects' `key` (or of strings). */
  uppräkning: (items: unknown[], key: unknown) =>
    joinWithAnd(items.map((item) => (typeof key === "string" && item && typeof item === "object" ? String((item as Record<string, unknown>)[key]) : String(item)))),
  versal: (s: string) => firstLetter(s, (c) => c.toLocaleUpperCase("sv-SE")),
  gemen: (s: string) => firstLetter(s, (c) => c.toLocaleLowerCase("sv-SE")),
} satisfies Record<string, (...args: never[]) => string>;

/** What the field reference (docs/mallfalt.md) says about a helper: how it is called, what it does, what it prints. */
export interface HelperDoc {
  /** The call as a template writes it, e.g. `{{kronor belopp}}`. */
  anrop: string;
  doc: string;
  /** A call and what it prints. */
  ex: string;
}

/** Every helper, described; a helper added above without a description here does not compile. */
export const helperReference = {
  sida: { anrop: "{{sida}}", doc: "Sidans nummer, fylls i per sida (bara i sidhuvud och sidfot).", ex: "Sida {{sida}} ({{sidor}}) → Sida 2 (7)" },
  sidor: { anrop: "{{sidor}}", doc: "Antal sidor i dokumentet.", ex: "({{sidor}}) → (7)" },
  belopp: { anrop: "{{belopp tal}}", doc: "Ett belopp utan enhet, med hårda mellanslag mellan siffergrupperna (för tabellceller).", ex: "{{belopp f.lum.sökt}} → 6 460 000" },
  kronor: { anrop: "{{kronor tal}}", doc: "Ett belopp med ordet kronor, för löptext.", ex: "{{kronor f.totalt.sökt}} → 6 658 400 kronor" },
  kr: { anrop: "{{kr tal}}", doc: "Ett belopp med kr, som 2015 års ärende skriver.", ex: "{{kr f.lum.sökt}} → 6 460 000 kr" },
  antal: {
    anrop: '{{antal tal "ental" "flertal"}}',
    doc: "Ett antal i ord, med substantivet i ental (1) eller flertal; utan ord bara talet i ord. För en- och utrum-ord (en ansökan).",
    ex: '{{antal f.lum.antal "ansökan" "ansökningar"}} → fjorton ansökningar; {{antal 1 "ansökan" "ansökningar"}} → en ansökan',
  },
  antalSiffror: {
    anrop: '{{antalSiffror tal "ental" "flertal"}}',
    doc: "Ett antal i siffror med substantivet i ental (1) eller flertal, som 2015 års ärende skriver antal.",
    ex: '{{antalSiffror f.totalt.antal "ansökan" "ansökningar"}} → 20 ansökningar',
  },
  Antal: { anrop: '{{Antal tal "ental" "flertal"}}', doc: "Som antal, med stor bokstav, för att börja en mening.", ex: '{{Antal f.mul.antal "ansökan" "ansökningar"}} → Åtta ansökningar' },
  antalNeutrum: {
    anrop: '{{antalNeutrum tal "ental" "flertal"}}',
    doc: "Som antal, för ett-ord (ett projekt).",
    ex: '{{antalNeutrum f.redovisning.antalGenomförda "lokalt utvecklingsprojekt" "lokala utvecklingsprojekt"}} → tre lokala utvecklingsprojekt',
  },
  AntalNeutrum: {
    anrop: '{{AntalNeutrum tal "ental" "flertal"}}',
    doc: "Som antalNeutrum, med stor bokstav, för att börja en mening.",
    ex: '{{AntalNeutrum f.redovisning.antalForskning "forskningsprojekt" "forskningsprojekt"}} → Ett forskningsprojekt',
  },
  böj: {
    anrop: '{{böj tal "ental" "flertal"}}',
    doc: "Den form som stämmer med ett antal: ental för 1, annars flertal (bara ordet, utan talet).",
    ex: '{{böj f.redovisning.antalFortsätter "projektet" "projekten"}} → projekten',
  },
  datum: { anrop: "{{datum ÅÅÅÅ-MM-DD}}", doc: "Ett datum i ord.", ex: "{{datum round.datum}} → 2 juni 2024" },
  årtal: { anrop: "{{årtal ÅÅÅÅ-MM-DD}}", doc: "Året i ett datum.", ex: "{{årtal round.datum}} → 2024" },
  dagMånad: { anrop: "{{dagMånad ÅÅÅÅ-MM-DD}}", doc: "Dag och månad, utan år.", ex: "{{dagMånad round.återbetalning_senast}} → 7 december" },
  citat: { anrop: "{{citat text}}", doc: "Texten inom svenska citattecken.", ex: "{{citat projekt}} → ”Tidigt stöd”" },
  årIntervall: {
    anrop: "{{årIntervall från till}}",
    doc: "Projektår i ord, från ett år till ett annat; utan till-år ”… året eller senare”.",
    ex: "{{årIntervall 2 3}} → andra eller tredje året; {{årIntervall 2}} → andra året eller senare",
  },
  följandeÅr: {
    anrop: "{{följandeÅr round.regler.max_år_i_rad}}",
    doc: "Åren efter det första som ett projekt kan få medel, ur max_år_i_rad; utan gräns ”kommande år”.",
    ex: "{{följandeÅr 3}} → år två och tre",
  },
  uppräkning: {
    anrop: '{{uppräkning lista "fält"}}',
    doc: "En lista som ”A, B och C”: fältet ur varje element (eller elementen själva, när de är texter).",
    ex: '{{uppräkning f.redovisning.fortsätter "kortnamn"}} → Kristeamet och LIHF',
  },
  versal: { anrop: "{{versal text}}", doc: "Texten med stor första bokstav.", ex: "{{versal motivering}} → Bedöms inte …" },
  gemen: { anrop: "{{gemen text}}", doc: "Texten med liten första bokstav.", ex: "{{gemen round.nämnd}} → socialnämnden" },
} satisfies Record<keyof typeof helpers, HelperDoc>;

/** Handlebars' own blocks and names, as the field reference explains them. */
export const builtinReference: readonly HelperDoc[] = [
  { anrop: "{{#if fält}} … {{else}} … {{/if}}", doc: "Texten bara när fältet finns och inte är tomt, 0 eller falskt; {{else}} annars. {{else if annat}} prövar nästa.", ex: "{{#if round.återbetalning_senast}}senast {{datum round.återbetalning_senast}}{{/if}}" },
  { anrop: "{{#unless fält}} … {{/unless}}", doc: "Texten bara när fältet saknas, är tomt, 0 eller falskt.", ex: "{{#unless f.harAnsökningar}}Inga ansökningar.{{/unless}}" },
  { anrop: "{{#each lista}} … {{/each}}", doc: "Texten en gång per element. Inuti står elementets fält utan prefix ({{projekt}}), {{this}} är elementet självt, {{@index}} dess nummer från 0, {{@first}} och {{@last}} sant för det första och sista, och ../ når fälten utanför ({{../round.år}}). {{#each lista as |p|}} ger elementet namnet p ({{p.projekt}}).", ex: "{{#each f.lum.beviljade}}- {{projekt}}, {{förvaltning}}\n{{/each}}" },
  { anrop: "{{#with fält}} … {{/with}}", doc: "Fältets underfält utan prefix; ../ når fälten utanför.", ex: "{{#with round.handläggare}}{{namn}}, {{telefon}}{{/with}}" },
  { anrop: "{{> del}}", doc: "Texten i delar/del.md.hbs, med fälten där den står; {{> del namn=fält}} ger delen ett eget fält.", ex: "{{> sidhuvud-tjansteutlatande}}" },
  { anrop: "{{!-- … --}}", doc: "En kommentar, som inte skrivs ut.", ex: "{{!-- Ändrat 2026: nytt avsnitt om uppföljning. --}}" },
];

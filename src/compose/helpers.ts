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

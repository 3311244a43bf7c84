// Facts typed into a template's prose: a project named, a number, a date.
// Wording is the same every year; facts change with the round. A template
// that says "Södermalmsmodellen", "27 januari", "fem avdelningschefer" or
// "år två och tre" goes stale when the round changes, so each is a warning
// (fakta-i-text) that says to take it from the round file instead. Figures
// the tool computes are siffra-i-text (wording.ts), not repeated here.
import { countInWords } from "../format/swedish.js";
import type { Figures } from "../derive/figures.js";
import type { Round } from "../schema/round.js";

export interface FactHit {
  index: number;
  text: string;
  kind: "projekt" | "tal" | "datum" | "andel";
}

const MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december";

// Counts in words from two up ("en"/"ett" are articles as often as numbers).
const NUMBER_WORDS = new Set<string>();
for (let n = 2; n <= 99; n++) NUMBER_WORDS.add(countInWords(n));
NUMBER_WORDS.add("tusen");
NUMBER_WORDS.add("hundra");
/** Shares of a whole that only a count of the round's projects can tell. */
const SHARES = /^(hälften|majoriteten|tredjedelen|fjärdedelen|merparten|huvuddelen|samtliga\s+utom)$/iu;

/** A number that names something rather than counts or dates it: "bilaga 1", "tabell 2", "§ 15". */
const NAMING = /(bilaga|bilagor|tabell|nr|§|sida|punkt|ansökan|kapitel)(\s*\d+\s*(och|eller|,|–|-))*\s*$/iu;

/** The titles the round and its reports name, long enough to be told from ordinary words. */
export function projectNames(round: Round, figures: Figures): string[] {
  const names = [
    ...figures.lum.alla.map((a) => a.projekt),
    ...figures.redovisning.alla.map((r) => r.projekt),
    ...round.lum.map((a) => a.projekt),
  ].filter((n): n is string => n !== undefined && n.trim().length >= 6);
  return [...new Set(names.map((n) => n.trim()))];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Projects, numbers, dates and shares in a piece of a template's literal
 * text. Lines that are markup (a directive such as `:::::tabell{bredd="3 6 2"}`)
 * and a list's own numbering ("1. ") are not prose and are skipped; so are
 * 0 and 1, which open ranges ("1–3 år") and count nothing that changes.
 */
export function typedFacts(text: string, names: readonly string[]): FactHit[] {
  const hits: FactHit[] = [];
  // Markup lines and list numbers are blanked, keeping every index.
  const prose = text
    .replace(/^[ \t]*:{3,}.*$/gmu, (line) => " ".repeat(line.length))
    .replace(/^([ \t]*)(\d+)([.)][ \t])/gmu, (_, indent: string, n: string, mark: string) => indent + " ".repeat(n.length) + mark);
  for (const name of names) {
    const re = new RegExp(`(?<![\\p{L}\\d])${escapeRegExp(name)}(?![\\p{L}\\d])`, "giu");
    for (const m of prose.matchAll(re)) hits.push({ index: m.index, text: m[0], kind: "projekt" });
  }
  for (const m of prose.matchAll(new RegExp(`(?<![\\p{L}\\d])\\d{1,2}(?:\\u00a0| )(?:${MONTHS})(?![\\p{L}])`, "giu"))) {
    hits.push({ index: m.index, text: m[0], kind: "datum" });
  }
  for (const m of prose.matchAll(/(?<![\p{L}\d.,\-/])(\d+(?:[ \u00a0]\d{3})*)(?![\d.,]\d|[\p{L}])/gu)) {
    if (hits.some((h) => m.index >= h.index && m.index < h.index + h.text.length)) continue;
    const value = Number(m[1]!.replace(/\D/g, ""));
    if (value <= 1 || NAMING.test(prose.slice(0, m.index))) continue;
    hits.push({ index: m.index, text: m[0], kind: "tal" });
  }
  for (const m of prose.matchAll(/(?<![\p{L}\d])(\p{L}+)(?![\p{L}\d])/gu)) {
    const word = m[1]!;
    const lower = word.toLocaleLowerCase("sv-SE");
    if (SHARES.test(lower)) {
      hits.push({ index: m.index, text: word, kind: "andel" });
      continue;
    }
    if (!NUMBER_WORDS.has(lower) || NAMING.test(prose.slice(0, m.index))) continue;
    if (hits.some((h) => m.index >= h.index && m.index < h.index + h.text.length)) continue;
    hits.push({ index: m.index, text: word, kind: "tal" });
  }
  return hits.sort((a, b) => a.index - b.index);
}

/** What the warning says a hit is, and where its fact belongs. */
export function factAdvice(hit: FactHit): { vad: string; atgard: string } {
  switch (hit.kind) {
    case "projekt":
      return {
        vad: `projektet ${hit.text}`,
        atgard: "Skriv det som gäller projektet i årets fil (till exempel under redovisningar:) och hämta det med ett fält, så försvinner det när projektet tas bort.",
      };
    case "datum":
      return { vad: `datumet ${hit.text}`, atgard: "Skriv datumet i årets fil och hämta det med {{datum …}} eller {{dagMånad …}}." };
    case "andel":
      return {
        vad: `andelen ”${hit.text}”`,
        atgard: "En andel av årets projekt ändras med ansökningarna: skriv meningen i årets fil, eller räkna fram talet.",
      };
    case "tal":
      return {
        vad: `talet ${hit.text}`,
        atgard: "Skriv talet i årets fil och hämta det med ett fält ({{antal …}} för ett antal), eller räkna fram det, så stämmer texten även nästa år.",
      };
  }
}

// Reasons and titles as the papers print them. A LUM reason follows
// "Projektet ”titel” …" and a MUL reason "Studiebesöket till X (Y) …" in the
// tjänsteutlåtande, and stands alone, capitalised, in the bilagor. Secretaries
// write them every way: starting with a capital, repeating "Projektet" or
// "Studiebesöket", without a full stop, with English quotes. This puts them
// in the one form the templates expect, on the data, before any template runs.

/** English, straight and angle quotes around a phrase become Swedish ”…”. */
function swedishQuotes(text: string): string {
  return text
    .replace(/[“„«]([^“”„«»"]*)[”“»]/g, "\u201d$1\u201d")
    .replace(/"([^"]*)"/g, "\u201d$1\u201d")
    .replace(/[‘‚]([^‘’']*)[’‘]/g, "\u2019$1\u2019");
}

const QUOTES = `"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019`;
const WRAPPED = new RegExp(`^[${QUOTES}](.*)[${QUOTES}]$`, "su");

/**
 * A project title as the papers quote it: without quotes of its own around it
 * (the template adds ”…”), and with quotes inside it as single ’…’, so that
 * ”Projekt ’Trygg’ hemma” does not nest double quotes.
 */
export function normalizeTitle(title: string): string {
  let t = title.trim();
  const wrapped = WRAPPED.exec(t);
  if (wrapped && !/[”"“]/.test(wrapped[1]!)) t = wrapped[1]!.trim();
  return t.replace(/[“„«"”]([^“”„«»"]*)[”“»"]/g, "\u2019$1\u2019");
}

/** The subject the template already writes before the reason, in the forms secretaries repeat it. */
const SUBJECT: Record<"lum" | "mul", RegExp> = {
  lum: /^(?:projektet|ansökan)(?:\s+[”"“„«][^”"“»]*[”"“»])?(?:\s*,)?\s+/iu,
  mul: /^(?:studiebesöket|studieresan|resan|besöket)(?:\s+till\s+[^()]*\([^)]*\))?(?:\s*,)?\s+/iu,
};

/** Ends a sentence with a full stop unless it already ends with one (or ! ? …, before a closing quote). */
function fullStop(text: string): string {
  return /[.!?…][”’)]?$/.test(text) ? text : `${text}.`;
}

/**
 * A reason printed as a sentence of its own (wording that does not put it
 * after "Projektet ”titel”"): Swedish quotes, a capital and a full stop; the
 * secretary's own subject ("Ansökan behöver …") is kept.
 */
export function reasonSentence(reason: string): string {
  const r = swedishQuotes(reason.trim());
  return fullStop(r.replace(/^\p{Ll}/u, (c) => c.toLocaleUpperCase("sv-SE")));
}

/**
 * A reason that reads right after its subject: "Projektet bedöms inte …",
 * "Bedöms inte …" and "bedöms inte …" all become "bedöms inte ….". The first
 * word keeps its capital when it is an abbreviation (ABC, LUM-medel).
 */
export function normalizeReason(reason: string, fund: "lum" | "mul"): string {
  let r = swedishQuotes(reason.trim());
  const subject = SUBJECT[fund].exec(r);
  // Only a subject followed by more text is dropped: "Projektet." stays.
  if (subject && /\p{L}/u.test(r.slice(subject[0].length))) r = r.slice(subject[0].length);
  const firstWord = /^\p{L}[\p{L}\p{N}-]*/u.exec(r)?.[0] ?? "";
  const abbreviation = /^\p{Lu}[\p{Lu}\p{N}]/u.test(firstWord) || /\p{Lu}/u.test(firstWord.slice(1));
  if (firstWord && !abbreviation) r = r[0]!.toLocaleLowerCase("sv-SE") + r.slice(1);
  return fullStop(r);
}

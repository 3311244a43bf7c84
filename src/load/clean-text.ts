// Cleaning of text pasted into a round file (from Word, Excel, e-mail or a
// web page). Pasting brings characters nobody sees: non-breaking and other
// spaces at the ends, zero-width spaces, soft hyphens, word joiners, tabs.
// They would reach the documents, and a name with one would no longer match
// the same name without it. Those are removed (or a tab becomes a space)
// and reported as a note. Characters that change how text is shown or read
// (bidi controls such as U+202E, other control characters) and words that
// mix Latin letters with Cyrillic or Greek look-alikes ("Fаrsta" with a
// Cyrillic а) cannot be cleaned without guessing, so they are refused.
//
// Written here rather than taken from a library: what is removed and what is
// refused is the tool's own policy, stated in Swedish to the secretary; the
// Unicode facts come from the regular expression engine's property classes.
// Used by the round loader and by the spreadsheet import.

/** A character that was removed or replaced, described for the secretary. */
export interface Cleaned {
  /** The text as it reaches the documents. */
  text: string;
  /** What was removed or replaced, in Swedish, once per kind ("ett hårt mellanslag i slutet"). */
  changes: string[];
  /** What cannot be cleaned: the offset in the original text and a Swedish description. */
  refused: Refusal[];
}

export interface Refusal {
  /** Offset of the offending character in the original text (UTF-16 units). */
  index: number;
  /** Length of the span to mark (the mixed word, or the one character). */
  length: number;
  /** Swedish: what is wrong, e.g. "ett tecken som vänder textens riktning (U+202E)". */
  description: string;
}

/** Characters that do not show, or reorder what follows: shown as "·" when a source line is printed. */
export const HIDDEN = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** "U+200B" */
export function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Invisible characters that only break words or matching: removed. */
const INVISIBLE: Record<string, string> = {
  "\u200b": "nollbreddsmellanslag",
  "\u200c": "osynlig ordavgränsare",
  "\u200d": "osynlig ordbindare",
  "\u2060": "osynlig ordbindare",
  "\ufeff": "osynligt tecken",
  "\u180e": "osynligt mellanslag",
  "\u00ad": "mjukt bindestreck",
};

/** Characters that reorder or hide text: refused. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** Control characters other than tab and line breaks: refused. */
const CONTROL = /[\p{Cc}]/u;

/** Whitespace of every kind at the ends, as `String.prototype.trim` and Unicode see it, plus the invisible ones. */
const EDGE = /^[\s\u200b-\u200d\u2060\u180e]+|[\s\u200b-\u200d\u2060\u180e]+$/gu;

function spaceName(ch: string): string {
  if (ch === " ") return "mellanslag";
  if (ch === "\t") return "tabb";
  if (ch === "\u00a0" || ch === "\u202f") return "hårt mellanslag";
  if (ch === "\n" || ch === "\r") return "radbrytning";
  return INVISIBLE[ch] ?? `mellanslag av ovanlig sort (${codePoint(ch)})`;
}

const SCRIPT_NAME: Record<string, string> = { Cyrillic: "kyrilliskt", Greek: "grekiskt" };

/**
 * A word that mixes Latin letters with Cyrillic or Greek ones: the foreign
 * letters are almost always look-alikes pasted from somewhere else
 * ("Fаrsta" with U+0430). Words written wholly in one script are fine.
 */
function mixedScripts(text: string): Refusal[] {
  const refusals: Refusal[] = [];
  for (const match of text.matchAll(/[\p{L}\p{M}]+/gu)) {
    const word = match[0];
    if (!/\p{Script=Latin}/u.test(word)) continue;
    const foreign = /[\p{Script=Cyrillic}\p{Script=Greek}]/u.exec(word);
    if (!foreign) continue;
    const script = /\p{Script=Cyrillic}/u.test(foreign[0]) ? "Cyrillic" : "Greek";
    refusals.push({
      index: match.index,
      length: word.length,
      description: `ordet "${word}", som blandar latinska bokstäver med ett ${SCRIPT_NAME[script]} "${foreign[0]}" (${codePoint(foreign[0])}): det ser ut som en vanlig bokstav men är ett annat tecken`,
    });
  }
  return refusals;
}

/**
 * Cleans one value: strips spaces of every kind (and invisible characters)
 * at both ends, removes zero-width characters and soft hyphens inside,
 * turns tabs inside into spaces, and refuses bidi and other control
 * characters and mixed-script words. Line breaks inside (a YAML block
 * value) are kept.
 */
export function cleanText(original: string): Cleaned {
  const refused: Refusal[] = [];
  for (const match of original.matchAll(/./gsu)) {
    const ch = match[0];
    if (BIDI.test(ch)) {
      refused.push({ index: match.index, length: ch.length, description: `ett osynligt tecken som ändrar textens riktning (${codePoint(ch)})` });
    } else if (CONTROL.test(ch) && ch !== "\t" && ch !== "\n" && ch !== "\r") {
      refused.push({ index: match.index, length: ch.length, description: `ett styrtecken (${codePoint(ch)})` });
    }
  }
  refused.push(...mixedScripts(original));

  const changes = new Set<string>();
  const leading = /^[\s\u200b-\u200d\u2060\u180e]+/u.exec(original)?.[0] ?? "";
  const trailing = /[\s\u200b-\u200d\u2060\u180e]+$/u.exec(original.slice(leading.length))?.[0] ?? "";
  // Plain ASCII spaces and line breaks at the ends are YAML's everyday business, not worth a note.
  const notable = (edge: string) => [...edge].filter((c) => c !== " " && c !== "\n" && c !== "\r");
  for (const c of notable(leading)) changes.add(`${article(spaceName(c))} i början`);
  for (const c of notable(trailing)) changes.add(`${article(spaceName(c))} i slutet`);
  let text = original.replace(EDGE, "");
  text = text.replace(/[\u200b-\u200d\u2060\ufeff\u180e\u00ad]/g, (c) => {
    changes.add(article(INVISIBLE[c]!));
    return "";
  });
  text = text.replace(/\t+/g, () => {
    changes.add("en tabb (blev ett mellanslag)");
    return " ";
  });
  return { text, changes: [...changes], refused };
}

function article(noun: string): string {
  if (noun.startsWith("en ") || noun.startsWith("ett ")) return noun;
  return /^(mellanslag|nollbreddsmellanslag|mjukt|hårt|osynligt|tecken)/.test(noun) ? `ett ${noun}` : `en ${noun}`;
}

// Swedish formatting of amounts, counts and dates, as the committee papers
// write them. Digit groups are joined by a non-breaking space (U+00A0), which
// no writer may break a line at.

const NBSP = "\u00a0";
const amountFormat = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 0, useGrouping: true });

/** "6 558 400" with non-breaking spaces between digit groups. */
export function formatAmount(value: number): string {
  // Intl uses U+00A0 for sv-SE; normalise in case an ICU version picks U+202F.
  return amountFormat.format(value).replace(/[\u202f ]/g, NBSP).replace(/\u2212/g, "-");
}

/** "6 558 400 kronor", the amount kept on one line with its unit. */
export function formatKronor(value: number): string {
  return `${formatAmount(value)}${NBSP}kronor`;
}

// Number words are written by hand: Intl has no spell-out, and the few npm
// packages that do Swedish do not give the common/neuter forms the papers use.
const ONES = ["noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio",
  "elva", "tolv", "tretton", "fjorton", "femton", "sexton", "sjutton", "arton", "nitton"];
const TENS = ["", "", "tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "åttio", "nittio"];

/**
 * A count in words, as the papers write counts up to 99 ("fjorton",
 * "tjugoen"); larger counts stay digits. `neuter` gives "ett" for 1.
 */
export function countInWords(n: number, neuter = false): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return formatAmount(n);
  if (n === 1) return neuter ? "ett" : "en";
  if (n < 20) return ONES[n]!;
  const tens = TENS[Math.floor(n / 10)]!;
  const one = n % 10;
  return one === 0 ? tens : tens + (one === 1 ? (neuter ? "ett" : "en") : ONES[one]!);
}

export function capitalize(s: string): string {
  return s.length === 0 ? s : s[0]!.toLocaleUpperCase("sv-SE") + s.slice(1);
}

const MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
  "september", "oktober", "november", "december"];

function parseIsoDate(iso: string): { year: number; month: number; day: number } {
  const [year, month, day] = iso.split("-").map(Number);
  return { year: year!, month: month!, day: day! };
}

/** "2 juni 2024" (the template writes "den" where the sentence needs it). */
export function formatDate(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  return `${day}${NBSP}${MONTHS[month - 1]} ${year}`;
}

/** "7 december", for dates within the year the sentence is about. */
export function formatDayMonth(iso: string): string {
  const { month, day } = parseIsoDate(iso);
  return `${day}${NBSP}${MONTHS[month - 1]}`;
}

/** ”…”, Swedish typographic quotes. */
export function quote(s: string): string {
  return `\u201d${s}\u201d`;
}

/** "a, b och c". */
export function joinWithAnd(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} och ${items[items.length - 1]}`;
}

// Compares two validated rounds into a RoundDiff: a plain value that says
// which applications were added, removed or changed (matched by their stable
// `id`), how the totals moved, and which criteria, rules and dates changed.
// Pure: no I/O, no formatting. Amounts come from deriveFigures, never re-added.
import { diffArrays } from "diff";
import { deriveFigures, type ApplicationFigures, type Figures, type FundFigures } from "../derive/figures.js";
import type { LumApplication, MulApplication, Outcome, Round } from "../schema/round.js";
import { diffValues, omit, type GenericChange } from "./generic.js";
import { wordDiff, type WordPart } from "./words.js";

export type { GenericChange } from "./generic.js";
export { wordDiff, type WordPart } from "./words.js";

export type Fund = "lum" | "mul";

export type ApplicationField =
  | "utfall"
  | "beviljat"
  | "centraltBelopp"
  | "sökt"
  | "projektår"
  | "motivering"
  | "villkor"
  | "samordnas_med"
  | "projekt"
  | "resmål"
  | "syfte"
  | "förvaltning"
  | "enhet"
  | "beskrivning"
  | "nr"
  /** Anything else in the application or its decision, e.g. a rule exception (undantag). */
  | "övrigt";

export type FieldChange =
  | { field: "utfall"; before: Outcome; after: Outcome }
  | { field: "beviljat" | "centraltBelopp" | "sökt"; before: number; after: number; difference: number }
  | { field: "projektår" | "nr"; before: number | undefined; after: number | undefined }
  | { field: "samordnas_med"; before: number[]; after: number[] }
  | { field: "övrigt"; change: GenericChange }
  | {
      field: "motivering" | "villkor" | "projekt" | "resmål" | "syfte" | "förvaltning" | "enhet" | "beskrivning";
      before: string | undefined;
      after: string | undefined;
      /** A word diff, for prose present on both sides; absent for short values. */
      words?: WordPart[];
    };

export interface MatchedApplication {
  id: string;
  before: ApplicationFigures;
  after: ApplicationFigures;
  /** In the order a reviewer reads them: decision first, then the rest. */
  changes: FieldChange[];
}

export interface FundDiff {
  added: ApplicationFigures[];
  removed: ApplicationFigures[];
  /** Every application present on both sides, changed or not, in the order of the newer file. */
  matched: MatchedApplication[];
}

export interface Totals {
  antal: number;
  sökt: number;
  beviljat: number;
  centraltBelopp: number;
}

export type ValueKind = "belopp" | "antal" | "datum" | "text";

export interface ValueChange {
  key: string;
  kind: ValueKind;
  before: string | number | undefined;
  after: string | number | undefined;
  /** For text values present on both sides. */
  words?: WordPart[];
}

export type ListItemChange =
  | { op: "del" | "ins"; text: string }
  | { op: "ändrad"; before: string; after: string; words: WordPart[] };

export interface ListChange {
  key: "huvudkriterier" | "prioriterade_områden";
  items: ListItemChange[];
}

export interface Side {
  /** As the user named it: "rounds/2024.yaml" or "HEAD~1:rounds/2024.yaml". */
  label: string;
  år: number;
}

export interface RoundDiff {
  before: Side;
  after: Side;
  /** The two rounds are different years: a continuing project is compared with its previous year. */
  mellanÅr: boolean;
  lum: FundDiff;
  mul: FundDiff;
  totals: Record<Fund | "totalt", { before: Totals; after: Totals }>;
  kriterier: ListChange[];
  regler: ValueChange[];
  datum: ValueChange[];
  ärende: ValueChange[];
  /** Changes in the parts of the round without their own section (sammanträde, redovisningar, …), per top-level key. */
  övrigt: { key: string; changes: GenericChange[] }[];
  /** Where the nämnd's decision departs from the proposal, in each version. */
  beslut: DecisionDiff;
  /** Problems with matching, e.g. an id used twice in one file. */
  varningar: string[];
  /** What check finds in the newer version (filled in by the command, which reads files); `ny` when the older version lacked it. */
  regelbrott?: RuleFinding[];
}

/** An application the nämnd decided otherwise than proposed: a changed outcome or amount, or a withdrawal. */
export interface Departure {
  fund: Fund;
  /** The application as decided. */
  app: ApplicationFigures;
}

export interface DecisionSide {
  /** What the latest meeting did: decided (beslut), återremiss, bordläggning; undefined before any meeting. */
  utfall: "beslut" | "återremiss" | "bordläggning" | undefined;
  avvikelser: Departure[];
  /** Granted in total as decided (the proposal's total when nothing was decided). */
  beviljat: number;
}

export interface DecisionDiff {
  before: DecisionSide;
  after: DecisionSide;
}

export interface RuleFinding {
  severity: "fel" | "varning" | "notering";
  code: string;
  message: string;
  line: number;
  /** The file the finding is in, when it is not the round file itself (a template of the year's wording). */
  file?: string;
  ny: boolean;
}

export interface ComparedSide {
  label: string;
  round: Round;
  /** The round's figures as its check derived them (src/pipeline/check.ts); derived here when not given. */
  figures?: Figures;
}

/**
 * Paths in a round with their own part of the report; a change anywhere else
 * (a new key in regler, a whole new block) is reported generically.
 */
const COVERED_PATHS: readonly string[][] = [
  ["år"], ["titel"], ["nämnd"], ["förvaltning"], ["avdelning"], ["dnr"], ["datum"], ["handläggare"], ["undertecknare"],
  ["huvudkriterier"], ["prioriterade_områden"], ["ansökningsperiod"], ["återbetalning_senast"], ["lum"], ["mul"],
  ["beredning", "förvaltningsgruppen"], ["beredning", "funktionshinderrådet"],
  ["regler", "max_belopp_lum"], ["regler", "max_belopp_mul"], ["regler", "max_beviljade_lum_per_förvaltning"],
  ["regler", "max_beviljade_mul_per_förvaltning"], ["regler", "max_år_i_rad"], ["regler", "minskning_fortsättningsprojekt"],
  ["regler", "ram"],
  ["sammanträde", "ändringar"], ["sammanträde", "återtagna"],
];

const covered = (path: string[]) => COVERED_PATHS.some((prefix) => prefix.every((segment, i) => path[i] === segment));

/** Changes outside the covered paths, grouped by top-level key in the order of the file. */
function otherChanges(a: Round, b: Round): { key: string; changes: GenericChange[] }[] {
  const groups = new Map<string, GenericChange[]>();
  for (const change of diffValues(a, b)) {
    if (covered(change.path)) continue;
    const [key = "", ...rest] = change.path;
    groups.set(key, [...(groups.get(key) ?? []), { ...change, path: rest }]);
  }
  return [...groups].map(([key, changes]) => ({ key, changes }));
}

const COVERED_APPLICATION_KEYS = ["nr", "id", "förvaltning", "enhet", "sökt", "beslut", "projekt", "beskrivning", "projektår", "resmål", "syfte"];
const COVERED_DECISION_KEYS = ["utfall", "belopp", "motivering", "villkor", "samordnas_med"];

/** Fields a year-to-year comparison shows: how funding developed, not the wording of reasons. */
const YEAR_FIELDS: ReadonlySet<ApplicationField> = new Set<ApplicationField>([
  "utfall", "beviljat", "centraltBelopp", "sökt", "projektår", "projekt", "resmål", "syfte", "förvaltning", "enhet",
]);

export function compareRounds(a: ComparedSide, b: ComparedSide): RoundDiff {
  const fa = a.figures ?? deriveFigures(a.round);
  const fb = b.figures ?? deriveFigures(b.round);
  const mellanÅr = a.round.år !== b.round.år;
  const varningar: string[] = [];
  const include = (field: ApplicationField) => !mellanÅr || YEAR_FIELDS.has(field);
  return {
    before: { label: a.label, år: a.round.år },
    after: { label: b.label, år: b.round.år },
    mellanÅr,
    lum: compareFund("lum", a.round.lum, b.round.lum, fa.lum, fb.lum, include, [a, b], varningar),
    mul: compareFund("mul", a.round.mul, b.round.mul, fa.mul, fb.mul, include, [a, b], varningar),
    totals: {
      lum: { before: fundTotals(fa.lum), after: fundTotals(fb.lum) },
      mul: { before: fundTotals(fa.mul), after: fundTotals(fb.mul) },
      totalt: { before: allTotals(fa), after: allTotals(fb) },
    },
    kriterier: (["huvudkriterier", "prioriterade_områden"] as const)
      .map((key) => ({ key, items: compareLists(a.round[key] ?? [], b.round[key] ?? []) }))
      .filter((c) => c.items.length > 0),
    regler: compareValues(RULES, a.round, b.round),
    datum: compareValues(DATES, a.round, b.round),
    ärende: compareValues(CASE, a.round, b.round),
    övrigt: otherChanges(a.round, b.round),
    beslut: { before: decisionSide(a.round, fa), after: decisionSide(b.round, fb) },
    varningar,
  };
}

function decisionSide(round: Round, f: Figures): DecisionSide {
  const departures = (fund: Fund) => f.beslut[fund].alla.filter((a) => a.ändrad).map((app) => ({ fund, app }));
  return { utfall: round.sammanträde?.utfall, avvikelser: [...departures("lum"), ...departures("mul")], beviljat: f.beslut.totalt.beviljat };
}

/** A departure as a comparable value: the same application decided the same way. */
export const departureKey = (d: Departure) => `${d.fund}\u0000${d.app.id}\u0000${d.app.återtagen}\u0000${d.app.utfall}\u0000${d.app.beviljat}\u0000${d.app.centraltBelopp}`;

/** The decision changed between the versions: another meeting outcome, or other departures from the proposal. */
export function decisionChanged(d: DecisionDiff): boolean {
  const keys = (side: DecisionSide) => side.avvikelser.map(departureKey).join("\n");
  return d.before.utfall !== d.after.utfall || keys(d.before) !== keys(d.after);
}

/** Only its number changed: a renumbering, not a changed decision. */
export function onlyRenumbered(m: MatchedApplication): boolean {
  return m.changes.length > 0 && m.changes.every((c) => c.field === "nr");
}

export function hasChanges(diff: RoundDiff): boolean {
  const fundChanged = (f: FundDiff) => f.added.length > 0 || f.removed.length > 0 || f.matched.some((m) => m.changes.length > 0);
  return (
    fundChanged(diff.lum) ||
    fundChanged(diff.mul) ||
    diff.kriterier.length > 0 ||
    diff.regler.length > 0 ||
    diff.datum.length > 0 ||
    diff.ärende.length > 0 ||
    diff.övrigt.length > 0 ||
    decisionChanged(diff.beslut)
  );
}

function fundTotals(f: FundFigures): Totals {
  return { antal: f.antal, sökt: f.sökt, beviljat: f.beviljat, centraltBelopp: f.centrala.reduce((s, a) => s + a.centraltBelopp, 0) };
}

function allTotals(f: Figures): Totals {
  return { antal: f.totalt.antal, sökt: f.totalt.sökt, beviljat: f.totalt.beviljat, centraltBelopp: f.totalt.centraltBelopp };
}

type RawApplication = LumApplication | MulApplication;

function compareFund(
  fund: Fund,
  rawA: RawApplication[],
  rawB: RawApplication[],
  figA: FundFigures,
  figB: FundFigures,
  include: (field: ApplicationField) => boolean,
  sides: [ComparedSide, ComparedSide],
  varningar: string[],
): FundDiff {
  // deriveFigures keeps the order of the file, so index i of `alla` is rawX[i].
  const keyed = (raw: RawApplication[], side: ComparedSide) => {
    const seen = new Map<string, number>();
    return raw.map((app) => {
      const n = (seen.get(app.id) ?? 0) + 1;
      seen.set(app.id, n);
      if (n === 2) {
        varningar.push(
          `${fund.toUpperCase()}: id ”${app.id}” används av flera ansökningar i ${side.label}; de jämförs i den ordning de står.`,
        );
      }
      return `${app.id}\u0000${n}`;
    });
  };
  const keysA = keyed(rawA, sides[0]);
  const keysB = keyed(rawB, sides[1]);
  const indexA = new Map(keysA.map((k, i) => [k, i]));
  // Numbers as they moved: an application renumbered from 5 to 6 keeps its id.
  const renumbered = new Map<number, number>();
  keysB.forEach((key, j) => {
    const i = indexA.get(key);
    if (i !== undefined) renumbered.set(rawA[i]!.nr, rawB[j]!.nr);
  });
  const indexB = new Set(keysB);
  const matched: MatchedApplication[] = [];
  const added: ApplicationFigures[] = [];
  keysB.forEach((key, j) => {
    const after = figB.alla[j]!;
    const i = indexA.get(key);
    if (i === undefined) {
      added.push(after);
      return;
    }
    const before = figA.alla[i]!;
    matched.push({ id: after.id, before, after, changes: compareApplication(before, after, rawA[i]!, rawB[j]!, renumbered).filter((c) => include(c.field)) });
  });
  const removed = keysA.flatMap((key, i) => (indexB.has(key) ? [] : [figA.alla[i]!]));
  warnChangedIds(fund, added, removed, sides, varningar);
  return { added, removed, matched };
}

/**
 * An application that looks the same on both sides but has a new id is shown
 * as removed and added; say so, since the id is what carries it through.
 */
function warnChangedIds(
  fund: Fund,
  added: ApplicationFigures[],
  removed: ApplicationFigures[],
  [a, b]: [ComparedSide, ComparedSide],
  varningar: string[],
): void {
  const name = (x: ApplicationFigures) =>
    (fund === "lum" ? (x.projekt ?? "") : `${x.förvaltning}: ${x.resmål ?? ""}, ${x.syfte ?? ""}`).trim().toLocaleLowerCase("sv-SE");
  for (const add of added) {
    const old = removed.find((r) => name(r) === name(add));
    if (!old) continue;
    const shown = fund === "lum" ? `”${add.projekt ?? add.id}”` : `${add.resmål ?? add.id} (${add.förvaltning})`;
    varningar.push(
      `${fund.toUpperCase()}: ${shown} har id ”${old.id}” i ${a.label} men ”${add.id}” i ${b.label}, och visas därför som borttagen och tillagd. ` +
        "Är det samma ansökan, använd samma id.",
    );
  }
}

function compareApplication(
  a: ApplicationFigures,
  b: ApplicationFigures,
  rawA: RawApplication,
  rawB: RawApplication,
  renumbered: Map<number, number>,
): FieldChange[] {
  const changes: FieldChange[] = [];
  if (a.utfall !== b.utfall) changes.push({ field: "utfall", before: a.utfall, after: b.utfall });
  for (const field of ["beviljat", "centraltBelopp", "sökt"] as const) {
    if (a[field] !== b[field]) changes.push({ field, before: a[field], after: b[field], difference: b[field] - a[field] });
  }
  if (a.projektår !== b.projektår) changes.push({ field: "projektår", before: a.projektår, after: b.projektår });
  for (const field of ["motivering", "villkor"] as const) {
    if (a[field] !== b[field]) changes.push(textChange(field, a[field], b[field]));
  }
  const coordA = rawA.beslut.samordnas_med ?? [];
  const coordB = rawB.beslut.samordnas_med ?? [];
  // A condition that follows its application to a new number is the same condition.
  if (coordA.map((n) => renumbered.get(n) ?? n).join(",") !== coordB.join(",")) changes.push({ field: "samordnas_med", before: coordA, after: coordB });
  for (const field of ["projekt", "beskrivning"] as const) {
    if (a[field] !== b[field]) changes.push(textChange(field, a[field], b[field]));
  }
  for (const field of ["resmål", "syfte", "förvaltning", "enhet"] as const) {
    if (a[field] !== b[field]) changes.push({ field, before: a[field], after: b[field] });
  }
  if (a.nr !== b.nr) changes.push({ field: "nr", before: a.nr, after: b.nr });
  const rest = (app: RawApplication) => ({ ...omit(app, COVERED_APPLICATION_KEYS), beslut: omit(app.beslut, COVERED_DECISION_KEYS) });
  for (const change of diffValues(rest(rawA), rest(rawB))) changes.push({ field: "övrigt", change });
  return changes;
}

function textChange(
  field: Extract<FieldChange, { words?: WordPart[] }>["field"],
  before: string | undefined,
  after: string | undefined,
): FieldChange {
  const change: FieldChange = { field, before, after };
  if (before !== undefined && after !== undefined && isProse(before, after)) change.words = wordDiff(before, after);
  return change;
}

/**
 * Sentences read best as a word diff; a short value (a name, a district)
 * reads best as "old → new".
 */
function isProse(before: string, after: string): boolean {
  const count = (s: string) => s.split(/\s+/).filter(Boolean).length;
  return Math.min(count(before), count(after)) >= 4;
}

/** Share of words two sentences have in common, 0..1. */
function similarity(a: string, b: string): number {
  const words = (s: string) => new Set(s.toLocaleLowerCase("sv-SE").split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  const wa = words(a);
  const wb = words(b);
  if (wa.size === 0 || wb.size === 0) return 0;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return common / Math.max(wa.size, wb.size);
}

/**
 * Items removed and added, in order. A removed item directly replaced by a
 * similar one is shown as one changed item with a word diff.
 */
export function compareLists(before: string[], after: string[]): ListItemChange[] {
  const result: ListItemChange[] = [];
  const parts = diffArrays(before, after);
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    if (!part.added && !part.removed) continue;
    const next = parts[p + 1];
    if (part.removed && next?.added) {
      const removed = [...part.value];
      const added = [...next.value];
      while (removed.length > 0 || added.length > 0) {
        const r = removed[0];
        const a = added[0];
        if (r !== undefined && a !== undefined && similarity(r, a) >= 0.5) {
          result.push({ op: "ändrad", before: r, after: a, words: wordDiff(r, a) });
          removed.shift();
          added.shift();
        } else if (r !== undefined) {
          result.push({ op: "del", text: r });
          removed.shift();
        } else {
          result.push({ op: "ins", text: a! });
          added.shift();
        }
      }
      p++;
      continue;
    }
    for (const text of part.value) result.push({ op: part.added ? "ins" : "del", text });
  }
  return result;
}

interface ValueSpec {
  key: string;
  kind: ValueKind;
  /** Sentences, shown as a word diff when long enough. */
  prose?: true;
  get: (round: Round) => string | number | undefined;
}

const RULES: ValueSpec[] = [
  { key: "regler.max_belopp_lum", kind: "belopp", get: (r) => r.regler.max_belopp_lum },
  { key: "regler.max_belopp_mul", kind: "belopp", get: (r) => r.regler.max_belopp_mul },
  { key: "regler.max_beviljade_lum_per_förvaltning", kind: "antal", get: (r) => r.regler.max_beviljade_lum_per_förvaltning },
  { key: "regler.max_beviljade_mul_per_förvaltning", kind: "antal", get: (r) => r.regler.max_beviljade_mul_per_förvaltning },
  { key: "regler.max_år_i_rad", kind: "antal", get: (r) => r.regler.max_år_i_rad },
  {
    key: "regler.minskning_fortsättningsprojekt",
    kind: "text",
    get: (r) => {
      const m = r.regler.minskning_fortsättningsprojekt;
      return m && `${m.procent} procent från projektår ${m.från_projektår}`;
    },
  },
  { key: "regler.minskning_fortsättningsprojekt.motivering", kind: "text", prose: true, get: (r) => r.regler.minskning_fortsättningsprojekt?.motivering },
  { key: "regler.ram", kind: "belopp", get: (r) => r.regler.ram },
];

const DATES: ValueSpec[] = [
  { key: "ansökningsperiod.från", kind: "datum", get: (r) => r.ansökningsperiod?.från },
  { key: "ansökningsperiod.till", kind: "datum", get: (r) => r.ansökningsperiod?.till },
  { key: "beredning.förvaltningsgruppen", kind: "datum", get: (r) => r.beredning.förvaltningsgruppen },
  { key: "beredning.funktionshinderrådet", kind: "datum", get: (r) => r.beredning.funktionshinderrådet },
  { key: "datum", kind: "datum", get: (r) => r.datum },
  { key: "återbetalning_senast", kind: "datum", get: (r) => r.återbetalning_senast },
];

const CASE: ValueSpec[] = [
  { key: "titel", kind: "text", prose: true, get: (r) => r.titel },
  { key: "dnr", kind: "text", get: (r) => r.dnr },
  { key: "nämnd", kind: "text", get: (r) => r.nämnd },
  { key: "förvaltning", kind: "text", get: (r) => r.förvaltning },
  { key: "avdelning", kind: "text", get: (r) => r.avdelning },
  { key: "handläggare", kind: "text", get: (r) => (r.handläggare ? `${r.handläggare.namn}, telefon ${r.handläggare.telefon}` : undefined) },
  { key: "undertecknare", kind: "text", get: (r) => r.undertecknare?.map((p) => `${p.namn} (${p.titel})`).join(", ") },
];

function compareValues(specs: ValueSpec[], a: Round, b: Round): ValueChange[] {
  return specs.flatMap((spec) => {
    const before = spec.get(a);
    const after = spec.get(b);
    if (before === after) return [];
    const change: ValueChange = { key: spec.key, kind: spec.kind, before, after };
    if (spec.prose && typeof before === "string" && typeof after === "string" && isProse(before, after)) {
      change.words = wordDiff(before, after);
    }
    return [change];
  });
}

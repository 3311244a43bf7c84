// Writes a RoundDiff as a report in Swedish, in the words a reviewer reads:
// which applications came and went, which decisions changed and how, the
// totals before and after, and the criteria, rules and dates that changed.
import type { ApplicationFigures } from "../derive/figures.js";
import { capitalize, formatAmount, formatDate, quote } from "../format/swedish.js";
import type { FieldChange, Fund, FundDiff, ListItemChange, MatchedApplication, RoundDiff, RuleFinding, Totals, ValueChange, WordPart } from "./compare.js";
import { decisionChanged, departureKey, hasChanges, onlyRenumbered, type DecisionDiff, type Departure } from "./compare.js";
import type { GenericChange } from "./generic.js";
import { ABSENT, FIELD, FUND, LIST, OUTCOME, SECTION, VALUE } from "./labels.js";
import type { Style } from "./style.js";

const ARROW = "\u2192";
const MINUS = "\u2212";
const NOT_GIVEN = "(inte angivet)";

/** "+250 000", "−100 000", "±0". */
export function signed(n: number): string {
  if (n === 0) return "\u00b10";
  return n > 0 ? `+${formatAmount(n)}` : `${MINUS}${formatAmount(-n)}`;
}

export function renderDiff(diff: RoundDiff, s: Style): string {
  const sections: string[][] = [header(diff, s)];
  if (diff.varningar.length > 0) sections.push(diff.varningar.map((w) => s.line(`Obs! ${s.esc(w)}`)));
  if (!hasChanges(diff)) {
    sections.push([s.line("Inga skillnader: ansökningar, beslut, summor, kriterier, regler och datum är desamma.")]);
    sections.push(decisionSection(diff.beslut, true, s));
    sections.push(ruleSection(diff, s));
    return `${sections.filter((lines) => lines.length > 0).map((lines) => lines.join("\n")).join("\n\n")}\n`;
  }
  if (diff.mellanÅr) sections.push(...yearSections(diff, s));
  else sections.push(...revisionSections(diff, s));
  sections.push(decisionSection(diff.beslut, !diff.mellanÅr, s));
  sections.push(totalsSection(diff, s));
  sections.push(...settingsSections(diff, s));
  sections.push(ruleSection(diff, s));
  return `${sections.filter((lines) => lines.length > 0).map((lines) => lines.join("\n")).join("\n\n")}\n`;
}

function header(diff: RoundDiff, s: Style): string[] {
  const { before, after } = diff;
  const title = diff.mellanÅr ? `Jämförelse mellan åren ${before.år} och ${after.år}` : `Ändringar i omgången ${after.år}`;
  const sides = [`Före: ${s.code(before.label)} (${before.år})`, `Efter: ${s.code(after.label)} (${after.år})`];
  return [
    ...s.heading(1, title),
    ...(s.kind === "markdown" ? ["", ...sides.map((l) => s.item(0, l)), ""] : sides),
    s.line("Alla belopp i kronor."),
  ];
}

const funds: Fund[] = ["lum", "mul"];

// --- Two revisions of the same round ---------------------------------------

function revisionSections(diff: RoundDiff, s: Style): string[][] {
  const added = funds.flatMap((f) => diff[f].added.map((a) => s.item(0, `${appLabel(f, a, s)}: ${appSummary(a)}`)));
  const removed = funds.flatMap((f) => diff[f].removed.map((a) => s.item(0, `${appLabel(f, a, s)}: ${appSummary(a)}`)));
  const changed = funds.flatMap((f) =>
    diff[f].matched.filter((m) => m.changes.length > 0 && !onlyRenumbered(m)).flatMap((m) => changedApplication(f, m, s)),
  );
  // Applications that only got a new number (one was added or removed before
  // them) are listed apart and not counted as changed decisions.
  const moved = funds.flatMap((f) =>
    diff[f].matched
      .filter(onlyRenumbered)
      .map((m) => s.item(0, `${appLabel(f, m.after, s, { nr: false })}: nr ${m.before.nr} → nr ${m.after.nr}`)),
  );
  return [
    added.length > 0 ? [...s.heading(2, `Tillagda ansökningar (${added.length})`), "", ...added] : [],
    removed.length > 0 ? [...s.heading(2, `Borttagna ansökningar (${removed.length})`), "", ...removed] : [],
    changed.length > 0
      ? [...s.heading(2, `Ändrat i förvaltningens förslag (${countChanged(diff)})`), "", ...changed]
      : [],
    moved.length > 0
      ? [...s.heading(2, `Omnumrerade ansökningar (${moved.length})`), "", s.line("Bara numret är nytt; beslutet är detsamma."), "", ...moved]
      : [],
  ];
}

// --- The nämnd's decision ----------------------------------------------------

const MEETING_OUTCOME = { beslut: "beslut", återremiss: "återremiss", bordläggning: "bordläggning" } as const;

/** "Nämnden ändrade: LUM nr 1 ”Projekt” (Norrmalm): 200 000 → 150 000". */
function departureLine(d: Departure, s: Style): string {
  const a = d.app;
  if (a.återtagen) return `Återtagen före sammanträdet: ${appLabel(d.fund, a, s)}: ${fromTo(formatAmount(a.föreslaget), s.strong("0"))}, avskrivs`;
  const outcome = a.utfall !== a.föreslagetUtfall ? ` (${fromTo(OUTCOME[a.föreslagetUtfall], s.strong(OUTCOME[a.utfall]))})` : "";
  return `Nämnden ändrade: ${appLabel(d.fund, a, s)}: ${fromTo(formatAmount(a.föreslaget), s.strong(formatAmount(a.beviljat)))}${outcome}`;
}

/**
 * Where the nämnd's decision departs from the förvaltning's proposal, apart
 * from the changes to the proposal. Between two versions of a round
 * (`revision`), departures new in the newer version are marked, and those it
 * no longer has are listed.
 */
function decisionSection(d: DecisionDiff, revision: boolean, s: Style): string[] {
  const { before, after } = d;
  if (after.avvikelser.length === 0 && !decisionChanged(d) && after.utfall !== "återremiss" && after.utfall !== "bordläggning") return [];
  const lines: string[] = [...s.heading(2, "Nämndens beslut"), ""];
  if (revision && before.utfall !== after.utfall) {
    lines.push(s.item(0, `Sammanträdets utfall: ${fromTo(before.utfall ? MEETING_OUTCOME[before.utfall] : "inget sammanträde", s.strong(after.utfall ? MEETING_OUTCOME[after.utfall] : "inget sammanträde"))}`));
  }
  if (after.utfall === "återremiss" || after.utfall === "bordläggning") {
    lines.push(s.line(`Ärendet ${after.utfall === "återremiss" ? "återremitterades" : "bordlades"}: nämnden har inte beslutat, och inga beslutsmeddelanden skrivs.`));
    return lines;
  }
  const earlier = new Set(before.avvikelser.map(departureKey));
  const later = new Set(after.avvikelser.map(departureKey));
  for (const x of after.avvikelser) {
    lines.push(s.item(0, `${revision && !earlier.has(departureKey(x)) ? `${s.strong("Nytt:")} ` : ""}${departureLine(x, s)}`));
  }
  if (revision) {
    for (const x of before.avvikelser.filter((x) => !later.has(departureKey(x)))) {
      lines.push(s.item(0, `${s.strong("Inte längre:")} ${departureLine(x, s)}`));
    }
  }
  if (after.avvikelser.length === 0) lines.push(s.line("Nämnden beslutade enligt förvaltningens förslag."));
  else {
    const proposed = after.avvikelser.reduce((n, x) => n + x.app.föreslaget, 0);
    const decided = after.avvikelser.reduce((n, x) => n + x.app.beviljat, 0);
    lines.push(s.line(`Beviljat totalt enligt nämndens beslut: ${formatAmount(after.beviljat)} (${signed(decided - proposed)} mot förslaget).`));
  }
  return lines;
}

function countChanged(diff: RoundDiff): number {
  return funds.reduce((n, f) => n + diff[f].matched.filter((m) => m.changes.length > 0 && !onlyRenumbered(m)).length, 0);
}

const SEVERITY_WORD = { fel: "Fel", varning: "Varning", notering: "Notering" } as const;

/**
 * What check says about the newer version, so a reviewer sees a broken rule
 * in the report itself. Placeholders are summed up in one line.
 */
function ruleSection(diff: RoundDiff, s: Style): string[] {
  const findings = diff.regelbrott;
  if (findings === undefined) return [];
  const placeholders = findings.filter((f) => f.code === "platshallare");
  // Notes (a missing previous year, an exception with its reason) are not broken rules.
  const rest = findings.filter((f) => f.code !== "platshallare" && f.severity !== "notering");
  const errors = rest.filter((f) => f.severity === "fel").length;
  const warnings = rest.length - errors;
  const title =
    rest.length === 0
      ? "Kontroll av den nya versionen: inga regelbrott"
      : `Kontroll av den nya versionen: ${errors} fel och ${warnings} ${warnings === 1 ? "varning" : "varningar"}`;
  const lines = [...s.heading(2, title), ""];
  for (const f of rest) {
    lines.push(s.item(0, `${f.ny ? `${s.strong("Nytt:")} ` : ""}${SEVERITY_WORD[f.severity]} ${where(f)}: ${s.esc(f.message)} [${f.code}]`));
  }
  if (placeholders.length > 0) {
    lines.push(
      s.item(0, `${placeholders.length === 1 ? "En uppgift är märkt" : `${placeholders.length} uppgifter är märkta`} PLATSHÅLLARE (rad ${placeholders.map((p) => p.line).join(", ")}); dokumenten blir UTKAST.`),
    );
  }
  if (rest.length === 0) lines.push(s.line("Den nya versionen följer reglerna (samma kontroll som npm run check)."));
  return lines;
}

/** Where a finding is: a line of the round file, or of a template of the year's wording. */
const where = (f: RuleFinding) => (f.file === undefined ? `på rad ${f.line}` : f.line > 0 ? `i ${f.file}, rad ${f.line}` : `i ${f.file}`);

function changedApplication(fund: Fund, m: MatchedApplication, s: Style): string[] {
  return [s.item(0, appLabel(fund, m.after, s)), ...m.changes.map((c) => s.item(1, fieldChange(c, s)))];
}

// --- Two different years ---------------------------------------------------

function yearSections(diff: RoundDiff, s: Style): string[][] {
  const { before, after } = diff;
  const sections: string[][] = [];
  for (const f of funds) {
    const fd: FundDiff = diff[f];
    const what = f === "lum" ? "projekt" : "studiebesök";
    if (fd.matched.length > 0) {
      const lines = [...s.heading(2, `${FUND[f]}: ${what} som finns båda åren (${fd.matched.length})`), ""];
      for (const m of fd.matched) {
        lines.push(s.item(0, appLabel(f, m.after, s, { fund: false, nr: false })));
        lines.push(s.item(1, `${before.år}: ${yearSummary(m.before)}`));
        lines.push(s.item(1, `${after.år}: ${yearSummary(m.after)}`));
        lines.push(s.item(1, `Förändring av beviljat belopp: ${s.strong(signed(m.after.beviljat - m.before.beviljat))}`));
        for (const c of m.changes) {
          if (c.field === "förvaltning" || c.field === "enhet" || c.field === "projekt" || c.field === "resmål" || c.field === "syfte") {
            lines.push(s.item(1, fieldChange(c, s)));
          }
        }
      }
      sections.push(lines);
    } else {
      sections.push([s.line(`${FUND[f]}: inga ${what} finns båda åren.`)]);
    }
    if (fd.added.length > 0) {
      sections.push([
        ...s.heading(2, `${FUND[f]}: ${after.år > before.år ? "nya ansökningar" : "ansökningar bara"} ${after.år} (${fd.added.length})`),
        "",
        ...fd.added.map((a) => s.item(0, `${appLabel(f, a, s, { fund: false })}: ${appSummary(a)}`)),
      ]);
    }
    if (fd.removed.length > 0) {
      sections.push([
        ...s.heading(2, `${FUND[f]}: ansökningar bara ${before.år} (${fd.removed.length})`),
        "",
        ...fd.removed.map((a) => s.item(0, `${appLabel(f, a, s, { fund: false })}: ${appSummary(a)}`)),
      ]);
    }
  }
  return sections;
}

function yearSummary(a: ApplicationFigures): string {
  const year = a.projektår !== undefined ? `projektår ${a.projektår}, ` : "";
  return `${year}${appSummary(a)}`;
}

// --- Applications ----------------------------------------------------------

/** "LUM nr 5 ”Projekt” (Förvaltning)"; the fund is left out where a heading names it. */
function appLabel(fund: Fund, a: ApplicationFigures, s: Style, options: { fund?: boolean; nr?: boolean } = {}): string {
  const who = s.esc(a.enhet ? `${a.förvaltning}, ${a.enhet}` : a.förvaltning);
  const prefix = [options.fund !== false ? FUND[fund] : "", options.nr !== false ? `nr ${a.nr}` : ""].filter(Boolean).join(" ");
  const what = fund === "lum" ? quote(a.projekt ?? a.id) : [a.resmål, a.syfte].filter(Boolean).join(", ");
  return `${prefix ? `${prefix} ` : ""}${s.esc(what)} (${who})`;
}

/** "sökt 500 000, delvis bifall, beviljat 250 000". */
function appSummary(a: ApplicationFigures): string {
  const parts = [`sökt ${formatAmount(a.sökt)}`];
  if (a.centralaMedel) parts.push(`${formatAmount(a.centraltBelopp)} ur centrala medel`);
  else parts.push(OUTCOME[a.utfall]);
  if (a.beviljat > 0 || a.utfall === "delvis_bifall") parts.push(`beviljat ${formatAmount(a.beviljat)}`);
  return parts.join(", ");
}

function words(parts: WordPart[], s: Style): string {
  return parts.map((p) => (p.op === "same" ? s.esc(p.text) : p.op === "del" ? s.del(s.esc(p.text)) : s.ins(s.esc(p.text)))).join("");
}

function fromTo(before: string, after: string): string {
  return `${before} ${ARROW} ${after}`;
}

function fieldChange(c: FieldChange, s: Style): string {
  const label = FIELD[c.field];
  switch (c.field) {
    case "utfall":
      return `${label}: ${fromTo(OUTCOME[c.before], s.strong(OUTCOME[c.after]))}`;
    case "beviljat":
    case "centraltBelopp":
    case "sökt":
      return `${label}: ${fromTo(formatAmount(c.before), s.strong(formatAmount(c.after)))} (${signed(c.difference)})`;
    case "projektår":
    case "nr":
      return `${label}: ${fromTo(c.before === undefined ? "(inte angivet)" : String(c.before), s.strong(c.after === undefined ? "(inte angivet)" : String(c.after)))}`;
    case "samordnas_med": {
      const list = (n: number[]) => (n.length === 0 ? "inga" : `nr ${n.join(", ")}`);
      return `${label}: ${fromTo(list(c.before), s.strong(list(c.after)))}`;
    }
    case "övrigt":
      return genericLine(c.change, label, s);
    default:
      return textChange(label, ABSENT[c.field] ?? NOT_GIVEN, c.before, c.after, c.words, s);
  }
}

function textChange(
  label: string,
  absent: string,
  before: string | undefined,
  after: string | undefined,
  parts: WordPart[] | undefined,
  s: Style,
): string {
  if (before !== undefined && after !== undefined) {
    return parts ? `${label}: ${words(parts, s)}` : `${label}: ${fromTo(s.esc(before), s.strong(s.esc(after)))}`;
  }
  const present = before ?? after ?? "";
  if (present.split(/\s+/).length >= 6) {
    return before === undefined ? `${label} (ny): ${s.ins(s.esc(quote(present)))}` : `${label} (borttagen): ${s.del(s.esc(quote(present)))}`;
  }
  return `${label}: ${fromTo(before === undefined ? absent : s.esc(before), s.strong(after === undefined ? absent : s.esc(after)))}`;
}

// --- Totals ----------------------------------------------------------------

function totalsSection(diff: RoundDiff, s: Style): string[] {
  const same = (["lum", "mul", "totalt"] as const).every((k) => {
    const { before, after } = diff.totals[k];
    return (Object.keys(before) as (keyof Totals)[]).every((m) => before[m] === after[m]);
  });
  if (same && !diff.mellanÅr) {
    const t = diff.totals;
    return [
      ...s.heading(2, "Summor"),
      "",
      s.line(
        `Oförändrade: beviljat LUM ${formatAmount(t.lum.after.beviljat)}, MUL ${formatAmount(t.mul.after.beviljat)}, ` +
          `totalt ${formatAmount(t.totalt.after.beviljat)} av sökta ${formatAmount(t.totalt.after.sökt)}.`,
      ),
    ];
  }
  const b = diff.mellanÅr ? String(diff.before.år) : "Före";
  const a = diff.mellanÅr ? String(diff.after.år) : "Efter";
  const rows: string[][] = [];
  const anyCentral = (["lum", "mul", "totalt"] as const).some(
    (k) => diff.totals[k].before.centraltBelopp > 0 || diff.totals[k].after.centraltBelopp > 0,
  );
  const measures: { key: keyof Totals; label: string; amount: boolean }[] = [
    { key: "beviljat", label: "beviljat", amount: true },
    { key: "sökt", label: "sökt", amount: true },
    { key: "antal", label: "ansökningar", amount: false },
    ...(anyCentral ? [{ key: "centraltBelopp" as const, label: "centrala medel", amount: true }] : []),
  ];
  const terminal = s.kind === "terminal";
  for (const fund of ["lum", "mul", "totalt"] as const) {
    const t = diff.totals[fund];
    for (const m of measures) {
      const before = t.before[m.key];
      const after = t.after[m.key];
      const fmt = (n: number) => (m.amount ? formatAmount(n) : String(n));
      const change = before === after ? "oförändrat" : signed(after - before);
      const label = `${FUND[fund]} ${m.label}`;
      rows.push(terminal ? [label, fmt(before), ARROW, fmt(after), change] : [label, fmt(before), fmt(after), change]);
    }
  }
  const headerRow = terminal ? ["", b, "", a, "Förändring"] : ["", b, a, "Förändring"];
  const align = terminal
    ? (["left", "right", "left", "right", "right"] as const)
    : (["left", "right", "right", "right"] as const);
  return [...s.heading(2, "Summor"), "", ...s.table(headerRow, rows, [...align])];
}

// --- Criteria, rules, dates, case details -----------------------------------

function settingsSections(diff: RoundDiff, s: Style): string[][] {
  const rules: string[] = [];
  for (const list of diff.kriterier) {
    rules.push(s.item(0, `${LIST[list.key]}:`));
    for (const item of list.items) rules.push(s.item(1, listItem(item, s)));
  }
  for (const v of diff.regler) rules.push(s.item(0, valueChange(v, s)));
  const dates = diff.datum.map((v) => s.item(0, valueChange(v, s)));
  const other = diff.ärende.map((v) => s.item(0, valueChange(v, s)));
  return [
    rules.length > 0 ? [...s.heading(2, "Regler och kriterier"), "", ...rules] : [],
    dates.length > 0 ? [...s.heading(2, "Datum"), "", ...dates] : [],
    other.length > 0 ? [...s.heading(2, "Övriga uppgifter"), "", ...other] : [],
    ...diff.övrigt.map(({ key, changes }) => {
      const heading = SECTION[key] ?? capitalize(key.replace(/_/g, " "));
      return [...s.heading(2, heading), "", ...changes.map((c) => s.item(0, genericLine(c, heading, s)))];
    }),
  ];
}

// --- Generic changes -------------------------------------------------------

/** A value from the round file in words: "ja", "23 januari 2024", "ej påbörjat", "500 000". */
function genericValue(value: unknown): string {
  if (value === undefined || value === null) return NOT_GIVEN;
  if (typeof value === "boolean") return value ? "ja" : "nej";
  if (typeof value === "number") return value >= 1000 ? formatAmount(value) : String(value);
  if (typeof value === "string") {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    return /^[a-zåäö]+(_[a-zåäö]+)+$/.test(value) ? value.replace(/_/g, " ") : value;
  }
  if (Array.isArray(value)) return value.map((v) => (typeof v === "object" && v !== null ? `(${genericValue(v)})` : genericValue(v))).join(", ");
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k.replace(/_/g, " ")}: ${typeof v === "object" && v !== null && !Array.isArray(v) ? `(${genericValue(v)})` : genericValue(v)}`)
    .join("; ");
}

function genericLine(c: GenericChange, fallback: string, s: Style): string {
  // Keys are Swedish words from the round file; ids stay as written; list positions become "nr 2".
  const joined = c.path.map((p) => (/^\d+$/.test(p) ? `nr ${p}` : p.replace(/_/g, " "))).join(" \u203a ");
  const label = c.path.length === 0 ? fallback : /^[a-zåäö_]+$/.test(c.path[0]!) ? capitalize(joined) : joined;
  // The id is already in the label; leave it out of the summary of an added or removed item.
  const last = c.path[c.path.length - 1];
  const summary = (v: unknown) =>
    genericValue(typeof v === "object" && v !== null && !Array.isArray(v) && (v as { id?: unknown }).id === last ? omitId(v) : v);
  switch (c.op) {
    case "ändrad":
      if (c.words) return `${label}: ${words(c.words, s)}`;
      return `${label}: ${fromTo(s.esc(genericValue(c.before)), s.strong(s.esc(genericValue(c.after))))}`;
    case "ny":
      return `${label} (ny): ${s.ins(s.esc(summary(c.after)))}`;
    case "borttagen":
      return `${label} (borttagen): ${s.del(s.esc(summary(c.before)))}`;
  }
}

function omitId(v: object): object {
  return Object.fromEntries(Object.entries(v).filter(([k]) => k !== "id"));
}

function listItem(item: ListItemChange, s: Style): string {
  switch (item.op) {
    case "del":
      return `Borttaget: ${s.del(s.esc(item.text))}`;
    case "ins":
      return `Nytt: ${s.ins(s.esc(item.text))}`;
    case "ändrad":
      return `Ändrat: ${words(item.words, s)}`;
  }
}

function formatValue(v: ValueChange, value: string | number | undefined): string {
  if (value === undefined) return ABSENT[v.key] ?? NOT_GIVEN;
  switch (v.kind) {
    case "belopp":
      return formatAmount(value as number);
    case "datum":
      return formatDate(value as string);
    default:
      return String(value);
  }
}

function valueChange(v: ValueChange, s: Style): string {
  const label = VALUE[v.key] ?? v.key;
  if (v.kind === "text") {
    return textChange(label, ABSENT[v.key] ?? NOT_GIVEN, v.before as string | undefined, v.after as string | undefined, v.words, s);
  }
  const line = `${label}: ${fromTo(formatValue(v, v.before), s.strong(formatValue(v, v.after)))}`;
  if (v.kind === "belopp" && typeof v.before === "number" && typeof v.after === "number") {
    return `${line} (${signed(v.after - v.before)})`;
  }
  return line;
}

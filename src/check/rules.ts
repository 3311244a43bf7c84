// The rules a careful reviewer checks in a round, as pure functions from the
// validated round (and last year's) to findings. Every threshold comes from
// the round's own `regler`; none is a constant here.
import { deriveFigures, förvaltningKey, förvaltningName, type ApplicationFigures, type Figures } from "../derive/figures.js";
import type { DiagnosticCode } from "../diagnostics/catalogue.js";
import { formatAmount } from "../format/swedish.js";
import { register } from "../register/register.js";
import { applicantNames, type Round } from "../schema/round.js";

export type Fund = "lum" | "mul";

/** A broken rule, at a path in the round file, before it has a position. */
export interface Finding {
  code: DiagnosticCode;
  path: (string | number)[];
  params: Record<string, string | number>;
  /** The application the finding concerns, whose `undantag` may set it aside. */
  application?: { fund: Fund; index: number };
  /** Point at the key rather than its value. */
  key?: boolean;
}

export interface PreviousRound {
  round: Round;
  /** The file name, for messages. */
  file: string;
  /** Its figures, when they are derived already (the pipeline derives each round's once). */
  figures?: Figures;
}

const kr = (n: number) => formatAmount(n);
const FUND_NAME: Record<Fund, string> = { lum: "LUM", mul: "MUL" };
/** The fund as the round calls it (MUST in 2015), for messages about its applications. */
const fundIn = (round: Round, fund: Fund): string => round.fonder?.[fund]?.förkortning ?? FUND_NAME[fund];

function applicationsOf(round: Round, figures: Figures) {
  return (["lum", "mul"] as const).flatMap((fund) =>
    round[fund].map((app, index) => ({
      fund,
      index,
      app,
      figures: figures[fund].alla[index]!,
      cap: fund === "lum" ? round.regler.max_belopp_lum : round.regler.max_belopp_mul,
    })),
  );
}

type Entry = ReturnType<typeof applicationsOf>[number];

function decisionRules({ fund, index, app, figures, cap }: Entry): Finding[] {
  const at = (...rest: (string | number)[]) => [fund, index, ...rest];
  const application = { fund, index };
  const d = app.beslut;
  const findings: Finding[] = [];
  // A condition alone may stand for the reason, as in 2015 ("Beviljas medel endast om samordning …").
  if (d.utfall !== "bifall" && !d.motivering && !d.villkor) {
    findings.push({ code: "motivering-saknas", path: at("beslut", "utfall"), params: { utfall: d.utfall } });
  }
  if (d.utfall === "maxbelopp" && app.sökt <= cap) {
    findings.push({ code: "maxbelopp-utan-grund", path: at("beslut", "utfall"), params: { max: kr(cap), sokt: kr(app.sökt) } });
  }
  const amountPath = d.utfall === "delvis_bifall" ? at("beslut", "belopp") : at("sökt");
  if (d.utfall === "delvis_bifall" && figures.beviljat > app.sökt) {
    findings.push({ code: "beviljat-over-sokt", path: amountPath, params: { beviljat: kr(figures.beviljat), sokt: kr(app.sökt) }, application });
  }
  if (d.utfall === "delvis_bifall" && figures.beviljat === 0) {
    findings.push({ code: "delvis-noll", path: at("beslut", "belopp"), params: {} });
  }
  if (d.utfall === "centrala_medel" && d.belopp !== undefined && d.belopp > app.sökt) {
    findings.push({ code: "centralt-over-sokt", path: at("beslut", "belopp"), params: { belopp: kr(d.belopp), sokt: kr(app.sökt) } });
  }
  if (d.utfall === "delvis_bifall" && figures.beviljat === app.sökt) {
    findings.push({ code: "delvis-utan-minskning", path: at("beslut", "utfall"), params: {} });
  }
  if (d.utfall !== "maxbelopp" && figures.beviljat > cap) {
    findings.push({ code: "over-maxbelopp", path: amountPath, params: { beviljat: kr(figures.beviljat), max: kr(cap) }, application });
  }
  return findings;
}

function reductionRule(round: Round, { fund, index, app, figures }: Entry): Finding[] {
  const rule = round.regler.minskning_fortsättningsprojekt;
  if (!rule || fund !== "lum" || !("projektår" in app) || app.projektår < rule.från_projektår || figures.beviljat === 0) return [];
  const max = Math.floor((app.sökt * (100 - rule.procent)) / 100);
  if (figures.beviljat <= max) return [];
  return [
    {
      code: "minskning-ej-tillampad",
      path: [fund, index, ...(app.beslut.utfall === "delvis_bifall" ? ["beslut", "belopp"] : ["beslut", "utfall"])],
      params: { ar: app.projektår, procent: rule.procent, max: kr(max), beviljat: kr(figures.beviljat) },
      application: { fund, index },
    },
  ];
}

function uniqueness(entries: Entry[], round: Round, lineOf: (path: (string | number)[]) => number): Finding[] {
  const findings: Finding[] = [];
  const seenNr = new Map<string, Entry>();
  const seenId = new Map<string, Entry>();
  for (const entry of entries) {
    const nrKey = `${entry.fund}:${entry.app.nr}`;
    const firstNr = seenNr.get(nrKey);
    if (firstNr) {
      findings.push({
        code: "nr-dubblett",
        path: [entry.fund, entry.index, "nr"],
        params: { nr: entry.app.nr, fond: fundIn(round, entry.fund), rad: lineOf([firstNr.fund, firstNr.index, "nr"]) },
      });
    } else seenNr.set(nrKey, entry);
    const firstId = seenId.get(entry.app.id);
    if (firstId) {
      findings.push({
        code: "id-dubblett",
        path: [entry.fund, entry.index, "id"],
        params: { id: entry.app.id, rad: lineOf([firstId.fund, firstId.index, "id"]) },
      });
    } else seenId.set(entry.app.id, entry);
  }
  for (const entry of entries) {
    const refs = entry.app.beslut.samordnas_med ?? [];
    refs.forEach((nr, i) => {
      if (!round[entry.fund].some((other) => other.nr === nr)) {
        findings.push({
          code: "samordning-saknas",
          path: [entry.fund, entry.index, "beslut", "samordnas_med", i],
          params: { nr, fond: fundIn(round, entry.fund) },
        });
      }
    });
  }
  return findings;
}

function perFörvaltning(round: Round, entries: Entry[]): Finding[] {
  const findings: Finding[] = [];
  for (const fund of ["lum", "mul"] as const) {
    const max = fund === "lum" ? round.regler.max_beviljade_lum_per_förvaltning : round.regler.max_beviljade_mul_per_förvaltning;
    if (max === undefined) continue;
    const granted = new Map<string, Entry[]>();
    const names = new Map<string, string>();
    for (const e of entries.filter((e) => e.fund === fund && e.figures.beviljas)) {
      // A joint application counts for each of its förvaltningar.
      for (const name of applicantNames(e.app)) {
        const key = förvaltningKey(name);
        granted.set(key, [...(granted.get(key) ?? []), e]);
        names.set(key, förvaltningName(name));
      }
    }
    for (const [key, list] of granted) {
      if (list.length <= max) continue;
      // Reported at each grant beyond the limit, so an exception can be given there.
      for (const e of list.slice(max)) {
        findings.push({
          code: "max-per-forvaltning",
          path: [fund, e.index, "beslut", "utfall"],
          params: {
            forvaltning: names.get(key)!,
            antal: list.length,
            fond: fundIn(round, fund),
            max,
            nummer: list.map((x) => x.app.nr).join(", "),
          },
          application: { fund, index: e.index },
        });
      }
    }
  }
  return findings;
}

function frame(round: Round, figures: Figures): Finding[] {
  const ram = round.regler.ram;
  if (ram === undefined) return [];
  const total = figures.totalt.beviljat;
  if (total <= ram) return [];
  const params = { beviljat: kr(total), ram: kr(ram), over: kr(total - ram) };
  // A frame exceeded on purpose, with the reason the paper gives (2015), is a note.
  const reason = round.regler.ram_överskrids;
  if (reason) return [{ code: "ram-overskriden", path: ["regler", "ram_överskrids"], params: { ...params, motivering: reason } }];
  return [{ code: "over-ram", path: ["regler", "ram"], params }];
}

function acrossRounds(round: Round, entries: Entry[], previous: PreviousRound | undefined): Finding[] {
  const findings: Finding[] = [];
  const maxYears = round.regler.max_år_i_rad;
  const lum = entries.filter((e) => e.fund === "lum");
  const lastYear = previous ? (previous.figures ?? deriveFigures(previous.round)).lum.alla : [];
  for (const e of lum) {
    const year = "projektår" in e.app ? e.app.projektår : 1;
    const application = { fund: e.fund, index: e.index };
    if (maxYears !== undefined && year > maxYears && e.figures.beviljas) {
      findings.push({ code: "for-manga-ar", path: ["lum", e.index, "projektår"], params: { ar: year, max: maxYears }, application });
    }
    if (!previous) continue;
    const before = previous.round.lum.find((p) => p.id === e.app.id);
    const funded = (a: ApplicationFigures | undefined) => a !== undefined && (a.beviljas || a.centralaMedel);
    if (year < 2) {
      // A project funded last year that is entered as year 1 again has lost its
      // count, and with it the checks on consecutive years.
      if (before && funded(lastYear.find((a) => a.id === e.app.id))) {
        findings.push({
          code: "projektar-stammer-inte",
          path: ["lum", e.index, "id"],
          params: { forra: before.projektår, vantat: before.projektår + 1, ar: year, fil: previous.file },
        });
      }
      continue;
    }
    if (!before) {
      findings.push({ code: "foregaende-ar-saknas", path: ["lum", e.index, "id"], params: { ar: year, id: e.app.id, fil: previous.file }, application });
      continue;
    }
    const beforeFigures = lastYear.find((a) => a.id === e.app.id);
    if (!funded(beforeFigures)) {
      findings.push({
        code: "foregaende-ar-ej-beviljat",
        path: ["lum", e.index, "projektår"],
        params: { ar: year, forraAret: previous.round.år, fil: previous.file },
        application,
      });
    } else if (before.projektår + 1 !== year) {
      findings.push({
        code: "projektar-stammer-inte",
        path: ["lum", e.index, "projektår"],
        params: { forra: before.projektår, vantat: before.projektår + 1, ar: year, fil: previous.file },
      });
    }
  }
  if (!previous && lum.some((e) => ("projektår" in e.app ? e.app.projektår : 1) >= 2)) {
    const first = lum.find((e) => ("projektår" in e.app ? e.app.projektår : 1) >= 2)!;
    findings.push({ code: "foregaende-omgang-saknas", path: ["lum", first.index, "projektår"], params: { ar: round.år - 1 } });
  }
  const reports = round.redovisningar ?? [];
  if (previous && reports.length > 0) {
    const grantedLastYear = lastYear.filter((a) => a.beviljas || a.centralaMedel);
    reports.forEach((r, i) => {
      if (!grantedLastYear.some((a) => a.id === r.id)) {
        findings.push({ code: "redovisning-okant-projekt", path: ["redovisningar", i, "id"], params: { id: r.id, fil: previous.file } });
      }
    });
    const missing = grantedLastYear.filter((a) => !reports.some((r) => r.id === a.id));
    if (missing.length > 0) {
      findings.push({
        code: "redovisning-saknas",
        path: ["redovisningar"],
        key: true,
        params: { antal: missing.length, projekt: missing.map((a) => a.projekt ?? a.id).join(", ") },
      });
    }
  }
  const notApproved = reports.filter((r) => !r.godkänd);
  for (const report of notApproved) {
    const who = förvaltningKey(report.förvaltning);
    for (const e of entries.filter((x) => x.figures.beviljas && applicantNames(x.app).some((n) => förvaltningKey(n) === who))) {
      findings.push({
        code: "redovisning-ej-godkand",
        path: [e.fund, e.index, "beslut", "utfall"],
        params: { forvaltning: förvaltningName(report.förvaltning), id: report.id },
        application: { fund: e.fund, index: e.index },
      });
    }
  }
  return findings;
}

function roundFacts(round: Round): Finding[] {
  const findings: Finding[] = [];
  const period = round.ansökningsperiod;
  if (period && period.till < period.från) {
    findings.push({ code: "period-omvand", path: ["ansökningsperiod", "till"], params: { fran: period.från, till: period.till } });
  }
  // An anmälningsärende concerns a förvaltning that applied, or one whose report it takes note of (2021).
  const applicants = [...new Set([...[...round.lum, ...round.mul].flatMap(applicantNames), ...(round.redovisningar ?? []).map((r) => r.förvaltning)])];
  (round.anmälningsärenden ?? []).forEach((a, i) => {
    if (a.sökande && !applicants.some((name) => förvaltningKey(name) === förvaltningKey(a.sökande!))) {
      findings.push({
        code: "okand-sokande",
        path: ["anmälningsärenden", i, "sökande"],
        params: { sokande: a.sökande, forslag: applicants.join(", ") },
      });
    }
  });
  return findings;
}

/**
 * Every applicant, report and anmälningsärende names a förvaltning the
 * register knows, and one that existed in the round's year (Rinkeby-Kista
 * and Spånga-Tensta became Järva in 2020).
 */
function registeredNames(round: Round): Finding[] {
  const reg = register();
  const findings: Finding[] = [];
  const named: { path: (string | number)[]; namn: string; vad: string; year: number | undefined }[] = [
    ...(["lum", "mul"] as const).flatMap((fund) =>
      round[fund].flatMap((app, i) =>
        applicantNames(app).map((namn, j) => ({
          path: typeof app.förvaltning === "string" ? [fund, i, "förvaltning"] : [fund, i, "förvaltning", j],
          namn,
          vad: `${fundIn(round, fund)}-ansökan nr ${app.nr}`,
          year: round.år as number | undefined,
        })),
      ),
    ),
    // A report may concern a förvaltning that has since been merged: only its name is checked.
    ...(round.redovisningar ?? []).map((r, i) => ({ path: ["redovisningar", i, "förvaltning"], namn: r.förvaltning, vad: `Redovisningen ${r.id}`, year: undefined })),
  ];
  for (const n of named) {
    const entry = reg.find(n.namn);
    if (!entry) {
      const forslag = reg.suggest(n.namn, n.year);
      findings.push({
        code: "okand-forvaltning",
        path: n.path,
        params: { vad: n.vad, namn: `"${n.namn}"`, forslag: forslag.length > 0 ? ` Menade du ${forslag.map((f) => `"${f}"`).join(" eller ")}?` : "" },
      });
    } else if (n.year !== undefined && !reg.existed(entry, n.year)) {
      findings.push({
        code: "forvaltning-upphord",
        path: n.path,
        params: {
          vad: n.vad,
          namn: entry.namn,
          ar: n.year,
          ersatt: entry.till !== undefined && n.year > entry.till ? `; den upphörde ${entry.till}${entry.ersattAv ? ` och ingår sedan ${entry.till + 1} i ${entry.ersattAv}` : ""}` : entry.från !== undefined ? `; den bildades ${entry.från}` : "",
        },
      });
    }
  }
  return findings;
}

/**
 * Leftovers from the file a round was copied from: the title, the dates and
 * the Dnr must belong to the round's year. The paper is written late in the
 * year before (or early in the year), so datum, beredning, the application
 * period, the meeting and a Dnr may be the year before; the last day for
 * paying back may be the year after.
 */
function yearConsistency(round: Round): Finding[] {
  const y = round.år;
  const findings: Finding[] = [];
  const years = (text: string) => [...text.matchAll(/(?<![\d-])(19[89]\d|20\d\d)(?!\d)/g)].map((m) => Number(m[1]));
  const span = (allowed: number[]) => `${allowed.slice(0, -1).join(", ")}${allowed.length > 1 ? " eller " : ""}${allowed[allowed.length - 1]}`;
  const check = (path: (string | number)[], vad: string, value: string | undefined, allowed: number[], kind: "datum" | "text") => {
    if (value === undefined) return;
    const found = kind === "datum" ? [Number(value.slice(0, 4))] : years(value);
    // A text may name other years too ("inriktning 2020 samt redovisning 2018"), as long as it names its own.
    if (kind === "text" && found.some((year) => allowed.includes(year))) return;
    const wrong = found.find((year) => !allowed.includes(year));
    if (wrong === undefined) return;
    findings.push({
      code: "ar-stammer-inte",
      path,
      params: { vad, varde: value, fel: wrong, ar: y, tillatna: span(allowed) },
    });
  };
  const before = [y - 1, y];
  check(["titel"], "Titeln", round.titel, [y], "text");
  check(["dnr"], "Diarienumret", round.dnr, before, "text");
  check(["datum"], "Datumet", round.datum, before, "datum");
  check(["beredning", "förvaltningsgruppen"], "Beredningen i förvaltningsgruppen", round.beredning.förvaltningsgruppen, before, "datum");
  check(["beredning", "funktionshinderrådet"], "Beredningen i funktionshinderrådet", round.beredning.funktionshinderrådet, before, "datum");
  check(["ansökningsperiod", "från"], "Ansökningsperiodens början", round.ansökningsperiod?.från, before, "datum");
  check(["ansökningsperiod", "till"], "Ansökningsperiodens slut", round.ansökningsperiod?.till, before, "datum");
  check(["återbetalning_senast"], "Sista dag för återbetalning", round.återbetalning_senast, [y, y + 1], "datum");
  check(["sammanträde", "datum"], "Sammanträdets datum", round.sammanträde?.datum, before, "datum");
  check(["redovisning", "dnr"], "Redovisningens diarienummer", round.redovisning?.dnr, [y - 1, y, y + 1], "text");
  check(["redovisning", "datum"], "Redovisningens datum", round.redovisning?.datum, [y - 1, y, y + 1], "datum");
  (round.anmälningsärenden ?? []).forEach((a, i) => {
    check(["anmälningsärenden", i, "datum"], "Anmälningsärendets datum", a.datum, [y - 1, y, y + 1], "datum");
    check(["anmälningsärenden", i, "dnr"], "Anmälningsärendets diarienummer", a.dnr, [y - 1, y, y + 1], "text");
  });
  return findings;
}

/** Every rule over one round; `lineOf` gives the line of a path, for messages that name another line. */
export function checkRules(
  round: Round,
  previous: PreviousRound | undefined,
  lineOf: (path: (string | number)[]) => number,
  /** The round's figures, when derived already; the rules read none that depend on last year's round. */
  figures: Figures = deriveFigures(round),
): Finding[] {
  const entries = applicationsOf(round, figures);
  return [
    ...entries.flatMap((e) => [...decisionRules(e), ...reductionRule(round, e)]),
    ...uniqueness(entries, round, lineOf),
    ...perFörvaltning(round, entries),
    ...frame(round, figures),
    ...roundFacts(round),
    ...yearConsistency(round),
    ...registeredNames(round),
    ...acrossRounds(round, entries, previous),
  ];
}

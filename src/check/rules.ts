// The rules a careful reviewer checks in a round, as pure functions from the
// validated round (and last year's) to findings. Every threshold comes from
// the round's own `regler`; none is a constant here.
import { deriveFigures, förvaltningKey, förvaltningName, type ApplicationFigures, type Figures } from "../derive/figures.js";
import type { DiagnosticCode } from "../diagnostics/catalogue.js";
import { formatAmount } from "../format/swedish.js";
import { register } from "../register/register.js";
import { applicantNames, type Decision, type Round } from "../schema/round.js";

export type Fund = "lum" | "mul";

/** A broken rule, at a path in the round file, before it has a position. */
export interface Finding {
  code: DiagnosticCode;
  path: (string | number)[];
  params: Record<string, string | number>;
  /** The application the finding concerns, whose `undantag` may set it aside. */
  application?: { fund: Fund; index: number };
  /** The nämnd's change (sammanträde.ändringar.<fund>[index]) the finding concerns, whose `undantag` may set it aside instead. */
  change?: { fund: Fund; index: number };
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

function applicationsOf(round: Round, figures: Pick<Figures, "lum" | "mul">) {
  return (["lum", "mul"] as const).flatMap((fund) =>
    round[fund].map((app, index) => ({
      fund,
      index,
      app,
      figures: figures[fund].alla[index]!,
      // The schema requires the cap of a fund that has applications.
      cap: (fund === "lum" ? round.regler.max_belopp_lum : round.regler.max_belopp_mul) ?? 0,
    })),
  );
}

type Entry = ReturnType<typeof applicationsOf>[number];

/**
 * The rules of one decision: the proposal's `beslut:` of an application, or
 * (with `change`) the nämnd's change of it, whose keys stand under
 * sammanträde.ändringar.<fund>[i] and whose `undantag` sets a rule aside.
 */
function decisionRules({ fund, index, app, figures, cap }: Entry, change?: { index: number; decision: Decision }): Finding[] {
  const at = (...rest: (string | number)[]) =>
    change && rest[0] === "beslut" ? ["sammanträde", "ändringar", fund, change.index, ...rest.slice(1)] : [fund, index, ...rest];
  const application = change ? undefined : { fund, index };
  const exception = change ? { change: { fund, index: change.index } } : { application };
  const d = change?.decision ?? app.beslut;
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
    findings.push({ code: "beviljat-over-sokt", path: amountPath, params: { beviljat: kr(figures.beviljat), sokt: kr(app.sökt) }, ...exception });
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
    findings.push({ code: "over-maxbelopp", path: amountPath, params: { beviljat: kr(figures.beviljat), max: kr(cap) }, ...exception });
  }
  return findings;
}

function reductionRule(round: Round, { fund, index, app, figures }: Entry, change?: number): Finding[] {
  const rule = round.regler.minskning_fortsättningsprojekt;
  if (!rule || fund !== "lum" || !("projektår" in app) || app.projektår < rule.från_projektår || figures.beviljat === 0) return [];
  const max = Math.floor((app.sökt * (100 - rule.procent)) / 100);
  if (figures.beviljat <= max) return [];
  return [
    {
      code: "minskning-ej-tillampad",
      path: [
        ...(change === undefined ? [fund, index] : ["sammanträde", "ändringar", fund, change]),
        ...(change === undefined ? (app.beslut.utfall === "delvis_bifall" ? ["beslut", "belopp"] : ["beslut", "utfall"]) : [figures.delvis ? "belopp" : "utfall"]),
      ],
      params: { ar: app.projektår, procent: rule.procent, max: kr(max), beviljat: kr(figures.beviljat) },
      ...(change === undefined ? { application: { fund, index } } : { change: { fund, index: change } }),
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

/**
 * At most `max_beviljade_*_per_förvaltning` grants per förvaltning. `changeOf`
 * (for the decided grants) gives the nämnd's change of an application, so a
 * grant beyond the limit that the nämnd added is reported at its change.
 */
function perFörvaltning(round: Round, entries: Entry[], changeOf?: (fund: Fund, nr: number) => number | undefined): Finding[] {
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
        const change = changeOf?.(fund, e.app.nr);
        findings.push({
          code: "max-per-forvaltning",
          path: change === undefined ? [fund, e.index, "beslut", "utfall"] : ["sammanträde", "ändringar", fund, change, "utfall"],
          params: {
            forvaltning: names.get(key)!,
            antal: list.length,
            fond: fundIn(round, fund),
            max,
            nummer: list.map((x) => x.app.nr).join(", "),
          },
          ...(change === undefined ? { application: { fund, index: e.index } } : { change: { fund, index: change } }),
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
  // Last year as the nämnd decided it: what was granted then.
  const lastYear = previous ? (previous.figures ?? deriveFigures(previous.round)).beslut.lum.alla : [];
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
    findings.push({
      code: "foregaende-omgang-saknas",
      path: ["lum", first.index, "projektår"],
      params: {
        ar: round.år - 1,
        orsak: `det finns ingen omgångsfil med ansökningar för ${round.år - 1} bredvid filen`,
        atgard: "Lägg förra årets fil i samma mapp om kontrollen ska göras.",
      },
    });
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
  const notApproved = reports.filter((r) => r.godkänd === false);
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

/**
 * The nämnd's meeting: every change and withdrawal names an application of
 * the round, once; a withdrawn application is not also decided; each change
 * keeps the rules a proposal keeps; the decided grants keep the limit per
 * förvaltning and the frame (the nämnd may exceed the frame with a reason).
 */
function meetingRules(round: Round, figures: Figures, proposalFindings: Finding[], lineOf: (path: (string | number)[]) => number): Finding[] {
  const meeting = round.sammanträde;
  const findings: Finding[] = [];
  (round.tidigare_sammanträden ?? []).forEach((m, i) => {
    if (m.utfall === "beslut") findings.push({ code: "tidigare-sammantrade-beslut", path: ["tidigare_sammanträden", i, "datum"], params: { datum: m.datum } });
  });
  if (!meeting || meeting.utfall !== "beslut") return findings;
  if (!meeting.justering && !meeting.justeras_omedelbart) findings.push({ code: "justering-saknas", path: ["sammanträde"], key: true, params: {} });
  const decidedEntries = applicationsOf(round, figures.beslut);
  for (const fund of ["lum", "mul"] as const) {
    const known = round[fund].map((a) => a.nr);
    const unknown = (nr: number, path: (string | number)[], vad: string) => {
      if (known.includes(nr)) return false;
      findings.push({
        code: "sammantrade-okand-ansokan",
        path,
        params: { vad, fond: fundIn(round, fund), nr, nyckel: fund, finns: known.length > 0 ? known.join(", ") : "inga" },
      });
      return true;
    };
    const withdrawn = meeting.återtagna?.[fund] ?? [];
    withdrawn.forEach((nr, i) => unknown(nr, ["sammanträde", "återtagna", fund, i], "Återtagandet"));
    const seen = new Map<number, number>();
    (meeting.ändringar?.[fund] ?? []).forEach((c, i) => {
      const at = ["sammanträde", "ändringar", fund, i];
      if (unknown(c.nr, [...at, "nr"], "Ändringen")) return;
      const first = seen.get(c.nr);
      if (first !== undefined) {
        findings.push({ code: "andring-dubblett", path: [...at, "nr"], params: { fond: fundIn(round, fund), nr: c.nr, rad: lineOf(["sammanträde", "ändringar", fund, first, "nr"]) } });
        return;
      }
      seen.set(c.nr, i);
      if (withdrawn.includes(c.nr)) {
        findings.push({
          code: "atertagen-andrad",
          path: [...at, "utfall"],
          params: { fond: fundIn(round, fund), nr: c.nr, vad: c.utfall === "avslag" ? "avslås" : "beviljas medel" },
        });
        return;
      }
      const index = round[fund].findIndex((a) => a.nr === c.nr);
      const decided = decidedEntries.find((e) => e.fund === fund && e.index === index)!;
      if (!decided.figures.ändrad) {
        findings.push({
          code: "andring-som-forslaget",
          path: [...at, "utfall"],
          params: { fond: fundIn(round, fund), nr: c.nr, utfall: c.utfall, belopp: kr(decided.figures.beviljat) },
        });
      }
      findings.push(...decisionRules(decided, { index: i, decision: c }), ...reductionRule(round, decided, i));
    });
  }
  findings.push(...procedureAgrees(meeting, figures));
  if (!figures.beslut.ändrat) return findings;
  // The limit per förvaltning over the decided grants: what the proposal already breaks is reported there.
  const changeOf = (fund: Fund, nr: number) => {
    const i = (meeting.ändringar?.[fund] ?? []).findIndex((c) => c.nr === nr);
    return i < 0 ? undefined : i;
  };
  const already = new Set(proposalFindings.filter((f) => f.code === "max-per-forvaltning").map((f) => `${f.params.fond}:${f.params.forvaltning}`));
  findings.push(...perFörvaltning(round, decidedEntries, changeOf).filter((f) => !already.has(`${f.params.fond}:${f.params.forvaltning}`)));
  const ram = round.regler.ram;
  const total = figures.beslut.totalt.beviljat;
  if (ram !== undefined && total > ram && total !== figures.totalt.beviljat) {
    const params = { beviljat: kr(total), ram: kr(ram), over: kr(total - ram), forslag: kr(figures.totalt.beviljat) };
    if (meeting.ram_överskrids) {
      findings.push({ code: "beslut-ram-overskriden", path: ["sammanträde", "ram_överskrids"], params: { ...params, motivering: meeting.ram_överskrids } });
    } else {
      findings.push({ code: "beslut-over-ram", path: ["sammanträde", "ändringar"], key: true, params });
    }
  }
  return findings;
}

/**
 * The beslutsgång the protokollsutdrag writes (the omröstning's winner, else
 * the yrkande marked bifalls, else the förvaltning's proposal) must agree with
 * the changes that the letters follow: a protokoll that says "enligt
 * förvaltningens förslag" above a changed amount contradicts itself. A
 * beslutsgång typed as text is the secretary's own and is not read.
 */
function procedureAgrees(meeting: NonNullable<Round["sammanträde"]>, figures: Figures): Finding[] {
  const m = figures.beslut.sammanträde;
  if (!m || meeting.beslutsgång !== undefined || (m.yrkanden.length === 0 && !m.omröstning)) return [];
  const antaget = m.omröstning?.vinnare ?? (m.bifalletYrkande !== undefined ? `yrkandet från ${m.bifalletYrkande}` : "förvaltningens förslag");
  const proposal = /förvaltningens förslag/i.test(antaget) && !/ändring/i.test(antaget);
  const path = m.omröstning ? ["sammanträde", "omröstning"] : ["sammanträde", "yrkanden"];
  const changes = figures.beslut.ändringar.length;
  if (proposal && changes > 0) {
    return [{ code: "beslutsgang-motsager-andringar", path, key: true, params: { antaget, antal: changes === 1 ? "en ändring" : `${changes} ändringar` } }];
  }
  if (!proposal && changes === 0) return [{ code: "beslutsgang-utan-andringar", path, key: true, params: { antaget } }];
  return [];
}

/**
 * The dates follow the case: the application period ends before the
 * tjänsteutlåtande is dated; the beredning lies between the period's end and
 * the meeting; each meeting is on or after the tjänsteutlåtande and after the
 * one before; the protokoll is justerat on or after its meeting; an
 * anmälningsärende is dated and approved on or after the decision it reports.
 *
 * The beredning's upper bound is the meeting, not the tjänsteutlåtande: the
 * real 2015 paper, dated 6 March, says the ärende "har behandlats i
 * förvaltningsgruppen 18 mars 2015", before the meeting of 24 March. A round
 * without applications (an inriktning, 2019 and 2021) announces the coming
 * period, which then ends after the paper; its period is not compared.
 */
function dateOrder(round: Round): Finding[] {
  const findings: Finding[] = [];
  const order = (path: (string | number)[], vad: string, datum: string | undefined, ordning: "efter" | "tidigast" | "senast", annat: string, annatDatum: string | undefined) => {
    if (datum === undefined || annatDatum === undefined) return;
    const ok = ordning === "efter" ? datum > annatDatum : ordning === "tidigast" ? datum >= annatDatum : datum <= annatDatum;
    if (!ok) findings.push({ code: "datum-ordning", path, params: { vad, datum, ordning: ordning === "tidigast" ? "samma dag som eller efter" : ordning === "senast" ? "samma dag som eller före" : ordning, annat, annatDatum } });
  };
  const periodEnd = round.lum.length + round.mul.length > 0 ? round.ansökningsperiod?.till : undefined;
  const firstMeeting = (round.tidigare_sammanträden ?? [])[0]?.datum ?? round.sammanträde?.datum;
  // Before the period's end is a warning: right after applications are
  // imported into a file that held the inriktning, its dates are still the
  // inriktning's, and the secretary is told at each line.
  const afterPeriod = (path: (string | number)[], vad: string, datum: string | undefined) => {
    if (datum !== undefined && periodEnd !== undefined && datum <= periodEnd) {
      findings.push({ code: "datum-fore-periodens-slut", path, params: { vad, datum, annatDatum: periodEnd } });
    }
  };
  afterPeriod(["datum"], "Tjänsteutlåtandets datum", round.datum);
  for (const [key, vad] of [["förvaltningsgruppen", "Beredningen i förvaltningsgruppen"], ["funktionshinderrådet", "Beredningen i funktionshinderrådet"]] as const) {
    const date = round.beredning[key];
    afterPeriod(["beredning", key], vad, date);
    order(["beredning", key], vad, date, "senast", "nämndens sammanträde", firstMeeting);
  }
  const meetings = [
    ...(round.tidigare_sammanträden ?? []).map((m, i) => ({ m, path: ["tidigare_sammanträden", i] as (string | number)[] })),
    ...(round.sammanträde ? [{ m: round.sammanträde, path: ["sammanträde"] as (string | number)[] }] : []),
  ];
  meetings.forEach(({ m, path }, i) => {
    order([...path, "datum"], "Sammanträdets datum", m.datum, "tidigast", "tjänsteutlåtandets datum", round.datum);
    if (i > 0) order([...path, "datum"], "Sammanträdets datum", m.datum, "efter", "det tidigare sammanträdet", meetings[i - 1]!.m.datum);
    order([...path, "justering", "datum"], "Justeringens datum", m.justering?.datum, "tidigast", "sammanträdets datum", m.datum);
  });
  // An anmälningsärende reports the decision, so it is written and approved after the meeting that made it.
  const decided = round.sammanträde?.utfall === "beslut" ? round.sammanträde.datum : undefined;
  (round.anmälningsärenden ?? []).forEach((a, i) => {
    order(["anmälningsärenden", i, "datum"], "Anmälningsärendets datum", a.datum, "tidigast", "nämndens beslut", decided);
    a.undertecknare.forEach((u, j) =>
      order(["anmälningsärenden", i, "undertecknare", j, "godkänt"], `Datumet då ${u.namn} godkände anmälningsärendet`, u.godkänt, "tidigast", "nämndens beslut", decided),
    );
  });
  return findings;
}

/** Every rule over one round; `lineOf` gives the line of a path, for messages that name another line. */
/**
 * A count typed into the round file that the tool computes: antal_beviljade
 * (the local projects granted in the year reported on) comes from that year's
 * round where it is known, else from the projects listed under redovisningar.
 * A typed count that says otherwise would print one number beside a list of
 * another ("tio" over eleven projects).
 */
function typedCounts(round: Round, previous: PreviousRound | undefined): Finding[] {
  const typed = round.redovisning?.antal_beviljade;
  if (typed === undefined) return [];
  const f = deriveFigures(round, previous?.round).redovisning;
  if (typed === f.antalBeviljade) return [];
  const source =
    f.antalKälla === "omgång"
      ? `${previous!.file} ger ${f.antalBeviljade} (de projekt som beviljades medel ${f.år})`
      : `redovisningar: räknar upp ${f.alla.filter((r) => !r.forskning).length} lokala utvecklingsprojekt`;
  return [{ code: "antal-stammer-inte", path: ["redovisning", "antal_beviljade"], params: { skrivet: typed, kalla: source, raknat: f.antalBeviljade } }];
}

export function checkRules(
  round: Round,
  previous: PreviousRound | undefined,
  lineOf: (path: (string | number)[]) => number,
  /** The round's figures, when derived already; the rules read none that depend on last year's round. */
  figures: Figures = deriveFigures(round),
): Finding[] {
  const entries = applicationsOf(round, figures);
  const limit = perFörvaltning(round, entries);
  return [
    ...entries.flatMap((e) => [...decisionRules(e), ...reductionRule(round, e)]),
    ...uniqueness(entries, round, lineOf),
    ...limit,
    ...meetingRules(round, figures, limit, lineOf),
    ...dateOrder(round),
    ...frame(round, figures),
    ...roundFacts(round),
    ...yearConsistency(round),
    ...registeredNames(round),
    ...acrossRounds(round, entries, previous),
    ...typedCounts(round, previous),
  ];
}

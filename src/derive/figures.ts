// Every number the documents print is computed here, once, from the
// validated round, before any template runs. Templates format and place
// these values; they never add, count or filter.
import { nameKey, register, type Kind } from "../register/register.js";
import { normalizeReason, normalizeTitle, reasonSentence } from "./reasons.js";
import { joinWithAnd } from "../format/swedish.js";
import { decisionOf, meetingFigures, type DecisionFigures, type Withdrawn } from "./decision.js";
import { applicantNames, type Decision, type LumApplication, type MulApplication, type Outcome, type Round } from "../schema/round.js";

export interface ApplicationFigures {
  nr: number;
  id: string;
  /**
   * The register's short name ("Farsta"), or the name as written when the
   * register lacks it; for a joint application every name, joined
   * ("Skarpnäck, Enskede-Årsta-Vantör och Farsta").
   */
  förvaltning: string;
  /** Each applying förvaltning by its register name: one, or several for a joint application. */
  förvaltningar: string[];
  /** More than one förvaltning applied together. */
  gemensam: boolean;
  /** The formal name, for addresses: "Farsta stadsdelsförvaltning". */
  förvaltningFormellt: string;
  /** stadsdelsförvaltning or fackförvaltning; undefined for a name the register lacks (an error in check). */
  förvaltningstyp: Kind | undefined;
  enhet: string | undefined;
  /** Project title (LUM), or purpose and destination (MUL). */
  projekt: string | undefined;
  /** The project's short name as running text uses it ("Kristeamet"): `kortnamn` in the round, else the title (LUM). */
  kortnamn: string | undefined;
  syfte: string | undefined;
  resmål: string | undefined;
  beskrivning: string | undefined;
  projektår: number | undefined;
  /** A project in its second year or later: the bilaga names the year. */
  fortsättning: boolean;
  /** Its year of how many it may run, as the papers say it of a continuing project: "2 av 3" (or "2" without max_år_i_rad). */
  projektårAv: string | undefined;
  sökt: number;
  /** What this fund grants; 0 when rejected or financed from central funds. */
  beviljat: number;
  utfall: Outcome;
  beviljas: boolean;
  avslås: boolean;
  delvis: boolean;
  maxbelopp: boolean;
  centralaMedel: boolean;
  /** Amount moved to central funds, when the decision is "centrala_medel". */
  centraltBelopp: number;
  /** The reason as it follows "Projektet ”titel” …" or "Studiebesöket till X (Y) …": "bedöms inte …". */
  motivering: string | undefined;
  /** The reason as a sentence of its own, for wording that prints it alone: "Ansökan behöver …". */
  motiveringMening: string | undefined;
  villkor: string | undefined;
  /** Withdrawn by the applicant before the meeting (avskrivs): nothing granted, not counted among the decided. Only in the decision's figures. */
  återtagen: boolean;
  /** The nämnd decided otherwise than the förvaltning proposed (a changed outcome or amount, or a withdrawal). Only in the decision's figures. */
  ändrad: boolean;
  /** What the förvaltning proposed to grant; the same as `beviljat` in the proposal's figures. */
  föreslaget: number;
  /** The outcome the förvaltning proposed. */
  föreslagetUtfall: Outcome;
}

export interface FundFigures {
  antal: number;
  sökt: number;
  beviljat: number;
  antalBeviljade: number;
  antalAvslagna: number;
  antalDelvis: number;
  antalCentrala: number;
  /** Distinct applying stadsdelsförvaltningar. */
  antalStadsdelsförvaltningar: number;
  /** Formal names of the applying fackförvaltningar other than the round's own ("Arbetsmarknadsförvaltningen"). */
  övrigaFörvaltningar: string[];
  antalÖvrigaFörvaltningar: number;
  /** Whether the round's own förvaltning (Socialförvaltningen) applied too. */
  egenFörvaltningSöker: boolean;
  alla: ApplicationFigures[];
  beviljade: ApplicationFigures[];
  avslagna: ApplicationFigures[];
  delvisBeviljade: ApplicationFigures[];
  centrala: ApplicationFigures[];
  /**
   * Financed from central funds as the förvaltning proposed: all of `centrala`
   * in the proposal; in the decision, those the nämnd did not move there itself
   * (its change says so in its own words).
   */
  centralaEnligtFörslag: ApplicationFigures[];
  antalCentralaEnligtFörslag: number;
  /** Withdrawn before the meeting (the decision's figures only; none in the proposal). */
  återtagna: ApplicationFigures[];
  antalÅtertagna: number;
}

/** One applying förvaltning, for its decision letter and its anmälningsärende. */
export interface ApplicantFigures {
  förvaltning: string;
  /** The formal name a letter is addressed to: "Farsta stadsdelsförvaltning". */
  formellt: string;
  /** Its committee: "Farsta stadsdelsnämnd". */
  nämnd: string | undefined;
  typ: Kind | undefined;
  /** For file names: "hagersten-alvsjo". */
  slug: string;
  lum: ApplicationFigures[];
  mul: ApplicationFigures[];
  antal: number;
  /** More than one application: letters speak of "var och en" and "sammanlagt". */
  flera: boolean;
  /** Applications whose money goes to this förvaltning: its own, and the joint ones it is named first in. */
  antalEgna: number;
  /** More than one of its own: its closing sentence says "sammanlagt … för de ansökningar". */
  fleraEgna: boolean;
  /**
   * Joint applications this förvaltning is a partner in, the money going to
   * the one named first: its letter states the joint grant and who receives it.
   */
  medsökande: ApplicationFigures[];
  /** Requested and granted by the applications whose money goes to this förvaltning (a joint application counts for the one named first). */
  sökt: number;
  beviljat: number;
  /** Amount moved to central development funds instead. */
  centralt: number;
}

/** A report on a project funded last year. */
export interface ReportFigures {
  id: string;
  förvaltning: string;
  /** The register's formal name: "Farsta stadsdelsförvaltning". */
  förvaltningFormellt: string;
  /** A research project's final report (2019), beside the local projects. */
  forskning: boolean;
  projekt: string;
  /** The short name running text uses ("LIHF"): `kortnamn` in the report, else the project's name. */
  kortnamn: string;
  syfte: string | undefined;
  resultat: string | undefined;
  /** What the project did for gender equality, for the jämställdhetsanalys (2019). */
  jämställdhet: string | undefined;
  /** Undefined for a project that never started and states none. */
  godkänd: boolean | undefined;
  ejPåbörjat: boolean;
  återbetalt: number | undefined;
  /** Granted last year, when last year's round is known. */
  beviljatFörraÅret: number | undefined;
  /** Granted again this year. */
  fortsätter: boolean;
  beviljatIÅr: number;
}

/**
 * The figures of one reading of the round: the förvaltning's proposal (what
 * the tjänsteutlåtande and its bilagor print) or the nämnd's decision (what
 * every paper after the meeting prints).
 */
export interface FigureSet {
  /** What the funds are called this round: LUM and MUL, or MUST ("Mutual Study Visits") in 2015. */
  fond: Record<"lum" | "mul", { förkortning: string; namn: string }>;
  lum: FundFigures;
  mul: FundFigures;
  totalt: { antal: number; sökt: number; beviljat: number; centraltBelopp: number };
  harAnsökningar: boolean;
  sökande: ApplicantFigures[];
  /** The round's anmälningsärenden, each with its förvaltning's applications when it names one. */
  anmälningar: (NonNullable<Round["anmälningsärenden"]>[number] & {
    ansökningar: ApplicantFigures | undefined;
    /** The reports of the förvaltning it concerns (an anmälningsärende about a redovisning, 2021). */
    redovisningar: ReportFigures[];
    antalRedovisningar: number;
    slug: string;
  })[];
  redovisning: {
    /** The year reported on: the round's `redovisning.år`, else the year before the round. */
    år: number;
    /** The year after it, when continuing projects got money again. */
    fortsättningsår: number;
    /** The report as a paper of its own: its Dnr, date, signatories and beredning (the round's where it states none). */
    ärende: {
      titel: string;
      /** Undefined when neither the report nor the round states one (a check names it when a paper prints it). */
      dnr: string | undefined;
      datum: string | undefined;
      handläggare: Round["handläggare"];
      undertecknare: Round["undertecknare"];
      beredning: Round["beredning"];
    };
    alla: ReportFigures[];
    /** Research projects' final reports. */
    forskning: ReportFigures[];
    antalForskning: number;
    /** Local projects carried out (research projects apart). */
    genomförda: ReportFigures[];
    ejPåbörjade: ReportFigures[];
    fortsätter: ReportFigures[];
    /** Local projects granted in the reported year: from that year's round where it is known, else the local projects reported on. */
    antalBeviljade: number;
    /** Where antalBeviljade comes from: the reported year's round, or the list of reports. */
    antalKälla: "omgång" | "lista";
    antalGenomförda: number;
    antalEjPåbörjade: number;
    antalFortsätter: number;
    antalEjGodkända: number;
    /** The reports that say what the project did for gender equality, in the round's order. */
    jämställdhet: ReportFigures[];
  };
}

/** The proposal's figures (`f` and `förslag` in templates), with the decision's beside them (`beslut`). */
export interface Figures extends FigureSet {
  beslut: DecisionFigures;
}

/** "Hägersten-Älvsjö" → "hagersten-alvsjo", for file names. */
export function slugify(name: string): string {
  return name
    .toLocaleLowerCase("sv-SE")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Longest slug kept from a name: file names stay well under the 255 bytes file systems allow. */
const SLUG_LENGTH = 60;

/**
 * File names for a list of names: slugs, made unique with -2, -3 … so that
 * two names that differ only in punctuation or script never share a file.
 * A suffix is never one another name already has: "Fårsta", "Farsta" and
 * "Farsta 2" give farsta, farsta-3 and farsta-2, whatever their order.
 */
export function uniqueSlugs(names: string[], fallback: string): string[] {
  const bases = names.map((name) => slugify(name).slice(0, SLUG_LENGTH).replace(/-+$/, "") || fallback);
  // A name's own slug goes to its first holder; later holders get suffixes
  // that no name has as its own slug and no earlier suffix took.
  const taken = new Set<string>();
  const own = new Set(bases);
  return bases.map((base) => {
    if (!taken.has(base)) {
      taken.add(base);
      return base;
    }
    let n = 2;
    while (taken.has(`${base}-${n}`) || own.has(`${base}-${n}`)) n++;
    taken.add(`${base}-${n}`);
    return `${base}-${n}`;
  });
}

/**
 * The key that makes one förvaltning of every way of writing it: the
 * register's identity ("Farsta sdf", "farsta" and "Farsta stadsdelsförvaltning"
 * are Farsta), or for a name the register lacks, the name without case,
 * accents and punctuation.
 */
export const förvaltningKey = (name: string): string => {
  const entry = register().find(name);
  return entry ? `register:${entry.namn}` : `text:${nameKey(name) || name.trim()}`;
};

/** The name a förvaltning is printed by: the register's, or as written when unknown. */
export const förvaltningName = (name: string): string => register().find(name)?.namn ?? name;

function granted(decision: Decision, requested: number, cap: number): number {
  switch (decision.utfall) {
    case "bifall":
      return requested;
    case "delvis_bifall":
      return decision.belopp ?? 0;
    case "maxbelopp":
      return cap;
    case "avslag":
    case "centrala_medel":
      return 0;
  }
}

function applicationFigures(
  app: LumApplication | MulApplication,
  cap: number,
  withdrawn: boolean,
  proposed: Decision,
  maxYears?: number,
): ApplicationFigures {
  const d = app.beslut;
  const lum = "projekt" in app ? app : undefined;
  const mul = "resmål" in app ? app : undefined;
  const beviljat = withdrawn ? 0 : granted(d, app.sökt, cap);
  const föreslaget = granted(proposed, app.sökt, cap);
  const names = applicantNames(app);
  const entries = names.map((n) => register().find(n));
  const förvaltningar = names.map((n, i) => entries[i]?.namn ?? n);
  const formal = names.map((n, i) => entries[i]?.förvaltning ?? n);
  // Several districts share one plural, each in the genitive its official name has:
  // "Skarpnäcks, Enskede-Årsta-Vantörs och Farsta stadsdelsförvaltningar".
  const allDistricts = entries.length > 1 && entries.every((e) => e?.typ === "stadsdelsförvaltning");
  return {
    nr: app.nr,
    id: app.id,
    förvaltning: joinWithAnd(förvaltningar),
    förvaltningar,
    gemensam: names.length > 1,
    förvaltningFormellt: allDistricts ? `${joinWithAnd(entries.map((e) => e!.stam))} stadsdelsförvaltningar` : joinWithAnd(formal),
    förvaltningstyp: entries.every((e) => e?.typ === "fackförvaltning") ? "fackförvaltning" : entries[0]?.typ,
    enhet: app.enhet,
    projekt: lum ? normalizeTitle(lum.projekt) : undefined,
    kortnamn: lum ? (lum.kortnamn ?? normalizeTitle(lum.projekt)) : undefined,
    syfte: mul?.syfte,
    resmål: mul?.resmål,
    beskrivning: app.beskrivning,
    projektår: lum?.projektår,
    fortsättning: (lum?.projektår ?? 1) > 1,
    projektårAv: lum === undefined ? undefined : maxYears === undefined ? String(lum.projektår) : `${lum.projektår} av ${maxYears}`,
    sökt: app.sökt,
    beviljat,
    utfall: d.utfall,
    beviljas: beviljat > 0,
    avslås: !withdrawn && d.utfall === "avslag",
    delvis: !withdrawn && d.utfall === "delvis_bifall",
    maxbelopp: !withdrawn && d.utfall === "maxbelopp",
    centralaMedel: !withdrawn && d.utfall === "centrala_medel",
    centraltBelopp: !withdrawn && d.utfall === "centrala_medel" ? (d.belopp ?? app.sökt) : 0,
    motivering: withdrawn || d.motivering === undefined ? undefined : normalizeReason(d.motivering, lum ? "lum" : "mul"),
    motiveringMening: withdrawn || d.motivering === undefined ? undefined : reasonSentence(d.motivering),
    villkor: withdrawn ? undefined : d.villkor,
    återtagen: withdrawn,
    ändrad: withdrawn || d.utfall !== proposed.utfall || beviljat !== föreslaget,
    föreslaget,
    föreslagetUtfall: proposed.utfall,
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function fundFigures(
  apps: (LumApplication | MulApplication)[],
  cap: number,
  ownFörvaltning: string,
  proposed: (LumApplication | MulApplication)[] = apps,
  withdrawn: ReadonlySet<number> = new Set(),
  maxYears?: number,
): FundFigures {
  const alla = apps.map((a, i) => applicationFigures(a, cap, withdrawn.has(a.nr), proposed[i]!.beslut, maxYears));
  const återtagna = alla.filter((a) => a.återtagen);
  const beviljade = alla.filter((a) => a.beviljas);
  const avslagna = alla.filter((a) => a.avslås);
  const delvisBeviljade = alla.filter((a) => a.delvis);
  const centrala = alla.filter((a) => a.centralaMedel);
  const own = förvaltningKey(ownFörvaltning);
  // Every förvaltning of every application, a joint application's each one counted.
  const each = alla.flatMap((a) => a.förvaltningar).map((name) => ({ key: förvaltningKey(name), entry: register().find(name), name }));
  const others = each.filter((x) => x.key !== own);
  // A name the register lacks is an error in check; until it is fixed it counts as a district.
  const districts = new Set(others.filter((x) => x.entry?.typ !== "fackförvaltning").map((x) => x.key));
  const övriga = [...new Set(others.filter((x) => x.entry?.typ === "fackförvaltning").map((x) => x.entry!.förvaltning))].sort((a, b) =>
    a.localeCompare(b, "sv-SE"),
  );
  return {
    antal: alla.length,
    sökt: sum(alla.map((a) => a.sökt)),
    beviljat: sum(alla.map((a) => a.beviljat)),
    antalBeviljade: beviljade.length,
    antalAvslagna: avslagna.length,
    antalDelvis: delvisBeviljade.length,
    antalCentrala: centrala.length,
    antalStadsdelsförvaltningar: districts.size,
    övrigaFörvaltningar: övriga,
    antalÖvrigaFörvaltningar: övriga.length,
    egenFörvaltningSöker: each.some((x) => x.key === own),
    alla,
    beviljade,
    avslagna,
    delvisBeviljade,
    centrala,
    centralaEnligtFörslag: centrala.filter((a) => !a.ändrad),
    antalCentralaEnligtFörslag: centrala.filter((a) => !a.ändrad).length,
    återtagna,
    antalÅtertagna: återtagna.length,
  };
}

function applicants(lum: FundFigures, mul: FundFigures): ApplicantFigures[] {
  const groups = new Map<string, ApplicantFigures>();
  // A joint application is in the letter of each of its förvaltningar.
  // Its money goes to the förvaltning named first (the project owner), so only
  // that one's sums include it: the letters together grant what the paper proposes.
  const add = (a: ApplicationFigures, fund: "lum" | "mul") => a.förvaltningar.forEach((name, i) => addTo(name, a, fund, i === 0));
  const addTo = (name: string, a: ApplicationFigures, fund: "lum" | "mul", owner: boolean) => {
    const key = förvaltningKey(name);
    let g = groups.get(key);
    if (!g) {
      const entry = register().find(name);
      g = {
        förvaltning: entry?.namn ?? name,
        formellt: entry?.förvaltning ?? name,
        nämnd: entry?.nämnd,
        typ: entry?.typ,
        slug: "",
        lum: [],
        mul: [],
        antal: 0,
        flera: false,
        antalEgna: 0,
        fleraEgna: false,
        medsökande: [],
        sökt: 0,
        beviljat: 0,
        centralt: 0,
      };
      groups.set(key, g);
    }
    g[fund].push(a);
    g.antal += 1;
    g.flera = g.antal > 1;
    if (!owner) {
      g.medsökande.push(a);
      return;
    }
    g.antalEgna += 1;
    g.fleraEgna = g.antalEgna > 1;
    // A withdrawn application was still handed in: it counts among the sought, as its table row shows it.
    g.sökt += a.sökt;
    g.beviljat += a.beviljat;
    g.centralt += a.centraltBelopp;
  };
  lum.alla.forEach((a) => add(a, "lum"));
  mul.alla.forEach((a) => add(a, "mul"));
  const sorted = [...groups.values()].sort((a, b) => a.förvaltning.localeCompare(b.förvaltning, "sv-SE"));
  const slugs = uniqueSlugs(sorted.map((g) => g.förvaltning), "forvaltning");
  sorted.forEach((g, i) => (g.slug = slugs[i]!));
  return sorted;
}

/** A round's LUM as the nämnd decided it: what the reports are about. */
function decidedLum(round: Round): FundFigures {
  const decided = decisionOf(round);
  return fundFigures(decided.lum, round.regler.max_belopp_lum ?? 0, round.förvaltning, round.lum, decided.återtagna.lum, round.regler.max_år_i_rad);
}

function reports(round: Round, lum: FundFigures, previous: Round | undefined): FigureSet["redovisning"] {
  const år = round.redovisning?.år ?? round.år - 1;
  // The round of the year reported on, when that is the round given (2020's papers report on 2018: 2019's round is no help).
  const reported = previous && previous.år === år ? previous : undefined;
  const before = reported ? decidedLum(reported) : undefined;
  const alla: ReportFigures[] = (round.redovisningar ?? []).map((r) => {
    const last = before?.alla.find((a) => a.id === r.id);
    const now = lum.alla.find((a) => a.id === r.id);
    const projekt = r.projekt ?? last?.projekt ?? now?.projekt ?? r.id;
    return {
      id: r.id,
      förvaltning: förvaltningName(r.förvaltning),
      förvaltningFormellt: register().find(r.förvaltning)?.förvaltning ?? r.förvaltning,
      forskning: r.typ === "forskning",
      // The name as the report gives it, else as last year's or this year's round does.
      projekt,
      kortnamn: r.kortnamn ?? last?.kortnamn ?? now?.kortnamn ?? projekt,
      syfte: r.syfte,
      resultat: r.resultat,
      jämställdhet: r.jämställdhet,
      godkänd: r.godkänd,
      ejPåbörjat: r.status === "ej_påbörjat",
      återbetalt: r.återbetalt,
      beviljatFörraÅret: last?.beviljat,
      // As the report states it (2019: granted for the next year, with no applications in the file), else from this year's grants.
      fortsätter: r.fortsätter ?? (now?.beviljat ?? 0) > 0,
      beviljatIÅr: now?.beviljat ?? 0,
    };
  });
  const forskning = alla.filter((r) => r.forskning);
  const lokala = alla.filter((r) => !r.forskning);
  const genomförda = lokala.filter((r) => !r.ejPåbörjat);
  const ejPåbörjade = lokala.filter((r) => r.ejPåbörjat);
  const fortsätter = lokala.filter((r) => r.fortsätter);
  return {
    år,
    fortsättningsår: år + 1,
    ärende: {
      titel: round.redovisning?.titel ?? `Redovisning av lokala utvecklingsprojekt ${år}`,
      dnr: round.redovisning?.dnr ?? round.dnr,
      handläggare: round.redovisning?.handläggare ?? round.handläggare,
      datum: round.redovisning?.datum ?? round.datum,
      undertecknare: round.redovisning?.undertecknare ?? round.undertecknare,
      beredning: round.redovisning?.beredning ?? round.beredning,
    },
    alla,
    forskning,
    antalForskning: forskning.length,
    genomförda,
    ejPåbörjade,
    fortsätter,
    // Never typed: from the reported year's round where it is known, else the local projects listed
    // (a typed antal_beviljade that disagrees is an error in check, antal-stammer-inte).
    antalBeviljade: before ? before.alla.filter((a) => a.beviljas || a.centralaMedel).length : lokala.length,
    antalKälla: before ? "omgång" : "lista",
    antalGenomförda: genomförda.length,
    antalEjPåbörjade: ejPåbörjade.length,
    antalFortsätter: fortsätter.length,
    antalEjGodkända: alla.filter((r) => r.godkänd === false).length,
    jämställdhet: alla.filter((r) => r.jämställdhet !== undefined),
  };
}

/** Every figure the documents print; `previous` is last year's round, when known. */
export function deriveFigures(round: Round, previous?: Round): Figures {
  const decided = decisionOf(round);
  const none: Withdrawn = { lum: new Set(), mul: new Set() };
  const proposal = figureSet(round, round, none, previous);
  // The reports are about what was decided, so both readings share them.
  const decision = figureSet(round, { ...round, lum: decided.lum, mul: decided.mul }, decided.återtagna, previous);
  return { ...proposal, redovisning: decision.redovisning, beslut: { ...decision, ...meetingFigures(round, decision) } };
}

/** The figures of `applied` (the round's applications as proposed, or as decided); `round` gives everything else. */
function figureSet(round: Round, applied: Round, withdrawn: Withdrawn, previous: Round | undefined): FigureSet {
  // A fund with applications has its cap (the schema requires it); 0 stands for none where there are none.
  const lum = fundFigures(applied.lum, round.regler.max_belopp_lum ?? 0, round.förvaltning, round.lum, withdrawn.lum, round.regler.max_år_i_rad);
  const mul = fundFigures(applied.mul, round.regler.max_belopp_mul ?? 0, round.förvaltning, round.mul, withdrawn.mul);
  const sökande = applicants(lum, mul);
  const redovisning = reports(round, lum, previous);
  return {
    fond: {
      lum: { förkortning: round.fonder?.lum?.förkortning ?? "LUM", namn: round.fonder?.lum?.namn ?? "lokala utvecklingsmedel" },
      mul: { förkortning: round.fonder?.mul?.förkortning ?? "MUL", namn: round.fonder?.mul?.namn ?? "medel för utveckling och lärande" },
    },
    lum,
    mul,
    totalt: {
      antal: lum.antal + mul.antal,
      sökt: lum.sökt + mul.sökt,
      beviljat: lum.beviljat + mul.beviljat,
      centraltBelopp: sum([...lum.centrala, ...mul.centrala].map((a) => a.centraltBelopp)),
    },
    harAnsökningar: lum.antal + mul.antal > 0,
    sökande,
    anmälningar: (() => {
      const list = round.anmälningsärenden ?? [];
      const slugs = uniqueSlugs(list.map((a) => a.nämnd ?? "stadsdelsnämnderna"), "stadsdelsnamnd");
      return list.map((a, i) => {
        const own = a.sökande ? redovisning.alla.filter((r) => förvaltningKey(r.förvaltning) === förvaltningKey(a.sökande!)) : [];
        // The nämnd and förvaltning by the register's official names, however the round file writes them.
        const entry = [a.sökande, a.nämnd, a.förvaltning].map((n) => (n === undefined ? undefined : register().find(n))).find((e) => e !== undefined);
        return {
          ...a,
          nämnd: a.nämnd === undefined ? undefined : (entry?.nämnd ?? a.nämnd),
          förvaltning: a.förvaltning === undefined ? undefined : (entry?.förvaltning ?? a.förvaltning),
          ansökningar: a.sökande ? sökande.find((s) => förvaltningKey(s.förvaltning) === förvaltningKey(a.sökande!)) : undefined,
          redovisningar: own,
          antalRedovisningar: own.length,
          slug: slugs[i]!,
        };
      });
    })(),
    redovisning,
  };
}

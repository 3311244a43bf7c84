// Every number the documents print is computed here, once, from the
// validated round, before any template runs. Templates format and place
// these values; they never add, count or filter.
import type { Decision, LumApplication, MulApplication, Outcome, Round } from "../schema/round.js";

export interface ApplicationFigures {
  nr: number;
  id: string;
  förvaltning: string;
  enhet: string | undefined;
  /** Project title (LUM), or purpose and destination (MUL). */
  projekt: string | undefined;
  syfte: string | undefined;
  resmål: string | undefined;
  beskrivning: string | undefined;
  projektår: number | undefined;
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
  motivering: string | undefined;
  villkor: string | undefined;
}

export interface FundFigures {
  antal: number;
  sökt: number;
  beviljat: number;
  antalBeviljade: number;
  antalAvslagna: number;
  antalDelvis: number;
  antalCentrala: number;
  /** Distinct applying förvaltningar other than the round's own. */
  antalStadsdelsförvaltningar: number;
  /** Whether the round's own förvaltning (Socialförvaltningen) applied too. */
  egenFörvaltningSöker: boolean;
  alla: ApplicationFigures[];
  beviljade: ApplicationFigures[];
  avslagna: ApplicationFigures[];
  delvisBeviljade: ApplicationFigures[];
  centrala: ApplicationFigures[];
}

export interface Figures {
  lum: FundFigures;
  mul: FundFigures;
  totalt: { antal: number; sökt: number; beviljat: number; centraltBelopp: number };
}

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
): ApplicationFigures {
  const d = app.beslut;
  const lum = "projekt" in app ? app : undefined;
  const mul = "resmål" in app ? app : undefined;
  const beviljat = granted(d, app.sökt, cap);
  return {
    nr: app.nr,
    id: app.id,
    förvaltning: app.förvaltning,
    enhet: app.enhet,
    projekt: lum?.projekt,
    syfte: mul?.syfte,
    resmål: mul?.resmål,
    beskrivning: app.beskrivning,
    projektår: lum?.projektår,
    sökt: app.sökt,
    beviljat,
    utfall: d.utfall,
    beviljas: beviljat > 0,
    avslås: d.utfall === "avslag",
    delvis: d.utfall === "delvis_bifall",
    maxbelopp: d.utfall === "maxbelopp",
    centralaMedel: d.utfall === "centrala_medel",
    centraltBelopp: d.utfall === "centrala_medel" ? (d.belopp ?? app.sökt) : 0,
    motivering: d.motivering,
    villkor: d.villkor,
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function fundFigures(
  apps: (LumApplication | MulApplication)[],
  cap: number,
  ownFörvaltning: string,
): FundFigures {
  const alla = apps.map((a) => applicationFigures(a, cap));
  const beviljade = alla.filter((a) => a.beviljas);
  const avslagna = alla.filter((a) => a.avslås);
  const delvisBeviljade = alla.filter((a) => a.delvis);
  const centrala = alla.filter((a) => a.centralaMedel);
  const own = ownFörvaltning.toLocaleLowerCase("sv-SE");
  const districts = new Set(
    alla.map((a) => a.förvaltning.toLocaleLowerCase("sv-SE")).filter((f) => f !== own),
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
    egenFörvaltningSöker: alla.some((a) => a.förvaltning.toLocaleLowerCase("sv-SE") === own),
    alla,
    beviljade,
    avslagna,
    delvisBeviljade,
    centrala,
  };
}

export function deriveFigures(round: Round): Figures {
  const lum = fundFigures(round.lum, round.regler.max_belopp_lum, round.förvaltning);
  const mul = fundFigures(round.mul, round.regler.max_belopp_mul, round.förvaltning);
  return {
    lum,
    mul,
    totalt: {
      antal: lum.antal + mul.antal,
      sökt: lum.sökt + mul.sökt,
      beviljat: lum.beviljat + mul.beviljat,
      centraltBelopp: sum([...lum.centrala, ...mul.centrala].map((a) => a.centraltBelopp)),
    },
  };
}

// The Swedish words a reviewer reads for each thing the comparison names.
import type { Outcome } from "../schema/round.js";
import type { ApplicationField, ListChange } from "./compare.js";

export const OUTCOME: Record<Outcome, string> = {
  bifall: "bifall",
  delvis_bifall: "delvis bifall",
  maxbelopp: "maxbelopp",
  avslag: "avslag",
  centrala_medel: "centrala medel",
};

export const FIELD: Record<ApplicationField, string> = {
  utfall: "Beslut",
  beviljat: "Beviljat",
  centraltBelopp: "Centrala medel",
  sökt: "Sökt",
  projektår: "Projektår",
  motivering: "Motivering",
  villkor: "Villkor",
  samordnas_med: "Samordnas med",
  projekt: "Projektnamn",
  resmål: "Resmål",
  syfte: "Syfte",
  förvaltning: "Förvaltning",
  enhet: "Enhet",
  beskrivning: "Beskrivning",
  nr: "Nummer",
  övrigt: "Övrigt",
};

export const LIST: Record<ListChange["key"], string> = {
  huvudkriterier: "Huvudkriterier",
  prioriterade_områden: "Prioriterade områden",
};

export const VALUE: Record<string, string> = {
  "regler.max_belopp_lum": "Högsta belopp per LUM-ansökan",
  "regler.max_belopp_mul": "Högsta belopp per studiebesök (MUL)",
  "regler.max_beviljade_lum_per_förvaltning": "Högsta antal beviljade LUM-projekt per förvaltning",
  "regler.max_beviljade_mul_per_förvaltning": "Högsta antal beviljade studiebesök per förvaltning",
  "regler.max_år_i_rad": "Högsta antal år i rad för ett projekt",
  "regler.minskning_fortsättningsprojekt": "Minskning för fortsättningsprojekt",
  "regler.minskning_fortsättningsprojekt.motivering": "Motivering till minskningen",
  "regler.ram": "Ram för hela fördelningen",
  "ansökningsperiod.från": "Ansökningsperioden börjar",
  "ansökningsperiod.till": "Ansökningsperioden slutar",
  "beredning.förvaltningsgruppen": "Behandlas i förvaltningsgruppen",
  "beredning.funktionshinderrådet": "Rådet för funktionshinderfrågor",
  datum: "Tjänsteutlåtandets datum",
  återbetalning_senast: "Återbetalning anmäls senast",
  titel: "Titel",
  dnr: "Dnr",
  nämnd: "Nämnd",
  förvaltning: "Förvaltning",
  avdelning: "Avdelning",
  handläggare: "Handläggare",
  undertecknare: "Undertecknare",
};

export const FUND: Record<"lum" | "mul" | "totalt", string> = { lum: "LUM", mul: "MUL", totalt: "Totalt" };

/** What an absent value means, where "(inte angivet)" would read oddly. */
export const ABSENT: Record<string, string> = {
  "regler.minskning_fortsättningsprojekt": "ingen minskning",
  "regler.minskning_fortsättningsprojekt.motivering": "ingen motivering",
  "regler.max_beviljade_lum_per_förvaltning": "ingen gräns",
  "regler.max_beviljade_mul_per_förvaltning": "ingen gräns",
  "regler.max_år_i_rad": "ingen gräns",
  "regler.ram": "ingen ram",
  villkor: "inget villkor",
};

/** Headings for the parts of a round that are compared generically. */
export const SECTION: Record<string, string> = {
  sammanträde: "Sammanträde",
  redovisningar: "Redovisningar",
  anmälningsärenden: "Anmälningsärenden",
  regler: "Övriga regler",
  beredning: "Övrig beredning",
};

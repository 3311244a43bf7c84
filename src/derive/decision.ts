// The nämnd's decision, derived once from the proposal and the meeting.
//
// The round file holds two records that are never mixed: the förvaltning's
// proposal (each application's `beslut:`, which the tjänsteutlåtande prints)
// and what the nämnd did at its meeting (`sammanträde:`: changes per
// application, withdrawals, återremiss or bordläggning). Here the second is
// applied to the first, giving the applications as decided; figures.ts
// computes every sum from them, and the papers after the meeting print those.
import { joinWithAnd } from "../format/swedish.js";
import type { Decision, LumApplication, Meeting, MulApplication, Round } from "../schema/round.js";
import type { ApplicationFigures, FigureSet } from "./figures.js";

/** Application numbers withdrawn before the meeting, per fund. */
export type Withdrawn = Record<"lum" | "mul", ReadonlySet<number>>;

/** The applications as the nämnd decided them, and those withdrawn. */
export interface DecidedApplications {
  lum: LumApplication[];
  mul: MulApplication[];
  återtagna: Withdrawn;
}

/** True when a meeting has decided the matter (not återremiss or bordläggning). */
export const decidedAt = (round: Round): Meeting | undefined => (round.sammanträde?.utfall === "beslut" ? round.sammanträde : undefined);

/**
 * The applications with the deciding meeting's changes applied. A change
 * replaces the proposed `beslut:` of the application with its number (the
 * change's own fields, nothing carried over: the proposal's reason is the
 * förvaltning's, not the nämnd's). Without a deciding meeting the proposal
 * stands as it is.
 */
export function decisionOf(round: Round): DecidedApplications {
  const meeting = decidedAt(round);
  const apply = <A extends LumApplication | MulApplication>(apps: A[], fund: "lum" | "mul"): A[] =>
    apps.map((app) => {
      const change = meeting?.ändringar?.[fund]?.find((c) => c.nr === app.nr);
      if (!change) return app;
      const { nr: _nr, ...fields } = change;
      const beslut: Decision = fields;
      return { ...app, beslut };
    });
  return {
    lum: apply(round.lum, "lum"),
    mul: apply(round.mul, "mul"),
    återtagna: { lum: new Set(meeting?.återtagna?.lum ?? []), mul: new Set(meeting?.återtagna?.mul ?? []) },
  };
}

/** A changed application, with the fund it belongs to (as the round calls it: LUM, MUL or MUST). */
export type ChangeFigures = ApplicationFigures & { fond: string };

/** Names as a template prints them: "Anna Ek (V) och Bo Ek (V)". */
const names = (value: string | string[]) => (typeof value === "string" ? value : joinWithAnd(value));
const many = (value: string | string[]) => typeof value !== "string" && value.length > 1;
const votes = (value: number | string[] | undefined) => (value === undefined ? 0 : typeof value === "number" ? value : value.length);
const voters = (value: number | string[] | undefined) => (value === undefined || typeof value === "number" ? undefined : joinWithAnd(value));

/** One meeting, as its protokollsutdrag prints it. Figures that need adding are added here, not in templates. */
export interface MeetingFigures {
  datum: string;
  paragraf: number;
  beslutat: boolean;
  återremiss: boolean;
  bordläggning: boolean;
  skäl: string | undefined;
  jäv: { namn: string; skäl: string | undefined }[];
  yrkanden: { av: string; flera: boolean; yrkande: string; bifalls: boolean }[];
  /** Who moved the yrkande the nämnd adopted without a vote; undefined when it adopted the förvaltning's proposal. */
  bifalletYrkande: string | undefined;
  beslutsgång: string | undefined;
  omröstning:
    | {
        ja: string;
        nej: string;
        jaRöster: number;
        nejRöster: number;
        avstår: number;
        jaNamn: string | undefined;
        nejNamn: string | undefined;
        avstårNamn: string | undefined;
        /** The side the chair's casting vote gave, at a tie. */
        utslagsröst: string | undefined;
        /** The proposal that won: the side with more votes, or at a tie the side of the chair's casting vote. */
        vinnare: string;
      }
    | undefined;
  reservationer: { av: string; flera: boolean; till_förmån_för: string; text: string | undefined }[];
  särskildaUttalanden: { av: string; flera: boolean; text: string }[];
  justeras_omedelbart: boolean;
  justering: { ordförande: string; justerare: string; justerareLista: string[]; datum: string | undefined } | undefined;
  sekreterare: { namn: string; titel: string };
}

export function meetingOf(m: Meeting): MeetingFigures {
  const ja = votes(m.omröstning?.ja_röster);
  const nej = votes(m.omröstning?.nej_röster);
  return {
    datum: m.datum,
    paragraf: m.paragraf,
    beslutat: m.utfall === "beslut",
    återremiss: m.utfall === "återremiss",
    bordläggning: m.utfall === "bordläggning",
    skäl: m.skäl,
    jäv: (m.jäv ?? []).map((j) => ({ namn: j.namn, skäl: j.skäl })),
    yrkanden: (m.yrkanden ?? []).map((y) => ({ av: names(y.av), flera: many(y.av), yrkande: y.yrkande, bifalls: y.bifalls })),
    bifalletYrkande: (m.yrkanden ?? []).filter((y) => y.bifalls).map((y) => names(y.av))[0],
    beslutsgång: m.beslutsgång,
    omröstning: m.omröstning && {
      ja: m.omröstning.ja,
      nej: m.omröstning.nej,
      jaRöster: ja,
      nejRöster: nej,
      avstår: votes(m.omröstning.avstår),
      jaNamn: voters(m.omröstning.ja_röster),
      nejNamn: voters(m.omröstning.nej_röster),
      avstårNamn: voters(m.omröstning.avstår),
      utslagsröst: ja === nej ? m.omröstning.utslagsröst : undefined,
      vinnare: nej > ja || (ja === nej && m.omröstning.utslagsröst === "nej") ? m.omröstning.nej : m.omröstning.ja,
    },
    reservationer: (m.reservationer ?? []).map((r) => ({ av: names(r.av), flera: many(r.av), till_förmån_för: r.till_förmån_för, text: r.text })),
    särskildaUttalanden: (m.särskilda_uttalanden ?? []).map((u) => ({ av: names(u.av), flera: many(u.av), text: u.text })),
    justeras_omedelbart: m.justeras_omedelbart,
    justering: m.justering && {
      ordförande: m.justering.ordförande,
      justerare: joinWithAnd(m.justering.justerare),
      justerareLista: m.justering.justerare,
      datum: m.justering.datum,
    },
    sekreterare: m.sekreterare,
  };
}

/** What the papers after the meeting need beyond the decided sums. */
export interface DecisionFigures extends FigureSet {
  /** A meeting decided the matter: beslutsmeddelanden and anmälningsärenden are written. */
  beslutat: boolean;
  /** The latest meeting (the one that decided, or that sent the matter back or postponed it). */
  sammanträde: MeetingFigures | undefined;
  /** Earlier meetings that sent the matter back or postponed it, oldest first. */
  tidigareSammanträden: MeetingFigures[];
  /** The nämnd decided otherwise than proposed for at least one application (a change or a withdrawal). */
  ändrat: boolean;
  /** Applications whose outcome or amount the nämnd changed, LUM first, in the file's order. */
  ändringar: ChangeFigures[];
  /** Applications withdrawn before the meeting, LUM first. */
  återtagna: ChangeFigures[];
}

export function meetingFigures(round: Round, decision: FigureSet): Omit<DecisionFigures, keyof FigureSet> {
  const tagged = (fund: "lum" | "mul") => decision[fund].alla.map((a) => ({ ...a, fond: decision.fond[fund].förkortning }));
  const all = [...tagged("lum"), ...tagged("mul")];
  const ändringar = all.filter((a) => a.ändrad && !a.återtagen);
  const återtagna = all.filter((a) => a.återtagen);
  return {
    beslutat: decidedAt(round) !== undefined,
    sammanträde: round.sammanträde && meetingOf(round.sammanträde),
    tidigareSammanträden: (round.tidigare_sammanträden ?? []).map(meetingOf),
    ändrat: ändringar.length + återtagna.length > 0,
    ändringar,
    återtagna,
  };
}

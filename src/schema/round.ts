// The one definition of a round file. The TypeScript types of a round come
// from this schema (z.infer), and so does the JSON Schema that editors use.
// Keys are Swedish words the secretary reads; every object is strict, so a
// misspelt key is an error rather than silently ignored.
import { z } from "zod";

/** Keys whose values are amounts; load-round.ts keeps their numbers' source text (see there). */
export const AMOUNT_KEYS = ["sökt", "belopp", "max_belopp_lum", "max_belopp_mul", "ram", "återbetalt"] as const;

/** The largest amount a round may hold: a thousand billion kronor, far below 2^53. */
export const MAX_AMOUNT = 999_999_999_999;

const TOO_BIG = "är orimligt stort: ett belopp får vara högst 999 999 999 999 kronor";

const AMOUNT_TEXT = /^\s*(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)\s*(?:kr|kronor)?\s*$/;

/**
 * Whole kronor. Accepts 500000, "500 000" and "500 000 kr" (digit groups of
 * three, separated by spaces); anything else, such as "500.000" or "5,5",
 * is ambiguous and an error.
 */
export const amount = z
  .union(
    [
      z
        .number()
        .int({ error: (i) => (Math.abs(i.input as number) > MAX_AMOUNT ? TOO_BIG : "ska vara i hela kronor, utan ören"), abort: true })
        .nonnegative()
        .refine((n) => !Object.is(n, -0)),
      z
        .string()
        .regex(AMOUNT_TEXT)
        .transform((s) => Number(AMOUNT_TEXT.exec(s)![1]!.replace(/[ \u00a0\u202f]/g, ""))),
    ],
    {
      error: (issue) => {
        const input = issue.input;
        if ((typeof input === "number" && (input < 0 || Object.is(input, -0))) || (typeof input === "string" && /^\s*-/.test(input))) {
          return "får inte vara negativt";
        }
        if (typeof input === "number" && input > MAX_AMOUNT) return TOO_BIG;
        if (typeof input === "number" && !Number.isInteger(input)) return "ska vara i hela kronor, utan ören";
        if (typeof input === "string" && /^\d{1,3}([.,]\d{3})+$/.test(input.trim())) {
          const digits = input.trim().replace(/[.,]/g, "");
          return `är tvetydigt: punkt och komma används inte i belopp. Skriv ${digits.replace(/\B(?=(\d{3})+$)/g, " ")} eller ${digits}`;
        }
        if (typeof input === "string" && /^\d+[.,]\d{1,2}$/.test(input.trim())) return "ska vara i hela kronor, utan ören";
        return 'ska vara ett belopp i hela kronor, till exempel 500000 eller "500 000 kr"';
      },
    },
  )
  // A digit string of any length is a number; past this, figures stop being
  // exact (2^53) and "totalt ∞ kronor" is printed. No round comes near it.
  .refine((n) => n <= MAX_AMOUNT, { error: TOO_BIG })
  .describe('Belopp i hela kronor: 500000, "500 000" eller "500 000 kr".');

/** An amount that must be at least 1 krona (a sought amount, a cap, a frame). */
const positiveAmount = amount.refine((n) => n >= 1, { error: "ska vara minst 1 krona" });

/** A calendar date written as YYYY-MM-DD. */
export const isoDate = z
  .string({ error: "ska vara ett datum på formen ÅÅÅÅ-MM-DD, till exempel 2024-06-02" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "ska vara ett datum på formen ÅÅÅÅ-MM-DD, till exempel 2024-06-02", abort: true })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, { error: "är inte ett datum som finns i kalendern", abort: true })
  .refine((s) => s >= "1980-01-01" && s <= "2099-12-31", { error: "ligger utanför åren 1980–2099; kontrollera årtalet" });

/** A whole number in [min, max], with a message that says so in Swedish. */
const whole = (what: string, min: number, max?: number) =>
  z
    .number({ error: `ska vara ${what}` })
    .int({ error: `ska vara ${what}` })
    .min(min, { error: `ska vara minst ${min}` })
    .max(max ?? Number.MAX_SAFE_INTEGER, { error: `ska vara högst ${max}` });

// Text is trimmed and put in Unicode NFC form, so "Ö" typed as O + ¨ (as some
// systems paste it) is the same letter as a precomposed "Ö" everywhere.
const text = z.string({ error: "ska vara en text" }).trim().normalize("NFC").min(1, { error: "får inte vara tom" });

const person = z.strictObject({
  namn: text.describe("Personens namn, till exempel Eva Eriksson."),
  titel: text.describe("Personens titel, till exempel förvaltningschef."),
});

/** Who handles a paper: name and telephone, printed in its heading. */
const caseOfficer = z.strictObject({
  namn: text.describe("Handläggarens namn."),
  telefon: text.describe("Handläggarens telefonnummer, till exempel 08-508 25 000."),
});

/** When the paper was prepared with the förvaltningsgrupp and the funktionshinderråd. */
const preparation = z.strictObject({
  förvaltningsgruppen: isoDate.optional().describe("Datum då ärendet behandlades i förvaltningsgruppen."),
  funktionshinderrådet: isoDate.optional().describe("Datum då ärendet behandlades i funktionshinderrådet."),
});

/** A stable identity that follows an application through edits and years. */
const identity = z
  .string({ error: "ska vara en text" })
  .regex(/^[a-z0-9åäö]+(?:-[a-z0-9åäö]+)*$/, {
    error: "ska vara gemener, siffror och bindestreck, till exempel \"tidigt-stod-eu-medborgare\"",
  });

export const outcomes = ["bifall", "delvis_bifall", "maxbelopp", "avslag", "centrala_medel"] as const;

/**
 * The decision on one application. "bifall" grants what was asked,
 * "maxbelopp" grants the round's cap; neither stores an amount, since both
 * follow from the data. "delvis_bifall" stores the reduced amount.
 */
const decisionFields = {
  utfall: z
    .enum(outcomes, {
      error: `ska vara ett av: ${outcomes.join(", ")}`,
    })
    .describe("Beslutet: bifall (det sökta), delvis_bifall (med belopp), maxbelopp, avslag eller centrala_medel."),
  belopp: amount.optional().describe("Beviljat belopp. Anges bara vid delvis_bifall."),
  motivering: text.optional().describe("Motivering. Krävs för alla beslut utom bifall."),
  villkor: text.optional().describe("Villkor för beslutet, till exempel samordning med en annan ansökan."),
  undantag: z
    .array(
      z.strictObject({
        regel: z.string({ error: "ska vara koden för regeln, till exempel max-per-forvaltning" }).describe("Koden för regeln som inte följs."),
        motivering: text.describe("Varför beslutet avviker från regeln."),
      }),
    )
    .optional()
    .describe("Medvetna avsteg från en regel, med motivering. Regelns fel blir då en notering."),
  samordnas_med: z.array(whole("ett ansökningsnummer", 1)).optional().describe("Nummer på ansökningar som villkoret hänvisar till."),
};

/** An amount is stored only where it does not follow from the outcome. */
const checkDecision = (d: { utfall: Outcome; belopp?: number }, ctx: z.RefinementCtx) => {
  if (d.utfall === "delvis_bifall" && d.belopp === undefined) {
    ctx.addIssue({ code: "custom", path: ["belopp"], message: "saknas: vid delvis_bifall ska det beviljade beloppet anges" });
  }
  if ((d.utfall === "bifall" || d.utfall === "maxbelopp" || d.utfall === "avslag") && d.belopp !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["belopp"],
      message: `ska inte anges vid ${d.utfall}: beloppet följer av beslutet (ta bort raden)`,
    });
  }
};

const decision = z.strictObject(decisionFields).superRefine(checkDecision);

/** A change the nämnd made to the proposal for one application: its outcome as decided, in the same words as a proposal's `beslut:`. */
const change = z
  .strictObject({
    nr: whole("ett ansökningsnummer (ett heltal från 1)", 1).describe("Ansökans nummer, som under lum: eller mul:."),
    ...decisionFields,
  })
  .superRefine(checkDecision);

/** A name, or a list of names ("Anna Ek (S)", or a party: "Vänsterpartiet"). */
const names = z
  .union([text, z.array(text, { error: "ska vara ett namn eller en lista med namn" }).min(1, { error: "ska ha minst ett namn" })], {
    error: "ska vara ett namn, till exempel \"Anna Ek (V)\", eller en lista med namn",
  });

/** A count of votes, or who voted: 7, or [Anna Ek (S), Bo Ek (M)]. */
const votes = z.union([whole("ett antal röster", 0), z.array(text).min(1)], {
  error: "ska vara ett antal röster, till exempel 7, eller en lista med ledamöternas namn",
});

const meetingOutcomes = ["beslut", "återremiss", "bordläggning"] as const;

/** One meeting of the nämnd at which the ärende was on the agenda. */
const meeting = z
  .strictObject({
    datum: isoDate.describe("Sammanträdets datum."),
    paragraf: whole("ett paragrafnummer, till exempel 15", 1).describe("Paragrafen i protokollet, till exempel 15."),
    utfall: z
      .enum(meetingOutcomes, { error: "ska vara beslut, återremiss eller bordläggning" })
      .default("beslut")
      .describe("beslut (förval): nämnden beslutade i ärendet. återremiss: ärendet skickades tillbaka till förvaltningen (skäl: krävs). bordläggning: ärendet sköts upp till ett senare sammanträde."),
    skäl: text.optional().describe("Varför ärendet återremitterades eller bordlades, som det står i protokollet."),
    beslut: z
      .literal("enligt_förslag", {
        error: "kan bara vara enligt_förslag. Nämndens ändringar skrivs under ändringar: (ett nytt utfall per ansökan), inte som fri text",
      })
      .optional()
      .describe("Behövs inte: utan ändringar: och återtagna: beslutar nämnden enligt förslaget."),
    ändringar: z
      .strictObject({
        lum: z.array(change).min(1).optional().describe("Ändrade LUM-ansökningar: nr: och det nya beslutet (utfall:, belopp:, motivering: …)."),
        mul: z.array(change).min(1).optional().describe("Ändrade MUL-ansökningar: nr: och det nya beslutet."),
      })
      .optional()
      .describe("Ansökningar där nämnden beslutade något annat än förvaltningen föreslog, per fond och ansökningsnummer."),
    återtagna: z
      .strictObject({
        lum: z.array(whole("ett ansökningsnummer", 1)).min(1).optional().describe("Numren på de återtagna LUM-ansökningarna, till exempel [3, 7]."),
        mul: z.array(whole("ett ansökningsnummer", 1)).min(1).optional().describe("Numren på de återtagna MUL-ansökningarna."),
      })
      .optional()
      .describe("Ansökningar som den sökande drog tillbaka före sammanträdet; de avskrivs och beviljas inget."),
    ram_överskrids: text.optional().describe("Varför nämndens beslut medvetet fördelar mer än ramen."),
    jäv: z
      .array(z.strictObject({ namn: text.describe("Ledamoten, till exempel \"Anna Ek (S)\"."), skäl: text.optional().describe("Skälet till jävet, om det står i protokollet.") }))
      .min(1)
      .optional()
      .describe("Ledamöter som anmälde jäv och inte deltog i ärendet."),
    yrkanden: z
      .array(
        z.strictObject({
          av: names.describe("Vem som yrkade: ledamöter eller ett parti."),
          yrkande: text.describe("Vad de yrkade, som det står i protokollet: \"att ansökan nr 2 beviljas 150 000 kronor\"."),
          bifalls: z
            .boolean({ error: "ska vara true (ja) eller false (nej)" })
            .default(false)
            .describe("true för det yrkande nämnden biföll; annars beslutade nämnden enligt förvaltningens förslag (eller enligt omröstningen)."),
        }),
      )
      .min(1)
      .optional()
      .describe("Yrkanden utöver förvaltningens förslag."),
    beslutsgång: text
      .optional()
      .describe("Beslutsgången som den står i protokollet, när den inte följer av yrkanden: och omröstning: (propositionsordning med flera förslag)."),
    omröstning: z
      .strictObject({
        ja: text.describe("Vad ja innebär, till exempel \"förvaltningens förslag\"."),
        nej: text.describe("Vad nej innebär, till exempel \"Vänsterpartiets yrkande\"."),
        ja_röster: votes.describe("Hur många som röstade ja, eller vilka: 7, eller [Anna Ek (S), Bo Ek (M)]."),
        nej_röster: votes.describe("Hur många som röstade nej, eller vilka."),
        avstår: votes.optional().describe("Hur många som avstod, eller vilka."),
        utslagsröst: z
          .enum(["ja", "nej"], { error: "ska vara ja eller nej" })
          .optional()
          .describe("Vid lika röstetal: vilken sida ordföranden gav sin utslagsröst."),
      })
      .superRefine((o, ctx) => {
        const count = (v: number | string[] | undefined) => (v === undefined ? 0 : typeof v === "number" ? v : v.length);
        if (count(o.ja_röster) === count(o.nej_röster) && o.utslagsröst === undefined) {
          ctx.addIssue({ code: "custom", path: ["utslagsröst"], message: "saknas: omröstningen slutade lika; ange vilken sida ordförandens utslagsröst gav, ja eller nej" });
        }
      })
      .optional()
      .describe("Omröstning: vad ja och nej innebär och hur många (eller vilka) som röstade ja, nej eller avstod."),
    reservationer: z
      .array(
        z.strictObject({
          av: names.describe("Ledamöterna eller partiet som reserverade sig."),
          till_förmån_för: text.default("eget förslag").describe("Förslaget de reserverade sig till förmån för; förval \"eget förslag\"."),
          text: text.optional().describe("Den skriftliga reservationen, som den lämnades till sekreteraren."),
        }),
      )
      .min(1)
      .optional()
      .describe("Reservationer mot beslutet."),
    särskilda_uttalanden: z
      .array(z.strictObject({ av: names.describe("Ledamöterna eller partiet som lämnade uttalandet."), text: text.describe("Uttalandet.") }))
      .min(1)
      .optional()
      .describe("Uttalanden som inte går emot beslutet."),
    justeras_omedelbart: z
      .boolean({ error: "ska vara true (ja) eller false (nej)" })
      .default(false)
      .describe("true när paragrafen justerades omedelbart vid sammanträdet."),
    justering: z
      .strictObject({
        ordförande: text.describe("Ordföranden som justerade."),
        justerare: z
          .array(text, { error: "ska vara en lista med namn" })
          .min(1, { error: "ska ha minst en justerare" })
          .describe("Ledamöterna som justerade protokollet, utöver ordföranden."),
        datum: isoDate.optional().describe("Dagen protokollet justerades; utelämnas när paragrafen justerades omedelbart."),
      })
      .optional()
      .describe("Vilka som justerade protokollet, och när. Ger justeringen och \"Utdraget bestyrks\" i protokollsutdraget."),
    sekreterare: person.describe("Nämndens sekreterare, som skriver under protokollsutdraget."),
  })
  .superRefine((m, ctx) => {
    if (m.utfall === "återremiss" && m.skäl === undefined) {
      ctx.addIssue({ code: "custom", path: ["skäl"], message: "saknas: vid återremiss ska skälet anges, som det står i protokollet" });
    }
    if (m.utfall !== "beslut") {
      for (const key of ["ändringar", "återtagna", "reservationer", "ram_överskrids"] as const) {
        if (m[key] !== undefined) {
          ctx.addIssue({ code: "custom", path: [key], message: `ska inte anges vid ${m.utfall}: nämnden beslutade inte i sak (ta bort det, eller ändra utfall:)` });
        }
      }
    }
    if (m.justering && m.justering.datum === undefined && !m.justeras_omedelbart) {
      ctx.addIssue({ code: "custom", path: ["justering", "datum"], message: "saknas: ange dagen protokollet justerades, eller justeras_omedelbart: true" });
    }
  });

const applicant = {
  nr: whole("ett ansökningsnummer (ett heltal från 1)", 1).describe("Ansökans nummer i bilagan, 1, 2, 3 …"),
  id: identity.describe("Ansökans id, som följer den genom ändringar och år, till exempel tidigt-stod-eu-medborgare."),
  förvaltning: z
    .union([text, z.array(text, { error: "ska vara en förvaltning eller en lista med förvaltningar" }).min(1, { error: "ska ha minst en förvaltning" })], {
      error: "ska vara en förvaltning, till exempel Farsta, eller en lista med förvaltningar, till exempel [Farsta, Skarpnäck]",
    })
    .describe("Sökande förvaltning, till exempel Farsta eller Socialförvaltningen; en gemensam ansökan från flera förvaltningar skrivs som en lista: [Skarpnäck, Enskede-Årsta-Vantör, Farsta]."),
  enhet: text.optional().describe("Enhet eller avdelning inom förvaltningen."),
  sökt: positiveAmount,
  beslut: decision.describe("Förvaltningens förslag till beslut om ansökan."),
};

export const lumApplication = z.strictObject({
  ...applicant,
  projekt: text.describe("Projektets namn, som det står i bilagan."),
  kortnamn: text.optional().describe("Projektets korta namn, som löptexten använder det, till exempel Kristeamet eller LIHF; utelämnas det används projektets namn."),
  beskrivning: text.optional().describe("Kort beskrivning av projektet."),
  projektår: whole("projektets år i ordningen, till exempel 1, 2 eller 3", 1, 10).default(1).describe("Projektets år i ordningen: 1 för ett nytt projekt, 2 eller 3 för ett som fortsätter."),
});

export const mulApplication = z.strictObject({
  ...applicant,
  resmål: text.describe("Ort eller land för studiebesöket, till exempel Göteborg."),
  syfte: text.describe("Vad besöket gäller, till exempel Verksamhetsbesök."),
  beskrivning: text.optional().describe("Kort beskrivning av studiebesöket."),
});

export const rules = z.strictObject({
  max_belopp_lum: positiveAmount.optional().describe("Högsta belopp per LUM-ansökan och år. Behövs när filen har LUM-ansökningar eller en text skriver ut det."),
  max_belopp_mul: positiveAmount.optional().describe("Högsta belopp per studiebesök. Behövs när filen har MUL-ansökningar eller en text skriver ut det."),
  max_beviljade_lum_per_förvaltning: whole("ett antal ansökningar", 1).optional().describe("Högst så många beviljade LUM-ansökningar per förvaltning."),
  max_beviljade_mul_per_förvaltning: whole("ett antal ansökningar", 1).optional().describe("Högst så många beviljade MUL-ansökningar per förvaltning."),
  max_år_i_rad: whole("ett antal år", 1).optional().describe("Högst så många år i rad som ett projekt kan få medel."),
  minskning_fortsättningsprojekt: z
    .strictObject({
      procent: z.number({ error: "ska vara ett tal mellan 0 och 100" }).min(0).max(100).describe("Hur mycket beviljade medel minskas, i procent av sökt belopp."),
      från_projektår: whole("ett projektår, till exempel 2", 2).default(2).describe("Första projektår som minskningen gäller."),
      motivering: text.optional().describe("Varför minskningen görs, som den står i tjänsteutlåtandet."),
    })
    .optional()
    .describe("Minskning för projekt som fortsätter (2023: 20 procent för år 2–3)."),
  ram: positiveAmount.optional().describe("Ram för hela fördelningen, om nämnden har beslutat en."),
  ram_ungefärlig: z
    .boolean({ error: "ska vara true (ja) eller false (nej)" })
    .optional()
    .describe("true när ramen är ungefärlig (2015: \"ca 3 000 000 kr\"); texten kan då skriva \"ca\"."),
  ram_överskrids: text
    .optional()
    .describe("Varför förslaget medvetet fördelar mer än ramen (2015). Då är det en notering, inte ett fel, att ramen överskrids."),
});

/** What a fund is called in a round's papers: LUM and MUL today, MUST ("Mutual Study Visits") in 2015. */
const fundName = z.strictObject({
  förkortning: text.describe("Förkortningen i texten, till exempel MUL eller MUST."),
  namn: text.optional().describe("Det utskrivna namnet, till exempel Mutual Study Visits."),
});

export const round = z.strictObject({
  år: whole("ett årtal, till exempel 2024", 2000, 2100).describe("Året vars medel ärendet gäller, till exempel 2024 (filen heter som året)."),
  fonder: z
    .strictObject({
      lum: fundName.optional().describe("Vad LUM heter i årets ärende."),
      mul: fundName.optional().describe("Vad MUL heter i årets ärende (2015: MUST)."),
    })
    .optional()
    .describe("Vad fonderna heter i årets ärende, om inte LUM och MUL (2015: MUST, Mutual Study Visits)."),
  titel: text.optional().describe("Behövs när ett dokument som byggs skriver ut den. Ärendets titel, till exempel Fördelning av lokala utvecklingsmedel och medel för utveckling och lärande 2024."),
  nämnd: text.describe("Nämnden som beslutar, till exempel Socialnämnden."),
  förvaltning: text.describe("Förvaltningen som skriver ärendet, till exempel Socialförvaltningen."),
  avdelning: text.describe("Avdelningen som skriver ärendet, till exempel Avdelningen för stadsövergripande sociala frågor."),
  dnr: text.optional().describe("Tjänsteutlåtandets diarienummer, till exempel 3.2-123/2024. Behövs när ett dokument som byggs skriver ut det."),
  datum: isoDate.optional().describe("Tjänsteutlåtandets datum. Behövs när ett dokument som byggs skriver ut det."),
  handläggare: caseOfficer.optional().describe("Handläggaren som står i tjänsteutlåtandets sidhuvud. Behövs när ett dokument som byggs skriver ut den."),
  undertecknare: z
    .array(person, { error: "ska vara en lista med namn och titel" })
    .min(1, { error: "ska ha minst en person" })
    .optional()
    .describe("De som undertecknar tjänsteutlåtandet, i ordning: namn och titel. Behövs när ett dokument som byggs skriver ut dem."),
  huvudkriterier: z
    .array(text, { error: "ska vara en lista" })
    .min(1, { error: "ska ha minst ett kriterium" })
    .optional()
    .describe("Huvudkriterierna för att beviljas medel, en per rad. Behövs när ett dokument som byggs skriver ut dem."),
  prioriterade_områden: z.array(text, { error: "ska vara en lista" }).optional().describe("Årets prioriterade områden, ett per rad. Behövs när ett dokument som byggs skriver ut dem."),
  regler: rules.default({}).describe("Årets regler: maxbelopp, högsta antal per förvaltning, ram."),
  ansökningsperiod: z
    .strictObject({ från: isoDate.describe("Första dag att söka."), till: isoDate.describe("Sista dag att söka.") })
    .optional()
    .describe("När förvaltningarna kan söka (i en inriktning för nästa år)."),
  beredning: preparation
    .extend({
      fou_rådet: text
        .optional()
        .describe("Vilka FoU-rådet består av, som det står i tjänsteutlåtandet (2015: \"fem avdelningschefer samt chefen från strategiska enheten på socialförvaltningen\")."),
    })
    .default({})
    .describe("Ärendets beredning: när det behandlades i förvaltningsgruppen och funktionshinderrådet, och vilka FoU-rådet består av."),
  fou_plan: z
    .strictObject({ antagen: isoDate.describe("Sammanträdet då nämnden antog planen för medel till forskning och utveckling.") })
    .optional()
    .describe("Nämndens plan för FoU-medel för året (2015: antagen den 27 januari)."),
  workshops: z
    .strictObject({
      tillfällen: whole("ett antal tillfällen", 1).describe("Hur många gånger workshops inför ansökan erbjöds."),
      samarbete: text.optional().describe("Vem de hölls i samarbete med, till exempel Stockholms universitet."),
    })
    .optional()
    .describe("Workshops inför ansökan som erbjöds de sökande (2015)."),
  förslagets_inriktning: z
    .strictObject({
      lum: text.optional().describe("Vad de lokala utvecklingsprojekt som föreslås få medel handlar om, som meningar i tjänsteutlåtandet."),
      mul: text.optional().describe("Vad de studiebesök som föreslås få medel handlar om."),
    })
    .optional()
    .describe("Vad förslaget som helhet inriktar sig på, med andelar som \"majoriteten\" som hör till årets ansökningar (2015)."),
  återbetalning_senast: isoDate
    .optional()
    .describe("Sista dag att meddela återbetalning. Utelämnas när årets ärende inte anger någon; då skrivs inget datum ut."),
  redovisningar: z
    .array(
      z.strictObject({
        id: identity.describe("Projektets id i förra årets omgångsfil."),
        förvaltning: text.describe("Förvaltningen som drev projektet, till exempel Farsta."),
        projekt: text.optional().describe("Projektets namn; hämtas från förra årets fil om det utelämnas."),
        kortnamn: text.optional().describe("Projektets korta namn, som löptexten använder det, till exempel LIHF; utelämnas det används projektets namn."),
        status: z
          .enum(["genomfört", "ej_påbörjat"], { error: "ska vara genomfört eller ej_påbörjat" })
          .default("genomfört")
          .describe("ej_påbörjat: projektet startade aldrig och betalade tillbaka medlen."),
        typ: z
          .enum(["lokalt", "forskning"], { error: "ska vara lokalt eller forskning" })
          .default("lokalt")
          .describe("forskning: ett forskningsprojekt som lämnat sin slutrapport (2019); annars ett lokalt utvecklingsprojekt."),
        syfte: text.optional().describe("Projektets syfte, som det ska stå i redovisningen."),
        resultat: text.optional().describe("Sammanfattning av projektets resultat, som den ska stå i redovisningen."),
        återbetalt: amount.optional().describe("Belopp som betalats tillbaka."),
        jämställdhet: text
          .optional()
          .describe("Vad projektet gjort för jämställdheten, som det ska stå i jämställdhetsanalysen efter \"I projektet …\" (2019): \"har man strävat efter ett jämställdhetsperspektiv\"."),
        fortsätter: z
          .boolean({ error: "ska vara true (ja) eller false (nej)" })
          .optional()
          .describe("true när projektet har beviljats medel för att fortsätta året efter; utelämnas det räknas det fram ur årets ansökningar."),
        godkänd: z
          .boolean({ error: "ska vara true (ja) eller false (nej)" })
          .optional()
          .describe("true när redovisningen är godkänd, false när den inte är det. Behövs inte för ett projekt som aldrig startade (status: ej_påbörjat)."),
      }).superRefine((r, ctx) => {
        if (r.godkänd === undefined && r.status !== "ej_påbörjat") {
          ctx.addIssue({ code: "custom", path: ["godkänd"], message: "saknas: skriv godkänd: true eller godkänd: false (bara ett projekt med status: ej_påbörjat behöver det inte)" });
        }
      }),
    )
    .optional()
    .describe("Redovisningar av projekt som fick medel förra året, och om de är godkända."),
  redovisning: z
    .strictObject({
      år: whole("ett årtal, till exempel 2018", 2000, 2100).optional().describe("Året som redovisas; utelämnas det är det året före omgångens."),
      antal_beviljade: whole("ett antal projekt", 0)
        .optional()
        .describe("Behövs inte: antalet lokala utvecklingsprojekt som beviljades medel det redovisade året räknas fram ur det årets omgångsfil, eller annars ur redovisningar:. Står det här kontrolleras det mot det framräknade."),
      titel: text.optional().describe("Redovisningens egen titel, om den är ett eget ärende; annars ”Redovisning av lokala utvecklingsprojekt <år>”."),
      dnr: text.optional().describe("Redovisningens eget diarienummer, om det är ett eget ärende."),
      datum: isoDate.optional().describe("Redovisningens eget datum, om det är ett eget ärende."),
      handläggare: caseOfficer
        .optional()
        .describe("Redovisningens egen handläggare, om en annan än omgångens."),
      undertecknare: z.array(person).min(1).optional().describe("Redovisningens egna undertecknare, om andra än omgångens."),
      beredning: preparation
        .optional()
        .describe("Redovisningens egen beredning, om den är ett eget ärende."),
    })
    .optional()
    .describe("Uppgifter om redovisningen som helhet: året som redovisas och, för ett eget ärende, dess diarienummer, datum och undertecknare."),
  sammanträde: meeting
    .optional()
    .describe(
      "Nämndens sammanträde i ärendet: det som beslutade, eller det senaste om ärendet återremitterades eller bordlades. Ger protokollsutdrag och, när nämnden beslutade, beslutsmeddelanden.",
    ),
  tidigare_sammanträden: z
    .array(meeting, { error: "ska vara en lista med sammanträden" })
    .min(1, { error: "ska ha minst ett sammanträde, eller tas bort" })
    .optional()
    .describe("Tidigare sammanträden där ärendet återremitterades eller bordlades, äldst först. Vart och ett får ett eget protokollsutdrag."),
  anmälningsärenden: z
    .array(
      z.strictObject({
        titel: text
          .optional()
          .describe("Anmälningsärendets egen titel, till exempel ”Redovisning av lokala utvecklingsprojekt 2020 – anmälningsärende”; utelämnas den används titeln i dokument.yaml."),
        nämnd: text.optional().describe("Till exempel Farsta stadsdelsnämnd. Utelämnas för ett allmänt ärende till alla stadsdelsnämnder."),
        förvaltning: text.optional().describe("Till exempel Farsta stadsdelsförvaltning."),
        sökande: text.optional().describe("Förvaltningens namn som det står i ansökningarna, till exempel Farsta."),
        avdelning: text.describe("Avdelningen som skriver anmälningsärendet."),
        dnr: text.optional().describe("Anmälningsärendets diarienummer."),
        datum: isoDate.describe("Anmälningsärendets datum."),
        handläggare: caseOfficer.describe("Anmälningsärendets handläggare."),
        undertecknare: z
          .array(
            z.strictObject({
              namn: text.describe("Personens namn."),
              titel: text.describe("Personens titel, till exempel Stadsdelsdirektör."),
              godkänt: isoDate.describe("Datum då personen godkände dokumentet digitalt."),
            }),
          )
          .min(1)
          .describe("De som godkänner anmälningsärendet digitalt, med datum."),
        delges: text.optional().describe("Vilka ärendet delges, till exempel \"samtliga stadsdelsnämnder och kommunstyrelsen\"."),
        bilagor: z.array(text).min(1).optional().describe("Anmälningsärendets egna bilagor, en per rad."),
      }),
    )
    .optional()
    .describe("Anmälningsärenden till stadsdelsnämnderna om fördelningen."),
  lum: z.array(lumApplication, { error: "ska vara en lista med ansökningar" }).default([]).describe("Ansökningarna om lokala utvecklingsmedel (LUM); [] när det inte finns några."),
  mul: z.array(mulApplication, { error: "ska vara en lista med ansökningar" }).default([]).describe("Ansökningarna om medel för studiebesök (MUL); [] när det inte finns några."),
}).superRefine((r, ctx) => {
  // An application's decision is weighed against the fund's cap: it must be there when the fund has applications.
  for (const [fund, key] of [["lum", "max_belopp_lum"], ["mul", "max_belopp_mul"]] as const) {
    if (r[fund].length > 0 && r.regler[key] === undefined) {
      ctx.addIssue({ code: "custom", path: ["regler", key], message: `saknas: filen har ${fund.toUpperCase()}-ansökningar, och de bedöms mot maxbeloppet` });
    }
  }
});

export type Round = z.infer<typeof round>;

/** The förvaltningar behind an application: one, or several for a joint application. */
export const applicantNames = (app: { förvaltning: string | string[] }): string[] => (typeof app.förvaltning === "string" ? [app.förvaltning] : app.förvaltning);
export type LumApplication = z.infer<typeof lumApplication>;
export type MulApplication = z.infer<typeof mulApplication>;
export type Decision = z.infer<typeof decision>;
export type Outcome = (typeof outcomes)[number];
export type Meeting = z.infer<typeof meeting>;
export type Change = z.infer<typeof change>;

// What a template can name: every field of the context a template is
// rendered with ({{round.…}}, {{f.…}}, {{post.…}}, {{dokument.…}},
// {{bilagor}}), as one tree of described fields. Two things read it: the
// wording check, which refuses a field the tree lacks (check/fields.ts), and
// the field reference for secretaries (docs/mallfalt.md, context-document.ts).
//
// The tree cannot drift from the code: the round's part is read from its zod
// schema (src/schema/round.ts, whose .describe() texts are the meanings), and
// the figures' part is typed `Described<Figures>`, so a field added to
// Figures without a description here does not compile, and a description of
// a field that no longer exists does not either. A test requires every field
// of the round schema to have a description.
//
// To add a field: add it to the type (Figures in derive/figures.ts, or the
// round schema with .describe("…")), then describe it below; tsc names the
// place when it is missing.
import type { z } from "zod";
import type { FigureSet, Figures } from "../derive/figures.js";
import type { MeetingFigures } from "../derive/decision.js";
import { AMOUNT_KEYS, round as roundSchema, type Round } from "../schema/round.js";

/** What kind of value a field holds, as the reference names it. */
export type Typ = "text" | "belopp" | "antal" | "årtal" | "heltal" | "datum" | "sant/falskt" | "val" | "text eller lista";

/** A field that holds one value. */
export interface Leaf {
  doc: string;
  typ: Typ;
  /** What it prints, for example "6 460 000" (without the helper). */
  ex?: string;
  /** For `val`: the values it may have. */
  värden?: readonly string[];
  /** Not always there: a template tests it with {{#if …}} first. */
  valfri?: boolean;
  /**
   * For a computed field that may be missing: the keys of the round file it
   * comes from, first the one to fill in ("redovisning.dnr", "dnr"). A
   * document that prints it needs one of them.
   */
  uppgift?: readonly string[];
}

/** A field that holds named fields. */
export interface ObjectNode<F = Record<string, FieldNode>> {
  doc: string;
  fält: F;
  valfri?: boolean;
  /** As for a Leaf. */
  uppgift?: readonly string[];
}

/** A field that holds a list: {{#each …}} goes through it, and each item is `lista`. */
export interface ListNode<I = FieldNode> {
  doc: string;
  lista: I;
  valfri?: boolean;
  /** As for a Leaf. */
  uppgift?: readonly string[];
}

export type FieldNode = Leaf | ObjectNode | ListNode;

type Prim = string | number | boolean;

/** The description a value of type T must have: every key of every object described, no more. */
export type Described<T> = [NonNullable<T>] extends [Prim]
  ? Leaf
  : [NonNullable<T>] extends [readonly (infer U)[]]
    ? ListNode<Described<U>>
    : [NonNullable<T>] extends [Date]
      ? Leaf
      : [NonNullable<T>] extends [object]
        ? ObjectNode<{ [K in keyof NonNullable<T>]-?: Described<NonNullable<T>[K]> }>
        : Leaf;

export const isObject = (n: FieldNode): n is ObjectNode => "fält" in n;
export const isList = (n: FieldNode): n is ListNode => "lista" in n;

// ---------------------------------------------------------------------------
// The round: from its zod schema.

type Zod = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } }; description?: string };

const AMOUNT_DOC = /^Belopp i hela kronor/;

/**
 * The field tree of a zod schema: objects, arrays and values, with each
 * field's .describe() text. Wrappers (optional, default, a transform) are
 * looked through; the outermost description wins.
 */
function fromZod(schema: Zod, name: string, inheritedDoc = "", optional = false): FieldNode {
  const def = schema._zod.def;
  const doc = inheritedDoc || schema.description || "";
  switch (def.type) {
    case "optional":
    case "default":
    case "nullable":
    case "readonly":
      return fromZod(def.innerType as Zod, name, doc, optional || def.type === "optional");
    case "pipe":
      return fromZod(def.in as Zod, name, doc, optional);
    case "object": {
      const shape = def.shape as Record<string, Zod>;
      return { doc, fält: Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, fromZod(v, k)])), ...(optional ? { valfri: true } : {}) };
    }
    case "array":
      return { doc, lista: fromZod(def.element as Zod, name), ...(optional ? { valfri: true } : {}) };
    case "enum":
      return leaf(doc, "val", optional, Object.keys(def.entries as Record<string, string>));
    case "boolean":
      return leaf(doc, "sant/falskt", optional);
    case "number":
      return leaf(doc, name === "år" ? "årtal" : "heltal", optional);
    case "union":
      // An amount: a number, or a text such as "500 000 kr" made a number (the keys round.ts names as amounts).
      if ((AMOUNT_KEYS as readonly string[]).includes(name) || AMOUNT_DOC.test(doc)) return leaf(doc, "belopp", optional);
      return leaf(doc, "text eller lista", optional);
    case "string":
      return leaf(doc, /datum|ÅÅÅÅ-MM-DD/i.test(doc) || isDate(schema) ? "datum" : "text", optional);
    default:
      return leaf(doc, "text", optional);
  }
}

/** Whether a string schema is the round's date (it has the YYYY-MM-DD pattern). */
const isDate = (schema: Zod) =>
  ((schema._zod.def.checks as { _zod?: { def?: { pattern?: RegExp } } }[] | undefined) ?? []).some((c) => String(c._zod?.def?.pattern) === String(/^\d{4}-\d{2}-\d{2}$/));

function leaf(doc: string, typ: Typ, optional: boolean, värden?: string[]): Leaf {
  return { doc, typ, ...(värden ? { värden } : {}), ...(optional ? { valfri: true } : {}) };
}

/** The round file as templates see it: round.… */
export const roundFields = fromZod(roundSchema as unknown as Zod, "round", "Årets fil, rounds/<år>.yaml, som den är skriven.") as unknown as Described<Round>;

/** Every field of the round schema that lacks a description, as dotted paths (a test requires none). */
export function undescribedRoundFields(): string[] {
  const out: string[] = [];
  const walk = (n: FieldNode, path: string) => {
    if (!n.doc) out.push(path);
    if (isObject(n)) for (const [k, v] of Object.entries(n.fält)) walk(v, `${path}.${k}`);
    if (isList(n)) {
      const item = n.lista;
      // A list's items are described by the list, unless they hold fields of their own.
      if (isObject(item)) for (const [k, v] of Object.entries(item.fält)) walk(v, `${path}[].${k}`);
    }
  };
  walk(roundFields as FieldNode, "round");
  return out;
}

// ---------------------------------------------------------------------------
// The figures: f.…, described by hand, typed against Figures.

const A = roundFields.fält;

const application = {
  doc: "En ansökan, med beslutet och beloppen uträknade.",
  fält: {
    nr: { doc: "Ansökans nummer i bilagan.", typ: "heltal", ex: "3" },
    id: { doc: "Ansökans id i årets fil.", typ: "text", ex: "tidigt-stod-eu-medborgare" },
    förvaltning: { doc: "Den sökande förvaltningen med registrets korta namn; vid en gemensam ansökan alla, sammanbundna.", typ: "text", ex: "Skarpnäck, Enskede-Årsta-Vantör och Farsta" },
    förvaltningar: { doc: "Varje sökande förvaltning för sig (en, eller flera vid en gemensam ansökan).", lista: { doc: "Förvaltningens korta namn.", typ: "text", ex: "Farsta" } },
    gemensam: { doc: "Sant när flera förvaltningar söker tillsammans.", typ: "sant/falskt" },
    förvaltningFormellt: { doc: "Förvaltningens formella namn, som breven ställs till.", typ: "text", ex: "Farsta stadsdelsförvaltning" },
    förvaltningstyp: { doc: "stadsdelsförvaltning eller fackförvaltning (saknas för ett namn som registret inte har).", typ: "val", värden: ["stadsdelsförvaltning", "fackförvaltning"], valfri: true },
    enhet: { doc: "Enhet eller avdelning inom förvaltningen.", typ: "text", valfri: true },
    projekt: { doc: "Projektets namn (LUM).", typ: "text", valfri: true, ex: "Tidigt stöd till EU-medborgare" },
    kortnamn: { doc: "Projektets korta namn som löptexten använder (kortnamn: i filen), annars projektets namn.", typ: "text", valfri: true, ex: "Kristeamet" },
    syfte: { doc: "Studiebesökets syfte (MUL).", typ: "text", valfri: true, ex: "Verksamhetsbesök" },
    resmål: { doc: "Studiebesökets resmål (MUL).", typ: "text", valfri: true, ex: "Göteborg" },
    beskrivning: { doc: "Ansökans beskrivning.", typ: "text", valfri: true },
    projektår: { doc: "Projektets år i ordningen (LUM).", typ: "heltal", valfri: true, ex: "2" },
    fortsättning: { doc: "Sant för ett projekt på sitt andra år eller senare.", typ: "sant/falskt" },
    projektårAv: { doc: "Projektets år av hur många det får pågå, som texten skriver det (”2 av 3”, eller ”2” utan max_år_i_rad).", typ: "text", valfri: true, ex: "2 av 3" },
    sökt: { doc: "Sökt belopp.", typ: "belopp", ex: "500 000" },
    beviljat: { doc: "Beviljat belopp ur fonden; 0 vid avslag eller centrala medel.", typ: "belopp", ex: "400 000" },
    utfall: { doc: "Beslutet.", typ: "val", värden: ["bifall", "delvis_bifall", "maxbelopp", "avslag", "centrala_medel"] },
    beviljas: { doc: "Sant när ansökan får pengar ur fonden.", typ: "sant/falskt" },
    avslås: { doc: "Sant vid avslag.", typ: "sant/falskt" },
    delvis: { doc: "Sant vid delvis bifall.", typ: "sant/falskt" },
    maxbelopp: { doc: "Sant när ansökan får maxbeloppet.", typ: "sant/falskt" },
    centralaMedel: { doc: "Sant när ansökan finansieras med centrala utvecklingsmedel.", typ: "sant/falskt" },
    centraltBelopp: { doc: "Beloppet ur centrala medel (0 annars).", typ: "belopp" },
    motivering: { doc: "Motiveringen som den följer på ”Projektet … ”: ”bedöms inte …”.", typ: "text", valfri: true },
    motiveringMening: { doc: "Motiveringen som en egen mening: ”Ansökan behöver …”.", typ: "text", valfri: true },
    villkor: { doc: "Villkor för beslutet.", typ: "text", valfri: true },
    återtagen: { doc: "Sant när den sökande drog tillbaka ansökan före sammanträdet (den avskrivs); bara i beslut.…", typ: "sant/falskt" },
    ändrad: { doc: "Sant när nämnden beslutade annat än förvaltningen föreslog för ansökan (ett ändrat utfall eller belopp, eller återtagen); bara i beslut.…", typ: "sant/falskt" },
    föreslaget: { doc: "Beloppet förvaltningen föreslog ur fonden (i förslag.… detsamma som beviljat).", typ: "belopp", ex: "400 000" },
    föreslagetUtfall: { doc: "Utfallet förvaltningen föreslog.", typ: "val", värden: ["bifall", "delvis_bifall", "maxbelopp", "avslag", "centrala_medel"] },
  },
} satisfies Described<Figures["lum"]["alla"][number]>;

const fund = (name: string) =>
  ({
    doc: `Ansökningarna om ${name} och deras summor.`,
    fält: {
      antal: { doc: "Antal ansökningar.", typ: "antal", ex: "14" },
      sökt: { doc: "Summa sökt.", typ: "belopp", ex: "6 460 000" },
      beviljat: { doc: "Summa beviljat ur fonden.", typ: "belopp", ex: "5 200 000" },
      antalBeviljade: { doc: "Antal ansökningar som får pengar ur fonden.", typ: "antal" },
      antalAvslagna: { doc: "Antal avslag.", typ: "antal" },
      antalDelvis: { doc: "Antal delvis bifall.", typ: "antal" },
      antalCentrala: { doc: "Antal som finansieras med centrala medel.", typ: "antal" },
      antalStadsdelsförvaltningar: { doc: "Antal olika sökande stadsdelsförvaltningar.", typ: "antal" },
      övrigaFörvaltningar: { doc: "Formella namn på sökande fackförvaltningar utom omgångens egen.", lista: { doc: "Förvaltningens formella namn.", typ: "text", ex: "Arbetsmarknadsförvaltningen" } },
      antalÖvrigaFörvaltningar: { doc: "Antal sådana fackförvaltningar.", typ: "antal" },
      egenFörvaltningSöker: { doc: "Sant när omgångens egen förvaltning (Socialförvaltningen) också söker.", typ: "sant/falskt" },
      alla: { doc: "Alla ansökningar, i nummerordning.", lista: application },
      beviljade: { doc: "Ansökningarna som får pengar ur fonden.", lista: application },
      avslagna: { doc: "Ansökningarna som avslås.", lista: application },
      delvisBeviljade: { doc: "Ansökningarna som beviljas delvis.", lista: application },
      centrala: { doc: "Ansökningarna som finansieras med centrala medel.", lista: application },
      centralaEnligtFörslag: {
        doc: "Ansökningarna som finansieras med centrala medel så som förvaltningen föreslog: i förslaget alla i centrala; i beslutet de som nämnden inte själv flyttade dit.",
        lista: application,
      },
      antalCentralaEnligtFörslag: { doc: "Antal sådana ansökningar.", typ: "antal" },
      återtagna: { doc: "Ansökningarna som drogs tillbaka före sammanträdet (bara i beslut.…; inga i förslaget).", lista: application },
      antalÅtertagna: { doc: "Antal återtagna ansökningar.", typ: "antal" },
    },
  }) satisfies Described<Figures["lum"]>;

const applicant = {
  doc: "En sökande förvaltning med sina ansökningar (ett beslutsmeddelande var).",
  fält: {
    förvaltning: { doc: "Förvaltningens korta namn.", typ: "text", ex: "Farsta" },
    formellt: { doc: "Det formella namnet som brevet ställs till.", typ: "text", ex: "Farsta stadsdelsförvaltning" },
    nämnd: { doc: "Förvaltningens nämnd.", typ: "text", valfri: true, ex: "Farsta stadsdelsnämnd" },
    typ: { doc: "stadsdelsförvaltning eller fackförvaltning.", typ: "val", värden: ["stadsdelsförvaltning", "fackförvaltning"], valfri: true },
    slug: { doc: "Namnet som filnamn.", typ: "text", ex: "hagersten-alvsjo" },
    lum: { doc: "Förvaltningens LUM-ansökningar.", lista: application },
    mul: { doc: "Förvaltningens MUL-ansökningar.", lista: application },
    antal: { doc: "Antal ansökningar från förvaltningen.", typ: "antal" },
    flera: { doc: "Sant vid mer än en ansökan (brevet skriver ”var och en”, ”sammanlagt”).", typ: "sant/falskt" },
    antalEgna: { doc: "Antal ansökningar vars pengar går till förvaltningen: dess egna, och de gemensamma där den står först.", typ: "antal" },
    fleraEgna: { doc: "Sant vid mer än en egen ansökan (brevet skriver ”sammanlagt … för de ansökningar”).", typ: "sant/falskt" },
    medsökande: { doc: "Gemensamma ansökningar där förvaltningen är medsökande och pengarna går till den som står först.", lista: application },
    sökt: { doc: "Summa sökt av ansökningarna vars pengar går till förvaltningen.", typ: "belopp" },
    beviljat: { doc: "Summa beviljat till förvaltningen.", typ: "belopp" },
    centralt: { doc: "Belopp som i stället går ur centrala medel.", typ: "belopp" },
  },
} satisfies Described<Figures["sökande"][number]>;

const report = {
  doc: "En redovisning av ett projekt som fick medel det redovisade året.",
  fält: {
    id: { doc: "Projektets id.", typ: "text" },
    förvaltning: { doc: "Förvaltningens korta namn.", typ: "text", ex: "Södermalm" },
    förvaltningFormellt: { doc: "Förvaltningens formella namn.", typ: "text", ex: "Södermalms stadsdelsförvaltning" },
    forskning: { doc: "Sant för ett forskningsprojekts slutrapport (typ: forskning).", typ: "sant/falskt" },
    projekt: { doc: "Projektets namn: som redovisningen skriver det, annars som förra årets eller årets fil.", typ: "text", ex: "Lösningsinriktad intensiv hemmabaserad familjebehandling" },
    kortnamn: { doc: "Projektets korta namn som löptexten använder (kortnamn: i filen), annars projektets namn.", typ: "text", ex: "LIHF" },
    syfte: { doc: "Projektets syfte.", typ: "text", valfri: true },
    resultat: { doc: "Projektets resultat.", typ: "text", valfri: true },
    jämställdhet: { doc: "Vad projektet gjort för jämställdheten, som det står i jämställdhetsanalysen efter ”I projektet …”.", typ: "text", valfri: true },
    godkänd: { doc: "Sant när redovisningen är godkänd, falskt när den inte är det; saknas för ett projekt som aldrig startade och inte anger godkänd.", typ: "sant/falskt", valfri: true },
    ejPåbörjat: { doc: "Sant för ett projekt som aldrig startade (status: ej_påbörjat).", typ: "sant/falskt" },
    återbetalt: { doc: "Belopp som betalats tillbaka.", typ: "belopp", valfri: true },
    beviljatFörraÅret: { doc: "Beviljat det redovisade året, när den omgångsfilen finns.", typ: "belopp", valfri: true },
    fortsätter: { doc: "Sant när projektet har fått medel för att fortsätta året efter.", typ: "sant/falskt" },
    beviljatIÅr: { doc: "Beviljat i år (0 om inte).", typ: "belopp" },
  },
} satisfies Described<Figures["redovisning"]["alla"][number]>;

const reportList = (doc: string) => ({ doc, lista: report });

/** The figures of one reading of the round: the förvaltning's proposal (f.…, förslag.…) or the nämnd's decision (beslut.…). */
const figureSet = (doc: string) =>
  ({
    doc,
    fält: {
    fond: {
      doc: "Vad fonderna heter i årets ärende.",
      fält: {
        lum: {
          doc: "Den lokala fonden.",
          fält: {
            förkortning: { doc: "Förkortningen.", typ: "text", ex: "LUM" },
            namn: { doc: "Det utskrivna namnet.", typ: "text", ex: "lokala utvecklingsmedel" },
          },
        },
        mul: {
          doc: "Fonden för studiebesök.",
          fält: {
            förkortning: { doc: "Förkortningen.", typ: "text", ex: "MUL (2015: MUST)" },
            namn: { doc: "Det utskrivna namnet.", typ: "text", ex: "medel för utveckling och lärande" },
          },
        },
      },
    },
    lum: fund("lokala utvecklingsmedel (LUM)"),
    mul: fund("medel för utveckling och lärande (MUL)"),
    totalt: {
      doc: "LUM och MUL tillsammans.",
      fält: {
        antal: { doc: "Antal ansökningar.", typ: "antal", ex: "22" },
        sökt: { doc: "Summa sökt.", typ: "belopp", ex: "6 658 400" },
        beviljat: { doc: "Summa beviljat.", typ: "belopp" },
        centraltBelopp: { doc: "Summa ur centrala utvecklingsmedel.", typ: "belopp" },
      },
    },
    harAnsökningar: { doc: "Sant när filen har ansökningar.", typ: "sant/falskt" },
    redovisning: {
      doc: "Redovisningen av projekt som fick medel det redovisade året.",
      fält: {
        år: { doc: "Året som redovisas: redovisning.år i filen, annars året före omgången.", typ: "årtal", ex: "2018" },
        fortsättningsår: { doc: "Året efter det redovisade: året då fortsättande projekt driver vidare (”fortsätta driva projekten under 2019”).", typ: "årtal", ex: "2019" },
        ärende: {
          doc: "Redovisningen som ett eget ärende: dess egna uppgifter, annars omgångens.",
          fält: {
            titel: { doc: "Redovisningens titel: redovisning.titel, annars ”Redovisning av lokala utvecklingsprojekt <år>”.", typ: "text" },
            dnr: { doc: "Diarienummer: redovisning.dnr, annars omgångens.", typ: "text", valfri: true, uppgift: ["redovisning.dnr", "dnr"] },
            datum: { doc: "Datum: redovisning.datum, annars omgångens.", typ: "datum", valfri: true, uppgift: ["redovisning.datum", "datum"] },
            handläggare: { ...A.handläggare, doc: "Handläggare: redovisning.handläggare, annars omgångens.", uppgift: ["redovisning.handläggare", "handläggare"] },
            undertecknare: { ...A.undertecknare, doc: "Undertecknare: redovisning.undertecknare, annars omgångens.", uppgift: ["redovisning.undertecknare", "undertecknare"] },
            beredning: { ...A.beredning, doc: "Beredning: redovisning.beredning, annars omgångens." },
          },
        },
        alla: reportList("Alla redovisningar."),
        forskning: reportList("Forskningsprojektens slutrapporter."),
        antalForskning: { doc: "Antal slutrapporter.", typ: "antal" },
        genomförda: reportList("Lokala projekt som genomfördes."),
        ejPåbörjade: reportList("Lokala projekt som aldrig startade."),
        fortsätter: reportList("Lokala projekt som fortsätter året efter."),
        antalBeviljade: { doc: "Antal lokala projekt som beviljades medel det redovisade året.", typ: "antal" },
        antalKälla: { doc: "Varifrån antalBeviljade kommer: omgång (det redovisade årets omgångsfil) eller lista (redovisningarna i årets fil).", typ: "val", värden: ["omgång", "lista"] },
        antalGenomförda: { doc: "Antal genomförda lokala projekt.", typ: "antal" },
        antalEjPåbörjade: { doc: "Antal lokala projekt som aldrig startade.", typ: "antal" },
        antalFortsätter: { doc: "Antal lokala projekt som fortsätter.", typ: "antal" },
        antalEjGodkända: { doc: "Antal redovisningar som inte är godkända.", typ: "antal" },
        jämställdhet: reportList("Redovisningarna som anger vad projektet gjort för jämställdheten, i filens ordning."),
      },
    },
    sökande: { doc: "Varje sökande förvaltning, i bokstavsordning (dokument med för_varje: sökande får en som post).", lista: applicant },
    anmälningar: {
      doc: "Årets anmälningsärenden (dokument med för_varje: anmälningar får ett som post).",
      lista: {
        doc: "Ett anmälningsärende: det som står i filen, och det som räknas fram.",
        fält: {
          ...A.anmälningsärenden.lista.fält,
          ansökningar: { ...applicant, doc: "Den sökande förvaltningens ansökningar, när ärendet anger sökande:.", valfri: true },
          redovisningar: reportList("Redovisningarna från den förvaltning ärendet gäller."),
          antalRedovisningar: { doc: "Antal sådana redovisningar.", typ: "antal" },
          slug: { doc: "Nämndens namn som filnamn.", typ: "text", ex: "farsta-stadsdelsnamnd" },
        },
      },
    },
  },
  }) satisfies Described<FigureSet>;

/** Who moved or reserved: names joined ("Anna Ek (V) och Bo Ek (V)"), and whether there were several. */
const by = { doc: "Vem: namnen sammanbundna, eller partiet.", typ: "text", ex: "Anna Ek (V) och Bo Ek (V)" } as const;
const several = { doc: "Sant när det är flera namn (texten skriver ”yrkade” om flera, böjt därefter).", typ: "sant/falskt" } as const;

/** One meeting of the nämnd, as its protokollsutdrag prints it (derive/decision.ts). */
const meetingFields = {
  doc: "Ett sammanträde i nämnden där ärendet behandlades.",
  fält: {
    datum: { doc: "Sammanträdets datum.", typ: "datum", ex: "2024-02-20" },
    paragraf: { doc: "Paragrafen i protokollet.", typ: "heltal", ex: "15" },
    beslutat: { doc: "Sant när nämnden beslutade i ärendet (utfall: beslut).", typ: "sant/falskt" },
    återremiss: { doc: "Sant när ärendet återremitterades.", typ: "sant/falskt" },
    bordläggning: { doc: "Sant när ärendet bordlades.", typ: "sant/falskt" },
    skäl: { doc: "Skälet till återremiss eller bordläggning, som det står i protokollet.", typ: "text", valfri: true },
    jäv: {
      doc: "Ledamöter som anmälde jäv och inte deltog.",
      lista: {
        doc: "En ledamot som anmälde jäv.",
        fält: { namn: { doc: "Ledamoten.", typ: "text", ex: "Anna Ek (S)" }, skäl: { doc: "Skälet, om det står i protokollet.", typ: "text", valfri: true } },
      },
    },
    yrkanden: {
      doc: "Yrkanden utöver förvaltningens förslag, i filens ordning.",
      lista: {
        doc: "Ett yrkande.",
        fält: {
          av: by,
          flera: several,
          yrkande: { doc: "Vad de yrkade, som det står i protokollet.", typ: "text" },
          bifalls: { doc: "Sant för det yrkande nämnden biföll.", typ: "sant/falskt" },
        },
      },
    },
    bifalletYrkande: { doc: "Vem som lade yrkandet nämnden biföll utan omröstning; saknas när nämnden biföll förvaltningens förslag.", typ: "text", valfri: true },
    beslutsgång: { doc: "Beslutsgången som den står i protokollet, när den inte följer av yrkanden och omröstning.", typ: "text", valfri: true },
    omröstning: {
      doc: "Omröstningen, när det röstades.",
      valfri: true,
      fält: {
        ja: { doc: "Vad ja innebär.", typ: "text", ex: "förvaltningens förslag" },
        nej: { doc: "Vad nej innebär.", typ: "text", ex: "Vänsterpartiets yrkande" },
        jaRöster: { doc: "Antal ja-röster (uträknat ur namnen när filen listar dem).", typ: "antal", ex: "7" },
        nejRöster: { doc: "Antal nej-röster.", typ: "antal", ex: "6" },
        avstår: { doc: "Antal som avstod (0 när ingen gjorde det).", typ: "antal" },
        jaNamn: { doc: "De som röstade ja, sammanbundna, när filen listar dem.", typ: "text", valfri: true },
        nejNamn: { doc: "De som röstade nej, när filen listar dem.", typ: "text", valfri: true },
        avstårNamn: { doc: "De som avstod, när filen listar dem.", typ: "text", valfri: true },
        utslagsröst: { doc: "Vid lika röstetal: sidan (ja eller nej) som ordförandens utslagsröst gav.", typ: "text", valfri: true },
        vinnare: { doc: "Förslaget som vann: sidan med flest röster, vid lika den ordförandens utslagsröst gav.", typ: "text" },
      },
    },
    reservationer: {
      doc: "Reservationer mot beslutet.",
      lista: {
        doc: "En reservation.",
        fält: {
          av: by,
          flera: several,
          till_förmån_för: { doc: "Förslaget de reserverade sig till förmån för.", typ: "text", ex: "eget förslag" },
          text: { doc: "Den skriftliga reservationen.", typ: "text", valfri: true },
        },
      },
    },
    särskildaUttalanden: {
      doc: "Särskilda uttalanden.",
      lista: { doc: "Ett särskilt uttalande.", fält: { av: by, flera: several, text: { doc: "Uttalandet.", typ: "text" } } },
    },
    justeras_omedelbart: { doc: "Sant när paragrafen justerades omedelbart.", typ: "sant/falskt" },
    justering: {
      doc: "Vilka som justerade protokollet, och när.",
      valfri: true,
      fält: {
        ordförande: { doc: "Ordföranden som justerade.", typ: "text" },
        justerare: { doc: "Justerarna, sammanbundna.", typ: "text", ex: "Anna Ek (S) och Bo Ek (M)" },
        justerareLista: { doc: "Justerarna, var för sig.", lista: { doc: "En justerare.", typ: "text" } },
        datum: { doc: "Dagen protokollet justerades; saknas när paragrafen justerades omedelbart.", typ: "datum", valfri: true },
      },
    },
    sekreterare: { doc: "Nämndens sekreterare, som skriver under protokollsutdraget.", fält: { namn: { doc: "Sekreterarens namn.", typ: "text" }, titel: { doc: "Sekreterarens titel.", typ: "text" } } },
  },
} satisfies Described<MeetingFigures>;

/** A changed or withdrawn application, with its fund's name. */
const changedApplication = { ...application, fält: { ...application.fält, fond: { doc: "Fonden ansökan hör till, som årets ärende kallar den.", typ: "text", ex: "LUM" } } } as const;

const proposal = figureSet("Allt som verktyget räknar fram ur årets fil (och förra årets) innan texterna skrivs: förvaltningens förslag.");
const decided = figureSet("");

/** f.…: every figure the documents print, computed before any template runs (derive/figures.ts). */
export const figureFields = {
  ...proposal,
  fält: {
    ...proposal.fält,
    beslut: {
      doc: "Nämndens beslut: samma tal som förslaget, räknade på ansökningarna så som nämnden beslutade dem, och sammanträdet.",
      fält: {
        ...decided.fält,
        beslutat: { doc: "Sant när ett sammanträde beslutade i ärendet (då skrivs beslutsmeddelanden och anmälningsärenden).", typ: "sant/falskt" },
        sammanträde: { ...meetingFields, doc: "Det senaste sammanträdet: det som beslutade, eller som återremitterade eller bordlade ärendet.", valfri: true },
        tidigareSammanträden: { doc: "Tidigare sammanträden som återremitterade eller bordlade ärendet, äldst först.", lista: meetingFields },
        ändrat: { doc: "Sant när nämnden beslutade annat än förslaget för minst en ansökan (en ändring eller en återtagen).", typ: "sant/falskt" },
        ändringar: { doc: "Ansökningarna vars utfall eller belopp nämnden ändrade, LUM först, i filens ordning.", lista: changedApplication },
        återtagna: { doc: "Ansökningarna som drogs tillbaka före sammanträdet, LUM först.", lista: changedApplication },
      },
    },
  },
} satisfies Described<Figures>;

// ---------------------------------------------------------------------------
// Each document's own context.

/** dokument.…: the document being written. */
export const documentFields = {
  doc: "Dokumentet som skrivs.",
  fält: {
    titel: { doc: "Dokumentets titel, som den står under titel: i dokument.yaml.", typ: "text" },
    bilaga: { doc: "Bilagans nummer (bilaga: i dokument.yaml); saknas för andra dokument.", typ: "heltal", valfri: true, ex: "1" },
  },
} satisfies Described<{ titel: string; bilaga: number | undefined }>;

/** bilagor: the appendices this round has, for the tjänsteutlåtande's list. */
export const appendixFields = {
  doc: "Årets bilagor (dokumenten i dokument.yaml med bilaga:), i nummerordning.",
  lista: {
    doc: "En bilaga.",
    fält: {
      nr: { doc: "Bilagans nummer.", typ: "heltal", ex: "1" },
      titel: { doc: "Bilagans titel.", typ: "text", ex: "Ansökningar LUM samt motivering och bedömning" },
    },
  },
} satisfies Described<{ nr: number | undefined; titel: string }[]>;

/** The lists of the figures that give one document each (för_varje in dokument.yaml), and what `post` then is. */
export const perItem = {
  sökande: figureFields.fält.beslut.fält.sökande.lista,
  anmälningar: figureFields.fält.beslut.fält.anmälningar.lista,
  tidigare_sammanträden: meetingFields,
} satisfies Record<string, FieldNode>;

/** What `post` is in a document made once per item. */
const postDoc: Record<PerItem, string> = {
  sökande: "Förvaltningen som brevet gäller (ett element i beslut.sökande).",
  anmälningar: "Anmälningsärendet som skrivs (ett element i beslut.anmälningar).",
  tidigare_sammanträden: "Det tidigare sammanträdet som protokollsutdraget gäller (ett element i beslut.tidigareSammanträden); möte och round.sammanträde är då det sammanträdet.",
};

export type PerItem = keyof typeof perItem;

/**
 * The context a template is rendered with (compose.ts): round, f and förslag
 * (the proposal), beslut (the nämnd's decision), möte (the meeting a
 * protokollsutdrag is about), bilagor and dokument, and post when its
 * document is one per item of a list (`för_varje`).
 */
export function templateContext(forEach?: PerItem): ObjectNode {
  return {
    doc: "Det en mall kan använda.",
    fält: {
      round: roundFields as FieldNode,
      f: figureFields as FieldNode,
      förslag: { ...figureFields, doc: "Förvaltningens förslag: samma som f." } as FieldNode,
      beslut: figureFields.fält.beslut as FieldNode,
      möte: { ...meetingFields, doc: "Sammanträdet som protokollsutdraget gäller: det senaste (beslut.sammanträde), eller i ett utdrag per tidigare sammanträde det sammanträdet.", valfri: true } as FieldNode,
      bilagor: appendixFields as FieldNode,
      dokument: documentFields as FieldNode,
      ...(forEach ? { post: { ...perItem[forEach], doc: postDoc[forEach] } as FieldNode } : {}),
    },
  };
}

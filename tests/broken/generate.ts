// Writes the corpus of broken round files in tests/broken/cases/: each one
// is rounds/2024.yaml with one mistake a secretary could make, and a header
// line naming the diagnostic it must give and the line it must point at.
// Run it after changing the base file or a case: npx tsx tests/broken/generate.ts
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(import.meta.dirname, "cases");
const base = readFileSync(join(ROOT, "rounds", "2024.yaml"), "utf8");

interface Case {
  name: string;
  /** What the secretary did, in Swedish (goes into the file's header). */
  what: string;
  code: string;
  /** Replacements applied to the base file, in order. */
  edits?: [string, string][];
  /** The whole file instead of an edited base. */
  text?: string | Uint8Array;
  /** A unique text on the line the diagnostic must point at; omit for the whole file. */
  at?: string;
  /** Lines below the marker's first line, when the mistake is not on it. */
  offset?: number;
  /** Words the diagnostic's message must hold (what the secretary is told to do). */
  says?: string;
  /** How many errors the file gives in all, when follow-on errors must not be shown. */
  errors?: number;
}

const app = (nr: number) => `  - nr: ${nr}\n`;

const cases: Case[] = [
  { name: "kolon-saknas", what: "kolon saknas efter en nyckel", code: "yaml-syntax", edits: [["dnr: ", "dnr "]], at: "dnr " },
  { name: "tabb-som-indrag", what: "tabb i stället för mellanslag", code: "yaml-syntax", edits: [["  namn: Anna Andersson", "\tnamn: Anna Andersson"]], at: "\tnamn: Anna" },
  { name: "citattecken-saknas", what: "avslutande citattecken saknas", code: "yaml-syntax", edits: [['dnr: "3.2-0000/2023"', 'dnr: "3.2-0000/2023']], at: 'dnr: "3.2-0000/2023 ' },
  { name: "dubbel-nyckel", what: "samma nyckel två gånger", code: "yaml-dubblett", edits: [["nämnd: Socialnämnden\n", "nämnd: Socialnämnden\nnämnd: Socialnämnden\n"]], at: "nämnd: Socialnämnden\nnämnd", offset: 1 },
  { name: "fel-indrag", what: "en rad i en ansökan har fel indrag", code: "yaml-syntax", edits: [["    projekt: Digital Lots för samsjukliga", "      projekt: Digital Lots för samsjukliga"]], at: "      projekt: Digital Lots" },
  { name: "felstavad-nyckel-ansokan", what: "felstavad nyckel i en ansökan", code: "okand-nyckel", edits: [["    förvaltning: Kungsholmen\n    projekt", "    förvaltnig: Kungsholmen\n    projekt"]], at: "förvaltnig:" },
  { name: "felstavad-nyckel-beslut", what: "felstavad nyckel i ett beslut", code: "okand-nyckel", edits: [["      motivering: bedöms ligga utanför", "      motiveing: bedöms ligga utanför"]], at: "motiveing:" },
  { name: "felstavad-nyckel-overst", what: "felstavad nyckel överst i filen", code: "okand-nyckel", edits: [["titel: ", "titl: "]], at: "titl: " },
  { name: "felstavad-regel", what: "felstavad regel", code: "okand-nyckel", edits: [["  max_belopp_mul:", "  max_belopp_mull:"]], at: "max_belopp_mull" },
  { name: "dnr-saknas", what: "diarienumret saknas", code: "uppgift-saknas-for-dokument", says: "tjansteutlatande skriver ut det", edits: [['dnr: "3.2-0000/2023"          # PLATSHÅLLARE: diarienumret saknas i källan\n', ""]], at: "år: 2024" },
  { name: "sokt-saknas", what: "sökt belopp saknas i en ansökan", code: "saknas", edits: [["    projekt: Familjeorienterat boendestöd\n    sökt: 500 000\n", "    projekt: Familjeorienterat boendestöd\n"]], at: "  - nr: 8\n    id: familjeorienterat" },
  { name: "delvis-utan-belopp", what: "delvis bifall utan beviljat belopp", code: "saknas", edits: [["      belopp: 250 000\n      motivering: bedöms kunna genomföras med en reducerad summa av ansökta medel.\n\n  - nr: 6", "      motivering: bedöms kunna genomföras med en reducerad summa av ansökta medel.\n\n  - nr: 6"]], at: "    beslut:\n      utfall: delvis_bifall\n      motivering: bedöms kunna genomföras med en reducerad summa av ansökta medel.\n\n  - nr: 6" },
  { name: "okant-utfall", what: "utfallet felstavat", code: "ogiltigt-varde", edits: [["    projekt: Digital Lots för samsjukliga\n    sökt: 500 000\n    beslut:\n      utfall: bifall", "    projekt: Digital Lots för samsjukliga\n    sökt: 500 000\n    beslut:\n      utfall: bifal"]], at: "utfall: bifal\n" },
  { name: "belopp-i-ord", what: "belopp skrivet med ord", code: "ogiltigt-varde", edits: [["    projekt: Familjeorienterat boendestöd\n    sökt: 500 000", "    projekt: Familjeorienterat boendestöd\n    sökt: femhundratusen"]], at: "femhundratusen" },
  { name: "negativt-belopp", what: "negativt belopp", code: "ogiltigt-varde", edits: [["    resmål: Belgien\n    syfte: Verksamhetsbesök\n    sökt: 23 400", "    resmål: Belgien\n    syfte: Verksamhetsbesök\n    sökt: -23400"]], at: "-23400" },
  { name: "belopp-med-oren", what: "belopp med ören", code: "ogiltigt-varde", edits: [["    sökt: 23 400", "    sökt: 23400.50"]], at: "23400.50" },
  { name: "tvetydigt-belopp", what: "belopp med punkt som tusentalsavgränsare", code: "ogiltigt-varde", edits: [["    sökt: 23 400", '    sökt: "23.400"']], at: '"23.400"' },
  { name: "punkt-i-belopp-utan-citattecken", what: "belopp med punkt som tusentalsavgränsare, utan citattecken (YAML läser 300.000 som 300)", code: "ogiltigt-varde", edits: [["    projekt: Prata om det – barn som anhöriga\n    projektår: 2\n    sökt: 300 000", "    projekt: Prata om det – barn som anhöriga\n    projektår: 2\n    sökt: 300.000"]], at: "sökt: 300.000" },
  { name: "datum-finns-inte", what: "ett datum som inte finns", code: "ogiltigt-varde", edits: [["återbetalning_senast: 2024-06-02", "återbetalning_senast: 2024-02-30"]], at: "2024-02-30" },
  { name: "datum-i-ord", what: "datum skrivet med ord", code: "ogiltigt-varde", edits: [["återbetalning_senast: 2024-06-02", "återbetalning_senast: 2 juni 2024"]], at: "2 juni 2024" },
  { name: "ar-i-ord", what: "året skrivet med ord", code: "ogiltigt-varde", edits: [["år: 2024", "år: tjugotjugofyra"]], at: "år: tjugo" },
  { name: "id-med-mellanslag", what: "id med mellanslag och versaler", code: "ogiltigt-varde", edits: [["    id: digital-lots-samsjukliga", "    id: Digital Lots"]], at: "id: Digital Lots" },
  { name: "projektar-noll", what: "projektår 0", code: "ogiltigt-varde", edits: [["    id: prata-om-det\n    förvaltning: Södermalm\n    projekt: Prata om det – barn som anhöriga\n    projektår: 2", "    id: prata-om-det\n    förvaltning: Södermalm\n    projekt: Prata om det – barn som anhöriga\n    projektår: 0"]], at: "projektår: 0" },
  { name: "belopp-vid-bifall", what: "belopp angivet vid bifall", code: "ogiltigt-varde", edits: [["    projekt: Familjeorienterat boendestöd\n    sökt: 500 000\n    beslut:\n      utfall: bifall\n", "    projekt: Familjeorienterat boendestöd\n    sökt: 500 000\n    beslut:\n      utfall: bifall\n      belopp: 450 000\n"]], at: "belopp: 450 000" },
  { name: "tomt-projektnamn", what: "tomt projektnamn", code: "ogiltigt-varde", edits: [["    projekt: Digital Lots för samsjukliga", '    projekt: ""']], at: 'projekt: ""' },
  { name: "inga-huvudkriterier", what: "tom lista med huvudkriterier", code: "ogiltigt-varde", edits: [["huvudkriterier:\n  - Projektet avser att prova nya arbetssätt, metod eller modell som inte tidigare provats för aktuell målgrupp inom socialtjänsten i Stockholm stad.\n  - Projektet ska bidra till utveckling och strategiskt värde för hela stadens socialtjänst.\n", "huvudkriterier: []\n"]], at: "huvudkriterier: []" },
  { name: "undertecknare-som-text", what: "undertecknare skrivna som en text", code: "ogiltigt-varde", edits: [["undertecknare:\n  - namn: Veronica Wolgast Carstorp\n    titel: Socialdirektör\n  - namn: Lina Blombergsson\n    titel: Avdelningschef\n", "undertecknare: Veronica Wolgast Carstorp och Lina Blombergsson\n"]], at: "undertecknare: Veronica" },
  { name: "samordning-inte-nummer", what: "hänvisning till ansökan med ord", code: "ogiltigt-varde", edits: [["    resmål: Finland\n    syfte: Verksamhetsbesök\n    sökt: 25 000\n    beslut:\n      utfall: bifall\n", "    resmål: Finland\n    syfte: Verksamhetsbesök\n    sökt: 25 000\n    beslut:\n      utfall: bifall\n      samordnas_med: [ett]\n"]], at: "samordnas_med: [ett]" },
  { name: "beviljat-over-sokt", what: "beviljat mer än sökt", code: "beviljat-over-sokt", edits: [["      belopp: 250 000\n      motivering: bedöms kunna genomföras med en reducerad summa av ansökta medel.\n\n  - nr: 6", "      belopp: 550 000\n      motivering: bedöms kunna genomföras med en reducerad summa av ansökta medel.\n\n  - nr: 6"]], at: "belopp: 550 000" },
  { name: "over-maxbelopp", what: "bifall till en ansökan över maxbeloppet", code: "over-maxbelopp", edits: [["    projekt: Familjeorienterat boendestöd\n    sökt: 500 000", "    projekt: Familjeorienterat boendestöd\n    sökt: 600 000"]], at: "sökt: 600 000" },
  { name: "maxbelopp-utan-grund", what: "maxbelopp fast sökt belopp är lägre", code: "maxbelopp-utan-grund", edits: [["    resmål: Belgien\n    syfte: Verksamhetsbesök\n    sökt: 23 400\n    beslut:\n      utfall: bifall", "    resmål: Belgien\n    syfte: Verksamhetsbesök\n    sökt: 23 400\n    beslut:\n      utfall: maxbelopp\n      motivering: Maxbeloppet är 25 000 kronor."]], at: "utfall: maxbelopp" },
  { name: "avslag-utan-motivering", what: "avslag utan motivering", code: "motivering-saknas", edits: [["      utfall: avslag\n      motivering: bedöms ligga utanför socialtjänstens verksamhetsområde.\n", "      utfall: avslag\n"]], at: "      utfall: avslag\n\n" },
  { name: "delvis-utan-motivering", what: "delvis bifall utan motivering", code: "motivering-saknas", edits: [["      belopp: 250 000\n      motivering: bedöms kunna genomföras med en reducerad summa av ansökta medel.\n\n  - nr: 6", "      belopp: 250 000\n\n  - nr: 6"]], at: "      utfall: delvis_bifall\n      belopp: 250 000\n\n  - nr: 6" },
  { name: "for-manga-per-forvaltning", what: "fler beviljade ansökningar för en förvaltning än reglerna tillåter", code: "max-per-forvaltning", edits: [["  max_beviljade_lum_per_förvaltning: 2", "  max_beviljade_lum_per_förvaltning: 1"], ["      utfall: avslag\n      motivering: bedöms inte uppfylla huvudkriteriet om nya arbetssätt/metoder.\n\n  - nr: 14", "      utfall: bifall\n\n  - nr: 14"]], at: "      utfall: bifall\n\n  - nr: 14" },
  { name: "over-ram", what: "mer beviljat än ramen", code: "over-ram", edits: [["  max_år_i_rad: 3\n", "  max_år_i_rad: 3\n  ram: 3 000 000\n"]], at: "ram: 3 000 000" },
  { name: "dubbelt-nummer", what: "två ansökningar med samma nummer", code: "nr-dubblett", edits: [[app(5), app(4)]], at: "  - nr: 4\n    id: brukare" },
  { name: "dubbelt-id", what: "två ansökningar med samma id", code: "id-dubblett", edits: [["    id: brukare-och-personal-forsta-varandra", "    id: digital-lots-samsjukliga"]], at: "    id: digital-lots-samsjukliga\n    förvaltning: Kungsholmen" },
  { name: "samordning-med-okand-ansokan", what: "villkor som hänvisar till en ansökan som inte finns", code: "samordning-saknas", edits: [["    resmål: Finland\n    syfte: Verksamhetsbesök\n    sökt: 25 000\n    beslut:\n      utfall: bifall\n", "    resmål: Finland\n    syfte: Verksamhetsbesök\n    sökt: 25 000\n    beslut:\n      utfall: bifall\n      villkor: Beviljas medel endast om samordning av studieresan sker med ansökan 19.\n      samordnas_med:\n        - 19\n"]], at: "        - 19" },
  { name: "minskning-inte-gjord", what: "ett fortsättningsprojekt har inte minskats enligt årets regel", code: "minskning-ej-tillampad", edits: [["  max_år_i_rad: 3\n", "  max_år_i_rad: 3\n  minskning_fortsättningsprojekt:\n    procent: 20\n"]], at: "    projektår: 2\n    sökt: 300 000\n    beslut:\n      utfall: bifall", offset: 3 },
  { name: "nytt-projekt-pa-ar-tva", what: "ett projekt på år 2 som inte fanns förra året", code: "foregaende-ar-saknas", edits: [["    projekt: Digital Lots för samsjukliga\n", "    projekt: Digital Lots för samsjukliga\n    projektår: 2\n"]], at: "    id: digital-lots-samsjukliga" },
  { name: "fortsattning-pa-avslag", what: "ett projekt på år 2 som fick avslag förra året", code: "foregaende-ar-ej-beviljat", edits: [["    id: boende-med-forstarkt-stod\n    förvaltning: Enskede-Årsta-Vantör   # PLATSHÅLLARE\n    projekt: BFS (Boende med förstärkt stöd)\n", "    id: signs-of-safety\n    förvaltning: Hägersten-Älvsjö\n    projekt: Signs of Safety\n    projektår: 2\n"]], at: "    projektår: 2\n    sökt: 500 000             # PLATSHÅLLARE\n    beslut:\n      utfall: avslag" },
  { name: "fel-projektar", what: "projektåret hoppar över ett år", code: "projektar-stammer-inte", edits: [["    projekt: Prata om det – barn som anhöriga\n    projektår: 2", "    projekt: Prata om det – barn som anhöriga\n    projektår: 3"]], at: "    projektår: 3\n    sökt: 300 000\n" },
  { name: "for-manga-ar", what: "ett projekt på fler år i rad än reglerna tillåter", code: "for-manga-ar", edits: [["    projekt: Tidigt stöd till minderåriga EU-medborgare\n    projektår: 3", "    projekt: Tidigt stöd till minderåriga EU-medborgare\n    projektår: 4"]], at: "projektår: 4" },
  { name: "redovisning-inte-godkand", what: "medel till en förvaltning vars redovisning inte är godkänd", code: "redovisning-ej-godkand", edits: [["    resultat: Samtalsgrupper för barn som anhöriga har startats.\n    godkänd: true", "    resultat: Samtalsgrupper för barn som anhöriga har startats.\n    godkänd: false"]], at: "    projektår: 2\n    sökt: 300 000\n    beslut:\n      utfall: bifall", offset: 3 },
  { name: "redovisning-fel-id", what: "en redovisning med ett id som inte fanns förra året", code: "redovisning-okant-projekt", edits: [["  - id: vaga-anmala-vaga-vittna\n", "  - id: vaga-anmala\n"]], at: "  - id: vaga-anmala\n" },
  { name: "okand-forvaltning", what: "en förvaltning som inte finns i registret (felstavad)", code: "okand-forvaltning", edits: [["    id: digital-lots-samsjukliga\n    förvaltning: Farsta", "    id: digital-lots-samsjukliga\n    förvaltning: Farst"]], at: "    förvaltning: Farst\n" },
  { name: "forvaltning-upphord", what: "en förvaltning som inte längre finns (Rinkeby-Kista blev Järva)", code: "forvaltning-upphord", edits: [["    id: digital-lots-samsjukliga\n    förvaltning: Farsta", "    id: digital-lots-samsjukliga\n    förvaltning: Rinkeby-Kista"]], at: "    id: digital-lots-samsjukliga\n    förvaltning: Rinkeby-Kista", offset: 1 },
  { name: "anmalan-fel-sokande", what: "anmälningsärende för en sökande som inte finns bland ansökningarna", code: "okand-sokande", edits: [["    sökande: Farsta\n", "    sökande: Farst\n"]], at: "    sökande: Farst\n" },
  { name: "delvis-bifall-noll", what: "delvis bifall med 0 kronor", code: "delvis-noll", edits: [["      belopp: 250 000\n      motivering: bedöms kunna genomföras med en reducerad summa av ansökta medel.\n\n  - nr: 6", "      belopp: 0\n      motivering: bedöms kunna genomföras med en reducerad summa av ansökta medel.\n\n  - nr: 6"]], at: "      belopp: 0\n" },
  { name: "centralt-over-sokt", what: "mer från centrala utvecklingsmedel än ansökan sökte", code: "centralt-over-sokt", edits: [["    projekt: Familjeorienterat boendestöd\n    sökt: 500 000\n    beslut:\n      utfall: bifall\n", "    projekt: Familjeorienterat boendestöd\n    sökt: 500 000\n    beslut:\n      utfall: centrala_medel\n      belopp: 900 000\n      motivering: finansieras med centrala utvecklingsmedel.\n"]], at: "      belopp: 900 000" },
  { name: "period-omvand", what: "ansökningsperioden slutar innan den börjar", code: "period-omvand", edits: [["beredning:\n  förvaltningsgruppen: 2023-12-07", "ansökningsperiod:\n  från: 2023-08-30\n  till: 2023-05-02\n\nberedning:\n  förvaltningsgruppen: 2023-12-07"]], at: "  till: 2023-05-02" },
  { name: "projektar-glomt", what: "ett projekt som fick medel förra året står som år 1", code: "projektar-stammer-inte", edits: [["    projekt: Tidigt stöd till minderåriga EU-medborgare\n    projektår: 3\n", "    projekt: Tidigt stöd till minderåriga EU-medborgare\n"]], at: "    id: tidigt-stod-eu-medborgare" },
  { name: "okant-undantag", what: "undantag från en regel som inte finns", code: "okant-undantag", edits: [["    projekt: Familjeorienterat boendestöd\n    sökt: 500 000\n    beslut:\n      utfall: bifall\n", "    projekt: Familjeorienterat boendestöd\n    sökt: 500 000\n    beslut:\n      utfall: bifall\n      undantag:\n        - regel: max-per-stadsdel\n          motivering: Nämnden vill prioritera stadsdelen.\n"]], at: "regel: max-per-stadsdel" },
  // Attacks on the build (issue 11): values that check let through and build then failed on or printed wrongly.
  { name: "2025-ar-fel-i-namnet", what: "filen heter 2025 men år: är 2024", code: "ar-filnamn", at: "år: 2024" },
  { name: "datum-1900", what: "ett datum långt före 1980", code: "ogiltigt-varde", edits: [["återbetalning_senast: 2024-06-02", "återbetalning_senast: 1900-06-02"]], at: "1900-06-02" },
  { name: "datum-2150", what: "ett datum efter 2099", code: "ogiltigt-varde", edits: [["återbetalning_senast: 2024-06-02", "återbetalning_senast: 2150-06-02"]], at: "2150-06-02" },
  { name: "belopp-minus-noll", what: "beloppet -0", code: "ogiltigt-varde", edits: [["    sökt: 23 400", "    sökt: -0"]], at: "sökt: -0" },
  { name: "belopp-langa-siffror", what: "ett belopp med 30 siffror (blev totalt ∞ kronor)", code: "ogiltigt-varde", edits: [["    sökt: 23 400", "    sökt: 999999999999999999999999999999"]], at: "sökt: 9999" },
  { name: "belopp-langa-siffror-text", what: "ett belopp med 30 siffror inom citattecken", code: "ogiltigt-varde", edits: [["    sökt: 23 400", '    sökt: "999 999 999 999 999 999 999 999 999 999"']], at: 'sökt: "999 ' },
  { name: "belopp-over-2-53", what: "ett belopp större än 2^53", code: "ogiltigt-varde", edits: [["    sökt: 23 400", "    sökt: 9007199254740993"]], at: "sökt: 9007199254740993" },
  { name: "belopp-hex", what: "ett belopp skrivet hexadecimalt", code: "ogiltigt-varde", edits: [["    sökt: 23 400", "    sökt: 0x5B68"]], at: "sökt: 0x5B68" },
  { name: "nr-exponent", what: "ansökningsnummer skrivet som 1e9", code: "ogiltigt-varde", edits: [["  - nr: 1\n", "  - nr: 1e9\n"]], at: "nr: 1e9" },
  { name: "sokt-noll", what: "0 kronor sökt och beviljat", code: "ogiltigt-varde", edits: [["    sökt: 23 400", "    sökt: 0"]], at: "sökt: 0" },
  { name: "nolltecken-i-text", what: "ett nolltecken i ett projektnamn", code: "tecken-otillatet", edits: [["    projekt: Digital Lots för samsjukliga", '    projekt: "Digital\\0Lots för samsjukliga"']], at: "Digital\\0Lots" },
  { name: "terminalsekvens-i-text", what: "en terminalsekvens (ESC) i ett projektnamn", code: "tecken-otillatet", edits: [["    projekt: Digital Lots för samsjukliga", '    projekt: "\\e[2J\\e[31mDigital Lots"']], at: "mDigital Lots" },
  { name: "dubbelt-kriterium", what: "samma huvudkriterium två gånger", code: "kriterium-dubblett", edits: [["  - Projektet ska bidra till utveckling och strategiskt värde för hela stadens socialtjänst.\n", "  - Projektet ska bidra till utveckling och strategiskt värde för hela stadens socialtjänst.\n  - projektet ska bidra till utveckling och strategiskt värde för hela stadens  socialtjänst\n"]], at: "  - projektet ska bidra" },
  { name: "onodigt-undantag", what: "undantag som inte behövs", code: "oanvant-undantag", edits: [["    projekt: Familjeorienterat boendestöd\n    sökt: 500 000\n    beslut:\n      utfall: bifall\n", "    projekt: Familjeorienterat boendestöd\n    sökt: 500 000\n    beslut:\n      utfall: bifall\n      undantag:\n        - regel: over-maxbelopp\n          motivering: Projektet är viktigt.\n"]], at: "regel: over-maxbelopp" },
  { name: "delvis-utan-minskning", what: "delvis bifall med hela det sökta beloppet", code: "delvis-utan-minskning", edits: [["      belopp: 250 000\n      motivering: bedöms kunna genomföras med en reducerad summa av ansökta medel.\n\n  - nr: 6", "      belopp: 500 000\n      motivering: bedöms kunna genomföras med en reducerad summa av ansökta medel.\n\n  - nr: 6"]], at: "      utfall: delvis_bifall\n      belopp: 500 000" },
  // Issue 10: the secretary's real mistakes when she copies last year's file.
  { name: "titel-fran-forra-aret", what: "titeln har kvar förra årets år", code: "ar-stammer-inte", edits: [["studiebesök/resor 2024\n", "studiebesök/resor 2023\n"]], at: "titel: Fördelning av lokala" },
  { name: "datum-fran-forra-aret", what: "tjänsteutlåtandets datum är från förra omgången", code: "ar-stammer-inte", edits: [["datum: 2023-12-12", "datum: 2022-12-12"]], at: "datum: 2022-12-12" },
  { name: "beredning-fran-forra-aret", what: "beredningens datum är från förra omgången", code: "ar-stammer-inte", edits: [["  förvaltningsgruppen: 2023-12-07", "  förvaltningsgruppen: 2022-12-07"]], at: "förvaltningsgruppen: 2022" },
  { name: "aterbetalning-fran-forra-aret", what: "sista dag för återbetalning är från förra omgången", code: "ar-stammer-inte", edits: [["återbetalning_senast: 2024-06-02", "återbetalning_senast: 2023-06-02"]], at: "återbetalning_senast: 2023" },
  { name: "dnr-fran-forra-aret", what: "diarienumret är från en tidigare omgång", code: "ar-stammer-inte", edits: [['dnr: "3.2-0000/2023"', 'dnr: "3.2-0000/2021"']], at: 'dnr: "3.2-0000/2021"' },
  { name: "platshallare-kvar", what: "en uppgift är fortfarande märkt PLATSHÅLLARE", code: "platshallare", at: 'dnr: "3.2-0000/2023"' },
  { name: "hash-klipper-text", what: "# i en text utan citattecken klipper texten", code: "text-avklippt", edits: [["    projekt: Digital Lots för samsjukliga", "    projekt: Språkombud #2 – fortsättning"]], at: "Språkombud #2" },
  { name: "hakparentes-stangs-inte", what: "en lista med [ som aldrig stängs", code: "yaml-syntax", edits: [["prioriterade_områden:\n", "prioriterade_områden: [Projekt med avsikt\n"]], at: "prioriterade_områden: [" },
  { name: "klammer-stangs-inte", what: "{ som aldrig stängs", code: "yaml-syntax", edits: [["handläggare:\n  namn: Anna Andersson        # PLATSHÅLLARE: handläggaren saknas i källan\n", "handläggare: {namn: Anna Andersson\n"]], at: "handläggare: {" },
  { name: "mellanslag-for-mycket", what: "ett mellanslag för mycket i indraget", code: "yaml-syntax", edits: [["    projekt: Familjeorienterat boendestöd\n    sökt: 500 000", "    projekt: Familjeorienterat boendestöd\n     sökt: 500 000"]], at: "     sökt: 500 000" },
  { name: "mellanslag-for-lite", what: "ett mellanslag för lite i indraget", code: "yaml-syntax", edits: [["    projekt: Familjeorienterat boendestöd\n    sökt: 500 000", "    projekt: Familjeorienterat boendestöd\n   sökt: 500 000"]], at: "   sökt: 500 000\n    beslut:\n      utfall: bifall\n\n  - nr: 9" },
  { name: "kolon-i-text", what: "ett kolon inne i en text utan citattecken", code: "yaml-syntax", edits: [["    projekt: Digital Lots för samsjukliga", "    projekt: Digital Lots: för samsjukliga"]], at: "Digital Lots: för" },
  { name: "beslut-utan-indrag", what: "nycklarna under beslut: saknar indrag", code: "ogiltigt-varde", edits: [["    beslut:\n      utfall: avslag\n      motivering: bedöms ligga utanför", "    beslut:\n    utfall: avslag\n    motivering: bedöms ligga utanför"]], at: "    utfall: avslag\n    motivering: bedöms ligga" },
  { name: "beslut-halvt-indrag", what: "nycklarna under beslut: har för lite indrag", code: "yaml-syntax", edits: [["    beslut:\n      utfall: avslag\n      motivering: bedöms ligga utanför", "    beslut:\n   utfall: avslag\n   motivering: bedöms ligga utanför"]], at: "   utfall: avslag\n   motivering: bedöms ligga" },
  // The user trial of the messages: an indentation mistake named at its own line, with what to do.
  { name: "belopp-utanfor-beslut", what: "belopp: under beslut: står två mellanslag för långt ut, i jämnhöjd med beslut:", code: "yaml-syntax", edits: [["      utfall: delvis_bifall\n      belopp: 250 000\n", "      utfall: delvis_bifall\n    belopp: 250 000\n"]], at: "delvis_bifall\n    belopp: 250 000", offset: 1, says: '"belopp" hör till "beslut:" men har två mellanslag för lite i början; dra in raden så att den står rakt under "utfall:"', errors: 1 },
  { name: "beslut-nycklar-utanfor", what: "belopp: och motivering: står i jämnhöjd med beslut: i stället för under den", code: "nyckel-hor-till", edits: [["      belopp: 250 000\n      motivering: bedöms kunna", "    belopp: 250 000\n    motivering: bedöms kunna"]], at: "delvis_bifall\n    belopp: 250 000", offset: 1, says: 'Nyckeln "belopp" hör till "beslut:" – dra in raden så att den står rakt under "utfall:".', errors: 2 },
  { name: "utfall-inte-under-beslut", what: "utfall: står i jämnhöjd med beslut:, raderna efter den rätt", code: "yaml-syntax", edits: [["    beslut:\n      utfall: delvis_bifall\n", "    beslut:\n    utfall: delvis_bifall\n"]], at: "    beslut:\n    utfall: delvis_bifall", offset: 1, says: '"utfall" hör till "beslut:" men står inte indragen under den; dra in raden två mellanslag', errors: 1 },
  { name: "tabb-i-ansokan", what: "en tabb i början av en rad i en ansökan", code: "yaml-syntax", edits: [["    förvaltning: Kungsholmen\n    projekt: Hur kan", "\tförvaltning: Kungsholmen\n    projekt: Hur kan"]], at: "\tförvaltning: Kungsholmen", says: "tabbtecken används som indrag", errors: 1 },
  { name: "beslut-tva-nycklar-utanfor", what: "två nycklar under beslut: står i jämnhöjd med beslut:", code: "yaml-syntax", edits: [["    beslut:\n      utfall: delvis_bifall\n      belopp: 200 000\n", "    beslut:\n    utfall: delvis_bifall\n    belopp: 200 000\n"]], at: "    utfall: delvis_bifall\n    belopp: 200 000", says: "\"utfall\" och \"belopp\" hör till \"beslut:\"", errors: 1 },
  { name: "tabb-fore-listpunkt", what: "en tabb före en ansökans listpunkt", code: "yaml-syntax", edits: [["  - nr: 2\n    id: prata-om-det", "\t- nr: 2\n    id: prata-om-det"]], at: "\t- nr: 2", says: "tabbtecken används som indrag", errors: 1 },
  { name: "tabb-och-dubbel-nyckel", what: "en tabb i en ansökan och, på annat håll i filen, samma nyckel två gånger", code: "yaml-dubblett", edits: [["    förvaltning: Kungsholmen\n    projekt: Hur kan", "\tförvaltning: Kungsholmen\n    projekt: Hur kan"], ["nämnd: Socialnämnden\n", "nämnd: Socialnämnden\nnämnd: Socialnämnden\n"]], at: "nämnd: Socialnämnden\nnämnd", offset: 1, errors: 2 },
  { name: "enkelt-citattecken-saknas", what: "ett enkelt citattecken som aldrig avslutas", code: "yaml-syntax", edits: [["titel: Fördelning", "titel: 'Fördelning"]], at: "titel: 'Fördelning" },
  { name: "riktningstecken-i-text", what: "ett osynligt tecken som vänder texten (U+202E), inklistrat", code: "tecken-otillatet", edits: [["projekt: ARN – Aktivera Rätt Nätverk", "projekt: ARN – \u202eAktivera Rätt Nätverk"]], at: "projekt: ARN" },
  { name: "kyrilliskt-a-i-namn", what: "ett kyrilliskt а i ett förvaltningsnamn, inklistrat", code: "tecken-otillatet", edits: [["    id: digital-lots-samsjukliga\n    förvaltning: Farsta", "    id: digital-lots-samsjukliga\n    förvaltning: F\u0430rsta"]], at: "förvaltning: F\u0430rsta" },
  { name: "forvaltning-tre-stavningar", what: "Farsta skrivet på tre sätt räknas som en förvaltning, över gränsen på två", code: "max-per-forvaltning", edits: [["    förvaltning: Kungsholmen\n    projekt: Hur kan", "    förvaltning: farsta stadsdelsförvaltning\n    projekt: Hur kan"], ["    förvaltning: Farsta       # PLATSHÅLLARE\n    projekt: Förstärkt stöd till familjehem och vårdnadshavare\n    sökt: 500 000             # PLATSHÅLLARE\n    beslut:\n      utfall: avslag\n      motivering: bedöms inte uppfylla huvudkriteriet om nya arbetssätt/metoder.", "    förvaltning: Farsta sdf\n    projekt: Förstärkt stöd till familjehem och vårdnadshavare\n    sökt: 500 000             # PLATSHÅLLARE\n    beslut:\n      utfall: bifall"]], at: "    förvaltning: Farsta sdf\n", offset: 4 },
  { name: "inklistrat-hart-mellanslag", what: "ett namn inklistrat med hårt mellanslag och nollbreddsmellanslag", code: "text-rensad", edits: [["    förvaltning: Kungsholmen\n    projekt: Hur kan", "    förvaltning: Kungsholmen\u00a0\u200b\n    projekt: Hur kan"]], at: "    förvaltning: Kungsholmen\u00a0" },
  { name: "samma-ar-tva-ganger", what: "två filer för samma år", code: "ar-dubblett", edits: [["år: 2024", "år: 2023"]], at: "år: 2023" },
  { name: "tom-fil", what: "en tom fil", code: "fil-tom", text: "# yaml-language-server: $schema=../../rounds/round.schema.json\n\n" },
  { name: "lista-i-stallet-for-nycklar", what: "filen är en lista i stället för nycklar", code: "yaml-inte-mappning", text: "- år: 2024\n- titel: Fördelning\n", at: "- år: 2024" },
  { name: "aliasbomb", what: "YAML-alias som växer exponentiellt", code: "yaml-alias", text: "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n" },
  // The nämnd's meeting (issue 19): each mistake in recording what the nämnd decided.
  { name: "sammantrade-andrar-okand-ansokan", what: "nämndens ändring gäller ett nummer som ingen ansökan har", code: "sammantrade-okand-ansokan", edits: [["  beslut: enligt_förslag\n", "  ändringar:\n    lum:\n      - nr: 15\n        utfall: avslag\n        motivering: bedöms inte uppfylla huvudkriterierna.\n"]], at: "      - nr: 15", says: "LUM-ansökan nr 15" },
  { name: "sammantrade-atertagen-okand", what: "en återtagen ansökan med ett nummer som inte finns", code: "sammantrade-okand-ansokan", edits: [["  beslut: enligt_förslag\n", "  återtagna:\n    mul: [9]\n"]], at: "    mul: [9]" },
  { name: "sammantrade-atertagen-och-beviljad", what: "en återtagen ansökan som nämnden också beviljar", code: "atertagen-andrad", edits: [["  beslut: enligt_förslag\n", "  återtagna:\n    lum: [9]\n  ändringar:\n    lum:\n      - nr: 9\n        utfall: bifall\n"]], at: "      - nr: 9\n", offset: 1 },
  { name: "sammantrade-andrad-tva-ganger", what: "samma ansökan ändrad två gånger", code: "andring-dubblett", edits: [["  beslut: enligt_förslag\n", "  ändringar:\n    lum:\n      - nr: 2\n        utfall: delvis_bifall\n        belopp: 150 000\n        motivering: bedöms kunna genomföras med mindre medel.\n      - nr: 2\n        utfall: avslag\n        motivering: bedöms inte uppfylla huvudkriterierna.\n"]], at: "        belopp: 150 000\n        motivering: bedöms kunna genomföras med mindre medel.\n      - nr: 2", offset: 2 },
  { name: "sammantrade-over-ram", what: "nämnden beviljar mer än ramen utan att skälet står", code: "beslut-over-ram", edits: [["  max_år_i_rad: 3\n", "  max_år_i_rad: 3\n  ram: 3 198 400\n"], ["  beslut: enligt_förslag\n", "  ändringar:\n    lum:\n      - nr: 9\n        utfall: bifall\n"]], at: "  ändringar:" },
  { name: "sammantrade-forvaltning-over-gransen", what: "nämnden beviljar en förvaltning fler ansökningar än gränsen", code: "max-per-forvaltning", edits: [["  max_beviljade_lum_per_förvaltning: 2", "  max_beviljade_lum_per_förvaltning: 1"], ["  beslut: enligt_förslag\n", "  ändringar:\n    lum:\n      - nr: 11\n        utfall: bifall\n"]], at: "      - nr: 11\n", offset: 1 },
  { name: "sammantrade-andrat-belopp-over-sokt", what: "nämnden beviljar mer än det sökta", code: "beviljat-over-sokt", edits: [["  beslut: enligt_förslag\n", "  ändringar:\n    lum:\n      - nr: 2\n        utfall: delvis_bifall\n        belopp: 350 000\n        motivering: bedöms behöva mer medel.\n"]], at: "        belopp: 350 000" },
  { name: "sammantrade-tidigare-beslutade", what: "ett tidigare sammanträde som beslutade", code: "tidigare-sammantrade-beslut", edits: [["sammanträde:\n  datum: 2024-01-23\n", "tidigare_sammanträden:\n  - datum: 2024-01-09\n    paragraf: 4\n    sekreterare:\n      namn: Karin Karlsson\n      titel: Sekreterare\nsammanträde:\n  datum: 2024-01-23\n"]], at: "  - datum: 2024-01-09" },
  { name: "sammantrade-fore-tjansteutlatandet", what: "sammanträdet före tjänsteutlåtandets datum", code: "datum-ordning", edits: [["  datum: 2024-01-23\n  paragraf: 12", "  datum: 2023-12-01\n  paragraf: 12"]], at: "  datum: 2023-12-01", says: "Sammanträdets datum (2023-12-01) ska vara samma dag som eller efter tjänsteutlåtandets datum (2023-12-12)" },
  { name: "sammantrade-justerat-fore-motet", what: "protokollet justerat före sammanträdet", code: "datum-ordning", edits: [["  justeras_omedelbart: true\n", "  justering:\n    ordförande: Anna Ek\n    justerare: [Erik Sand]\n    datum: 2024-01-16\n"]], at: "    datum: 2024-01-16", says: "Justeringens datum" },
  { name: "tjansteutlatande-fore-periodens-slut", what: "tjänsteutlåtandet daterat innan ansökningsperioden slutat", code: "datum-fore-periodens-slut", edits: [["återbetalning_senast: 2024-06-02\n", "återbetalning_senast: 2024-06-02\n\nansökningsperiod:\n  från: 2023-10-01\n  till: 2023-12-15\n"]], at: "datum: 2023-12-12", says: "ansökningsperiodens slut" },
  { name: "sammantrade-aterremiss-utan-skal", what: "återremiss utan skäl", code: "saknas", edits: [["  beslut: enligt_förslag\n", "  utfall: återremiss\n"]], at: "  utfall: återremiss", offset: -3, says: "sammanträde.skäl" },
  { name: "sammantrade-beslut-andrat-fritext", what: "nämndens ändring skriven som beslut: ändrat", code: "ogiltigt-varde", edits: [["  beslut: enligt_förslag\n", "  beslut: ändrat\n"]], at: "  beslut: ändrat", says: "ändringar:" },
  { name: "sammantrade-beslutsgang-motsager", what: "nämnden ändrar ett belopp, men inget yrkande är markerat som bifallet", code: "beslutsgang-motsager-andringar", edits: [["  beslut: enligt_förslag\n", "  ändringar:\n    lum:\n      - nr: 2\n        utfall: delvis_bifall\n        belopp: 150 000\n        motivering: bedöms kunna genomföras med mindre medel.\n  yrkanden:\n    - av: Anna Ek (M)\n      yrkande: att LUM-ansökan nr 2 beviljas 150 000 kronor.\n"]], at: "  yrkanden:" },
  { name: "latin-1", what: "filen sparad som Latin-1 i stället för UTF-8", code: "fil-inte-utf8", text: Buffer.from(base.replace(/^# .*\n/gm, ""), "latin1") },
];

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
for (const c of cases) {
  if (c.text instanceof Uint8Array) {
    writeFileSync(join(OUT, `${c.name}.yaml`), c.text);
    writeFileSync(join(OUT, `${c.name}.expected`), `${c.code} 0\n`);
    continue;
  }
  let text = c.text ?? base;
  for (const [find, replace] of c.edits ?? []) {
    if (!text.includes(find)) throw new Error(`${c.name}: "${find}" is not in the base file`);
    text = text.replace(find, replace);
  }
  text = text.replace(/^# yaml-language-server: .*\n/, "");
  const header = `# Trasig omgångsfil för testerna: ${c.what}.\n`;
  text = header + text;
  let line = 0;
  if (c.at !== undefined) {
    const index = text.indexOf(c.at);
    if (index < 0 || text.indexOf(c.at, index + 1) >= 0) throw new Error(`${c.name}: "${c.at}" is not unique in the result`);
    // The line of the marker's last line start that holds the mistake: its first line.
    line = text.slice(0, index).split("\n").length + (c.offset ?? 0);
  }
  writeFileSync(join(OUT, `${c.name}.yaml`), text);
  const extra = [...(c.says !== undefined ? [`text: ${c.says}`] : []), ...(c.errors !== undefined ? [`fel: ${c.errors}`] : [])];
  writeFileSync(join(OUT, `${c.name}.expected`), [`${c.code} ${line}`, ...extra].join("\n") + "\n");
}
console.log(`${cases.length} cases in ${OUT}`);

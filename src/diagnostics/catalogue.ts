// One catalogue of every diagnostic the tool can give: a stable code, a
// Swedish message (what happened) and a hint (what to do). Code elsewhere
// creates diagnostics only through `diagnostic()`, so the catalogue is the
// complete list to document and test.

export type Severity = "fel" | "varning" | "notering";

interface Entry {
  severity: Severity;
  /** What is wrong; `{x}` placeholders are filled from the diagnostic's params. */
  message: string;
  /** What the secretary should do about it. */
  hint: string;
}

export const catalogue = {
  "fil-saknas": {
    severity: "fel",
    message: "Filen {fil} finns inte eller kan inte läsas.",
    hint: "Kontrollera filnamnet. Omgångsfilerna ligger i mappen rounds/.",
  },
  "fil-inte-utf8": {
    severity: "fel",
    message: "Filen är inte sparad som UTF-8-text: {var}.",
    hint: "Spara filen som text med teckenkodningen UTF-8, till exempel i VS Code eller Anteckningar.",
  },
  "fil-tom": {
    severity: "fel",
    message: "Filen är tom.",
    hint: "Utgå från förra årets fil i rounds/ och ändra uppgifterna för det nya året.",
  },
  "fil-for-stor": {
    severity: "fel",
    message: "Filen är {storlek} MB, mer än de {max} MB en omgångsfil får vara.",
    hint: "En omgångsfil är normalt under 100 kB. Kontrollera att det är rätt fil.",
  },
  "yaml-syntax": {
    severity: "fel",
    message: "Filen går inte att läsa som YAML: {detalj}",
    hint: "Kontrollera indrag (mellanslag, inte tabb), kolon efter nycklar och citattecken runt text med kolon eller #.",
  },
  "yaml-dubblett": {
    severity: "fel",
    message: "Nyckeln {nyckel} står två gånger på samma nivå.",
    hint: "Ta bort eller slå ihop den ena förekomsten.",
  },
  "yaml-alias": {
    severity: "fel",
    message: "Filen använder YAML-alias (*namn) på ett sätt som inte går att läsa: {detalj}",
    hint: "Skriv ut värdena i stället för att använda & och *.",
  },
  "yaml-inte-mappning": {
    severity: "fel",
    message: "Filen ska bestå av nycklar med värden (år:, titel:, lum: …), men innehåller {typ}.",
    hint: "Utgå från förra årets fil i rounds/.",
  },
  "tecken-otillatet": {
    severity: "fel",
    message: "Texten innehåller {vad}.",
    hint: "Skriv om texten med tangentbordet: den har troligen klistrats in från en annan källa, och tecknet kan få ett namn att se ut som ett annat eller ändra hur texten visas.",
  },
  "text-rensad": {
    severity: "notering",
    message: "Tecken som inte syns har tagits bort ur texten: {vad}.",
    hint: "Inget behöver göras; texten har troligen klistrats in. Ta gärna bort tecknen i filen.",
  },
  "text-avklippt": {
    severity: "varning",
    message: "Texten klipps vid #: bara \"{kvar}\" kommer med i dokumenten, och \"{bort}\" läses som en kommentar.",
    hint: "Skriv texten inom citattecken: {nyckel}: \"{hela}\"",
  },
  "platshallare": {
    severity: "varning",
    message: "{vad}{varde} är märkt PLATSHÅLLARE och ska bytas ut mot den riktiga uppgiften.",
    hint: "Skriv in den riktiga uppgiften och ta bort kommentaren # PLATSHÅLLARE. Så länge en platshållare finns kvar märks dokumenten UTKAST, och npm run check -- --strict stoppar.",
  },
  "platshallare-i-filen": {
    severity: "varning",
    message: "{antal} uppgifter är märkta PLATSHÅLLARE (rad {rader}), så dokumenten är märkta UTKAST.",
    hint: "Kör npm run check -- {fil} för att se var och en. Skriv in de riktiga uppgifterna och ta bort kommentarerna # PLATSHÅLLARE.",
  },
  "okand-nyckel": {
    severity: "fel",
    message: "Nyckeln {nyckel} är okänd här.{forslag}",
    hint: "Rätta stavningen eller ta bort raden. Tillåtna nycklar: {tillatna}.",
  },
  "nyckel-hor-till": {
    severity: "fel",
    message: 'Nyckeln {nyckel} hör till "{block}:" – dra in raden så att den står rakt under "{under}:".',
    hint: 'Raderna som hör till "{block}:" står rakt under varandra, längre in än "{block}:". Här står raden lika långt ut som "{block}:" och räknas därför inte dit.',
  },
  "saknas": {
    severity: "fel",
    message: "{falt} saknas{orsak}.",
    hint: "Lägg till {falt} här.",
  },
  "ogiltigt-varde": {
    severity: "fel",
    message: "{falt} {problem}",
    hint: "Rätta värdet på raden.",
  },
  "ar-dubblett": {
    severity: "fel",
    message: "År {ar} finns redan i {annan}.",
    hint: "Varje år ska ha en egen fil. Rätta år: i den ena filen.",
  },
  "ar-filnamn": {
    severity: "fel",
    message: "Filen heter {namn}, men år: är {ar}.",
    hint: "En omgångsfils år är året i dess namn. Rätta år: eller byt namn på filen till {ar}.yaml.",
  },
  "foregaende-ar-trasigt": {
    severity: "fel",
    message: "Förra årets fil, {fil}, går inte att läsa ({antal} fel), så årets redovisning och reglerna över åren kan inte bygga på den.",
    hint: "Kör npm run check -- {fil} och rätta felen där först.",
  },
  "fil-utanfor-projektet": {
    severity: "fel",
    message: "Filen {fil} är en länk till en fil utanför projektet och läses inte.",
    hint: "Kopiera filen till rounds/ i stället för att länka till den.",
  },
  "fil-inte-vanlig": {
    severity: "fel",
    message: "{fil} är {typ}, inte en vanlig fil, och läses inte.",
    hint: "En omgångsfil är en vanlig textfil i rounds/. Ta bort eller flytta det som ligger där.",
  },
  "kriterium-dubblett": {
    severity: "varning",
    message: "{falt} står redan på rad {rad}.",
    hint: "Ta bort den ena raden.",
  },

  // Rules of the round. Each may be set aside for one decision by an
  // `undantag` with this code and a reason; the error then becomes a note.
  "beviljat-over-sokt": {
    severity: "fel",
    message: "Beviljat belopp, {beviljat} kronor, är mer än det sökta, {sokt} kronor.",
    hint: "Sänk beloppet till högst det sökta, eller rätta det sökta beloppet.",
  },
  "over-maxbelopp": {
    severity: "fel",
    message: "Beviljat belopp, {beviljat} kronor, är mer än det högsta beloppet per ansökan, {max} kronor.",
    hint: "Skriv utfall: maxbelopp för att bevilja {max} kronor, eller delvis_bifall med ett lägre belopp.",
  },
  "maxbelopp-utan-grund": {
    severity: "fel",
    message: "Utfallet maxbelopp beviljar {max} kronor, men ansökan söker bara {sokt} kronor.",
    hint: "Skriv utfall: bifall; maxbelopp används när det sökta beloppet är högre än maxbeloppet.",
  },
  "motivering-saknas": {
    severity: "fel",
    message: "Beslutet {utfall} saknar motivering.",
    hint: "Lägg till motivering: under beslut:. En LUM-motivering ska kunna följa ”Projektet ”namn” …”, till exempel: bedöms inte uppfylla huvudkriteriet om nya arbetssätt/metoder. En MUL-motivering följer ”Studiebesöket till Malmö (Kungsholmen) …”, till exempel: avser en konferens och inte ett verksamhetsbesök. Stor bokstav, ett inledande ”Projektet” eller ”Studiebesöket” och punkten i slutet rättar verktyget självt.",
  },
  "max-per-forvaltning": {
    severity: "fel",
    message: "{forvaltning} beviljas {antal} {fond}-ansökningar, men högst {max} får beviljas per förvaltning.",
    hint: "Avslå eller minska någon av förvaltningens ansökningar (nummer {nummer}).",
  },
  "over-ram": {
    severity: "fel",
    message: "Beviljat totalt, {beviljat} kronor, är mer än ramen på {ram} kronor.",
    hint: "Minska de beviljade beloppen med {over} kronor, eller rätta ramen under regler:.",
  },
  "ram-overskriden": {
    severity: "notering",
    message: "Beviljat totalt, {beviljat} kronor, är {over} kronor mer än ramen på {ram} kronor. Motivering: {motivering}",
    hint: "Ramen överskrids medvetet enligt ram_överskrids:; ta bort den raden om förslaget ska hålla sig inom ramen.",
  },
  "nr-dubblett": {
    severity: "fel",
    message: "Nummer {nr} används redan av en annan {fond}-ansökan (rad {rad}).",
    hint: "Ge varje ansökan ett eget nummer.",
  },
  "id-dubblett": {
    severity: "fel",
    message: "id {id} används redan av en annan ansökan (rad {rad}).",
    hint: "Ge varje ansökan ett eget id; ett projekt som fortsätter behåller förra årets id.",
  },
  "samordning-saknas": {
    severity: "fel",
    message: "Villkoret hänvisar till ansökan {nr}, men det finns ingen {fond}-ansökan med det numret.",
    hint: "Rätta numret under samordnas_med:.",
  },
  "minskning-ej-tillampad": {
    severity: "fel",
    message: "Projektet är på år {ar} och ska enligt regeln minskas med {procent} procent, till högst {max} kronor, men beviljas {beviljat} kronor.",
    hint: "Sänk beloppet till högst {max} kronor (utfall: delvis_bifall), eller ange ett undantag med motivering.",
  },
  "foregaende-ar-saknas": {
    severity: "fel",
    message: "Projektet är på år {ar}, men finns inte med id {id} i {fil}.",
    hint: "Kontrollera id (samma som förra året) och projektår:. Ett nytt projekt har projektår: 1.",
  },
  "foregaende-ar-ej-beviljat": {
    severity: "fel",
    message: "Projektet är på år {ar}, men beviljades inga medel {forraAret} ({fil}).",
    hint: "Ett projekt som inte fick medel förra året börjar om på projektår: 1.",
  },
  "projektar-stammer-inte": {
    severity: "varning",
    message: "Projektet var på år {forra} förra året ({fil}), så i år borde det vara år {vantat}, inte {ar}.",
    hint: "Rätta projektår:.",
  },
  "for-manga-ar": {
    severity: "fel",
    message: "Projektet är på år {ar}, men ett projekt får beviljas medel högst {max} år i rad.",
    hint: "Avslå ansökan, eller ange ett undantag med motivering.",
  },
  "redovisning-ej-godkand": {
    severity: "fel",
    message: "{forvaltning} har en redovisning som inte är godkänd ({id}) och kan därför inte beviljas medel.",
    hint: "Avslå ansökan, eller ändra godkänd: när redovisningen har godkänts.",
  },
  "delvis-utan-minskning": {
    severity: "varning",
    message: "Utfallet är delvis_bifall, men beloppet är lika stort som det sökta.",
    hint: "Skriv utfall: bifall och ta bort belopp:.",
  },
  "mallar-saknas": {
    severity: "fel",
    message: "Det finns inga mallar för {ar} eller något tidigare år i templates/.",
    hint: "Kopiera mallarna för det år som ligger närmast till templates/{ar}/ och anpassa texterna där.",
  },
  "mall-fel": {
    severity: "fel",
    message: "Texten går inte att använda: {detalj}.",
    hint: "Kontrollera fälten inom {{ }} på raden: varje {{#if …}} och {{#each …}} avslutas med {{/if}} eller {{/each}}, och fälten stavas som i docs/mallfalt.md, där alla fält och hjälpare står (till exempel {{kronor f.lum.sökt}}).",
  },
  "uppgift-saknas-for-dokument": {
    severity: "fel",
    message: "{falt} saknas i filen, men {dokument} skriver ut det ({mall}, rad {rad}).",
    hint: "Fyll i {falt}. Ska dokumentet inte göras i år tar du bort det ur dokument.yaml i årets mapp i templates/ (se docs/mallfalt.md); ska texten klara sig utan uppgiften skriver du {{#if …}} … {{/if}} runt den i mallen.",
  },
  "siffra-i-text": {
    severity: "varning",
    message: "Texten innehåller {tal}, samma tal som verktyget räknar fram i {falt}.",
    hint: "Skriv {forslag} i stället, så att talet räknas fram ur årets uppgifter och stämmer även när de ändras.",
  },
  "fakta-i-text": {
    severity: "varning",
    message: "Texten skriver {vad}, som hör till årets uppgifter och blir fel när de ändras.",
    hint: "{atgard}",
  },
  "okand-forvaltning": {
    severity: "fel",
    message: "{vad}: {namn} finns inte i stadens register över förvaltningar.{forslag}",
    hint: "Skriv förvaltningens namn som i registret (data/forvaltningar.yaml), till exempel Farsta eller Socialförvaltningen. Är det en ny förvaltning läggs den till med en rad i registret.",
  },
  "forvaltning-upphord": {
    severity: "fel",
    message: "{vad}: {namn} fanns inte {ar}{ersatt}.",
    hint: "Skriv den förvaltning som fanns {ar}. Åren står i data/forvaltningar.yaml.",
  },
  "ar-stammer-inte": {
    severity: "fel",
    message: "{vad} ({varde}) gäller {fel}, men filen är för {ar}: det ska vara {tillatna}.",
    hint: "Rätta uppgiften för {ar}. Har du kopierat förra årets fil? Ett nytt år börjar enklast med npm run ny-omgang -- {ar}, som märker allt som hör till ett visst år.",
  },
  "okand-sokande": {
    severity: "fel",
    message: "Anmälningsärendet gäller {sokande}, men ingen ansökan i filen kommer från {sokande}.",
    hint: "Skriv förvaltningens namn som det står i ansökningarna ({forslag}), eller ta bort sökande:.",
  },
  "delvis-noll": {
    severity: "fel",
    message: "Utfallet är delvis_bifall men beloppet är 0 kronor.",
    hint: "Skriv utfall: avslag om ansökan inte beviljas några medel.",
  },
  "centralt-over-sokt": {
    severity: "fel",
    message: "Beloppet från centrala utvecklingsmedel, {belopp} kronor, är mer än det sökta, {sokt} kronor.",
    hint: "Rätta beloppet under beslut:.",
  },
  "period-omvand": {
    severity: "fel",
    message: "Ansökningsperioden slutar ({till}) före den börjar ({fran}).",
    hint: "Byt plats på från: och till:.",
  },
  "redovisning-okant-projekt": {
    severity: "varning",
    message: "Redovisningen gäller {id}, men inget projekt med det id:t beviljades medel i {fil}.",
    hint: "Skriv projektets id som det står i förra årets fil.",
  },
  "redovisning-saknas": {
    severity: "notering",
    message: "{antal} av förra årets beviljade projekt saknar redovisning: {projekt}.",
    hint: "Lägg till en post under redovisningar: för varje projekt när redovisningen har kommit in.",
  },
  "foregaende-omgang-saknas": {
    severity: "notering",
    message: "Projekt på år 2 eller senare kan inte kontrolleras mot förra året: {orsak}.",
    hint: "{atgard}",
  },
  "antal-stammer-inte": {
    severity: "fel",
    message: "antal_beviljade är {skrivet}, men {kalla}; dokumenten skulle skriva ett antal bredvid en lista med ett annat.",
    hint: "Ta bort raden antal_beviljade: antalet räknas fram ({raknat}). Saknas ett projekt i listan, lägg till det under redovisningar:.",
  },
  "undantag": {
    severity: "notering",
    message: "Undantag från regeln {regel}: {vad} Motivering: {motivering}",
    hint: "Undantaget står i beslutet; ta bort det om beslutet ändras.",
  },
  "okant-undantag": {
    severity: "fel",
    message: "Undantaget gäller {regel}, som inte är en regel som kan undantas.",
    hint: "Skriv koden för regeln, som den står inom hakparentes i felmeddelandet, till exempel max-per-forvaltning.",
  },
  "oanvant-undantag": {
    severity: "varning",
    message: "Undantaget från {regel} behövs inte: beslutet följer regeln.",
    hint: "Ta bort undantaget.",
  },
  // The nämnd's meeting: its decision is checked as the proposal is.
  "sammantrade-okand-ansokan": {
    severity: "fel",
    message: "{vad} gäller {fond}-ansökan nr {nr}, men det finns ingen sådan ansökan under {nyckel}:.",
    hint: "Rätta numret; det ska vara numret som ansökan har under {nyckel}: (finns: {finns}).",
  },
  "andring-dubblett": {
    severity: "fel",
    message: "{fond}-ansökan nr {nr} ändras två gånger; den första ändringen står på rad {rad}.",
    hint: "Slå ihop ändringarna till en: nämnden fattar ett beslut per ansökan.",
  },
  "atertagen-andrad": {
    severity: "fel",
    message: "{fond}-ansökan nr {nr} står både som återtagen och under ändringar:. En återtagen ansökan avskrivs och kan inte {vad}.",
    hint: "Ta bort ansökan från ändringar: om den drogs tillbaka, eller från återtagna: om nämnden beslutade om den.",
  },
  "andring-som-forslaget": {
    severity: "varning",
    message: "Ändringen av {fond}-ansökan nr {nr} ger samma utfall och belopp som förvaltningens förslag ({utfall}, {belopp} kronor).",
    hint: "Ta bort ändringen om nämnden beslutade enligt förslaget; rätta den annars.",
  },
  "beslut-over-ram": {
    severity: "fel",
    message: "Med nämndens ändringar beviljas totalt {beviljat} kronor, {over} kronor mer än ramen på {ram} kronor (förslaget: {forslag} kronor).",
    hint: "Kontrollera ändringarna mot protokollet. Överskred nämnden ramen medvetet, skriv skälet i ram_överskrids: under sammanträde:.",
  },
  "beslut-ram-overskriden": {
    severity: "notering",
    message: "Nämndens beslut beviljar totalt {beviljat} kronor, {over} kronor mer än ramen på {ram} kronor. Skäl: {motivering}",
    hint: "Nämnden överskred ramen enligt ram_överskrids: under sammanträde:.",
  },
  "tidigare-sammantrade-beslut": {
    severity: "fel",
    message: "Ett tidigare sammanträde ({datum}) har utfall: beslut, men ärendet avgörs bara en gång.",
    hint: "Under tidigare_sammanträden: står sammanträden där ärendet återremitterades eller bordlades; skriv utfall: återremiss eller utfall: bordläggning. Sammanträdet som beslutade står under sammanträde:.",
  },
  "datum-ordning": {
    severity: "fel",
    message: "{vad} ({datum}) ska vara {ordning} {annat} ({annatDatum}).",
    hint: "Kontrollera båda datumen. Ordningen är: ansökningsperioden slutar, tjänsteutlåtandet dateras och ärendet bereds, nämnden sammanträder, protokollet justeras, anmälningsärendena skrivs.",
  },
  "beslutsgang-motsager-andringar": {
    severity: "fel",
    message: "Beslutsgången säger att nämnden beslutade enligt {antaget}, men under ändringar: står {antal} av förslaget. Protokollet skulle säga emot sig självt.",
    hint: "Kontrollera mot protokollet: vann ett yrkande, skriv bifalls: true vid det (eller rätta omröstningen); beslutade nämnden enligt förslaget, ta bort ändringarna.",
  },
  "beslutsgang-utan-andringar": {
    severity: "varning",
    message: "Beslutsgången säger att nämnden beslutade enligt {antaget}, men inga ändringar av förslaget står under ändringar:, så breven följer förvaltningens förslag.",
    hint: "Skriv under ändringar: vad yrkandet innebar för varje ansökan (utfall, belopp). Var yrkandet detsamma som förslaget kan du bortse från varningen.",
  },
  "datum-fore-periodens-slut": {
    severity: "varning",
    message: "{vad} ({datum}) ska vara efter ansökningsperiodens slut ({annatDatum}).",
    hint: "Ärendet om fördelningen skrivs när ansökningarna har kommit in. Står datumet kvar från inriktningen eller förra året, skriv in det nya; stämmer det, rätta ansökningsperioden.",
  },
  "justering-saknas": {
    severity: "notering",
    message: "Det står inte när protokollet justerades: beslutet gäller först när det är justerat, och protokollsutdraget får varken justeringen eller \"Utdraget bestyrks\".",
    hint: "Skriv under sammanträde: justering: med ordförande:, justerare: och datum: när protokollet är justerat, eller justeras_omedelbart: true om paragrafen justerades på sammanträdet.",
  },
  "tecken-saknas-i-typsnitt": {
    severity: "fel",
    message: "Tecknet \"{tecken}\" ({kod}) finns inte i dokumentens typsnitt och skulle bli en tom ruta i PDF-filen.",
    hint: "Byt ut eller ta bort tecknet. Bokstäver med accenter och diakritiska tecken (till exempel Ł, ż, ễ) fungerar, men inte emojier och vissa symboler.",
  },
} as const satisfies Record<string, Entry>;

/** Rules that a decision may set aside with a reasoned `undantag`. */
export const exceptableRules = [
  "beviljat-over-sokt",
  "over-maxbelopp",
  "max-per-forvaltning",
  "minskning-ej-tillampad",
  "foregaende-ar-saknas",
  "foregaende-ar-ej-beviljat",
  "for-manga-ar",
  "redovisning-ej-godkand",
] as const satisfies readonly (keyof typeof catalogue)[];

export type DiagnosticCode = keyof typeof catalogue;

export interface Position {
  file: string;
  /** 1-based line and column; 0 when the problem concerns the whole file. */
  line: number;
  column: number;
  /** Length of the marked span, for the caret line. */
  length: number;
}

export interface Diagnostic extends Position {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  hint: string;
  /** The source line the position points into, for printing under the message. */
  sourceLine: string | undefined;
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ""));
}

export function diagnostic(
  code: DiagnosticCode,
  position: Position & { sourceLine?: string | undefined },
  params: Record<string, string | number> = {},
): Diagnostic {
  const entry: Entry = catalogue[code];
  // Only the position is taken from `position`: it may be another diagnostic
  // (an exception turns an error into a note at the same place).
  return {
    code,
    severity: entry.severity,
    message: fill(entry.message, params),
    hint: fill(entry.hint, params),
    file: position.file,
    line: position.line,
    column: position.column,
    length: position.length,
    sourceLine: position.sourceLine,
  };
}

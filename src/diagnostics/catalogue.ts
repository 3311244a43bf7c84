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
    message: "Filen är inte sparad som UTF-8-text (fel vid byte {offset}).",
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
  "okand-nyckel": {
    severity: "fel",
    message: "Nyckeln {nyckel} är okänd här.{forslag}",
    hint: "Rätta stavningen eller ta bort raden. Tillåtna nycklar: {tillatna}.",
  },
  "saknas": {
    severity: "fel",
    message: "{falt} saknas.",
    hint: "Lägg till {falt} här.",
  },
  "ogiltigt-varde": {
    severity: "fel",
    message: "{falt} {problem}",
    hint: "Rätta värdet på raden.",
  },
  "tecken-saknas-i-typsnitt": {
    severity: "fel",
    message: "Tecknet \"{tecken}\" ({kod}) finns inte i dokumentens typsnitt och skulle bli en tom ruta i PDF-filen.",
    hint: "Byt ut eller ta bort tecknet. Bokstäver med accenter och diakritiska tecken (till exempel Ł, ż, ễ) fungerar, men inte emojier och vissa symboler.",
  },
} as const satisfies Record<string, Entry>;

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
  return {
    code,
    severity: entry.severity,
    message: fill(entry.message, params),
    hint: fill(entry.hint, params),
    ...position,
    sourceLine: position.sourceLine,
  };
}

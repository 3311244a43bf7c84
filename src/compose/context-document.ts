// The field reference for secretaries (docs/mallfalt.md): every field a
// template can name, every helper with its arguments, and what dokument.yaml
// holds. Generated from the same descriptions the wording check reads
// (context.ts, helpers.ts, compose.ts), so it never drifts from the code; a
// test fails when the checked-in page is stale (npm run generate rewrites it).
import { conditionReference } from "./compose.js";
import { appendixFields, documentFields, figureFields, isList, isObject, perItem, roundFields, type FieldNode, type Leaf } from "./context.js";
import { builtinReference, helperReference } from "./helpers.js";

export const CONTEXT_DOC_FILE = "docs/mallfalt.md";

/** What `post` is, per list of för_varje. */
const itemName: Record<keyof typeof perItem, string> = {
  sökande: "en sökande förvaltning",
  anmälningar: "ett anmälningsärende",
  tidigare_sammanträden: "ett tidigare sammanträde (återremiss eller bordläggning)",
};

const escape = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (s: string) => `\`${s.replace(/`/g, "'").replace(/\|/g, "\\|")}\``;

/**
 * How a field is written in a template: with the helper that prints it, and
 * for a field of a list's items, inside the {{#each}} that goes through the
 * list ("{{namn}} inuti {{#each round.undertecknare}}").
 */
function usage(path: string, node: FieldNode): string {
  const at = path.lastIndexOf("[].");
  if (at < 0) return code(written(path, node));
  const list = path.slice(0, at);
  const outer = list.lastIndexOf("[].");
  return `${code(written(path.slice(at + 3), node))} inuti ${code(`{{#each ${outer < 0 ? list : list.slice(outer + 3)}}}`)}`;
}

function written(path: string, node: FieldNode): string {
  if (isList(node)) return `{{#each ${path}}}…{{/each}}`;
  if (isObject(node)) return `{{#with ${path}}}…{{/with}}`;
  switch (node.typ) {
    case "belopp":
      return `{{kronor ${path}}}`;
    case "antal":
      return `{{antal ${path}}}`;
    case "datum":
      return `{{datum ${path}}}`;
    case "sant/falskt":
      return `{{#if ${path}}}…{{/if}}`;
    default:
      return `{{${path}}}`;
  }
}

function typeName(node: FieldNode): string {
  if (isList(node)) return "lista";
  if (isObject(node)) return "fält med underfält";
  const leaf = node as Leaf;
  if (leaf.typ === "val" && leaf.värden) return `ett av: ${leaf.värden.join(", ")}`;
  if (leaf.typ === "datum") return "datum (ÅÅÅÅ-MM-DD)";
  if (leaf.typ === "belopp") return "belopp (kronor)";
  return leaf.typ;
}

/**
 * Rows for a field and everything under it. Inside a list the fields are
 * shown as the template writes them inside {{#each}} (`[].projekt`); a list
 * whose items are described once already refers to that place instead of
 * repeating every field.
 */
function rows(path: string, node: FieldNode, seen: Map<object, string>, out: string[]): void {
  // What "may be missing" means: a fact of the round file that a document printing it needs (the check
  // says so), or a computed value that is then simply not printed.
  const optional = !node.valfri
    ? ""
    : node.uppgift
      ? ` Kan saknas: utan {{#if …}} runt texten behövs ${node.uppgift.map((u) => code(u)).join(" eller ")} i filen när dokumentet byggs.`
      : path.startsWith("round.")
        ? " Kan saknas: utan {{#if …}} runt texten behövs den i filen när dokumentet byggs."
        : " Kan saknas, och skrivs då inte ut: skriv {{#if …}} runt text som behöver den.";
  const ex = !isList(node) && !isObject(node) && node.ex ? ` Till exempel: ${escape(node.ex)}.` : "";
  out.push(`| ${code(path)} | ${typeName(node)} | ${escape(node.doc)}${optional}${ex} | ${path.includes(".") ? usage(path, node) : ""} |`);
  if (isObject(node)) {
    for (const [key, child] of Object.entries(node.fält)) rows(`${path}.${key}`, child, seen, out);
  } else if (isList(node)) {
    const item = node.lista;
    if (!isObject(item)) return;
    const earlier = seen.get(item);
    if (earlier) {
      out.push(`| ${code(`${path}[]`)} | | Varje element har samma fält som ${code(`${earlier}[]`)} ovan. | |`);
      return;
    }
    seen.set(item, path);
    for (const [key, child] of Object.entries(item.fält)) rows(`${path}[].${key}`, child, seen, out);
  }
}

function table(path: string, node: FieldNode, seen: Map<object, string>): string[] {
  const out = ["| fält | typ | betydelse | så skrivs det |", "|---|---|---|---|"];
  rows(path, node, seen, out);
  return out;
}

export function contextMarkdown(): string {
  const seen = new Map<object, string>();
  const lines: string[] = [
    "# Fält och hjälpare i mallarna",
    "",
    "Allt som en mall i `templates/<år>/` kan skriva ut. Sidan är genererad ur koden (`npm run generate`); ändra den inte för hand.",
    "Ett fält som inte står här stoppar bygget med ett fel på mallens rad och kolumn, med förslag på det fält som ligger närmast.",
    "",
    "- `round.…` är årets fil, `rounds/<år>.yaml`, som den är skriven.",
    "- `f.…` är det som verktyget räknar fram ur filen: summor, antal, listor, så som förvaltningen föreslår. `förslag.…` är detsamma som `f.…`.",
    "- `beslut.…` är nämndens beslut: samma fält som `f.…`, räknade på ansökningarna så som nämnden beslutade dem, och sammanträdet (`f.beslut.…` nedan).",
    "- `möte.…` är sammanträdet som ett protokollsutdrag gäller (samma fält som `f.beslut.sammanträde.…`).",
    "- `dokument.…` är dokumentet som skrivs, och `bilagor` årets bilagor.",
    "- `post.…` finns i ett dokument som `dokument.yaml` gör ett av per förvaltning, per anmälningsärende eller per tidigare sammanträde (`för_varje:`).",
    "",
    "Inuti `{{#each lista}}` skrivs elementets fält utan det som står före `[]` i tabellerna: i `{{#each f.lum.alla}}` är `f.lum.alla[].projekt` bara `{{projekt}}`,",
    "och fälten utanför nås med `../` (`{{../round.år}}`). Ett fält som *kan saknas* i årets fil skrivs inom `{{#if fältet}} … {{/if}}`",
    "när texten ska klara sig utan det; står det utan `{{#if}}` i ett dokument som byggs, säger kontrollen till om det saknas i filen.",
    "",
    "## Hjälpare",
    "",
    "En hjälpare formaterar ett värde: `{{kronor f.lum.sökt}}`. Den räknar aldrig själv; summor och antal finns som fält.",
    "",
    "| hjälpare | vad den gör | exempel |",
    "|---|---|---|",
    ...Object.values(helperReference).map((h) => `| ${code(h.anrop)} | ${escape(h.doc)} | ${code(h.ex)} |`),
    "",
    "## Block och delar",
    "",
    "| skrivs | vad det gör | exempel |",
    "|---|---|---|",
    ...builtinReference.map((h) => `| ${code(h.anrop)} | ${escape(h.doc)} | ${code(h.ex.replace(/\n/g, "⏎"))} |`),
    "",
    "## Text, rubriker och layout",
    "",
    "Texten är Markdown: `# Titel`, `## Avsnitt`, `### Underavsnitt`, `**fet**`, `*kursiv*`, punktlistor med `* ` eller `- ` och",
    "numrerade med `1. `. Det som Markdown saknar skrivs med kolon-block, som står ensamma på sina rader:",
    "",
    "| block | vad det gör |",
    "|---|---|",
    "| `::::sidhuvud{sida=första}` … `::::` | Sidhuvudet på första sidan (`sida=övriga`: de andra), med `:::vänster` … `:::` och `:::höger` … `:::` som spalter; ett stycke per rad. |",
    "| `::::underskrifter` … `::::` | Underskrifterna, ett `:::person` … `:::` per person (namn och titel på var sin rad). |",
    "| `:::::tabell{justering=\"v h\" bredd=\"3 1\"}` … `:::::` | En tabell: `justering` v (vänster) eller h (höger) och `bredd` (relativ) per kolumn; raderna `::::rubrik`, `::::rad` och `::::summa`, var och en med `:::cell` … `:::` per kolumn. |",
    "| `::sidbrytning` | Ny sida. |",
    "",
    "Så här börjar ett anmälningsärende (sidhuvud med handläggare till vänster, dokumentets namn och sidnummer till höger):",
    "",
    "```markdown",
    "::::sidhuvud{sida=första}",
    ":::vänster",
    "{{post.förvaltning}}",
    "",
    "{{post.avdelning}}",
    ":::",
    ":::höger",
    "Anmälningsärende",
    "",
    "Sida {{sida}} ({{sidor}})",
    "",
    "{{post.datum}}",
    ":::",
    "::::",
    "```",
    "",
    "Vill du se hur ett helt dokument är skrivet, öppna samma mall i en tidigare årsmapp, till exempel `templates/2022/anmalningsarende.md.hbs`.",
    "",
    "## Årets fil: `round`",
    "",
    ...table("round", roundFields as FieldNode, seen),
    "",
    "## Det som räknas fram: `f`",
    "",
    ...table("f", figureFields as FieldNode, seen),
    "",
    "## Dokumentet: `dokument` och `bilagor`",
    "",
    ...table("dokument", documentFields as FieldNode, seen),
    "",
    ...table("bilagor", appendixFields as FieldNode, seen),
    "",
    "## Ett dokument per förvaltning, anmälningsärende eller tidigare sammanträde: `post`",
    "",
    "Med `för_varje: sökande` i `dokument.yaml` skrivs dokumentet en gång per sökande förvaltning enligt nämndens beslut, och `post` är förvaltningen",
    "(samma fält som `f.beslut.sökande[]`); med `för_varje: anmälningar` en gång per anmälningsärende, och `post` är ärendet (samma fält som",
    "`f.beslut.anmälningar[]`); med `för_varje: tidigare_sammanträden` en gång per tidigare sammanträde, och `post`, `möte` och `round.sammanträde`",
    "är det sammanträdet. Till exempel `{{post.förvaltning}}`, `{{post.titel}}`. Ett anmälningsärendes egna uppgifter ur årets fil",
    "(`{{post.dnr}}`, `{{post.delges}}` …) behövs i filen när dokumentet skriver ut dem utan `{{#if …}}` runt texten; kontrollen säger till.",
    "",
    "| för_varje | post är | fälten |",
    "|---|---|---|",
    ...Object.keys(perItem).map((k) => `| ${code(k)} | ${itemName[k as keyof typeof perItem]} | ${code(`post.…`)} = ${code(`f.beslut.${k === "tidigare_sammanträden" ? "tidigareSammanträden" : k}[].…`)} |`),
    "",
    "## `dokument.yaml`: vilka dokument ett år har",
    "",
    "Varje mapp `templates/<år>/` har en `dokument.yaml`: en lista med ett stycke per dokument, i den ordning de kommer i ärendet.",
    "Texterna i den (`titel`, `ämne`, `fil`, `saknas`) kan ha fält som mallarna, och kontrolleras på samma sätt.",
    "",
    "| nyckel | betydelse |",
    "|---|---|",
    "| `fil` | Filnamnet i `out/<år>/`, utan filändelse. Ett dokument per post skriver fältet i namnet: `beslutsmeddelanden/{{post.slug}}`. |",
    "| `mall` | Mallen i mappen som ger texten, till exempel `redovisning.md.hbs`. |",
    "| `titel` | Dokumentets titel (i Word- och PDF-läsarens titelrad, och `{{dokument.titel}}` i mallen). |",
    "| `ämne`, `nyckelord` | Dokumentegenskaper. |",
    "| `bilaga` | Bilagans nummer; bilagorna räknas upp i tjänsteutlåtandet (`bilagor`). |",
    "| `när` | Det som ska finnas i årets fil för att dokumentet ska byggas (alla villkoren i listan). Ett dokument som inte byggs nämns i byggets utskrift med skälet och raden. |",
    "| `saknas` | En rad som bygget skriver när bara ett av villkoren i `när` saknas (ett råd om vad som ska läggas in). |",
    "| `för_varje` | `sökande` (ett dokument per sökande förvaltning), `anmälningar` (ett per anmälningsärende) eller `tidigare_sammanträden` (ett per tidigare sammanträde); fälten heter då `post.…`. |",
    "",
    "Villkoren i `när:`:",
    "",
    "| villkor | uppfyllt när |",
    "|---|---|",
    ...Object.entries(conditionReference).map(([k, v]) => `| ${code(k)} | ${escape(v.gäller)} |`),
    "",
    "Så gör du med ett års `dokument.yaml` (i det årets egen mapp, så att tidigare år inte ändras):",
    "",
    "- **Ta bort ett dokument:** ta bort dess stycke (från `- fil:` till nästa `- fil:`).",
    "- **Slå ihop två dokument till ett:** ta bort det ena stycket och skriv in dess text i den andra mallen; ändra `när:` på det som blir kvar",
    "  så att det byggs när något av dem skulle ha byggts (till exempel `när: [inga_ansökningar]` för en inriktning som också redovisar).",
    "- **Byt namn på en fil:** ändra `fil:`. Hela ärendet i en PDF, `tjansteutlatande-med-bilagor.pdf`, är dokumentet med",
    "  `fil: tjansteutlatande` följt av dokumenten med `bilaga:`; den görs bara när ett dokument heter `tjansteutlatande`, och dess namn går inte att ändra.",
    "",
  ];
  return `${lines.join("\n")}\n`;
}

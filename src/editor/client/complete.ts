// Completion in the round file: keys from the round schema (the JSON
// Schema generated from src/schema/round.ts, with its Swedish descriptions as
// help), the values a key allows (utfall, status, true/false), the register's
// förvaltningar for the names of applicants, the codes of the rules a
// decision may make an exception to, and a whole new application at the end
// of lum: or mul:.
import { snippetCompletion, type Completion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { contextAt } from "./yaml-path.js";

export interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
}

export interface RegisterEntry {
  namn: string;
  förvaltning: string;
  nämnd: string;
  alias: string[];
  typ: string;
  från: number | undefined;
  till: number | undefined;
}

/** Help for the keys and values the schema does not describe itself. */
const KEY_HELP: Record<string, string> = {
  nr: "Ansökans nummer, som i förteckningen (1, 2, 3 …).",
  id: "Projektets id: gemener, siffror och bindestreck. Samma id nästa år kopplar ihop redovisning och fortsättning.",
  projekt: "Projektets namn, som det ska stå i dokumenten.",
  projektår: "Projektets år i ordningen: 1 för ett nytt projekt, 2 eller 3 för en fortsättning.",
  beslut: "Förvaltningens förslag till beslut om ansökan.",
  utfall: "Förslaget: bifall, delvis_bifall, maxbelopp, avslag eller centrala_medel.",
  sökt: "Sökt belopp i hela kronor: 500000, \"500 000\" eller \"500 000 kr\".",
  beskrivning: "Kort beskrivning av projektet eller besöket.",
  år: "Omgångens år, samma som filens namn.",
  titel: "Ärendets rubrik.",
  dnr: "Diarienummer.",
  lum: "Ansökningarna om lokala utvecklingsmedel (LUM), en per listpunkt.",
  mul: "Ansökningarna om medel för utveckling och lärande genom studiebesök (MUL), en per listpunkt.",
  regler: "Årets regler: högsta belopp och antal.",
};

const VALUE_HELP: Record<string, string> = {
  bifall: "Det sökta beloppet beviljas.",
  delvis_bifall: "Ett lägre belopp beviljas; skriv det under belopp: och motivera.",
  maxbelopp: "Årets högsta belopp beviljas (regler: max_belopp_lum eller max_belopp_mul).",
  avslag: "Ansökan avslås; motivera.",
  centrala_medel: "Projektet finansieras med centrala medel i stället; motivera.",
  genomfört: "Projektet genomfördes.",
  ej_påbörjat: "Projektet startade aldrig och betalade tillbaka medlen.",
  lokalt: "Ett lokalt utvecklingsprojekt.",
  forskning: "Ett forskningsprojekt som lämnat sin slutrapport.",
  enligt_förslag: "Nämnden beslutade som förvaltningen föreslog.",
  ändrat: "Nämnden ändrade förslaget; skriv beslutspunkterna.",
  true: "ja",
  false: "nej",
};

/** The options of a union that fit a step: an object for a key, a list for an item. */
function variants(node: JsonSchema | undefined): JsonSchema[] {
  if (!node) return [];
  return node.anyOf ? node.anyOf.flatMap(variants).map((v) => ({ description: node.description, ...v })) : [node];
}

export function schemaAt(schema: JsonSchema, path: readonly string[]): JsonSchema | undefined {
  let nodes = variants(schema);
  for (const step of path) {
    nodes = nodes.flatMap((n) => variants(step === "[]" ? n.items : n.properties?.[step]));
    if (nodes.length === 0) return undefined;
  }
  return nodes.length === 1 ? nodes[0] : { anyOf: nodes, description: nodes.find((n) => n.description)?.description };
}

const typeOf = (n: JsonSchema) => variants(n).flatMap((v) => (Array.isArray(v.type) ? v.type : v.type ? [v.type] : []));
const isObject = (n: JsonSchema | undefined) => !!n && variants(n).some((v) => v.properties);
const isList = (n: JsonSchema | undefined) => !!n && variants(n).some((v) => v.items);

/** What a value is, in words, for keys the schema does not describe. */
function kindInWords(n: JsonSchema): string {
  const types = typeOf(n);
  if (isObject(n)) return "Ett block med egna nycklar på raderna under.";
  if (isList(n)) return "En lista, en listpunkt (–) per rad.";
  if (types.includes("boolean")) return "true (ja) eller false (nej).";
  if (types.includes("integer") || types.includes("number")) return "Ett tal.";
  return "Text.";
}

function keyOption(name: string, node: JsonSchema, required: boolean, indent: string): Completion {
  const help = node.description ?? KEY_HELP[name] ?? kindInWords(node);
  // A block or a list goes on the lines below; a plain value after the colon.
  const apply = isObject(node) ? `${name}:\n${indent}  ` : isList(node) && isObject(schemaAt(node, ["[]"])) ? `${name}:\n${indent}  - ` : `${name}: `;
  return { label: name, type: "property", detail: required ? "obligatorisk" : undefined, info: help, apply, boost: required ? 1 : 0 };
}

/** The register's names for an applicant: short names first, then formal names and aliases that mean the same förvaltning. */
function registerOptions(register: readonly RegisterEntry[], year: number | undefined, formal: "namn" | "förvaltning" | "nämnd"): Completion[] {
  const options: Completion[] = [];
  for (const e of register) {
    const existed = year === undefined || ((e.från === undefined || year >= e.från) && (e.till === undefined || year <= e.till));
    const when = existed ? "" : e.till !== undefined ? ` (upphörde ${e.till})` : e.från !== undefined ? ` (bildades ${e.från})` : "";
    const info = `${e.förvaltning}, ${e.typ}. Nämnd: ${e.nämnd}.${e.alias.length > 0 ? ` Skrivs också: ${e.alias.join(", ")}.` : ""}${when ? `\nFanns inte ${year}${when}.` : ""}`;
    const main = formal === "namn" ? e.namn : formal === "förvaltning" ? e.förvaltning : e.nämnd;
    options.push({ label: main, type: "enum", detail: when.trim() || (formal === "namn" ? e.typ : undefined), info, boost: existed ? 2 : -10 });
    if (formal === "namn") {
      for (const other of [e.förvaltning, ...e.alias]) {
        if (other !== e.namn) options.push({ label: other, type: "text", detail: `= ${e.namn}${when}`, info, boost: existed ? -1 : -20 });
      }
    }
  }
  return options;
}

/** The next free application number in the list whose key is on line `listLine`. */
function nextNumber(lines: readonly string[], listLine: number): number {
  const indent = lines[listLine]!.search(/\S/);
  let max = 0;
  for (let i = listLine + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const at = line.search(/\S/);
    if (at >= 0 && at <= indent && line[at] !== "#" && line[at] !== "-") break;
    const nr = /^\s*(?:-\s+)?nr:\s*(\d+)/.exec(line);
    if (nr) max = Math.max(max, Number(nr[1]));
  }
  return max + 1;
}

/** A whole new application, its required keys in order, as a snippet (Tab goes from field to field). */
function applicationSnippet(item: JsonSchema, fund: string, nr: number): Completion {
  const lines: string[] = [];
  let first = true;
  const walk = (node: JsonSchema, depth: number) => {
    const object = variants(node).find((v) => v.properties)!;
    // As the round files write them: who and what first, then the amount, then the block of the decision.
    const rank = (key: string) => (isObject(object.properties![key]) ? 2 : key === "sökt" ? 1 : 0);
    const keys = [...(object.required ?? [])].sort((a, b) => rank(a) - rank(b));
    for (const key of keys) {
      const child = object.properties![key]!;
      const prefix = first ? "- " : `${"\t".repeat(depth)}  `;
      first = false;
      if (isObject(child)) {
        lines.push(`${prefix}${key}:`);
        walk(child, depth + 1);
      } else {
        lines.push(`${prefix}${key}: ${key === "nr" ? String(nr) : "${}"}`);
      }
    }
  };
  walk(item, 0);
  const label = `- ny ${fund.toUpperCase()}-ansökan`;
  return snippetCompletion(lines.join("\n"), {
    label,
    type: "keyword",
    detail: `nr ${nr}`,
    info: `Lägger till ansökan nr ${nr} med de uppgifter som måste finnas. Tab går till nästa uppgift, Esc avslutar.`,
    boost: 5,
  });
}

export function roundCompletion(schema: JsonSchema, register: readonly RegisterEntry[], rules: readonly string[]) {
  return (context: CompletionContext): CompletionResult | null => {
    const { state, pos } = context;
    const line = state.doc.lineAt(pos);
    const lines = state.doc.toString().split("\n");
    const found = contextAt(lines, line.number - 1, pos - line.from);
    if (!found) return null;
    const yearMatch = /^år:\s*(\d{4})/m.exec(state.doc.sliceString(0, Math.min(state.doc.length, 5000)));
    const year = yearMatch ? Number(yearMatch[1]) : undefined;
    const node = schemaAt(schema, found.path);
    const from = line.from + found.from;
    const last = found.path.filter((s) => s !== "[]").at(-1);
    const valueOptions = (n: JsonSchema | undefined, key: string | undefined): Completion[] => {
      if (key === "förvaltning" || key === "sökande") {
        // An applicant is named by the register's short name; an anmälningsärende's förvaltning by its formal one.
        const formal = key === "förvaltning" && found.path[0] === "anmälningsärenden" ? "förvaltning" : "namn";
        return registerOptions(register, year, formal);
      }
      if (key === "nämnd" && found.path[0] === "anmälningsärenden") return registerOptions(register, year, "nämnd");
      if (key === "regel") return rules.map((r) => ({ label: r, type: "enum", info: "En regel som beslutet får göra undantag från, med motivering." }));
      if (!n) return [];
      const values = variants(n).flatMap((v) => [...(v.enum ?? []), ...(v.const !== undefined ? [v.const] : []), ...(typeOf(v).includes("boolean") ? [true, false] : [])]);
      return values.map((v) => ({ label: String(v), type: "enum", info: VALUE_HELP[String(v)] ?? n.description }));
    };
    if (found.kind === "value") {
      const options = valueOptions(node, last);
      if (options.length === 0) return null;
      return { from, options, validFor: /^[\p{L}\p{N}_ .-]*$/u };
    }
    // A key where the schema has a mapping; in a list of plain values, the values; at the end of lum: or mul:, a new application.
    if (isObject(node)) {
      const object = variants(node).find((v) => v.properties)!;
      const indent = " ".repeat(found.column);
      const options = Object.entries(object.properties!)
        .filter(([name]) => !found.siblings.includes(name))
        .map(([name, child]) => keyOption(name, child, (object.required ?? []).includes(name), indent));
      return options.length > 0 ? { from, options, validFor: /^[\p{L}\p{N}_]*$/u } : null;
    }
    if (isList(node) && !found.dashHere && (found.path.join(".") === "lum" || found.path.join(".") === "mul")) {
      const listLine = (() => {
        for (let i = line.number - 2; i >= 0; i--) if (new RegExp(`^${found.path[0]}:`).test(lines[i]!)) return i;
        return -1;
      })();
      const item = schemaAt(schema, [...found.path, "[]"]);
      if (!item || listLine < 0) return null;
      return { from, options: [applicationSnippet(item, found.path[0]!, nextNumber(lines, listLine))] };
    }
    const options = valueOptions(node, found.path.at(-1) === "[]" ? last : undefined);
    return options.length > 0 ? { from, options, validFor: /^[\p{L}\p{N}_ .-]*$/u } : null;
  };
}

// The catalogue of diagnostics as a Markdown page for the secretary
// (docs/felmeddelanden.md), generated so it never drifts from the code.
import { catalogue, exceptableRules, type Severity } from "./catalogue.js";

export const DIAGNOSTICS_DOC_FILE = "docs/felmeddelanden.md";

const SEVERITY: Record<Severity, string> = {
  fel: "fel – stoppar bygget",
  varning: "varning – stoppar bara med --strict",
  notering: "notering – för kännedom",
};

export function diagnosticsMarkdown(): string {
  const lines = [
    "# Felmeddelanden",
    "",
    "Alla meddelanden som `npm run check` och `npm run build` kan ge. Koden står inom hakparentes sist i meddelandet.",
    "Text inom klammer, som {belopp}, fylls i med uppgifter från filen.",
    "",
    "En regel markerad *kan undantas* får avvika i ett enskilt beslut, om beslutet anger ett undantag med motivering:",
    "",
    "```yaml",
    "    beslut:",
    "      utfall: bifall",
    "      undantag:",
    "        - regel: max-per-forvaltning",
    "          motivering: Nämnden vill pröva metoden i två stadsdelar samtidigt.",
    "```",
    "",
    "Felet blir då en notering i utskriften från bygget.",
    "",
    "| kod | typ | meddelande | vad du gör |",
    "|---|---|---|---|",
  ];
  const escape = (s: string) => s.replace(/\|/g, "\\|");
  for (const [code, entry] of Object.entries(catalogue)) {
    const exceptable = (exceptableRules as readonly string[]).includes(code) ? " (kan undantas)" : "";
    lines.push(`| \`${code}\` | ${SEVERITY[entry.severity]}${exceptable} | ${escape(entry.message)} | ${escape(entry.hint)} |`);
  }
  return `${lines.join("\n")}\n`;
}

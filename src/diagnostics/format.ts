// Prints diagnostics for a person: where, what, the source line with a caret
// under the spot, and what to do.
import { HIDDEN } from "../load/clean-text.js";
import { visible } from "../terminal.js";
import type { Diagnostic } from "./catalogue.js";

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  const lines = [`${visible(where)}: ${d.severity}: ${visible(d.message)} [${d.code}]`];
  if (d.line > 0 && d.sourceLine !== undefined) {
    const gutter = String(d.line);
    // Invisible and direction-changing characters would hide or reorder the line: each shows as "·";
    // control characters show escaped (\x1B), so a line can never steer the terminal.
    const shown = visible(d.sourceLine.replace(/\t/g, " ").replace(HIDDEN, "·"));
    lines.push(`  ${gutter} | ${shown}`);
    const caretCount = Math.max(1, Math.min(d.length, shown.length - (d.column - 1)));
    lines.push(`  ${" ".repeat(gutter.length)} | ${" ".repeat(Math.max(0, d.column - 1))}${"^".repeat(caretCount)}`);
  }
  lines.push(`  Åtgärd: ${visible(d.hint)}`);
  return lines.join("\n");
}

export function formatSummary(diagnostics: Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "fel").length;
  const warnings = diagnostics.filter((d) => d.severity === "varning").length;
  const notes = diagnostics.filter((d) => d.severity === "notering").length;
  const parts = [`${errors} fel`, `${warnings} ${warnings === 1 ? "varning" : "varningar"}`];
  if (notes > 0) parts.push(`${notes} ${notes === 1 ? "notering" : "noteringar"}`);
  return parts.join(", ");
}

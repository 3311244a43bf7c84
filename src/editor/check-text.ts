// The checks of `npm run check` on the text in the editor, before it is
// saved: the text stands in for its round file, and everything else (last
// year's round beside it, the register, the wording) is read as check reads
// it. The result is the diagnostics of that file, each with its line and
// column (those in a template name their file), and the round's status for
// the line above the editor.
import { resolve } from "node:path";
import { checkRounds, type RoundFile } from "../pipeline/check.js";
import type { Diagnostic } from "../diagnostics/catalogue.js";
import { deriveFigures } from "../derive/figures.js";
import { decidedAt } from "../derive/decision.js";
import { loadRoundFile, parseRound, type LoadResult } from "../load/load-round.js";
import { register } from "../register/register.js";
import type { Round } from "../schema/round.js";

/** A replacement the secretary can apply from a marker: the marked span becomes `text`. */
export interface Fix {
  label: string;
  text: string;
}

export interface EditorDiagnostic extends Diagnostic {
  fixes: Fix[];
}

/** What the line above the editor says about the round. */
export interface RoundStatus {
  lum: number;
  mul: number;
  /** Applications whose förvaltningens förslag (beslut.utfall) is written and not a placeholder. */
  medForslag: number;
  /** Applications the nämnd has decided: its latest meeting decided the matter (not återremiss or bordläggning). */
  medBeslut: number;
  /** Sums in kronor over both funds, when the round checks without errors. */
  sokt: number | undefined;
  beviljat: number | undefined;
  platshallare: number;
  fel: number;
  varningar: number;
  noteringar: number;
}

export interface TextCheck {
  diagnostics: EditorDiagnostic[];
  /** Undefined when the text is not a round yet (a YAML or schema error stops the reading). */
  status: RoundStatus | undefined;
}

/** The unknown name a diagnostic marks, as written (quotes dropped), from its source line. */
function markedText(d: Diagnostic): string | undefined {
  if (!d.sourceLine || d.column < 1) return undefined;
  const raw = d.sourceLine.slice(d.column - 1, d.column - 1 + Math.max(d.length, 1)).trim();
  return raw.replace(/^["']|["']$/g, "");
}

/** Fixes for the diagnostics that name what to write instead: an unknown förvaltning's nearest names. */
function fixesFor(d: Diagnostic, year: number | undefined): Fix[] {
  if (d.code !== "okand-forvaltning") return [];
  const written = markedText(d);
  if (!written) return [];
  return register()
    .suggest(written, year)
    .map((name) => ({ label: `Ändra till ${name}`, text: name }));
}

function statusOf(result: Extract<LoadResult, { ok: true }>, diagnostics: Diagnostic[], previous: Round | undefined): RoundStatus {
  const round = result.round;
  const apps = [...round.lum.map((a, i) => ({ a, path: `lum.${i}` })), ...round.mul.map((a, i) => ({ a, path: `mul.${i}` }))];
  const placeholderPaths = new Set(result.placeholders.map((p) => p.path.join(".")));
  // A proposal whose utfall (or whole beslut, or whole application) is a placeholder is not a proposal yet.
  const proposed = apps.filter(({ path }) => ![path, `${path}.beslut`, `${path}.beslut.utfall`].some((p) => placeholderPaths.has(p))).length;
  const count = (severity: Diagnostic["severity"]) => diagnostics.filter((d) => d.severity === severity).length;
  const fel = count("fel");
  let sokt: number | undefined;
  let beviljat: number | undefined;
  if (fel === 0) {
    try {
      const figures = deriveFigures(round, previous);
      sokt = figures.lum.sökt + figures.mul.sökt;
      beviljat = figures.lum.beviljat + figures.mul.beviljat;
    } catch {
      // A round the figures cannot be derived from has errors to show instead; the sums wait.
    }
  }
  return {
    lum: round.lum.length,
    mul: round.mul.length,
    medForslag: proposed,
    medBeslut: decidedAt(round) ? proposed : 0,
    sokt,
    beviljat,
    platshallare: result.placeholders.length,
    fel,
    varningar: count("varning"),
    noteringar: count("notering"),
  };
}

/**
 * Checks `text` as the content of `file`, as `npm run check file` would
 * check it if it were saved. `load` reads the other round files (the
 * preview's loader remembers those that did not change).
 */
export async function checkText(file: RoundFile, text: string, load: typeof loadRoundFile = loadRoundFile): Promise<TextCheck> {
  const target = resolve(file.path);
  let parsed: LoadResult | undefined;
  const inMemory: typeof loadRoundFile = async (path, shown, root) => {
    if (resolve(path) !== target) return load(path, shown, root);
    parsed = parseRound({ path: shown ?? path, text });
    return parsed;
  };
  // All that check says about this file: its own diagnostics and those its wording gives in templates/
  // (a typed figure, a template that does not compose). Other round files' own errors are not among them.
  const { rounds, diagnostics: own } = await checkRounds([file], { load: inMemory });
  const year = parsed?.ok ? parsed.round.år : undefined;
  return {
    diagnostics: own.map((d) => ({ ...d, fixes: fixesFor(d, year) })),
    status: parsed?.ok ? statusOf(parsed, own, rounds[0]?.previous) : undefined,
  };
}

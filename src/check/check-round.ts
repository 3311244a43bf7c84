// Runs the rules over a loaded round and turns findings into positioned
// diagnostics, honouring reasoned exceptions (`undantag`) on decisions.
import { diagnostic, exceptableRules, type Diagnostic } from "../diagnostics/catalogue.js";
import type { Figures } from "../derive/figures.js";
import type { LoadedRound } from "../load/load-round.js";
import { checkRules, type Finding, type PreviousRound } from "./rules.js";

const isExceptable = (code: string): code is (typeof exceptableRules)[number] =>
  (exceptableRules as readonly string[]).includes(code);

/** `earlierRounds`: older rounds exist, so a missing previous year is a gap worth a note; `figures`: the round's, when derived already. */
export function checkRound(loaded: LoadedRound, previous: PreviousRound | undefined, earlierRounds = true, figures?: Figures): Diagnostic[] {
  const { round, locate } = loaded;
  const findings = checkRules(round, previous, (path) => locate(path).line, figures).filter(
    (f) => earlierRounds || f.code !== "foregaende-omgang-saknas",
  );
  const diagnostics: Diagnostic[] = [];
  const used = new Set<string>();

  const exceptionFor = (f: Finding) => {
    if (!f.application) return undefined;
    const app = round[f.application.fund][f.application.index]!;
    const index = (app.beslut.undantag ?? []).findIndex((u) => u.regel === f.code);
    return index < 0 ? undefined : { index, ...app.beslut.undantag![index]! };
  };

  for (const f of findings) {
    const d = diagnostic(f.code, locate(f.path, f.key), f.params);
    const exception = isExceptable(f.code) ? exceptionFor(f) : undefined;
    if (exception && f.application) {
      used.add(`${f.application.fund}:${f.application.index}:${exception.index}`);
      diagnostics.push(diagnostic("undantag", d, { regel: f.code, vad: d.message, motivering: exception.motivering }));
    } else {
      diagnostics.push(d);
    }
  }

  for (const fund of ["lum", "mul"] as const) {
    round[fund].forEach((app, i) => {
      (app.beslut.undantag ?? []).forEach((u, j) => {
        const path = [fund, i, "beslut", "undantag", j, "regel"];
        if (!isExceptable(u.regel)) diagnostics.push(diagnostic("okant-undantag", locate(path), { regel: u.regel }));
        else if (!used.has(`${fund}:${i}:${j}`)) diagnostics.push(diagnostic("oanvant-undantag", locate(path), { regel: u.regel }));
      });
    });
  }
  // A criterion or priority listed twice (the same words, whatever the case
  // or spacing) would be printed twice in the tjänsteutlåtande.
  for (const [list, what] of [["huvudkriterier", "Huvudkriteriet"], ["prioriterade_områden", "Det prioriterade området"]] as const) {
    const first = new Map<string, number>();
    round[list].forEach((item, i) => {
      const key = item.toLocaleLowerCase("sv-SE").replace(/\s+/g, " ").replace(/[.\s]+$/, "");
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, i);
      else diagnostics.push(diagnostic("kriterium-dubblett", locate([list, i]), { falt: what, rad: locate([list, earlier]).line }));
    });
  }
  return diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
}

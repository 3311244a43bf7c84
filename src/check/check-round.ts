// Runs the rules over a loaded round and turns findings into positioned
// diagnostics, honouring reasoned exceptions (`undantag`) on decisions.
import { diagnostic, exceptableRules, type Diagnostic } from "../diagnostics/catalogue.js";
import type { Figures } from "../derive/figures.js";
import type { LoadedRound } from "../load/load-round.js";
import { checkRules, type Finding, type PreviousRound } from "./rules.js";

const isExceptable = (code: string): code is (typeof exceptableRules)[number] =>
  (exceptableRules as readonly string[]).includes(code);

/**
 * `earlierRounds`: older rounds exist, so a missing previous year is a gap
 * worth a note. `figures`: the round's, when derived already. `searched`: what
 * the search for last year's round found, for that note (the file it found
 * without applications, or the name it looked for).
 */
export function checkRound(
  loaded: LoadedRound,
  previous: PreviousRound | undefined,
  earlierRounds = true,
  figures?: Figures,
  searched?: { orsak: string; atgard: string },
): Diagnostic[] {
  const { round, locate } = loaded;
  const findings = checkRules(round, previous, (path) => locate(path).line, figures)
    .filter((f) => earlierRounds || f.code !== "foregaende-omgang-saknas")
    .map((f) => (f.code === "foregaende-omgang-saknas" && searched ? { ...f, params: { ...f.params, ...searched } } : f));
  const diagnostics: Diagnostic[] = [];
  const used = new Set<string>();

  // An exception stands in the decision the finding is about: an application's
  // proposed beslut:, or the nämnd's change of it under sammanträde.ändringar.
  const exceptionsOf = (f: Finding) =>
    f.change
      ? { key: `ändring:${f.change.fund}:${f.change.index}`, list: round.sammanträde?.ändringar?.[f.change.fund]?.[f.change.index]?.undantag }
      : f.application
        ? { key: `${f.application.fund}:${f.application.index}`, list: round[f.application.fund][f.application.index]!.beslut.undantag }
        : undefined;
  const exceptionFor = (f: Finding) => {
    const of = exceptionsOf(f);
    const index = (of?.list ?? []).findIndex((u) => u.regel === f.code);
    return !of || index < 0 ? undefined : { key: `${of.key}:${index}`, ...of.list![index]! };
  };

  for (const f of findings) {
    const d = diagnostic(f.code, locate(f.path, f.key), f.params);
    const exception = isExceptable(f.code) ? exceptionFor(f) : undefined;
    if (exception) {
      used.add(exception.key);
      diagnostics.push(diagnostic("undantag", d, { regel: f.code, vad: d.message, motivering: exception.motivering }));
    } else {
      diagnostics.push(d);
    }
  }

  for (const fund of ["lum", "mul"] as const) {
    const decisions = [
      ...round[fund].map((app, i) => ({ list: app.beslut.undantag, key: `${fund}:${i}`, path: [fund, i, "beslut"] })),
      ...(round.sammanträde?.ändringar?.[fund] ?? []).map((c, i) => ({ list: c.undantag, key: `ändring:${fund}:${i}`, path: ["sammanträde", "ändringar", fund, i] })),
    ];
    for (const { list, key, path: at } of decisions) {
      (list ?? []).forEach((u, j) => {
        const path = [...at, "undantag", j, "regel"];
        if (!isExceptable(u.regel)) diagnostics.push(diagnostic("okant-undantag", locate(path), { regel: u.regel }));
        else if (!used.has(`${key}:${j}`)) diagnostics.push(diagnostic("oanvant-undantag", locate(path), { regel: u.regel }));
      });
    }
  }
  // A criterion or priority listed twice (the same words, whatever the case
  // or spacing) would be printed twice in the tjänsteutlåtande.
  for (const [list, what] of [["huvudkriterier", "Huvudkriteriet"], ["prioriterade_områden", "Det prioriterade området"]] as const) {
    const first = new Map<string, number>();
    (round[list] ?? []).forEach((item, i) => {
      const key = item.toLocaleLowerCase("sv-SE").replace(/\s+/g, " ").replace(/[.\s]+$/, "");
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, i);
      else diagnostics.push(diagnostic("kriterium-dubblett", locate([list, i]), { falt: what, rad: locate([list, earlier]).line }));
    });
  }
  return diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
}

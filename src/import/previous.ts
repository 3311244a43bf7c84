// The round an imported continuing project (projektår 2 or later) came from:
// the newest earlier round in the same folder that has applications. A round
// holding only its inriktning (no applications yet, like rounds/2025.yaml) is
// passed over, as the rules do not use it as "last year" (src/pipeline/check.ts
// checkRounds) and `npm run ny-omgang` lists the projects that may continue
// from the newest round with applications. A file that does not load, and
// is newer than that round, is reported instead: the project may be in it.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { loadRoundFile } from "../load/load-round.js";

export interface EarlierProject {
  id: string;
  /** As written in the round file (one name, or several for a joint application). */
  förvaltningar: string[];
  projekt: string;
  projektår: number;
}

export interface EarlierRound {
  år: number;
  /** The file as messages name it: "rounds/2024.yaml". */
  file: string;
  projects: EarlierProject[];
}

/**
 * The newest round before `year` in `dir` that has applications, with its LUM
 * projects; or, when a round file that would be searched first (a newer one
 * than that round) cannot be read or has errors, that file: the project may
 * be in it, so a new id would be a guess. `root`: the project, so a link
 * out of it is refused unread (and counts as a file that cannot be read).
 */
export async function earlierRound(dir: string, shownDir: string, year: number, root?: string): Promise<{ round?: EarlierRound; broken?: string }> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n)).sort();
  const found: { år: number; shown: string; round?: EarlierRound; empty?: boolean }[] = [];
  for (const name of names) {
    const shown = join(shownDir, name);
    const result = await loadRoundFile(join(dir, name), shown, root);
    if (!result.ok || result.notes.some((d) => d.severity === "fel")) {
      // A broken file counts by the year in its name; one without a year in its name cannot be placed.
      const named = /^(\d{4})\.ya?ml$/.exec(name);
      if (named && Number(named[1]) < year) found.push({ år: Number(named[1]), shown });
      continue;
    }
    const { round } = result;
    if (round.år >= year) continue;
    found.push({
      år: round.år,
      shown,
      empty: round.lum.length + round.mul.length === 0,
      round: {
        år: round.år,
        file: shown,
        projects: round.lum.map((a) => ({
          id: a.id,
          förvaltningar: Array.isArray(a.förvaltning) ? a.förvaltning.map(String) : [String(a.förvaltning)],
          projekt: a.projekt,
          projektår: a.projektår,
        })),
      },
    });
  }
  for (const f of found.sort((a, b) => b.år - a.år)) {
    if (!f.round) return { broken: f.shown };
    if (f.empty) continue;
    return { round: f.round };
  }
  return {};
}

// The round an imported continuing project (projektår 2 or later) came from:
// the newest earlier round in the same folder that has applications. A round
// holding only its inriktning (no applications yet, like rounds/2025.yaml) is
// passed over, as the rules do not use it as "last year" (src/build.ts
// checkRounds) and `npm run ny-omgang` lists the projects that may continue
// from the newest round with applications. Files that do not load are left
// out, as ny-omgang leaves them out.
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

/** The newest round before `year` in `dir` that has applications, with its LUM projects. */
export async function earlierRound(dir: string, shownDir: string, year: number): Promise<EarlierRound | undefined> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n)).sort();
  const rounds: EarlierRound[] = [];
  for (const name of names) {
    const shown = join(shownDir, name);
    const result = await loadRoundFile(join(dir, name), shown);
    if (!result.ok || result.notes.some((d) => d.severity === "fel")) continue;
    const { round } = result;
    if (round.år >= year || round.lum.length + round.mul.length === 0) continue;
    rounds.push({
      år: round.år,
      file: shown,
      projects: round.lum.map((a) => ({
        id: a.id,
        förvaltningar: Array.isArray(a.förvaltning) ? a.förvaltning.map(String) : [String(a.förvaltning)],
        projekt: a.projekt,
        projektår: a.projektår,
      })),
    });
  }
  return rounds.sort((a, b) => b.år - a.år)[0];
}

// Benchmark: how long building takes. Prints figures; asserts nothing.
// Run with `npm run bench`.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkRounds, renderRound } from "../src/pipeline/index.js";
import { composeRound } from "../src/compose/compose.js";
import { deriveFigures } from "../src/derive/figures.js";
import { writeDocx } from "../src/write/docx/write-docx.js";
import { writeText } from "../src/write/text/write-text.js";

const ROOT = join(import.meta.dirname, "..");
const files = (await readdir(join(ROOT, "rounds"))).filter((f) => f.endsWith(".yaml")).sort().map((f) => join(ROOT, "rounds", f));

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}
const ms = (n: number) => `${n.toFixed(0)} ms`;
const line = (label: string, samples: number[]) => {
  const s = stats(samples);
  console.log(`${label}: median ${ms(s.median)} (min ${ms(s.min)}, max ${ms(s.max)}, ${samples.length} körningar)`);
};

async function timed(runs: number, warmup: number, fn: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs + warmup; i++) {
    const start = performance.now();
    await fn();
    if (i >= warmup) samples.push(performance.now() - start);
  }
  return samples;
}

// 1. The first issue's scope: 2023 and 2024 loaded and checked, their
//    tjänsteutlåtande and bilagor written as Word (and text), in process.
const wordRounds = files.filter((f) => /20(23|24)\.yaml$/.test(f));
line(
  "2023 och 2024: tjänsteutlåtande och bilagor som Word, i processen",
  await timed(10, 2, async () => {
    const { rounds } = await checkRounds(wordRounds);
    for (const r of rounds) {
      const { documents } = composeRound(r.round, deriveFigures(r.round, r.previous));
      for (const d of documents.filter((d) => d.name === "tjansteutlatande" || d.bilaga !== undefined)) {
        await writeDocx(d.model);
        writeText(d.model);
      }
    }
  }),
);

// 2. Everything the build makes, for every round, in process (warm).
let documentCount = 0;
let fileCount = 0;
line(
  `alla omgångar (${files.length}), alla dokument och format, i processen`,
  await timed(5, 1, async () => {
    const { rounds } = await checkRounds(files);
    documentCount = 0;
    fileCount = 0;
    for (const r of rounds) {
      const rendered = await renderRound(r);
      documentCount += rendered.documents.length;
      fileCount += rendered.files.length;
    }
  }),
);
console.log(`  (${documentCount} dokument, ${fileCount} filer)`);

// 3. The whole command as the secretary runs it (`npm run build` minus npm's
//    own start-up), Node start and module loading included, in a copy of rounds/.
const dir = mkdtempSync(join(tmpdir(), "lum-bench-"));
cpSync(join(ROOT, "rounds"), join(dir, "rounds"), { recursive: true });
const run = () => execFileSync(process.execPath, [join(ROOT, "scripts", "run.mjs"), "cli", "build"], { cwd: dir, stdio: "ignore" });
run(); // makes sure the bundle in dist/ is current
line("hela kommandot (npm run build utan npm), väggklocka", await timed(5, 0, async () => run()));
rmSync(dir, { recursive: true, force: true });

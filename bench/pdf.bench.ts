// PDF figures, printed (not a timed test): run with `tsx bench/pdf.bench.ts`.
//   1. writing the 2024 tjänsteutlåtande as PDF, median of N runs, against
//      LibreOffice's conversion of the same .docx (about 1.25 s on these
//      machines per the issue; measured 1.55–2.05 s here with
//      `soffice --headless --convert-to pdf`; LibreOffice is not a dependency);
//   2. the bilagor of a synthetic round of 1 000 applications as PDF;
//   3. peak memory (max RSS) of a full `npm run build` in a child process.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { PDFDocument } from "@cantoo/pdf-lib";
import { composeRound } from "../src/compose/compose.js";
import { deriveFigures } from "../src/derive/figures.js";
import { writePdf } from "../src/write/pdf/write-pdf.js";
import { loadRound, syntheticRound } from "../tests/helpers/synthetic-round.js";

const LIBREOFFICE_SECONDS = 1.25;
const root = fileURLToPath(new URL("..", import.meta.url));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const { round } = await loadRound(`${root}rounds/2024.yaml`);
const { documents } = composeRound(round, deriveFigures(round));
const main = documents.find((d) => d.name === "tjansteutlatande")!.model;

// 1. The 2024 tjänsteutlåtande.
const cold = await time(() => writePdf(main));
const runs: number[] = [];
for (let i = 0; i < 3; i++) await writePdf(main);
for (let i = 0; i < 21; i++) runs.push(await time(() => writePdf(main)));
const tu = median(runs);
console.log(`tjänsteutlåtande 2024 → PDF: median ${ms(tu)} of ${runs.length} runs (first, cold: ${ms(cold)})`);
console.log(`  LibreOffice docx → PDF ≈ ${LIBREOFFICE_SECONDS} s: ${(LIBREOFFICE_SECONDS * 1000 / tu).toFixed(0)}× faster (goal ≥ 20×)`);

// 2. Bilagor of a synthetic round of 1 000 applications (700 LUM, 300 MUL).
const large = syntheticRound(round, 700, 300);
const bilagor = composeRound(large, deriveFigures(large)).documents.filter((d) => d.name.startsWith("bilaga"));
const bilagaRuns: number[] = [];
const written: Uint8Array[] = [];
for (let i = 0; i < 5; i++) {
  bilagaRuns.push(
    await time(async () => {
      for (const { model } of bilagor) written.push(await writePdf(model));
    }),
  );
}
let pages = 0;
for (const bytes of written.slice(0, bilagor.length)) pages += (await PDFDocument.load(bytes)).getPageCount();
console.log(
  `bilagor of 1 000 applications → PDF: median ${ms(median(bilagaRuns))}, first ${ms(bilagaRuns[0]!)} of 5 runs` +
    ` (${pages} pages, ${(written.slice(0, bilagor.length).reduce((a, b) => a + b.length, 0) / 1024).toFixed(0)} kB) (goal < 1 000 ms)`,
);

// 3. Peak memory of a full build (both rounds, every format), in a fresh process.
const build = spawnSync(process.execPath, ["--import", "./bench/report-max-rss.mjs", "scripts/run.mjs", "cli", "build"], {
  cwd: root,
  encoding: "utf8",
});
const rss = /max-rss-kb (\d+)/.exec(build.stderr)?.[1];
if (build.status !== 0 || !rss) {
  console.log(`full build: failed (exit ${build.status})\n${build.stderr}`);
  process.exitCode = 1;
} else {
  console.log(`full build (npm run build): peak RSS ${(Number(rss) / 1024).toFixed(0)} MB (goal < 150 MB)`);
}

// Benchmark: the figures of issue 13, each as a ratio measured in this run
// (the machines are shared; absolute times move, ratios much less). Prints
// figures and the goal beside each; asserts nothing and never fails because a
// goal is missed. Run with `npm run bench`.
//
//   1. bare `node -e ""`                                  (the unit)
//   2. `npm run build` with nothing changed, all rounds   (goal ≤ 3 × node)
//   3. `npm run build` from scratch, all rounds            (goal ≤ 15 × node; peak memory < 150 MiB)
//   4. the 2024 round built from its file as one command   (goal ≥ 3 × faster than soffice's
//      conversion of the tjänsteutlåtande .docx to PDF; "soffice saknas" when it is not installed)
//   5. synthetic rounds of 1 000 and 10 000 applications  (goal < 2 s CPU; < 15 s and < 500 MiB;
//      time linear in the number of applications)
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (msValue: number) => `${(msValue / 1000).toFixed(2)} s`;
const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;
const verdict = (ok: boolean) => (ok ? "håller" : "håller inte");

interface Run {
  wall: number;
  cpu: number;
  rssKb: number;
}

function spawn(command: string, args: string[], cwd: string): { run: Run; result: SpawnSyncReturns<string> } {
  const start = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wall = performance.now() - start;
  const rss = /max-rss-kb (\d+)/.exec(result.stderr ?? "")?.[1];
  const cpu = /cpu-us (\d+)/.exec(result.stderr ?? "")?.[1];
  return { run: { wall, cpu: cpu ? Number(cpu) / 1000 : NaN, rssKb: rss ? Number(rss) : NaN }, result };
}

/** The command as `npm run build` runs it, with the peak-memory and CPU report preloaded. */
function build(cwd: string, ...args: string[]): Run {
  const { run, result } = spawn(process.execPath, ["--import", join(ROOT, "bench", "report-max-rss.mjs"), join(ROOT, "scripts", "run.mjs"), "cli", "build", ...args], cwd);
  if (result.status !== 0) throw new Error(`bygget misslyckades (${result.status}):\n${result.stderr}`);
  return run;
}

const project = mkdtempSync(join(tmpdir(), "lum-bench-"));
cpSync(join(ROOT, "rounds"), join(project, "rounds"), { recursive: true });
const clean = () => rmSync(join(project, "out"), { recursive: true, force: true });
build(project); // the bundle in dist/ is current before anything is timed

// Interleaved, so that a busy moment on the machine falls on every figure alike.
const bare: Run[] = [];
const unchanged: Run[] = [];
const full: Run[] = [];
const year2024: Run[] = [];
for (let i = 0; i < RUNS; i++) {
  bare.push(spawn(process.execPath, ["--import", join(ROOT, "bench", "report-max-rss.mjs"), "-e", ""], project).run);
  clean();
  full.push(build(project));
  unchanged.push(build(project));
  clean();
  year2024.push(build(project, "rounds/2024.yaml"));
}

const node = median(bare.map((r) => r.wall));
const nodeCpu = median(bare.map((r) => r.cpu));
const ratio = (x: number) => x / node;
// On a busy machine wall-clock time also counts waiting for a core; CPU time does not, so both ratios are given.
const both = (runs: Run[]) => {
  const wall = median(runs.map((r) => r.wall));
  const cpu = median(runs.map((r) => r.cpu));
  return { wall, cpu, text: `${s(wall)} väggklocka = ${ratio(wall).toFixed(1)} × node; ${s(cpu)} CPU = ${(cpu / nodeCpu).toFixed(1)} × node` };
};
console.log(`Nyckeltal (issue 13), median av ${RUNS} körningar; kvoter mot en bar Node-start i samma körning`);
console.log(`  bar node -e "": ${s(node)} väggklocka, ${s(nodeCpu)} CPU`);
const u = both(unchanged);
console.log(`  oförändrat bygge, alla omgångar: ${u.text} (mål ≤ 3): ${verdict(ratio(u.wall) <= 3)}`);
const f = both(full);
const fRss = median(full.map((r) => r.rssKb));
console.log(`  fullt bygge, alla omgångar (Word, PDF, text): ${f.text} (mål ≤ 15): ${verdict(ratio(f.wall) <= 15)}`);
console.log(`  fullt bygge, högsta minne: ${mib(fRss)} (mål < 150 MiB): ${verdict(fRss < 150 * 1024)}`);

// 4. LibreOffice's conversion of the same tjänsteutlåtande, when it is installed.
const y = median(year2024.map((r) => r.wall));
const yCpu = median(year2024.map((r) => r.cpu));
const soffice = spawnSync("soffice", ["--version"], { encoding: "utf8" });
if (soffice.error || soffice.status !== 0) {
  console.log(`  2024 från omgångsfilen som ett kommando: ${s(y)} (${s(yCpu)} CPU); soffice saknas, jämförelsen med LibreOffice hoppas över`);
} else {
  const outDir = mkdtempSync(join(tmpdir(), "lum-soffice-"));
  const profile = `file://${join(outDir, "profil")}`;
  const convert = () =>
    spawn("soffice", [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", outDir, join(project, "out", "2024", "tjansteutlatande.docx")], project).run.wall;
  convert(); // the first run creates LibreOffice's profile
  const lo = median(Array.from({ length: Math.max(3, Math.ceil(RUNS / 2)) }, convert));
  rmSync(outDir, { recursive: true, force: true });
  console.log(
    `  2024 från omgångsfilen som ett kommando (alla 2024 års dokument i alla format, inte bara tjänsteutlåtandets PDF): ${s(y)} (${s(yCpu)} CPU);` +
      ` soffice --convert-to pdf av tjansteutlatande.docx: ${s(lo)} → ${(lo / y).toFixed(1)} × snabbare (mål ≥ 3): ${verdict(lo / y >= 3)}`,
  );
}
rmSync(project, { recursive: true, force: true });

// 5. Large rounds, each in a fresh process (peak memory is per process).
const large = (n: number) => {
  const { result } = spawn(process.execPath, ["--import", "tsx", join(ROOT, "bench", "large-round.ts"), String(n)], ROOT);
  if (result.status !== 0) throw new Error(`stor omgång (${n}) misslyckades:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").pop()!) as { cpuMs: number; wallMs: number; maxRssKb: number; files: number };
};
const one = [large(1000), large(1000), large(1000)];
const ten = large(10_000);
const oneCpu = median(one.map((r) => r.cpuMs));
console.log(`  1 000 ansökningar: ${s(oneCpu)} CPU, ${mib(median(one.map((r) => r.maxRssKb)))} (mål < 2 s CPU): ${verdict(oneCpu < 2000)}`);
console.log(
  `  10 000 ansökningar: ${s(ten.cpuMs)} CPU, ${mib(ten.maxRssKb)} (mål < 15 s och < 500 MiB): ${verdict(ten.cpuMs < 15_000 && ten.maxRssKb < 500 * 1024)}`,
);
const linear = ten.cpuMs / oneCpu;
console.log(`  linjäritet: 10 000 / 1 000 ansökningar = ${linear.toFixed(1)} × CPU (linjärt ≈ 10; mål ≤ 12): ${verdict(linear <= 12)}`);

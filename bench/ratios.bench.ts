// Benchmark: the figures of issue 23 (and 13 before it), each as a ratio
// measured in this run (the machines are shared; absolute times move, ratios
// much less). Prints figures and the goal beside each; asserts nothing and
// never fails because a goal is missed. Run with `npm run bench`.
//
//   1. bare `node -e ""`                                  (the unit)
//   2. `npm run build` with nothing changed, all rounds   (goal ≤ 3 × node)
//   3. `npm run build` from scratch, all rounds            (goal ≤ 25 × node in CPU, the step toward 15;
//                                                           peak memory < 150 MiB)
//   4. the 2024 tjänsteutlåtande PDF from its round file as one command
//      (`--bara tjansteutlatande.pdf`)                     (goal ≥ 2 × faster than soffice's conversion
//      of the same .docx, in CPU; "soffice saknas" when it is not installed); also the whole 2024 round
//   5. `npm run check` of one round (2024)                 (goal ≤ 0.3 s)
//   6. synthetic rounds of 1 000 and 10 000 applications  (goal < 4 s CPU; < 40 s and < 500 MiB;
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

/** The command as `npm run build` (or check) runs it, with the peak-memory and CPU report preloaded. */
function command(cwd: string, name: "build" | "check", ...args: string[]): Run {
  const { run, result } = spawn(process.execPath, ["--import", join(ROOT, "bench", "report-max-rss.mjs"), join(ROOT, "scripts", "run.mjs"), "cli", name, ...args], cwd);
  if (result.status !== 0) throw new Error(`${name} misslyckades (${result.status}):\n${result.stderr}`);
  return run;
}
const build = (cwd: string, ...args: string[]) => command(cwd, "build", ...args);

const project = mkdtempSync(join(tmpdir(), "lum-bench-"));
cpSync(join(ROOT, "rounds"), join(project, "rounds"), { recursive: true });
const clean = () => rmSync(join(project, "out"), { recursive: true, force: true });
build(project); // the bundle in dist/ is current before anything is timed

// Interleaved, so that a busy moment on the machine falls on every figure alike.
const bare: Run[] = [];
const unchanged: Run[] = [];
const full: Run[] = [];
const year2024: Run[] = [];
const onePdf: Run[] = [];
const check2024: Run[] = [];
for (let i = 0; i < RUNS; i++) {
  bare.push(spawn(process.execPath, ["--import", join(ROOT, "bench", "report-max-rss.mjs"), "-e", ""], project).run);
  clean();
  full.push(build(project));
  unchanged.push(build(project));
  clean();
  year2024.push(build(project, "rounds/2024.yaml"));
  onePdf.push(build(project, "rounds/2024.yaml", "--bara", "tjansteutlatande.pdf"));
  check2024.push(command(project, "check", "rounds/2024.yaml"));
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
console.log(`Nyckeltal (issue 23), median av ${RUNS} körningar; kvoter mot en bar Node-start i samma körning`);
console.log(`  bar node -e "": ${s(node)} väggklocka, ${s(nodeCpu)} CPU`);
const u = both(unchanged);
console.log(`  oförändrat bygge, alla omgångar: ${u.text} (mål ≤ 3): ${verdict(ratio(u.wall) <= 3)}`);
const f = both(full);
const fRss = median(full.map((r) => r.rssKb));
console.log(`  fullt bygge, alla omgångar (Word, PDF, text, HTML): ${f.text} (mål ≤ 25 i CPU, på väg mot 15): ${verdict(f.cpu / nodeCpu <= 25)}`);
console.log(`  fullt bygge, högsta minne: ${mib(fRss)} (mål < 150 MiB): ${verdict(fRss < 150 * 1024)}`);

// 4. LibreOffice's conversion of the same tjänsteutlåtande, when it is installed.
const one = both(onePdf);
const y = both(year2024);
const c = both(check2024);
console.log(`  check av en omgång (2024): ${c.text} (mål ≤ 0,3 s CPU): ${verdict(c.cpu <= 300)}`);
const soffice = spawnSync("soffice", ["--version"], { encoding: "utf8" });
if (soffice.error || soffice.status !== 0) {
  console.log(`  2024 års tjänsteutlåtande som PDF från omgångsfilen (--bara): ${one.text}; soffice saknas, jämförelsen med LibreOffice hoppas över`);
  console.log(`  hela 2024 från omgångsfilen: ${y.text}`);
} else {
  const outDir = mkdtempSync(join(tmpdir(), "lum-soffice-"));
  const profile = `file://${join(outDir, "profil")}`;
  const sofficeArgs = [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", outDir, join(project, "out", "2024", "tjansteutlatande.docx")];
  // CPU of soffice and the processes it waits for, through /usr/bin/time where there is one.
  const timed = spawnSync("/usr/bin/time", ["--version"], { encoding: "utf8" });
  const convert = (): Run => {
    if (timed.error) return spawn("soffice", sofficeArgs, project).run;
    const { run, result } = spawn("/usr/bin/time", ["-f", "soffice-cpu %U %S", "soffice", ...sofficeArgs], project);
    const m = /soffice-cpu ([\d.]+) ([\d.]+)/.exec(result.stderr ?? "");
    return { ...run, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN };
  };
  convert(); // the first run creates LibreOffice's profile
  const runs = Array.from({ length: Math.max(3, Math.ceil(RUNS / 2)) }, convert);
  rmSync(outDir, { recursive: true, force: true });
  // soffice starts a child (oosplash → soffice.bin); the CPU of the process tree is read from the children's usage.
  const lo = { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) };
  const cpuText = Number.isFinite(lo.cpu) ? `${s(lo.cpu)} CPU` : "CPU okänd";
  console.log(
    `  2024 års tjänsteutlåtande som PDF från omgångsfilen (--bara tjansteutlatande.pdf): ${one.text};` +
      ` soffice --convert-to pdf av tjansteutlatande.docx: ${s(lo.wall)} väggklocka, ${cpuText}` +
      ` → ${(lo.cpu / one.cpu).toFixed(1)} × snabbare i CPU, ${(lo.wall / one.wall).toFixed(1)} × i väggklocka (mål ≥ 2 i CPU): ${verdict(lo.cpu / one.cpu >= 2)}`,
  );
  console.log(`  hela 2024 (alla dokument i alla format) från omgångsfilen: ${y.text}; ${(lo.wall / y.wall).toFixed(1)} × soffice i väggklocka`);
}
rmSync(project, { recursive: true, force: true });

// 5. Large rounds, each in a fresh process (peak memory is per process).
const large = (n: number) => {
  const { result } = spawn(process.execPath, ["--import", "tsx", join(ROOT, "bench", "large-round.ts"), String(n)], ROOT);
  if (result.status !== 0) throw new Error(`stor omgång (${n}) misslyckades:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").pop()!) as { cpuMs: number; wallMs: number; maxRssKb: number; files: number };
};
const thousand = [large(1000), large(1000), large(1000)];
const ten = large(10_000);
const oneCpu = median(thousand.map((r) => r.cpuMs));
console.log(`  1 000 ansökningar: ${s(oneCpu)} CPU, ${mib(median(thousand.map((r) => r.maxRssKb)))} (mål < 4 s CPU): ${verdict(oneCpu < 4000)}`);
console.log(
  `  10 000 ansökningar: ${s(ten.cpuMs)} CPU, ${mib(ten.maxRssKb)} (mål < 40 s och < 500 MiB): ${verdict(ten.cpuMs < 40_000 && ten.maxRssKb < 500 * 1024)}`,
);
const linear = ten.cpuMs / oneCpu;
console.log(`  linjäritet: 10 000 / 1 000 ansökningar = ${linear.toFixed(1)} × CPU (linjärt ≈ 10; mål ≤ 12): ${verdict(linear <= 12)}`);

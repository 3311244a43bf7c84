// Child process of bench/ratios.bench.ts: a synthetic round of N
// applications (70 % LUM, 30 % MUL) written as a round file, then read,
// validated, checked, derived, composed and written in every format, as the
// build does. Prints the CPU time and peak memory of that work (module
// loading excluded) and the number of files and bytes made.
import { stringify } from "yaml";
import { renderRound } from "../src/pipeline/index.js";
import { checkRound } from "../src/check/check-round.js";
import { parseRound } from "../src/load/load-round.js";
import { loadRound, syntheticRound } from "../tests/helpers/synthetic-round.js";

const n = Number(process.argv[2] ?? 1000);
const base = await loadRound("rounds/2024.yaml");
const text = stringify(syntheticRound(base.round, Math.round(n * 0.7), n - Math.round(n * 0.7)));
const cpuBefore = process.cpuUsage();
const start = performance.now();
const loaded = parseRound({ path: "syntetisk.yaml", text });
if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.line}: ${d.message}`).join("\n"));
// The synthetic round breaks rules on purpose (many grants per district); the checks run, their findings are not the point.
checkRound(loaded, undefined);
const rendered = await renderRound({ file: "syntetisk.yaml", round: loaded.round });
const cpu = process.cpuUsage(cpuBefore);
const wall = performance.now() - start;
const bytes = rendered.files.reduce((a, f) => a + f.bytes.length, 0);
process.stdout.write(
  JSON.stringify({ n, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: wall, files: rendered.files.length, bytes, maxRssKb: process.resourceUsage().maxRSS }) + "\n",
);

// Benchmark: how long `npm run build` takes for the rounds in rounds/.
// Prints figures; asserts nothing. Run with `npm run bench`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, cpSync, rmSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkRounds, renderRound } from "../src/build.js";

const ROOT = join(import.meta.dirname, "..");
const files = (await readdir(join(ROOT, "rounds"))).filter((f) => f.endsWith(".yaml")).sort().map((f) => join(ROOT, "rounds", f));

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}
const ms = (n: number) => `${n.toFixed(1)} ms`;

// 1. The pipeline in process (load, check, derive, compose, write Word + text), warm.
const runs = 20;
const inProcess: number[] = [];
for (let i = 0; i < runs + 3; i++) {
  const start = performance.now();
  const { rounds } = await checkRounds(files);
  for (const r of rounds) await renderRound(r);
  if (i >= 3) inProcess.push(performance.now() - start);
}
const a = stats(inProcess);
console.log(`bygg i processen, ${files.length} omgångar (median av ${runs}): ${ms(a.median)}  (min ${ms(a.min)}, max ${ms(a.max)})`);

// 2. The whole command as the secretary runs it, including Node and tsx start-up.
const dir = mkdtempSync(join(tmpdir(), "lum-bench-"));
cpSync(join(ROOT, "rounds"), join(dir, "rounds"), { recursive: true });
const wall: number[] = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  execFileSync(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "src", "cli.ts"), "build"], { cwd: dir, stdio: "ignore" });
  wall.push(performance.now() - start);
}
rmSync(dir, { recursive: true, force: true });
const b = stats(wall);
console.log(`hela kommandot (tsx src/cli.ts build), väggklocka (median av 5): ${ms(b.median)}  (min ${ms(b.min)}, max ${ms(b.max)})`);

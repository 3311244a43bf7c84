// Runs one of the command-line programs in src/ from a bundle in dist/,
// rebuilt with esbuild whenever a source file is newer than it:
//   node scripts/run.mjs cli build|check …     (npm run build / check)
//   node scripts/run.mjs diff-cli A B …        (npm run diff)
//   node scripts/run.mjs textconv FILE         (git diff of .docx and .pdf)
// tsx would run src/ directly, but its on-the-fly transform adds about a
// second to every run.
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const PROGRAMS = ["cli", "diff-cli", "textconv"];
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [program, ...args] = process.argv.slice(2);
if (!PROGRAMS.includes(program)) {
  process.stderr.write(`Användning: node scripts/run.mjs ${PROGRAMS.join("|")} [argument…]\n`);
  process.exit(2);
}

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const bundle = join(root, "dist", `${program}.mjs`);
let built = 0;
try {
  built = Math.min(...PROGRAMS.map((p) => statSync(join(root, "dist", `${p}.mjs`)).mtimeMs));
} catch {
  // No bundle yet.
}
if (built < Math.max(newest(join(root, "src")), statSync(join(root, "package-lock.json")).mtimeMs)) {
  // esbuild is imported only here: loading it costs more than an unchanged build.
  const { build } = await import("esbuild");
  await build({
    entryPoints: PROGRAMS.map((p) => join(root, "src", `${p}.ts`)),
    outdir: join(root, "dist"),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "inline",
    logLevel: "error",
  });
}
const { run } = await import(pathToFileURL(bundle).href);
process.exitCode = await run(args);

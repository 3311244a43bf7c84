// Runs the command line from a bundle of src/, rebuilt with esbuild whenever
// a source file is newer than it. tsx would do without the bundle, but its
// on-the-fly transform adds about a second to every run.
import { build } from "esbuild";
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = join(root, "dist", "cli.mjs");

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

let built = 0;
try {
  built = statSync(bundle).mtimeMs;
} catch {
  // No bundle yet.
}
if (built < Math.max(newest(join(root, "src")), statSync(join(root, "package-lock.json")).mtimeMs)) {
  await build({
    entryPoints: [join(root, "src", "cli.ts")],
    outfile: bundle,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "inline",
    logLevel: "error",
  });
}
const { run } = await import(pathToFileURL(bundle).href);
process.exitCode = await run(process.argv.slice(2));

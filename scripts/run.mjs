// Runs one of the command-line programs in src/ from a bundle in dist/,
// rebuilt with esbuild whenever the sources changed:
//   node scripts/run.mjs cli build|check …     (npm run build / check)
//   node scripts/run.mjs diff-cli A B …        (npm run diff)
//   node scripts/run.mjs textconv FILE         (git diff of .docx and .pdf)
//   node scripts/run.mjs forhandsgranska       (npm run forhandsgranska)
//   node scripts/run.mjs ny-omgang YEAR        (npm run ny-omgang)
//   node scripts/run.mjs granska-pdf [FIL …]   (npm run granska-pdf)
//   node scripts/run.mjs status FILE           (npm run status)
// tsx would run src/ directly, but its on-the-fly transform adds about a
// second to every run.
//
// Start-up: each program is one CommonJS file with its packages inside, read
// by loadCached through V8's code cache (dist/<hash>/<program>.v8cache, made
// by the first run): a check of one round went from about 0.78 s to 0.57 s
// of CPU. The pipeline is a bundle apart (pipeline.cjs), which cli.cjs loads
// only to check or build, so a build with nothing changed stays as light as
// before. (Node 20 has no code cache for ES modules, and a start-up snapshot
// would need pdf-lib and fontkit rid of their module-level TextDecoders.)
//
// A bundle is never used half-written: it is built in a folder of its own
// (dist/.bygge-<pid>-<random>/), marked complete, and only then renamed to
// dist/<hash>/, where <hash> is the content of src/, package-lock.json and
// this script. Freshness is decided by that content, not by file times (a
// checkout or a copy can make old sources look new, or the reverse). A build
// killed or failing for a full disk leaves only its own work folder, which
// the next run removes; two runs at once each build aside, and the first
// rename wins.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
const require_ = createRequire(import.meta.url);
/** The bundles loaded by loadCached, by file, so that each is evaluated once. */
const loaded = new Map();

const PROGRAMS = ["cli", "diff-cli", "textconv", "ny-omgang", "importera", "forhandsgranska", "granska-pdf", "status"];
const COMPLETE = "klar";
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [program, ...args] = process.argv.slice(2);
if (!PROGRAMS.includes(program)) {
  process.stderr.write(`Användning: node scripts/run.mjs ${PROGRAMS.join("|")} [argument…]\n`);
  process.exit(2);
}

/** Every file under `dir`, sorted, as paths relative to the project. */
function files(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    // Only folders and regular files: a FIFO or device planted in src/ is never read (it would hang or never end).
    .flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : []));
}

function sourceHash() {
  const hash = createHash("sha256");
  for (const path of [...files("src"), "package-lock.json", join("scripts", "run.mjs")]) {
    hash.update(`${path}\0`);
    hash.update(readFileSync(join(root, path)));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

const dist = join(root, "dist");
const current = join(dist, sourceHash());

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/** Work folders of runs that are gone, and all but the newest few older bundles. */
function tidy() {
  const names = existsSync(dist) ? readdirSync(dist) : [];
  for (const name of names) {
    const work = /^\.bygge-(\d+)-/.exec(name);
    if (work && !alive(Number(work[1]))) rmSync(join(dist, name), { recursive: true, force: true });
    // Bundles of the layout before this one (dist/cli.mjs, chunks).
    if (/\.mjs$/.test(name)) rmSync(join(dist, name), { force: true });
  }
  const bundles = names
    .filter((n) => /^[0-9a-f]{16}$/.test(n) && join(dist, n) !== current)
    .map((n) => ({ n, t: statSync(join(dist, n)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  // A run of older sources may still be loading from its bundle: keep a few.
  for (const { n } of bundles.slice(3)) rmSync(join(dist, n), { recursive: true, force: true });
}

if (!existsSync(join(current, COMPLETE))) {
  // A folder of this name without its mark is a bundle someone left broken.
  if (existsSync(current)) rmSync(current, { recursive: true, force: true });
  tidy();
  const work = join(dist, `.bygge-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    // esbuild is imported only here: loading it costs more than an unchanged build.
    const { build } = await import("esbuild");
    // Each program is one file with its packages inside (loading some 300
    // module files one by one cost a third of a check), in CommonJS so that
    // it can be compiled from V8's code cache (loadCached). textconv stays an
    // ES module beside its packages: pdf.js is an ES module that only an ES
    // module can import.
    // The pipeline (src/pipeline/index.ts) is a bundle of its own, which
    // cli.cjs loads only when it checks or builds: a build with nothing
    // changed is answered without it.
    const common = { bundle: true, platform: "node", target: "node20", logLevel: "silent", outdir: work };
    const cjs = {
      ...common,
      outExtension: { ".js": ".cjs" },
      format: "cjs",
      external: ["esbuild"],
      // import() of the pipeline bundle as require(): the code cache loader runs CommonJS only.
      supported: { "dynamic-import": false },
      define: { "import.meta.url": "__lumModuleUrl" },
      banner: { js: 'var __lumModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
    };
    const pipelineApart = {
      name: "pipeline-apart",
      setup(b) {
        b.onResolve({ filter: /^\.\/pipeline\/index\.js$/ }, (args) =>
          args.importer === join(root, "src", "cli.ts") ? { path: "./pipeline.cjs", external: true } : undefined,
        );
      },
    };
    await build({ ...cjs, entryPoints: PROGRAMS.filter((p) => p !== "textconv").map((p) => join(root, "src", `${p}.ts`)), plugins: [pipelineApart] });
    await build({ ...cjs, entryPoints: { pipeline: join(root, "src", "pipeline", "index.ts") } });
    await build({ ...common, entryPoints: [join(root, "src", "textconv.ts")], outExtension: { ".js": ".mjs" }, format: "esm", packages: "external" });
    writeFileSync(join(work, COMPLETE), "");
    try {
      renameSync(work, current);
    } catch (error) {
      // Another run finished the same bundle first: use theirs.
      if (!existsSync(join(current, COMPLETE))) throw error;
    }
  } catch (error) {
    // esbuild reports a failed write as text, our own calls by code.
    const said = [error?.code ?? "", ...(error?.errors ?? []).map((e) => e.text)].join("\n");
    if (/ENOSPC|no space left/i.test(said)) {
      process.stderr.write("Kan inte förbereda verktyget: disken är full. Frigör utrymme på disken och försök igen.\n");
    } else if (/EACCES|EPERM|EROFS|permission denied|read-only/i.test(said)) {
      process.stderr.write("Kan inte förbereda verktyget: mappen dist/ går inte att skriva i. Kontrollera behörigheten och försök igen.\n");
    } else {
      // A mistake in src/: for the developer, with esbuild's own words.
      process.stderr.write(`Kan inte förbereda verktyget: källkoden i src/ går inte att bygga.\n${said}\n`);
    }
    process.exitCode = 74;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
if (process.exitCode === undefined) {
  const { run } = program === "textconv" ? await import(pathToFileURL(join(current, "textconv.mjs")).href) : loadCached(join(current, `${program}.cjs`));
  process.exitCode = await run(args);
}

/**
 * Loads a bundle through V8's code cache: the functions compiled by the last
 * run are kept beside the bundle (<program>.v8cache) and handed to V8, which
 * then neither parses nor compiles them again. A cache V8 rejects (another
 * Node version) is simply written anew.
 */
function loadCached(file) {
  if (loaded.has(file)) return loaded.get(file).exports;
  const { Script } = require_("node:vm");
  const cacheFile = file.replace(/\.cjs$/, ".v8cache");
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const source = readFileSync(file, "utf8");
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapper, { filename: file, cachedData, });
  const mod = { exports: {} };
  loaded.set(file, mod);
  // Another bundle of the same folder (./pipeline.cjs) is loaded the same way; everything else as Node does.
  const nodeRequire = createRequire(file);
  const require = (id) => (id.startsWith("./") && id.endsWith(".cjs") ? loadCached(join(dirname(file), id)) : nodeRequire(id));
  script.runInThisContext()(mod.exports, require, mod, file, dirname(file));
  if (!cachedData || script.cachedDataRejected) {
    // Written after the program ran, so that what it compiled is in the cache.
    process.once("beforeExit", () => {
      try {
        const temp = `${cacheFile}.${process.pid}`;
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, cacheFile);
      } catch {
        // A cache that cannot be written only costs time.
      }
    });
  }
  return mod.exports;
}

// Command line: `build` and `check`. Messages are Swedish and meant for the
// secretary; a mistake in a round file is a diagnostic and exit code 1, never
// a stack trace.
import { existsSync } from "node:fs";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
// Only light modules are imported up front: a build with nothing changed is
// answered from out/.indata.json (src/incremental.ts) without loading the
// pipeline (./pipeline/: zod, docx, pdf-lib, fontkit, Handlebars).
import { diagnostic, type Diagnostic } from "./diagnostics/catalogue.js";
import { formatDiagnostic, formatSummary } from "./diagnostics/format.js";
import { freshYear, hashBytes, readRecord, runKey, unchangedRun, writeRecord, yearKey, type YearRecord } from "./incremental.js";
import { formatHelp, wantsHelp, type HelpText } from "./help.js";
import { EXIT, guarded, runIfEntry } from "./program.js";
import { visible } from "./terminal.js";
import { recoverOutput, replaceFolders, withOutputLock, type OutputFile } from "./write/output.js";

const BUILD_HELP: HelpText = {
  användning: ["npm run build [-- filer…] [--strict]", "npm run build -- omgångsfil --bara dokument.format"],
  beskrivning:
    "Kontrollerar omgångsfilerna och bygger dokumenten (Word, PDF och text) till out/<år>/. Hittas ett fel skrivs inga dokument, och out/ lämnas orörd.",
  flaggor: [
    ["filer…", "omgångsfilerna som ska byggas; utan filer byggs alla .yaml-filer i rounds/"],
    ["--strict", "varningar (till exempel platshållare) räknas som fel"],
    ["--bara namn", "bygger bara den filen av en omgång (till exempel tjansteutlatande.pdf) och läser bara det den behöver"],
    ["--help", "visar den här hjälpen"],
  ],
  exempel: [
    ["npm run build", "bygger alla år i rounds/"],
    ["npm run build -- rounds/2024.yaml", "bygger bara 2024 års dokument, till out/2024/"],
    ["npm run build -- rounds/2024.yaml --bara tjansteutlatande.pdf", "bygger bara 2024 års tjänsteutlåtande som PDF, till out/2024/"],
  ],
  slutstatus: [
    [EXIT.ok, "dokumenten är byggda"],
    [EXIT.errors, "filerna har fel; inga dokument har skrivits"],
    [EXIT.usage, "kommandot är felskrivet"],
  ],
};

const CHECK_HELP: HelpText = {
  användning: ["npm run check [-- filer…] [--strict]"],
  beskrivning: "Kontrollerar omgångsfilerna utan att bygga något: fel, varningar och noteringar med fil, rad och vad du kan göra.",
  flaggor: [
    ["filer…", "omgångsfilerna som ska kontrolleras; utan filer alla .yaml-filer i rounds/"],
    ["--strict", "varningar (till exempel platshållare) räknas som fel"],
    ["--help", "visar den här hjälpen"],
  ],
  exempel: [
    ["npm run check", "alla filer i rounds/"],
    ["npm run check -- rounds/2026.yaml", "en fil"],
    ["npm run check -- --strict", "innan ärendet skickas: inga platshållare får finnas kvar"],
  ],
  mer: ["Alla meddelanden står i docs/felmeddelanden.md."],
  slutstatus: [
    [EXIT.ok, "inga fel (varningar och noteringar kan finnas)"],
    [EXIT.errors, "kontrollen hittade fel"],
    [EXIT.usage, "kommandot är felskrivet"],
  ],
};

const USAGE = `${formatHelp(BUILD_HELP)}\n\n${formatHelp(CHECK_HELP)}`;

export { EXIT };

async function defaultRounds(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => join(dir, n));
}

export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
  cwd: string;
}

export async function main(argv: string[], given: CliIO): Promise<number> {
  // Nothing printed can steer the terminal: file names and messages go through visible(), as the diagnostics do.
  const io: CliIO = { ...given, out: (l) => given.out(visible(l)), err: (l) => given.err(visible(l)) };
  const [command, ...rest] = argv;
  if (command !== "build" && command !== "check") {
    if (wantsHelp(argv)) {
      io.out(USAGE);
      return EXIT.ok;
    }
    io.err(`Okänt kommando: ${command ?? "(inget)"}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (wantsHelp(rest)) {
    io.out(formatHelp(command === "build" ? BUILD_HELP : CHECK_HELP));
    return EXIT.ok;
  }
  const strict = rest.includes("--strict");
  // --bara NAME (or --bara=NAME): one file of one round.
  const baraAt = rest.findIndex((a) => a === "--bara" || a.startsWith("--bara="));
  const bara = baraAt < 0 ? undefined : rest[baraAt]!.startsWith("--bara=") ? rest[baraAt]!.slice("--bara=".length) : rest[baraAt + 1];
  const args = baraAt < 0 ? rest : rest.filter((_, i) => i !== baraAt && !(i === baraAt + 1 && rest[baraAt] === "--bara"));
  const unknownOption = args.find((a) => a.startsWith("-") && a !== "--strict");
  if (unknownOption || (baraAt >= 0 && command !== "build")) {
    io.err(`Okänd flagga: ${unknownOption ?? "--bara"}\n\n${formatHelp(command === "build" ? BUILD_HELP : CHECK_HELP)}`);
    return EXIT.usage;
  }
  const named = args.filter((a) => !a.startsWith("-"));
  // Which documents the one file needs: the rest of the round is neither composed nor written.
  let only: { name: string; needs: ((d: { name: string; bilaga?: number | undefined }) => boolean) | undefined } | undefined;
  if (baraAt >= 0) {
    const { outputFile, FORMATS, ROUND_FILES } = await import("./pipeline/index.js");
    const target = bara === undefined || bara.startsWith("-") ? undefined : outputFile(bara.replace(/^\/+/, ""));
    const problem =
      bara === undefined || bara.startsWith("-")
        ? "--bara behöver namnet på en fil, till exempel --bara tjansteutlatande.pdf."
        : !target || bara.split("/").some((part) => part === ".." || part === ".")
          ? `--bara ${bara}: det är ingen fil som ett år har. Namnet är dokumentets namn och ett format (${FORMATS.map((f) => `.${f.extension}`).join(", ")}), till exempel tjansteutlatande.pdf, eller ${ROUND_FILES.map((f) => f.name).join(" eller ")}.`
          : named.length !== 1
            ? "--bara gäller en omgångsfil: ange precis en, till exempel npm run build -- rounds/2024.yaml --bara tjansteutlatande.pdf."
            : undefined;
    if (problem) {
      io.err(`${problem}\n\n${formatHelp(BUILD_HELP)}`);
      return EXIT.usage;
    }
    only = { name: bara!.replace(/^\/+/, ""), needs: target!.needs };
  }
  const files = named.length > 0 ? named : await defaultRounds(join(io.cwd, "rounds"));
  if (files.length === 0) {
    io.err("Hittade inga omgångsfiler (.yaml) i rounds/.");
    return EXIT.usage;
  }
  // The same file named twice (rounds/2024.yaml ./rounds//2024.yaml) is read once.
  const paths = [...new Set(files.map((f) => resolve(io.cwd, f)))];
  const outDir = join(io.cwd, "out");
  const waiting = (pid: string) => io.err(`Ett annat bygge pågår (process ${pid}). Väntar tills det är klart …`);
  // A build that was killed while writing out/ is finished or undone first,
  // even when this build then stops on an error in a round file.
  if (command === "build" && existsSync(join(outDir, ".bygge"))) await withOutputLock(outDir, () => recoverOutput(outDir), waiting);
  // The run's key is taken from the files as they are BEFORE they are checked:
  // a file saved during the build then makes the next build's key differ, and
  // that build checks again (each year's own key is the hash of the text
  // checked, see yearKey). Nothing changed since the last build: say so,
  // with that build's diagnostics.
  const key = command === "build" && !only ? await runKey(io.cwd, paths) : undefined;
  const unchanged = key !== undefined ? await unchangedRun(outDir, key) : undefined;
  const checked = unchanged
    ? undefined
    : await (await import("./pipeline/index.js")).checkRounds(
        paths.map((path) => {
          const shown = relative(io.cwd, path);
          return { path, shown: shown.startsWith("..") ? path : shown };
        }),
        { root: io.cwd, only: only?.needs },
      );
  const found: Diagnostic[] = unchanged?.run.diagnostics ?? checked!.diagnostics;
  // A build names a file's placeholders in one warning; check lists each at its line.
  const shown = command === "build" ? groupPlaceholders(found) : found;
  const diagnostics = strict ? shown.map((d) => (d.severity === "varning" ? { ...d, severity: "fel" as const } : d)) : shown;
  for (const d of diagnostics) io.err(`${formatDiagnostic(d)}\n`);
  if (diagnostics.some((d) => d.severity === "fel")) {
    io.err(
      command === "build"
        ? `Stoppade: ${formatSummary(diagnostics)}. Inga dokument har skrivits eller ändrats i out/.`
        : `Kontrollen hittade ${formatSummary(diagnostics)}.`,
    );
    return EXIT.errors;
  }
  if (checked && command === "check") {
    const n = checked.rounds.length;
    io.out(`Kontrollerade ${n} ${n === 1 ? "fil" : "filer"}: inga fel${diagnostics.length > 0 ? ` (${formatSummary(diagnostics)})` : ""}.`);
    return EXIT.ok;
  }
  // A rebuilt year lists its files; an unchanged one only says how many are still there.
  const report = (year: number, entry: YearRecord, same: boolean) => {
    const count = Object.keys(entry.files).length;
    io.out(`${entry.source} → ${relative(io.cwd, join(outDir, String(year)))}/${same ? ` (oförändrat sedan förra bygget) – ${count} ${count === 1 ? "fil" : "filer"}` : ""}`);
    if (!same) for (const name of Object.keys(entry.files)) io.out(`  ${name}`);
    for (const n of entry.notices) io.out(`  ${n}`);
  };
  if (unchanged) {
    for (const { year, entry } of unchanged.years) report(year, entry, true);
    return EXIT.ok;
  }
  if (only) return buildOne(checked!.rounds[0]!, only, outDir, io, waiting);
  // Every year whose inputs changed is prepared and written straight into the
  // build's own folder, one file at a time, so that no year's models and bytes
  // outlive its writing; only then are the years swapped into out/.
  const { prepareRound, writeFiles } = await import("./pipeline/index.js");
  const record = await readRecord(outDir);
  const years: { year: number; entry: YearRecord; files?: AsyncIterable<OutputFile> }[] = [];
  for (const round of checked!.rounds) {
    const year = round.round.år;
    const yearInputs = await yearKey(round.digest!, round.previousDigest);
    const fresh = await freshYear(outDir, record, year, yearInputs);
    if (fresh) {
      years.push({ year, entry: { ...fresh, source: round.file } });
      continue;
    }
    // Filled in as the year is written.
    const entry: YearRecord = { source: round.file, key: yearInputs, files: {}, notices: [] };
    const files = async function* () {
      const prepared = prepareRound(round);
      const n = prepared.placeholders;
      const draft = n > 0 ? [`UTKAST: ${n === 1 ? "en uppgift är märkt" : `${n} uppgifter är märkta`} PLATSHÅLLARE, så dokumenten är märkta UTKAST.`] : [];
      entry.notices = [...prepared.notices, ...draft];
      for await (const file of writeFiles(prepared)) {
        entry.files[file.name] = hashBytes(file.bytes);
        yield file;
      }
    };
    years.push({ year, entry, files: files() });
  }
  // Every rebuilt year swaps in together, under the lock (see write/output.ts);
  // the record follows, so a build killed in between is only rebuilt.
  await withOutputLock(
    outDir,
    async () => {
      await recoverOutput(outDir);
      await replaceFolders(
        outDir,
        years.flatMap(({ year, files }) => (files ? [{ folder: String(year), files }] : [])),
      );
      for (const { year, entry } of years) record.years[String(year)] = entry;
      record.run = { key: key!, years: years.map((y) => y.year), diagnostics: found };
      await writeRecord(outDir, record);
    },
    waiting,
  );
  for (const { year, entry, files } of years) report(year, entry, !files);
  return EXIT.ok;
}

/**
 * `--bara`: the one file, written into out/<year>/ beside the year's other
 * files (aside, then renamed, under the build's lock). The year's record is
 * dropped, so the next full build rebuilds the whole year rather than trust a
 * folder one file of which may be newer than the rest.
 */
async function buildOne(
  checked: import("./pipeline/check.js").CheckedRound,
  only: { name: string; needs: import("./pipeline/check.js").DocumentFilter },
  outDir: string,
  io: CliIO,
  waiting: (pid: string) => void,
): Promise<number> {
  const { prepareRound, writeRound } = await import("./pipeline/index.js");
  const prepared = prepareRound(checked, { only: only.needs });
  const [file] = (await writeRound(prepared, { only: only.name })).files;
  if (!file) {
    io.err(`${checked.file} har inget dokument ${only.name}. Bygg hela året (npm run build -- ${checked.file}) och se namnen i out/${prepared.year}/.`);
    return EXIT.usage;
  }
  const folder = join(outDir, String(prepared.year));
  const target = join(folder, file.name);
  await withOutputLock(
    outDir,
    async () => {
      await recoverOutput(outDir);
      const record = await readRecord(outDir);
      delete record.years[String(prepared.year)];
      delete record.run;
      await writeRecord(outDir, record);
      await mkdir(dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.tmp`;
      try {
        await writeFile(temp, file.bytes);
        await rename(temp, target);
      } finally {
        await rm(temp, { force: true });
      }
    },
    waiting,
  );
  io.out(`${checked.file} → ${relative(io.cwd, target)}`);
  return EXIT.ok;
}

/** One warning per file for its placeholders, in the place of the first, naming their lines. */
function groupPlaceholders(found: Diagnostic[]): Diagnostic[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of found) if (d.code === "platshallare") byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  return found.flatMap((d) => {
    if (d.code !== "platshallare") return [d];
    const all = byFile.get(d.file)!;
    if (all.length === 1 || all[0] !== d) return all.length === 1 ? [d] : [];
    return [diagnostic("platshallare-i-filen", { ...d, line: 0, column: 0, length: 0 }, { antal: all.length, rader: all.map((p) => p.line).join(", "), fil: d.file })];
  });
}

/** Runs the command line for this process; resolves to the exit code. */
export function run(argv: string[]): Promise<number> {
  return guarded(
    () =>
      main(argv, {
        out: (l) => process.stdout.write(`${l}\n`),
        err: (l) => process.stderr.write(`${l}\n`),
        cwd: process.cwd(),
      }),
    "Inga dokument har ändrats i out/ för de omgångar som inte hann skrivas. Kontakta utvecklarna och bifoga meddelandet.",
  );
}

runIfEntry(import.meta.url, run);

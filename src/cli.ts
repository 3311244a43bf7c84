// Command line: `build` and `check`. Messages are Swedish and meant for the
// secretary; a mistake in a round file is a diagnostic and exit code 1, never
// a stack trace.
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
// Only light modules are imported up front: a build with nothing changed is
// answered from out/.indata.json (src/incremental.ts) without loading the
// pipeline (./build.js: zod, docx, pdf-lib, fontkit, Handlebars).
import { diagnostic, type Diagnostic } from "./diagnostics/catalogue.js";
import { formatDiagnostic, formatSummary } from "./diagnostics/format.js";
import { freshYear, hashBytes, readRecord, runKey, unchangedRun, writeRecord, yearKey, type YearRecord } from "./incremental.js";
import { formatHelp, wantsHelp, type HelpText } from "./help.js";
import { EXIT, guarded, runIfEntry } from "./program.js";
import { visible } from "./terminal.js";
import { recoverOutput, replaceFolders, withOutputLock, type OutputFile } from "./write/output.js";

const BUILD_HELP: HelpText = {
  användning: ["npm run build [-- filer…] [--strict]"],
  beskrivning:
    "Kontrollerar omgångsfilerna och bygger dokumenten (Word, PDF och text) till out/<år>/. Hittas ett fel skrivs inga dokument, och out/ lämnas orörd.",
  flaggor: [
    ["filer…", "omgångsfilerna som ska byggas; utan filer byggs alla .yaml-filer i rounds/"],
    ["--strict", "varningar (till exempel platshållare) räknas som fel"],
    ["--help", "visar den här hjälpen"],
  ],
  exempel: [
    ["npm run build", "bygger alla år i rounds/"],
    ["npm run build -- rounds/2024.yaml", "bygger bara 2024 års dokument, till out/2024/"],
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
  const unknownOption = rest.find((a) => a.startsWith("-") && a !== "--strict");
  if (unknownOption) {
    io.err(`Okänd flagga: ${unknownOption}\n\n${formatHelp(command === "build" ? BUILD_HELP : CHECK_HELP)}`);
    return EXIT.usage;
  }
  const named = rest.filter((a) => !a.startsWith("-"));
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
  const key = command === "build" ? await runKey(io.cwd, paths) : undefined;
  const unchanged = key !== undefined ? await unchangedRun(outDir, key) : undefined;
  const checked = unchanged
    ? undefined
    : await (await import("./build.js")).checkRounds(
        paths.map((path) => {
          const shown = relative(io.cwd, path);
          return { path, shown: shown.startsWith("..") ? path : shown };
        }),
        { root: io.cwd },
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
  // Render every year whose inputs changed, in memory first; only then touch out/.
  const { renderRound } = await import("./build.js");
  const record = await readRecord(outDir);
  const years: { year: number; entry: YearRecord; files?: OutputFile[] }[] = [];
  for (const round of checked!.rounds) {
    const year = round.round.år;
    const yearInputs = await yearKey(round.digest!, round.previousDigest);
    const fresh = await freshYear(outDir, record, year, yearInputs);
    if (fresh) {
      years.push({ year, entry: { ...fresh, source: round.file } });
      continue;
    }
    const r = await renderRound(round);
    const hashes = Object.fromEntries(r.files.map((f) => [f.name, hashBytes(f.bytes)]));
    const draft = r.placeholders > 0 ? [`UTKAST: ${r.placeholders === 1 ? "en uppgift är märkt" : `${r.placeholders} uppgifter är märkta`} PLATSHÅLLARE, så dokumenten är märkta UTKAST.`] : [];
    years.push({ year, files: r.files, entry: { source: r.source, key: yearInputs, files: hashes, notices: [...r.notices, ...draft] } });
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

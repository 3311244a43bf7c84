// Command line: `build` and `check`. Messages are Swedish and meant for the
// secretary; a mistake in a round file is a diagnostic and exit code 1, never
// a stack trace.
import { readdir } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { checkRounds, renderRound, type RenderedRound } from "./build.js";
import { formatDiagnostic, formatSummary } from "./diagnostics/format.js";
import { formatHelp, wantsHelp, type HelpText } from "./help.js";
import { EXIT, guarded, runIfEntry } from "./program.js";
import { replaceFolder } from "./write/output.js";

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

export async function main(argv: string[], io: CliIO): Promise<number> {
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
  const checked = await checkRounds(
    paths.map((path) => {
      const shown = relative(io.cwd, path);
      return { path, shown: shown.startsWith("..") ? path : shown };
    }),
  );
  const { rounds } = checked;
  const diagnostics = strict
    ? checked.diagnostics.map((d) => (d.severity === "varning" ? { ...d, severity: "fel" as const } : d))
    : checked.diagnostics;
  for (const d of diagnostics) io.err(`${formatDiagnostic(d)}\n`);
  if (diagnostics.some((d) => d.severity === "fel")) {
    io.err(
      command === "build"
        ? `Stoppade: ${formatSummary(diagnostics)}. Inga dokument har skrivits eller ändrats i out/.`
        : `Kontrollen hittade ${formatSummary(diagnostics)}.`,
    );
    return EXIT.errors;
  }
  if (command === "check") {
    io.out(`Kontrollerade ${rounds.length} ${rounds.length === 1 ? "fil" : "filer"}: inga fel${diagnostics.length > 0 ? ` (${formatSummary(diagnostics)})` : ""}.`);
    return EXIT.ok;
  }
  // Render everything in memory first; only then touch out/.
  const rendered: RenderedRound[] = [];
  for (const round of rounds) rendered.push(await renderRound(round));
  const outDir = join(io.cwd, "out");
  for (const r of rendered) {
    const target = await replaceFolder(outDir, String(r.year), r.files);
    io.out(`${r.source} → ${relative(io.cwd, target)}/`);
    for (const f of r.files) io.out(`  ${f.name}`);
    for (const n of r.notices) io.out(`  ${n}`);
    if (r.placeholders > 0) {
      io.out(`  UTKAST: ${r.placeholders === 1 ? "en uppgift är märkt" : `${r.placeholders} uppgifter är märkta`} PLATSHÅLLARE, så dokumenten är märkta UTKAST.`);
    }
  }
  return EXIT.ok;
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

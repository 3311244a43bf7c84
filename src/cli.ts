// Command line: `build` and `check`. Messages are Swedish and meant for the
// secretary; a mistake in a round file is a diagnostic and exit code 1, never
// a stack trace.
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { checkRounds, renderRound, type RenderedRound } from "./build.js";
import { formatDiagnostic, formatSummary } from "./diagnostics/format.js";
import { EXIT, guarded, runIfEntry } from "./program.js";
import { recoverOutput, replaceFolders, withOutputLock } from "./write/output.js";

const USAGE = `Användning:
  npm run build [-- filer…]   kontrollerar och bygger dokumenten till out/<år>/
  npm run check [-- filer…]   kontrollerar omgångsfilerna utan att bygga

Flaggor:
  --strict   varningar räknas som fel

Utan filer används alla .yaml-filer i rounds/.`;

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
  if (command === "--help" || command === "-h" || command === "hjälp") {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (command !== "build" && command !== "check") {
    io.err(`Okänt kommando: ${command ?? "(inget)"}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const strict = rest.includes("--strict");
  const unknownOption = rest.find((a) => a.startsWith("-") && a !== "--strict");
  if (unknownOption) {
    io.err(`Okänd flagga: ${unknownOption}\n\n${USAGE}`);
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
  const checked = await checkRounds(
    paths.map((path) => {
      const shown = relative(io.cwd, path);
      return { path, shown: shown.startsWith("..") ? path : shown };
    }),
    { root: io.cwd },
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
  const targets = await withOutputLock(
    outDir,
    async () => {
      await recoverOutput(outDir);
      return replaceFolders(
        outDir,
        rendered.map((r) => ({ folder: String(r.year), files: r.files })),
      );
    },
    waiting,
  );
  for (const [i, r] of rendered.entries()) {
    io.out(`${r.source} → ${relative(io.cwd, targets[i]!)}/`);
    for (const f of r.files) io.out(`  ${f.name}`);
    for (const n of r.notices) io.out(`  ${n}`);
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

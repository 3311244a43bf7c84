// Command line: `npm run diff -- A B [--format terminal|markdown]`. A and B
// are round files or files at a git revision (HEAD~1:rounds/2024.yaml). Exit
// 0 when the comparison ran (with or without differences), 1 when a side is
// not a valid round (diagnostics as in build/check), 2 for usage errors, a
// missing file or an unknown revision.
import { checkAcrossYears, checkFileItself, figuresOf } from "./pipeline/check.js";
import type { Figures } from "./derive/figures.js";
import type { Diagnostic } from "./diagnostics/catalogue.js";
import { compareRounds } from "./diff/compare.js";
import { formatHelp, wantsHelp } from "./help.js";
import { EXIT, guarded, runIfEntry } from "./program.js";
import { describeReadError } from "./diff/read-spec.js";
import { loadSide, type SideResult } from "./diff/load-side.js";
import { renderDiff } from "./diff/render.js";
import { markdownStyle, terminalStyle } from "./diff/style.js";
import { formatDiagnostic, formatSummary } from "./diagnostics/format.js";

export { EXIT };

const USAGE = formatHelp({
  användning: ["npm run --silent diff -- FÖRE EFTER [--format terminal|markdown]"],
  beskrivning:
    "Granskningsrapport: jämför två versioner av en omgångsfil (eller två år) och säger i ord vilka beslut, belopp, motiveringar, summor och regler som ändrats, och om den nya versionen bryter mot en regel. FÖRE och EFTER är omgångsfiler eller filer i en git-revision.",
  flaggor: [
    ["--format markdown", "rapporten som Markdown, att klistra in i en pull request"],
    ["--format terminal", "rapporten för terminalen (standard)"],
    ["--help", "visar den här hjälpen"],
  ],
  exempel: [
    ["npm run --silent diff -- rounds/2023.yaml rounds/2024.yaml", "jämför två år"],
    ["npm run --silent diff -- HEAD~1:rounds/2024.yaml rounds/2024.yaml", "jämför med förra versionen"],
    ["npm run --silent diff -- main:rounds/2024.yaml rounds/2024.yaml --format markdown", "till en pull request"],
  ],
  mer: ["Färg används bara när utdata går till en terminal och NO_COLOR inte är satt."],
  slutstatus: [
    [EXIT.ok, "jämförelsen gjordes (med eller utan skillnader)"],
    [EXIT.errors, "en fil är inte en giltig omgångsfil"],
    [EXIT.usage, "fel i kommandot (fil eller revision som inte finns)"],
  ],
});

export interface DiffIO {
  out: (text: string) => void;
  err: (line: string) => void;
  cwd: string;
  /** Colour the terminal report (the entry decides: a TTY and no NO_COLOR). */
  colour: boolean;
}

type Format = "terminal" | "markdown";

function parseArgs(argv: string[]): { specs: string[]; format: Format; help: boolean } | { error: string } {
  const specs: string[] = [];
  let format: Format = "terminal";
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (wantsHelp([arg])) help = true;
    else if (arg === "--format" || arg.startsWith("--format=")) {
      const value = arg === "--format" ? argv[++i] : arg.slice("--format=".length);
      if (value === "markdown" || value === "md") format = "markdown";
      else if (value === "terminal" || value === "text") format = "terminal";
      else return { error: `Okänt format: ${value ?? "(inget)"}. Välj terminal eller markdown.` };
    } else if (arg === "--") continue;
    else if (arg.startsWith("-") && arg.length > 1) return { error: `Okänd flagga: ${arg}` };
    else specs.push(arg);
  }
  if (!help && specs.length !== 2) {
    return { error: specs.length < 2 ? "Ange två omgångar att jämföra." : `Ange exakt två omgångar att jämföra, inte ${specs.length}.` };
  }
  return { specs, format, help };
}

export async function main(argv: string[], io: DiffIO): Promise<number> {
  const args = parseArgs(argv);
  if ("error" in args) {
    io.err(`fel: ${args.error}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (args.help) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  const [a, b] = (await Promise.all(args.specs.map((spec) => loadSide(spec, io.cwd)))) as [SideResult, SideResult];
  let code: number = EXIT.ok;
  for (const side of [a, b]) {
    if (side.ok) continue;
    if ("readError" in side) {
      const { message, hint } = describeReadError(side.readError);
      io.err(`fel: ${message}\n  Åtgärd: ${hint}`);
      code = EXIT.usage;
    } else {
      for (const d of side.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
      io.err(`Kan inte jämföra: ${formatSummary(side.diagnostics)}.`);
      if (code === EXIT.ok) code = EXIT.errors;
    }
  }
  if (!a.ok || !b.ok) return code;
  // Each side checked as check would; the figures compared are the ones that check derived.
  const [checkedA, checkedB] = [await findingsOf(a), await findingsOf(b)];
  const diff = compareRounds(
    { label: a.label, round: a.round, figures: checkedA.figures },
    { label: b.label, round: b.round, figures: checkedB.figures },
  );
  // The same findings as check, for the newer version; "new" when the older one did not have them.
  const before = new Set(checkedA.diagnostics.map(keyOf));
  diff.regelbrott = checkedB.diagnostics.map((d) => ({
    severity: d.severity,
    code: d.code,
    message: d.message,
    line: d.line,
    ...(d.file !== b.label && { file: d.file }),
    ny: !before.has(keyOf(d)),
  }));
  io.out(renderDiff(diff, args.format === "markdown" ? markdownStyle : terminalStyle(io.colour)));
  return EXIT.ok;
}

const keyOf = (d: Diagnostic) => `${d.code}\u0000${d.message}`;

/**
 * What `npm run check` says about one side, through the same functions: the
 * checks of the file itself, then the rules against last year's round chosen
 * by `lastYearFor` among the files beside it (for a side at a git revision,
 * those of the same revision). Each side is checked as if named alone, so two
 * versions of the same year side by side are not "two files for one year".
 */
async function findingsOf(side: Extract<SideResult, { ok: true }>): Promise<{ diagnostics: Diagnostic[]; figures?: Figures }> {
  const itself = checkFileItself(side.file, side.loaded);
  if (!itself.usable) return { diagnostics: itself.diagnostics };
  const across = checkAcrossYears({ file: side.file, round: side.loaded }, new Map(), await side.siblings());
  return { diagnostics: [...itself.diagnostics, ...across.diagnostics], figures: across.checked && figuresOf(across.checked.round, across.checked.previous) };
}

/** Runs the comparison for this process; resolves to the exit code. */
export function run(argv: string[]): Promise<number> {
  return guarded(
    () =>
      main(argv, {
        out: (text) => process.stdout.write(text),
        err: (line) => process.stderr.write(`${line}\n`),
        cwd: process.cwd(),
        colour: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
      }),
    "Kontakta utvecklarna och bifoga meddelandet.",
  );
}

runIfEntry(import.meta.url, run);

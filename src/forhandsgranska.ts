// `npm run forhandsgranska`: the live preview of the HTML edition while the
// secretary edits a round file. Runs until Ctrl-C.
import { EXIT, guarded, runIfEntry } from "./program.js";
import { startPreview } from "./preview/server.js";

const USAGE = `Användning:
  npm run forhandsgranska [-- --port 8024]

Visar dokumenten i webbläsaren och bygger om dem varje gång du sparar en fil
i rounds/ eller templates/. Avsluta med Ctrl-C.`;

export const DEFAULT_PORT = 8024;

export async function main(argv: string[], io: { out: (l: string) => void; err: (l: string) => void; cwd: string; stop: Promise<void> }): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.out(USAGE);
    return EXIT.ok;
  }
  let port = DEFAULT_PORT;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === "--port" ? argv[++i] : arg.startsWith("--port=") ? arg.slice(7) : undefined;
    if (value === undefined || !/^\d{1,5}$/.test(value) || Number(value) > 65535) {
      io.err(`${arg === "--port" || arg.startsWith("--port=") ? `Porten ska vara ett tal mellan 0 och 65535, inte ${value ?? "(inget)"}.` : `Okänt argument: ${arg}`}\n\n${USAGE}`);
      return EXIT.usage;
    }
    port = Number(value);
  }
  io.out("Bygger förhandsgranskningen …");
  let preview;
  try {
    preview = await startPreview({ cwd: io.cwd, port, log: io.out });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      io.err(`Porten ${port} används redan, kanske av en förhandsgranskning som redan körs. Välj en annan: npm run forhandsgranska -- --port ${port + 1}`);
      return EXIT.errors;
    }
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      io.err("Hittade inte mappen rounds/ (eller templates/). Starta förhandsgranskningen i projektmappen.");
      return EXIT.errors;
    }
    throw error;
  }
  io.out(`Förhandsgranskningen körs: öppna ${preview.url} i webbläsaren. Avsluta med Ctrl-C.`);
  await io.stop;
  await preview.close();
  io.out("Förhandsgranskningen är stoppad.");
  return EXIT.ok;
}

export function run(argv: string[]): Promise<number> {
  const stop = new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  return guarded(
    () =>
      main(argv, {
        out: (l) => process.stdout.write(`${l}\n`),
        err: (l) => process.stderr.write(`${l}\n`),
        cwd: process.cwd(),
        stop,
      }),
    "Förhandsgranskningen har stannat; ingenting i out/ har ändrats. Kontakta utvecklarna och bifoga meddelandet.",
  );
}

runIfEntry(import.meta.url, run);

// `npm run forhandsgranska`: the live preview of the HTML edition while the
// secretary edits a round file. Runs until Ctrl-C.
import { formatHelp, wantsHelp } from "./help.js";
import { EXIT, guarded, runIfEntry } from "./program.js";
import { startEditorPreview } from "./editor/start.js";
import { visible } from "./terminal.js";

export const DEFAULT_PORT = 8024;

const USAGE = formatHelp({
  användning: ["npm run forhandsgranska [-- --port 8024]"],
  beskrivning:
    "Visar dokumenten i webbläsaren och bygger om dem varje gång du sparar en fil i rounds/ eller templates/. Ger också en redigerare i webbläsaren: omgångsfilen till vänster, med förslag på nycklar och namn och kontrollens fel vid raden medan du skriver, och dokumentet till höger. Redigeraren sparar bara i rounds/<år>.yaml och behåller de 20 senaste versionerna i .versioner/. Ingenting skrivs till out/; bygg med npm run build när du är klar. Avsluta med Ctrl-C.",
  flaggor: [
    ["--port TAL", `porten att visa sidorna på (annars ${DEFAULT_PORT}); välj en annan om den är upptagen`],
    ["--help", "visar den här hjälpen"],
  ],
  exempel: [
    ["npm run forhandsgranska", `öppna sedan http://127.0.0.1:${DEFAULT_PORT}/ i webbläsaren`],
    ["npm run forhandsgranska -- --port 8030", "samma sak på port 8030"],
  ],
  slutstatus: [
    [EXIT.ok, "avslutad med Ctrl-C"],
    [EXIT.errors, "porten används redan, eller mappen rounds/ saknas"],
    [EXIT.usage, "kommandot är felskrivet"],
  ],
});

type PreviewIO = { out: (l: string) => void; err: (l: string) => void; cwd: string; stop: Promise<void> };

export async function main(argv: string[], given: PreviewIO): Promise<number> {
  // Nothing printed can steer the terminal (file names, messages): through visible(), as check's diagnostics.
  const io: PreviewIO = { ...given, out: (l) => given.out(visible(l)), err: (l) => given.err(visible(l)) };
  if (wantsHelp(argv)) {
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
  // Ctrl-C (or SIGTERM) ends it at any moment, the start included: the start
  // is aborted and stops after the round it is building.
  const abort = new AbortController();
  let stopped = false;
  void io.stop.then(() => {
    stopped = true;
    abort.abort();
  });
  let preview;
  try {
    preview = await startEditorPreview({ cwd: io.cwd, port, log: io.out, signal: abort.signal });
  } catch (error) {
    if (stopped) {
      io.out("Förhandsgranskningen är stoppad.");
      return EXIT.ok;
    }
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
  io.out(`Redigera omgångsfilerna med kontroll och förhandsgranskning sida vid sida: öppna ${preview.editorUrl}`);
  io.out("  (adressen innehåller en nyckel som bara gäller tills förhandsgranskningen stängs; dela den inte)");
  await io.stop;
  await preview.close();
  io.out("Förhandsgranskningen är stoppad.");
  return EXIT.ok;
}

export function run(argv: string[]): Promise<number> {
  // The first Ctrl-C or SIGTERM stops the preview in order; a second one ends the process at once.
  let signals = 0;
  const stop = new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      if (++signals > 1) process.exit(signal === "SIGINT" ? 130 : 143);
      resolve();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
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

// Stopped, the process ends even if a file watcher or a page's connection
// would keep it alive.
runIfEntry(import.meta.url, async (argv) => {
  const code = await run(argv);
  process.exit(code);
});

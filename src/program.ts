// What the command-line programs (cli.ts, diff-cli.ts, textconv.ts) share:
// exit codes, the Swedish message for an internal error (a bug in the tool,
// never a mistake in a round file), and running when started directly.
import { pathToFileURL } from "node:url";
import { visible } from "./terminal.js";

export const EXIT = { ok: 0, errors: 1, usage: 2, internal: 70, environment: 74 } as const;

/**
 * What the computer (not the tool, not the round files) refused, by the
 * error's code: the cause in Swedish and what to do about it.
 */
const ENVIRONMENT: Record<string, [cause: string, advice: string]> = {
  EACCES: ["saknar behörighet att skriva eller läsa", "Kontrollera behörigheten på mappen (till exempel out/), eller arbeta i en mapp där du får skriva."],
  EPERM: ["åtgärden tillåts inte av systemet", "Kontrollera behörigheten på mappen (till exempel out/), eller arbeta i en mapp där du får skriva."],
  EROFS: ["mappen ligger på en skrivskyddad disk", "Bygg i en kopia av projektet på en disk där du får skriva."],
  ENOSPC: ["disken är full", "Frigör utrymme på disken (till exempel genom att ta bort gamla filer) och bygg igen."],
  EDQUOT: ["din lagringskvot är slut", "Frigör utrymme eller be om en större kvot, och bygg igen."],
  EIO: ["ett läs- eller skrivfel på disken", "Försök igen; händer det igen kan disken vara trasig."],
  EMFILE: ["för många öppna filer", "Stäng andra program och försök igen."],
  ENFILE: ["för många öppna filer i systemet", "Stäng andra program och försök igen."],
  ENAMETOOLONG: ["ett filnamn eller en sökväg är för lång", "Flytta projektet till en mapp med kortare sökväg."],
  ENOTDIR: ["något i sökvägen är en fil där en mapp behövs", "Kontrollera att out/ och rounds/ är mappar och inte filer."],
  EISDIR: ["en mapp ligger där en fil ska skrivas", "Ta bort eller flytta mappen och bygg igen."],
  ENOMEM: ["datorn har inte tillräckligt med minne", "Stäng andra program och försök igen."],
};

/** The Swedish message for an error from the computer's environment, or undefined for any other error. */
export function environmentMessage(error: unknown): string | undefined {
  const { code, path } = (error ?? {}) as { code?: unknown; path?: unknown };
  const known = typeof code === "string" ? ENVIRONMENT[code] : undefined;
  if (!known) return undefined;
  const where = typeof path === "string" ? ` (${visible(path)})` : "";
  return `Datorn stoppade arbetet: ${known[0]}${where}.\n${known[1]}`;
}

/**
 * A reader that goes away (`npm run build | head -1`) ends our output
 * quietly: what is still to be printed is dropped, the work itself goes on.
 */
let pipesGuarded = false;
export function guardPipes(): void {
  if (pipesGuarded) return;
  pipesGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    });
  }
}

/**
 * Runs `body`; an exception becomes a Swedish message, never a stack trace:
 * exit code 74 with the cause when the computer refused (a full disk, a
 * read-only folder), else 70 for a fault in the tool.
 */
export async function guarded(body: () => Promise<number>, advice: string): Promise<number> {
  guardPipes();
  try {
    return await body();
  } catch (error: unknown) {
    const environment = environmentMessage(error);
    if (environment) {
      process.stderr.write(`${environment}\n`);
      return EXIT.environment;
    }
    process.stderr.write(
      `Internt fel i verktyget (inte i omgångsfilerna): ${visible(error instanceof Error ? error.message : String(error))}\n${advice}\n`,
    );
    return EXIT.internal;
  }
}

/** Calls `run` with the arguments when the module `url` is the script Node was started with. */
export function runIfEntry(url: string, run: (argv: string[]) => Promise<number>): void {
  if (process.argv[1] !== undefined && url === pathToFileURL(process.argv[1]).href) {
    run(process.argv.slice(2)).then((code) => {
      process.exitCode = code;
    });
  }
}

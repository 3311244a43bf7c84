// What the command-line programs (cli.ts, diff-cli.ts, textconv.ts) share:
// exit codes, the Swedish message for an internal error (a bug in the tool,
// never a mistake in a round file), and running when started directly.
import { pathToFileURL } from "node:url";

export const EXIT = { ok: 0, errors: 1, usage: 2, internal: 70 } as const;

/** Runs `body`; an exception becomes a Swedish message and exit code 70, never a stack trace. */
export async function guarded(body: () => Promise<number>, advice: string): Promise<number> {
  try {
    return await body();
  } catch (error: unknown) {
    process.stderr.write(
      `Internt fel i verktyget (inte i omgångsfilerna): ${error instanceof Error ? error.message : String(error)}\n${advice}\n`,
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

// The one format of every command's --help text, so that build, check, diff,
// textconv, ny-omgang and the commands still to come read alike: what the
// command does, how it is written, its flags, examples and exit codes, in
// Swedish.

export interface HelpText {
  /** "npm run build -- [filer…]": how the command is typed, one form a line. */
  användning: string[];
  /** One or two sentences: what the command does. */
  beskrivning: string;
  /** Flags and arguments with what they do. */
  flaggor?: [string, string][];
  /** Commands with what they do. */
  exempel?: [string, string][];
  /** What the exit codes mean. */
  slutstatus?: [number, string][];
  /** Further paragraphs (where files go, where to read more). */
  mer?: string[];
}

const HELP_FLAGS = new Set(["--help", "-h", "--hjälp", "hjälp"]);

/** Whether the arguments ask for help (anywhere among them). */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.some((a) => HELP_FLAGS.has(a));
}

function table(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([a]) => [...a].length));
  return rows.map(([a, b]) => `  ${a}${" ".repeat(width - [...a].length + 3)}${b}`);
}

export function formatHelp(help: HelpText): string {
  const lines = ["Användning:", ...help.användning.map((u) => `  ${u}`), "", help.beskrivning];
  if (help.flaggor?.length) lines.push("", "Flaggor:", ...table(help.flaggor));
  if (help.exempel?.length) lines.push("", "Exempel:", ...table(help.exempel));
  for (const paragraph of help.mer ?? []) lines.push("", paragraph);
  if (help.slutstatus?.length) lines.push("", "Slutstatus:", ...table(help.slutstatus.map(([code, text]) => [String(code), text])));
  return lines.join("\n");
}

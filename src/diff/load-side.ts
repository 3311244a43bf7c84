// One side of a comparison, from a spec to a validated Round: read (file or
// git revision), decode, then the same parseRound the build uses, so a broken
// round gives the usual diagnostics with file:line:column.
import type { Diagnostic } from "../diagnostics/catalogue.js";
import { diagnostic } from "../diagnostics/catalogue.js";
import { decode, MAX_FILE_BYTES, parseRound, type LoadedRound } from "../load/load-round.js";
import type { Round } from "../schema/round.js";
import { readSpec, type ReadError } from "./read-spec.js";

export type SideResult =
  | { ok: true; label: string; round: Round; loaded: LoadedRound }
  /** The file or revision could not be read at all: a usage error. */
  | { ok: false; readError: ReadError }
  /** It was read but is not a valid round. */
  | { ok: false; diagnostics: Diagnostic[] };

export async function loadSide(spec: string, cwd: string): Promise<SideResult> {
  const read = await readSpec(spec, cwd);
  if (!read.ok) return { ok: false, readError: read.error };
  const at = { file: spec, line: 0, column: 0, length: 0 };
  if (read.bytes.length > MAX_FILE_BYTES) {
    return {
      ok: false,
      diagnostics: [
        diagnostic("fil-for-stor", at, {
          storlek: (read.bytes.length / 1024 / 1024).toFixed(1).replace(".", ","),
          max: MAX_FILE_BYTES / 1024 / 1024,
        }),
      ],
    };
  }
  const decoded = decode(spec, read.bytes);
  if ("code" in decoded) return { ok: false, diagnostics: [decoded] };
  const parsed = parseRound(decoded);
  if (!parsed.ok) return { ok: false, diagnostics: parsed.diagnostics };
  return { ok: true, label: spec, round: parsed.round, loaded: parsed };
}

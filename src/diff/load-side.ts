// One side of a comparison, from a spec to a validated Round: read (file or
// git revision), decode, then the same parseRound the build uses, so a broken
// round gives the usual diagnostics with file:line:column.
import { dirname, posix, resolve } from "node:path";
import { loadSiblings, type RoundFile, type Sibling } from "../pipeline/check.js";
import type { Diagnostic } from "../diagnostics/catalogue.js";
import { checkRoundBytes, loadRoundFile, parseRound, refusalDiagnostic, type LoadedRound, type LoadResult } from "../load/load-round.js";
import type { Round } from "../schema/round.js";
import { gitFolderFiles, parseSpec, readGitBlob, readSpec, type ReadError } from "./read-spec.js";

export type SideResult =
  | {
      ok: true;
      label: string;
      round: Round;
      loaded: LoadedRound;
      /** Where the side was read from: its path names its year, and its folder holds the other years. */
      file: RoundFile;
      /** The other round files beside it (in its folder, or in the same folder at the same revision). */
      siblings: () => Promise<Sibling[]>;
    }
  /** The file or revision could not be read at all: a usage error. */
  | { ok: false; readError: ReadError }
  /** It was read but is not a valid round. */
  | { ok: false; diagnostics: Diagnostic[] };

/** Bytes read from a file or a revision, as a round (or the diagnostics why not), named `shown`. */
function parseBytes(shown: string, bytes: Uint8Array): { result: LoadResult; text?: string } {
  const decoded = checkRoundBytes(bytes, shown);
  if ("code" in decoded) return { result: { ok: false, diagnostics: [decoded] } };
  return { result: parseRound(decoded), text: decoded.text };
}

export async function loadSide(spec: string, cwd: string): Promise<SideResult> {
  const read = await readSpec(spec, cwd);
  // Refused by the door: the same diagnostic check gives for the file.
  if (!read.ok && read.error.code === "avvisad") return { ok: false, diagnostics: [refusalDiagnostic(read.error.refusal, spec)] };
  if (!read.ok) return { ok: false, readError: read.error };
  const { result } = parseBytes(spec, read.bytes);
  if (!result.ok) return { ok: false, diagnostics: result.diagnostics };
  const parsed = await parseSpec(spec, cwd);
  if (parsed.kind === "file") {
    // As check reads it: the other files in its folder, named as the user would name them.
    const path = resolve(cwd, parsed.path);
    const siblings = () => loadSiblings(dirname(path), dirname(spec), new Set([path]), cwd, loadRoundFile);
    return { ok: true, label: spec, round: result.round, loaded: result, file: { path, shown: spec }, siblings };
  }
  // A file at a revision: the other years are those of the same revision.
  const { rev, path } = parsed;
  const siblings = async (): Promise<Sibling[]> => {
    const files = await gitFolderFiles(rev, posix.dirname(path), cwd);
    const own = posix.normalize(path);
    const out: Sibling[] = [];
    for (const other of files.filter((f) => f !== own)) {
      const shown = `${rev}:${other}`;
      const blob = await readGitBlob(shown, rev, other, cwd);
      if (!blob.ok) continue;
      const { result: loaded, text } = parseBytes(shown, blob.bytes);
      out.push({ file: { path: other, shown }, result: loaded, source: text });
    }
    return out;
  };
  return { ok: true, label: spec, round: result.round, loaded: result, file: { path, shown: spec }, siblings };
}

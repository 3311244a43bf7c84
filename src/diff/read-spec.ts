// Reads one side of a comparison: a round file on disk ("rounds/2024.yaml")
// or a file at a git revision ("HEAD~1:rounds/2024.yaml"). Git is run with
// execFile, never through a shell, and the blob is read raw (no filters).
import { execFile } from "node:child_process";
import { stat } from "node:fs/promises";
import { describeRefusal, MAX_ROUND_FILE_BYTES, readProjectFile, type Refusal } from "../files/read-project-file.js";
import { resolve } from "node:path";

export type Spec =
  | { kind: "file"; path: string }
  /** `rev` is "" for the index (git's ":path" syntax). */
  | { kind: "git"; rev: string; path: string };

/** Why a side could not be read; each is a usage error (exit 2), not a mistake in a round. */
export type ReadError =
  | { code: "fil-saknas"; spec: string }
  | { code: "inte-en-fil"; spec: string }
  | { code: "git-saknas"; spec: string }
  | { code: "inte-git"; spec: string }
  | { code: "okand-revision"; spec: string; rev: string }
  | { code: "fil-saknas-i-revision"; spec: string; rev: string; path: string }
  /** The project's one door refused the file (a link out of the project, a FIFO, a device, too big): said as check says it. */
  | { code: "avvisad"; spec: string; refusal: Refusal };

export type ReadResult = { ok: true; path: string; bytes: Uint8Array } | { ok: false; error: ReadError };

/**
 * A path that exists is a file, even with a colon in its name; otherwise
 * "rev:path" names a file at a git revision.
 */
export async function parseSpec(spec: string, cwd: string): Promise<Spec> {
  if (await exists(resolve(cwd, spec))) return { kind: "file", path: spec };
  const colon = spec.indexOf(":");
  if (colon >= 0) return { kind: "git", rev: spec.slice(0, colon), path: spec.slice(colon + 1) };
  return { kind: "file", path: spec };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function readSpec(spec: string, cwd: string): Promise<ReadResult> {
  const parsed = await parseSpec(spec, cwd);
  if (parsed.kind === "file") {
    const path = resolve(cwd, parsed.path);
    try {
      const info = await stat(path);
      if (info.isDirectory()) return { ok: false, error: { code: "inte-en-fil", spec } };
    } catch {
      return { ok: false, error: { code: "fil-saknas", spec } };
    }
    const read = await readProjectFile(path, { root: cwd, maxBytes: MAX_ROUND_FILE_BYTES });
    if (!read.ok) return { ok: false, error: read.refusal.reason === "missing" ? { code: "fil-saknas", spec } : { code: "avvisad", spec, refusal: read.refusal } };
    return { ok: true, path: spec, bytes: read.bytes };
  }
  return readGitBlob(spec, parsed.rev, parsed.path, cwd);
}

interface GitOutput {
  ok: boolean;
  stdout: Buffer;
  stderr: string;
  /** git itself could not be started. */
  missing: boolean;
}

function git(args: string[], cwd: string): Promise<GitOutput> {
  return new Promise((done) => {
    execFile(
      "git",
      args,
      { cwd, encoding: "buffer", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" } },
      (error, stdout, stderr) => {
        const missing = (error as NodeJS.ErrnoException | null)?.code === "ENOENT";
        done({ ok: !error, stdout, stderr: stderr.toString("utf8"), missing });
      },
    );
  });
}

export async function readGitBlob(spec: string, rev: string, path: string, cwd: string): Promise<ReadResult> {
  // A revision starting with "-" would be read as an option.
  if (rev.startsWith("-")) return { ok: false, error: { code: "okand-revision", spec, rev } };
  const repo = await git(["rev-parse", "--git-dir"], cwd);
  if (repo.missing) return { ok: false, error: { code: "git-saknas", spec } };
  if (!repo.ok) return { ok: false, error: { code: "inte-git", spec } };
  if (rev !== "") {
    const verified = await git(["rev-parse", "--verify", "--quiet", `${rev}^{tree}`], cwd);
    if (!verified.ok) return { ok: false, error: { code: "okand-revision", spec, rev } };
  }
  const blob = await git(["cat-file", "blob", `${rev}:${path}`], cwd);
  if (!blob.ok) return { ok: false, error: { code: "fil-saknas-i-revision", spec, rev, path } };
  return { ok: true, path: spec, bytes: new Uint8Array(blob.stdout) };
}

/**
 * The .yaml files directly in folder `dir` at git revision `rev` ("" for the
 * index), as paths from the repository's root; none when git cannot say.
 */
export async function gitFolderFiles(rev: string, dir: string, cwd: string): Promise<string[]> {
  if (rev.startsWith("-")) return [];
  const folder = dir.replace(/^\.?\/+/, "").replace(/\/+$/, "").replace(/^\.$/, "");
  const prefix = folder === "" ? "" : `${folder}/`;
  // A revision's folder is listed as its tree (paths from the root, as in rev:path); the index by a pathspec from the top.
  const listed =
    rev === ""
      ? await git(["ls-files", "--full-name", "-z", "--", `:(top)${prefix}`], cwd)
      : await git(["ls-tree", "--name-only", "-z", `${rev}:${folder}`], cwd);
  if (!listed.ok) return [];
  const names = listed.stdout.toString("utf8").split("\0").filter((n) => n !== "");
  const paths = rev === "" ? names.filter((n) => n.startsWith(prefix)) : names.map((n) => prefix + n);
  return paths.filter((p) => !p.slice(prefix.length).includes("/") && /\.ya?ml$/.test(p));
}

/** The Swedish message and what to do, for a reader of the terminal. */
export function describeReadError(error: ReadError): { message: string; hint: string } {
  switch (error.code) {
    case "fil-saknas":
      return {
        message: `Filen ${error.spec} finns inte.`,
        hint: "Kontrollera filnamnet (omgångsfilerna ligger i rounds/), eller skriv revision:fil för en fil i git, till exempel HEAD~1:rounds/2024.yaml.",
      };
    case "inte-en-fil":
      return { message: `${error.spec} är en mapp, inte en omgångsfil.`, hint: "Ange en .yaml-fil, till exempel rounds/2024.yaml." };
    case "git-saknas":
      return {
        message: `${error.spec} ser ut som en fil i git (revision:fil), men programmet git finns inte på datorn.`,
        hint: "Installera git, eller jämför två filer på disk.",
      };
    case "inte-git":
      return {
        message: `${error.spec} ser ut som en fil i git (revision:fil), men mappen är inte ett git-förråd.`,
        hint: "Kör kommandot i projektets mapp, eller jämför två filer på disk.",
      };
    case "okand-revision":
      return {
        message: `Revisionen ”${error.rev}” finns inte i git-förrådet (i ${error.spec}).`,
        hint: "Ange en gren, en tagg eller en incheckning som finns, till exempel HEAD, HEAD~1 eller main. Se dem med git log --oneline.",
      };
    case "avvisad":
      return { message: describeRefusal(error.refusal, error.spec), hint: "Ange en omgångsfil som är en vanlig fil i projektet." };
    case "fil-saknas-i-revision":
      return {
        message: `Filen ${error.path} finns inte i revisionen ”${error.rev || "indexet"}”.`,
        hint: `Sökvägen räknas från projektets rot. Se vilka filer som finns med git ls-tree -r --name-only ${error.rev || "HEAD"} rounds/.`,
      };
  }
}

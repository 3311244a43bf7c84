// The one door through which the tool reads a file of the project (a round
// file, a template, a source file for the incremental fingerprint, a
// spreadsheet to import, a .docx handed to textconv). It refuses, BEFORE
// reading a byte:
//   - a path named inside the project that leads out of it through a link
//     (the file itself or any folder on the way, rounds/ included), so that
//     /etc/shadow linked as rounds/2034.yaml is never read nor echoed;
//   - anything that is not a regular file: a folder, a FIFO (reading one
//     waits forever for a writer), a device (/dev/zero never ends), a socket;
//   - a file larger than the caller's limit, counted on the bytes as they are
//     read as well, since stat says 0 for files such as those in /proc.
// Nothing here is specific to round files: the caller turns a refusal into
// its own message (src/load/load-round.ts into the catalogue's diagnostics).
//
// Use: readProjectFile(path, { root: projectFolder, maxBytes }) gives the
// bytes or a Refusal, and describeRefusal(refusal, shown) one Swedish
// sentence; readProjectFileSync and readProjectTextSync are the same for
// synchronous readers. A round file is read with readRoundBytes or
// loadRoundFile (src/load/load-round.ts), which add the catalogue's messages.
// Before writing into the project, staysInProject(path, root) says whether
// the folder written to is really inside it.
//
// The order of checks closes the window between looking and reading: the
// path is resolved and stat'ed first (a FIFO or device is never opened), then
// opened with O_NONBLOCK (should it have become a FIFO since, opening does not
// wait), and the opened file itself is checked again (fstat, and on Linux the
// real path of the descriptor) before anything is read from it.
import { closeSync, constants, fstatSync, openSync, readlinkSync, readSync, realpathSync, statSync, type Stats } from "node:fs";
import { open, readlink, realpath, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";

/** Why a file was not read. `size` is in bytes (at least that many); `kind` names what the file is, in Swedish. */
export type Refusal =
  | { reason: "outside" }
  | { reason: "not-regular"; kind: string }
  | { reason: "too-big"; size: number; max: number }
  | { reason: "missing" };

export type ReadFileResult = { ok: true; bytes: Buffer } | { ok: false; refusal: Refusal };

export interface ReadOptions {
  /** The project's folder. A path inside it whose real path lies outside it is refused; a path the user names outside it is read, as asked. */
  root?: string;
  /** Largest size read, in bytes. */
  maxBytes: number;
  /** `root`'s real path, when the caller reads many files at once and has resolved it already (the incremental fingerprint). */
  realRoot?: string;
}

/** Largest round file read (5 MB; a round file is normally under 100 kB). Here, not in the loader, so the light incremental check can use it. */
export const MAX_ROUND_FILE_BYTES = 5 * 1024 * 1024;

const KIND: [(info: Stats) => boolean, string][] = [
  [(i) => i.isDirectory(), "en mapp"],
  [(i) => i.isFIFO(), "en namngiven pipe (FIFO)"],
  [(i) => i.isCharacterDevice() || i.isBlockDevice(), "en enhetsfil"],
  [(i) => i.isSocket(), "en socket"],
];
const kindOf = (info: Stats) => KIND.find(([test]) => test(info))?.[1] ?? "en specialfil";

/** Whether `path` is `dir` or lies under it (both absolute). */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Whether `path`, named inside `root`, really lies inside it once every link
 * on the way is followed (a missing file: its nearest existing folder). A
 * path named outside `root` is the user's own choice and passes.
 */
export async function staysInProject(path: string, root: string): Promise<boolean> {
  const named = resolve(path);
  const project = resolve(root);
  if (!isInside(project, named)) return true;
  const realRoot = await realpath(project).catch(() => project);
  let probe = named;
  for (;;) {
    const real = await realpath(probe).catch(() => undefined);
    if (real !== undefined) return isInside(realRoot, real);
    const parent = resolve(probe, "..");
    if (parent === probe) return true;
    probe = parent;
  }
}

/** The real path of an open descriptor, where the system tells it (Linux); undefined elsewhere. */
async function pathOfDescriptor(fd: number): Promise<string | undefined> {
  if (process.platform !== "linux") return undefined;
  return readlink(`/proc/self/fd/${fd}`).catch(() => undefined);
}

const CHUNK = 64 * 1024;

/**
 * Reads a project file through the checks above. Never waits on a FIFO,
 * never reads more than `maxBytes` (plus one chunk, to know it is more),
 * never reads what a link out of the project points at.
 */
export async function readProjectFile(path: string, options: ReadOptions): Promise<ReadFileResult> {
  const { root, maxBytes } = options;
  const refuse = (refusal: Refusal): ReadFileResult => ({ ok: false, refusal });
  let realRoot: string | undefined;
  try {
    const named = resolve(path);
    const guarded = root !== undefined && isInside(resolve(root), named);
    if (guarded) {
      realRoot = options.realRoot ?? (await realpath(resolve(root)));
      if (!isInside(realRoot, await realpath(named))) return refuse({ reason: "outside" });
    }
    const info = await stat(named);
    if (!info.isFile()) return refuse({ reason: "not-regular", kind: kindOf(info) });
    if (info.size > maxBytes) return refuse({ reason: "too-big", size: info.size, max: maxBytes });
    // O_NONBLOCK: should the file have become a FIFO since stat, opening it does not wait.
    const handle = await open(named, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
    try {
      const opened = await handle.stat();
      if (!opened.isFile()) return refuse({ reason: "not-regular", kind: kindOf(opened) });
      if (realRoot !== undefined) {
        // The file opened is the one checked: a link swapped in since is caught here.
        const real = await pathOfDescriptor(handle.fd);
        if (real !== undefined && !isInside(realRoot, real)) return refuse({ reason: "outside" });
      }
      // Read chunk by chunk, counting, until the end or past the limit.
      const chunks: Buffer[] = [];
      let length = 0;
      for (;;) {
        const buffer = Buffer.allocUnsafe(Math.min(Math.max(CHUNK, opened.size - length + 1), maxBytes - length + CHUNK));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        chunks.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
        length += bytesRead;
        if (length > maxBytes) {
          // Count on a little (not keeping it) for the message, then stop.
          let size = length;
          const scratch = Buffer.allocUnsafe(1024 * 1024);
          for (let n; size < 64 * maxBytes && (n = (await handle.read(scratch, 0, scratch.length, null)).bytesRead) > 0; ) size += n;
          return refuse({ reason: "too-big", size, max: maxBytes });
        }
      }
      return { ok: true, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length) };
    } finally {
      await handle.close();
    }
  } catch {
    return refuse({ reason: "missing" });
  }
}

/**
 * readProjectFile for the synchronous readers (templates are read while a
 * round is composed, which is synchronous): the same checks in the same
 * order.
 */
export function readProjectFileSync(path: string, options: ReadOptions): ReadFileResult {
  const { root, maxBytes } = options;
  const refuse = (refusal: Refusal): ReadFileResult => ({ ok: false, refusal });
  let realRoot: string | undefined;
  try {
    const named = resolve(path);
    if (root !== undefined && isInside(resolve(root), named)) {
      realRoot = options.realRoot ?? realpathSync(resolve(root));
      if (!isInside(realRoot, realpathSync(named))) return refuse({ reason: "outside" });
    }
    const info = statSync(named);
    if (!info.isFile()) return refuse({ reason: "not-regular", kind: kindOf(info) });
    if (info.size > maxBytes) return refuse({ reason: "too-big", size: info.size, max: maxBytes });
    const fd = openSync(named, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
    try {
      const opened = fstatSync(fd);
      if (!opened.isFile()) return refuse({ reason: "not-regular", kind: kindOf(opened) });
      if (realRoot !== undefined && process.platform === "linux") {
        const real = (() => {
          try {
            return readlinkSync(`/proc/self/fd/${fd}`);
          } catch {
            return undefined;
          }
        })();
        if (real !== undefined && !isInside(realRoot, real)) return refuse({ reason: "outside" });
      }
      const chunks: Buffer[] = [];
      let length = 0;
      for (;;) {
        const buffer = Buffer.allocUnsafe(Math.min(Math.max(CHUNK, opened.size - length + 1), maxBytes - length + CHUNK));
        const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        chunks.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
        length += bytesRead;
        if (length > maxBytes) return refuse({ reason: "too-big", size: length, max: maxBytes });
      }
      return { ok: true, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length) };
    } finally {
      closeSync(fd);
    }
  } catch {
    return refuse({ reason: "missing" });
  }
}

/** A file the door refused, thrown by readProjectTextSync; the message is Swedish (describeRefusal). */
export class FileRefusedError extends Error {
  constructor(
    readonly refusal: Refusal,
    shown: string,
  ) {
    super(describeRefusal(refusal, shown));
    this.name = "FileRefusedError";
  }
}

/** Largest template, register or other text file of the tool read (they are kilobytes). */
export const MAX_TOOL_FILE_BYTES = 16 * 1024 * 1024;

/**
 * A text file of the tool itself (a template, the register) as UTF-8, through
 * the door, `root` being the project: throws FileRefusedError, naming the
 * file as `shown`, for a FIFO, device, link out of the project or a file too
 * big; and the reader's own "missing" as ENOENT, as readFileSync would.
 */
export function readProjectTextSync(path: string, root: string, shown: string = path): string {
  const read = readProjectFileSync(path, { root, maxBytes: MAX_TOOL_FILE_BYTES });
  if (read.ok) return read.bytes.toString("utf8");
  if (read.refusal.reason === "missing") throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT", path });
  throw new FileRefusedError(read.refusal, shown);
}

/** Megabytes as a Swedish message writes them: "30,0". */
export const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1).replace(".", ",");

/** A refusal as one Swedish sentence naming the file as `shown` (for files that are not round files: spreadsheets, documents). */
export function describeRefusal(refusal: Refusal, shown: string): string {
  switch (refusal.reason) {
    case "outside":
      return `Filen ${shown} är en länk till en fil utanför projektet och läses inte.`;
    case "not-regular":
      return `${shown} är ${refusal.kind}, inte en vanlig fil, och läses inte.`;
    case "too-big":
      return `Filen ${shown} är ${megabytes(refusal.size)} MB, mer än de ${Math.round(refusal.max / 1024 / 1024)} MB som läses.`;
    case "missing":
      return `Filen ${shown} finns inte eller kan inte läsas.`;
  }
}

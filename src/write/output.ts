// Puts a build's files into out/<year>/ so that a crash, a kill or a second
// build at the same time never leaves a year half-written, mixed or missing.
//
// All years of one build swap together. The years' papers refer to each other
// (2024's redovisning is built from 2023's round, 2025's inriktning follows
// 2024), so one build's output is one set; a mix of old 2023 and new 2024
// could disagree. The swap is a small journal in out/.bygge/ (inside out/, so
// every rename stays on out/'s own filesystem):
//   1. every year is written to .bygge/ny/<year>/;
//   2. .bygge/klar is written (via a rename, so it is whole or absent): the
//      commit point;
//   3. each out/<year> is moved to .bygge/gammal/<year> and ny/<year> moved in;
//   4. gammal/, ny/ and klar are removed.
// Recovery, which every build runs first under the lock, finishes a build
// that got past step 2 (moving in every year still in ny/) and otherwise
// throws away its ny/. So after a kill at any moment, the next build (even one
// that stops on an error in a round file) leaves every year either fully old
// or fully new. The one state recovery has to repair: a kill between the two
// renames of step 3 leaves that year in gammal/ or ny/ until the next build.
//
// A lock file, .bygge/lås, holding the owner's process id, keeps two builds
// from touching out/ at once; the second waits. Written here rather than with
// proper-lockfile: that library tells a dead owner by the lock's age, so a
// build on a busy machine could lose its lock, and a killed build would block
// the next one for the lock's whole stale time; a process id answers at once.
import { randomBytes } from "node:crypto";
import { link, mkdir, open, readdir, rename, rm, rmdir, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { readProjectFile } from "../files/read-project-file.js";

/**
 * A lock or marker file of out/.bygge/ as text, through the project's one
 * door (a FIFO or device planted there is refused, not waited on); rejects
 * when it is missing or refused, as readFile would for a missing one.
 */
async function readMarker(path: string): Promise<string> {
  const read = await readProjectFile(path, { maxBytes: 64 * 1024 });
  if (!read.ok) throw new Error(`${path}: ${read.refusal.reason}`);
  return read.bytes.toString("utf8");
}

export interface OutputFile {
  /** Path relative to the round's output folder, e.g. "tjansteutlatande.docx". */
  name: string;
  bytes: Uint8Array;
}

export interface OutputFolder {
  /** The folder in out/, e.g. "2024". */
  folder: string;
  /** The files, or files as they are made (the build renders a year while writing it, so its bytes are not all held at once). */
  files: Iterable<OutputFile> | AsyncIterable<OutputFile>;
}

const WORK = ".bygge";

const paths = (outDir: string) => {
  const work = join(outDir, WORK);
  return { work, lock: join(work, "lås"), fresh: join(work, "ny"), old: join(work, "gammal"), commit: join(work, "klar") };
};

async function exists(path: string): Promise<boolean> {
  return readdir(path).then(
    () => true,
    () => false,
  );
}

let steps = 0;
/**
 * For the crash test: LUM_AVBRYT_VID_STEG=n kills this process (SIGKILL, as
 * `kill -9` would) at the n-th step of writing out/. Unset, it does nothing.
 */
function step(): void {
  const at = process.env.LUM_AVBRYT_VID_STEG;
  if (at === undefined) return;
  steps += 1;
  if (steps === Number(at)) process.kill(process.pid, "SIGKILL");
}

/** Locks held by this process, so a second build in the same process waits too. */
const held = new Set<string>();

function alive(owner: string): boolean {
  const [pidText, token] = owner.trim().split(" ");
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return token !== undefined && held.has(token);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * out/.bygge/, and out/ if need be. Not one recursive mkdir: on a read-only
 * disk that reports ENOENT instead of EROFS, and the message would be wrong.
 */
async function makeWorkFolder(outDir: string, work: string): Promise<void> {
  const tolerant = (error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
  };
  try {
    await mkdir(work);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") return tolerant(error as NodeJS.ErrnoException);
    await mkdir(dirname(outDir), { recursive: true });
    await mkdir(outDir).catch(tolerant);
    await mkdir(work).catch(tolerant);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `body` holding the lock on `outDir`. When another build holds it,
 * `waiting` is told its process id once and this one waits; a lock whose
 * owner is no longer running is taken over.
 */
export async function withOutputLock<T>(outDir: string, body: () => Promise<T>, waiting?: (pid: string) => void): Promise<T> {
  const { work, lock } = paths(outDir);
  const token = randomBytes(8).toString("hex");
  const mine = `${process.pid} ${token}\n`;
  let told = false;
  for (;;) {
    await makeWorkFolder(outDir, work);
    try {
      const handle = await open(lock, "wx");
      await handle.writeFile(mine);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = await readMarker(lock).catch(() => undefined);
    if (owner === undefined) continue; // released meanwhile
    if (owner === "" || !owner.endsWith("\n")) {
      // Being written this instant, or its writer died mid-write: look again.
      await pause(50);
      const again = await readMarker(lock).catch(() => undefined);
      if (again !== owner) continue;
    } else if (alive(owner)) {
      if (!told && waiting) waiting(owner.split(" ")[0]!);
      told = true;
      await pause(200);
      continue;
    }
    // A dead owner's lock: move it aside under a name of our own; if what we
    // moved turns out to be a live build's fresh lock, put it back.
    const aside = `${lock}.${token}`;
    try {
      await rename(lock, aside);
    } catch {
      continue;
    }
    const moved = await readMarker(aside).catch(() => "");
    if (moved !== owner && alive(moved)) await link(aside, lock).catch(() => {});
    await unlink(aside).catch(() => {});
  }
  held.add(token);
  try {
    step();
    return await body();
  } finally {
    held.delete(token);
    const owner = await readMarker(lock).catch(() => "");
    if (owner === mine) await unlink(lock).catch(() => {});
    await rmdir(work).catch(() => {}); // only when empty
  }
}

/**
 * Finishes or undoes what an interrupted build left in out/.bygge/ (see the
 * top of this file). Call it holding the lock.
 */
export async function recoverOutput(outDir: string): Promise<void> {
  const { fresh, old, commit } = paths(outDir);
  const committed = await readMarker(commit).then(
    () => true,
    () => false,
  );
  if (committed) {
    for (const folder of (await readdir(fresh).catch(() => [] as string[])).sort()) {
      await moveIn(outDir, folder);
    }
  }
  await rm(fresh, { recursive: true, force: true });
  await rm(old, { recursive: true, force: true });
  await rm(`${commit}.ny`, { force: true });
  await rm(commit, { force: true });
}

/** Step 3 for one folder: the old one aside (unless already there), the new one in. */
async function moveIn(outDir: string, folder: string): Promise<void> {
  const { fresh, old } = paths(outDir);
  const target = join(outDir, folder);
  if (await exists(target)) {
    await mkdir(old, { recursive: true });
    await rm(join(old, folder), { recursive: true, force: true });
    await rename(target, join(old, folder));
    step();
  }
  await rename(join(fresh, folder), target);
  step();
}

/**
 * Replaces out/<folder> for every folder given, all together (see the top of
 * this file). Call it holding the lock, after recoverOutput.
 */
export async function replaceFolders(outDir: string, folders: OutputFolder[]): Promise<string[]> {
  const { fresh, old, commit } = paths(outDir);
  await rm(fresh, { recursive: true, force: true });
  try {
    for (const { folder, files } of folders) {
      const temp = join(fresh, folder);
      await mkdir(temp, { recursive: true });
      for await (const file of files) {
        const path = join(temp, file.name);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, file.bytes);
      }
      step();
    }
    await writeFile(`${commit}.ny`, `${folders.map((f) => f.folder).join("\n")}\n`);
    await rename(`${commit}.ny`, commit);
  } catch (error) {
    // Before the commit point (a full disk, say): out/ is as it was; free the space.
    await rm(fresh, { recursive: true, force: true }).catch(() => {});
    await rm(`${commit}.ny`, { force: true }).catch(() => {});
    throw error;
  }
  step();
  // Past the commit point: an error from here on is finished by the next
  // build's recovery, which moves in whatever is still in ny/.
  for (const { folder } of folders) await moveIn(outDir, folder);
  await rm(old, { recursive: true, force: true });
  await rm(fresh, { recursive: true, force: true });
  step();
  await rm(commit, { force: true });
  return folders.map((f) => join(outDir, f.folder));
}

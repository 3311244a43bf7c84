// Puts a round's files into out/<year>/ all at once. They are written to a
// work folder beside out/ (.bygge/) and swapped in with two renames only when
// every file is written, so an error or a killed process leaves out/ as it
// was. The one moment between the renames is covered by recovery: a run that
// finds out/<year> missing and an old copy in .bygge/ puts the copy back.
import { mkdir, readdir, rename, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

export interface OutputFile {
  /** Path relative to the round's output folder, e.g. "tjansteutlatande.docx". */
  name: string;
  bytes: Uint8Array;
}

async function exists(path: string): Promise<boolean> {
  return readdir(path).then(
    () => true,
    () => false,
  );
}

/** Removes what earlier, interrupted runs left in the work folder, restoring a swapped-out copy if needed. */
async function recover(outDir: string, work: string, folder: string): Promise<void> {
  const names = await readdir(work).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(`${folder}.`)).sort()) {
    const path = join(work, name);
    if (name.startsWith(`${folder}.gammal-`) && !(await exists(join(outDir, folder)))) {
      await rename(path, join(outDir, folder));
    } else {
      await rm(path, { recursive: true, force: true });
    }
  }
}

export async function replaceFolder(outDir: string, folder: string, files: OutputFile[]): Promise<string> {
  const work = join(dirname(outDir), ".bygge");
  await mkdir(outDir, { recursive: true });
  await mkdir(work, { recursive: true });
  await recover(outDir, work, folder);
  const target = join(outDir, folder);
  const temp = join(work, `${folder}.ny-${process.pid}`);
  const old = join(work, `${folder}.gammal-${process.pid}`);
  await mkdir(temp, { recursive: true });
  for (const file of files) {
    const path = join(temp, file.name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.bytes);
  }
  const hadOld = await exists(target);
  if (hadOld) await rename(target, old);
  try {
    await rename(temp, target);
  } catch (error) {
    if (hadOld) await rename(old, target);
    throw error;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
  await rmdir(work).catch(() => {}); // only when empty
  return target;
}

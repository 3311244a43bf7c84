// Puts a round's files into out/<year>/ all at once: they are written to a
// temporary folder beside it and swapped in by renames only when every file
// is written, so an error or a killed process leaves out/ as it was.
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { OutputFile } from "../build.js";

export async function replaceFolder(outDir: string, folder: string, files: OutputFile[]): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const target = join(outDir, folder);
  const temp = join(outDir, `.${folder}.ny-${process.pid}`);
  const old = join(outDir, `.${folder}.gammal-${process.pid}`);
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  for (const file of files) {
    const path = join(temp, file.name);
    await mkdir(join(path, ".."), { recursive: true });
    await writeFile(path, file.bytes);
  }
  let hadOld = true;
  try {
    await rename(target, old);
  } catch {
    hadOld = false;
  }
  try {
    await rename(temp, target);
  } catch (error) {
    if (hadOld) await rename(old, target);
    throw error;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
  return target;
}

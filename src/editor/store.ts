// The editor's only way to the disk: it reads and writes round files
// (rounds/<year>.yaml) and their saved versions (.versioner/<year>/), and
// nothing else. A round is named by its year alone, so no path from the
// browser ever reaches the file system; a round file that is a link, or not
// a regular file, is refused.
//
// Saving is atomic (a temporary file beside the round, then a rename, so
// the preview and `npm run build` never read half a file) and refuses to
// overwrite a file that changed on disk since the editor read it. Every
// saved text is also kept as a version; the newest VERSIONS_KEPT per round
// are kept, in a folder beside rounds/ that git ignores (not under out/,
// which a user may delete).
import { createHash, randomBytes } from "node:crypto";
import { chmod, lstat, mkdir, open, readdir, rename, rm, writeFile } from "node:fs/promises";
import { describeRefusal, readProjectFile } from "../files/read-project-file.js";
import { join } from "node:path";
import { MAX_FILE_BYTES } from "../load/load-round.js";

export const VERSIONS_DIR = ".versioner";
export const VERSIONS_KEPT = 20;

/** A round's name in URLs and in the versions folder: its year. */
export const ROUND_STEM = /^\d{4}$/;

export class StoreError extends Error {}

export const hashOf = (text: string) => createHash("sha256").update(text).digest("hex");

export interface Version {
  /** The version's name: when it was saved, as in its file name (20241203T081500123Z). */
  id: string;
  /** When it was saved, ISO 8601. */
  saved: string;
  bytes: number;
}

export interface RoundStore {
  /** The round files there are, by year (stem), sorted. */
  list: () => Promise<string[]>;
  /** The file's text and the hash a later save must name as its base. */
  read: (stem: string) => Promise<{ text: string; hash: string }>;
  /**
   * Writes `text` if the file on disk is still the one read (`base`, its
   * hash), or when `force`; otherwise says what is on disk now.
   */
  save: (stem: string, text: string, base: string, force?: boolean) => Promise<{ saved: true; hash: string; version: string } | { saved: false; current: string; hash: string }>;
  versions: (stem: string) => Promise<Version[]>;
  version: (stem: string, id: string) => Promise<string>;
  /** The file a stem stands for, as shown in messages ("rounds/2024.yaml"), and where it is. */
  file: (stem: string) => { path: string; shown: string };
}

const VERSION_NAME = /^(\d{8}T\d{9}Z)(?:-(\d+))?\.yaml$/;

/** 2024-12-03T08:15:00.123Z → 20241203T081500123Z: sorts as it reads, and is a file name everywhere. */
const stamp = (date: Date) => date.toISOString().replace(/[-:.]/g, "");
const unstamp = (id: string) => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(id)!;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
};

export function roundStore(cwd: string, now: () => Date = () => new Date()): RoundStore {
  const roundsDir = join(cwd, "rounds");
  const versionsRoot = join(cwd, VERSIONS_DIR);

  function file(stem: string) {
    if (!ROUND_STEM.test(stem)) throw new StoreError(`Det finns ingen omgång som heter ${stem}.`);
    return { path: join(roundsDir, `${stem}.yaml`), shown: `rounds/${stem}.yaml` };
  }

  /** The file's text, if it is a regular file of a sane size (a link is refused, not followed). */
  async function readRegular(path: string, shown: string): Promise<string> {
    const info = await lstat(path).catch(() => undefined);
    if (!info) throw new StoreError(`${shown} finns inte.`);
    if (!info.isFile()) throw new StoreError(`${shown} är inte en vanlig fil (kanske en länk); redigeraren öppnar bara vanliga filer i rounds/.`);
    // The read itself goes through the project's one door (size, type and links checked again on the open file).
    const read = await readProjectFile(path, { root: cwd, maxBytes: MAX_FILE_BYTES });
    if (!read.ok) throw new StoreError(describeRefusal(read.refusal, shown));
    return read.bytes.toString("utf8");
  }

  async function versionsOf(stem: string): Promise<string[]> {
    file(stem);
    const names = await readdir(join(versionsRoot, stem)).catch(() => [] as string[]);
    return names.filter((n) => VERSION_NAME.test(n)).sort();
  }

  async function keep(stem: string, text: string): Promise<string> {
    const dir = join(versionsRoot, stem);
    await mkdir(dir, { recursive: true });
    const id = stamp(now());
    // Two saves within a millisecond get a counter rather than one overwriting the other.
    let name = `${id}.yaml`;
    for (let n = 2; ; n++) {
      try {
        const handle = await open(join(dir, name), "wx");
        await handle.writeFile(text);
        await handle.close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        name = `${id}-${n}.yaml`;
      }
    }
    const all = await versionsOf(stem);
    for (const old of all.slice(0, Math.max(0, all.length - VERSIONS_KEPT))) await rm(join(dir, old), { force: true });
    return name.replace(/\.yaml$/, "");
  }

  return {
    file,
    list: async () =>
      (await readdir(roundsDir).catch(() => [] as string[]))
        .map((n) => /^(\d{4})\.yaml$/.exec(n)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort(),
    read: async (stem) => {
      const { path, shown } = file(stem);
      const text = await readRegular(path, shown);
      return { text, hash: hashOf(text) };
    },
    save: async (stem, text, base, force = false) => {
      const { path, shown } = file(stem);
      if (Buffer.byteLength(text) > MAX_FILE_BYTES) throw new StoreError(`Texten är större än ${MAX_FILE_BYTES / 1024 / 1024} MB och sparas inte.`);
      const current = await readRegular(path, shown);
      const currentHash = hashOf(current);
      if (currentHash !== base && !force && current !== text) return { saved: false, current, hash: currentHash };
      // What was on disk before the first save through the editor is kept too, so it can be restored.
      const kept = await versionsOf(stem);
      const newest = kept.at(-1);
      if (!newest || hashOf(await readRegular(join(versionsRoot, stem, newest), `${VERSIONS_DIR}/${stem}/${newest}`)) !== currentHash) await keep(stem, current);
      const temporary = join(roundsDir, `.${stem}.yaml.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
      // The new file gets the old one's permissions (a rename would otherwise give it the defaults).
      const mode = ((await lstat(path)).mode & 0o777) | 0o200;
      try {
        await writeFile(temporary, text, { flag: "wx", mode });
        await chmod(temporary, mode);
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      const version = await keep(stem, text);
      return { saved: true, hash: hashOf(text), version };
    },
    versions: async (stem) => {
      const names = await versionsOf(stem);
      const list: Version[] = [];
      for (const name of names.reverse()) {
        const id = name.replace(/\.yaml$/, "");
        const bytes = (await lstat(join(versionsRoot, stem, name))).size;
        list.push({ id, saved: unstamp(id), bytes });
      }
      return list;
    },
    version: async (stem, id) => {
      const names = await versionsOf(stem);
      const name = `${id}.yaml`;
      if (!names.includes(name)) throw new StoreError(`Det finns ingen sparad version ${id} av ${file(stem).shown}.`);
      return readRegular(join(versionsRoot, stem, name), `${VERSIONS_DIR}/${stem}/${name}`);
    },
  };
}

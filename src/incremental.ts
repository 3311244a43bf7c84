// Incremental builds: is a year's output in out/<year>/ still what a full
// build would write? Decided from content hashes of everything the output is
// made from, without loading the heavy modules (zod, docx, pdf-lib, fontkit,
// Handlebars), so an unchanged rebuild costs little more than starting Node.
//
// What a year's documents are made from:
//   - the tool: its sources (src/), its dependencies (package-lock.json),
//     the templates (templates/) and the data it reads (data/: the register),
//     and the Node it runs on (node:zlib writes the PDF streams, ICU sorts
//     and formats): Node's, ICU's, Unicode's and zlib's versions;
//   - the round file as it was checked and rendered, and last year's round
//     file when one was used: the hash of the text the loader read
//     (LoadedRound.digest), never the file read again afterwards, so a save
//     during a build is built the next time.
// out/.indata.json records, per year, the hash of those inputs and of every
// file written; a year whose inputs hash the same and whose files on disk
// are still the ones written is not rebuilt. The same file records the last
// run as a whole (which files, with what diagnostics), so a build with
// nothing changed answers from it without reading a round file as YAML.
//
// Every file is read through the project's one door (src/files/read-project-file.ts):
// a FIFO, a device or a link out of the project in rounds/, src/ or
// templates/ is hashed as what it is ("refused: …"), never read.
//
// The record is written after the years' folders are swapped in; a run that
// stops in between leaves a record that no longer matches the files on
// disk, and those years are simply built again.
import { createHash } from "node:crypto";
import { readdir, realpath, rename, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import type { Diagnostic } from "./diagnostics/catalogue.js";
import { MAX_ROUND_FILE_BYTES, readProjectFile, readProjectFileSync } from "./files/read-project-file.js";
import { PROJECT_ROOT } from "./project-root.js";

/** Kept in out/ beside the years' folders. */
export const RECORD_NAME = ".indata.json";
/** Bumped when the record's meaning changes; an older record is ignored. */
const FORMAT = 2;

/** Largest file of the tool (a source, a template) or of out/ that is hashed; anything larger is hashed as refused. */
const MAX_HASHED_BYTES = 256 * 1024 * 1024;
/** The versions of what the output depends on beyond the project: Node itself, ICU (sorting, formats), Unicode, zlib (the PDF streams). */
const RUNTIME = ["node", "icu", "unicode", "zlib"] as const;

/** What the tool is: everything in the project that shapes the output, by content. */
const TOOL_INPUTS = ["src", "templates", "data", "package-lock.json"];

export interface YearRecord {
  /** The round file as the build named it (relative to the working folder). */
  source: string;
  /** Hash of the tool, the round file and last year's round file. */
  key: string;
  /** Every file in out/<year>/, with the hash of its bytes. */
  files: Record<string, string>;
  /** The lines the build printed under the year (documents not made yet). */
  notices: string[];
}

export interface RunRecord {
  /** Hash of the tool, the working folder and every round file in the folders of the files named. */
  key: string;
  /** The years built, in the order they were printed. */
  years: number[];
  /** The diagnostics of that run, as checked (before --strict). */
  diagnostics: Diagnostic[];
}

interface Record_ {
  format: number;
  run?: RunRecord;
  years: Record<string, YearRecord>;
}

const sha = (...parts: (string | Uint8Array)[]) => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
};

/**
 * Every file under `path`, sorted; a folder that is a link is not followed
 * (the door refuses it when it is hashed). An empty folder is listed as
 * itself with a trailing "/": it is part of what is on disk.
 */
async function filesUnder(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return [path]; // a file (or nothing: read as missing below)
  if (entries.length === 0) return [`${path}/`];
  const nested = await Promise.all(
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((e) => (e.isDirectory() ? filesUnder(join(path, e.name)) : [join(path, e.name)])),
  );
  return nested.flat();
}

/**
 * The files' contents through the door (or what the door said about each:
 * "refused: not-regular"), hashed with their names. Read synchronously, one
 * after the other: for a hundred small files that is several times faster
 * than as many promises through the thread pool, and this runs on every build.
 */
async function hashFiles(paths: string[], base: string, maxBytes: number): Promise<string> {
  const realRoot = await realpath(base).catch(() => undefined);
  const hash = createHash("sha256");
  for (const p of paths) {
    const read = readProjectFileSync(p, { root: base, realRoot, maxBytes });
    hash.update(relative(base, p)).update("\0").update(read.ok ? read.bytes : `(refused: ${read.refusal.reason})`).update("\0");
  }
  return hash.digest("hex");
}

let toolHash: Promise<string> | undefined;

/**
 * The hash of the tool's own inputs (sources, dependencies, templates, data)
 * and of the runtime's versions, once per process. `versions` is for tests.
 */
export function toolFingerprint(root: string = PROJECT_ROOT, versions: Partial<NodeJS.ProcessVersions> = process.versions): Promise<string> {
  if (root !== PROJECT_ROOT || versions !== process.versions) return computeTool(root, versions);
  toolHash ??= computeTool(root, versions);
  return toolHash;
}

async function computeTool(root: string, versions: Partial<NodeJS.ProcessVersions>): Promise<string> {
  const files = (await Promise.all(TOOL_INPUTS.map((p) => filesUnder(join(root, p))))).flat();
  const runtime = RUNTIME.map((name) => `${name} ${versions[name] ?? "-"}`).join("\n");
  return sha(String(FORMAT), runtime, await hashFiles(files, root, MAX_HASHED_BYTES));
}

/**
 * The key of one year's output: the tool, and the digests of the round's
 * text and last year's as they were checked and rendered (CheckedRound's
 * `digest` and `previousDigest`).
 */
export async function yearKey(digest: string, previousDigest: string | undefined): Promise<string> {
  return sha(await toolFingerprint(), digest, previousDigest ?? "(inget förra år)");
}

/**
 * The key of a whole run: the tool, the working folder, the files named and
 * every round file beside them (last year's round is found among those, and
 * the checks across years read them).
 */
export async function runKey(cwd: string, paths: string[]): Promise<string> {
  const folders = [...new Set(paths.map((p) => dirname(p)))].sort();
  const beside = await Promise.all(
    folders.map(async (f) =>
      (await readdir(f).catch(() => [] as string[]))
        .filter((n) => /\.ya?ml$/.test(n))
        .sort()
        .map((n) => join(f, n)),
    ),
  );
  const all = [...new Set([...paths, ...beside.flat()])].sort();
  return sha(await toolFingerprint(), resolve(cwd), paths.join("\n"), await hashFiles(all, cwd, MAX_ROUND_FILE_BYTES));
}

export function hashBytes(bytes: Uint8Array): string {
  return sha(bytes);
}

export async function readRecord(outDir: string): Promise<Record_> {
  try {
    const read = await readProjectFile(join(outDir, RECORD_NAME), { root: outDir, maxBytes: MAX_HASHED_BYTES });
    if (!read.ok) return { format: FORMAT, years: {} };
    const record = JSON.parse(read.bytes.toString("utf8")) as Record_;
    if (record.format === FORMAT && typeof record.years === "object") return record;
  } catch {
    // No record, or not one this version wrote: everything is built.
  }
  return { format: FORMAT, years: {} };
}

/** Whether out/<year>/ holds exactly the files recorded, byte for byte. */
export async function filesIntact(outDir: string, year: number, files: Record<string, string>): Promise<boolean> {
  const folder = join(outDir, String(year));
  const onDisk = (await filesUnder(folder)).map((p) => relative(folder, p).split("\\").join("/"));
  const names = Object.keys(files).sort();
  if (onDisk.length !== names.length || onDisk.sort().some((n, i) => n !== names[i])) return false;
  // Read one after the other, synchronously, as in hashFiles.
  const realRoot = await realpath(outDir).catch(() => undefined);
  const hashes = names.map((n) => {
    const read = readProjectFileSync(join(folder, n), { root: outDir, realRoot, maxBytes: MAX_HASHED_BYTES });
    return read.ok ? hashBytes(read.bytes) : "";
  });
  return hashes.every((h, i) => h === files[names[i]!]);
}

/** The year's record, when its key matches and its files are untouched. */
export async function freshYear(outDir: string, record: Record_, year: number, key: string): Promise<YearRecord | undefined> {
  const entry = record.years[String(year)];
  if (!entry || entry.key !== key) return undefined;
  return (await filesIntact(outDir, year, entry.files)) ? entry : undefined;
}

/**
 * The last run, when running again would change nothing: same tool, same
 * round files (`key`, from runKey), and every year's files as written. Reads
 * no round file as YAML.
 */
export async function unchangedRun(outDir: string, key: string): Promise<{ run: RunRecord; years: { year: number; entry: YearRecord }[] } | undefined> {
  const record = await readRecord(outDir);
  if (!record.run) return undefined;
  if (record.run.key !== key) return undefined;
  const years: { year: number; entry: YearRecord }[] = [];
  for (const year of record.run.years) {
    const entry = record.years[String(year)];
    if (!entry || !(await filesIntact(outDir, year, entry.files))) return undefined;
    years.push({ year, entry });
  }
  return { run: record.run, years };
}

/** Writes the record (aside, then renamed, so it is never half written). */
export async function writeRecord(outDir: string, record: Record_): Promise<void> {
  const path = join(outDir, RECORD_NAME);
  const temp = `${path}.${process.pid}`;
  const years = Object.fromEntries(Object.entries(record.years).sort(([a], [b]) => Number(a) - Number(b)));
  await writeFile(temp, `${JSON.stringify({ format: FORMAT, run: record.run, years }, null, 1)}\n`);
  await rename(temp, path);
}

// Incremental builds: is a year's output in out/<year>/ still what a full
// build would write? Decided from content hashes of everything the output is
// made from, without loading the heavy modules (zod, docx, pdf-lib, fontkit,
// Handlebars), so an unchanged rebuild costs little more than starting Node.
//
// What a year's documents are made from:
//   - the tool: its sources (src/), its dependencies (package-lock.json),
//     the templates (templates/) and the data it reads (data/: the register);
//   - the round file, and last year's round file when one was used.
// out/.indata.json records, per year, the hash of those inputs and of every
// file written; a year whose inputs hash the same and whose files on disk
// are still the ones written is not rebuilt. The same file records the last
// run as a whole (which files, with what diagnostics), so a build with
// nothing changed answers from it without reading a round file as YAML.
//
// The record is written after the years' folders are swapped in; a run that
// stops in between leaves a record that no longer matches the files on
// disk, and those years are simply built again.
import { createHash } from "node:crypto";
import { readdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import type { Diagnostic } from "./diagnostics/catalogue.js";
import { PROJECT_ROOT } from "./project-root.js";

/** Kept in out/ beside the years' folders. */
export const RECORD_NAME = ".indata.json";
/** Bumped when the record's meaning changes; an older record is ignored. */
const FORMAT = 1;

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

async function filesUnder(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return [path]; // a file (or nothing: read as missing below)
  const nested = await Promise.all(
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((e) => (e.isDirectory() ? filesUnder(join(path, e.name)) : [join(path, e.name)])),
  );
  return nested.flat();
}

async function hashFiles(paths: string[], base: string): Promise<string> {
  const contents = await Promise.all(paths.map((p) => readFile(p).catch(() => undefined)));
  const hash = createHash("sha256");
  paths.forEach((p, i) => hash.update(relative(base, p)).update("\0").update(contents[i] ?? "(saknas)").update("\0"));
  return hash.digest("hex");
}

let toolHash: Promise<string> | undefined;

/** The hash of the tool's own inputs (sources, dependencies, templates, data), once per process. */
export function toolFingerprint(root: string = PROJECT_ROOT): Promise<string> {
  if (root !== PROJECT_ROOT) return computeTool(root);
  toolHash ??= computeTool(root);
  return toolHash;
}

async function computeTool(root: string): Promise<string> {
  const files = (await Promise.all(TOOL_INPUTS.map((p) => filesUnder(join(root, p))))).flat();
  return sha(String(FORMAT), await hashFiles(files, root));
}

/** The key of one year's output: the tool, the round file's bytes and last year's. */
export async function yearKey(roundPath: string, previousPath: string | undefined): Promise<string> {
  const [own, previous] = await Promise.all([readFile(roundPath), previousPath ? readFile(previousPath) : Promise.resolve(undefined)]);
  return sha(await toolFingerprint(), own, previous ?? "(inget förra år)");
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
  return sha(await toolFingerprint(), resolve(cwd), paths.join("\n"), await hashFiles(all, cwd));
}

export function hashBytes(bytes: Uint8Array): string {
  return sha(bytes);
}

export async function readRecord(outDir: string): Promise<Record_> {
  try {
    const record = JSON.parse(await readFile(join(outDir, RECORD_NAME), "utf8")) as Record_;
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
  const hashes = await Promise.all(names.map((n) => readFile(join(folder, n)).then(hashBytes, () => "")));
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
 * round files, and every year's files as written. Reads no round file as YAML.
 */
export async function unchangedRun(
  outDir: string,
  cwd: string,
  paths: string[],
): Promise<{ run: RunRecord; years: { year: number; entry: YearRecord }[] } | undefined> {
  const record = await readRecord(outDir);
  if (!record.run) return undefined;
  const key = await runKey(cwd, paths);
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

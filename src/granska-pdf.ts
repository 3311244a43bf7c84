// npm run granska-pdf [-- FIL.pdf|MAPP …]: our own preflight of the PDFs the
// build writes (src/granska-pdf/check-pdf.ts says which PDF/UA-1 and PDF/A-2u
// conditions). Without arguments it reads every PDF under out/. Prints each
// finding with its rule and file; exit status 1 if there is any.
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { describeRefusal, readProjectFile } from "./files/read-project-file.js";
import { checkPdf } from "./granska-pdf/check-pdf.js";

/** Largest PDF checked: our largest case PDF is a few megabytes. */
const MAX_PDF_BYTES = 256 * 1024 * 1024;
import { formatHelp, wantsHelp } from "./help.js";
import { guarded, runIfEntry } from "./program.js";
import { visible } from "./terminal.js";

const HELP = formatHelp({
  användning: ["npm run granska-pdf [-- FIL.pdf|MAPP …]"],
  beskrivning:
    "Granskar PDF-filerna mot de villkor i PDF/UA-1 (Matterhorn) och PDF/A-2u som en dator kan pröva: att all text är taggad eller artefakt, språk, titel, metadata, rubriknivåer, tabellrubriker, inbäddade typsnitt med ToUnicode och rätt bredder, och färgprofil. Utan argument granskas alla PDF-filer i out/.",
  flaggor: [["--help", "visar den här hjälpen"]],
  exempel: [
    ["npm run granska-pdf", "granskar alla PDF-filer i out/"],
    ["npm run granska-pdf -- out/2024/tjansteutlatande.pdf", "granskar en fil"],
  ],
  slutstatus: [
    [0, "alla filer klarar granskningen"],
    [1, "någon fil bryter mot ett villkor, eller gick inte att läsa"],
    [2, "fel i kommandot (en fil eller mapp som inte finns)"],
  ],
});

/** The PDFs under a path (a file is itself), sorted. */
async function pdfsUnder(path: string): Promise<string[]> {
  const info = await stat(path);
  if (info.isFile()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const found = await Promise.all(
    entries
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((e) => (e.isDirectory() ? pdfsUnder(join(path, e.name)) : Promise.resolve(e.name.endsWith(".pdf") ? [join(path, e.name)] : []))),
  );
  return found.flat();
}

export function run(args: string[]): Promise<number> {
  return guarded(() => review(args), "Kör npm run granska-pdf igen; händer det igen är det ett fel i granskningen, inte i filerna.");
}

async function review(args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const files: string[] = [];
  for (const path of args.length > 0 ? args : ["out"]) {
    try {
      files.push(...(await pdfsUnder(path)));
    } catch {
      process.stderr.write(`fel: ${visible(path)} finns inte eller kan inte läsas.\n`);
      return 2;
    }
  }
  let failed = 0;
  for (const file of files) {
    let findings;
    // Through the project's one door: a FIFO, device, oversized file or link out of the project is named, never read.
    const read = await readProjectFile(file, { root: process.cwd(), maxBytes: MAX_PDF_BYTES });
    if (!read.ok) {
      process.stdout.write(`fel: ${describeRefusal(read.refusal, visible(file))}\n`);
      failed++;
      continue;
    }
    try {
      findings = await checkPdf(new Uint8Array(read.bytes));
    } catch {
      process.stdout.write(`${visible(file)}: filen går inte att läsa som PDF.\n`);
      failed++;
      continue;
    }
    if (findings.length > 0) failed++;
    for (const f of findings) process.stdout.write(`${visible(file)}: ${f.rule}: ${f.message}\n`);
  }
  process.stdout.write(`${files.length} PDF-filer granskade, ${failed} med fel.\n`);
  return failed > 0 ? 1 : 0;
}

runIfEntry(import.meta.url, run);

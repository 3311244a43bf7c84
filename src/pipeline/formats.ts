// The last stage of the pipeline: a prepared round written to files. Each
// format is one entry of FORMATS — its extension, how the year's index page
// links it, and one `write(document, context)` — and the build is a loop over
// the documents and the formats. A new format is one entry here and one folder
// in src/write/. Two files belong to the round rather than to one document:
// the whole case as one PDF and the index page; ROUND_FILES lists them.
//
// The writers (docx, pdf-lib, fontkit) are loaded only when something is
// written, so `check` does without them.
import type { ComposedDocument } from "../compose/compose.js";
import type { OutputFile } from "../write/output.js";
import type { LaidOutPdf } from "../write/pdf/render.js";
import { caseDocuments, type PreparedRound } from "./prepare.js";

export type { OutputFile };

/** What a writer may need besides its document: the round it belongs to, and work shared between formats. */
export interface WriteContext {
  prepared: PreparedRound;
  /** The document laid out in PDF pages, once: its own PDF and the case PDF draw the same pages. */
  laidOut(document: ComposedDocument): Promise<LaidOutPdf>;
}

export interface Format {
  extension: string;
  /** How the index page names a link to the document in this format ("Word"); none for the HTML page itself. */
  label?: string;
  write(document: ComposedDocument, context: WriteContext): Promise<Uint8Array>;
}

export const FORMATS = [
  {
    extension: "docx",
    label: "Word",
    write: async (document) => (await import("../write/docx/write-docx.js")).writeDocx(document.model),
  },
  {
    extension: "pdf",
    label: "PDF",
    write: async (document, context) => (await import("../write/pdf/write-pdf.js")).writePdf(await context.laidOut(document)),
  },
  {
    extension: "txt",
    write: async (document) => (await import("../write/text/write-text.js")).writeText(document.model),
  },
  {
    extension: "html",
    write: async (document) => (await import("../write/html/write-html.js")).writeHtml(document.model),
  },
] as const satisfies readonly Format[];

/** The formats the index page links beside each document's HTML page. */
export const LINKED_FORMATS: readonly { extension: string; label: string }[] = FORMATS.filter((f): f is Extract<(typeof FORMATS)[number], { label: string }> => "label" in f);

/** The whole case in one PDF: the tjänsteutlåtande followed by its bilagor. */
export const CASE_PDF = "tjansteutlatande-med-bilagor.pdf";

export interface RoundFile {
  name: string;
  /** Whether the round has this file, given its documents. */
  has(documents: readonly ComposedDocument[]): boolean;
  /** The documents the file is made from (so that one file alone composes only these); undefined: all of them. */
  needs?: (document: { name: string; bilaga?: number | undefined }) => boolean;
  write(context: WriteContext): Promise<Uint8Array>;
}

export const ROUND_FILES: readonly RoundFile[] = [
  {
    name: CASE_PDF,
    has: (documents) => caseDocuments(documents).length > 0,
    needs: (d) => d.name === "tjansteutlatande" || d.bilaga !== undefined,
    write: async (context) => {
      const { writeCasePdf } = await import("../write/pdf/write-case-pdf.js");
      return writeCasePdf(await Promise.all(caseDocuments(context.prepared.documents).map(context.laidOut)));
    },
  },
  {
    name: "index.html",
    has: () => true,
    write: async ({ prepared }) => {
      const { htmlIndex } = await import("../write/html/edition.js");
      return htmlIndex(prepared.round, prepared.documents, LINKED_FORMATS, ROUND_FILES[0]!.has(prepared.documents) ? CASE_PDF : undefined);
    },
  },
];

/**
 * Which documents one output file needs (`--bara`), and how it is written:
 * undefined when the name is no file a round can have.
 */
export function outputFile(name: string): { needs: NonNullable<RoundFile["needs"]> | undefined; file: RoundFile | { document: string; format: Format } } | undefined {
  const whole = ROUND_FILES.find((f) => f.name === name);
  if (whole) return { needs: whole.needs, file: whole };
  const format = FORMATS.find((f) => name.endsWith(`.${f.extension}`));
  if (!format) return undefined;
  const document = name.slice(0, -format.extension.length - 1);
  return { needs: (d) => d.name === document, file: { document, format } };
}

export interface RenderedRound extends PreparedRound {
  files: OutputFile[];
}

/** Writes the prepared round in memory: every file of writeFiles, in a list. */
export async function writeRound(prepared: PreparedRound, options: { only?: string } = {}): Promise<RenderedRound> {
  const files: OutputFile[] = [];
  for await (const file of writeFiles(prepared, options)) files.push(file);
  return { ...prepared, files };
}

/**
 * The prepared round's files, each as it is made: every document in every
 * format, then the round's own files; or, with `only`, that one file. The
 * build writes each to disk as it comes, so a large round's bytes are never
 * all held at once, and the PDF pages of a document outside the case are
 * dropped once drawn.
 */
export async function* writeFiles(prepared: PreparedRound, options: { only?: string } = {}): AsyncGenerator<OutputFile> {
  const inCase = new Set(ROUND_FILES[0]!.has(prepared.documents) ? caseDocuments(prepared.documents) : []);
  const laid = new Map<ComposedDocument, LaidOutPdf>();
  const context: WriteContext = {
    prepared,
    laidOut: async (document) => {
      const known = laid.get(document);
      if (known) return known;
      const { layOutPdf } = await import("../write/pdf/write-pdf.js");
      const laidOut = layOutPdf(document.model);
      // Kept only for the case PDF: the other documents' pages are dropped once drawn.
      if (inCase.has(document)) laid.set(document, laidOut);
      return laidOut;
    },
  };
  const target = options.only === undefined ? undefined : outputFile(options.only)?.file;
  if (options.only !== undefined && !target) return;
  if (target && "write" in target) {
    if (target.has(prepared.documents)) yield { name: target.name, bytes: await target.write(context) };
    return;
  }
  for (const document of prepared.documents) {
    for (const format of FORMATS) {
      if (target && !(target.document === document.name && target.format === format)) continue;
      yield { name: `${document.name}.${format.extension}`, bytes: await format.write(document, context) };
    }
  }
  if (!target) for (const file of ROUND_FILES) if (file.has(prepared.documents)) yield { name: file.name, bytes: await file.write(context) };
}

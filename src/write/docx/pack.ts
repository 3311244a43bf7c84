// Packs a `docx` Document into .docx bytes, compressing each part once.
//
// `Packer.toBuffer` zips (DEFLATE) every part, and the old normalizeZip then
// unzipped and zipped everything again to fix the timestamps. Here the parts
// come straight from docx's compiler (the step before its zipping), the
// dates are set in docProps/core.xml as text, and each part is deflated once.
// Most parts (styles, numbering, settings, font table, relationships, …) are
// the same for every document of a build, so their compressed bytes are kept
// for the process and reused. The zip container is fflate's streaming Zip,
// which takes already compressed data (fflate's zipSync cannot).
import { crc32 } from "node:zlib";
import { deflateSync, strToU8, Zip, type ZipInputFile } from "fflate";
import { Packer, type Document } from "docx";

interface Compiled {
  compile(file: Document): Map<string, string | Uint8Array>;
}

/** docx's own compiler (Packer.compiler): the package's parts before zipping. */
function compiler(): Compiled {
  const found = (Packer as unknown as { compiler?: Compiled }).compiler;
  if (!found || typeof found.compile !== "function") {
    throw new Error("docx har ändrats: Packer.compiler finns inte längre (se src/write/docx/pack.ts)");
  }
  return found;
}

interface Deflated {
  data: Uint8Array;
  crc: number;
  size: number;
}

/** Compressed parts by their text; bounded so that a large build's unique parts do not pile up. */
const cache = new Map<string, Deflated>();
const CACHE_LIMIT = 64;

function deflatePart(text: string): Deflated {
  const hit = cache.get(text);
  if (hit) return hit;
  const raw = strToU8(text);
  const result = { data: deflateSync(raw, { level: 6 }), crc: crc32(raw) >>> 0, size: raw.length };
  // Documents' own bodies are unique; only parts seen again are worth keeping.
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(text, result);
  return result;
}

/**
 * The document's .docx bytes. `date` (the round's date) replaces the current
 * time docx writes into docProps/core.xml and is every zip entry's time, so
 * the same input gives the same bytes.
 */
export function packDocx(document: Document, date: Date): Uint8Array {
  const parts = compiler().compile(document);
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, "Z");
  // Zip entries hold local wall-clock time; noon local time on the round's
  // date is the same wall time in every time zone, so the bytes are too.
  const mtime = new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 12, 0, 0);
  const chunks: Uint8Array<ArrayBufferLike>[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  // [Content_Types].xml first, as Word writes it; the rest in docx's order.
  const names = [...parts.keys()].sort((a, b) => Number(b === "[Content_Types].xml") - Number(a === "[Content_Types].xml"));
  for (const name of names) {
    let data = parts.get(name)!;
    if (typeof data !== "string") throw new Error(`oväntad binär del i .docx: ${name}`);
    if (name === "docProps/core.xml") {
      data = data
        .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
        .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
    }
    const deflated = name === "word/document.xml" ? deflateOnce(data) : deflatePart(data);
    const file: ZipInputFile = { filename: name, size: deflated.size, crc: deflated.crc, compression: 8, mtime };
    zip.add(file);
    file.ondata!(null, deflated.data as Uint8Array<ArrayBuffer>, true);
  }
  zip.end();
  if (failure) throw failure;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function deflateOnce(text: string): Deflated {
  const raw = strToU8(text);
  return { data: deflateSync(raw, { level: 6 }), crc: crc32(raw) >>> 0, size: raw.length };
}

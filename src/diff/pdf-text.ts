// The text of a PDF, for `git diff` (textconv) and for reading: page by
// page, lines rebuilt from pdf.js's text items (a new line where pdf.js says
// so or where the baseline moves). Uses pdf.js's legacy build, which runs in
// Node without a browser or a worker.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Unzlib } from "fflate";
import { TEXT_LIMITS, TextLimitError, type TextLimits } from "./limits.js";

/**
 * Inflates every compressed stream once, counting bytes as they come, and
 * stops at the limits: pdf.js would inflate a stream of gigabytes whole
 * before giving any text. Written here because pdf.js has no such limit.
 */
function checkStreams(bytes: Uint8Array, limits: TextLimits): void {
  const { stream: MAX_STREAM, streams: MAX_STREAMS } = limits;
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (let at = data.indexOf("stream"); at >= 0; at = data.indexOf("stream", at + 6)) {
    // "stream" followed by a line break starts the data; "endstream" does not.
    if (data[at - 1] === 0x64 /* d */) continue;
    let start = at + 6;
    if (data[start] === 0x0d) start++;
    if (data[start] !== 0x0a) continue;
    start++;
    const end = data.indexOf("endstream", start);
    if (end < 0) return;
    let size = 0;
    let over = false;
    const inflate = new Unzlib((chunk) => {
      size += chunk.length;
      total += chunk.length;
      if (size > MAX_STREAM || total > MAX_STREAMS) over = true;
    });
    try {
      // Fed in pieces so that the count can stop it early.
      for (let p = start; p < end && !over; p += 64 * 1024) inflate.push(data.subarray(p, Math.min(end, p + 64 * 1024)), false);
    } catch {
      // Not Flate data (or broken): pdf.js deals with it.
    }
    if (over) throw new TextLimitError(`en ström i filen packas upp till mer än ${(size > MAX_STREAM ? MAX_STREAM : MAX_STREAMS) / 1024 / 1024} MB`);
    at = end;
  }
}

interface TextItem {
  str: string;
  hasEOL: boolean;
  transform: number[];
}

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, " ");

export async function pdfText(bytes: Uint8Array, limits: TextLimits = TEXT_LIMITS): Promise<string> {
  checkStreams(bytes, limits);
  const MAX_PAGES = limits.pages;
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const root = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of the buffer; give it a copy.
    data: new Uint8Array(bytes),
    standardFontDataUrl: `${pathToFileURL(join(root, "standard_fonts")).href}/`,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  });
  const doc = await task.promise;
  try {
    if (doc.numPages > MAX_PAGES) throw new TextLimitError(`filen har ${grouped(doc.numPages)} sidor, fler än de ${grouped(MAX_PAGES)} som läses`);
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = "";
      let lastY: number | undefined;
      for (const raw of content.items) {
        if (!("str" in raw)) continue;
        const item = raw as TextItem;
        const y = item.transform[5];
        if (lastY !== undefined && y !== undefined && Math.abs(y - lastY) > 1 && !text.endsWith("\n")) text += "\n";
        text += item.str;
        if (item.hasEOL) text += "\n";
        if (y !== undefined) lastY = y;
      }
      const lines = text.split("\n").map((l) => l.replace(/\s+$/, "")).filter((l) => l !== "");
      pages.push([`[Sida ${n}]`, ...lines].join("\n"));
      page.cleanup();
    }
    return `${pages.join("\n\n")}\n`;
  } finally {
    await doc.destroy();
  }
}

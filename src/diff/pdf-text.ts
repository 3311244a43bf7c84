// The text of a PDF, for `git diff` (textconv) and for reading: page by
// page, lines rebuilt from pdf.js's text items (a new line where pdf.js says
// so or where the baseline moves). Uses pdf.js's legacy build, which runs in
// Node without a browser or a worker.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

interface TextItem {
  str: string;
  hasEOL: boolean;
  transform: number[];
}

export async function pdfText(bytes: Uint8Array): Promise<string> {
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

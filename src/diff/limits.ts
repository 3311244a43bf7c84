// A hostile or broken .docx or .pdf handed to textconv stops at a limit with
// a Swedish message, instead of taking minutes or gigabytes.

/**
 * How much textconv reads: each part of a .docx and all of them together,
 * each compressed stream of a PDF and all of them together, a PDF's pages,
 * and the file itself (bytes, pages). The readers take them as a parameter,
 * so the tests of hostile files can run at a megabyte instead of hundreds.
 */
export interface TextLimits {
  part: number;
  parts: number;
  stream: number;
  streams: number;
  pages: number;
  file: number;
}

const MB = 1024 * 1024;
export const TEXT_LIMITS: TextLimits = { part: 32 * MB, parts: 128 * MB, stream: 64 * MB, streams: 256 * MB, pages: 2000, file: 256 * MB };

/** A limit on what textconv reads was passed; the message says which, in Swedish. */
export class TextLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TextLimitError";
  }
}

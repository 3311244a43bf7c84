// The PDF library: @cantoo/pdf-lib, the maintained fork of pdf-lib (which
// has had no release since 2021 and whose issues point to the fork).
//
// Loaded from the package's self-contained minified build, dist/pdf-lib.min.js:
// 47 ms here, against about 300 ms for its default entry (es/, hundreds of
// modules plus culori and an HTML parser for SVG, which we never draw). The
// package's exports map does not list dist/, so the file is required by its
// path; its API and types are the package's own.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as PdfLib from "@cantoo/pdf-lib";

const require = createRequire(import.meta.url);
/** The package folder, from its main entry (cjs/index.js). */
const packageDir = join(dirname(require.resolve("@cantoo/pdf-lib")), "..");
const lib = require(join(packageDir, "dist", "pdf-lib.min.js")) as typeof PdfLib;

export const {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFOperator,
  PDFRef,
  PDFString,
  beginText,
  endText,
  fill,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingRgbColor,
  setFontAndSize,
  setLineWidth,
  setStrokingRgbColor,
  setTextMatrix,
  showText,
  stroke,
} = lib;

export type PDFArray = PdfLib.PDFArray;
export type PDFDict = PdfLib.PDFDict;
export type PDFDocument = PdfLib.PDFDocument;
export type PDFFont = PdfLib.PDFFont;
export type PDFName = PdfLib.PDFName;
export type PDFOperator = PdfLib.PDFOperator;
export type PDFPage = PdfLib.PDFPage;
export type PDFRef = PdfLib.PDFRef;

// Page geometry shared by every writer, so Word and PDF pages match.
// Word measures in twips (1/20 pt); PDF in points.

export const TWIPS_PER_POINT = 20;

export const page = {
  /** A4 in twips. */
  width: 11906,
  height: 16838,
  margin: { top: 2552, right: 1418, bottom: 1418, left: 1418 },
  /** Distance from the page edge to the header. */
  headerDistance: 567,
} as const;

/** Width of the text column in twips. */
export const textWidth = page.width - page.margin.left - page.margin.right;

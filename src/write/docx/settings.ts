// Read-only settings of the Word writer: fonts, sizes and page geometry.
import { page, textWidth } from "../page.js";

export const settings = {
  pageWidth: page.width,
  pageHeight: page.height,
  margin: page.margin,
  headerDistance: page.headerDistance,
  textWidth,
  bodyFont: "Times New Roman",
  headingFont: "Arial",
  /** Half-points: 12 pt. */
  bodySize: 24,
  headerFill: "E7E6E6",
} as const;

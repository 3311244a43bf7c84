import { describe, expect, it } from "vitest";
import { countInWords, formatAmount, formatDate, formatDayMonth, formatKronor, quote } from "../src/format/swedish.js";

describe("Swedish formatting", () => {
  it("groups digits with non-breaking spaces", () => {
    expect(formatAmount(6558400)).toBe("6\u00a0558\u00a0400");
    expect(formatAmount(500000)).toBe("500\u00a0000");
    expect(formatAmount(0)).toBe("0");
    expect(formatKronor(198400)).toBe("198\u00a0400\u00a0kronor");
  });

  it("writes counts in words as the papers do", () => {
    expect(countInWords(14)).toBe("fjorton");
    expect(countInWords(10)).toBe("tio");
    expect(countInWords(6)).toBe("sex");
    expect(countInWords(8)).toBe("åtta");
    expect(countInWords(1)).toBe("en");
    expect(countInWords(1, true)).toBe("ett");
    expect(countInWords(21)).toBe("tjugoen");
    expect(countInWords(45)).toBe("fyrtiofem");
    expect(countInWords(120)).toBe("120");
  });

  it("writes dates in Swedish", () => {
    expect(formatDate("2024-06-02")).toBe("2\u00a0juni 2024");
    expect(formatDayMonth("2023-12-07")).toBe("7\u00a0december");
  });

  it("quotes with Swedish quotation marks", () => {
    expect(quote("ARN")).toBe("\u201dARN\u201d");
  });
});

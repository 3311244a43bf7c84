// The keep rules as decided on the model (src/write/keep.ts), which Word,
// the PDF paginator and print CSS all obey.
import { describe, expect, it } from "vitest";
import type { Block } from "../src/model/document.js";
import { itemKeep, keepPlan } from "../src/write/keep.js";

const text = (value: string) => [{ type: "text" as const, value }];
const paragraph = (value: string): Block => ({ type: "paragraph", children: text(value) });
const list = (n: number): Block => ({ type: "list", marker: "number", start: 1, items: Array.from({ length: n }, (_, i) => text(`Punkt ${i + 1}`)) });
const heading: Block = { type: "heading", level: 2, children: text("Bilagor") };
const long = "Ett stycke med många ord som säkert fyller flera rader i brödtexten. ".repeat(12);

describe("keepPlan", () => {
  it("keeps a short list whole, and a long one by its first two and last two items", () => {
    const plan = keepPlan([list(3), paragraph(long), list(8), paragraph(long)]);
    expect([0, 1, 2].map((k) => itemKeep(plan, 0, k))).toEqual([
      { withNext: true, together: true },
      { withNext: true, together: true },
      { withNext: false, together: true },
    ]);
    expect([0, 1, 3, 6, 7].map((k) => itemKeep(plan, 2, k).withNext)).toEqual([true, false, false, true, false]);
    expect(itemKeep(plan, 2, 3).together).toBe(false);
  });

  it("keeps a heading with what follows", () => {
    expect(keepPlan([heading, paragraph(long), paragraph(long)]).blocks[0]).toEqual({ withNext: true, together: true });
  });

  it("ends a document with at least three lines: a two-item list is kept with what stands before it", () => {
    // The 2024 tjänsteutlåtande's end: signatures, "Bilagor", two one-line items.
    const signatures: Block = { type: "signatures", signatories: [["A", "Titel", "Förvaltning"], ["B", "Titel", "Förvaltning"]] };
    const plan = keepPlan([paragraph(long), signatures, heading, list(2)]);
    expect(plan.blocks[1]).toEqual({ withNext: true, together: true });
    expect(plan.blocks[2]!.withNext).toBe(true);
    // The long paragraph before the signatures is free to end its page.
    expect(plan.blocks[0]).toEqual({ withNext: false, together: false });
  });

  it("keeps a last paragraph whole (split, it could leave two lines), and a short one with the one before", () => {
    expect(keepPlan([paragraph(long), paragraph(long)]).blocks[1]).toEqual({ withNext: false, together: true });
    const plan = keepPlan([paragraph(long), paragraph("En rad.")]);
    expect(plan.blocks[1]!.together).toBe(true);
    expect(plan.blocks[0]!.withNext).toBe(true);
  });

  it("treats the part before a page break as a document end, and stops at a table", () => {
    const table: Block = { type: "table", columns: [{ align: "left", weight: 1 }], header: [[text("Rubrik")]], rows: [[[text("a")]], [[text("b")]], [[text("c")]]], sum: null };
    const plan = keepPlan([paragraph(long), paragraph("Kort."), { type: "pageBreak" }, table, paragraph("Sist.")]);
    expect(plan.blocks[0]!.withNext).toBe(true);
    expect(plan.blocks[3]).toEqual({ withNext: true, together: false });
  });
});

// Pagination is a pure function of heights; these are the rules a reader
// sees broken when it is wrong: a heading alone at the foot of a page, one
// line of a paragraph alone, a table without its header on the next page.
import { describe, expect, it } from "vitest";
import { paginate, type FlowBlock } from "../../src/write/pdf/paginate.js";

const block = (units: number[], extra: Partial<FlowBlock> = {}): FlowBlock =>
  Object.freeze({ units: Object.freeze(units), spaceBefore: 0, spaceAfter: 0, keepWithNext: false, minHead: 2, minTail: 2, repeat: 0, breakBefore: false, ...extra });
const lines = (n: number, h = 10) => Array.from({ length: n }, () => h);

describe("paginate", () => {
  it("fills a page, then continues on the next", () => {
    const pages = paginate([block(lines(15))], 100);
    expect(pages).toEqual([[{ block: 0, from: 0, to: 10, y: 0 }], [{ block: 0, from: 10, to: 15, y: 0 }]]);
  });

  it("keeps a heading with the start of the next paragraph", () => {
    const pages = paginate([block(lines(8)), block([10], { keepWithNext: true, minHead: 1, minTail: 1 }), block(lines(5))], 100);
    // The heading would fit at y=80, but then only one line of the paragraph would follow it.
    expect(pages[0]).toEqual([{ block: 0, from: 0, to: 8, y: 0 }]);
    expect(pages[1]![0]).toEqual({ block: 1, from: 0, to: 1, y: 0 });
  });

  it("leaves no lone first line at the foot of a page", () => {
    const pages = paginate([block(lines(9)), block(lines(4))], 100);
    expect(pages[0]).toEqual([{ block: 0, from: 0, to: 9, y: 0 }]);
    expect(pages[1]).toEqual([{ block: 1, from: 0, to: 4, y: 0 }]);
  });

  it("leaves no lone last line at the head of a page", () => {
    const pages = paginate([block(lines(5)), block(lines(6))], 100);
    // 5 of 6 lines would fit; 4 go here and 2 on the next page.
    expect(pages[0]![1]).toEqual({ block: 1, from: 0, to: 4, y: 50 });
    expect(pages[1]).toEqual([{ block: 1, from: 4, to: 6, y: 0 }]);
  });

  it("repeats a table's header height on every page and never splits a row", () => {
    const pages = paginate([block([30, 30, 30, 30, 30], { repeat: 20, minHead: 1, minTail: 1 })], 100);
    expect(pages.map((p) => p.map((f) => [f.from, f.to]))).toEqual([[[0, 2]], [[2, 4]], [[4, 5]]]);
  });

  it("places a unit taller than a page on a page of its own rather than looping", () => {
    const pages = paginate([block(lines(2)), block([250], { minHead: 1, minTail: 1 }), block(lines(2))], 100);
    expect(pages.map((p) => p.map((f) => f.block))).toEqual([[0], [1], [2]]);
  });

  it("spaces two blocks by the larger of space after and space before, as Word does", () => {
    const pages = paginate([block(lines(2), { spaceAfter: 8 }), block(lines(2), { spaceBefore: 18 }), block(lines(2))], 100);
    expect(pages[0]!.map((f) => f.y)).toEqual([0, 38, 58]);
  });

  it("starts a new page at a page break and drops space before at the top of a page", () => {
    const pages = paginate([block(lines(2)), block([], { breakBefore: true }), block(lines(2), { spaceBefore: 12 })], 100);
    expect(pages).toEqual([[{ block: 0, from: 0, to: 2, y: 0 }], [{ block: 2, from: 0, to: 2, y: 0 }]]);
  });
});

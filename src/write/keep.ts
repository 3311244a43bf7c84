// The keep rules of the style sheet, decided once on the document model and
// obeyed by every writer: Word as keepNext/keepLines (and widow control), the
// PDF paginator as keepWithNext and unsplittable blocks, print CSS as
// break-after/break-inside: avoid. Deciding them here, from the model alone,
// is what makes the three agree on where a page may end.
//
// The rules (numbers in styleSheet.keep):
// - A heading stays with what follows it.
// - A paragraph or list item leaves at least `orphans` lines at a page foot
//   and carries at least `widows` to the next page.
// - A list of at most `shortList` items is not split; a longer one keeps its
//   first two and its last two items together.
// - A table starts with its header and at least `tableRows` data rows, and
//   carries at least `tableRows` rows (under its repeated header) over.
// - The end of a document, and the end of the part before a page break,
//   holds at least `lastPageLines` lines of body text: walking back from the
//   end, blocks are kept whole and with the next one until they surely hold
//   that many lines (headings not counted). A table, whose last rows go over
//   with its repeated header row, or a block that surely holds the lines by
//   itself, ends the walk.
import { inlineText, type Block, type Inline } from "../model/document.js";
import { styleSheet, textWidth } from "./style-sheet.js";

/** How a block is kept: with the block after it, and whole. */
export interface Keep {
  /** The block's end stays on the same page as the next block's start. */
  withNext: boolean;
  /** The block is not split over two pages (unless it is taller than a page). */
  together: boolean;
}

/** The keep decisions of a document: one per block, and one per item of each list block. */
export interface KeepPlan {
  /** A list's entry sums up its items: with the next block as its last item is, together if all are. */
  blocks: Keep[];
  /** For a list block (by block index), its items' keeps; the last item's `withNext` keeps the list with what follows. */
  items: Map<number, Keep[]>;
}

const NONE: Keep = { withNext: false, together: false };

/**
 * The fewest em a character of body text can take: the space, full stop and
 * comma of Times New Roman (and Tinos) are 0.25 em, every letter wider. A
 * paragraph therefore surely holds at least ⌈characters × 0.25 em × size ÷
 * text width⌉ lines; the rule needs a count that is never too high, since
 * the writers' line breaking is not known here.
 */
const NARROWEST_EM = 0.25;

/** Lines a paragraph of `inlines` surely holds at the width and size given. */
function surelyLines(inlines: Inline[], size: number, width: number): number {
  const chars = [...inlineText(inlines)].length;
  return Math.max(1, Math.ceil((chars * NARROWEST_EM * size) / width));
}

/** Lines of body text a block surely holds when it is kept whole; headings and page breaks hold none. */
function blockLines(block: Block): number {
  const { body, listItem } = styleSheet.paragraphs;
  switch (block.type) {
    case "paragraph":
      return surelyLines(block.children, body.size, textWidth);
    case "list":
      return block.items.reduce((n, item) => n + surelyLines(item, listItem.size, textWidth - styleSheet.list.indent), 0);
    case "signatures":
      return Math.max(0, ...block.signatories.map((lines) => lines.length));
    case "table":
      return block.rows.length + (block.sum ? 1 : 0) + 1;
    case "heading":
    case "pageBreak":
      return 0;
  }
}

/** The keep decisions for a document's blocks. */
export function keepPlan(blocks: readonly Block[]): KeepPlan {
  const { shortList, lastPageLines } = styleSheet.keep;
  const plan: KeepPlan = { blocks: blocks.map((b) => (b.type === "heading" ? { withNext: true, together: true } : { ...NONE })), items: new Map() };

  blocks.forEach((block, i) => {
    if (block.type !== "list") return;
    const n = block.items.length;
    const short = n <= shortList;
    plan.items.set(
      i,
      block.items.map((_, k) => ({
        // A short list stays whole; a longer one keeps its first two and its last two items together.
        withNext: k < n - 1 && (short || k === 0 || k === n - 2),
        together: short,
      })),
    );
  });

  // The end of each part (before a page break, and the document's end),
  // walked back piece by piece: a list's items are pieces of their own.
  const ends = blocks.flatMap((b, i) => (b.type === "pageBreak" ? [i] : [])).concat(blocks.length);
  const { widows } = styleSheet.keep;
  for (const end of ends) {
    let lines = 0;
    let first = true;
    walk: for (let i = end - 1; i >= 0; i--) {
      const block = blocks[i]!;
      if (block.type === "pageBreak") break;
      const items = plan.items.get(i);
      const pieces = block.type === "list" ? block.items.map((_, k) => k).reverse() : [-1];
      for (const k of pieces) {
        if (lines >= lastPageLines) break walk;
        const keep = k >= 0 ? items![k]! : plan.blocks[i]!;
        if (!first) keep.withNext = true;
        first = false;
        // A table carries its last rows over under its repeated header: lines enough of its own.
        if (block.type === "table") break walk;
        const own = k >= 0 ? surelyLines((block as Extract<Block, { type: "list" }>).items[k]!, styleSheet.paragraphs.listItem.size, textWidth - styleSheet.list.indent) : blockLines(block);
        // A paragraph or item may still split if whatever part of it ends up here makes the lines:
        // at least its widows when split, all of it (at least `own`) when not.
        const splittable = block.type === "paragraph" || (block.type === "list" && !items![k]!.together);
        if (splittable && lines + Math.min(own, widows) >= lastPageLines) break walk;
        keep.together = true;
        lines += own;
      }
    }
  }
  for (const [i, items] of plan.items) plan.blocks[i] = { withNext: items[items.length - 1]!.withNext, together: items.every((item) => item.together) };
  return plan;
}

/** The keep of item `item` of the list that is block `block`. */
export function itemKeep(plan: KeepPlan, block: number, item: number): Keep {
  return plan.items.get(block)?.[item] ?? NONE;
}

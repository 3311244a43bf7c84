// Pagination as a pure pass over measured blocks, after pdfme's
// dynamicTemplate.ts: it sees only heights, places at least one unit per
// page, keeps a block with the next one when asked (headings), keeps a few
// lines of a paragraph together at the foot and the head of a page (no lone
// lines), and repeats a block's header (a table's header row) on every page it
// continues to. It never mutates its input. Between two blocks is the larger
// of the first one's space after and the second one's space before, as Word
// and LibreOffice space paragraphs; space before is dropped at the top of a page.

/** A block reduced to what pagination needs. */
export interface FlowBlock {
  /** Heights of the pieces that may end up on different pages (lines, table rows), in order. */
  readonly units: readonly number[];
  readonly spaceBefore: number;
  readonly spaceAfter: number;
  /** Start on the same page as the beginning of the next block (headings). */
  readonly keepWithNext: boolean;
  /** Fewest units left at the foot of a page when the block is split (orphans). */
  readonly minHead: number;
  /** Fewest units carried to the head of the next page (widows). */
  readonly minTail: number;
  /** Height drawn above the units of every fragment of the block (a table's header row); 0 if none. */
  readonly repeat: number;
  /** Start a new page before this block (an explicit page break; it has no units). */
  readonly breakBefore: boolean;
}

/** Part of a block on one page: units [from, to), drawn from `y` (points below the top of the text area). */
export interface Fragment {
  readonly block: number;
  readonly from: number;
  readonly to: number;
  readonly y: number;
}

export type Page = readonly Fragment[];

const EPSILON = 0.01;

function fullHeight(block: FlowBlock): number {
  return block.repeat + block.units.reduce((a, h) => a + h, 0);
}

/** Space between two blocks: the larger of the first one's space after and the second one's space before. */
function gap(above: FlowBlock, below: FlowBlock): number {
  return Math.max(above.spaceAfter, below.spaceBefore);
}

/** Height needed to start block i (after its space before) together with the blocks it is kept with. */
function keepChainHeight(blocks: readonly FlowBlock[], i: number): number {
  let need = 0;
  let j = i;
  for (; j < blocks.length && blocks[j]!.keepWithNext; j++) {
    need += (j === i ? 0 : gap(blocks[j - 1]!, blocks[j]!)) + fullHeight(blocks[j]!);
  }
  const next = blocks[j];
  if (next && j > i && !next.breakBefore && next.units.length > 0) {
    const head = Math.min(next.minHead, next.units.length);
    need += gap(blocks[j - 1]!, next) + next.repeat + next.units.slice(0, head).reduce((a, h) => a + h, 0);
  }
  return need;
}

/**
 * Places blocks on pages whose text area is `pageHeight` points tall.
 * Always returns at least one page.
 */
export function paginate(blocks: readonly FlowBlock[], pageHeight: number): Page[] {
  const pages: Fragment[][] = [[]];
  /** Bottom of what stands on the current page, its last block's space after not included. */
  let y = 0;
  /** Space after the last block placed on the current page. */
  let after = 0;
  const current = () => pages[pages.length - 1]!;
  const newPage = () => {
    pages.push([]);
    y = 0;
    after = 0;
  };

  blocks.forEach((block, index) => {
    if (block.breakBefore && current().length > 0) newPage();
    const n = block.units.length;
    if (n === 0) return;
    if (block.keepWithNext && y > 0) {
      const need = keepChainHeight(blocks, index);
      if (y + Math.max(after, block.spaceBefore) + need > pageHeight + EPSILON && need <= pageHeight) newPage();
    }
    let from = 0;
    while (from < n) {
      const before = y > 0 ? Math.max(after, block.spaceBefore) : 0;
      const available = pageHeight - y - before - block.repeat;
      let fit = from;
      let height = 0;
      while (fit < n && height + block.units[fit]! <= available + EPSILON) {
        height += block.units[fit]!;
        fit++;
      }
      if (fit === n) {
        current().push({ block: index, from, to: n, y: y + before });
        y += before + block.repeat + height;
        after = block.spaceAfter;
        return;
      }
      // The block must be split: units [from, fit) fit here.
      let take = fit - from;
      const left = n - fit;
      if (left < block.minTail) take -= block.minTail - left;
      const minHere = from === 0 ? block.minHead : 1;
      if (take < minHere) {
        if (y > 0) {
          newPage();
          continue;
        }
        // At the top of an empty page: place what fits, at least one unit,
        // whatever the orphan and widow rules say.
        take = Math.max(1, fit - from);
      }
      current().push({ block: index, from, to: from + take, y: y + before });
      from += take;
      newPage();
    }
  });
  // A trailing page break leaves an empty last page; drop it.
  if (pages.length > 1 && current().length === 0) pages.pop();
  return pages;
}

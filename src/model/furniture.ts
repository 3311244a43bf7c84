// Which lines of the page header are page furniture and which are the
// paper's facts. The first page's header holds both: the sender, the
// handläggare, the Dnr, the date and the addressee are facts a reader must
// get (Matterhorn 01-002: real content, in reading order), while "Sida X (Y)"
// and the UTKAST mark belong to the page. Every writer asks here, so the
// PDF's tags, the Word body and the printed web page agree.
import type { Inline } from "./document.js";
import { DRAFT_WORD } from "./draft.js";

const hasField = (nodes: Inline[]): boolean => nodes.some((n) => n.type === "field" || (n.type !== "text" && hasField(n.children)));

/** The draft mark markDraft puts at the head of the right column: UTKAST in bold, alone on its line. */
const isDraftMark = (line: Inline[]): boolean =>
  line.length === 1 && line[0]!.type === "strong" && line[0]!.children.length === 1 && line[0]!.children[0]!.type === "text" && line[0]!.children[0]!.value === DRAFT_WORD;

/** A line of page furniture: it holds a page number or count, or it is the draft mark. */
export function isPageFurniture(line: Inline[]): boolean {
  return hasField(line) || isDraftMark(line);
}


// Word-level diffs of prose (reasons, criteria, titles), with the `diff` package.
import { diffWords } from "diff";

/** A piece of a word-level diff. */
export interface WordPart {
  op: "same" | "del" | "ins";
  text: string;
}

export function wordDiff(before: string, after: string): WordPart[] {
  return diffWords(before, after).map((c) => ({ op: c.added ? "ins" : c.removed ? "del" : "same", text: c.value }));
}

// No page holds only the tail of a list, a lone heading or one line: every
// page of a document of more than one page has at least three lines of body
// text (styleSheet.keep.lastPageLines), counted in the PDF as a reader sees
// it (tests/helpers/page-ends.ts). The full sweep over rounds of 1–60
// applications is `npx tsx bench/page-ends.ts` (about two minutes on two
// busy cores); here, the real rounds and the sizes where the sweep found a
// page of one line before the keep rules (2, 24, 48: the last list item of
// the tjänsteutlåtande alone) or where a document gains a page now (47, 57).
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderFile } from "./helpers/build.js";
import { bodyLinesPerPage, shortPages, sweepRound } from "./helpers/page-ends.js";
import { loadRound } from "./helpers/synthetic-round.js";

const rounds = readdirSync("rounds").filter((f) => f.endsWith(".yaml")).map((f) => `rounds/${f}`);

describe("no page of a document of several pages holds fewer than three lines of body text", () => {
  for (const round of rounds) {
    it(round, async () => {
      const rendered = await renderFile(round);
      const documents = [];
      for (const file of rendered.files.filter((f) => f.name.endsWith(".pdf"))) documents.push({ document: file.name, lines: await bodyLinesPerPage(file.bytes) });
      expect(shortPages(documents)).toEqual([]);
    });
  }

  for (const n of [2, 24, 47, 48, 57]) {
    it(`a round of ${n} applications`, async () => {
      const documents = await sweepRound(await loadRound("rounds/2024.yaml"), n);
      expect(documents.length).toBeGreaterThan(5);
      expect(shortPages(documents)).toEqual([]);
    });
  }
});

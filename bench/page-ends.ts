// The full page-end sweep: rounds of 1–60 applications (or the sizes given),
// every document as PDF, and the pages that hold fewer than three lines of
// body text without being their document's only page. Prints one line per
// size and the sizes where some document gains a page (the boundary sizes
// tests/page-ends.test.ts samples). Run: npx tsx bench/page-ends.ts [n…]
import { loadRound } from "../tests/helpers/synthetic-round.js";
import { shortPages, sweepRound } from "../tests/helpers/page-ends.js";

const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : Array.from({ length: 60 }, (_, i) => i + 1);
const base = await loadRound("rounds/2024.yaml");
const start = performance.now();
const previousPages = new Map<string, number>();
const boundaries: number[] = [];
let bad = 0;
for (const n of sizes) {
  const documents = await sweepRound(base, n);
  const short = shortPages(documents);
  bad += short.length;
  let grew = false;
  for (const d of documents) {
    if ((previousPages.get(d.document) ?? d.lines.length) < d.lines.length) grew = true;
    previousPages.set(d.document, d.lines.length);
  }
  if (grew) boundaries.push(n);
  const pages = documents.reduce((a, d) => a + d.lines.length, 0);
  const fewest = Math.min(...documents.filter((d) => d.lines.length > 1).flatMap((d) => d.lines));
  console.log(`${String(n).padStart(3)} ansökningar: ${documents.length} dokument, ${pages} sidor, minst ${fewest} rader på en sida av flera${short.length ? `  KORT: ${short.map((s) => `${s.document} s. ${s.page} (${s.lines})`).join(", ")}` : ""}`);
}
console.log(`\n${sizes.length} storlekar på ${((performance.now() - start) / 1000).toFixed(1)} s; sidor med färre än tre rader: ${bad}`);
console.log(`storlekar där ett dokument får en sida till: ${boundaries.join(" ")}`);

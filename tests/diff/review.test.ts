// The review report as the reviewer of a change reads it: an application that
// only got a new number (one was added before it) is not a changed decision,
// and a rule the new version breaks is in the report, with the same words as
// check, marked new when the old version did not break it.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { removeDir, ROUND_2024, runDiff, tempDir } from "./helpers.js";

let dir: string;
const base = readFileSync(ROUND_2024, "utf8");

beforeEach(() => {
  dir = tempDir("review");
});
afterEach(() => removeDir(dir));

/** 2024 with a new LUM application inserted as nr 2 and every later one renumbered. */
function withInsertedApplication(text: string): string {
  const start = text.indexOf("\nlum:\n");
  const end = text.indexOf("\nmul:\n");
  let lum = text.slice(start, end).replace(/^ {2}- nr: (\d+)$/gm, (line, n: string) => (Number(n) >= 2 ? `  - nr: ${Number(n) + 1}` : line));
  const anchor = "  - nr: 3\n    id: prata-om-det";
  if (!lum.includes(anchor)) throw new Error("test setup: anchor missing");
  lum = lum.replace(anchor, "  - nr: 2\n    id: nytt-projekt\n    förvaltning: Bromma\n    projekt: Nytt projekt\n    sökt: 400 000\n    beslut:\n      utfall: bifall\n\n" + anchor);
  return text.slice(0, start) + lum + text.slice(end);
}

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("the review report", () => {
  it("does not count renumbered applications as changed decisions", async () => {
    const before = write("före.yaml", base);
    const after = write("efter.yaml", withInsertedApplication(base));
    const { code, out } = await runDiff([before, after]);
    expect(code).toBe(0);
    expect(out).toContain("Tillagda ansökningar (1)");
    expect(out).toContain("LUM nr 2 ”Nytt projekt” (Bromma)");
    expect(out).not.toContain("Ändrat i förvaltningens förslag");
    expect(out).toContain("Omnumrerade ansökningar (13)");
    expect(out).toContain("LUM ”Digital Lots för samsjukliga” (Farsta): nr 4 → nr 5");
  });

  it("says which rules the new version breaks, in check's words, and which of them are new", async () => {
    const before = write("före.yaml", base);
    const broken = base
      .replace("  max_beviljade_lum_per_förvaltning: 2", "  max_beviljade_lum_per_förvaltning: 1")
      .replace(
        "    projekt: Förstärkt stöd till familjehem och vårdnadshavare\n    sökt: 500 000             # PLATSHÅLLARE\n    beslut:\n      utfall: avslag\n      motivering: bedöms inte uppfylla huvudkriteriet om nya arbetssätt/metoder.",
        "    projekt: Förstärkt stöd till familjehem och vårdnadshavare\n    sökt: 500 000             # PLATSHÅLLARE\n    beslut:\n      utfall: bifall",
      );
    expect(broken).not.toBe(base);
    const after = write("efter.yaml", broken);
    const { out } = await runDiff([before, after]);
    expect(out).toMatch(/Kontroll av den nya versionen: \d+ fel/);
    expect(out).toMatch(/Nytt: Fel på rad \d+: Farsta beviljas 2 LUM-ansökningar, men högst 1 får beviljas per förvaltning\. \[max-per-forvaltning\]/);
    // The placeholders are summed up in one line rather than listed one by one.
    expect(out).toMatch(/\d+ uppgifter är märkta PLATSHÅLLARE \(rad [\d, ]+\); dokumenten blir UTKAST\./);
  });

  it("says so when the new version breaks no rule", async () => {
    const before = write("före.yaml", base);
    const after = write("efter.yaml", withInsertedApplication(base));
    const { out } = await runDiff([before, after]);
    expect(out).toContain("Kontroll av den nya versionen: inga regelbrott");
  });
});

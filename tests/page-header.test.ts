// The PDF's page furniture (sidhuvud) stays above the body whatever it
// holds: a 320-character avdelning without a break point once wrapped down
// over the first lines of the body. It is cut to the room above the top
// margin, its last line ending in "…".
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkRounds, renderRound } from "../src/pipeline/index.js";
import { fileOf } from "./helpers/build.js";
import { geometry, pdfPages } from "./helpers/pdf.js";

describe("the PDF page header", () => {
  it("a 320-character unbroken avdelning is cut with … above the body, never over it", async () => {
    const name = "Avdelningsförvaltningsövergripande".repeat(10).slice(0, 320);
    const dir = mkdtempSync(join(tmpdir(), "lum-header-"));
    const path = join(dir, "2025.yaml");
    writeFileSync(path, readFileSync(join(import.meta.dirname, "..", "rounds", "2025.yaml"), "utf8").replace(/^avdelning: .*$/m, `avdelning: ${name}`));
    const { rounds, diagnostics } = await checkRounds([path]);
    expect(diagnostics.filter((d) => d.severity === "fel")).toEqual([]);
    const rendered = await renderRound(rounds[0]!);
    const [first] = await pdfPages(fileOf(rendered, "inriktning.pdf"));
    const furniture = first!.items.filter((i) => i.size === 9);
    const header = furniture.map((i) => i.str).join("");
    expect(header).toContain("Avdelningsförv");
    expect(header).toContain("…");
    // Every furniture line stands above the body's top margin, with a line's room to spare.
    expect(Math.max(...furniture.map((i) => i.baseline))).toBeLessThan(geometry.top - 9);
    const body = first!.items.filter((i) => i.size !== 9);
    expect(Math.min(...body.map((i) => i.baseline))).toBeGreaterThan(geometry.top);
  });
});

// File names never collide: names that slug alike ("Fårsta", "Farsta 2",
// "Farsta!", "Farsta-2") each get a file of their own, whatever the names.
import fc from "fast-check";
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { uniqueSlugs } from "../src/derive/figures.js";

const NEAR = ["Fårsta", "Farsta", "Farsta 2", "Farsta!", "Farsta-2", "farsta--2", "Farsta 2 2", "Farsta-2-2", "FARSTA 3", "Farsta–3", "Färsta", "Farsta 10", ""];

describe("file names from names", () => {
  it("are distinct for near-identical names in every order", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...NEAR, "Ö", "-", "Farsta-2-3", "x".repeat(300), `${"x".repeat(300)}!`), { minLength: 1 }), (names) => {
        const slugs = uniqueSlugs(names, "forvaltning");
        expect(new Set(slugs).size).toBe(names.length);
        for (const s of slugs) expect(s).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        for (const s of slugs) expect(s.length).toBeLessThanOrEqual(70);
      }),
    );
  });

  it("are distinct for any names", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: fc.constantFrom("a", "å", "A", "-", " ", "2", "!", "ö") }), { minLength: 1, maxLength: 30 }), (names) => {
        expect(new Set(uniqueSlugs(names, "x")).size).toBe(names.length);
      }),
    );
  });

  it("keep a name's own slug when another name only looks like it", () => {
    expect(uniqueSlugs(["Fårsta", "Farsta", "Farsta 2"], "f")).toEqual(["farsta", "farsta-3", "farsta-2"]);
    expect(uniqueSlugs(["Farsta!", "Farsta-2", "Farsta"], "f")).toEqual(["farsta", "farsta-2", "farsta-3"]);
  });

  it("give a letter for each of five förvaltningar whose names slug alike", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lum-slugs-"));
    cpSync(join(import.meta.dirname, "..", "rounds"), join(dir, "rounds"), { recursive: true });
    const path = join(dir, "rounds", "2024.yaml");
    let text = readFileSync(path, "utf8");
    const names = ["Fårsta", "Farsta 2", "Farsta!", "Farsta-2", "Färsta"];
    let i = 0;
    text = text.replace(/^(    förvaltning: )Farsta$/gm, (_, key: string) => `${key}"${names[i++ % names.length]}"`);
    expect(i).toBeGreaterThanOrEqual(2);
    // Every application of Södermalm, Kungsholmen … becomes one of the look-alikes.
    for (const other of ["Södermalm", "Kungsholmen", "Norrmalm", "Hägersten-Älvsjö"]) {
      text = text.replace(new RegExp(`^(    förvaltning: )${other}\\b.*$`, "gm"), (_, key: string) => `${key}"${names[i++ % names.length]}"`);
    }
    writeFileSync(path, text);
    // The anmälningsärenden refer to applicants by name; drop them for this test.
    writeFileSync(path, text.replace(/^anmälningsärenden:[\s\S]*?(?=^\S)/m, ""));
    const err: string[] = [];
    const code = await main(["build", "rounds/2024.yaml"], { out: () => {}, err: (l) => err.push(l), cwd: dir });
    expect(err.filter((l) => l.includes(": fel:"))).toEqual([]);
    expect(code).toBe(0);
    const letters = readdirSync(join(dir, "out", "2024", "beslutsmeddelanden")).filter((n) => n.endsWith(".docx"));
    const distinct = new Set(names.slice(0, Math.min(i, names.length)));
    expect(letters.filter((n) => /^f[a-z0-9-]*\.docx$/.test(n) && n.startsWith("farsta")).length).toBe(distinct.size);
  });
});

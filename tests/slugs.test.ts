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

  it("give an anmälningsärende each to five nämnder whose names slug alike", async () => {
    // Förvaltningar are canonical through the register; the nämnder of
    // anmälningsärenden are free text, so look-alikes reach the file names.
    const dir = mkdtempSync(join(tmpdir(), "lum-slugs-"));
    cpSync(join(import.meta.dirname, "..", "rounds"), join(dir, "rounds"), { recursive: true });
    const path = join(dir, "rounds", "2024.yaml");
    const text = readFileSync(path, "utf8");
    const entry = /^ {2}- nämnd: Farsta stadsdelsnämnd\n(?: {4}.*\n| {6}.*\n| {8}.*\n)+/m.exec(text)![0];
    const names = ["Fårsta stadsdelsnämnd", "Farsta stadsdelsnämnd 2", "Farsta stadsdelsnämnd!", "Farsta-stadsdelsnämnd-2", "Färsta stadsdelsnämnd"];
    writeFileSync(path, text.replace(entry, entry + names.map((n) => entry.replace("Farsta stadsdelsnämnd", `"${n}"`)).join("")));
    const err: string[] = [];
    const code = await main(["build", "rounds/2024.yaml"], { out: () => {}, err: (l) => err.push(l), cwd: dir });
    expect(err.filter((l) => l.includes(": fel:"))).toEqual([]);
    expect(code).toBe(0);
    const letters = readdirSync(join(dir, "out", "2024", "anmalningsarenden")).filter((n) => n.endsWith(".docx"));
    // Farsta's own and the five look-alikes, each in a file of its own; and the general one.
    expect(letters.filter((n) => n.startsWith("farsta"))).toHaveLength(6);
    expect(new Set(letters).size).toBe(letters.length);
  });
});

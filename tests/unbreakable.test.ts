// Unbreakable text: a 120-character name or a URL without break points lays
// out in steps proportional to its length, whatever the width it gets (a
// squeezed table column once got a negative or NaN width and breakLines
// never ended). The last test builds a round with a 300-character word in
// every text field.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isMap, isScalar, parseDocument, visit } from "yaml";
import { checkRounds, renderRound } from "../src/pipeline/index.js";
import { breakLines } from "../src/write/pdf/text.js";
import { renderFile } from "./helpers/build.js";

/** How many files a build of 2024 writes (rendered once per test run). */
const filesOf2024 = async () => (await renderFile(join(import.meta.dirname, "..", "rounds", "2024.yaml"))).files.length;

const run = (text: string) => [{ text, face: "serif-regular" as const, size: 11 }];
const joined = (lines: ReturnType<typeof breakLines>) => lines.map((l) => l.runs.map((r) => r.text).join("")).join("");

describe("breakLines", () => {
  const name = "Stadsdelsförvaltningen".repeat(6).slice(0, 120);
  it.each([[-40], [0], [Number.NaN], [3], [60]])("lays out a 120-character name in a width of %s", (width) => {
    const lines = breakLines(run(name), width);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.length).toBeLessThanOrEqual(name.length);
    expect(joined(lines).replaceAll("-", "")).toBe(name);
  });

  it("lays out a URL of 100 000 characters without break points", () => {
    const url = `https://example.org/${"a1b2c3d4e5".repeat(10_000)}`;
    const lines = breakLines(run(url), 450);
    expect(joined(lines).replaceAll("-", "")).toBe(url.replaceAll("-", ""));
    // Each line is nearly full: the cut is made where the line ends.
    expect(lines.length).toBeLessThan(url.length / 40);
  });
});

/** A word of 300 letters, different for each original text. */
function longWord(index: number): string {
  const head = `Ord${String.fromCharCode(97 + (index % 26))}${String.fromCharCode(97 + Math.floor(index / 26) % 26)}`;
  return (head + "långtordutanbrytpunkter".repeat(14)).slice(0, 300);
}

// Not free text: choices, ids, rule codes, and the names of förvaltningar,
// which must be those of the register (data/forvaltningar.yaml).
const NOT_TEXT = new Set(["utfall", "id", "status", "beslut", "regel", "förvaltning", "sökande"]);

/** The round with every free text replaced by a 300-character word (the same text by the same word). */
function stretch(text: string, words: Map<string, string>): string {
  const doc = parseDocument(text);
  const replace = (node: unknown) => {
    if (!isScalar(node) || typeof node.value !== "string" || /^\d{4}-\d{2}-\d{2}$|^[\d ]+( kr)?$/.test(node.value)) return;
    if (!words.has(node.value)) words.set(node.value, longWord(words.size));
    node.value = words.get(node.value)!;
  };
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && NOT_TEXT.has(String(pair.key.value))) return visit.SKIP;
      replace(pair.value);
      return undefined;
    },
    Seq(_, seq) {
      seq.items.forEach(replace);
    },
  });
  expect(isMap(doc.contents)).toBe(true);
  return doc.toString({ lineWidth: 0 });
}

describe("a round with a 300-character word in every text field", () => {
  it("builds every document", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lum-long-"));
    const words = new Map<string, string>();
    for (const year of ["2023", "2024"]) {
      writeFileSync(join(dir, `${year}.yaml`), stretch(readFileSync(join(import.meta.dirname, "..", "rounds", `${year}.yaml`), "utf8"), words));
    }
    const { rounds, diagnostics } = await checkRounds([join(dir, "2023.yaml"), join(dir, "2024.yaml")]);
    expect(diagnostics.filter((d) => d.severity === "fel")).toEqual([]);
    const rendered = await renderRound(rounds.find((r) => r.round.år === 2024)!);
    expect(rendered.files.length).toBe(await filesOf2024());
    const tu = new TextDecoder().decode(rendered.files.find((f) => f.name === "tjansteutlatande.txt")!.bytes);
    expect(tu).toContain(words.get("Digital Lots för samsjukliga"));
    expect(tu).toContain(words.get("Socialnämnden"));
    const pdf = rendered.files.find((f) => f.name === "tjansteutlatande.pdf")!;
    expect(new TextDecoder("latin1").decode(pdf.bytes.subarray(0, 5))).toBe("%PDF-");
  });
});

// Any name renders: letters from Polish, Vietnamese and the like come out as
// themselves in the PDF; a character the fonts cannot draw stops the build
// with a diagnostic at the YAML line, before anything is written.
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkRounds, renderRound } from "../../src/pipeline/index.js";
import { main } from "../../src/cli.js";
import type { DocumentModel } from "../../src/model/document.js";
import { writePdf } from "../../src/write/pdf/write-pdf.js";
import { fileOf } from "../helpers/build.js";
import { pdfPages } from "../helpers/pdf.js";
import { loadRound } from "../helpers/synthetic-round.js";

async function roundWith(replace: (text: string) => string): Promise<{ dir: string; file: string; text: string }> {
  const dir = await mkdtemp(join(tmpdir(), "glyphs-"));
  await cp("rounds/2024.yaml", join(dir, "2024.yaml"));
  const text = replace(await readFile(join(dir, "2024.yaml"), "utf8"));
  await writeFile(join(dir, "2024.yaml"), text);
  return { dir, file: join(dir, "2024.yaml"), text };
}

describe("characters in names", () => {
  it("Polish and Vietnamese names come out right in the PDF, also when typed decomposed", async () => {
    const base = await loadRound();
    const round = {
      ...base.round,
      handläggare: { ...base.round.handläggare, namn: "Nguye\u0302\u0303n Thi\u0323 Minh" },
      undertecknare: [{ namn: "Łukasz Żółć", titel: "Socialdirektör" }, ...base.round.undertecknare.slice(1)],
    };
    const rendered = await renderRound({ file: "x.yaml", round }, { only: "tjansteutlatande.pdf" });
    const text = (await pdfPages(fileOf(rendered, "tjansteutlatande.pdf"))).flatMap((p) => p.items.map((i) => i.str)).join("\n");
    expect(text).toContain("Łukasz Żółć");
    expect(text).toContain("Nguyễn Thị Minh".normalize("NFC"));
  });

  it("a character the fonts lack is an error at its line and column, and nothing is built", async () => {
    const { dir, file, text } = await roundWith((t) => t.replace("namn: Lina Blombergsson", "namn: Lina 🌷 Blombergsson"));
    const line = text.split("\n").findIndex((l) => l.includes("🌷")) + 1;
    const { rounds, diagnostics: all } = await checkRounds([file]);
    const diagnostics = all.filter((d) => d.code !== "platshallare");
    expect(rounds).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "tecken-saknas-i-typsnitt", severity: "fel", line, column: text.split("\n")[line - 1]!.indexOf("🌷") + 1 });
    expect(diagnostics[0]!.message).toContain("🌷");
    expect(diagnostics[0]!.message).toContain("U+1F337");

    const err: string[] = [];
    const out: string[] = [];
    const code = await main(["build", file], { out: (l) => out.push(l), err: (l) => err.push(l), cwd: process.cwd() });
    expect(code).toBe(1);
    expect(err.join("\n")).toContain(`2024.yaml:${line}:`);
    expect(err.join("\n")).toContain("Inga dokument har skrivits");
    expect(out).toEqual([]);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("the writer itself refuses a character no font has, naming it, rather than drawing an empty box", async () => {
    const base = await loadRound();
    const model: DocumentModel = {
      meta: { title: "T", author: "A", subject: "S", keywords: [], language: "sv-SE", date: new Date("2024-01-01T12:00:00Z") },
      furniture: { first: { left: [], right: [] }, rest: { left: [], right: [] } },
      blocks: [{ type: "paragraph", children: [{ type: "text", value: `${base.round.nämnd} \u{1F337}` }] }],
    };
    await expect(writePdf(model)).rejects.toThrow(/🌷.*U\+1F337/);
  });
});

// Golden files: what each generated document says, compared with a checked-in
// expected text. A wording or figure that changes by accident fails here;
// one that changes on purpose is accepted by regenerating the files:
//   npm run golden:update
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { docxParagraphs, fileOf, renderFile } from "./helpers/build.js";

const GOLDEN = join(import.meta.dirname, "golden");
const update = process.env.UPDATE_GOLDEN === "1";

function compare(path: string, actual: string) {
  const file = join(GOLDEN, path);
  if (update || !existsSync(file)) {
    if (!update) throw new Error(`golden file ${path} is missing; run npm run golden:update`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(actual).toBe(readFileSync(file, "utf8"));
}

const goldenNames = (year: string) => {
  const walk = (dir: string, prefix = ""): string[] =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory()
            ? walk(join(dir, e.name), `${prefix}${e.name}/`)
            : e.name.endsWith(".docx.txt") || e.name.endsWith(".html") || e.name === "bytes.sha256"
              ? []
              : [`${prefix}${e.name}`],
        )
      : [];
  return walk(join(GOLDEN, year)).sort();
};

describe.each(["2015", "2020", "2022", "2023", "2024", "2025"])("round %s", (year) => {
  it("text of every document matches its golden file, and no document is missing or new", async () => {
    const rendered = await renderFile(`rounds/${year}.yaml`);
    const texts = rendered.files.filter((f) => f.name.endsWith(".txt"));
    for (const f of texts) compare(`${year}/${f.name}`, new TextDecoder().decode(f.bytes));
    expect(texts.map((f) => f.name).sort()).toEqual(goldenNames(year));
  });

  // Every file as the build writes it, Word, PDF and HTML too, byte for byte:
  // a change of the code that should change nothing (as the move from
  // src/build.ts to src/pipeline/ was) is seen to change nothing.
  it("every file of the round has the same bytes as recorded (bytes.sha256), and no file is missing or new", async () => {
    const rendered = await renderFile(`rounds/${year}.yaml`);
    const lines = rendered.files
      .map((f) => `${createHash("sha256").update(f.bytes).digest("hex")}  ${f.name}`)
      .sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : 1));
    compare(`${year}/bytes.sha256`, `${lines.join("\n")}\n`);
  });

  it("text extracted from the main Word document matches its golden file", async () => {
    const rendered = await renderFile(`rounds/${year}.yaml`);
    const main = rendered.files.find((f) => f.name === "tjansteutlatande.docx") ?? rendered.files.find((f) => f.name.endsWith(".docx"))!;
    const docx = fileOf(rendered, main.name);
    // Both page headers (first page and the rest), then the body.
    const headers = [...(await docxParagraphs(docx, "word/header1.xml")), "", ...(await docxParagraphs(docx, "word/header2.xml"))];
    const body = await docxParagraphs(docx);
    compare(`${year}/${main.name}.txt`, [...headers, "", ...body].join("\n") + "\n");
  });
});

describe("HTML edition", () => {
  it("the 2024 tjänsteutlåtande's HTML matches its golden file", async () => {
    const rendered = await renderFile("rounds/2024.yaml");
    compare("2024/tjansteutlatande.html", new TextDecoder().decode(fileOf(rendered, "tjansteutlatande.html")));
  });
});


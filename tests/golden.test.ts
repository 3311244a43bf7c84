// Golden files: what each generated document says, compared with a checked-in
// expected text. A wording or figure that changes by accident fails here;
// one that changes on purpose is accepted by regenerating the files:
//   npm run golden:update
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
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

describe.each(["2023", "2024"])("round %s", (year) => {
  it("text of every document matches its golden file", async () => {
    const rendered = await renderFile(`rounds/${year}.yaml`);
    const texts = rendered.files.filter((f) => f.name.endsWith(".txt"));
    expect(texts.map((f) => f.name)).toEqual([
      "tjansteutlatande.txt",
      "bilaga-1-ansokningar-lum.txt",
      "bilaga-2-ansokningar-mul.txt",
    ]);
    for (const f of texts) compare(`${year}/${f.name}`, new TextDecoder().decode(f.bytes));
  });

  it("text extracted from the Word tjänsteutlåtande matches its golden file", async () => {
    const rendered = await renderFile(`rounds/${year}.yaml`);
    const docx = fileOf(rendered, "tjansteutlatande.docx");
    // Both page headers (first page and the rest), then the body.
    const headers = [...(await docxParagraphs(docx, "word/header1.xml")), "", ...(await docxParagraphs(docx, "word/header2.xml"))];
    const body = await docxParagraphs(docx);
    compare(`${year}/tjansteutlatande.docx.txt`, [...headers, "", ...body].join("\n") + "\n");
  });
});

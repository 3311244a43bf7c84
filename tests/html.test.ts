// The HTML edition: every page the build writes passes axe-core's
// accessibility rules, and has the structure a screen reader relies on.
import { JSDOM } from "./helpers/jsdom.js";
import { describe, expect, it } from "vitest";
import { axeViolations } from "./helpers/axe.js";
import { renderFile } from "./helpers/build.js";

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

it("the accessibility check is live: it finds the faults of a careless page", async () => {
  const careless = "<!doctype html><html><head><title>x</title></head><body><main><h1>a</h1><table><tr><td>b</td></tr></table><img src='x.png'></main></body></html>";
  const found = (await axeViolations(careless)).map((v) => v.split(":")[0]);
  expect(found).toContain("html-has-lang");
  expect(found).toContain("image-alt");
});

describe.each(["2015", "2020", "2022", "2023", "2024", "2025"])("HTML edition of %s", (year) => {
  it("has a page per document and an index linking each of them", async () => {
    const rendered = await renderFile(`rounds/${year}.yaml`);
    const pages = rendered.files.filter((f) => f.name.endsWith(".html") && f.name !== "index.html").map((f) => f.name);
    expect(pages.sort()).toEqual(rendered.documents.map((d) => `${d.name}.html`).sort());
    const index = new JSDOM(decode(rendered.files.find((f) => f.name === "index.html")!.bytes)).window.document;
    const links = [...index.querySelectorAll("main a")].map((a) => a.getAttribute("href"));
    // Each entry can be told from the others (two anmälningsärenden share a title, not a subject).
    const entries = [...index.querySelectorAll("main li")].map((li) => li.textContent);
    expect(new Set(entries).size).toBe(entries.length);
    for (const d of rendered.documents) {
      expect(links).toContain(`${d.name}.html`);
      expect(links).toContain(`${d.name}.pdf`);
      expect(links).toContain(`${d.name}.docx`);
    }
    // The whole case as one PDF, where the build wrote one, and every link leads to a file of the build.
    const names = rendered.files.map((f) => f.name);
    expect(links.includes("tjansteutlatande-med-bilagor.pdf")).toBe(names.includes("tjansteutlatande-med-bilagor.pdf"));
    for (const link of links) expect(names).toContain(decodeURI(link!));
  });

  it("axe-core finds no violations on any page", async () => {
    const rendered = await renderFile(`rounds/${year}.yaml`);
    const found: string[] = [];
    for (const f of rendered.files.filter((f) => f.name.endsWith(".html"))) {
      for (const v of await axeViolations(decode(f.bytes))) found.push(`${f.name}: ${v}`);
    }
    expect(found).toEqual([]);
  });

  it("pages are Swedish, titled, in a main landmark, with headings that skip no level and tables with captions and column headers", async () => {
    const rendered = await renderFile(`rounds/${year}.yaml`);
    for (const f of rendered.files.filter((f) => f.name.endsWith(".html"))) {
      const doc = new JSDOM(decode(f.bytes)).window.document;
      expect(doc.documentElement.lang, f.name).toBe("sv");
      expect(doc.title.length, f.name).toBeGreaterThan(0);
      expect(doc.querySelectorAll("main").length, f.name).toBe(1);
      const levels = [...doc.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((e) => Number(e.tagName[1]));
      expect(levels[0], f.name).toBe(1);
      levels.forEach((level, i) => i > 0 && expect(level, `${f.name} heading ${i}`).toBeLessThanOrEqual(levels[i - 1]! + 1));
      for (const table of doc.querySelectorAll("table")) {
        expect(table.querySelector("caption")?.textContent?.trim(), f.name).toBeTruthy();
        const headers = [...table.querySelectorAll("thead th")];
        expect(headers.length, f.name).toBeGreaterThan(0);
        expect(headers.every((th) => th.getAttribute("scope") === "col"), f.name).toBe(true);
      }
    }
  });
});

describe("the 2024 tjänsteutlåtande as HTML", () => {
  it("puts the first page's furniture in a header block, without page numbers", async () => {
    const rendered = await renderFile("rounds/2024.yaml");
    const doc = new JSDOM(decode(rendered.files.find((f) => f.name === "tjansteutlatande.html")!.bytes)).window.document;
    const header = doc.querySelector("body > header")!.textContent!;
    expect(header).toContain("Dnr 3.2-0000/2023");
    expect(header).toContain("Socialnämnden");
    expect(header).not.toContain("Sida");
  });

  it("right-aligns amounts and keeps their non-breaking spaces", async () => {
    const rendered = await renderFile("rounds/2024.yaml");
    const doc = new JSDOM(decode(rendered.files.find((f) => f.name === "tjansteutlatande.html")!.bytes)).window.document;
    const table = doc.querySelector("table")!;
    const amounts = [...table.querySelectorAll("tbody tr td:last-child")];
    expect(amounts.length).toBeGreaterThan(1);
    for (const cell of amounts) {
      expect(cell.className).toBe("tal");
      expect(cell.textContent).toMatch(/^\d{1,3}(\u00a0\d{3})*$/);
    }
    const css = doc.querySelector("style")!.textContent!;
    expect(css).toMatch(/td\.tal \{ text-align: right/);
    expect(css).toMatch(/td\.tal \{ white-space: nowrap/);
    expect(css).toMatch(/@page \{ size: A4/);
    expect(css).toMatch(/thead \{ display: table-header-group/);
    expect(css).toMatch(/tr, \.sidhuvud \{ break-inside: avoid/);
    expect(css).toMatch(/\.hall-ihop \{ break-inside: avoid/);
    expect(css).toMatch(/\.med-nasta \{ break-after: avoid/);
    expect(css).toMatch(/h1, h2, h3 \{[^}]*break-after: avoid/);
  });
});

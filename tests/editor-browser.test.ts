// The editor in a real browser (Chromium from Debian, driven by
// puppeteer-core), used from the keyboard as the secretary would: she types
// a mistake and sees its marker and message, fixes it, fixes a misspelled
// förvaltning from the marker's own suggestion, adds an application with
// completion, saves with Ctrl+S and sees the letter in the preview follow.
// axe-core checks the page. Skipped, and said so, where Chromium is missing.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Frame, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEditorPreview, type EditorPreview } from "../src/editor/start.js";
import { HANG_BOUND_MS } from "./helpers/bounds.js";
import { hasChromium, launchChromium, SKIP_MESSAGE } from "./helpers/browser.js";
import { roundsCopy } from "./helpers/preview.js";

/** Every wait in the browser gives up after HANG_BOUND_MS: generous for a busy machine, but a hang fails rather than stalls CI. */
const bound = { timeout: HANG_BOUND_MS, polling: 50 };

if (!hasChromium) {
  describe("the editor in Chromium", () => {
    it.skip(SKIP_MESSAGE, () => {});
  });
  console.warn(SKIP_MESSAGE);
}

describe.skipIf(!hasChromium)("the editor in Chromium", () => {
  let dir: string;
  let preview: EditorPreview;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const file = () => join(dir, "rounds", "2024.yaml");

  type Timing = { kontroller: number; andrad: number; markerad: number; view: { state: { doc: { toString(): string } } } };
  const checks = () => page.evaluate(() => (window as unknown as { redigerare: Timing }).redigerare.kontroller);
  /** Waits until the text as it is now has been checked and its markers drawn. */
  const checked = (after: number) =>
    page.waitForFunction(
      (n) => {
        const r = (window as unknown as { redigerare: Timing }).redigerare;
        return r.kontroller > n && r.markerad > r.andrad;
      },
      bound,
      after,
    );
  /** Puts the cursor at the end of a line of the file (1-based), as a click there would. */
  const toLineEnd = (line: number) =>
    page.evaluate((line) => {
      const view = (window as unknown as { redigerare: { view: import("@codemirror/view").EditorView } }).redigerare.view;
      view.dispatch({ selection: { anchor: view.state.doc.line(line).to } });
      view.focus();
    }, line);
  const text = () => page.evaluate(() => (window as unknown as { redigerare: Timing }).redigerare.view.state.doc.toString());
  const lineOf = (source: string, wanted: string, after = 0) => source.split("\n").findIndex((l, i) => i >= after && l === wanted) + 1;
  const press = async (key: string, times = 1) => {
    for (let i = 0; i < times; i++) await page.keyboard.press(key as never);
  };
  const chord = async (modifier: string, key: string) => {
    await page.keyboard.down(modifier as never);
    await page.keyboard.press(key as never);
    await page.keyboard.up(modifier as never);
  };
  const completionOpen = async () => {
    try {
      await page.waitForFunction(() => !!document.querySelector(".cm-tooltip-autocomplete:not(.cm-tooltip-autocomplete-disabled) li[aria-selected]"), bound);
      // CodeMirror takes no choice in the first 75 ms a list is shown (against picking by accident); a person is slower than that.
      await new Promise((resolve) => setTimeout(resolve, 150));
    } catch (error) {
      // Where the cursor was, to read in the failure.
      const at = await page.evaluate(() => {
        const view = (window as unknown as { redigerare: { view: import("@codemirror/view").EditorView } }).redigerare.view;
        const line = view.state.doc.lineAt(view.state.selection.main.head);
        return `rad ${line.number}: ${JSON.stringify(line.text)}, fokus på ${document.activeElement?.className}`;
      });
      throw new Error(`Förslagslistan visades inte (${at})`, { cause: error });
    }
  };
  const preview_ = async (): Promise<Frame> => {
    const handle = await page.$("#forhandsvisning");
    return (await handle!.contentFrame())!;
  };

  beforeAll(async () => {
    dir = roundsCopy(true);
    preview = await startEditorPreview({ cwd: dir, port: 0, templateRoot: join(dir, "templates"), log: () => {} });
    chromium = await launchChromium();
    page = await chromium.browser.newPage();
    // puppeteer's waits evaluate code in the page, which the page's own policy (no eval) would refuse.
    await page.setBypassCSP(true);
    await page.setViewport({ width: 1400, height: 900 });
    page.setDefaultTimeout(HANG_BOUND_MS);
    await page.goto(preview.editor.url(preview.url, "2024"), { waitUntil: "load" });
    await page.waitForFunction(() => document.body.dataset.kontroller !== undefined, bound);
  });
  afterAll(async () => {
    await chromium?.close();
    await preview?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows the round, its status and the checks' placeholders, and passes axe-core", async () => {
    expect(await page.$eval("h1", (e) => e.textContent)).toBe("Redigera rounds/2024.yaml");
    const status = await page.$eval("#status", (e) => e.textContent!);
    expect(status).toContain("22 ansökningar (LUM 14, MUL 8)");
    expect(status).toContain("23 platshållare kvar");
    expect(status).toContain("inga fel");
    expect(await page.$$eval(".cm-lintRange-warning", (e) => e.length)).toBeGreaterThan(0);
    const require = createRequire(import.meta.url);
    await page.addScriptTag({ content: readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
      const result = await axe.run(document, { resultTypes: ["violations"] });
      return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} — ${n.target.join(" ")}`));
    });
    expect(violations).toEqual([]);
    // The letter to Farsta, chosen in the list of the year's documents, is shown beside the file.
    await page.select("#dokument", "beslutsmeddelanden/farsta.html");
    await page.waitForFunction(() => /Sammanlagt beviljas Farsta 550\D000\Dkronor/.test((document.getElementById("forhandsvisning") as HTMLIFrameElement).contentDocument?.body?.textContent ?? ""), bound);
    expect(await page.$eval("#forhandsvisning", (e) => e.getAttribute("title"))).toBe("Förhandsgranskning av Beslut om utvecklingsmedel 2024 till Farsta");
  });

  it("a mistake typed gets its marker and Swedish message at the line, without saving; fixing it clears them", async () => {
    const before = readFileSync(file(), "utf8");
    const line = lineOf(await text(), "    sökt: 500 000", lineOf(await text(), "  - nr: 4"));
    let n = await checks();
    await toLineEnd(line);
    await press("Backspace", 7);
    await page.keyboard.type("femhundra");
    await checked(n);
    expect(await page.$$eval(".cm-lintRange-error", (e) => e.map((x) => x.textContent))).toEqual(["femhundra"]);
    const listed = await page.$eval("#diagnoser .diagnos.fel", (e) => e.textContent!);
    expect(listed).toContain(`Rad ${line}: fel`);
    expect(listed).toContain("ska vara ett belopp i hela kronor");
    expect(listed).toContain("Åtgärd:");
    expect(await page.$eval("#status", (e) => e.textContent)).toContain("1 fel");
    expect(readFileSync(file(), "utf8")).toBe(before);
    n = await checks();
    await press("Backspace", 9);
    await page.keyboard.type("450 000");
    await checked(n);
    expect(await page.$$eval(".cm-lintRange-error", (e) => e.length)).toBe(0);
    expect(await page.$eval("#status", (e) => e.textContent)).toContain("inga fel");
  });

  it("a misspelled förvaltning can be saved (she is told of the error) and is fixed from its marker's suggestion, by keyboard", async () => {
    const line = lineOf(await text(), "    förvaltning: Farsta", lineOf(await text(), "  - nr: 4"));
    let n = await checks();
    await toLineEnd(line);
    await press("Backspace", 6);
    await page.keyboard.type("Frasta");
    await press("Escape");
    await checked(n);
    const message = await page.$eval("#diagnoser .diagnos.fel", (e) => e.textContent!);
    expect(message).toContain('"Frasta" finns inte i stadens register över förvaltningar. Menade du "Farsta"?');
    // She may stop mid-edit: the save is made, and the page says the file has an error the build will refuse.
    await chord("Control", "s");
    await page.waitForFunction(() => /^Sparad .*, men filen har 1 fel: npm run build bygger den inte/.test(document.getElementById("sparstatus")!.textContent!), bound);
    expect(readFileSync(file(), "utf8")).toContain("    förvaltning: Frasta\n");
    n = await checks();
    // The fix is a button in the list under the editor: focus it and press Enter.
    await page.$eval("#diagnoser .diagnos.fel button:last-of-type", (b) => (b as HTMLButtonElement).focus());
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Ändra till Farsta");
    await press("Enter");
    await checked(n);
    expect((await text()).split("\n")[line - 1]).toBe("    förvaltning: Farsta");
    expect(await page.$eval("#status", (e) => e.textContent)).toContain("inga fel");
  });

  it("adds an application with completion: the snippet of required keys, a register name, an utfall", async () => {
    const source = await text();
    const mul = lineOf(source, "mul:");
    // The blank line after the last LUM application.
    const blank = source.split("\n").slice(0, mul).lastIndexOf("") + 1;
    await toLineEnd(blank);
    await page.keyboard.type("  ");
    await chord("Control", "Space");
    await completionOpen();
    expect(await page.$eval(".cm-tooltip-autocomplete li[aria-selected]", (e) => e.textContent)).toContain("- ny LUM-ansökan");
    await press("Enter");
    await page.keyboard.type("nytt-testprojekt");
    await press("Tab");
    await page.keyboard.type("Skarp");
    await completionOpen();
    expect(await page.$eval(".cm-tooltip-autocomplete li[aria-selected]", (e) => e.textContent)).toContain("Skarpnäck");
    await press("Enter");
    await press("Tab");
    await page.keyboard.type("Nytt testprojekt");
    await press("Tab");
    await page.keyboard.type("100 000");
    await press("Tab");
    await page.keyboard.type("bif");
    await completionOpen();
    await press("Enter");
    const n = await checks();
    await press("Escape");
    await checked(n);
    const added = (await text()).split("\n").slice(blank - 1, blank + 6);
    expect(added).toEqual([
      "  - nr: 15",
      "    id: nytt-testprojekt",
      "    förvaltning: Skarpnäck",
      "    projekt: Nytt testprojekt",
      "    sökt: 100 000",
      "    beslut:",
      "      utfall: bifall",
    ]);
    expect(await page.$eval("#status", (e) => e.textContent)).toContain("23 ansökningar (LUM 15, MUL 8)");
  });

  it("Ctrl+S saves the text as typed, and the letter in the preview follows", async () => {
    // The file on disk still has the misspelling saved above: the preview shows that error until she saves.
    expect(await (await preview_()).title()).toBe("Fel i rounds/2024.yaml");
    const typed = await text();
    await chord("Control", "s");
    await page.waitForFunction(() => document.getElementById("sparstatus")!.textContent!.startsWith("Sparad"), bound);
    expect(readFileSync(file(), "utf8")).toBe(typed);
    // The preview page reloads itself after the build: Farsta's application nr 4 now asks 450 000.
    await page.waitForFunction(
      () => {
        const frame = document.getElementById("forhandsvisning") as HTMLIFrameElement;
        return /Sammanlagt beviljas Farsta 500\D000\Dkronor/.test(frame.contentDocument?.body?.textContent ?? "");
      },
      bound,
    );
    expect(await page.$eval("#sparstatus", (e) => e.textContent)).not.toContain("fel");
  });
  it("a file changed on disk since it was opened is not overwritten: both are shown, and she chooses", async () => {
    const line = lineOf(await text(), "    sökt: 450 000");
    await toLineEnd(line);
    await press("Backspace", 7);
    await page.keyboard.type("425 000");
    const mine = await text();
    // A colleague saves the file meanwhile, with another title.
    const theirs = readFileSync(file(), "utf8").replace(/^titel: (.*)$/m, "titel: $1 (kollegans version)");
    writeFileSync(file(), theirs);
    await chord("Control", "s");
    await page.waitForFunction(() => (document.getElementById("konflikt") as HTMLDialogElement).open, bound);
    const shown = await page.$eval("#konflikt-skillnad", (e) => ({ removed: [...e.querySelectorAll("del")].map((d) => d.textContent), added: [...e.querySelectorAll("ins")].map((d) => d.textContent) }));
    expect(shown.removed.join("")).toContain("(kollegans version)");
    expect(shown.removed.join("")).toContain("sökt: 450 000");
    expect(shown.added.join("")).toContain("sökt: 425 000");
    expect(readFileSync(file(), "utf8")).toBe(theirs);
    // Keyboard: the dialog has the focus; Tab to "Spara min version" and Enter.
    expect(await page.evaluate(() => document.activeElement?.closest("dialog")?.id)).toBe("konflikt");
    await page.$eval("#konflikt-min", (b) => (b as HTMLButtonElement).focus());
    await press("Enter");
    await page.waitForFunction(() => document.getElementById("sparstatus")!.textContent!.startsWith("Sparad"), bound);
    expect(readFileSync(file(), "utf8")).toBe(mine);
  });

  it("lists the saved versions, shows how one differs, and restores it into the editor for saving", async () => {
    await page.$eval("#visa-versioner", (b) => (b as HTMLButtonElement).focus());
    await press("Enter");
    await page.waitForFunction(() => document.querySelectorAll("#versionslista button").length > 0, bound);
    const versions = await page.$$eval("#versionslista button", (b) => b.map((x) => x.textContent));
    // The file as it was before the first save, and every save since (three in these tests).
    expect(versions.length).toBeGreaterThanOrEqual(4);
    // The oldest is the file as it was opened: restore it.
    await page.$eval("#versionslista li:last-child button", (b) => (b as HTMLButtonElement).focus());
    await press("Enter");
    await page.waitForFunction(() => !(document.getElementById("version-skillnad") as HTMLElement).hidden, bound);
    expect(await page.$eval("#version-skillnad", (e) => [...e.querySelectorAll("ins")].map((i) => i.textContent).join(""))).toContain("sökt: 500 000");
    await page.$eval("#version-aterstall", (b) => (b as HTMLButtonElement).focus());
    await press("Enter");
    const original = readFileSync(join(import.meta.dirname, "..", "rounds", "2024.yaml"), "utf8");
    expect(await text()).toBe(original);
    expect(await page.$eval("#sparstatus", (e) => e.textContent)).toContain("återställd i redigeraren");
    await chord("Control", "s");
    await page.waitForFunction(() => document.getElementById("sparstatus")!.textContent!.startsWith("Sparad"), bound);
    expect(readFileSync(file(), "utf8")).toBe(original);
  });
});

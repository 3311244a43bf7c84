// The preview server over real HTTP: a saved edit reaches the open page
// (reload event, new text), a broken edit shows the diagnostic with its
// line instead of the documents, the last good version stays reachable, and
// nothing is written to out/.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/forhandsgranska.js";
import { startPreview, type Preview } from "../src/preview/server.js";
import { axeViolations } from "./helpers/axe.js";
import { events, roundsCopy } from "./helpers/preview.js";

describe("preview server", () => {
  let dir: string;
  let preview: Preview;
  let listen: Awaited<ReturnType<typeof events>>;
  const log: string[] = [];
  const file = () => join(dir, "rounds", "2024.yaml");
  const get = async (path: string) => {
    const response = await fetch(new URL(path, preview.url));
    return { status: response.status, body: await response.text() };
  };
  /** Writes the round file and waits until the preview has rebuilt it. */
  const save = async (text: string) => {
    const built = listen.next("2024");
    writeFileSync(file(), text);
    await built;
  };

  beforeAll(async () => {
    dir = roundsCopy(true);
    preview = await startPreview({ cwd: dir, port: 0, templateRoot: join(dir, "templates"), log: (l) => log.push(l) });
    listen = await events(preview.url);
  });
  afterAll(async () => {
    listen?.close();
    await preview?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves on 127.0.0.1 an overview linking every round's documents", async () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const { status, body } = await get("/");
    expect(status).toBe(200);
    expect(body).toContain('href="/2024/tjansteutlatande.html"');
    expect(body).toContain('href="/2025/inriktning.html"');
    expect(await axeViolations(body)).toEqual([]);
  });

  it("a saved edit sends the reload event and the page then has the new text", async () => {
    const original = readFileSync(file(), "utf8");
    await save(original.replace(/^titel: (.*)$/m, "titel: $1 – ändrad i förhandsgranskningen"));
    const { body } = await get("/2024/tjansteutlatande.html");
    expect(body).toContain("2024 – ändrad i förhandsgranskningen</h1>");
    expect(body).toContain("new EventSource");
    // 2024 still has placeholders: the preview marks the draft as the build does.
    expect(body).toContain("<strong>UTKAST</strong> – ");
    expect(log.some((l) => /^rounds\/2024\.yaml: byggd på \d+ ms\.$/.test(l))).toBe(true);
  });

  it("a broken edit shows the Swedish diagnostic with file, line and source line, and keeps the last good version a click away", async () => {
    const good = readFileSync(file(), "utf8");
    const lines = good.split("\n");
    const at = lines.findIndex((l) => /^ {4}sökt: /.test(l));
    lines[at] = "    sökt: femhundratusen";
    await save(lines.join("\n"));
    try {
      const { status, body } = await get("/2024/tjansteutlatande.html");
      expect(status).toBe(200);
      expect(body).toContain("rounds/2024.yaml har fel");
      expect(body).toContain(`rounds/2024.yaml, rad ${at + 1}, tecken 11: fel`);
      expect(body).toContain("ska vara ett belopp i hela kronor");
      expect(body).toContain(`${at + 1} |     sökt: femhundratusen`);
      expect(body).not.toContain("Förvaltningens förslag till beslut");
      expect(await axeViolations(body)).toEqual([]);
      expect(body).toContain('href="/2024/senast-fungerande/tjansteutlatande.html"');
      const last = await get("/2024/senast-fungerande/tjansteutlatande.html");
      expect(last.body).toContain("2024 – ändrad i förhandsgranskningen</h1>");
      expect(last.body).toContain("Senaste fungerande versionen");
      expect((await get("/")).body).toContain("Filen har fel");
      expect(existsSync(join(dir, "out"))).toBe(false);
    } finally {
      // Mended, the documents are back.
      await save(good);
    }
    expect((await get("/2024/tjansteutlatande.html")).body).toContain("Förvaltningens förslag till beslut");
    // A page left open on the last good version moves to the current one.
    const moved = await fetch(new URL("/2024/senast-fungerande/tjansteutlatande.html", preview.url), { redirect: "manual" });
    expect(moved.status).toBe(302);
    expect(moved.headers.get("location")).toBe("/2024/tjansteutlatande.html");
  });

  it("a saved template is read again and the round rebuilt with it", async () => {
    const template = join(dir, "templates", "2024", "tjansteutlatande.md.hbs");
    const built = listen.next("2024");
    writeFileSync(template, readFileSync(template, "utf8").replace("## Sammanfattning\n", "## Sammanfattning i korthet\n"));
    await built;
    expect((await get("/2024/tjansteutlatande.html")).body).toContain("<h2>Sammanfattning i korthet</h2>");
  });

  it("the served pages (a document with the preview's bar, the year's index) pass axe-core", async () => {
    for (const path of ["/2024/tjansteutlatande.html", "/2024/"]) {
      const { status, body } = await get(path);
      expect(status, path).toBe(200);
      expect(await axeViolations(body), path).toEqual([]);
    }
    expect((await get("/2024/")).body).toContain('href="tjansteutlatande.html"');
  });

  it("a new round file appears in the overview, and leaves it when removed", async () => {
    const copy = join(dir, "rounds", "2026.yaml");
    const added = listen.next("2026");
    writeFileSync(copy, readFileSync(join(dir, "rounds", "2025.yaml"), "utf8"));
    await added;
    expect((await get("/")).body).toContain("<h2>rounds/2026.yaml</h2>");
    const removed = listen.next("2026");
    rmSync(copy);
    await removed;
    expect((await get("/")).body).not.toContain("rounds/2026.yaml");
  });

  it("an unknown page is a Swedish 404", async () => {
    const { status, body } = await get("/2024/finns-inte.html");
    expect(status).toBe(404);
    expect(body).toContain("Sidan finns inte");
  });

  it("writes nothing to out/ at any point", () => {
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});

describe("npm run forhandsgranska", () => {
  it("starts, says where to open it, and stops cleanly when asked (Ctrl-C)", async () => {
    const dir = roundsCopy();
    const out: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const code = main(["--port", "0"], {
      out: (l) => {
        out.push(l);
        if (l.startsWith("Förhandsgranskningen körs")) stop();
      },
      err: (l) => out.push(l),
      cwd: dir,
      stop: stopped,
    });
    expect(await code).toBe(0);
    expect(out.find((l) => l.startsWith("Förhandsgranskningen körs"))).toMatch(/öppna http:\/\/127\.0\.0\.1:\d+\/ i webbläsaren\. Avsluta med Ctrl-C\./);
    expect(out.at(-1)).toBe("Förhandsgranskningen är stoppad.");
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a port that is not a number, in Swedish", async () => {
    const err: string[] = [];
    const code = await main(["--port", "åtta"], { out: () => {}, err: (l) => err.push(l), cwd: ".", stop: new Promise(() => {}) });
    expect(code).toBe(2);
    expect(err[0]).toContain("Porten ska vara ett tal mellan 0 och 65535, inte åtta.");
  });
});

// The editor's server side over real HTTP: the checks on unsaved text come
// back at their line and column with the Åtgärd and, for a misspelled
// förvaltning, the fix; saving is atomic, keeps every byte she did not
// touch, refuses to overwrite a file changed on disk since it was read,
// keeps the last 20 versions in .versioner/ and allows a save with errors
// (which the build still refuses); and nothing answers without the token,
// under another host name, or from another site.
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRounds } from "../src/pipeline/check.js";
import { TOKEN_HEADER } from "../src/editor/api.js";
import { startEditorPreview, type EditorPreview } from "../src/editor/start.js";
import { VERSIONS_KEPT } from "../src/editor/store.js";
import { HANG_BOUND_MS } from "./helpers/bounds.js";
import { events, roundsCopy } from "./helpers/preview.js";

const TOKEN = "provnyckel-för-testerna";

describe("the editor's server", () => {
  let dir: string;
  let preview: EditorPreview;
  let origin: string;
  const file = () => join(dir, "rounds", "2024.yaml");

  /** A call from the editor's own page: its token, its origin. */
  const api = (path: string, init: RequestInit = {}) =>
    fetch(new URL(`/redigera/api/2024/${path}`, preview.url), {
      ...init,
      headers: { [TOKEN_HEADER]: TOKEN, origin, ...(init.headers as Record<string, string> | undefined) },
    });
  const check = async (text: string) => (await (await api("kontroll", { method: "POST", body: text })).json()) as {
    diagnostics: { code: string; severity: string; line: number; column: number; message: string; hint: string; fixes: { text: string }[] }[];
    status: { lum: number; mul: number; fel: number; platshallare: number; sokt?: number } | undefined;
  };
  const save = (text: string, base: string, force = false) =>
    api("spara", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text, base, force }) });
  const read = async () => (await (await api("fil")).json()) as { text: string; hash: string };

  /** A request with headers fetch will not send as given (Host). */
  const raw = (path: string, headers: Record<string, string>, method = "GET", body?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(path, preview.url);
      const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers }, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on("error", reject);
      req.end(body);
    });

  beforeAll(async () => {
    dir = roundsCopy(true);
    preview = await startEditorPreview({ cwd: dir, port: 0, templateRoot: join(dir, "templates"), log: () => {}, token: TOKEN });
    origin = new URL(preview.url).origin;
  });
  afterAll(async () => {
    await preview?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints an address with the token, and serves the page only with it", async () => {
    expect(preview.editorUrl).toBe(`${preview.url}redigera/?nyckel=${encodeURIComponent(TOKEN)}`);
    const page = await fetch(preview.editor.url(preview.url, "2024"));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<title>Redigera rounds/2024.yaml</title>");
    expect(html).toContain('src="/2024/tjansteutlatande.html"');
    expect((await fetch(new URL("/redigera/2024/", preview.url))).status).toBe(403);
    expect((await fetch(new URL("/redigera/2024/?nyckel=fel-nyckel", preview.url))).status).toBe(403);
    const script = await fetch(new URL("/redigera/klient.js", preview.url));
    expect(script.status).toBe(200);
    expect(await script.text()).toContain("cm-editor");
  });

  it("answers nothing under another host name (DNS rebinding), and takes no write from another site", async () => {
    const port = new URL(preview.url).port;
    const rebound = await raw(`/redigera/api/2024/fil`, { host: `angripare.example:${port}`, [TOKEN_HEADER]: TOKEN });
    // Refused by the server's one Host check, before the editor sees it (421 Misdirected Request).
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain("år: 2024");
    const before = readFileSync(file(), "utf8");
    const { hash } = await read();
    const body = JSON.stringify({ text: "år: 2024\n", base: hash });
    for (const from of [{ origin: "http://angripare.example" }, {}] as Record<string, string>[]) {
      const attempt = await raw(`/redigera/api/2024/spara`, { host: `127.0.0.1:${port}`, [TOKEN_HEADER]: TOKEN, "content-type": "application/json", ...from }, "POST", body);
      expect(attempt.status).toBe(403);
    }
    const noToken = await fetch(new URL("/redigera/api/2024/spara", preview.url), { method: "POST", headers: { origin }, body });
    expect(noToken.status).toBe(403);
    expect(readFileSync(file(), "utf8")).toBe(before);
  });

  it("reads and writes only rounds/<year>.yaml: no other path, no link out of rounds/", async () => {
    for (const path of ["../../package.json", "..%2F..%2Fpackage.json", "2024.yaml", "round.schema"]) {
      const response = await fetch(new URL(`/redigera/api/${path}/fil`, preview.url), { headers: { [TOKEN_HEADER]: TOKEN } });
      expect(response.status, path).toBe(404);
    }
    const version = await api("versioner/..%2F..%2Frounds%2F2023");
    expect(version.status).toBe(400);
    symlinkSync("/etc/passwd", join(dir, "rounds", "2019.yaml"));
    try {
      const linked = await fetch(new URL(`/redigera/api/2019/fil`, preview.url), { headers: { [TOKEN_HEADER]: TOKEN } });
      expect(linked.status).toBe(400);
      expect(await linked.text()).toContain("inte en vanlig fil");
      const written = await fetch(new URL(`/redigera/api/2019/spara`, preview.url), {
        method: "POST",
        headers: { [TOKEN_HEADER]: TOKEN, origin, "content-type": "application/json" },
        body: JSON.stringify({ text: "x", base: "", force: true }),
      });
      expect(written.status).toBe(400);
    } finally {
      rmSync(join(dir, "rounds", "2019.yaml"));
    }
  });

  it("checks unsaved text as check does: each diagnostic at its line and column, with its Åtgärd", async () => {
    const { text } = await read();
    const lines = text.split("\n");
    const at = lines.findIndex((l) => l === "    sökt: 500 000");
    lines[at] = "    sökt: femhundratusen";
    const result = await check(lines.join("\n"));
    const error = result.diagnostics.find((d) => d.severity === "fel");
    expect(error).toMatchObject({ line: at + 1, column: 11 });
    expect(error?.message).toContain("ska vara ett belopp i hela kronor");
    expect(error?.hint.length).toBeGreaterThan(10);
    // The file on disk is not touched by a check.
    expect(readFileSync(file(), "utf8")).toBe(text);
  });

  it("offers the register's name for a misspelled förvaltning, and the status counts applications and sums", async () => {
    const { text } = await read();
    const clean = await check(text);
    expect(clean.status).toMatchObject({ lum: 14, mul: 8, fel: 0 });
    expect(clean.status?.sokt).toBeGreaterThan(0);
    // The placeholders are warnings at their lines (the value's, or the comment above a block's key), counted in the status.
    const placeholders = clean.diagnostics.filter((d) => d.code === "platshallare");
    expect(placeholders.map((d) => d.severity)).toEqual(placeholders.map(() => "varning"));
    expect(placeholders.length).toBe(clean.status?.platshallare);
    const source = text.split("\n");
    for (const d of placeholders) expect(source.slice(Math.max(0, d.line - 4), d.line).join("\n")).toContain("PLATSHÅLLARE");
    const lines = text.split("\n");
    const at = lines.findIndex((l) => l === "    förvaltning: Farsta");
    lines[at] = "    förvaltning: Frasta";
    const result = await check(lines.join("\n"));
    const unknown = result.diagnostics.find((d) => d.code === "okand-forvaltning");
    expect(unknown).toMatchObject({ line: at + 1, column: 18 });
    expect(unknown?.message).toContain('Menade du "Farsta"?');
    expect(unknown?.fixes.map((f) => f.text)).toEqual(["Farsta"]);
    expect(result.status).toMatchObject({ fel: 1 });
    expect(result.status?.sokt).toBeUndefined();
  });

  it("saves atomically, byte for byte, and refuses to overwrite a file changed on disk since it was read", async () => {
    const { text, hash } = await read();
    const edited = text.replace("    sökt: 500 000\n", "    sökt: 450 000\n");
    expect(edited).not.toBe(text);
    const saved = await save(edited, hash);
    expect(saved.status).toBe(200);
    const { hash: next } = (await saved.json()) as { hash: string };
    // Every comment and blank line she did not touch is as it was.
    expect(readFileSync(file(), "utf8")).toBe(edited);
    expect(readdirSync(join(dir, "rounds")).filter((n) => n.endsWith(".tmp"))).toEqual([]);

    // Someone else saves meanwhile: her save is refused and she gets both versions.
    const theirs = edited.replace(/^titel: (.*)$/m, "titel: $1 (ändrad av en kollega)");
    writeFileSync(file(), theirs);
    const mine = edited.replace("    sökt: 450 000\n", "    sökt: 440 000\n");
    const refused = await save(mine, next);
    expect(refused.status).toBe(409);
    const conflict = (await refused.json()) as { current: string; hash: string };
    expect(conflict.current).toBe(theirs);
    expect(readFileSync(file(), "utf8")).toBe(theirs);
    // She chooses hers.
    expect((await save(mine, conflict.hash)).status).toBe(200);
    expect(readFileSync(file(), "utf8")).toBe(mine);
  });

  it("allows a save with errors (the page says so, see editor-browser.test.ts); the build still refuses the file", async () => {
    const { text, hash } = await read();
    const broken = text.replace("    förvaltning: Farsta\n", "    förvaltning: Frasta\n");
    const response = await save(broken, hash);
    expect(response.status).toBe(200);
    expect(readFileSync(file(), "utf8")).toBe(broken);
    const { diagnostics } = await checkRounds([{ path: file(), shown: "rounds/2024.yaml" }]);
    expect(diagnostics.filter((d) => d.severity === "fel").map((d) => d.code)).toEqual(["okand-forvaltning"]);
    const { hash: after } = await read();
    expect((await save(text, after)).status).toBe(200);
  });

  it("keeps the last 20 saved versions in .versioner/ (git-ignored), lists them newest first, and gives each back", async () => {
    const { text } = await read();
    let { hash } = await read();
    const titles: string[] = [];
    for (let i = 1; i <= VERSIONS_KEPT + 3; i++) {
      const version = text.replace(/^titel: (.*)$/m, `titel: $1 (version ${i})`);
      titles.push(version);
      const response = await save(version, hash);
      expect(response.status).toBe(200);
      hash = ((await response.json()) as { hash: string }).hash;
    }
    const list = (await (await api("versioner")).json()) as { id: string; saved: string }[];
    expect(list).toHaveLength(VERSIONS_KEPT);
    expect(readdirSync(join(dir, ".versioner", "2024"))).toHaveLength(VERSIONS_KEPT);
    const newest = (await (await api(`versioner/${list[0]!.id}`)).json()) as { text: string };
    expect(newest.text).toBe(titles.at(-1));
    const oldest = (await (await api(`versioner/${list.at(-1)!.id}`)).json()) as { text: string };
    expect(oldest.text).toBe(titles.at(-VERSIONS_KEPT));
    expect(Date.parse(list[0]!.saved)).toBeGreaterThanOrEqual(Date.parse(list.at(-1)!.saved));
    const gitignore = readFileSync(join(import.meta.dirname, "..", ".gitignore"), "utf8");
    expect(gitignore.split("\n")).toContain(".versioner/");
  });

  it("a save reaches the preview: the round is rebuilt and the letter has the new amount", async () => {
    const listen = await events(preview.url);
    try {
      const { text, hash } = await read();
      const edited = text.replace(/( {2}- nr: 4\n(?: {4}.*\n)*? {4}sökt: )[\d ]+\n/, "$1300 000\n");
      expect(edited).not.toBe(text);
      let built = listen.next("2024");
      expect((await save(edited, hash)).status).toBe(200);
      // Builds of the saves before may still be on their way: the letter is read after each build, for some minutes at most.
      const deadline = Date.now() + HANG_BOUND_MS;
      let letter = "";
      while (Date.now() < deadline) {
        await built;
        built = listen.next("2024");
        letter = await (await fetch(new URL("/2024/beslutsmeddelanden/farsta.html", preview.url))).text();
        if (/Sammanlagt beviljas Farsta 350\D000\Dkronor/.test(letter)) break;
      }
      expect(letter).toMatch(/Sammanlagt beviljas Farsta 350\D000\Dkronor/);
    } finally {
      listen.close();
    }
  });

  it("writes nothing outside rounds/ and .versioner/", () => {
    expect(existsSync(join(dir, "out"))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual([".versioner", "rounds", "templates"]);
  });
});

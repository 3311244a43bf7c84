// `npm run ny-omgang -- 2026` as the secretary starts a new year: the file it
// writes checks with exactly the placeholder warnings and nothing else, it
// never overwrites, and the year's wording is copied to be reworded.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { main as cli } from "../src/cli.js";
import { main, shiftDate } from "../src/ny-omgang.js";
import { loadRoundFile } from "../src/load/load-round.js";
import { checkWording } from "../src/check/wording.js";
import { deriveFigures } from "../src/derive/figures.js";

const ROOT = join(import.meta.dirname, "..");
let dir: string;
let out: string[];
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lum-ny-omgang-"));
  cpSync(join(ROOT, "rounds"), join(dir, "rounds"), { recursive: true });
  cpSync(join(ROOT, "templates"), join(dir, "templates"), { recursive: true });
  out = [];
  err = [];
});

const io = () => ({ out: (l: string) => out.push(l), err: (l: string) => err.push(l), cwd: dir, templateRoot: join(dir, "templates") });
const check = async (...args: string[]) => {
  const lines: string[] = [];
  const code = await cli(["check", ...args], { out: (l) => lines.push(l), err: (l) => lines.push(l), cwd: dir });
  return { code, text: lines.join("\n") };
};

describe("ny-omgang", () => {
  it("writes rounds/2026.yaml that check answers with exactly its placeholder warnings", async () => {
    expect(await main(["2026"], io())).toBe(0);
    const text = readFileSync(join(dir, "rounds", "2026.yaml"), "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=./round.schema.json");
    expect(text).toContain("år: 2026\n");
    expect(text).toContain("lum: []\nmul: []");
    const marks = text.split("\n").filter((l) => /^\s*[^#\s].*#\s*PLATSHÅLLARE/.test(l)).length;
    const { code, text: said } = await check("rounds/2026.yaml");
    expect(code).toBe(0);
    const codes = [...said.matchAll(/\[([a-z0-9-]+)\]$/gm)].map((m) => m[1]);
    expect(codes.length).toBe(marks);
    expect(new Set(codes)).toEqual(new Set(["platshallare"]));
    expect(said).toContain(`inga fel (0 fel, ${marks} varningar)`);
    // --strict stops until they are filled in.
    expect((await check("--strict", "rounds/2026.yaml")).code).toBe(1);
  });

  it("moves the year-bound values to the new year and marks them; keeps criteria and rules", async () => {
    expect(await main(["2026", "--från", "rounds/2024.yaml"], io())).toBe(0);
    const text = readFileSync(join(dir, "rounds", "2026.yaml"), "utf8");
    const source = readFileSync(join(dir, "rounds", "2024.yaml"), "utf8");
    expect(text).toMatch(/^titel: .*studiebesök\/resor 2026 # PLATSHÅLLARE/m);
    expect(text).toMatch(/^dnr: "3\.2-0000\/2025" # PLATSHÅLLARE/m);
    expect(text).toMatch(/^datum: 2025-12-12 # PLATSHÅLLARE/m);
    expect(text).toMatch(/^återbetalning_senast: 2026-06-02 # PLATSHÅLLARE/m);
    for (const kept of ["max_belopp_lum: 500 000", "max_år_i_rad: 3", "Projektet ska bidra till utveckling och strategiskt värde", "Veronica Wolgast Carstorp"]) {
      expect(text).toContain(kept);
      expect(source).toContain(kept);
    }
    // Last year's case is gone: no meeting, no letters, no reports, no applications.
    for (const gone of ["sammanträde:", "anmälningsärenden:", "redovisningar:", "redovisning:", "utfall:", "2024-01-23", "2024-04-16"]) expect(text).not.toContain(gone);
    // Projects granted in 2024 that may go on are listed with their ids, as comments.
    expect(text).toMatch(/^#\s+id: digital-lots-samsjukliga\s+Farsta, ”Digital Lots för samsjukliga”, år 1 2024$/m);
    // A project already in its third year cannot continue.
    expect(text).not.toContain("id: tidigt-stod-eu-medborgare");
    expect(out.join("\n")).toContain("Skrev rounds/2026.yaml från rounds/2024.yaml (angiven med --från).");
  });

  it("refuses to overwrite a file that exists, and leaves it as it was", async () => {
    writeFileSync(join(dir, "rounds", "2026.yaml"), "# mitt utkast\n");
    expect(await main(["2026"], io())).toBe(1);
    expect(readFileSync(join(dir, "rounds", "2026.yaml"), "utf8")).toBe("# mitt utkast\n");
    expect(err.join("\n")).toContain("rounds/2026.yaml finns redan. ny-omgang skriver aldrig över en fil");
  });

  it("copies the wording the new year would use into templates/2026/, and never over an existing set", async () => {
    expect(existsSync(join(dir, "templates", "2026"))).toBe(false);
    expect(await main(["2026"], io())).toBe(0);
    expect(readFileSync(join(dir, "templates", "2026", "tjansteutlatande.md.hbs"), "utf8")).toBe(
      readFileSync(join(dir, "templates", "2024", "tjansteutlatande.md.hbs"), "utf8"),
    );
    expect(out.join("\n")).toContain("Kopierade texterna i templates/2024/ (närmast tidigare års texter) till templates/2026/");
  });

  it("starts a year older than every round from the oldest round and the oldest texts, and says which it used", async () => {
    expect(await main(["2012"], io())).toBe(0);
    const said = out.join("\n");
    expect(said).toContain("Skrev rounds/2012.yaml från rounds/2015.yaml (närmast senare omgång – det finns ingen före 2012).");
    expect(said).toContain("Kopierade texterna i templates/2015/ (de äldsta texterna som finns – inga är äldre än 2015) till templates/2012/");
    expect(existsSync(join(dir, "templates", "2012", "dokument.yaml"))).toBe(true);
    const text = readFileSync(join(dir, "rounds", "2012.yaml"), "utf8");
    expect(text).toContain("år: 2012\n");
    // Year-bound values moved back three years; nothing continues into a year before the source.
    expect(text).not.toMatch(/\b2015-\d\d-\d\d\b/);
    expect(text).not.toContain("kan fortsätta");
    // The file loads, and the copied texts can write it once the one fact their inriktning prints and
    // 2015 never gave is named (the CLI reads the project's own templates/, so this is checked directly).
    const loaded = await loadRoundFile(join(dir, "rounds", "2012.yaml"));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const wording = checkWording(loaded.round, deriveFigures(loaded.round), join(dir, "templates"));
    expect(wording.filter((d) => d.severity === "fel").map((d) => [d.code, d.message.replace(/\(.*\//, "(")])).toEqual([
      ["uppgift-saknas-for-dokument", expect.stringMatching(/^återbetalning_senast saknas i filen, men inriktning skriver ut det \(inriktning\.md\.hbs, rad \d+\)\.$/)],
    ]);
  });

  it("says which texts a year between rounds starts from", async () => {
    expect(await main(["2021"], io())).toBe(0);
    expect(out.join("\n")).toContain("Skrev rounds/2021.yaml från rounds/2020.yaml (närmast tidigare omgång).");
    expect(out.join("\n")).toContain("Kopierade texterna i templates/2020/ (närmast tidigare års texter) till templates/2021/");
  });

  it("answers a missing or malformed year, and --help, in Swedish", async () => {
    expect(await main([], io())).toBe(2);
    expect(err.join("\n")).toContain("Ange det nya årets årtal, till exempel 2026.");
    expect(await main(["tjugosex"], io())).toBe(2);
    expect(await main(["--help"], io())).toBe(0);
    expect(out.join("\n")).toContain("Användning:\n  npm run ny-omgang -- ÅR [--från FIL]");
  });

  it("moves 29 February to the 28th in a year without it", () => {
    expect(shiftDate("2024-02-29", 2)).toBe("2026-02-28");
    expect(shiftDate("2023-12-12", 3)).toBe("2026-12-12");
  });
});

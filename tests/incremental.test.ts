// Incremental builds as the secretary meets them: a second `npm run build`
// with nothing changed rewrites nothing and says so; a changed round file
// rebuilds its year (and the next, which compares with it), and what ends up
// in out/ is byte for byte what a full build from scratch writes.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { RECORD_NAME, toolFingerprint } from "../src/incremental.js";

const ROOT = join(import.meta.dirname, "..");
const dirs: string[] = [];

/** Three consecutive years are enough to show what is rebuilt; the other reference rounds would only add time. */
const ROUNDS = ["2023.yaml", "2024.yaml", "2025.yaml", "round.schema.json"];

/** A project folder with those rounds; `built`: with out/ as the first full build left it (copied, not rebuilt). */
function project(built = false): string {
  const d = mkdtempSync(join(tmpdir(), "lum-inkr-"));
  mkdirSync(join(d, "rounds"));
  for (const f of ROUNDS) cpSync(join(ROOT, "rounds", f), join(d, "rounds", f));
  if (built) cpSync(join(dir, "out"), join(d, "out"), { recursive: true });
  dirs.push(d);
  return d;
}

async function build(dir: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["build", ...args], { out: (l) => out.push(l), err: (l) => err.push(l), cwd: dir });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Every file under out/<year>/ folders, with its bytes (the record beside them left out). */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string, prefix: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else if (name !== RECORD_NAME) files.set(`${prefix}${name}`, readFileSync(path).toString("base64"));
    }
  };
  walk(join(dir, "out"), "");
  return files;
}

const edit = (dir: string, file: string, find: string, replace: string) => {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  if (!text.includes(find)) throw new Error(`test setup: "${find}" not in ${file}`);
  writeFileSync(path, text.replace(find, replace));
};

const rebuilt = (out: string, year: number) => new RegExp(`→ out/${year}/$`, "m").test(out);
const kept = (out: string, year: number) => out.includes(`→ out/${year}/ (oförändrat sedan förra bygget)`);

let dir: string;
beforeAll(async () => {
  dir = project();
  expect((await build(dir)).code).toBe(0);
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("a build with nothing changed", () => {
  it("rewrites nothing and says each year is unchanged with its number of files, not every file again", async () => {
    const folders = [2023, 2024, 2025].map((y) => statSync(join(dir, "out", String(y))).ino);
    const before = tree(dir);
    const again = await build(dir);
    expect(again.code).toBe(0);
    for (const y of [2023, 2024, 2025]) expect(kept(again.out, y)).toBe(true);
    expect(again.out).toMatch(/→ out\/2024\/ \(oförändrat sedan förra bygget\) – \d+ filer/);
    expect(again.out).not.toContain("  tjansteutlatande.pdf");
    expect(again.out).toContain("Inget protokollsutdrag, inga beslutsmeddelanden och inga anmälningsärenden ännu");
    // The folders were not swapped for new ones.
    expect([2023, 2024, 2025].map((y) => statSync(join(dir, "out", String(y))).ino)).toEqual(folders);
    expect(tree(dir)).toEqual(before);
  });

  it("rebuilds a year whose documents were changed or removed in out/", async () => {
    const d = project(true);
    // Moved to another folder, nothing is rebuilt either (the documents do not depend on where the project is).
    const moved = await build(d);
    for (const y of [2023, 2024, 2025]) expect(kept(moved.out, y)).toBe(true);
    rmSync(join(d, "out", "2024", "protokollsutdrag.pdf"));
    writeFileSync(join(d, "out", "2023", "tjansteutlatande.txt"), "ändrad för hand");
    // An empty folder is not what a full build writes either.
    mkdirSync(join(d, "out", "2025", "tom-mapp"));
    const again = await build(d);
    expect(rebuilt(again.out, 2024) && rebuilt(again.out, 2023) && rebuilt(again.out, 2025)).toBe(true);
    expect(existsSync(join(d, "out", "2025", "tom-mapp"))).toBe(false);
    expect(tree(d)).toEqual(tree(dir));
  });
});

describe("a changed round file", () => {
  it("rebuilds its own year only, and out/ is what a full build writes", async () => {
    const d = project(true);
    edit(d, "rounds/2025.yaml", "  namn: Anna Andersson", "  namn: Berit Bengtsson");
    const again = await build(d);
    expect(again.code).toBe(0);
    expect(rebuilt(again.out, 2025)).toBe(true);
    expect(kept(again.out, 2023) && kept(again.out, 2024)).toBe(true);
    expect(readFileSync(join(d, "out", "2025", "inriktning.txt"), "utf8")).toContain("Berit Bengtsson");

    const full = project();
    edit(full, "rounds/2025.yaml", "  namn: Anna Andersson", "  namn: Berit Bengtsson");
    await build(full);
    expect(tree(d)).toEqual(tree(full));
  });

  it("rebuilds the next year too when last year's round changed", async () => {
    const d = project(true);
    edit(d, "rounds/2023.yaml", "\når: 2023", "\n# En kommentar som inte ändrar något i dokumenten.\når: 2023");
    const again = await build(d);
    expect(rebuilt(again.out, 2023) && rebuilt(again.out, 2024)).toBe(true);
    expect(kept(again.out, 2025)).toBe(true);
    expect(tree(d)).toEqual(tree(dir));
  });

  it("keeps the other years when one file is built on its own; a later full build rebuilds only the year after it", async () => {
    const d = project(true);
    edit(d, "rounds/2024.yaml", "  namn: Anna Andersson", "  namn: Berit Bengtsson");
    const one = await build(d, "rounds/2024.yaml");
    expect(rebuilt(one.out, 2024)).toBe(true);
    expect(one.out).not.toContain("out/2023");
    const all = await build(d);
    expect(kept(all.out, 2023) && kept(all.out, 2024)).toBe(true);
    // 2025 compares with 2024, which changed.
    expect(rebuilt(all.out, 2025)).toBe(true);
  });
});

describe("diagnostics of an unchanged build", () => {
  it("are printed again, and --strict still stops on a warning", async () => {
    const d = project();
    edit(d, "rounds/2024.yaml", "      belopp: 250 000", "      belopp: 500 000");
    const first = await build(d);
    expect(first.code).toBe(0);
    expect(first.err).toContain("[delvis-utan-minskning]");
    const again = await build(d);
    expect(kept(again.out, 2024)).toBe(true);
    expect(again.err).toBe(first.err);
    const before = tree(d);
    const strict = await build(d, "--strict");
    expect(strict.code).toBe(1);
    expect(strict.err).toContain("fel: ");
    expect(strict.err).toContain("Inga dokument har skrivits eller ändrats i out/.");
    expect(tree(d)).toEqual(before);
  });
});

describe("one file of a round (--bara)", () => {
  it("writes that file beside the others and leaves them as they were; the next full build rebuilds the year", async () => {
    const d = project(true);
    edit(d, "rounds/2024.yaml", "  namn: Anna Andersson", "  namn: Berit Bengtsson");
    const before = tree(d);
    const one = await build(d, "rounds/2024.yaml", "--bara", "tjansteutlatande.txt");
    expect(one.code).toBe(0);
    expect(one.out).toBe("rounds/2024.yaml → out/2024/tjansteutlatande.txt");
    const after = tree(d);
    // Only that file changed, and it has the new name; the PDF beside it is still the old one.
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect([...after.keys()].filter((k) => after.get(k) !== before.get(k))).toEqual(["2024/tjansteutlatande.txt"]);
    expect(readFileSync(join(d, "out", "2024", "tjansteutlatande.txt"), "utf8")).toContain("Berit Bengtsson");
    // The year is no longer trusted as built: a full build rebuilds it (and 2025, which compares with it).
    const all = await build(d);
    expect(rebuilt(all.out, 2024) && rebuilt(all.out, 2025)).toBe(true);
    expect(kept(all.out, 2023)).toBe(true);
    const full = project();
    edit(full, "rounds/2024.yaml", "  namn: Anna Andersson", "  namn: Berit Bengtsson");
    await build(full);
    expect(tree(d)).toEqual(tree(full));
  });

  it("gives the same bytes as the whole build, for a document, a letter in a folder, the case PDF and the index", async () => {
    for (const name of ["bilaga-1-ansokningar-lum.pdf", "beslutsmeddelanden/farsta.docx", "tjansteutlatande-med-bilagor.pdf", "index.html"]) {
      const d = project();
      const one = await build(d, "rounds/2024.yaml", "--bara", name);
      expect(one.code, one.err).toBe(0);
      expect(readdirSync(join(d, "out", "2024"), { recursive: true }).filter((f) => statSync(join(d, "out", "2024", String(f))).isFile())).toEqual([name]);
      expect(readFileSync(join(d, "out", "2024", name)).equals(readFileSync(join(dir, "out", "2024", name))), name).toBe(true);
    }
  });

  it("reads, of the other round files, only last year's: a broken file for another year does not stop it", async () => {
    const d = project();
    writeFileSync(join(d, "rounds", "2019.yaml"), "år: [");
    expect((await build(d, "rounds/2024.yaml", "--bara", "tjansteutlatande.pdf")).code).toBe(0);
    // Last year's file is read, and its errors stop this year's build.
    edit(d, "rounds/2023.yaml", "titel:", "titl:");
    const broken = await build(d, "rounds/2024.yaml", "--bara", "tjansteutlatande.pdf");
    expect(broken.code).toBe(1);
    expect(broken.err).toContain("[foregaende-ar-trasigt]");
  });

  it("answers a name that is no file of the round, or a wrong command, with what to write, and writes nothing", async () => {
    const d = project();
    const cases: [string[], RegExp][] = [
      [["rounds/2024.yaml", "--bara"], /--bara behöver namnet på en fil/],
      [["rounds/2024.yaml", "--bara", "tjansteutlatande.xls"], /det är ingen fil som ett år har.*\.docx, \.pdf, \.txt, \.html/],
      [["rounds/2024.yaml", "--bara", "../2023/tjansteutlatande.pdf"], /det är ingen fil som ett år har/],
      [["--bara", "tjansteutlatande.pdf"], /--bara gäller en omgångsfil/],
      [["rounds/2023.yaml", "rounds/2024.yaml", "--bara", "tjansteutlatande.pdf"], /--bara gäller en omgångsfil/],
      [["rounds/2024.yaml", "--bara", "beslutsmeddelanden/ingen-sadan.pdf"], /rounds\/2024\.yaml har inget dokument beslutsmeddelanden\/ingen-sadan\.pdf/],
    ];
    for (const [args, message] of cases) {
      const result = await build(d, ...args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.err, args.join(" ")).toMatch(message);
      expect(readdirSync(d)).not.toContain("out");
    }
  });
});

describe("the key of the tool", () => {
  it("holds the versions of Node, ICU, Unicode and zlib (node:zlib writes the PDF streams)", async () => {
    const now = await toolFingerprint(ROOT, { ...process.versions });
    for (const name of ["node", "icu", "unicode", "zlib"] as const) {
      expect(await toolFingerprint(ROOT, { ...process.versions, [name]: "0.0" }), name).not.toBe(now);
    }
    expect(await toolFingerprint(ROOT, { ...process.versions, v8: "0.0" })).toBe(now);
  });
});

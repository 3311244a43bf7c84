// The one door (src/files/read-project-file.ts), walked through every
// command and entry point that reads a project file: check, build (with
// out/.indata.json present, as after any build), the incremental
// fingerprint of the tool, the preview, the import (its round file and its
// spreadsheet), ny-omgang, diff and textconv. Each meets each hostile kind
// of file: a FIFO (reading waits forever), a link to /dev/zero (never ends),
// a link to a secret outside the project, a link to /etc/shadow, and a
// sparse file of 6 GB. None may hang (each call must finish within a
// generous bound), grow past a bound in memory, or print what it should not
// have read.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main as cli } from "../src/cli.js";
import { main as diff } from "../src/diff-cli.js";
import { readProjectFile } from "../src/files/read-project-file.js";
import { main as importera } from "../src/importera.js";
import { toolFingerprint } from "../src/incremental.js";
import { main as nyOmgang } from "../src/ny-omgang.js";
import { startPreview } from "../src/preview/server.js";

const ROOT = join(import.meta.dirname, "..");
/** Long enough for a slow, shared machine; a read of a FIFO or /dev/zero never ends at all. */
const BOUND_MS = 120_000;
/** What one call may add to this process's memory: far below the gigabytes of /dev/zero, far above any real work here. */
const GROWTH_BYTES = 600 * 1024 * 1024;

const SECRET = "HEMLIGT-TOKEN-4711";
const secretFile = join(mkdtempSync(join(tmpdir(), "lum-secret-")), "token");
writeFileSync(secretFile, `${SECRET}\ntitel: ${SECRET}\n`);
/** The first line of /etc/shadow, when this process may read it (it must never be printed). */
const shadowLine = (() => {
  try {
    return readFileSync("/etc/shadow", "utf8").split("\n")[0] || undefined;
  } catch {
    return undefined;
  }
})();

const KINDS: Record<string, (path: string) => void> = {
  fifo: (path) => execFileSync("mkfifo", [path]),
  "/dev/zero": (path) => symlinkSync("/dev/zero", path),
  "link out of the project": (path) => symlinkSync(secretFile, path),
  "/etc/shadow": (path) => symlinkSync("/etc/shadow", path),
  "6 GB file": (path) => {
    writeFileSync(path, "");
    truncateSync(path, 6 * 1024 ** 3);
  },
};

/** A project with 2024 and 2025, the templates (ny-omgang copies them) and the record of an earlier build. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "lum-door-"));
  mkdirSync(join(dir, "rounds"));
  for (const year of ["2024", "2025"]) cpSync(join(ROOT, "rounds", `${year}.yaml`), join(dir, "rounds", `${year}.yaml`));
  cpSync(join(ROOT, "templates"), join(dir, "templates"), { recursive: true });
  mkdirSync(join(dir, "out"));
  writeFileSync(join(dir, "out", ".indata.json"), JSON.stringify({ format: 2, run: { key: "förra", years: [], diagnostics: [] }, years: {} }));
  return dir;
}

type Outcome = { code: number | null; said: string };

/** Runs `call` within the bound, and checks what it printed and how much memory it took. */
async function guarded(call: () => Promise<Outcome>): Promise<Outcome> {
  const before = process.memoryUsage().rss;
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    call(),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${BOUND_MS / 1000} s: it hangs`)), BOUND_MS))),
  ]).finally(() => clearTimeout(timer));
  expect(process.memoryUsage().rss - before).toBeLessThan(GROWTH_BYTES);
  expect(outcome.said).not.toContain(SECRET);
  if (shadowLine) expect(outcome.said).not.toContain(shadowLine);
  return outcome;
}

const collect = () => {
  const lines: string[] = [];
  return { lines, io: { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) } };
};

/** What each entry point is, given a project `dir` whose file `rounds/2026.yaml` (or the spreadsheet) is hostile. */
const ENTRY_POINTS: Record<string, { place: string; run: (dir: string) => Promise<Outcome>; expectRefused: boolean }> = {
  check: {
    place: "rounds/2026.yaml",
    expectRefused: true,
    run: async (dir) => {
      const { lines, io } = collect();
      return { code: await cli(["check"], { ...io, cwd: dir }), said: lines.join("\n") };
    },
  },
  "build, with out/.indata.json present": {
    place: "rounds/2026.yaml",
    expectRefused: true,
    run: async (dir) => {
      const { lines, io } = collect();
      const code = await cli(["build"], { ...io, cwd: dir });
      // Stopped on the file: nothing built.
      expect(readdirSync(join(dir, "out"))).toEqual([".indata.json"]);
      return { code, said: lines.join("\n") };
    },
  },
  "the incremental fingerprint of the tool (templates/)": {
    place: "templates/2024/fientlig.md.hbs",
    expectRefused: false,
    run: async (dir) => ({ code: (await toolFingerprint(dir)).length === 64 ? 0 : 1, said: "" }),
  },
  "the preview, at start-up and on its page": {
    place: "rounds/2026.yaml",
    expectRefused: true,
    run: async (dir) => {
      const log: string[] = [];
      const preview = await startPreview({ cwd: dir, port: 0, templateRoot: join(dir, "templates"), log: (l) => log.push(l) });
      try {
        const page = await (await fetch(new URL("/2026/", preview.url))).text();
        return { code: page.includes("rounds/2026.yaml har fel") ? 1 : 0, said: `${log.join("\n")}\n${page}` };
      } finally {
        await preview.close();
      }
    },
  },
  "the import, into that round file": {
    place: "rounds/2026.yaml",
    expectRefused: true,
    run: async (dir) => {
      writeFileSync(join(dir, "ansokningar.csv"), "Fond;Förvaltning;Projekt;Sökt belopp\nLUM;Socialförvaltningen;Prov;100 000\n");
      const { lines, io } = collect();
      const code = await importera(["ansokningar.csv", "--ar", "2026"], { ...io, cwd: dir, colour: false });
      return { code, said: lines.join("\n") };
    },
  },
  "the import, of that spreadsheet": {
    place: "ansokningar-2025.csv",
    expectRefused: true,
    run: async (dir) => {
      const { lines, io } = collect();
      const code = await importera(["ansokningar-2025.csv"], { ...io, cwd: dir, colour: false });
      return { code, said: lines.join("\n") };
    },
  },
  "ny-omgang, beside the round it starts from": {
    place: "rounds/2026.yaml",
    expectRefused: false,
    run: async (dir) => {
      const { lines, io } = collect();
      const code = await nyOmgang(["2027"], { ...io, cwd: dir, templateRoot: join(dir, "templates") });
      return { code, said: lines.join("\n") };
    },
  },
  "ny-omgang --från it": {
    place: "rounds/2026.yaml",
    expectRefused: true,
    run: async (dir) => {
      const { lines, io } = collect();
      const code = await nyOmgang(["2027", "--från", "rounds/2026.yaml"], { ...io, cwd: dir, templateRoot: join(dir, "templates") });
      return { code, said: lines.join("\n") };
    },
  },
  "diff, of it": {
    place: "rounds/2026.yaml",
    expectRefused: true,
    run: async (dir) => {
      const { lines, io } = collect();
      const code = await diff(["rounds/2025.yaml", "rounds/2026.yaml"], { ...io, cwd: dir, colour: false });
      return { code, said: lines.join("\n") };
    },
  },
  "diff, beside it": {
    place: "rounds/2026.yaml",
    expectRefused: false,
    run: async (dir) => {
      const { lines, io } = collect();
      const code = await diff(["rounds/2024.yaml", "rounds/2025.yaml"], { ...io, cwd: dir, colour: false });
      return { code, said: lines.join("\n") };
    },
  },
  textconv: {
    place: "ut.docx",
    expectRefused: true,
    run: (dir) =>
      new Promise((resolve, reject) => {
        const child = spawn(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "src", "textconv.ts"), "ut.docx"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
        let said = "";
        child.stdout.on("data", (d) => (said += d));
        child.stderr.on("data", (d) => (said += d));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, said }));
      }),
  },
};

/** The Swedish words of each refusal, as the user reads them. */
const REFUSED = /namngiven pipe \(FIFO\)|enhetsfil|utanför projektet|mer än de \d+ MB/;

describe.each(Object.entries(KINDS))("a hostile file (%s)", (kind, make) => {
  it.each(Object.entries(ENTRY_POINTS))("%s: refused unread, no hang, no leak", async (_name, entry) => {
    const dir = project();
    try {
      make(join(dir, entry.place));
      const outcome = await guarded(() => entry.run(dir));
      if (entry.expectRefused) {
        expect(outcome.code, outcome.said).not.toBe(0);
        expect(outcome.said).toMatch(REFUSED);
        // A round file's refusal comes with the check's own code.
        if (entry.place.startsWith("rounds/") && !entry.place.endsWith("csv") && outcome.said.includes("[")) {
          expect(outcome.said).toMatch(/\[(fil-inte-vanlig|fil-utanfor-projektet|fil-for-stor)\]/);
        }
      } else {
        expect(outcome.code, outcome.said).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, BOUND_MS + 30_000);
});

describe("a rounds/ folder that is a link out of the project", () => {
  function linkedProject(): string {
    const dir = project();
    const elsewhere = mkdtempSync(join(tmpdir(), "lum-elsewhere-"));
    for (const name of readdirSync(join(dir, "rounds"))) cpSync(join(dir, "rounds", name), join(elsewhere, name));
    writeFileSync(join(elsewhere, "2026.yaml"), `år: 2026\ntitel: ${SECRET}\n`);
    rmSync(join(dir, "rounds"), { recursive: true });
    symlinkSync(elsewhere, join(dir, "rounds"));
    return dir;
  }

  it("check and the preview refuse every file in it, and show none of them", async () => {
    const dir = linkedProject();
    const checked = await guarded(ENTRY_POINTS.check!.run.bind(null, dir));
    expect(checked.code).toBe(1);
    expect(checked.said).toContain("Filen rounds/2026.yaml är en länk till en fil utanför projektet och läses inte. [fil-utanfor-projektet]");
    const previewed = await guarded(ENTRY_POINTS["the preview, at start-up and on its page"]!.run.bind(null, dir));
    expect(previewed.said).toContain("länk till en fil utanför projektet");
  });

  it("ny-omgang writes nothing there, and says why", async () => {
    const dir = linkedProject();
    const { lines, io } = collect();
    const code = await nyOmgang(["2027"], { ...io, cwd: dir, templateRoot: join(dir, "templates") });
    expect(code).toBe(1);
    expect(lines.join("\n")).toContain("rounds/ är en länk till en mapp utanför projektet; ny-omgang skriver inte dit. Inget har skrivits.");
    expect(existsSync(join(dir, "rounds", "2027.yaml"))).toBe(false);
  });
});

describe("readProjectFile", () => {
  it("reads a regular file, and one linked inside the project", async () => {
    const dir = project();
    symlinkSync(join(dir, "rounds", "2025.yaml"), join(dir, "rounds", "kopia.yaml"));
    const read = await readProjectFile(join(dir, "rounds", "kopia.yaml"), { root: dir, maxBytes: 5 * 1024 * 1024 });
    expect(read.ok && read.bytes.toString("utf8")).toBe(readFileSync(join(ROOT, "rounds", "2025.yaml"), "utf8"));
  });

  it("counts the size on what it reads: /proc/self/pagemap says 0 bytes and gives gigabytes", async () => {
    const read = await readProjectFile("/proc/self/pagemap", { maxBytes: 1024 * 1024 });
    expect(read.ok ? "read" : read.refusal.reason).toBe("too-big");
  });
});

describe("templates, which are read while a round is checked and composed", () => {
  it.each([
    ["fifo", KINDS.fifo!],
    ["/dev/zero", KINDS["/dev/zero"]!],
  ])("a template that is a %s is named in a Swedish message, never read", async (_kind, make) => {
    const { checkWording } = await import("../src/check/wording.js");
    const { deriveFigures } = await import("../src/derive/figures.js");
    const { loadRoundFile } = await import("../src/load/load-round.js");
    const dir = mkdtempSync(join(tmpdir(), "lum-templates-"));
    cpSync(join(ROOT, "templates"), dir, { recursive: true });
    const set = readdirSync(dir).filter((n) => /^\d{4}$/.test(n) && Number(n) <= 2025).sort().at(-1)!;
    make(join(dir, set, "fientlig.md.hbs"));
    const loaded = await loadRoundFile(join(ROOT, "rounds", "2025.yaml"));
    if (!loaded.ok) throw new Error("test setup: rounds/2025.yaml does not load");
    const found = await guarded(async () => {
      const diagnostics = checkWording(loaded.round, deriveFigures(loaded.round), dir);
      return { code: diagnostics.length, said: diagnostics.map((d) => d.message).join("\n") };
    });
    expect(found.said).toMatch(/^Texten går inte att använda: .*fientlig\.md\.hbs är (en namngiven pipe \(FIFO\)|en enhetsfil), inte en vanlig fil, och läses inte\.$/m);
  });
});

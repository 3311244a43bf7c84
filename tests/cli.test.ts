// The command line as the secretary meets it: a broken round file gives a
// Swedish message with file, line and column, exit code 1, and out/ is left
// exactly as it was.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { main } from "../src/cli.js";

const ROOT = join(import.meta.dirname, "..");
let dir: string;
let out: string[];
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lum-cli-"));
  cpSync(join(ROOT, "rounds"), join(dir, "rounds"), { recursive: true });
  mkdirSync(join(dir, "out", "2024"), { recursive: true });
  writeFileSync(join(dir, "out", "2024", "tjansteutlatande.docx"), "förra bygget");
  out = [];
  err = [];
});

const run = (...args: string[]) => main(args, { out: (l) => out.push(l), err: (l) => err.push(l), cwd: dir });

function snapshotOut(): string {
  const walk = (d: string): string[] =>
    readdirSync(d).sort().flatMap((n) => {
      const p = join(d, n);
      return statSync(p).isDirectory() ? walk(p) : [`${p}:${readFileSync(p).toString("base64")}`];
    });
  return walk(join(dir, "out")).join("\n");
}

function breakRound(find: string, replace: string, file = "rounds/2024.yaml") {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  if (!text.includes(find)) throw new Error(`test setup: "${find}" not in ${file}`);
  writeFileSync(path, text.replace(find, replace));
}

/** The line on which `find` starts (it may span lines). */
const lineOf = (find: string, file = "rounds/2024.yaml") => {
  const text = readFileSync(join(dir, file), "utf8");
  const index = text.indexOf(find);
  if (index < 0) throw new Error(`test setup: "${find}" not in ${file}`);
  return text.slice(0, index).split("\n").length;
};

describe("build", () => {
  it("writes every document of every round into out/<year>/", async () => {
    expect(await run("build")).toBe(0);
    expect(readdirSync(join(dir, "out", "2023")).sort()).toEqual([
      "bilaga-1-ansokningar-lum.docx",
      "bilaga-1-ansokningar-lum.html",
      "bilaga-1-ansokningar-lum.pdf",
      "bilaga-1-ansokningar-lum.txt",
      "bilaga-2-ansokningar-mul.docx",
      "bilaga-2-ansokningar-mul.html",
      "bilaga-2-ansokningar-mul.pdf",
      "bilaga-2-ansokningar-mul.txt",
      "index.html",
      "tjansteutlatande-med-bilagor.pdf",
      "tjansteutlatande.docx",
      "tjansteutlatande.html",
      "tjansteutlatande.pdf",
      "tjansteutlatande.txt",
    ]);
    // 2024 has its meeting recorded: minutes, letters and anmälningsärenden too.
    const y2024 = readdirSync(join(dir, "out", "2024"));
    for (const name of ["tjansteutlatande.docx", "protokollsutdrag.docx", "redovisning.docx", "beslutsmeddelanden", "anmalningsarenden"]) {
      expect(y2024).toContain(name);
    }
    expect(readdirSync(join(dir, "out", "2025")).sort()).toEqual(["index.html", "inriktning.docx", "inriktning.html", "inriktning.pdf", "inriktning.txt"]);
    expect(out.join("\n")).toContain("Inget protokollsutdrag, inga beslutsmeddelanden och inga anmälningsärenden ännu");
    // Every document a year leaves out is named under the year, with why and where its condition stands.
    const after2024 = out.slice(out.findIndex((l) => l.startsWith("rounds/2024.yaml")));
    expect(after2024).toContain("  Byggs inte, eftersom filen har ansökningar: inriktning (villkoret när: i templates/2024/dokument.yaml, rad 85).");
    expect(readFileSync(join(dir, "out", "2024", "tjansteutlatande.docx")).subarray(0, 2).toString()).toBe("PK");
    // Nothing left over from writing; the one hidden file is the record of what was built from what.
    expect(readdirSync(join(dir, "out")).filter((n) => n.startsWith("."))).toEqual([".indata.json"]);
  });

  it("finishes a build that was killed after its commit point, and throws away one killed before", async () => {
    // A build killed before its commit left a half-written year behind: thrown away…
    mkdirSync(join(dir, "out", ".bygge", "ny", "2023"), { recursive: true });
    writeFileSync(join(dir, "out", ".bygge", "ny", "2023", "tjansteutlatande.docx"), "halv");
    expect(await run("check")).toBe(0);
    breakRound("år: 2024", "år: [");
    expect(await run("build")).toBe(1);
    expect(readdirSync(join(dir, "out"))).toEqual(["2024"]);
    expect(readFileSync(join(dir, "out", "2024", "tjansteutlatande.docx"), "utf8")).toBe("förra bygget");
    // …one killed after it, between 2024's two renames, is finished by the next build.
    mkdirSync(join(dir, "out", ".bygge", "ny", "2024"), { recursive: true });
    writeFileSync(join(dir, "out", ".bygge", "ny", "2024", "tjansteutlatande.docx"), "nytt bygge");
    mkdirSync(join(dir, "out", ".bygge", "gammal"), { recursive: true });
    cpSync(join(dir, "out", "2024"), join(dir, "out", ".bygge", "gammal", "2024"), { recursive: true });
    rmSync(join(dir, "out", "2024"), { recursive: true });
    writeFileSync(join(dir, "out", ".bygge", "klar"), "2024\n");
    expect(await run("build")).toBe(1);
    expect(readdirSync(join(dir, "out"))).toEqual(["2024"]);
    expect(readFileSync(join(dir, "out", "2024", "tjansteutlatande.docx"), "utf8")).toBe("nytt bygge");
  });

  it("stops on a YAML syntax error with file, line and column, and leaves out/ alone", async () => {
    const before = snapshotOut();
    breakRound("  namn: Anna Andersson", "  namn: Anna Andersson\n telefon 08");
    expect(await run("build")).toBe(1);
    const message = err.join("\n");
    expect(message).toMatch(/rounds\/2024\.yaml:\d+:\d+: fel: Filen går inte att läsa som YAML/);
    expect(message).toContain("Inga dokument har skrivits eller ändrats i out/");
    expect(snapshotOut()).toBe(before);
    expect(readdirSync(join(dir, "out"))).toEqual(["2024"]);
  });

  it("points a wrong value at its own line, deep in the file", async () => {
    const before = snapshotOut();
    breakRound("    sökt: 460 000             # PLATSHÅLLARE", "    sökt: fyrahundra");
    const line = lineOf("    sökt: fyrahundra");
    expect(await run("build")).toBe(1);
    const message = err.join("\n");
    expect(message).toContain(`rounds/2024.yaml:${line}:11: fel: "sökt" i LUM-ansökan nr 11 ska vara ett belopp i hela kronor`);
    expect(message).toContain(`  ${line} |     sökt: fyrahundra`);
    expect(message).toContain("^^^^^^^^^^");
    expect(snapshotOut()).toBe(before);
  });

  it("names an unknown key and suggests the nearest known one", async () => {
    breakRound("    projekt: Digital Lots för samsjukliga", "    projket: Digital Lots för samsjukliga");
    const line = lineOf("projket:");
    expect(await run("check")).toBe(1);
    const message = err.join("\n");
    expect(message).toContain(`rounds/2024.yaml:${line}:5: fel: Nyckeln "projket" är okänd här. Menade du "projekt"?`);
    // The missing key is reported too, at the application it belongs to.
    expect(message).toContain('"projekt" i LUM-ansökan nr 4 saknas.');
  });

  it("reports every broken file in one run", async () => {
    breakRound("år: 2023", "år: tjugotjugotre", "rounds/2023.yaml");
    breakRound("datum: 2023-12-12", "datum: 2023-13-12");
    expect(await run("build")).toBe(1);
    const message = err.join("\n");
    expect(message).toContain(`rounds/2023.yaml:${lineOf("år: tjugotjugotre", "rounds/2023.yaml")}:5: fel: "år"`);
    expect(message).toMatch(/rounds\/2024\.yaml:\d+:8: fel: "datum" är inte ett datum som finns i kalendern/);
  });

  it("says what to do about a missing file, with exit code 1", async () => {
    expect(await run("build", "rounds/2031.yaml")).toBe(1);
    expect(err.join("\n")).toContain("rounds/2031.yaml: fel: Filen rounds/2031.yaml finns inte eller kan inte läsas.");
  });

  it("answers wrong usage with the usage text and exit code 2", async () => {
    expect(await run("bygg")).toBe(2);
    expect(err.join("\n")).toContain("Användning:");
    expect(await run("build", "--snabbt")).toBe(2);
  });
});

describe("check", () => {
  it("prints five different mistakes in one run, each with its line", async () => {
    breakRound("      motivering: bedöms ligga utanför socialtjänstens verksamhetsområde.\n", "");
    breakRound("      belopp: 250 000\n      motivering: bedöms kunna genomföras med en reducerad summa av ansökta medel.\n\n  - nr: 6", "      belopp: 650 000\n      motivering: bedöms kunna genomföras med en reducerad summa av ansökta medel.\n\n  - nr: 6");
    breakRound("  - nr: 10\n", "  - nr: 9\n");
    breakRound("    projekt: Tidigt stöd till minderåriga EU-medborgare\n    projektår: 3", "    projekt: Tidigt stöd till minderåriga EU-medborgare\n    projektår: 4");
    breakRound("    resmål: Gotland\n    syfte: Verksamhetsbesök\n    sökt: 25 000\n    beslut:\n      utfall: bifall\n", "    resmål: Gotland\n    syfte: Verksamhetsbesök\n    sökt: 25 000\n    beslut:\n      utfall: bifall\n      samordnas_med: [12]\n");
    expect(await run("check", "rounds/2024.yaml")).toBe(1);
    const message = err.join("\n");
    const reported = [...message.matchAll(/^rounds\/2024\.yaml:(\d+):\d+: fel: .*\[([a-z-]+)\]$/gm)].map((m) => [Number(m[1]), m[2]]);
    expect(reported).toEqual([
      [lineOf("projektår: 4"), "for-manga-ar"],
      [lineOf("belopp: 650 000"), "beviljat-over-sokt"],
      [lineOf("belopp: 650 000"), "over-maxbelopp"],
      [lineOf("  - nr: 9\n    id: felaktiga"), "nr-dubblett"],
      [lineOf("utfall: avslag\n\n  - nr: 12"), "motivering-saknas"],
      [lineOf("samordnas_med: [12]"), "samordning-saknas"],
    ]);
  });
});

describe("placeholders", () => {
  it("a build names a file's placeholders in one warning and marks the documents UTKAST; check lists each; --strict stops", async () => {
    expect(await run("build", "rounds/2024.yaml")).toBe(0);
    const built = err.join("\n");
    expect(built.match(/\[platshallare-i-filen\]/g)).toHaveLength(1);
    expect(built).not.toContain("[platshallare]");
    expect(built).toMatch(/^rounds\/2024\.yaml: varning: \d+ uppgifter är märkta PLATSHÅLLARE \(rad 13, 14, /m);
    expect(out.join("\n")).toMatch(/UTKAST: \d+ uppgifter är märkta PLATSHÅLLARE, så dokumenten är märkta UTKAST\./);
    expect(readFileSync(join(dir, "out", "2024", "tjansteutlatande.txt"), "utf8")).toMatch(/^UTKAST – \d+ platshållare kvar\./m);
    err.length = 0;
    expect(await run("check", "rounds/2024.yaml")).toBe(0);
    expect(err.join("\n")).toContain(`rounds/2024.yaml:${lineOf('dnr: "3.2-0000/2023"')}:6: varning: "dnr" ("3.2-0000/2023") är märkt PLATSHÅLLARE`);
    expect(await run("build", "--strict", "rounds/2024.yaml")).toBe(1);
  });

  it("a round without placeholders is built without UTKAST", async () => {
    const path = join(dir, "rounds", "2024.yaml");
    writeFileSync(path, readFileSync(path, "utf8").replace(/#.*PLATSHÅLLARE.*$/gm, ""));
    expect(await run("build", "rounds/2024.yaml")).toBe(0);
    expect(err.join("\n")).not.toContain("PLATSHÅLLARE");
    expect(readFileSync(join(dir, "out", "2024", "tjansteutlatande.txt"), "utf8")).not.toContain("UTKAST");
  });
});

describe("check, on a file copied from last year", () => {
  it("names every leftover and copy-paste mistake of issue 10 in one run, each at its line", async () => {
    // The secretary copies 2024 to 2026, changes the year and pastes in three Farsta applications.
    const text = readFileSync(join(dir, "rounds/2024.yaml"), "utf8").replace("år: 2024", "år: 2026");
    writeFileSync(join(dir, "rounds/2026.yaml"), text);
    const file = "rounds/2026.yaml";
    breakRound("    projekt: Digital Lots för samsjukliga", "    projekt: Språkombud #2 – fortsättning", file);
    breakRound("    förvaltning: Kungsholmen\n    projekt: Hur kan", "    förvaltning: Farsta sdf\u00a0\u200b\n    projekt: Hur kan", file);
    breakRound("    förvaltning: Hässelby-Vällingby\n    projekt: Framtidens", "    förvaltning: farsta stadsdelsförvaltning\n    projekt: Framtidens", file);
    breakRound("    förvaltning: Skarpnäck\n    projekt: Familjeorienterat", "    förvaltning: Skarpnack\n    projekt: Familjeorienterat", file);
    breakRound("    beslut:\n      utfall: avslag\n      motivering: bedöms ligga utanför", "    beslut:\n    utfall: avslag\n    motivering: bedöms ligga utanför", file);
    expect(await run("check", file)).toBe(1);
    const message = err.join("\n");
    const reported = [...message.matchAll(/^rounds\/2026\.yaml:(\d+):\d+: (fel|varning|notering): .*\[([a-z-]+)\]$/gm)]
      .filter((m) => m[3] !== "platshallare")
      .map((m) => [Number(m[1]), m[3]]);
    const at = (find: string) => lineOf(find, file);
    expect(reported).toEqual([
      [at("Språkombud #2"), "text-avklippt"],
      [at("Farsta sdf"), "text-rensad"],
      [at("    utfall: avslag\n    motivering: bedöms ligga"), "ogiltigt-varde"],
    ]);
    // Keys not indented stop the reading of the file; with them fixed, the rest shows at once.
    breakRound("    beslut:\n    utfall: avslag\n    motivering: bedöms ligga utanför", "    beslut:\n      utfall: avslag\n      motivering: bedöms ligga utanför", file);
    err.length = 0;
    expect(await run("check", file)).toBe(1);
    const again = [...err.join("\n").matchAll(/^rounds\/2026\.yaml:(\d+):\d+: (fel|varning|notering): .*\[([a-z-]+)\]$/gm)]
      .filter((m) => m[3] !== "platshallare")
      .map((m) => [Number(m[1]), m[3]])
      .sort((a, b) => (a[0] as number) - (b[0] as number));
    expect(again).toEqual(
      [
        [at("titel: Fördelning"), "ar-stammer-inte"],
        [at("dnr: "), "ar-stammer-inte"],
        [at("datum: 2023-12-12"), "ar-stammer-inte"],
        [at("  förvaltningsgruppen: 2023"), "ar-stammer-inte"],
        [at("  funktionshinderrådet: 2023"), "ar-stammer-inte"],
        [at("återbetalning_senast"), "ar-stammer-inte"],
        [at("  datum: 2024-01-23"), "ar-stammer-inte"],
        // The redovisning of last year's projects, a case of its own with its own Dnr and date.
        [at('  dnr: "3.2-0001/2024"'), "ar-stammer-inte"],
        [at("  datum: 2024-04-16"), "ar-stammer-inte"],
        ...[...text.matchAll(/^ {4}(dnr|datum): .*$/gm)].map((m) => [text.slice(0, m.index).split("\n").length, "ar-stammer-inte"]),
        // 2025 is an inriktning without applications: continuing projects cannot be checked against it.
        [at("    projektår: 3\n    sökt: 300 000"), "foregaende-omgang-saknas"],
        [at("Språkombud #2"), "text-avklippt"],
        [at("Farsta sdf"), "text-rensad"],
        [at("farsta stadsdelsförvaltning") + 4, "max-per-forvaltning"],
      ].sort((a, b) => (a[0] as number) - (b[0] as number)),
    );
    // Three spellings of Farsta are one förvaltning, and "Skarpnack" is Skarpnäck: no unknown names.
    expect(err.join("\n")).toContain("Farsta beviljas 3 LUM-ansökningar, men högst 2 får beviljas per förvaltning");
    expect(err.join("\n")).not.toContain("okand-forvaltning");
  });
});

describe("exceptions", () => {
  it("turn a rule's error into a note with its reason, and the build goes on", async () => {
    breakRound("  max_beviljade_lum_per_förvaltning: 2", "  max_beviljade_lum_per_förvaltning: 1");
    breakRound(
      "      utfall: avslag\n      motivering: bedöms inte uppfylla huvudkriteriet om nya arbetssätt/metoder.\n\n  - nr: 14",
      "      utfall: bifall\n      undantag:\n        - regel: max-per-forvaltning\n          motivering: Nämnden vill pröva metoden i två verksamheter.\n\n  - nr: 14",
    );
    expect(await run("build", "rounds/2024.yaml")).toBe(0);
    const message = err.join("\n");
    expect(message).toMatch(/rounds\/2024\.yaml:\d+:\d+: notering: Undantag från regeln max-per-forvaltning: Farsta beviljas 2 LUM-ansökningar, men högst 1 får beviljas per förvaltning\. Motivering: Nämnden vill pröva metoden i två verksamheter\. \[undantag\]/);
    expect(message).not.toContain("[max-per-forvaltning]");
    expect(message).not.toContain("oanvant-undantag");
  });
});

describe("the real command", () => {
  it("prints no stack trace for a broken file", async () => {
    breakRound("lum:", "lum: [");
    const result = await promisify(execFile)(process.execPath, [join(ROOT, "scripts", "run.mjs"), "cli", "build"], { cwd: dir }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/rounds\/2024\.yaml:\d+:\d+: fel:/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
